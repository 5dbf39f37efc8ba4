"""Three-way merge of free text (notes, plans), word by word.

Two teachers edit one lesson plan offline. Where their edits touch different
words the result has both; where they change the same words differently the
merge reports a conflict and the caller keeps both versions for a person to
choose (never a silent loss). This is the classic diff3 walk over tokens, with
difflib's matcher to align each side with the common base.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class TextMerge:
    text: str | None  # the merged text; None when the edits overlap
    clean: bool


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _matches(base: Sequence[str], side: Sequence[str]) -> dict[int, int]:
    """base index -> side index for tokens the two have in common, in order."""
    mapping: dict[int, int] = {}
    matcher = SequenceMatcher(None, base, side, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def merge_text(base: str, ours: str, theirs: str) -> TextMerge:
    """Merge two edits of `base`. Equal edits and one-sided edits are trivial."""
    if ours == theirs:
        return TextMerge(ours, True)
    if ours == base:
        return TextMerge(theirs, True)
    if theirs == base:
        return TextMerge(ours, True)
    o, a, b = tokenize(base), tokenize(ours), tokenize(theirs)
    match_a, match_b = _matches(o, a), _matches(o, b)
    out: list[str] = []
    io = ia = ib = 0
    while True:
        # The next base token that both sides kept, past where we are.
        sync = next(
            (
                k
                for k in range(io, len(o))
                if k in match_a and k in match_b and match_a[k] >= ia and match_b[k] >= ib
            ),
            None,
        )
        end_o, end_a, end_b = (
            (len(o), len(a), len(b)) if sync is None else (sync, match_a[sync], match_b[sync])
        )
        chunk_o, chunk_a, chunk_b = o[io:end_o], a[ia:end_a], b[ib:end_b]
        if chunk_a == chunk_o:
            out.extend(chunk_b)
        elif chunk_b in (chunk_o, chunk_a):
            out.extend(chunk_a)
        else:
            return TextMerge(None, False)
        if sync is None:
            return TextMerge("".join(out), True)
        # Copy the stable run all three share.
        io, ia, ib = end_o, end_a, end_b
        while io < len(o) and match_a.get(io) == ia and match_b.get(io) == ib:
            out.append(o[io])
            io, ia, ib = io + 1, ia + 1, ib + 1
