"""The index page of a multi-article export: one link per exported file.

Contract: :func:`render_index` lists each article (title, source, URL as text,
versions, what was exported) with a relative link to its file in the same folder;
file names are percent-encoded in links and escaped in text.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from revviewer.core.model import Article
from revviewer.export import page
from revviewer.export.escaping import esc


def render_index(entries: Sequence[tuple[Article, str, str]]) -> str:
    """``entries``: (article, file name in the same folder, what it holds)."""
    rows = []
    for article, filename, what in entries:
        rows.append(
            f'<tr><td><a href="{esc(quote(filename))}">{esc(article.title)}</a></td>'
            f"<td>{esc(article.source)}</td><td>{page.url_html(article.url)}</td>"
            f'<td class="r">{len(article.versions)}</td><td>{esc(what)}</td></tr>\n'
        )
    body = (
        f"<header>\n<h1>{len(entries)} exported article{'' if len(entries) == 1 else 's'}</h1>\n"
        "</header>\n<main>\n"
        '<table class="kv"><thead><tr><th>Article</th><th>Source</th><th>URL</th>'
        "<th>Versions</th><th>Exported</th></tr></thead>\n<tbody>\n"
        f"{''.join(rows)}</tbody></table>\n</main>\n"
    )
    return page.document("Exported articles", body)
