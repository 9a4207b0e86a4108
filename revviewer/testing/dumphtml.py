"""Generated NewsSniffer articles rendered as the diff page NewsSniffer served.

Contract: plain Python, standard library only. :func:`render_html` writes the HTML page
comparing two versions of a :class:`~revviewer.testing.dumpgen.GenArticle`, as the
NewsSniffer site would have sent it (the templates are described in
:mod:`revviewer.core.formats.newssniffer_html`): the header paragraphs, the
``version_diff`` table, and one row per entry of
:func:`~revviewer.testing.dumpgen.build_rows`, with change rows word-diffed the way
``lib/diff_html.rb`` did it. Paragraph text goes in unescaped, as NewsSniffer put it
(``raw @diff``); everything else is escaped the way Rails escaped it.

``layout="modern"`` is the page after the 2016 redesign (``thead``, ``th.time``,
``<tr id='pN'>`` rows with ``td.diff-row`` spacers); ``layout="legacy"`` the page
before it (no ``thead``, ``td.time``, bare ``<tr><td>..</td><td>..</td></tr>`` rows).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from revviewer.testing.dumpgen import (
    DumpRow,
    GenArticle,
    GenVersion,
    _lcs_vector,
    build_rows,
    distance_of_time_in_words,
)

Layout = Literal["modern", "legacy"]

#: Ruby's String#split(/\s/): every single ASCII whitespace character separates words
_RUBY_SPACE = re.compile(r"[ \t\n\v\f\r]")

_RAILS_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def h(text: str) -> str:
    """Rails' ``ERB::Util.html_escape``."""
    return "".join(_RAILS_ESCAPES.get(c, c) for c in text)


def ruby_words(paragraph: str) -> list[str]:
    """``paragraph.split(/\\s/)`` in Ruby: empty words kept, trailing empty ones dropped."""
    words = _RUBY_SPACE.split(paragraph)
    while words and words[-1] == "":
        words.pop()
    return words


def word_diff_cells(old: str, new: str) -> tuple[str, str]:
    """The insides of the two cells of a change row (without the outer del/ins):
    ``HTMLDiff::WordDiff`` over ``Diff::LCS.traverse_sequences``."""
    a, b = ruby_words(old), ruby_words(new)
    matches = _lcs_vector(a, b)
    left: list[str] = []
    right: list[str] = []
    j = 0
    for i, word in enumerate(a):
        if i in matches:
            while j < matches[i]:
                right.append(f"<ins> {b[j]} </ins>")
                j += 1
            left.append(f" {word}")
            right.append(f" {b[j]} ")
            j += 1
        else:
            left.append(f"<del> {word} </del>")
    right.extend(f"<ins> {w} </ins>" for w in b[j:])
    return "".join(left), "".join(right)


def _cells(row: DumpRow) -> tuple[str, str]:
    if row.kind == "match":
        return row.old or "", row.new or ""
    if row.kind == "delete":
        return f"<del>{row.old}</del>", ""
    if row.kind == "insert":
        return "", f"<ins>{row.new}</ins>"
    left, right = word_diff_cells(row.old or "", row.new or "")
    return f"<del>{left}</del>", f"<ins>{right}</ins>"


