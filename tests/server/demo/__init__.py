"""Server tests: demo (mirrors server/services/demo)."""
