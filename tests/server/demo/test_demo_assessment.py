"""The demo school's assessments and term grades (server.services.demo.demo_assessment).

Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from server.db import make_engine
from server.migrations import upgrade_to_head
from server.services.access.scope import compute_scope
from server.services.demo.demo_assessment import previous_term
from server.services.demo.demo_school import DemoSummary
from server.services.sync.push_assessment import ASSESSMENT_KINDS, is_locked
from server.services.sync.push_context import OpRejected, PushContext, Pusher
from server.services.sync.push_validation import check_write
from server.services.sync.term_grade_history import history_of
from server.tables import term_lock, user_account
from sync_protocol import versions
from sync_protocol.assessment_documents import parse_criteria, parse_levels
from sync_protocol.codec import decode_fields, encode_fields
from sync_protocol.entities import entity
from sync_protocol.grading_rules import MATRIX_LEVELS, RULES, SCALE_KINDS
from sync_protocol.ids import natural_id
from tests.server.demo.test_demo_seed import WEDNESDAY, person_id_of, rows, seed


@pytest.fixture(scope="module")
def seeded(database_factory: Callable[[], str]) -> Iterator[tuple[Engine, DemoSummary]]:
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield engine, seed(engine)
    engine.dispose()


def _demo_activities(engine: Engine) -> dict[uuid.UUID, str]:
    """The activities the demo teacher grades: id -> name."""
    demo = person_id_of(engine, "demo")
    graded = {
        r.activity_id
        for r in rows(engine, "activity_teacher")
        if r.teacher_id == demo and r.grader  # not the mentorstid (pupil documentation)
    }
    return {a.id: a.display_name for a in rows(engine, "activity") if a.id in graded}


def test_each_activity_has_assessments_on_its_scales_and_a_matrix(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, _ = seeded
    activities = _demo_activities(engine)
    assessments = rows(engine, "assessment")
    matrices = {m.id: m for m in rows(engine, "criteria_matrix")}

    assert {a.activity_id for a in assessments} == set(activities)
    for activity_id, name in activities.items():
        own = [a for a in assessments if a.activity_id == activity_id]
        assert 4 <= len(own) <= 7, name
        assert len({a.scale_kind for a in own}) >= 3, name
        assert len([m for m in matrices.values() if m.activity_id == activity_id]) == 1, name
    assert {a.scale_kind for a in assessments} == set(SCALE_KINDS)
    tests = [a for a in assessments if a.scale_kind == "points"]
    assert all(a.max_points for a in tests)
    with_limits = [a for a in tests if a.e_limit is not None]
    assert with_limits
    assert len(with_limits) < len(tests)
    assert all(0 < a.e_limit < a.c_limit < a.a_limit <= a.max_points for a in with_limits)
    for a in assessments:
        if a.scale_kind == "matrix":
            assert matrices[a.criteria_matrix_id].activity_id == a.activity_id
        else:
            assert a.criteria_matrix_id is None
    # One original per subject; the other classes have copies of it.
    originals = [m for m in matrices.values() if m.template_of is None]
    assert sorted(m.subject for m in originals) == ["Matematik", "NO (biologi, fysik, kemi)"]
    assert all(
        matrices[m.template_of].template_of is None for m in matrices.values() if m.template_of
    )
    for matrix in matrices.values():
        criteria = parse_criteria(matrix.criteria)
        assert 3 <= len(criteria) <= 5
        for row in criteria:
            texts = [row.texts[step] for step in RULES.criteria_steps]
            assert all(len(text.split()) >= 6 and text.endswith(".") for text in texts)
            assert len(set(texts)) == 3


def test_results_spread_like_a_class(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, _ = seeded
    assessments = {a.id: a for a in rows(engine, "assessment")}
    results = rows(engine, "assessment_result")
    criteria = {m.id: parse_criteria(m.criteria) for m in rows(engine, "criteria_matrix")}
    by_assessment = Counter(r.assessment_id for r in results)

    upcoming = [a for a in assessments.values() if a.assessment_date > WEDNESDAY]
    assert upcoming
    assert not any(by_assessment[a.id] for a in upcoming)
    assert {a.scale_kind for a in assessments.values() if by_assessment[a.id]} == set(SCALE_KINDS)
    markers = Counter(r.marker for r in results)
    assert {"not_handed_in", "absent", "excused"} <= set(markers)
    assert markers[None] > 0.9 * len(results)
    commented = [r for r in results if r.comment]
    assert 0.1 * len(results) < len(commented) < 0.6 * len(results)
    levels: Counter[str] = Counter()
    for r in results:
        scale = assessments[r.assessment_id].scale_kind
        held = {
            "grade_af": r.grade,
            "points": r.points,
            "pass_fail": r.pass_fail,
            "matrix": r.levels or None,
        }
        # A marked result holds no value; any other holds its scale's value only.
        assert [k for k, v in held.items() if v is not None] == ([] if r.marker else [scale])
        if scale == "points" and not r.marker:
            assert 0 <= r.points <= assessments[r.assessment_id].max_points
        if scale == "matrix" and not r.marker:
            matrix = criteria[assessments[r.assessment_id].criteria_matrix_id]
            shown = parse_levels(r.levels)
            assert set(shown) == {row.id for row in matrix}
            levels.update(shown.values())
    assert set(levels) == set(MATRIX_LEVELS)
    assert levels["A"] < 0.3 * sum(levels.values())
    pass_fail = Counter(r.pass_fail for r in results if r.pass_fail)
    assert 0 < pass_fail["fail"] < 0.25 * sum(pass_fail.values())


def test_last_terms_grades_are_there_and_this_terms_are_the_teachers_to_set(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, summary = seeded
    grades = rows(engine, "term_grade")
    last_term, _ = previous_term(summary.term)

    assert {g.term for g in grades} == {last_term}
    assert {g.activity_id for g in grades} == set(_demo_activities(engine))
    steps = Counter(g.grade for g in grades)
    assert set(steps) <= set(RULES.codes)
    assert {"A", "B", "C", "D", "E", "F"} <= set(steps)
    assert steps["A"] < 0.25 * len(grades)
    assert 1 <= steps["-"] <= 0.02 * len(grades)
    assert all((g.no_basis_reason == "absence") == (g.grade == "-") for g in grades)
    with engine.connect() as conn:
        histories = {g.id: history_of(conn, g.id) for g in grades}
    assert all(histories[g.id] and histories[g.id][-1]["to_grade"] == g.grade for g in grades)
    corrected = [h for h in histories.values() if len(h) > 1]
    assert 1 <= len(corrected) <= 3
    for history in corrected:
        assert history[0]["from_grade"] is None
        assert history[1]["from_grade"] == history[0]["to_grade"]
        assert history[0]["changed_at"] < history[1]["changed_at"]


def test_last_term_is_locked_and_this_term_is_open(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, summary = seeded
    last_term, _ = previous_term(summary.term)
    with engine.connect() as conn:
        locks = {row.term: row for row in conn.execute(select(term_lock)).all()}
    assert set(locks) == {last_term}
    lock = locks[last_term]
    assert lock.school_id == summary.school_id
    assert is_locked(lock._mapping, WEDNESDAY)
    # Locked after the grades were set and corrected, not before.
    grades = rows(engine, "term_grade")
    with engine.connect() as conn:
        changed = [entry["changed_at"] for g in grades for entry in history_of(conn, g.id)]
    assert max(changed).date() < lock.locks_on


def _record_values(kind: str, row: Any) -> dict[str, Any]:
    return {"id": row.id, **{f.name: getattr(row, f.name) for f in entity(kind).fields}}


def test_every_seeded_assessment_record_passes_the_servers_write_rules(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    """As if the demo teacher had pushed each record: scope, membership and assessment rules."""
    engine, _ = seeded
    demo = person_id_of(engine, "demo")
    with engine.connect() as conn:
        user_id = conn.execute(
            select(user_account.c.id).where(user_account.c.username == "demo")
        ).scalar_one()
        ctx = PushContext(
            conn,
            pusher=Pusher(user_id, demo),
            scope=compute_scope(conn, role="teacher", person_id=demo, today=WEDNESDAY),
            now=dt.datetime.combine(WEDNESDAY, dt.time(12), tzinfo=dt.UTC),
            schema_version=versions.SCHEMA_VERSION,
        )
        checked = Counter[str]()
        for kind in ASSESSMENT_KINDS:
            spec = entity(kind)
            for row in rows(engine, kind):
                values = _record_values(kind, row)
                fields = {name: value for name, value in values.items() if name != "id"}
                assert (
                    decode_fields(
                        spec, json.loads(json.dumps(encode_fields(spec, fields))), require_all=True
                    )
                    == fields
                )
                if spec.natural_key:
                    assert row.id == natural_id(kind, *(values[k] for k in spec.natural_key))
                if kind == "term_grade":
                    # Last term's grades stand, but the school has locked them.
                    with pytest.raises(OpRejected, match=f"the term {row.term} was locked on"):
                        check_write(ctx, spec, values, set(spec.field_names))
                else:
                    check_write(ctx, spec, values, set(spec.field_names))
                checked[kind] += 1
    assert min(checked.values()) >= 5
