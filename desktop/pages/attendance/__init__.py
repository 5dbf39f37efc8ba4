"""Attendance: the roll call, the lessons still to register, statistics."""
