"""Planning in the cache (issue 11): units (LPP) and lesson plans.

`reads` gives the pages frozen dataclasses (a group's units, a unit with
its picked catalogue items and assessments, the week's lessons with their
plans, the catalogue picker's items); `writes` saves units and plans and
does the local operations on them (copy a unit, copy a plan, shift a unit's
plans past a cancelled lesson). Every write goes through
local_db.edits.save_record or local_db.batch_edits.save_records, so it is
queued for the server and syncs like any edit.
"""
