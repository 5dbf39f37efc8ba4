"""The kinds of synced record, declared by capability; sync_protocol.entities
assembles them into the registry."""
