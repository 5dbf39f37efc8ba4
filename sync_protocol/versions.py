"""Protocol and schema versions carried by every request.

PROTOCOL_VERSION changes when the shape of the conversation changes (new
endpoints, new envelope fields). SCHEMA_VERSION changes when the entity
registry changes (a new kind or field). The server serves the current and the
previous version of each; an older client is told to update and keeps its
outbox until it can send it.
"""

from __future__ import annotations

#: 2: a push says which ops the computer has every answer for
#: (PushBatch.acked_below), so the server can forget their results.
PROTOCOL_VERSION = 2
#: Schema 2: assessment scales, criteria matrices, result points/levels/markers,
#: the no-basis reason of a term grade (issue 10).
#: Schema 3 (issue 11): the curriculum catalogue (curriculum_subject,
#: curriculum_item) and where a criteria matrix started from it; pupil
#: documentation: a note's visibility, date and term, extra anpassningar,
#: åtgärdsprogram references.
SCHEMA_VERSION = 3

#: The oldest versions a server still answers.
MIN_SUPPORTED_PROTOCOL_VERSION = max(1, PROTOCOL_VERSION - 1)
MIN_SUPPORTED_SCHEMA_VERSION = max(1, SCHEMA_VERSION - 1)

PROTOCOL_HEADER = "X-Klassbok-Protocol"
SCHEMA_HEADER = "X-Klassbok-Schema"

#: On a change page: the next page's cursor and whether there is more,
#: readable before the body (which says the same), so a client can ask for
#: the next page while it parses this one. Optional: without them a client
#: asks once it has read the body.
CURSOR_HEADER = "X-Klassbok-Cursor"
HAS_MORE_HEADER = "X-Klassbok-Has-More"


def is_supported(protocol: int, schema: int) -> bool:
    """True when a server of this build can talk to a client with these versions."""
    return (
        MIN_SUPPORTED_PROTOCOL_VERSION <= protocol <= PROTOCOL_VERSION
        and MIN_SUPPORTED_SCHEMA_VERSION <= schema <= SCHEMA_VERSION
    )
