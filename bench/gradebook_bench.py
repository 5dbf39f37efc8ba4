"""The gradebook at a large school's scale: 300 pupils × 80 assessments.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gradebook_bench.py [--runs 7] [--shot FILE]

Builds an encrypted cache on disk with one activity of 300 pupils (ten
groups of 30) and 80 assessments of every scale with about 90 % of results
entered, then measures what issue 10 budgets, as medians of several runs:

- opening the gradebook from the cache (local_db.assessment.load_gradebook);
- data() per cell, DisplayRole, over every cell;
- a full repaint of the visible table (offscreen, 1180 × 740 window);
- one edit to screen and outbox (write_entries in a write transaction, then
  the model's apply_result);
- a paste of 300 × 10 cells (checked whole, then written in one transaction),
  over cells as a sync leaves them, and again over cells pasted before and
  not yet sent (each cell's op then goes through save_record's fold rules).

Timings are printed as a table, never asserted (machines here are noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import delete  # noqa: E402

from bench.timing import times_ms  # noqa: E402
from desktop.models.gradebook_model import GradebookModel  # noqa: E402
from desktop.pages.assessment.gradebook_filter import GradebookFilter  # noqa: E402
from desktop.pages.assessment.gradebook_table import GradebookTable  # noqa: E402
from desktop.pages.assessment.gradebook_writes import plan_paste  # noqa: E402
from local_db.assessment.gradebook import load_gradebook  # noqa: E402
from local_db.assessment.grading import write_entries  # noqa: E402
from local_db.cache import open_cache  # noqa: E402
from local_db.schema import edit_base, outbox  # noqa: E402
from sync_protocol import ids  # noqa: E402
from sync_protocol.assessment_documents import Criterion, dump_criteria, dump_levels  # noqa: E402
from sync_protocol.grading_rules import MATRIX_LEVELS  # noqa: E402
from sync_protocol.terms import term_for  # noqa: E402
from tests.local_db.records import RecordBuilder  # noqa: E402

TERM_START = dt.date(2026, 8, 17)
TERM = term_for(TERM_START).code
PUPILS = 300
ASSESSMENTS = 80
SCALES = ("points", "grade_af", "points", "matrix", "pass_fail")


def build(path: Path, key: bytes) -> tuple[object, object]:
    rng = random.Random(10)
    data = RecordBuilder()
    teacher = data.person("Karin", "Lärare")
    groups = [data.group(f"9{chr(65 + n)}") for n in range(PUPILS // 30)]
    pupils = []
    for number in range(PUPILS):
        pupil = data.person(f"Elev{number:03}", rng.choice(["Åberg", "Ek", "Öst", "Berg"]))
        data.member(groups[number // 30], pupil, TERM_START)
        pupils.append(pupil)
    activity = data.activity("Matematik 9", groups, [teacher], subject_name="Matematik")
    rows = [Criterion(f"k{n}", f"Kriterium {n}", {"E": "e", "C": "c", "A": "a"}) for n in range(5)]
    matrix = data.add(
        "criteria_matrix",
        activity_id=activity,
        title="Matris",
        subject="Matematik",
        year_band="7-9",
        criteria=dump_criteria(rows),
    )
    for number in range(ASSESSMENTS):
        scale = SCALES[number % len(SCALES)]
        fields: dict[str, object] = {"scale_kind": scale}
        if scale == "points":
            fields.update(max_points=50, e_limit=15, c_limit=28, a_limit=40)
        if scale == "matrix":
            fields["criteria_matrix_id"] = matrix
        test = data.add(
            "assessment",
            activity_id=activity,
            title=f"Prov {number + 1}",
            description="",
            assessment_type="test",
            assessment_date=TERM_START + dt.timedelta(days=number),
            planning_unit_id=None,
            **fields,
        )
        for pupil in pupils:
            if rng.random() > 0.9:
                continue
            value: dict[str, object] = {}
            if scale == "points":
                value["points"] = rng.randint(0, 50)
            elif scale == "grade_af":
                value["grade"] = rng.choice("ABCDEF")
            elif scale == "pass_fail":
                value["pass_fail"] = rng.choice(("pass", "fail"))
            else:
                value["levels"] = dump_levels({r.id: rng.choice(MATRIX_LEVELS) for r in rows})
            data.add(
                "assessment_result",
                ids.assessment_result_id(test, pupil),
                assessment_id=test,
                pupil_id=pupil,
                activity_id=activity,
                comment="",
                **value,
            )
    cache = open_cache(path, key)
    data.apply_to(cache)
    return cache, activity


def median_ms(runs: int, work: Callable[[], object]) -> float:
    return statistics.median(times_ms(work, runs))


def main() -> None:  # noqa: PLR0915 (one measurement after another)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--shot", type=Path, default=None, help="save a screenshot (PNG)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        cache, activity = build(Path(folder) / "cache.db", secrets.token_bytes(32))
        took = time.perf_counter() - started
        print(f"built {PUPILS} pupils × {ASSESSMENTS} assessments in {took:.1f} s")

        def load() -> object:
            with cache.connect() as conn:  # type: ignore[attr-defined]
                return load_gradebook(conn, activity, TERM)

        open_ms = median_ms(args.runs, load)
        book = load()
        model = GradebookModel()
        model.set_gradebook(book)  # type: ignore[arg-type]
        proxy = GradebookFilter(model)
        cells = [
            model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
        ]

        def every_cell() -> None:
            for index in cells:
                model.data(index, Qt.ItemDataRole.DisplayRole)

        per_cell_us = median_ms(args.runs, every_cell) * 1000 / len(cells)
        table = GradebookTable()
        table.setModel(proxy)
        table.resize(1180, 740)
        table.show()
        app.processEvents()
        repaint_ms = median_ms(args.runs, lambda: table.viewport().grab())
        if args.shot is not None:
            table.grab().save(str(args.shot))
        column = book.assessments[1]  # type: ignore[attr-defined]
        pupil = book.pupils[0].id  # type: ignore[attr-defined]
        values = iter(["A", "B", "C", "D", "E", "F"] * (args.runs + 1))

        def one_edit() -> None:
            with cache.begin() as conn:  # type: ignore[attr-defined]
                write_entries(conn, book, [(pupil, column, next(values))], actor=None)  # type: ignore[arg-type]
            model.apply_result(pupil, column.id, book.result(pupil, column.id))  # type: ignore[attr-defined]

        edit_ms = median_ms(args.runs, one_edit)
        # The paste goes over ten typable columns (matrix cells take levels, not text).
        proxy.set_hidden({c.id for c in book.assessments if c.scale == "matrix"})  # type: ignore[attr-defined]
        targets = [
            model.column_at(proxy.mapToSource(proxy.index(0, c)).column()) for c in range(1, 11)
        ]
        typed = {
            "points": lambda n: str(n % 50),
            "grade_af": lambda n: "CDE"[n % 3],
            "pass_fail": lambda n: "G",
        }
        numbers = iter(range(10_000))

        def paste() -> None:
            n = next(numbers)
            block = [[typed[t.scale](r + n) for t in targets] for r in range(PUPILS)]  # type: ignore[union-attr]
            entries = plan_paste(model, proxy, (0, 1), block)
            with cache.begin() as conn:  # type: ignore[attr-defined]
                write_entries(conn, book, entries, actor=None)  # type: ignore[arg-type]

        def synced() -> None:
            # What a sync leaves: no op and no edit base of the pasted cells.
            with cache.begin() as conn:  # type: ignore[attr-defined]
                conn.execute(delete(outbox))
                conn.execute(delete(edit_base))

        fresh = []
        for _ in range(max(3, args.runs // 2)):
            synced()
            fresh.append(median_ms(1, paste))
        paste_ms = statistics.median(fresh)
        # Pasting again over cells whose last paste is not sent yet (offline).
        again_ms = median_ms(max(3, args.runs // 2), paste)
        print()
        print("| measure | median | budget |")
        print("| --- | --- | --- |")
        print(f"| open the gradebook from the cache | {open_ms:.0f} ms | 150 ms |")
        print(f"| data() per cell (DisplayRole) | {per_cell_us:.2f} µs | 5 µs |")
        print(f"| full repaint of the visible table | {repaint_ms:.1f} ms | 16 ms |")
        print(f"| one edit to screen and outbox | {edit_ms:.1f} ms | 5 ms |")
        print(f"| paste of {PUPILS} × 10 cells (synced cells) | {paste_ms:.0f} ms | 300 ms |")
        print(f"| the same paste again, the first not yet sent | {again_ms:.0f} ms | 300 ms |")
        cache.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
