"""The Klassbok central server: accounts, scope, change feed, merge, notices."""
