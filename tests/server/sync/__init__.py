"""Server tests: sync (mirrors server/services/sync)."""
