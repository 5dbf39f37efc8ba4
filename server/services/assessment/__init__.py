"""Assessment: what the server serves about assessments and grades beyond the feed."""
