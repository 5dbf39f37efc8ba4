"""Imports of a school's roster and timetable (CSV files today)."""
