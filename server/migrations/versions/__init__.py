"""Alembic revisions of the server database (shipped as package data)."""
