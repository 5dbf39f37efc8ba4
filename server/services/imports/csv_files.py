"""Reading the CSV files of an import: encoding, delimiter, header and cells.

Schools produce these files with Excel, LibreOffice or an export from their
administration system, so the reader is forgiving where it cannot hurt
(byte-order mark, comma or semicolon, blank lines, spaces around cells,
Swedish or English values) and strict where a mistake would import wrong
data silently (unknown columns, values it cannot read). Every problem is
collected with its file name and line number; nothing stops at the first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One reason the import was refused, where it was found."""

    file: str
    line: int | None  # None: about the file as a whole
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, message: str) -> None:
        self.items.append(Problem(file, line, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class FileSpec:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


@dataclass(frozen=True)
class CsvRow:
    line: int  # where the row starts, 1-based, counting the header
    cells: Mapping[str, str]


@dataclass(frozen=True)
class CsvTable:
    name: str
    columns: frozenset[str]
    rows: tuple[CsvRow, ...]


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _delimiter(header: str) -> str | None:
    """Comma or semicolon, whichever the header line uses (outside quotes)."""
    outside = re.sub(r'"[^"]*"', "", header)
    commas, semicolons = outside.count(","), outside.count(";")
    if commas == semicolons == 0:
        return None
    return ";" if semicolons > commas else ","


def _decode(path: Path, problems: Problems) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(
            path.name,
            _line_of(data, exc.start),
            "the file is not UTF-8 text; in Excel choose 'CSV UTF-8 (kommaavgränsad)' "
            "when saving, in LibreOffice the character set UTF-8",
        )
        return None


def _header(path: Path, raw: list[str], spec: FileSpec, problems: Problems) -> list[str] | None:
    names = [name.strip().casefold() for name in raw]
    ok = True
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.add(path.name, 1, f"column '{name}' appears twice in the header")
            ok = False
        seen.add(name)
        if name not in spec.columns:
            problems.add(
                path.name,
                1,
                f"unknown column '{name}'; {path.name} has the columns {', '.join(spec.columns)}",
            )
            ok = False
    for name in spec.required:
        if name not in seen:
            problems.add(path.name, 1, f"required column '{name}' is missing from the header")
            ok = False
    return names if ok else None


def read_table(path: Path, spec: FileSpec, problems: Problems) -> CsvTable | None:
    """The rows of one file, or None (with problems added) when it cannot be read."""
    text = _decode(path, problems)
    if text is None:
        return None
    first_line = next((line for line in text.splitlines() if line.strip()), None)
    if first_line is None:
        problems.add(path.name, None, "the file is empty; it needs at least a header row")
        return None
    delimiter = _delimiter(first_line)
    if delimiter is None:
        problems.add(path.name, 1, "no comma or semicolon in the header row; is this a CSV file?")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[CsvRow] = []
    header: list[str] | None = None
    end_of_previous = 0
    try:
        for record in reader:
            start = end_of_previous + 1
            end_of_previous = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank line
            if header is None:
                header = _header(path, record, spec, problems)
                if header is None:
                    return None
                continue
            if len(record) != len(header):
                problems.add(
                    path.name,
                    start,
                    f"expected {len(header)} cells like the header, found {len(record)}",
                )
                continue
            cells = {name: cell.strip() for name, cell in zip(header, record, strict=True)}
            rows.append(CsvRow(start, cells))
    except csv.Error as exc:
        problems.add(path.name, reader.line_num, f"cannot read the CSV here: {exc}")
        return None
    return CsvTable(path.name, frozenset(header or ()), tuple(rows))


# --- cell values ----------------------------------------------------------------


def fold(value: str) -> str:
    """The form values are compared in: case and surrounding space ignored."""
    return " ".join(value.split()).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """The values a column accepts: what the error message shows, and every spelling."""

    shown: tuple[str, ...]
    lookup: Mapping[str, str]


def vocabulary(codes: Mapping[str, tuple[str, ...]]) -> Vocabulary:
    """{code: (shown value, other spellings...)}; the code itself is accepted too."""
    lookup: dict[str, str] = {}
    for code, spellings in codes.items():
        for spelling in (*spellings, code):
            lookup[fold(spelling)] = code
    return Vocabulary(tuple(spellings[0] for spellings in codes.values()), lookup)


_TRUE = frozenset({"ja", "j", "yes", "y", "true", "sant", "1", "x"})
_FALSE = frozenset({"", "nej", "n", "no", "false", "falskt", "0"})
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_CIVIC = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def parse_civic_no(value: str, today: dt.date) -> str:
    """A personnummer or samordningsnummer as YYYYMMDD-NNNC; ValueError says what is wrong.

    Accepts YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC and YYMMDD+NNNC (the plus
    marks a person aged 100 or more, as the Swedish population register does).
    """
    match = _CIVIC.match(value.replace(" ", ""))
    if match is None:
        raise ValueError("is not a personnummer (YYYYMMDD-NNNN)")
    century, short, sign, tail = match.groups()
    if century is not None and sign == "+":
        raise ValueError("has a '+' but a four-digit year")
    if not _luhn_ok(short + tail):
        raise ValueError("has a wrong check digit (last digit); check for a typing mistake")
    year2, month, day = int(short[:2]), int(short[2:4]), int(short[4:6])
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    if century is not None:
        year = int(century) * 100 + year2
    else:
        year = (today.year // 100) * 100 + year2
        if year > today.year:
            year -= 100
        if sign == "+":
            year -= 100
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError("does not start with a valid date") from None
    return f"{year:04d}{short[2:]}-{tail}"


class RowReader:
    """Reads the cells of one row, recording every problem with file and line."""

    def __init__(self, table: CsvTable, row: CsvRow, problems: Problems) -> None:
        self.table = table
        self.row = row
        self.ok = True
        self._problems = problems

    @property
    def line(self) -> int:
        return self.row.line

    def fail(self, message: str) -> None:
        self._problems.add(self.table.name, self.row.line, message)
        self.ok = False

    def has(self, column: str) -> bool:
        """Whether the file has this column (an absent optional column changes nothing)."""
        return column in self.table.columns

    def raw(self, column: str) -> str:
        return self.row.cells.get(column, "")

    def text(
        self, column: str, *, required: bool = False, max_length: int | None = None
    ) -> str | None:
        value = self.raw(column)
        if not value:
            if required:
                self.fail(f"{column} is empty")
            return None
        if "\n" in value or "\r" in value or "\x00" in value:
            self.fail(f"{column} must be a single line of text")
            return None
        if max_length is not None and len(value) > max_length:
            self.fail(f"{column} is longer than {max_length} characters")
            return None
        return value

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        value = self.raw(column)
        if not value:
            if required:
                self.fail(f"{column} is empty")
            return None
        try:
            if len(value) != 10:
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"bad date '{value}' in {column}; write dates as YYYY-MM-DD")
            return None

    def time(self, column: str) -> dt.time | None:
        value = self.raw(column)
        match = _TIME.match(value)
        if not value:
            self.fail(f"{column} is empty")
        elif match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            self.fail(f"bad time '{value}' in {column}; write times as HH:MM, e.g. 08:10")
        else:
            return dt.time(int(match.group(1)), int(match.group(2)))
        return None

    def choice(
        self, column: str, vocabulary: Vocabulary, *, default: str | None = None
    ) -> str | None:
        """A value from a fixed list; `default` for an empty cell, else it is required."""
        value = self.raw(column)
        if not value and default is not None:
            return default
        code = vocabulary.lookup.get(fold(value))
        if code is None:
            what = f"unknown {column} '{value}'" if value else f"{column} is empty"
            self.fail(f"{what}; use one of: {', '.join(vocabulary.shown)}")
        return code

    def boolean(self, column: str) -> bool:
        value = fold(self.raw(column))
        if value in _TRUE:
            return True
        if value not in _FALSE:
            self.fail(f"'{self.raw(column)}' in {column} is not yes or no (ja/nej)")
        return False

    def integer(self, column: str, low: int, high: int) -> int | None:
        value = self.raw(column)
        if not value:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.fail(f"{column} must be a whole number from {low} to {high}, not '{value}'")
            return None
        return int(value)

    def id_list(self, column: str) -> list[str]:
        """Ids separated by '|'; a repeated id is an error."""
        items = [item.strip() for item in self.raw(column).split("|")]
        found = [item for item in items if item]
        seen: set[str] = set()
        for item in found:
            if item in seen:
                self.fail(f"'{item}' is listed twice in {column}")
            seen.add(item)
        return found


def rows_of(table: CsvTable | None, problems: Problems) -> Iterator[RowReader]:
    if table is None:
        return
    for row in table.rows:
        yield RowReader(table, row, problems)
