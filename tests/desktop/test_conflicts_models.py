"""The Conflicts list model passes QAbstractItemModelTester, and conflicts
and notices read the way a teacher says them, whatever the record is. The
detail offers the right choices for each kind of conflict and says exactly
what was chosen."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop import local_time
from desktop.models.conflict_table_model import ConflictTableModel
from desktop.models.conflict_texts import notice_sentence, type_text, value_text, what_text
from desktop.models.rows_table_model import ROW_ROLE
from desktop.pages.conflict_detail import ConflictDetail
from local_db.conflicts import DELETE_CHOICE, KEEP_CHOICE
from local_db.repositories.sync_overview import ConflictItem, NoticeItem, RecordSubject
from local_db.views import ConflictSide, ConflictView, NoticeView

ANNA, CECILIA, ERIK = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
NAMES = {ANNA: "Anna Andersson", CECILIA: "Cecilia Carlsson", ERIK: "Erik Ek"}
LESSON = dt.datetime(2025, 3, 11, 7, 10, tzinfo=dt.UTC)  # 08:10 in Stockholm


def _side(value: object, by: uuid.UUID, minute: int) -> ConflictSide:
    return ConflictSide(
        value=value,
        value_json=json.dumps(value),
        by_id=by,
        by_name=NAMES[by],
        at=dt.datetime(2025, 3, 11, 8, minute, tzinfo=dt.UTC),
    )


def _conflict(
    kind: str,
    field: str | None,
    current: ConflictSide,
    rival: ConflictSide,
    *,
    conflict_type: str = "needs_review",
    mine_is: str | None = "current",
    subject: RecordSubject | None = None,
) -> ConflictItem:
    view = ConflictView(
        id=uuid.uuid4(),
        conflict_type=conflict_type,
        record_kind=kind,
        record_id=uuid.uuid4(),
        record_label="Alva Ahlberg – Prov: Bråk",
        pupil_name="Alva Ahlberg",
        field_name=field,
        current=current,
        rival=rival,
        mine_is=mine_is,
    )
    return ConflictItem(view, subject or RecordSubject(kind, "Matematik 7A", "Prov: Bråk"))


def test_the_conflict_list_model_is_well_behaved(qtmodeltester: ModelTester) -> None:
    model = ConflictTableModel()
    qtmodeltester.check(model)
    grade = _conflict("assessment_result", "grade", _side("B", ANNA, 5), _side("A", CECILIA, 9))
    text = _conflict(
        "lesson_plan",
        "content",
        _side("Läsning i par", CECILIA, 1),
        _side("Läsning i helklass", ANNA, 2),
        conflict_type="text_both",
        mine_is="rival",
        subject=RecordSubject("lesson_plan", "Svenska 7A", lesson_start=LESSON),
    )
    model.set_rows([grade, text])
    qtmodeltester.check(model)
    row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert row[: model.WITH + 1] == [
        "Alva Ahlberg",
        "Grade on “Prov: Bråk”",
        "Grade",
        "Cecilia Carlsson",
    ]
    assert row[model.WHEN].endswith("09:09")  # the latest change, Swedish time
    assert model.index(1, model.WHAT).data().startswith("Lesson plan, Svenska 7A, ")
    assert model.index(1, model.FIELD).data() == "Plan text (two versions)"
    assert model.index(1, model.WITH).data() == "Cecilia Carlsson"
    assert model.index(1, 0).data(ROW_ROLE) is text
    assert model.row_of(text.view.id) == 1
    assert model.row_of(uuid.uuid4()) == -1
    model.set_rows([])
    qtmodeltester.check(model)


def test_conflicts_and_values_read_as_a_teacher_says_them() -> None:
    term = _conflict(
        "term_grade",
        "grade",
        _side("C", ANNA, 1),
        _side(None, CECILIA, 2),
        subject=RecordSubject("term_grade", "Matematik 7A", term="VT2025"),
    )
    assert what_text(term) == "Term grade VT2025, Matematik 7A"
    assert type_text(term) == "Term grade"
    assert value_text("term_grade", "grade", None) == "No grade"
    deleted = _conflict(
        "pupil_note",
        None,
        _side("__delete__", ANNA, 1),
        _side({"body": "Extra tid på prov"}, CECILIA, 2),
        conflict_type="delete_vs_edit",
        subject=RecordSubject("pupil_note", "Svenska 7A"),
    )
    assert what_text(deleted) == "Note, Svenska 7A"
    assert type_text(deleted) == "Deleted and edited"
    assert value_text("pupil_note", None, "__delete__") == "Deleted"
    assert value_text("pupil_note", None, {"body": "Extra tid på prov"}) == (
        "Note: Extra tid på prov"
    )
    assert value_text("attendance", None, {"status": "late", "late_minutes": 10}) == (
        "Late · 10 min"
    )


def test_a_notice_says_who_changed_what_from_what_to_what() -> None:
    notice = NoticeView(
        id=uuid.uuid4(),
        record_kind="attendance",
        record_id=uuid.uuid4(),
        record_label="Axel Ås – Matematik 7A 2025-03-11",
        pupil_name="Axel Ås",
        field_name="status",
        kept=_side("late", CECILIA, 12),
        replaced=_side("absent", ANNA, 10),
    )
    item = NoticeItem(notice, RecordSubject("attendance", "Matematik 7A", lesson_start=LESSON))
    sentence = notice_sentence(item)
    day = local_time.short_date(dt.date(2025, 3, 11))
    assert sentence == (
        f"Cecilia Carlsson changed Axel Ås from Absent (invalid) to Late in "
        f"Matematik 7A, Tue {day} 08:10."
    )


def test_delete_against_edit_offers_keep_deleted_or_keep_with_the_edit(qtbot: QtBot) -> None:
    detail = ConflictDetail()
    qtbot.addWidget(detail)
    item = _conflict(
        "pupil_note",
        None,
        _side({"body": "Extra tid på prov"}, CECILIA, 3),
        _side("__delete__", ANNA, 1),
        conflict_type="delete_vs_edit",
        mine_is="rival",
        subject=RecordSubject("pupil_note", "Svenska 7A"),
    )
    detail.show_conflict(item)
    detail.show()
    assert detail.left.caption.text() == "Deleted by Anna Andersson"  # mine first
    assert detail.left.value_label.text() == "Deleted"
    assert detail.right.caption.text() == "Changed by Cecilia Carlsson"
    assert detail.right.value_text.toPlainText() == "Note: Extra tid på prov"
    assert (detail.left.button.text(), detail.right.button.text()) == (
        "Keep deleted",
        "Keep with the edit",
    )
    assert not detail.merge_box.isVisible()
    chosen: list[tuple[uuid.UUID, str]] = []
    detail.decided.connect(lambda conflict, value: chosen.append((conflict, value)))
    detail.right.button.click()
    detail.left.button.click()
    assert chosen == [(item.view.id, KEEP_CHOICE), (item.view.id, DELETE_CHOICE)]


def test_colleagues_disagreeing_are_shown_by_name_to_a_third_teacher(qtbot: QtBot) -> None:
    detail = ConflictDetail()
    qtbot.addWidget(detail)
    item = _conflict(
        "assessment_result",
        "grade",
        _side("B", CECILIA, 5),
        _side("A", ERIK, 9),
        mine_is=None,
    )
    detail.show_conflict(item)
    assert (detail.left.caption.text(), detail.right.caption.text()) == (
        "Cecilia Carlsson's",
        "Erik Ek's",
    )
    assert detail.left.button.text() == detail.right.button.text() == "Choose this"
    chosen: list[str] = []
    detail.decided.connect(lambda _conflict, value: chosen.append(value))
    detail.right.button.click()
    assert chosen == ['"A"']
    detail.set_busy(True)  # while the decision is saved, nothing is clicked twice
    assert not detail.left.button.isEnabled()
