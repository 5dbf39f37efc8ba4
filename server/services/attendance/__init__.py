"""Attendance beyond the roll call itself: guardians' absence reports and
granted leave (the roll call's marks are synced records, see sync/)."""
