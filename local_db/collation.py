"""Swedish alphabetical order, which SQLite cannot do.

The Swedish alphabet ends ... x y z å ä ö, so "Öberg" comes after "Zetterlund"
and "Åberg" before "Ärlig". Other accents sort as their base letter (é as e),
ü as y, æ as ä and ø as ö, as in Svenska Akademiens ordlista. Case is
ignored for ordering.
"""

from __future__ import annotations

import functools
import unicodedata

# Private-use characters sort after every letter a-z.
_AFTER_Z = {
    "å": "\ue001",
    "ä": "\ue002",
    "æ": "\ue002",
    "ö": "\ue003",
    "ø": "\ue003",
    "ü": "y",
}


def _fold(char: str) -> str:
    mapped = _AFTER_Z.get(char)
    if mapped is not None:
        return mapped
    # Strip accents: "é" decomposes to "e" + a combining mark.
    return unicodedata.normalize("NFD", char)[0]


# Names repeat (a class's teachers, a family's children): remember the keys.
@functools.lru_cache(maxsize=8192)
def swedish_key(text: str) -> str:
    """A key whose ordinary string order is Swedish alphabetical order."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return "".join(_fold(char) for char in folded)


def name_sort_key(family_name: str, given_name: str) -> tuple[str, str, str, str]:
    """Family name, then given name; the raw names break ties so the order
    is the same on every run."""
    return (swedish_key(family_name), swedish_key(given_name), family_name, given_name)
