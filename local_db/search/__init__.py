"""Offline search over the encrypted cache (issue 11, item 7).

An FTS5 index inside the cache (revision 0010; triggers keep it current)
over planning units, lesson plans, pupil notes, extra anpassningar,
catalogue items and pupils' names. `search(conn, typed, me)` turns what the
teacher typed into prefix terms and returns ranked hits; docs/search.md.
"""

from __future__ import annotations

from local_db.search.query import match_expression, search_words
from local_db.search.reads import DEFAULT_LIMIT, search
from local_db.search.views import KINDS, MATCH_END, MATCH_START, SearchHit, SearchResults

__all__ = [
    "DEFAULT_LIMIT",
    "KINDS",
    "MATCH_END",
    "MATCH_START",
    "SearchHit",
    "SearchResults",
    "match_expression",
    "search",
    "search_words",
]
