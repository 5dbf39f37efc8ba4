"""Small catalogue files in the shape of Skolverket's Syllabus API, for tests.

The wording is placeholder text, not the syllabus: every paragraph says it
is a test text. What matters is the shape: `<h4>` areas with `<ul>` points,
criteria headings inside the text, value words in `<strong>`, soft hyphens
(U+00AD) and character references to clean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SHY = "\u00ad"
CODE = "GRGRMAT01"
NAME = "Matematik"
STEPS = ("E", "C", "A")
#: The value word of each step in the test texts.
VALUE_WORDS = {"E": "enkla", "C": "utvecklade", "A": "välutvecklade"}


def criteria_html(step: str, year: str, paragraphs: int) -> str:
    word = VALUE_WORDS[step]
    parts = [f"<h4>Betygskriterier för betyget {step} i slutet av årskurs {year}</h4>"]
    for n in range(1, paragraphs + 1):
        parts.append(
            f"<p>Testtext {n} för {step}: eleven gör <strong>{word}</strong> "
            f"pro{SHY}blem{SHY}lös{SHY}ningar &amp; resonemang.</p>"
        )
    return "".join(parts)


def content_html(band: str) -> str:
    return (
        f"<h4>Taluppfattning och tals an{SHY}vändning</h4>"
        f"<ul><li>Testpunkt 1 i {band}: naturliga tal&nbsp;och  deras egenskaper.</li>"
        f"<li>Testpunkt 2 i {band}: <strong>enkla</strong> bråk.</li></ul>"
        f"<h4>Algebra</h4><ul><li>Testpunkt 3 i {band}: mönster.</li></ul>"
    )


def subject_file(
    *,
    code: str = CODE,
    name: str = NAME,
    version: int = 1,
    paragraphs: dict[str, int] | None = None,
    years: tuple[str, ...] = ("6", "9"),
    source: str | None = None,
    extra_paragraph_text: str = "",
) -> dict[str, Any]:
    """A file's content: one subject; `paragraphs` is the count per step."""
    counts = paragraphs or dict.fromkeys(STEPS, 3)
    requirements = [
        {"year": year, "gradeStep": step, "text": criteria_html(step, year, counts[step])}
        for year in years
        for step in STEPS
    ]
    if extra_paragraph_text:
        requirements[0]["text"] += f"<p>{extra_paragraph_text}</p>"
    subject: dict[str, Any] = {
        "code": code,
        "name": name,
        "version": version,
        "startDate": "2022-07-01",
        "modifiedDate": "2023-05-10T08:30:00Z",
        "schoolTypes": ["GR"],
        "centralContents": [
            {"year": band, "text": content_html(band)} for band in ("1-3", "4-6", "7-9")
        ],
        "knowledgeRequirements": requirements,
    }
    data: dict[str, Any] = {"subject": subject}
    if source is not None:
        data["source"] = source
    return data


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
