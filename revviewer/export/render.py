"""One comparison as one self-contained HTML page.

Contract: :func:`render_comparison` returns the whole page as a string: where the
two versions came from (source, URL, version numbers, capture times or distance,
source files with SHA-256), the headline diff, the statistics, and the aligned rows
side by side (default) or inline. Pure apart from reading the source files to hash
them; deterministic for the same input and files.
"""

from __future__ import annotations

from revviewer.core.comparison import Comparison
from revviewer.core.model import Article
from revviewer.export import page
from revviewer.export.provenance import FileDigests
from revviewer.export.rows import rows_table


def render_comparison(article: Article, comparison: Comparison, *, inline: bool = False) -> str:
    old, new = comparison.old, comparison.new
    digests = FileDigests(article.digests)
    compared = (
        f'<a href="#v{old.number}">Version {old.number}</a> \u2192 '
        f'<a href="#v{new.number}">Version {new.number}</a>'
    )
    body = [
        "<header>\n",
        f"<h1>{page.headline_html(comparison)}</h1>\n",
        page.article_facts(article, [("Compared", compared)]),
        "<h2>Versions</h2>\n",
        page.versions_table((old, new), digests),
        "<h2>Source files</h2>\n",
        page.files_list(digests.all(old.sources + new.sources)),
        "<h2>Statistics</h2>\n",
        page.stats_table(comparison.stats, comparison.options),
        "</header>\n<main>\n<h2>Changes</h2>\n",
        page.legend(),
        rows_table(comparison, inline=inline),
        "</main>\n",
    ]
    title = f"{new.title or article.url} (version {old.number} \u2192 {new.number})"
    return page.document(title, "".join(body))
