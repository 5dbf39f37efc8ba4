"""An extra anpassning (what, from, until, how it went: only "what" is needed)
and a reference to an åtgärdsprogram (when, who decided, where the document is
kept; never the programme's text)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.pages.documentation.dialog_parts import EditorDialog, OptionalDate
from local_db.documentation import (
    AdjustmentDraft,
    AdjustmentView,
    ProgrammeRefDraft,
    ProgrammeRefView,
)
from sync_protocol.kinds.documentation import (
    ADJUSTMENT_EVALUATION_MAX,
    ADJUSTMENT_WHAT_MAX,
    PROGRAMME_DECIDED_BY_MAX,
    PROGRAMME_LOCATION_MAX,
)


class AdjustmentDialog(EditorDialog):
    def __init__(
        self,
        pupil_id: uuid.UUID,
        today: dt.date,
        adjustment: AdjustmentView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pupil_id = pupil_id
        self.setObjectName("adjustmentDialog")
        self.setWindowTitle(
            self.tr("Extra adjustment")
            if adjustment is None
            else self.tr("Change extra adjustment")
        )
        self.what_edit = QLineEdit(adjustment.what if adjustment else "")
        self.what_edit.setMaxLength(ADJUSTMENT_WHAT_MAX)
        self.what_edit.setPlaceholderText(self.tr("For example: extra time on tests"))
        self.start = OptionalDate(
            self.tr("From"), adjustment.start_date if adjustment else today, today
        )
        self.end = OptionalDate(
            self.tr("Until"), adjustment.end_date if adjustment else None, today
        )
        self.evaluation_edit = QPlainTextEdit(adjustment.evaluation if adjustment else "")
        self.evaluation_edit.setAccessibleName(self.tr("Evaluation"))
        form = QFormLayout()
        form.addRow(self.tr("What"), self.what_edit)
        form.addRow("", self.start)
        form.addRow("", self.end)
        form.addRow(self.tr("Evaluation"), self.evaluation_edit)
        hint = QLabel(self.tr("Only “what” is needed; the rest can wait until you know it."))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.body.addLayout(form)
        self.body.addWidget(hint)
        for signal in (
            self.what_edit.textChanged,
            self.evaluation_edit.textChanged,
            self.start.check.toggled,
            self.end.check.toggled,
            self.start.edit.dateChanged,
            self.end.edit.dateChanged,
        ):
            signal.connect(lambda *_: self.check())
        self.finish_layout()

    def draft(self) -> AdjustmentDraft:
        return AdjustmentDraft(
            pupil_id=self.pupil_id,
            what=self.what_edit.text(),
            start_date=self.start.value(),
            end_date=self.end.value(),
            evaluation=self.evaluation_edit.toPlainText(),
        )

    def problem(self) -> str | None:
        if not hasattr(self, "end"):
            return None
        draft = self.draft()
        if not draft.what.strip():
            return self.tr("Say what the adjustment is.")
        if len(draft.evaluation) > ADJUSTMENT_EVALUATION_MAX:
            return self.tr("The evaluation is too long: at most {limit} characters.").format(
                limit=ADJUSTMENT_EVALUATION_MAX
            )
        if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
            return self.tr("The end date is before the start date.")
        return None


class ProgrammeDialog(EditorDialog):
    def __init__(
        self,
        pupil_id: uuid.UUID,
        today: dt.date,
        reference: ProgrammeRefView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pupil_id = pupil_id
        self.setObjectName("programmeDialog")
        self.setWindowTitle(self.tr("Action programme (reference)"))
        self.decided = OptionalDate(
            self.tr("Decided on"), reference.decided_on if reference else today, today
        )
        self.by_edit = QLineEdit(reference.decided_by if reference else "")
        self.by_edit.setMaxLength(PROGRAMME_DECIDED_BY_MAX)
        self.by_edit.setPlaceholderText(self.tr("For example: the principal"))
        self.where_edit = QLineEdit(reference.document_location if reference else "")
        self.where_edit.setMaxLength(PROGRAMME_LOCATION_MAX)
        self.where_edit.setPlaceholderText(self.tr("For example: the pupil health team's file"))
        form = QFormLayout()
        form.addRow("", self.decided)
        form.addRow(self.tr("Decided by"), self.by_edit)
        form.addRow(self.tr("Where the document is"), self.where_edit)
        hint = QLabel(
            self.tr(
                "Klassbok only refers to the action programme. Do not write its contents here: "
                "the programme itself stays where the school keeps it."
            )
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.body.addLayout(form)
        self.body.addWidget(hint)
        self.where_edit.textChanged.connect(lambda *_: self.check())
        self.finish_layout()

    def draft(self) -> ProgrammeRefDraft:
        return ProgrammeRefDraft(
            pupil_id=self.pupil_id,
            decided_on=self.decided.value(),
            decided_by=self.by_edit.text(),
            document_location=self.where_edit.text(),
        )

    def problem(self) -> str | None:
        if not hasattr(self, "where_edit"):
            return None
        if not self.where_edit.text().strip():
            return self.tr("Say where the action programme is kept.")
        return None
