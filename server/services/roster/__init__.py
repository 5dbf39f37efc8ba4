"""The school's roster and timetable as the resource endpoints read them,
scoped to the caller, and Swedish school time."""
