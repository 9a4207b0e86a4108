"""NewsSniffer diff page saved as text (placeholder until the parser lands)."""

from __future__ import annotations

from revviewer.core.errors import DumpError
from revviewer.core.model import Article

NAME = "newssniffer-text"
DESCRIPTION = "NewsSniffer diff page saved as text"


def sniff(head: bytes) -> bool:
    return False


def parse(path: str, data: bytes) -> list[Article]:
    raise DumpError("not implemented yet")
