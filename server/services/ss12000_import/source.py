"""Where the SS 12000 objects come from: an API, or a folder of JSON files.

Both give the same thing: per endpoint the list of objects (raw JSON
dictionaries, checked later by shapes.py) and the ids the source says were
deleted. The folder holds one file per endpoint in the API's list response
shape, `persons.json` = `{"data": [...], "pageToken": null}`, and optionally
`deletedEntities.json` = `{"data": {"persons": [...], ...}}`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from server.services.ss12000_import.client import Ss12000Client, format_after
from server.services.ss12000_import.errors import SourceFailed

#: The endpoints read, in the order they are read (a kind refers only to
#: earlier ones, except a person's responsibles, who are persons too).
ENDPOINTS: tuple[str, ...] = (
    "organisations",
    "persons",
    "duties",
    "syllabuses",
    "groups",
    "activities",
    "calendarEvents",
)
#: /deletedEntities' `entities` values for them.
ENTITY_NAMES = ("Organisation", "Person", "Duty", "Syllabus", "Group", "Activity", "CalendarEvent")


@dataclass
class Fetched:
    """What one run read from its source."""

    objects: dict[str, list[Any]] = field(default_factory=dict)
    #: endpoint -> ids the source deleted since the last run
    deleted: dict[str, list[str]] = field(default_factory=dict)
    #: Endpoints whose list is complete (a full run, or a folder's file):
    #: imported rows they no longer list are removed.
    complete: set[str] = field(default_factory=set)


def _deleted_by_endpoint(data: dict[str, list[str]]) -> dict[str, list[str]]:
    # The specification's DeletedEntities spells one key "activitites".
    merged = dict(data)
    if "activitites" in merged:
        merged["activities"] = [*merged.get("activities", []), *merged.pop("activitites")]
    return {name: ids for name, ids in merged.items() if name in ENDPOINTS}


def fetch_from_api(client: Ss12000Client, modified_after: dt.datetime | None) -> Fetched:
    """Every endpoint's objects, modified after `modified_after` (None: everything)."""
    fetched = Fetched()
    for endpoint in ENDPOINTS:
        params: dict[str, str] = {}
        if modified_after is not None:
            params["meta.modified.after"] = format_after(modified_after)
        if endpoint == "calendarEvents":
            # The rooms' names come along, instead of a round trip to /rooms.
            params["expandReferenceNames"] = "true"
        fetched.objects[endpoint] = client.list_all(endpoint, params)
    if modified_after is None:
        fetched.complete = set(ENDPOINTS)
    else:
        fetched.deleted = _deleted_by_endpoint(
            client.deleted_entities(modified_after, ENTITY_NAMES)
        )
    return fetched


def fetch_from_folder(folder: Path) -> Fetched:
    """The folder's files; each endpoint's file present is complete."""
    if not folder.is_dir():
        raise SourceFailed(f"{folder} is not a folder")
    fetched = Fetched()
    known = {f"{endpoint.casefold()}.json": endpoint for endpoint in ENDPOINTS}
    for path in sorted(folder.glob("*.json")):
        name = path.name.casefold()
        if name == "deletedentities.json":
            body = _read_json(path)
            data = body.get("data") if isinstance(body, dict) else None
            if not isinstance(data, dict):
                raise SourceFailed(f'{path.name}: expected {{"data": {{"persons": [...]}}}}')
            fetched.deleted = _deleted_by_endpoint(data)
            continue
        endpoint = known.get(name)
        if endpoint is None:
            raise SourceFailed(
                f"{path.name}: unknown file; the folder import reads "
                f"{', '.join(f'{e}.json' for e in ENDPOINTS)} and deletedEntities.json"
            )
        body = _read_json(path)
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise SourceFailed(f'{path.name}: expected a list response {{"data": [...]}}')
        if body.get("pageToken"):
            raise SourceFailed(f"{path.name}: has a pageToken; a file must hold the whole list")
        fetched.objects[endpoint] = body["data"]
        fetched.complete.add(endpoint)
    if not fetched.objects and not fetched.deleted:
        raise SourceFailed(f"{folder} holds none of the SS 12000 files")
    return fetched


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFailed(f"{path.name}: cannot be read as JSON ({exc})") from None
