"""Untrusted dump text never becomes markup in an export, and the page never
reaches outside itself, whatever the dump holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_tree import assert_self_contained, body_rows, cell_text, parse, text, texts
from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core.diff import compare
from revviewer.core.model import Article, Inference, InferenceKind, Version
from revviewer.export import render_comparison, render_history, render_index
from revviewer.export.escaping import esc, http_url

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "</style><script>alert(3)</script>",
    "' onmouseover='alert(4)' x='",
    '<a href="javascript:alert(5)">click</a>',
    "</td></tr></table><iframe src=//evil.example>",
    "<svg onload=alert(6)>",
    "<!-- unclosed comment",
    "<style>@import url(//evil.example/x.css)</style>",
    "&lt;script&gt; already escaped &amp;",
]
BAD_URLS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/a b",
    "//evil.example/path",
    "vbscript:msgbox(1)",
]


def _hostile_article(tmp_path: Path, url: str) -> Article:
    # a real file with a hostile name, so the name reaches the page as a source
    dump = tmp_path / (HOSTILE[1] + ".txt")
    dump.write_text("dump")
    old = Version(
        1,
        HOSTILE[0],
        [*HOSTILE, "plain"],
        distance=HOSTILE[3],
        sources=[str(dump)],
        inferred=[Inference(InferenceKind.SPLIT, 0, 0.5, HOSTILE[2])],
    )
    new = Version(
        2,
        HOSTILE[2],
        ["plain", *reversed(HOSTILE)],
        distance=HOSTILE[4],
        sources=[str(tmp_path / HOSTILE[5].replace("/", "_"))],
        inferred=[Inference(InferenceKind.TITLE, None, 0.5, HOSTILE[6])],
    )
    return Article(
        key=HOSTILE[1],
        source=HOSTILE[0],
        url=url,
        versions=[old, new],
        status=HOSTILE[7],
        conflicts=[HOSTILE[8]],
    )


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("inline", [False, True])
def test_hostile_dump_text_renders_as_text_and_bad_urls_are_never_links(
    tmp_path: Path, url: str, inline: bool
) -> None:
    article = _hostile_article(tmp_path, url)
    comp = compare(article.versions[0], article.versions[1])
    for page in (
        render_comparison(article, comp, inline=inline),
        render_history(article, inline=inline),
    ):
        tree = parse(page)
        # no script/img/iframe/svg/style-from-dump, no on* attributes, only #anchors
        assert_self_contained(tree, allowed_links=())
        assert len(list(tree.iter("style"))) == 1
        body = text(tree.find("body"))  # type: ignore[arg-type]
        for hostile in HOSTILE:
            assert hostile in body, f"{hostile!r} is not shown as text"
        assert url in body


def test_the_url_is_a_link_only_when_it_is_plain_http() -> None:
    for url in BAD_URLS:
        assert http_url(url) is None, url
    for url in ("http://example.org/a?b=1&c=2#f", "HTTPS://www.theguardian.com/x-y"):
        assert http_url(url) == url


def test_a_quote_in_an_http_url_cannot_leave_the_href(tmp_path: Path) -> None:
    url = "https://example.org/it's?q=a&b='x'"
    article = _hostile_article(tmp_path, url)
    tree = parse(render_comparison(article, compare(*article.versions)))
    outside = [a.get("href") for a in tree.iter("a") if not a.get("href", "#").startswith("#")]
    assert outside == [url]
    assert_self_contained(tree, allowed_links={url})


def test_index_page_escapes_titles_and_links_only_its_files(tmp_path: Path) -> None:
    article = _hostile_article(tmp_path, BAD_URLS[0])
    tree = parse(render_index([(article, 'a"b<c>.html', HOSTILE[0])]))
    assert_self_contained(tree, allowed_links={"a%22b%3Cc%3E.html"})
    assert HOSTILE[2] in text(tree)


def test_characters_html_forbids_stay_visible_and_the_page_valid() -> None:
    assert esc("a\x00b\x07c\x7fd\x85e\ud800f\ufffeg\U0010ffffh") == (
        "a\u2400b\u2407c\u2421d\ufffde\ufffdf\ufffdg\ufffdh"
    )
    assert esc("tab\tnewline\ncr\r") == "tab\tnewline\ncr\r"
    old = Version(1, "t\x00", ["bell\x07 here", "nul\x00"])
    new = Version(2, "t\x01", ["bell\x07 there", "\ud800 lone surrogate"])
    article = Article("k", "s\x1b", "http://x.example/\x00", [old, new])
    page = render_comparison(article, compare(old, new))
    page.encode("utf-8")  # lone surrogates would make writing the file fail
    tree = parse(page)
    assert "bell\u2407 " in "".join(texts(tree, "td"))


# Text any dump could hold, minus what esc() deliberately replaces.
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Cn")),
        st.sampled_from(list("<>&\"'/=; \u00a0")),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(
    title=_TEXT,
    old=st.lists(_TEXT, max_size=6),
    new=st.lists(_TEXT, max_size=6),
    inline=st.booleans(),
)
def test_any_text_round_trips_through_the_page(
    title: str, old: list[str], new: list[str], inline: bool
) -> None:
    a = Version(1, title, old)
    b = Version(2, title[::-1], new)
    article = Article("k", title, title, [a, b])
    comp = compare(a, b)
    tree = parse(render_comparison(article, comp, inline=inline))
    assert_self_contained(tree, allowed_links={title})
    (table,) = [t for t in tree.iter("table") if t.get("class") == "d"]
    rows = body_rows(table)
    assert len(rows) == len(comp.rows)
    if inline:
        return
    for row, tr in zip(comp.rows, rows, strict=True):
        old_td, new_td = tr.findall("td")
        if row.old:
            assert cell_text(old_td) == row.old_text
        if row.new:
            assert cell_text(new_td) == row.new_text
