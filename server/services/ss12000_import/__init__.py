"""Import a school from a student information system's SS 12000 2.1.0 API, or
from a folder of JSON files in the API's response shape (docs/ss12000.md,
"Importing a school")."""
