"""Running the server: backups and restores (docs/deployment.md)."""
