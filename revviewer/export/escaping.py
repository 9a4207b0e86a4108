"""Untrusted dump text into HTML text, and which URLs may become links.

Contract: everything that came from a dump (titles, paragraphs, URLs, source names,
file names, parser notes) reaches an exported page only through :func:`esc`, whose
output is never markup: ``html.escape(quote=True)`` makes it safe both as element
text and inside a double- or single-quoted attribute value. Characters an HTML
document may not contain (controls, lone surrogates, noncharacters) are shown, not
dropped: C0 controls and DEL as their Unicode control pictures (U+2400...), the rest
as U+FFFD, so the page parses without errors and an odd byte in the evidence stays
visible. Tab, LF and CR pass through (they are whitespace in HTML).

:func:`http_url` lets a URL become a link only when it is a plain absolute http(s)
URL; anything else (``javascript:``, ``data:``, relative, with spaces or quotes) is
shown as text only.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_NONCHARS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _NONCHARS + "]"
)


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def esc(text: str) -> str:
    """``text`` as HTML text, safe in element content and quoted attributes."""
    out = html.escape(text, quote=True)
    if _FORBIDDEN.search(out):
        out = _FORBIDDEN.sub(_show, out)
    return out


# Browsers strip or ignore whitespace and controls inside URLs ("java\tscript:" is
# javascript:), so a URL with any of them is never trusted as a link.
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"<>\\^`{|}]+\Z", re.IGNORECASE)


def http_url(url: str) -> str | None:
    """``url`` if it may be a link (absolute http or https with a host), else None."""
    if not _HTTP_URL.match(url):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return url if host else None
