"""Server tests: notices (mirrors server/services/notices)."""
