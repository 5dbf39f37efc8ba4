"""Who may see what: a teacher's scope (sets and SQL conditions) and the
protection of contact data for protected-identity pupils and their guardians."""
