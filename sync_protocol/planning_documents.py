"""The JSON documents of planning records: a unit's catalogue picks, a lesson plan's links.

Both travel as text fields (the wire has no nested values), "" for none.
These functions read them and say, in English, what is wrong with one; the
server refuses a push with that reason (server.services.sync.push_planning)
and the app checks an edit with the same function before it writes.

A unit's picks name the subject code and version of the catalogue they came
from with the item ids, so a later catalogue version never changes the unit
(docs/curriculum.md, "Versions").
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Planning unit statuses (planning_unit.status; None counts as a draft).
DRAFT = "draft"
PUBLISHED = "published"
UNIT_STATUSES = (DRAFT, PUBLISHED)

MAX_PICKS = 300
MAX_LINKS = 30
MAX_URL = 2000
MAX_LINK_TITLE = 200


class PlanningDocumentError(ValueError):
    """A document that does not have the shape it must; the message says why."""


@dataclass(frozen=True)
class CurriculumPicks:
    """The catalogue items a unit covers, all of one subject version."""

    subject: str
    version: int
    items: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""


def parse_picks(text: str) -> CurriculumPicks | None:
    """A unit's picks from its `curriculum` text ("" is none)."""
    if text.strip() == "":
        return None
    try:
        raw = json.loads(text)
    except ValueError:
        raise PlanningDocumentError("the picked catalogue items are not readable JSON") from None
    if not isinstance(raw, dict) or set(raw) != {"subject", "version", "items"}:
        raise PlanningDocumentError("the picks must name subject, version and items")
    subject, version, items = raw["subject"], raw["version"], raw["items"]
    if not isinstance(subject, str) or not 0 < len(subject) <= 20:
        raise PlanningDocumentError("the picks' subject must be a subject code")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise PlanningDocumentError("the picks' version must be a whole number")
    if not isinstance(items, list) or len(items) > MAX_PICKS:
        raise PlanningDocumentError(f"a unit picks at most {MAX_PICKS} catalogue items")
    ids: list[uuid.UUID] = []
    for item in items:
        try:
            item_id = uuid.UUID(item) if isinstance(item, str) else None
        except ValueError:
            item_id = None
        if item_id is None:
            raise PlanningDocumentError(f"not a catalogue item id: {str(item)[:40]}")
        if item_id not in ids:
            ids.append(item_id)
    return CurriculumPicks(subject, version, tuple(ids))


def dump_picks(picks: CurriculumPicks | None) -> str:
    """The `curriculum` text of these picks: "" when none are picked."""
    if picks is None or not picks.items:
        return ""
    ids = list(dict.fromkeys(str(item) for item in picks.items))
    return json.dumps(
        {"subject": picks.subject, "version": picks.version, "items": ids},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def url_problem(url: str) -> str | None:
    """Why this is not a link a teacher may save (None: it is one)."""
    if len(url) > MAX_URL:
        return f"a link is at most {MAX_URL} characters"
    if any(ch.isspace() for ch in url):
        return "a link has no spaces"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "not a web address"
    if parts.scheme.lower() not in ("http", "https"):
        return "a link starts with http:// or https://"
    host = parts.hostname or ""
    if "." not in host and host != "localhost":
        return "a link names a web site (https://example.se/...)"
    return None


def parse_links(text: str) -> tuple[Link, ...]:
    """A lesson plan's links from its `links` text ("" is none)."""
    if text.strip() == "":
        return ()
    try:
        raw = json.loads(text)
    except ValueError:
        raise PlanningDocumentError("the links are not readable JSON") from None
    if not isinstance(raw, list):
        raise PlanningDocumentError("the links must be a list")
    if len(raw) > MAX_LINKS:
        raise PlanningDocumentError(f"a lesson plan has at most {MAX_LINKS} links")
    links: list[Link] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not set(item) <= {"url", "title"}:
            raise PlanningDocumentError(f"link {number} is not a link")
        url, title = item.get("url"), item.get("title", "")
        if not isinstance(url, str) or not isinstance(title, str):
            raise PlanningDocumentError(f"link {number} is not a link")
        problem = url_problem(url)
        if problem is not None:
            raise PlanningDocumentError(f"link {number}: {problem}")
        if len(title) > MAX_LINK_TITLE:
            raise PlanningDocumentError(
                f"link {number}: a title is at most {MAX_LINK_TITLE} characters"
            )
        links.append(Link(url, title))
    return tuple(links)


def dump_links(links: tuple[Link, ...] | list[Link]) -> str:
    if not links:
        return ""
    return json.dumps(
        [
            {"url": link.url, "title": link.title} if link.title else {"url": link.url}
            for link in links
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
