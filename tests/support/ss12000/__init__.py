"""SS 12000 2.1.0 objects checked against JSON Schemas the team wrote from the
specification's text (issue 13).

The specification's OpenAPI file is reference only: no test reads it. Each
object has a schema file in `schemas/` (`Person.json`, `Attendance.json`...);
`common.json` holds what they share (Meta, ObjectReference, dates, ids).
Schemas for what Klassbok *publishes* forbid properties they do not name, so
a misspelt field fails instead of passing unseen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).parent / "schemas"
BASE = "https://klassbok.invalid/ss12000/"


@cache
def _registry() -> Registry[Any]:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = json.loads(path.read_text("utf-8"))
        resources.append((BASE + path.name, Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@cache
def _validator(name: str) -> Draft202012Validator:
    # "Person" is schemas/Person.json; "common.json#/$defs/Meta" a part of a file.
    target = name if "#" in name else f"{name}.json"
    schema = {"$ref": BASE + target}
    return Draft202012Validator(schema, registry=_registry())


def problems(name: str, instance: Any) -> list[str]:
    """What is wrong with `instance` as an SS 12000 `name` (empty: nothing)."""
    found = []
    for error in sorted(_validator(name).iter_errors(instance), key=lambda e: list(e.path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(the object)"
        found.append(f"{name} {where}: {error.message}")
    return found


def check(name: str, instance: Any) -> None:
    """Fail with every problem if `instance` is not a valid SS 12000 `name`."""
    found = problems(name, instance)
    assert not found, "\n".join(found)


def check_all(name: str, instances: Iterable[Any]) -> int:
    """check() each one; the number checked (so a test can see it checked any)."""
    count = 0
    for instance in instances:
        check(name, instance)
        count += 1
    return count


def check_list(name: str, body: Any) -> list[Any]:
    """A list response `{data: [...], pageToken}` of `name` objects: its data, each checked."""
    assert isinstance(body, dict), f"a list of {name} is an object, got {type(body).__name__}"
    extra = set(body) - {"data", "pageToken"}
    assert not extra, f"a list of {name} has unknown properties {sorted(extra)}"
    assert isinstance(body.get("data"), list), f"a list of {name} needs a data array"
    token = body.get("pageToken")
    assert token is None or isinstance(token, str), f"pageToken must be a string or null: {token!r}"
    check_all(name, body["data"])
    return body["data"]
