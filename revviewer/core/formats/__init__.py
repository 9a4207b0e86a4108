"""The registry of input formats.

Each format is one module in this package with:

- ``NAME``: a short identifier (``"newssniffer-text"``),
- ``DESCRIPTION``: one line for users,
- ``MIME_TYPES``: the media types its files usually have, which the desktop entry
  offers to open (a test keeps the two in step; sniffing still decides),
- ``sniff(head: bytes) -> bool``: True when the first bytes of a file (up to
  :data:`SNIFF_BYTES`) look like this format; decided from content, never from the
  file name,
- ``parse(path: str, data: bytes) -> list[Article]``: the article fragments the file
  holds; raises :class:`~revviewer.core.errors.DumpError` for bad input.

:data:`FORMATS` lists them in the order they are tried: the cheapest and most
specific test first (a text dump is known by its first bytes; a saved page has to be
searched). A ``sniff`` must be fast and must never raise, whatever the bytes; ``parse``
raises only ``DumpError`` for bad input (the loader still contains anything else to the
one file). Adding a format means writing its module and adding it here; a test checks
that every public module of this package is registered. Modules whose names start with
``_`` are helpers, not formats.
"""

from __future__ import annotations

from types import ModuleType

from revviewer.core.formats import newssniffer_html, newssniffer_text

SNIFF_BYTES = 64 * 1024

FORMATS: tuple[ModuleType, ...] = (newssniffer_text, newssniffer_html)


def detect(head: bytes) -> ModuleType | None:
    """The first registered format whose ``sniff`` accepts ``head``, or None."""
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    return None


def by_name(name: str) -> ModuleType:
    for fmt in FORMATS:
        if name == fmt.NAME:
            return fmt
    raise KeyError(name)
