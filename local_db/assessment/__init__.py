"""Assessment in the local cache: the gradebook (reading), typed and pasted
values read against each assessment's scale, writes with undo, matrices and
assessments. Qt-free; the desktop runs these on its database worker.

Nothing here turns points or levels into a grade (sync_protocol.grading_rules).
"""
