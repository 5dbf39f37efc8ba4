"""Same-day notices to guardians of an invalid absence: queueing them from
attendance, their deliveries, the mailer and the background sender."""
