"""The JSON documents of assessment records: a matrix's criteria, a result's levels.

Both travel as text fields (the wire has no nested values). These functions
read them and say, in English, what is wrong with one; the server refuses a
push with that reason and the app checks an edit with the same function
before it writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sync_protocol.grading_rules import MATRIX_LEVELS, RULES

MAX_CRITERIA = 60
MAX_CELL_TEXT = 3000
_ROW_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class DocumentError(ValueError):
    """A document that does not have the shape it must; the message says why."""


@dataclass(frozen=True)
class Criterion:
    """One row of a matrix: the criterion and a whole-sentence text per step with criteria."""

    id: str
    criterion: str
    texts: dict[str, str]


def parse_criteria(text: str) -> list[Criterion]:
    """A matrix's rows from its `criteria` text ("" is a matrix with no rows yet)."""
    if text.strip() == "":
        return []
    try:
        raw = json.loads(text)
    except ValueError:
        raise DocumentError("the matrix's criteria are not readable JSON") from None
    if not isinstance(raw, list):
        raise DocumentError("the matrix's criteria must be a list of rows")
    if len(raw) > MAX_CRITERIA:
        raise DocumentError(f"a matrix has at most {MAX_CRITERIA} criteria")
    rows: list[Criterion] = []
    seen: set[str] = set()
    allowed = {"id", "criterion", *RULES.criteria_steps}
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise DocumentError(f"criterion {number} is not an object")
        unknown = set(item) - allowed
        if unknown:
            raise DocumentError(
                f"criterion {number} has unknown keys: {', '.join(sorted(unknown))}"
            )
        row_id = item.get("id")
        if not isinstance(row_id, str) or not _ROW_ID.match(row_id):
            raise DocumentError(f"criterion {number} needs an id (letters, digits, - or _)")
        if row_id in seen:
            raise DocumentError(f"criterion id {row_id} appears twice")
        seen.add(row_id)
        texts: dict[str, str] = {}
        for key in ("criterion", *RULES.criteria_steps):
            value = item.get(key, "")
            if not isinstance(value, str) or len(value) > MAX_CELL_TEXT or "\x00" in value:
                raise DocumentError(
                    f"criterion {number}: {key} must be a text of at most "
                    f"{MAX_CELL_TEXT} characters"
                )
            texts[key] = value
        if texts["criterion"].strip() == "":
            raise DocumentError(f"criterion {number} has no text")
        criterion = texts.pop("criterion")
        rows.append(Criterion(row_id, criterion, texts))
    return rows


def dump_criteria(rows: list[Criterion]) -> str:
    return json.dumps(
        [{"id": row.id, "criterion": row.criterion, **row.texts} for row in rows],
        ensure_ascii=False,
    )


def parse_levels(text: str) -> dict[str, str]:
    """A result's {criterion id: level} from its `levels` text ("" is none)."""
    if text.strip() == "":
        return {}
    try:
        raw = json.loads(text)
    except ValueError:
        raise DocumentError("the levels are not readable JSON") from None
    if not isinstance(raw, dict):
        raise DocumentError("the levels must map a criterion id to a level")
    for key, level in raw.items():
        if not isinstance(key, str) or not _ROW_ID.match(key):
            raise DocumentError(f"not a criterion id: {str(key)[:40]}")
        if level not in MATRIX_LEVELS:
            raise DocumentError(
                f"level {str(level)[:20]!r} for criterion {key}: expected one of "
                + ", ".join(MATRIX_LEVELS)
            )
    return dict(raw)


def dump_levels(levels: dict[str, str]) -> str:
    return json.dumps(levels, ensure_ascii=False, sort_keys=True)


#: The most value words one cell may mark.
MAX_VALUE_WORDS = 40

ValueWords = dict[str, dict[str, list[str]]]


def parse_value_words(text: str) -> ValueWords:
    """A matrix's value words, {row id: {step: [phrase]}}, from its `value_words`
    text ("" is none): the phrases a syllabus marks (<strong>), shown bold
    wherever they stand in the row's cell for that step."""
    if text.strip() == "":
        return {}
    try:
        raw = json.loads(text)
    except ValueError:
        raise DocumentError("the value words are not readable JSON") from None
    if not isinstance(raw, dict):
        raise DocumentError("the value words must map a criterion id to its steps")
    for row_id, steps in raw.items():
        if not _ROW_ID.match(row_id) or not isinstance(steps, dict):
            raise DocumentError(f"value words of {str(row_id)[:40]}: not a criterion's steps")
        for step, words in steps.items():
            if step not in RULES.criteria_steps:
                raise DocumentError(f"value words of {row_id}: no step {str(step)[:10]!r}")
            if (
                not isinstance(words, list)
                or len(words) > MAX_VALUE_WORDS
                or not all(isinstance(w, str) and 0 < len(w) <= 200 for w in words)
            ):
                raise DocumentError(
                    f"value words of {row_id} at {step}: at most {MAX_VALUE_WORDS} "
                    "phrases of at most 200 characters"
                )
    return raw


def dump_value_words(words: ValueWords) -> str:
    kept = {row: {s: w for s, w in steps.items() if w} for row, steps in words.items()}
    kept = {row: steps for row, steps in kept.items() if steps}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else ""
