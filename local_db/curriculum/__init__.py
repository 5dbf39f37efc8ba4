"""The curriculum catalogue in the cache: reads of the synced, read-only
syllabuses (catalogue.py) and a criteria matrix started from them
(matrix_start.py)."""
