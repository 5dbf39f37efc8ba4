"""Reading Syllabus API files: HTML to plain text, soft hyphens gone, value
words kept, and a clear message naming the file for every kind of bad file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from server.services.curriculum.syllabus_file import (
    CatalogueFileError,
    parse_catalogue,
    read_catalogue_file,
)
from server.services.curriculum.syllabus_html import HEADING, LIST_ITEM, PARAGRAPH, html_blocks
from sync_protocol.kinds.curriculum import MAX_ITEM_TEXT
from tests.support.catalogue_files import SHY, subject_file, write


def test_blocks_are_plain_text_without_soft_hyphens_and_with_value_words() -> None:
    blocks = html_blocks(
        f"<h4>Tal och ta{SHY}lens an{SHY}vändning</h4>"
        "<ul><li>Naturliga <strong>tal</strong> &amp;\n   bråk</li><li>Mönster&nbsp;i tal</li></ul>"
        f"<p>Eleven kan <strong>i grund{SHY}läggande</strong> drag<br>föra <b>enkla</b> resonemang"
        "</p>lös text<script>alert(1)</script><p><em>Betonad</em> men inte värdeord</p>"
    )
    assert [(b.kind, b.text, b.value_words) for b in blocks] == [
        (HEADING, "Tal och talens användning", ()),
        (LIST_ITEM, "Naturliga tal & bråk", ("tal",)),
        (LIST_ITEM, "Mönster i tal", ()),
        (PARAGRAPH, "Eleven kan i grundläggande drag föra enkla resonemang", (
            "i grundläggande", "enkla")),
        (PARAGRAPH, "lös text", ()),
        (PARAGRAPH, "Betonad men inte värdeord", ()),
    ]  # fmt: skip
    assert all(SHY not in b.text for b in blocks)


def test_a_file_reads_into_items_by_year_area_step_and_paragraph() -> None:
    subject = parse_catalogue(subject_file(version=3), origin="matte.json")
    assert (subject.code, subject.name, subject.version) == ("GRGRMAT01", "Matematik", 3)
    assert subject.start_date == dt.date(2022, 7, 1)
    assert subject.modified_date == dt.datetime(2023, 5, 10, 8, 30, tzinfo=dt.UTC)
    assert subject.source == "Skolverket"
    content = [i for i in subject.items if i.item_kind == "central_content" and i.year == "4-6"]
    assert [(i.heading, i.position) for i in content] == [
        ("Taluppfattning och tals användning", 1),
        ("Taluppfattning och tals användning", 2),
        ("Algebra", 3),
    ]
    assert content[0].text == "Testpunkt 1 i 4-6: naturliga tal och deras egenskaper."
    criteria = [i for i in subject.items if i.item_kind == "knowledge_requirement"]
    assert len(criteria) == 2 * 3 * 3
    first = next(i for i in criteria if (i.year, i.grade_step, i.position) == ("6", "C", 2))
    assert first.heading == "Betygskriterier för betyget C i slutet av årskurs 6"
    assert first.text == "Testtext 2 för C: eleven gör utvecklade problemlösningar & resonemang."
    assert first.value_words == ("utvecklade",)
    assert all(SHY not in i.text + i.heading for i in subject.items)


def test_criteria_for_another_year_are_left_out_and_said() -> None:
    data = subject_file()
    data["subject"]["knowledgeRequirements"].append(
        {"year": "3", "text": "<p>Testtext för årskurs 3.</p>"}
    )
    subject = parse_catalogue(data, origin="f.json")
    assert subject.skipped == ("criteria for year 3 (the catalogue keeps years 6 and 9)",)
    assert {i.year for i in subject.items if i.item_kind == "knowledge_requirement"} == {"6", "9"}


def _broken(change: str) -> object:
    data = subject_file()
    subject = data["subject"]
    if change == "no envelope":
        return subject
    if change == "gymnasium":
        subject["code"] = "GYMATMAT01"
    if change == "other school type":
        subject["schoolTypes"] = ["GY"]
    if change == "version":
        subject["version"] = "3"
    if change == "year band":
        subject["centralContents"][0]["year"] = "1-6"
    if change == "grade step":
        subject["knowledgeRequirements"][0]["gradeStep"] = "F"
    if change == "twice":
        subject["knowledgeRequirements"].append(dict(subject["knowledgeRequirements"][0]))
    if change == "empty":
        subject["centralContents"], subject["knowledgeRequirements"] = [], []
    if change == "no name":
        del subject["name"]
    if change == "bad date":
        subject["startDate"] = "första juli"
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no envelope", 'expected an object with the key "subject"'),
        ("gymnasium", "GYMATMAT01 is not a subject of grundskolan"),
        ("other school type", "schoolTypes does not include GR"),
        ("version", "version must be a whole number"),
        ("year band", "central content for year '1-6'"),
        ("grade step", "gradeStep 'F'"),
        ("twice", "criteria for E in year 6: given twice"),
        ("empty", "has neither central content nor grading criteria"),
        ("no name", '"name" is missing'),
        ("bad date", '"startDate" is not a date'),
    ],
)
def test_a_file_not_in_the_format_is_refused_with_its_name(change: str, message: str) -> None:
    with pytest.raises(CatalogueFileError) as raised:
        parse_catalogue(_broken(change), origin="matte.json")
    assert str(raised.value).startswith("matte.json: ")
    assert message in str(raised.value)


def test_a_file_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "trasig.json"
    path.write_text('{"subject": {"code": "GRGRMAT01",}', encoding="utf-8")
    with pytest.raises(CatalogueFileError, match=r"^trasig.json: not a JSON file \(.*line 1"):
        read_catalogue_file(path)
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"subject": "Matematik för åk 7"}'.encode("latin-1"))
    with pytest.raises(CatalogueFileError, match="not UTF-8"):
        read_catalogue_file(latin)


def test_an_oversized_text_names_the_limit(tmp_path: Path) -> None:
    long = "Testtext " * (MAX_ITEM_TEXT // 9 + 1)
    path = write(tmp_path / "lang.json", subject_file(extra_paragraph_text=long))
    with pytest.raises(CatalogueFileError) as raised:
        read_catalogue_file(path)
    assert "lang.json: GRGRMAT01, criteria for E in year 6, paragraph 4" in str(raised.value)
    assert f"at most {MAX_ITEM_TEXT:,}" in str(raised.value)
