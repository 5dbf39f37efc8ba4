"""Files a teacher takes elsewhere: CSV for Excel, PDF for printing."""
