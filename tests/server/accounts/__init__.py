"""Server tests: accounts (mirrors server/services/accounts)."""
