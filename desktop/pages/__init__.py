"""The main window's pages. Each reads the cache through the task runner
and refreshes itself when local data changes (operation_did_execute)."""
