"""Helpers for the export tests: parse a page strictly and inspect what it references."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element

import html5lib

from revviewer import __version__

#: elements an export may contain; anything else (script, img, iframe, svg, ...) fails
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "nav",
    "section", "h1", "h2", "p", "dl", "dt", "dd", "ul", "ol", "li", "table", "colgroup",
    "col", "thead", "tbody", "tr", "th", "td", "a", "abbr", "span", "code", "time", "del",
    "ins", "meter", "div",
}  # fmt: skip


def parse(page: str) -> Element:
    """The page's tree; strict, so any HTML parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(page)
    return tree


def text(el: Element) -> str:
    return "".join(el.itertext())


def texts(tree: Element, tag: str) -> list[str]:
    return [text(e) for e in tree.iter(tag)]


def body_rows(table: Element) -> list[Element]:
    tbody = table.find("tbody")
    assert tbody is not None
    return tbody.findall("tr")


def cell_text(td: Element) -> str:
    """A cell's text without the parser-guess notes (span.in) added to it, and with
    the "¶" that marks an inserted or deleted paragraph break taken out."""
    parts = [td.text or ""]
    for child in td:
        if child.get("class") != "in":
            parts.append(text(child))
        parts.append(child.tail or "")
    return "".join(parts).replace("\u00b6\n", "\n")


def assert_self_contained(tree: Element, allowed_links: Iterable[str] = ()) -> None:
    """No active content, no attribute handlers, nothing fetched; links only to
    #anchors in this page or to ``allowed_links``."""
    allowed = set(allowed_links)
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    for el in tree.iter():
        assert el.tag in ALLOWED_TAGS, f"unexpected element <{el.tag}>"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"handler {name}={value!r} on <{el.tag}>"
            assert name.lower() not in {"src", "srcset", "style", "action", "formaction"}, name
            if name == "href":
                if value.startswith("#"):
                    assert value[1:] in ids, f"link to a missing anchor {value}"
                else:
                    assert value in allowed, f"link out of the page: {value!r}"
        if el.tag == "meta":
            assert (el.get("http-equiv") or "").lower() != "refresh"
    for style in tree.iter("style"):
        css = text(style).lower()
        assert "@import" not in css and "url(" not in css
    assert len(ids) == len([e for e in tree.iter() if e.get("id")]), "duplicate ids"


def strip_version(page: str) -> str:
    """The page with the revviewer version masked, for golden files."""
    return page.replace(f"revviewer {__version__}", "revviewer VERSION")
