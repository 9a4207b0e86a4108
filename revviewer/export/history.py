"""A whole article history (every step, version to next version) as one HTML page.

Contract: :func:`render_history` compares each consecutive pair of the article's
versions with :func:`revviewer.core.diff.compare` and renders one page: provenance
for all versions, a table of contents listing every step with its size
(``Stats.size``, words touched), then one section per step with the anchor
``v{old}-{new}`` and change anchors ``v{old}-{new}c{n}``. An article with one
version shows that version's text; with none, says so.
"""

from __future__ import annotations

import itertools

from revviewer.core.comparison import Comparison, DiffOptions
from revviewer.core.diff import compare
from revviewer.core.model import Article, Version
from revviewer.export import page
from revviewer.export.escaping import esc
from revviewer.export.provenance import FileDigests
from revviewer.export.rows import by_paragraph, change_count, inference_notes, rows_table


def step_id(comp: Comparison) -> str:
    return f"v{comp.old.number}-{comp.new.number}"


def _toc(steps: list[Comparison]) -> str:
    biggest = max((c.stats.size for c in steps), default=0) or 1
    items = []
    for c in steps:
        s = c.stats
        changes = change_count(c)
        moved = f", {s.words_moved:,} moved" if s.words_moved else ""
        # the meter first, so the bars line up whatever the text's length
        items.append(
            f'<li><meter min="0" max="{biggest}" value="{s.size}"></meter> '
            f'<a href="#{step_id(c)}">Version {c.old.number} \u2192 {c.new.number}</a>: '
            f"{s.size:,} word{'' if s.size == 1 else 's'} "
            f"(+{s.words_inserted:,} \u2212{s.words_deleted:,}{moved}), "
            f"{changes:,} change{'' if changes == 1 else 's'}"
            f"{', headline changed' if s.headline_changed else ''}</li>\n"
        )
    return f'<nav class="toc" id="contents">\n<h2>Steps</h2>\n<ol>\n{"".join(items)}</ol>\n</nav>\n'


def _step(comp: Comparison, inline: bool, prev: str | None, nxt: str | None) -> str:
    sid = step_id(comp)
    links = ['<a href="#contents">contents</a>']
    if prev:
        links.insert(0, f'<a href="#{prev}">\u2190 previous step</a>')
    if nxt:
        links.append(f'<a href="#{nxt}">next step \u2192</a>')
    headline = (
        f'<p class="hl">Headline: {page.headline_html(comp)}</p>\n'
        if comp.stats.headline_changed or page.title_changed(comp.title)
        else '<p class="hl note">Headline unchanged.</p>\n'
    )
    return (
        f'<section class="step" id="{sid}">\n'
        f'<h2><a href="#{sid}">Version {comp.old.number} \u2192 '
        f"Version {comp.new.number}</a></h2>\n"
        f'<p class="note">{" · ".join(links)}</p>\n'
        f"<p>Version {comp.old.number}: {page.when_html(comp.old)}. "
        f"Version {comp.new.number}: {page.when_html(comp.new)}.</p>\n"
        f"{headline}"
        f"{page.stats_table(comp.stats, comp.options)}"
        f"{rows_table(comp, inline=inline, prefix=sid)}"
        "</section>\n"
    )


def _single(v: Version) -> str:
    rows = []
    notes = by_paragraph(v)
    for i, text in enumerate(v.paragraphs):
        here = notes.get(i, [])
        cls = ' class="inf"' if here else ""
        rows.append(f"<tr><th>{i + 1}</th><td{cls}>{esc(text)}{inference_notes(here)}</td></tr>\n")
    return (
        f'<section class="step" id="v{v.number}-only">\n'
        f"<h2>Version {v.number} (the only version in these dumps)</h2>\n"
        '<table class="d"><colgroup><col class="n"><col></colgroup>\n'
        f"<thead><tr><th>#</th><th>Version {v.number}</th></tr></thead>\n<tbody>\n"
        f"{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


def render_history(
    article: Article, *, inline: bool = False, options: DiffOptions | None = None
) -> str:
    versions = article.versions
    steps = [compare(a, b, options) for a, b in itertools.pairwise(versions)]
    digests = FileDigests(article.digests)
    body = [
        "<header>\n",
        f"<h1>{esc(article.title)}</h1>\n",
        page.article_facts(article, [("Export", "whole history")]),
        "<h2>Versions</h2>\n",
        page.versions_table(versions, digests),
        "<h2>Source files</h2>\n",
        page.files_list(digests.all(s for v in versions for s in v.sources)),
        "</header>\n<main>\n",
    ]
    if steps:
        body.append(_toc(steps))
        body.append(page.legend())
        ids = [step_id(c) for c in steps]
        for k, comp in enumerate(steps):
            prev = ids[k - 1] if k > 0 else None
            nxt = ids[k + 1] if k + 1 < len(ids) else None
            body.append(_step(comp, inline, prev, nxt))
    elif versions:
        body.append(_single(versions[0]))
    else:
        body.append("<p>No versions of this article are in these dumps.</p>\n")
    body.append("</main>\n")
    return page.document(f"{article.title} (whole history)", "".join(body))
