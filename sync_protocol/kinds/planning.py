"""Planning: unit plans (LPP) and lesson plans.

Schema 3 (issue 11) adds a unit's picks from the curriculum catalogue
(`curriculum`: subject code, version and item ids, as JSON, see
sync_protocol.planning_documents), its status (draft / published; None, as a
unit made before, is a draft), and a lesson plan's links (JSON list of
http(s) URLs with titles). The picks and the links are one value each
(LATEST_WINS): a word merge of two JSON texts could make one that is not.
"""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import IMMUT, LATEST, TEXT, D, E, S, T, U, f
from sync_protocol.planning_documents import UNIT_STATUSES

PLANNING_UNIT = EntitySpec(
    "planning_unit",
    (
        f("activity_id", U, IMMUT, ref="activity"),
        f("title", S, TEXT, max_length=200),
        f("aims", T, TEXT, max_length=20000),
        f("central_content", T, TEXT, max_length=20000),
        f("assessment_criteria", T, TEXT, max_length=20000),
        f("start_date", D, LATEST, nullable=True),
        f("end_date", D, LATEST, nullable=True),
        # {"subject": code, "version": n, "items": [catalogue item id, ...]} or "".
        f("curriculum", T, LATEST, max_length=12000, since=3),
        f("status", E, LATEST, nullable=True, choices=UNIT_STATUSES, since=3),
    ),
    Scope.ACTIVITY_CHILD,
    "A unit plan (LPP, lokal pedagogisk planering).",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
)

LESSON_PLAN = EntitySpec(
    "lesson_plan",
    (
        f("lesson_id", U, IMMUT, ref="lesson"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("planning_unit_id", U, LATEST, nullable=True, ref="planning_unit"),
        f("content", T, TEXT, max_length=20000),
        f("homework", T, TEXT, max_length=5000),
        # [{"url": "https://...", "title": "..."}, ...] or "".
        f("links", T, LATEST, max_length=70000, since=3),
    ),
    Scope.ACTIVITY_CHILD,
    "What a lesson will cover.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    natural_key=("lesson_id",),
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (
    PLANNING_UNIT,
    LESSON_PLAN,
)
