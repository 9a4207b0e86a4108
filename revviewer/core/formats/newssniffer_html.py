"""NewsSniffer diff page saved as html (placeholder until the parser lands)."""

from __future__ import annotations

from revviewer.core.errors import DumpError
from revviewer.core.model import Article

NAME = "newssniffer-html"
DESCRIPTION = "NewsSniffer diff page saved as html"


def sniff(head: bytes) -> bool:
    return False


def parse(path: str, data: bytes) -> list[Article]:
    raise DumpError("not implemented yet")
