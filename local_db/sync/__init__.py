"""The Qt-free sync client: HTTP (api_client), the steps of a sync (engine)
and the errors a teacher may see (errors)."""
