"""A pupil's documentation on the Pupils page (issue 11): notes, extra
anpassningar, åtgärdsprogram references, and their editors."""
