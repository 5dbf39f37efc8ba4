"""The demo school (Björkskolan): people, timetable, a term's history."""
