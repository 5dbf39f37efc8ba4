"""The curriculum catalogue: the national syllabuses (kursplaner) as read-only reference data.

Imported on the server from files in the shape of Skolverket's Syllabus API
(server.services.curriculum, docs/curriculum.md) and sent to every teacher
with a school (Scope.CATALOGUE); no client writes it.

One `curriculum_subject` row per subject *version*: a new version is a new
row beside the old one, and its items are new rows too, so nothing made from
an old version (a matrix, a plan) ever changes. Items are immutable; their
ids are uuid5 of subject code, version and position (sync_protocol.ids), so
importing the same version again writes nothing.

An item is one paragraph of grading criteria (knowledge_requirement: year
"6"/"9", a grade step, its paragraph number) or one point of central content
(central_content: year band "1-3"/"4-6"/"7-9", its area heading, its place
in the band). `text` is plain text (no HTML, no soft hyphens), so a full-text
index over it (SQLite FTS5 with the cache row's rowid) needs no cleaning;
`value_words` lists the phrases the syllabus marks as value words
(`<strong>`), as a JSON list of strings.
"""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import DT, SERVER, D, E, N, S, T, U, f

#: The kinds of catalogue item.
CENTRAL_CONTENT = "central_content"
KNOWLEDGE_REQUIREMENT = "knowledge_requirement"
ITEM_KINDS = (CENTRAL_CONTENT, KNOWLEDGE_REQUIREMENT)
#: The years the Syllabus API uses for grundskolan.
CONTENT_YEARS = ("1-3", "4-6", "7-9")
CRITERIA_YEARS = ("6", "9")
#: Grade steps a knowledge requirement may name (Lgr22 writes E, C and A).
CRITERIA_GRADE_STEPS = ("E", "D", "C", "B", "A")
#: The longest plain text of one item: it must fit one matrix cell
#: (sync_protocol.assessment_documents.MAX_CELL_TEXT).
MAX_ITEM_TEXT = 3000
#: Credit shown beside catalogue text (CC0 data; Skolverket asks for it).
DEFAULT_SOURCE = "Skolverket"

CURRICULUM_SUBJECT = EntitySpec(
    "curriculum_subject",
    (
        # Skolverket's code, e.g. GRGRMAT01 (may hold Å, Ä, Ö).
        f("code", S, SERVER, max_length=20, since=3),
        f("name", S, SERVER, max_length=100, since=3),
        f("version", N, SERVER, min_value=0, max_value=1_000_000, since=3),
        f("start_date", D, SERVER, nullable=True, since=3),
        f("modified_date", DT, SERVER, nullable=True, since=3),
        # When the file was fetched from Skolverket (the import's date unless told).
        f("retrieved_at", DT, SERVER, since=3),
        # "Skolverket", or what a file says it is (the demo's: demo data).
        f("source", S, SERVER, max_length=200, since=3),
    ),
    Scope.CATALOGUE,
    "One version of a national syllabus (kursplan) in the curriculum catalogue.",
    since=3,
)

CURRICULUM_ITEM = EntitySpec(
    "curriculum_item",
    (
        f("subject_id", U, SERVER, ref="curriculum_subject", since=3),
        # Subject and version again, so every item says where it comes from.
        f("subject_code", S, SERVER, max_length=20, since=3),
        f("subject_version", N, SERVER, min_value=0, max_value=1_000_000, since=3),
        f("item_kind", E, SERVER, choices=ITEM_KINDS, since=3),
        # "1-3" | "4-6" | "7-9" (central content), "6" | "9" (criteria).
        f("year", S, SERVER, max_length=10, since=3),
        # typeOfCentralContent / typeOfRequirement (e.g. SECOND_LANGUAGE); None: the only one.
        f("variant", S, SERVER, nullable=True, max_length=60, since=3),
        f("grade_step", E, SERVER, nullable=True, choices=CRITERIA_GRADE_STEPS, since=3),
        # The area of central content; for criteria, the text's own heading.
        f("heading", S, SERVER, max_length=300, since=3),
        # 1-based: the paragraph of a step's criteria, the point within a year band.
        f("position", N, SERVER, min_value=1, max_value=10_000, since=3),
        f("text", T, SERVER, max_length=MAX_ITEM_TEXT, since=3),
        # JSON list of the value words (<strong>) in `text`; "" for none.
        f("value_words", T, SERVER, max_length=MAX_ITEM_TEXT, since=3),
    ),
    Scope.CATALOGUE,
    "A paragraph of grading criteria or a point of central content of a syllabus version.",
    since=3,
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (CURRICULUM_SUBJECT, CURRICULUM_ITEM)
