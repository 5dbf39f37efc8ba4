"""The HTML of a syllabus text as blocks of plain text, with html.parser.

Skolverket's Syllabus API writes central content as `<h4>area</h4>` followed
by `<ul><li>point</li>…</ul>`, and grading criteria as an `<h4>` heading
followed by `<p>` paragraphs with the value words in `<strong>`. This reads
any such text into blocks (heading, paragraph, list item), each with its
plain text and the phrases that were `<strong>` (or `<b>`) in it:

- soft hyphens (U+00AD) and zero-width characters are removed, no-break
  spaces become spaces and runs of white space one space;
- character references are decoded (html.parser does it), tags we do not
  know keep their text, `<script>` and `<style>` lose theirs;
- text outside any block (bare text, or a `<div>`) becomes a paragraph.

Nothing here trusts the markup: the result is plain text and a list of
phrases; whoever shows it escapes it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

HEADING, PARAGRAPH, LIST_ITEM = "heading", "paragraph", "list_item"

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = {**dict.fromkeys(_HEADINGS, HEADING), "p": PARAGRAPH, "li": LIST_ITEM}
#: Tags that end a block without starting one (a new list, a division).
_BREAKS = frozenset({"ul", "ol", "div", "table", "tr", "blockquote", "section"})
_EMPHASIS = frozenset({"strong", "b"})
_SILENT = frozenset({"script", "style"})
#: Removed outright: soft hyphen, zero-width space/joiners, word joiner, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Plain text as the catalogue keeps it: no soft hyphens, single spaces."""
    return _SPACE.sub(" ", text.translate(_INVISIBLE).replace("\u00a0", " ")).strip()


@dataclass(frozen=True)
class Block:
    kind: str  # HEADING | PARAGRAPH | LIST_ITEM
    text: str
    #: The phrases marked <strong> in this block, in order, each once.
    value_words: tuple[str, ...] = ()


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._kind = PARAGRAPH
        self._parts: list[str] = []
        self._strong_depth = 0
        self._strong_parts: list[str] = []
        self._strongs: list[str] = []
        self._silent = 0

    def _flush(self) -> None:
        self._end_strong()
        text = clean_text("".join(self._parts))
        if text:
            words = tuple(dict.fromkeys(w for w in self._strongs if w and w in text))
            self.blocks.append(Block(self._kind, text, words))
        self._kind, self._parts, self._strongs = PARAGRAPH, [], []

    def _end_strong(self) -> None:
        if self._strong_parts:
            self._strongs.append(clean_text("".join(self._strong_parts)))
        self._strong_parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SILENT:
            self._silent += 1
        elif tag in _BLOCKS:
            self._flush()
            self._kind = _BLOCKS[tag]
        elif tag in _BREAKS:
            self._flush()
        elif tag == "br":
            self._parts.append(" ")
        elif tag in _EMPHASIS:
            self._strong_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SILENT:
            self._silent = max(0, self._silent - 1)
        elif tag in _BLOCKS or tag in _BREAKS:
            self._flush()
        elif tag in _EMPHASIS and self._strong_depth:
            self._strong_depth -= 1
            if self._strong_depth == 0:
                self._end_strong()

    def handle_data(self, data: str) -> None:
        if self._silent:
            return
        self._parts.append(data)
        if self._strong_depth:
            self._strong_parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str) -> list[Block]:
    """The blocks of a syllabus text, in order."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks
