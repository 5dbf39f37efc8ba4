"""Server tests: access (mirrors server/services/access)."""
