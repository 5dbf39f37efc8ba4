"""The write rules of pupil documentation in a push (issue 11).

- A note, an extra anpassning or an åtgärdsprogram reference is about a
  pupil the teacher teaches (pupil in P); any other pupil is "not found",
  exactly like an id that does not exist (push_validation.in_scope).
- Only a note's author changes or deletes it: a colleague who may read a
  note may not rewrite another teacher's documentation.
- A new note says who may see it. "mentors" needs a pupil who has a
  mentor in Klassbok (a teacher of an activity with a mentor group the
  pupil is in): otherwise nobody but the author would ever read it, which
  the author did not mean, so it is refused with the reason.
- A term is a term code (HT2026); an extra anpassning says what it is; an
  end date is not before the start.

Every refusal says why in English (the app shows its Swedish translation).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from server.services.sync.push_context import OpRejected, PushContext
from server.tables import synced
from sync_protocol.entities import EntitySpec
from sync_protocol.terms import parse_term

NOT_AUTHOR = "only the note's author can change or delete it"
NO_MENTOR = (
    "{who} has no mentor in Klassbok, so a note for the mentor(s) would be read by "
    "no one but you; choose only me or the pupil's teachers"
)
NO_VISIBILITY = "a new note must say who may see it (private, mentors or teachers)"


def check_documentation_write(
    ctx: PushContext, spec: EntitySpec, values: Mapping[str, Any], changed: set[str]
) -> None:
    """OpRejected when the record, as `values` leave it, breaks a documentation rule."""
    if spec.kind == "pupil_note":
        _check_note(ctx, values, changed)
    elif spec.kind == "support_adjustment":
        if "what" in changed and not str(values["what"]).strip():
            raise OpRejected("an extra adjustment must say what it is")
        _check_dates(values.get("start_date"), values.get("end_date"))


def check_documentation_delete(ctx: PushContext, spec: EntitySpec, row: Mapping[str, Any]) -> None:
    if spec.kind == "pupil_note":
        _check_author(ctx, row)


def _check_author(ctx: PushContext, values: Mapping[str, Any]) -> None:
    # A note being made has no created_by yet: the pusher is its author.
    author = values.get("created_by", ctx.pusher.person_id)
    if author != ctx.pusher.person_id:
        raise OpRejected(NOT_AUTHOR)


def _check_note(ctx: PushContext, values: Mapping[str, Any], changed: set[str]) -> None:
    _check_author(ctx, values)
    creating = "created_by" not in values
    if creating and values.get("visibility") is None and ctx.schema_version >= 3:
        raise OpRejected(NO_VISIBILITY)
    if "visibility" in changed and values.get("visibility") == "mentors":
        pupil_id = values["pupil_id"]
        if not has_mentor(ctx, pupil_id):
            pupil = ctx.row("person", pupil_id)
            who = "The pupil" if pupil is None else f"{pupil['given_name']} {pupil['family_name']}"
            raise OpRejected(NO_MENTOR.format(who=who))
    if "term" in changed and values.get("term") is not None:
        try:
            parse_term(str(values["term"]))
        except ValueError:
            raise OpRejected("pupil_note.term: not a term code like HT2026 or VT2027") from None


def _check_dates(start: Any, end: Any) -> None:
    if start is not None and end is not None and end < start:
        raise OpRejected("the end date is before the start date")


def has_mentor(ctx: PushContext, pupil_id: uuid.UUID) -> bool:
    """Whether a teacher teaches an activity with a mentor group the pupil is in this term."""
    if pupil_id in ctx.scope.mentored:
        return True
    key = ("has_mentor", pupil_id)
    if key not in ctx.memo:
        term = ctx.scope.term
        group = synced["group"]
        membership = synced["group_membership"]
        activity_group = synced["activity_group"]
        activity_teacher = synced["activity_teacher"]
        activity = synced["activity"]
        query = (
            select(activity_teacher.c.teacher_id)
            .join(activity, activity.c.id == activity_teacher.c.activity_id)
            .join(activity_group, activity_group.c.activity_id == activity.c.id)
            .join(group, group.c.id == activity_group.c.group_id)
            .join(membership, membership.c.group_id == group.c.id)
            .where(
                membership.c.person_id == pupil_id,
                membership.c.deleted.is_(False),
                membership.c.start_date <= term.end,
                (membership.c.end_date.is_(None)) | (membership.c.end_date >= term.start),
                group.c.group_type == "mentor",
                group.c.deleted.is_(False),
                activity_group.c.deleted.is_(False),
                activity.c.deleted.is_(False),
                activity_teacher.c.deleted.is_(False),
            )
            .limit(1)
        )
        ctx.memo[key] = ctx.conn.execute(query).first() is not None
    return bool(ctx.memo[key])
