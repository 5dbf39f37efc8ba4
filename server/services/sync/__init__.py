"""Sync: the push (validate, merge field by field, conflicts, clocks, hooks),
the change feed, the divergence check's digests, and bulk change-sets."""
