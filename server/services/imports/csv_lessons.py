"""Reading the timetable: single lessons (lessons.csv) and weekly rows (timetable.csv).

Times in the files are Swedish local time, as on every timetable; they are
stored in UTC. A weekly row becomes one lesson per matching date, each with
an external id made of the activity, date and start time, so re-importing
the same timetable finds the same lessons. lessons.csv is read after it: a
row without lesson_id for the same activity, date and start time replaces
the generated lesson (to cancel one, or move it to another room).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator

from server.services.imports.csv_files import CsvTable, FileSpec, RowReader, rows_of, vocabulary
from server.services.imports.csv_plan import PlanBuilder, WantedRow, derived_external_id
from server.services.roster.school_time import SCHOOL_TIME_ZONE, local_to_utc

LESSONS = FileSpec(
    "lessons.csv",
    ("activity_id", "date", "start", "end"),
    ("lesson_id", "room", "cancelled", "comment"),
)
TIMETABLE = FileSpec(
    "timetable.csv",
    ("activity_id", "weekday", "start", "end", "first_date", "last_date"),
    ("weeks", "room"),
)

_WEEKDAYS = vocabulary(
    {
        "1": ("måndag", "mån", "monday", "mon", "må"),
        "2": ("tisdag", "tis", "tuesday", "tue", "ti"),
        "3": ("onsdag", "ons", "wednesday", "wed", "on"),
        "4": ("torsdag", "tor", "thursday", "thu", "to"),
        "5": ("fredag", "fre", "friday", "fri", "fr"),
        "6": ("lördag", "lör", "saturday", "sat", "lö"),
        "7": ("söndag", "sön", "sunday", "sun", "sö"),
    }
)
_WEEK_RANGE = re.compile(r"^(\d{1,2})(?:-(\d{1,2}))?$")
_MAX_SPAN_DAYS = 400


def _weeks(reader: RowReader) -> set[int] | str | None:
    """'' (every week), 'odd'/'even', or ISO week numbers like 34-43,45-51."""
    text = reader.raw("weeks").replace(" ", "").casefold()
    if text in ("", "alla", "all"):
        return "all"
    if text in ("udda", "odd"):
        return "odd"
    if text in ("jämna", "even"):
        return "even"
    weeks: set[int] = set()
    for part in text.split(","):
        match = _WEEK_RANGE.match(part)
        if match is None:
            reader.fail(f"weeks '{reader.raw('weeks')}' is not like 34-43,45-51 (or udda/jämna)")
            return None
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not 1 <= first <= last <= 53:
            reader.fail(
                f"week range '{part}' must go forwards within 1-53 "
                "(across the new year write 50-52,1-3)"
            )
            return None
        weeks.update(range(first, last + 1))
    return weeks


def _dates(first: dt.date, last: dt.date, weekday: int, weeks: set[int] | str) -> Iterator[dt.date]:
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
    while day <= last:
        week = day.isocalendar().week
        if (
            weeks == "all"
            or (weeks == "odd" and week % 2 == 1)
            or (weeks == "even" and week % 2 == 0)
            or (isinstance(weeks, set) and week in weeks)
        ):
            yield day
        day += dt.timedelta(days=7)


def _times(reader: RowReader) -> tuple[dt.time, dt.time] | None:
    start, end = reader.time("start"), reader.time("end")
    if start is None or end is None:
        return None
    if end <= start:
        reader.fail(f"end {end:%H:%M} is not after start {start:%H:%M}")
        return None
    return start, end


def _activity(reader: RowReader, builder: PlanBuilder) -> tuple[str, uuid.UUID] | None:
    external_id = reader.text("activity_id", required=True)
    if external_id is None:
        return None
    activity_id = builder.resolve(reader, "activity", "activity_id", external_id)
    return None if activity_id is None else (external_id, activity_id)


def _lesson_row(
    builder: PlanBuilder, external_id: str, file: str, line: int, values: dict[str, object]
) -> WantedRow:
    stored = builder.stored.by_external_id["lesson"].get(external_id)
    row_id = stored.id if stored is not None else uuid.uuid4()
    return WantedRow(row_id, file, line, {**values, "external_id": external_id})


def read_timetable(table: CsvTable | None, builder: PlanBuilder) -> dict[str, WantedRow]:
    """Lessons generated from weekly rows, by external id."""
    generated: dict[str, WantedRow] = {}
    for reader in rows_of(table, builder.problems):
        activity = _activity(reader, builder)
        weekday = reader.choice("weekday", _WEEKDAYS)
        times = _times(reader)
        first = reader.date("first_date", required=True)
        last = reader.date("last_date", required=True)
        weeks = _weeks(reader)
        if first is not None and last is not None:
            if last < first:
                reader.fail(f"last_date {last} is before first_date {first}")
            elif (last - first).days > _MAX_SPAN_DAYS:
                reader.fail("a weekly row may cover at most a school year; split it by term")
        if not reader.ok or activity is None or weekday is None or times is None:
            continue
        assert first is not None
        assert last is not None
        assert weeks is not None
        dates = list(_dates(first, last, int(weekday), weeks))
        if not dates:
            reader.fail("this weekly row matches no date between first_date and last_date")
            continue
        clashes: list[dt.date] = []
        for day in dates:
            key = derived_external_id(activity[0], f"{day.isoformat()}T{times[0]:%H:%M}")
            if key in generated:
                clashes.append(day)
                continue
            values: dict[str, object] = {
                "activity_id": activity[1],
                "start_time": local_to_utc(day, times[0]),
                "end_time": local_to_utc(day, times[1]),
                "cancelled": False,
                "comment": None,
            }
            if reader.has("room"):
                values["room"] = reader.text("room", max_length=50)
            generated[key] = _lesson_row(builder, key, TIMETABLE.name, reader.line, values)
        if clashes:
            other = generated[
                derived_external_id(activity[0], f"{clashes[0].isoformat()}T{times[0]:%H:%M}")
            ]
            more = f" and {len(clashes) - 1} more dates" if len(clashes) > 1 else ""
            reader.fail(
                f"repeats line {other.line}: activity '{activity[0]}' already has this lesson "
                f"on {clashes[0]}{more}"
            )
    return generated


def read_lessons(
    table: CsvTable | None, builder: PlanBuilder, generated: dict[str, WantedRow]
) -> None:
    """Single lessons, replacing generated ones with the same activity, date and start."""
    single: list[tuple[str, WantedRow]] = []
    for reader in rows_of(table, builder.problems):
        activity = _activity(reader, builder)
        day = reader.date("date", required=True)
        times = _times(reader)
        room = reader.text("room", max_length=50)
        comment = reader.text("comment", max_length=500)
        cancelled = reader.boolean("cancelled")
        external_id = reader.text("lesson_id", max_length=100)
        if activity is None or day is None or times is None or not reader.ok:
            continue
        if external_id is None:
            external_id = derived_external_id(activity[0], f"{day.isoformat()}T{times[0]:%H:%M}")
        if builder.claim_value(reader, "lesson", "lesson_id", external_id) is None:
            continue
        values: dict[str, object] = {
            "activity_id": activity[1],
            "start_time": local_to_utc(day, times[0]),
            "end_time": local_to_utc(day, times[1]),
            "cancelled": cancelled,
        }
        replaced = generated.pop(external_id, None)
        if replaced is not None:
            # A replaced weekly lesson keeps its room unless this row names one.
            values["room"] = room or replaced.values.get("room")
            values["comment"] = comment
        else:
            if reader.has("room"):
                values["room"] = room
            if reader.has("comment"):
                values["comment"] = comment
        single.append(
            (external_id, _lesson_row(builder, external_id, LESSONS.name, reader.line, values))
        )
    # Weekly lessons first: a clash is then reported on the single lesson.
    for external_id, row in (*generated.items(), *single):
        builder.want("lesson", external_id, row)
    _refuse_double_lessons(builder)


def _refuse_double_lessons(builder: PlanBuilder) -> None:
    """Two lessons of one activity starting at the same time are a mistake in the files."""
    first: dict[tuple[object, object], WantedRow] = {}
    reported: set[tuple[str, int]] = set()
    for row in builder.plan.rows["lesson"].values():
        slot = (row.values["activity_id"], row.values["start_time"])
        earlier = first.setdefault(slot, row)
        if earlier is row or (row.file, row.line) in reported:
            continue
        reported.add((row.file, row.line))
        start = row.values["start_time"]
        assert isinstance(start, dt.datetime)
        local = start.astimezone(SCHOOL_TIME_ZONE)
        builder.problems.add(
            row.file,
            row.line,
            f"the activity already has a lesson starting {local:%Y-%m-%d %H:%M} "
            f"({earlier.file} line {earlier.line})",
        )
