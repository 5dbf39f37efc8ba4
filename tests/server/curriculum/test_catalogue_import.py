"""The catalogue import on a real database (SQLite, and PostgreSQL when
configured): valid files, a new version beside an old one, the same version
again, and bad files that import nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from server.cli import main
from server.db import current_seq, write_transaction
from server.services.curriculum.catalogue_import import (
    NEW,
    UNCHANGED,
    CatalogueImportRejected,
    import_catalogue_files,
)
from server.tables import synced
from sync_protocol import ids
from tests.support.catalogue_files import CODE, subject_file, write

subject_table, item_table = synced["curriculum_subject"], synced["curriculum_item"]


def _import(engine: Engine, *paths: Path):  # type: ignore[no-untyped-def]
    with write_transaction(engine) as conn:
        return import_catalogue_files(
            conn, list(paths), retrieved_at=dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
        )


def _counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(subject_table)).scalar_one(),
            conn.execute(select(func.count()).select_from(item_table)).scalar_one(),
        )


def test_a_file_imports_its_subject_and_items(engine: Engine, tmp_path: Path) -> None:
    report = _import(engine, write(tmp_path / "matte.json", subject_file(version=2)))
    [subject] = report.subjects
    assert (subject.code, subject.version, subject.state, subject.items) == (CODE, 2, NEW, 27)
    with engine.connect() as conn:
        row = conn.execute(select(subject_table)).mappings().one()
        items = conn.execute(select(item_table)).mappings().all()
    assert row["id"] == ids.curriculum_subject_id(CODE, 2)
    assert (row["name"], row["source"], row["start_date"]) == (
        "Matematik",
        "Skolverket",
        dt.date(2022, 7, 1),
    )
    assert row["retrieved_at"] == dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
    assert row["modified_date"] == dt.datetime(2023, 5, 10, 8, 30, tzinfo=dt.UTC)
    assert {item["subject_id"] for item in items} == {row["id"]}
    assert {(item["subject_code"], item["subject_version"]) for item in items} == {(CODE, 2)}
    paragraph = next(
        i for i in items if (i["year"], i["grade_step"], i["position"]) == ("9", "A", 3)
    )
    assert paragraph["text"] == (
        "Testtext 3 för A: eleven gör välutvecklade problemlösningar & resonemang."
    )
    assert json.loads(paragraph["value_words"]) == ["välutvecklade"]
    assert paragraph["id"] == ids.curriculum_item_id(
        CODE, 2, item_kind="knowledge_requirement", year="9", variant=None, grade_step="A",
        position=3,
    )  # fmt: skip
    point = next(i for i in items if i["item_kind"] == "central_content" and i["position"] == 1)
    assert point["value_words"] == ""
    assert len(report.change_sets) == 1
    assert {row["seq"], *(i["seq"] for i in items)} == set(report.change_sets)


def test_the_same_version_again_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path / "matte.json", subject_file(version=2))
    _import(engine, path)
    with engine.connect() as conn:
        seq = current_seq(conn)
    report = _import(engine, path, path)
    assert [s.state for s in report.subjects] == [UNCHANGED, UNCHANGED]
    assert report.change_sets == ()
    with engine.connect() as conn:
        assert current_seq(conn) == seq
    assert _counts(engine) == (1, 27)


def test_a_new_version_is_added_beside_the_old_one(engine: Engine, tmp_path: Path) -> None:
    _import(engine, write(tmp_path / "v1.json", subject_file(version=1)))
    with engine.connect() as conn:
        old = {r["id"]: dict(r) for r in conn.execute(select(item_table)).mappings()}
    newer = subject_file(version=2, paragraphs={"E": 2, "C": 2, "A": 2})
    report = _import(engine, write(tmp_path / "v2.json", newer))
    assert [(s.version, s.state) for s in report.subjects] == [(2, NEW)]
    with engine.connect() as conn:
        versions = conn.execute(select(subject_table.c.version).order_by("version")).scalars()
        assert list(versions) == [1, 2]
        after = {r["id"]: dict(r) for r in conn.execute(select(item_table)).mappings()}
    # The old version's items are exactly as they were: same rows, same seqs.
    assert {k: after[k] for k in old} == old
    assert len(after) == len(old) + 9 + 2 * 3 * 2


def test_a_version_already_imported_with_other_text_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    _import(engine, write(tmp_path / "v1.json", subject_file(version=1)))
    changed = subject_file(version=1, paragraphs={"E": 3, "C": 3, "A": 4})
    with pytest.raises(CatalogueImportRejected) as rejected:
        _import(engine, write(tmp_path / "v1-andrad.json", changed))
    [problem] = rejected.value.problems
    assert problem.startswith("v1-andrad.json: GRGRMAT01 version 1 is already in the catalogue")
    assert "new text needs a new version number" in problem
    assert _counts(engine) == (1, 27)


def test_one_bad_file_imports_nothing_and_every_problem_is_named(
    engine: Engine, tmp_path: Path
) -> None:
    good = write(tmp_path / "matte.json", subject_file(version=1))
    english = write(tmp_path / "engelska.json", subject_file(code="GRGRENG01", name="Engelska"))
    not_json = tmp_path / "trasig.json"
    not_json.write_text("inte json", encoding="utf-8")
    unknown = write(tmp_path / "gymnasiet.json", subject_file(code="GYMATMAT01"))
    with pytest.raises(CatalogueImportRejected) as rejected:
        _import(engine, good, english, not_json, unknown)
    problems = rejected.value.problems
    assert [p.split(":")[0] for p in problems] == ["trasig.json", "gymnasiet.json"]
    assert _counts(engine) == (0, 0)
    with engine.connect() as conn:
        assert current_seq(conn) == 0


def test_the_command_line_imports_and_explains(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "matte.json", subject_file(version=4))
    args = ["--database-url", database_url, "import-curriculum"]
    assert main([*args, str(path), "--retrieved", "2026-11-02"]) == 0
    out = capsys.readouterr().out
    assert "matte.json: GRGRMAT01 Matematik version 4: imported (27 items)" in out
    assert "Published as change-set" in out
    assert main([*args, str(path)]) == 0
    assert "already in the catalogue, unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main([*args, str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported: 1 problem." in err
    assert "bad.json: not in the Syllabus API's format" in err
    with engine.connect() as conn:
        retrieved = conn.execute(select(subject_table.c.retrieved_at)).scalar_one()
    assert retrieved.date() == dt.date(2026, 11, 2)
