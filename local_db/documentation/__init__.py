"""Pupil documentation in the local cache (issue 11): a pupil's notes, extra
anpassningar and åtgärdsprogram references, read for the Pupils page and
written through the outbox like every edit. Qt-free; the desktop runs these
on its database worker.

The cache holds only what the server sent this teacher: a private note of a
colleague never arrives, and one narrowed away is removed by the divergence
check (docs/scope.md). The rules a write must keep are checked here first, so
the app says what is wrong before anything is queued, and again on the server.
"""

from local_db.documentation.reads import pupil_documentation
from local_db.documentation.views import (
    AdjustmentView,
    NoteView,
    ProgrammeRefView,
    PupilDocumentation,
)
from local_db.documentation.writes import (
    AdjustmentDraft,
    DocumentationRefused,
    NoteDraft,
    Problem,
    ProgrammeRefDraft,
    delete_adjustment,
    delete_note,
    delete_programme_ref,
    note_problem,
    save_adjustment,
    save_note,
    save_programme_ref,
)

__all__ = [
    "AdjustmentDraft",
    "AdjustmentView",
    "DocumentationRefused",
    "NoteDraft",
    "NoteView",
    "Problem",
    "ProgrammeRefDraft",
    "ProgrammeRefView",
    "PupilDocumentation",
    "delete_adjustment",
    "delete_note",
    "delete_programme_ref",
    "note_problem",
    "pupil_documentation",
    "save_adjustment",
    "save_note",
    "save_programme_ref",
]
