"""The Bedömning page: the gradebook, assessments, matrices and term grades."""
