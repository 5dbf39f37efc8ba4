"""The local, encrypted, offline cache of the Klassbok desktop app."""
