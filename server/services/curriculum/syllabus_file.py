"""A catalogue file: one subject in the shape of Skolverket's Syllabus API.

The file is what `GET /v1/subjects/{code}` answers: an object with one key,
`subject`. Klassbok reads `code, name, version, startDate, modifiedDate,
schoolTypes, centralContents[], knowledgeRequirements[]` and one key of its
own beside `subject`: `source`, the credit when it is not Skolverket (the
demo's files say they are demo data). docs/curriculum.md has the format.

Everything is checked before anything is written; a problem raises
CatalogueFileError with the file's name and what is wrong, in English (the
server's CLI is English).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from server.services.curriculum.syllabus_html import HEADING, Block, clean_text, html_blocks
from sync_protocol.kinds.curriculum import (
    CENTRAL_CONTENT,
    CONTENT_YEARS,
    CRITERIA_GRADE_STEPS,
    CRITERIA_YEARS,
    DEFAULT_SOURCE,
    KNOWLEDGE_REQUIREMENT,
    MAX_ITEM_TEXT,
)

#: A file larger than this is not a syllabus (Matematik is about 60 kB).
MAX_FILE_BYTES = 2_000_000
#: The HTML of one `text` field (central content of a year band, say).
MAX_HTML_CHARS = 100_000
MAX_HEADING = 300
MAX_VARIANT = 60
#: Grundskolan's subjects: GRGR, three to five letters (Å, Ä, Ö too), two digits.
_GRUNDSKOLA_CODE = re.compile(r"^GRGR[A-ZÅÄÖ0-9]{2,6}\d{2}$")


class CatalogueFileError(ValueError):
    """A file that cannot be imported; the message names the file and the problem."""


@dataclass(frozen=True)
class ParsedItem:
    item_kind: str
    year: str
    variant: str | None
    grade_step: str | None
    heading: str
    position: int
    text: str
    value_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedSubject:
    code: str
    name: str
    version: int
    start_date: dt.date | None
    modified_date: dt.datetime | None
    source: str
    items: tuple[ParsedItem, ...]
    origin: str
    #: What was read but left out (criteria for another year), said in the report.
    skipped: tuple[str, ...] = field(default=())


def read_catalogue_file(path: Path) -> ParsedSubject:
    """Read and check one file; CatalogueFileError says what is wrong."""
    origin = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CatalogueFileError(
                f"{origin}: the file is {size:,} bytes; a catalogue file is at most "
                f"{MAX_FILE_BYTES:,} bytes"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogueFileError(f"{origin}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CatalogueFileError(f"{origin}: not a JSON file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise CatalogueFileError(
            f"{origin}: not a JSON file ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    return parse_catalogue(data, origin=origin)


def parse_catalogue(data: Any, *, origin: str) -> ParsedSubject:
    """Check a decoded file (see the module's doc) and read its items."""
    return _Reader(origin).subject(data)


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, message: str) -> CatalogueFileError:
        return CatalogueFileError(f"{self.origin}: {message}")

    def subject(self, data: Any) -> ParsedSubject:
        if not isinstance(data, dict) or not isinstance(data.get("subject"), dict):
            raise self.fail(
                "not in the Syllabus API's format: expected an object with the key "
                '"subject" (the answer of /v1/subjects/{code})'
            )
        unknown = set(data) - {"subject", "source"}
        if unknown:
            raise self.fail(f"unknown top-level keys: {', '.join(sorted(unknown))}")
        subject: dict[str, Any] = data["subject"]
        code = self.string(subject, "code", 20)
        if not _GRUNDSKOLA_CODE.match(code):
            raise self.fail(
                f"{code} is not a subject of grundskolan (codes look like GRGRMAT01); "
                "the catalogue holds grundskolan's syllabuses"
            )
        school_types = subject.get("schoolTypes")
        if school_types is not None and (
            not isinstance(school_types, list) or "GR" not in school_types
        ):
            raise self.fail(f"{code}: schoolTypes does not include GR (grundskolan)")
        name = self.string(subject, "name", 100)
        version = subject.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise self.fail(f"{code}: version must be a whole number (it is {version!r})")
        source = data.get("source", DEFAULT_SOURCE)
        if not isinstance(source, str) or not clean_text(source) or len(source) > 200:
            raise self.fail("source must be a text of at most 200 characters")
        items: list[ParsedItem] = []
        skipped: list[str] = []
        items.extend(self.central_contents(subject.get("centralContents", []), code))
        items.extend(self.requirements(subject.get("knowledgeRequirements", []), code, skipped))
        if not items:
            raise self.fail(f"{code}: has neither central content nor grading criteria")
        return ParsedSubject(
            code=code,
            name=clean_text(name),
            version=version,
            start_date=self.date(subject, "startDate"),
            modified_date=self.datetime(subject, "modifiedDate"),
            source=clean_text(source),
            items=tuple(items),
            origin=self.origin,
            skipped=tuple(skipped),
        )

    def string(self, where: dict[str, Any], key: str, limit: int) -> str:
        value = where.get(key)
        if not isinstance(value, str) or not clean_text(value):
            raise self.fail(f'"{key}" is missing or not a text')
        if len(value) > limit:
            raise self.fail(f'"{key}" is longer than {limit} characters')
        return value.strip()

    def _moment(self, where: dict[str, Any], key: str) -> dt.datetime | None:
        value = where.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f'"{key}" must be a date (it is {value!r})')
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise self.fail(f'"{key}" is not a date: {value[:40]!r}') from None
        return moment

    def date(self, where: dict[str, Any], key: str) -> dt.date | None:
        moment = self._moment(where, key)
        return None if moment is None else moment.date()

    def datetime(self, where: dict[str, Any], key: str) -> dt.datetime | None:
        moment = self._moment(where, key)
        if moment is None:
            return None
        return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)

    def entries(self, value: Any, key: str) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise self.fail(f'"{key}" must be a list of objects')
        return value

    def html(self, entry: dict[str, Any], where: str) -> list[Block]:
        text = entry.get("text")
        if not isinstance(text, str):
            raise self.fail(f"{where}: text is missing")
        if len(text) > MAX_HTML_CHARS:
            raise self.fail(
                f"{where}: the text is {len(text):,} characters; at most "
                f"{MAX_HTML_CHARS:,} are read"
            )
        return html_blocks(text)

    def variant(self, entry: dict[str, Any], key: str, where: str) -> str | None:
        value = entry.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or len(value) > MAX_VARIANT:
            raise self.fail(f"{where}: {key} must be a text of at most {MAX_VARIANT} characters")
        return value.strip() or None

    def checked(self, text: str, where: str) -> str:
        if len(text) > MAX_ITEM_TEXT:
            raise self.fail(
                f"{where}: a text of {len(text):,} characters; an item is at most "
                f"{MAX_ITEM_TEXT:,} (one matrix cell)"
            )
        return text

    def heading(self, text: str, where: str) -> str:
        if len(text) > MAX_HEADING:
            raise self.fail(f"{where}: a heading longer than {MAX_HEADING} characters")
        return text

    def central_contents(self, value: Any, code: str) -> list[ParsedItem]:
        items: list[ParsedItem] = []
        seen: set[tuple[str, str | None]] = set()
        for entry in self.entries(value, "centralContents"):
            year = entry.get("year")
            where = f"{code}, central content for year {year}"
            if year not in CONTENT_YEARS:
                raise self.fail(
                    f"{code}: central content for year {year!r}; expected one of "
                    + ", ".join(CONTENT_YEARS)
                )
            variant = self.variant(entry, "typeOfCentralContent", where)
            if (year, variant) in seen:
                raise self.fail(f"{where}: given twice")
            seen.add((year, variant))
            heading, position = "", 0
            for block in self.html(entry, where):
                if block.kind == HEADING:
                    heading = self.heading(block.text, where)
                    continue
                position += 1
                items.append(
                    ParsedItem(
                        CENTRAL_CONTENT,
                        year,
                        variant,
                        None,
                        heading,
                        position,
                        self.checked(block.text, f"{where}, point {position}"),
                        block.value_words,
                    )
                )
        return items

    def requirements(self, value: Any, code: str, skipped: list[str]) -> list[ParsedItem]:
        items: list[ParsedItem] = []
        seen: set[tuple[str, str | None, str]] = set()
        totals: dict[tuple[str, str | None, str], int] = defaultdict(int)
        for entry in self.entries(value, "knowledgeRequirements"):
            year, step = entry.get("year"), entry.get("gradeStep")
            if year not in CRITERIA_YEARS:
                skipped.append(f"criteria for year {year} (the catalogue keeps years 6 and 9)")
                continue
            where = f"{code}, criteria for {step} in year {year}"
            if step not in CRITERIA_GRADE_STEPS:
                raise self.fail(
                    f"{code}, criteria for year {year}: gradeStep {step!r}; expected one of "
                    + ", ".join(CRITERIA_GRADE_STEPS)
                )
            variant = self.variant(entry, "typeOfRequirement", where)
            key = (year, variant, step)
            if key in seen:
                raise self.fail(f"{where}: given twice")
            seen.add(key)
            heading, position = "", 0
            for block in self.html(entry, where):
                if block.kind == HEADING and position == 0 and not heading:
                    heading = self.heading(block.text, where)
                    continue
                position += 1
                text = self.checked(block.text, f"{where}, paragraph {position}")
                totals[key] += len(text) + 2
                items.append(
                    ParsedItem(
                        KNOWLEDGE_REQUIREMENT,
                        year,
                        variant,
                        step,
                        heading,
                        position,
                        text,
                        block.value_words,
                    )
                )
            if totals[key] > MAX_ITEM_TEXT:
                # The matrix's one-row form holds a step's whole text in one cell.
                raise self.fail(
                    f"{where}: {totals[key]:,} characters in all; a step's criteria are at "
                    f"most {MAX_ITEM_TEXT:,} (one matrix cell)"
                )
        return items
