"""School terms (terminer): HT (autumn) and VT (spring).

Swedish schools set their own term dates; Klassbok needs a term for two
things only: which memberships a teacher's scope covers (those overlapping the
current term) and the default period of statistics and term grades. Calendar
halves are wide enough to contain every school's real term.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CODE = re.compile(r"^(HT|VT)(\d{4})$")


@dataclass(frozen=True)
class Term:
    code: str  # "HT2026" or "VT2027"
    start: dt.date  # inclusive
    end: dt.date  # inclusive

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        return start <= self.end and (end is None or end >= self.start)


def term_for(day: dt.date) -> Term:
    if day.month >= 8:
        return Term(f"HT{day.year}", dt.date(day.year, 8, 1), dt.date(day.year, 12, 31))
    return Term(f"VT{day.year}", dt.date(day.year, 1, 1), dt.date(day.year, 7, 31))


def parse_term(code: str) -> Term:
    match = _CODE.match(code)
    if match is None:
        raise ValueError(f"not a term code (HT2026, VT2027): {code!r}")
    year = int(match.group(2))
    return term_for(dt.date(year, 9 if match.group(1) == "HT" else 3, 1))
