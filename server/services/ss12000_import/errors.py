"""What can go wrong in an SS 12000 import, each with a message for the operator."""

from __future__ import annotations

from collections.abc import Iterable


class Ss12000Error(Exception):
    """An import that stopped; nothing was written. str() is the message to print."""


class SourceFailed(Ss12000Error):
    """The SS 12000 server (or folder) could not give what was asked for."""


class ObjectsRejected(Ss12000Error):
    """Objects that break the specification, or refer to what is not there."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        shown = "\n".join(f"  {problem}" for problem in self.problems[:50])
        more = f"\n  ... and {count - 50} more" if count > 50 else ""
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the SS 12000 objects:\n{shown}{more}"
        )
