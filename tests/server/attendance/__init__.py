"""Server tests: attendance (mirrors server/services/attendance)."""
