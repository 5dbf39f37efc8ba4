"""What the Klassbok client and server share: wire schemas, the entity
registry with each field's merge policy, the hybrid logical clock, versions.

No I/O and no imports of our other packages (see ARCHITECTURE.md)."""