def diff_rows(old: list[str], new: list[str], layout: Layout = "modern") -> str:
    """``HTMLDiff.diff(old, new)``: the table rows, joined by newlines."""
    lines = []
    for n, row in enumerate(build_rows(old, new), start=1):
        left, right = _cells(row)
        if layout == "modern":
            lines.append(
                f"<tr id='p{n}'><td class='diff-row diff-row-first'></td><td>{left}</td>"
                f"<td class='diff-row diff-row-last'></td><td>{right}</td></tr>"
            )
        else:
            lines.append(f"<tr><td>{left}</td><td>{right}</td></tr>")
    return "\n".join(lines)


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ruby_time(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S UTC")


def _long(t: datetime) -> str:
    return t.strftime("%B %d, %Y %H:%M")


def _status_html(status: str, checked: datetime) -> str:
    if status.startswith("The next check"):
        return (
            f"The next check for changes will be <time datetime='{_iso(checked)}'>"
            f"{_long(checked)}</time>"
        )
    return status


def render_html(article: GenArticle, a: int, b: int, *, layout: Layout = "modern") -> str:
    """The diff page comparing version ``a`` (old, left) with ``b`` (new, right)."""
    vb, va = article.version(a), article.version(b)  # NewsSniffer's names: vb left
    first = article.versions[0].captured
    later = "later" if va.captured > vb.captured else "earlier"
    distance = distance_of_time_in_words(vb.captured, va.captured)
    title = f"'{h(article.versions[-1].title)}' diff viewer ({a}/{b})"
    status = _status_html(article.status, va.captured)
    info = (
        f"<p>This article is from the source '<cite>{h(article.source)}</cite>' and was "
        f"first published or seen\non <time datetime='{_iso(first)}'>{_long(first)} (UTC)"
        f"</time>.\n\n{status}\n</p>\n\n"
        "<p>You can find the current article at its original source at "
        f'<cite class="article_url"><a href="{h(article.url)}" rel="alternate external '
        f'author">{h(article.url)}</a></cite></p>\n\n'
        f"<p>The article has changed <var>{len(article.versions)}</var> times. There is an "
        '<a href="/articles/1.rss" class="feed rss" rel="alternate">RSS feed of changes</a>'
        " available.</p>\n"
    )
    rows = diff_rows(vb.paragraphs, va.paragraphs, layout)
    if layout == "modern":
        return _modern(article, title, info, vb, va, distance, later, rows)
    return _legacy(article, title, info, vb, va, distance, later, rows)


def _title_cells(vb: GenVersion, va: GenVersion) -> tuple[str, str]:
    if vb.title == va.title:
        return h(vb.title), h(va.title)
    return f"<del>{h(vb.title)}</del>", f"<ins>{h(va.title)}</ins>"


def _modern(
    article: GenArticle,
    title: str,
    info: str,
    vb: GenVersion,
    va: GenVersion,
    distance: str,
    later: str,
    rows: str,
) -> str:
    old_title, new_title = _title_cells(vb, va)
    return f"""<!DOCTYPE html>
<html>
<head>
  \t<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
\t<title>{h(title)} - News Sniffer</title>
\t<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
    <link rel="stylesheet" media="all" href="/assets/application.css" />
\t <link rel="alternate" type="application/rss+xml" title="RSS feed" href="/articles/1.rss" />
\t <link href="{h(article.url)}" rel="external alternate author" title="Original article"/>
</head>
<body>
\t<header>
\t\t<div id="header" class="header"><a href="/">News Sniffer</a></div>
\t</header>
\t<div id="content" class="content">
<div class="article-info">
{info}</div>

<div class="version_list pagination">
\t\t<span class="prev_page disabled">Previous version</span>
</div>

<table class="version_diff">
\t<thead>
\t\t<tr>
\t\t\t<th class="diff-row diff-row-first"></th>
\t\t\t<th class="version"><small>Version {vb.number}</small></th>
\t\t\t<th class="diff-row diff-row-last"></th>
\t\t\t<th class="version"><small>Version {va.number}</small></th>
\t\t</tr>
\t\t<tr id="title">
\t\t\t<th class="diff-row diff-row-first"></th>
\t\t\t<th class="title">{old_title}</th>
\t\t\t<th class="diff-row diff-row-last"></th>
\t\t\t<th class="title">{new_title}</th>
\t\t</tr>
\t\t<tr>
\t\t\t<th class="diff-row diff-row-first"></th>
\t\t\t<th class="time"><time datetime="{_iso(vb.captured)}">{_ruby_time(vb.captured)}</time></th>
\t\t\t<th class="diff-row diff-row-last"></th>
\t\t\t<th class="time">
\t\t\t\t<time datetime="{_iso(va.captured)}">
\t\t\t\t{_ruby_time(va.captured)}
\t\t\t\t</time>\x20
\t\t\t\t({distance} {later})
\t\t\t</th>
\t\t</tr>
\t</thead>
{rows}
</table>
\t</div>
\t<footer><div id="footer"><p>Currently monitoring many news articles.</p></div></footer>
</body>
</html>
"""


def _legacy(
    article: GenArticle,
    title: str,
    info: str,
    vb: GenVersion,
    va: GenVersion,
    distance: str,
    later: str,
    rows: str,
) -> str:
    old_title, new_title = _title_cells(vb, va)
    return f"""<!DOCTYPE html>
<html>
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
  <title>News Sniffer - {h(title)}</title>
  <link href="{h(article.url)}" rel="external alternate author" title="Original article"/>
  <link href="/stylesheets/newsniffer.css" media="screen" rel="Stylesheet" type="text/css" />
</head>
<body>
    <div id="header"><img src="/stylesheets/layout/newsniffer-text.png" alt="News Sniffer"/></div>
      <div id="content">

{info}
<div class="version_list pagination">
<span class="prev_page disabled">Previous version</span>
</div>\x20

<table class="version_diff">
<tr>
\t<th class="version"><small>Version {vb.number}</small></th>
\t<th class="version"><small>Version {va.number}</small></th>
</tr>
<tr id="title">
\t<th class="title">{old_title}</th>
\t<th class="title">{new_title}</th>
</tr>
<tr>
\t<td class="time"><time datetime="{_iso(vb.captured)}">{_ruby_time(vb.captured)}</time></td>
\t<td class="time">
\t\t<time datetime="{_iso(va.captured)}">
\t\t{_ruby_time(va.captured)}
\t\t</time>\x20
\t\t({distance} {later})
\t</td>
</tr>
{rows}
</table>

      </div>
      <div id="footer">
      </div>
</body>
</html>
"""
