"""The one exception parsers raise for bad input.

A parser that meets input it cannot read raises :class:`DumpError` with the 1-based
line (or None) and a message a user can act on; the loader turns it into a
:class:`~revviewer.core.model.LoadError` naming the file, and goes on with the next.
:func:`header_number` reads a number from a dump's header the same way in every
format, refusing one too long to be real.
"""

from __future__ import annotations


class DumpError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


#: digits a number in a dump's header (a version number, the version count) may have:
#: no article has that many versions, and int() refuses strings of over 4,300 digits
MAX_DIGITS = 9


def header_number(digits: str, what: str, line: int | None = None) -> int:
    """The number ``digits`` (from a dump's header) stand for; a :class:`DumpError`
    naming ``what`` when there are too many of them."""
    if len(digits) > MAX_DIGITS:
        raise DumpError(f"the {what} {digits[:12]}... is too large", line)
    return int(digits)
