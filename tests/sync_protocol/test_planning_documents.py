"""The planning documents (sync_protocol.planning_documents): a unit's picks
and a lesson plan's links read back as written, and what is not one is
refused with a reason a teacher can act on."""

from __future__ import annotations

import uuid

import pytest

from sync_protocol.planning_documents import (
    MAX_LINKS,
    CurriculumPicks,
    Link,
    PlanningDocumentError,
    dump_links,
    dump_picks,
    parse_links,
    parse_picks,
    url_problem,
)


def test_picks_and_links_read_back_as_written() -> None:
    items = (uuid.uuid4(), uuid.uuid4())
    picks = CurriculumPicks("GRGRMAT01", 3, items)
    assert parse_picks(dump_picks(picks)) == picks
    assert dump_picks(None) == ""
    assert dump_picks(CurriculumPicks("GRGRMAT01", 3, ())) == ""
    assert parse_picks("") is None
    links = (Link("https://skolverket.se/a?b=1#c", "Skolverket"), Link("http://nok.se"))
    assert parse_links(dump_links(links)) == links
    assert parse_links("") == ()
    assert dump_links([]) == ""


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://nok.se/bråk", None),
        ("http://localhost:8000/x", None),
        ("www.nok.se", "a link starts with http:// or https://"),
        ("javascript:alert(1)", "a link starts with http:// or https://"),
        ("https://nok se", "a link has no spaces"),
        ("https://nok", "a link names a web site (https://example.se/...)"),
        ("https://" + "a" * 2001 + ".se", "a link is at most 2000 characters"),
    ],
)
def test_a_link_is_an_http_web_address(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "not readable JSON"),
        ('{"url": "https://nok.se"}', "must be a list"),
        ('[{"url": "ftp://nok.se"}]', "link 1: a link starts with http"),
        ('[{"href": "https://nok.se"}]', "link 1 is not a link"),
        ("[" + ",".join(['{"url":"https://nok.se"}'] * (MAX_LINKS + 1)) + "]", "at most 30 links"),
    ],
)
def test_links_that_are_not_links_are_refused(text: str, reason: str) -> None:
    with pytest.raises(PlanningDocumentError, match=reason):
        parse_links(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[]", "must name subject, version and items"),
        ('{"subject": "GRGRMAT01", "version": "3", "items": []}', "whole number"),
        ('{"subject": "GRGRMAT01", "version": 3, "items": ["x"]}', "not a catalogue item id"),
    ],
)
def test_picks_that_are_not_picks_are_refused(text: str, reason: str) -> None:
    with pytest.raises(PlanningDocumentError, match=reason):
        parse_picks(text)
