"""The curriculum catalogue: importing Skolverket's syllabuses (docs/curriculum.md)."""
