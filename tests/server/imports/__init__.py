"""Server tests: imports (mirrors server/services/imports)."""
