"""From what the teacher typed to an FTS5 MATCH expression.

Every word becomes a quoted prefix term (`"bråk"*`), the terms joined by
FTS5's implicit AND. Quoting makes FTS5's own syntax plain text: quotes,
`*`, `-`, `^`, `:`, parentheses and the words AND, OR, NOT and NEAR never
reach the parser as operators, so nothing a teacher types can make the query
fail. Words are split where the index's tokenizer (unicode61) splits them:
at anything that is not a letter or a digit.

A single letter alone searches only the titles (pupils' names, units'
titles, adjustments, catalogue headings): as the first keystroke it matches
most of the cache's words, and what a teacher means by "å" is a name. From
the second letter on, everything is searched.
"""

from __future__ import annotations

import re

#: A run of letters and digits (unicode61's token characters; `_` is not one).
_WORD = re.compile(r"[^\W_]+")
#: More words than this add nothing a teacher can read, only work.
MAX_TERMS = 8


def search_words(typed: str) -> list[str]:
    """The words of `typed`, in order, at most MAX_TERMS."""
    return _WORD.findall(typed)[:MAX_TERMS]


def match_expression(typed: str) -> str | None:
    """The MATCH expression for `typed`; None when there is nothing to search for."""
    words = search_words(typed)
    if not words:
        return None
    # Inside a quoted FTS5 string only `"` is special; words hold none, but
    # doubling keeps the rule true should the word pattern ever change.
    terms = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
    if len(words) == 1 and len(words[0]) == 1:
        return "title : " + terms
    return terms
