"""Where things stand in the sources, and the error raised for bad input.

Every model node carries a ``SourceLocation``; every message about input reads
``path:line: what is wrong`` so that it can be found in an editor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SourceLocation:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class InputError(Exception):
    """Bad input: the build stops, names the place, and writes nothing."""

    def __init__(self, location: SourceLocation | str, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")
