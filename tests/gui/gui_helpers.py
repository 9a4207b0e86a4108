"""Helpers for the window tests: articles and NewsSniffer dumps to load, and readers of
what the panes show (text and marked words)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

from revviewer.core.model import Article, Version, article_key
from revviewer.testing.dumpgen import GenArticle, GenVersion
from revviewer.testing.dumphtml import render_html

PLACEHOLDER = "\u00a0"

# -- building articles and dumps ---------------------------------------------------
T0 = datetime(2018, 4, 12, 9, 0, tzinfo=UTC)

#: three versions of one story: step 1 edits words, step 2 moves a paragraph and edits one
BRIDGE = [
    (
        "Council approves bridge",
        [
            "The council approved the bridge on Monday.",
            "Work starts in May, the mayor said.",
            "Critics say the cost is too high and the plan too vague.",
            "A public meeting is planned.",
        ],
    ),
    (
        "Council approves new bridge",
        [
            "The council approved the new bridge on Tuesday.",
            "Work starts in May, the mayor said.",
            "Critics say the cost is too high and the plan too vague.",
            "A public meeting is planned.",
        ],
    ),
    (
        "Council approves new bridge",
        [
            "Critics say the cost is too high and the plan too vague.",
            "The council approved the new bridge on Tuesday.",
            "Work starts in May, the mayor said.",
            "A public meeting is planned for Friday.",
        ],
    ),
]


def make_article(
    versions: list[tuple[str, list[str]]],
    url: str = "https://news.example/2018/bridge",
    source: str = "example",
) -> Article:
    vs = [
        Version(i, title, list(paras), captured=T0 + timedelta(hours=i))
        for i, (title, paras) in enumerate(versions)
    ]
    return Article(article_key(url), source, url, vs, version_count=len(vs))


def write_html_dumps(
    folder: Path,
    versions: list[tuple[str, list[str]]],
    url: str = "https://news.example/2018/bridge",
    source: str = "example",
) -> list[Path]:
    """NewsSniffer HTML pages for every adjacent pair of ``versions``."""
    gen = GenArticle(
        source,
        url,
        [GenVersion(i, t, list(p), T0 + timedelta(hours=i)) for i, (t, p) in enumerate(versions)],
        "It will not be checked again for changes.",
    )
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(len(versions) - 1):
        path = folder / f"{source}-{i}-{i + 1}.html"
        path.write_text(render_html(gen, i, i + 1), encoding="utf-8")
        out.append(path)
    return out


# -- reading the panes -----------------------------------------------------------
def blocks(pane: QTextBrowser | QTextDocument) -> list[str]:
    """The text of every block (one per shown row); placeholders read as ""."""
    doc = pane if isinstance(pane, QTextDocument) else pane.document()
    out = []
    block = doc.begin()
    while block.isValid():
        text = block.text().replace("\u2028", "\n")
        out.append("" if text == PLACEHOLDER else text)
        block = block.next()
    return out


def marked(pane: QTextBrowser) -> tuple[list[str], list[str]]:
    """(inserted, deleted): the runs of text drawn underlined / struck through, in
    document order, links excluded."""
    inserted: list[str] = []
    deleted: list[str] = []
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            text = frag.text().strip()
            if text and not fmt.isAnchor():
                if fmt.fontStrikeOut():
                    deleted.append(text)
                elif fmt.fontUnderline():
                    inserted.append(text)
            it += 1
        block = block.next()
    return inserted, deleted
