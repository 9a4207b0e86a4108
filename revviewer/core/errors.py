"""The one exception parsers raise for bad input.

A parser that meets input it cannot read raises :class:`DumpError` with the 1-based
line (or None) and a message a user can act on; the loader turns it into a
:class:`~revviewer.core.model.LoadError` naming the file, and goes on with the next.
"""

from __future__ import annotations


class DumpError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
