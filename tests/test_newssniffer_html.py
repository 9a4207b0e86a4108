"""NewsSniffer diff pages saved as HTML: golden pages, generated pages, broken pages."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from revviewer.core import formats
from revviewer.core.errors import DumpError
from revviewer.core.formats import newssniffer_html
from revviewer.core.merge import merge_fragments
from revviewer.core.model import Article
from revviewer.testing.dumpgen import GenArticle, GenVersion, random_article
from revviewer.testing.dumphtml import render_html, ruby_words, word_diff_cells
from revviewer.testing.strategies import articles, dump_pairs

HTML_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
GOLDEN = sorted(HTML_FIXTURES.glob("*.html"))


def parse_file(path: Path) -> Article:
    [article] = newssniffer_html.parse(str(path), path.read_bytes())
    return article


def summary(article: Article) -> dict[str, object]:
    return {
        "source": article.source,
        "url": article.url,
        "version_count": article.version_count,
        "status": article.status,
        "versions": [
            {
                "number": v.number,
                "title": v.title,
                "captured": v.captured.isoformat() if v.captured else None,
                "distance": v.distance,
                "inferred": [i.to_json() for i in v.inferred],
                "paragraphs": v.paragraphs,
            }
            for v in article.versions
        ],
    }


@pytest.mark.parametrize("page", GOLDEN, ids=lambda p: p.name)
def test_golden_pages_parse_to_the_versions_read_by_hand(page: Path) -> None:
    expected = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    article = parse_file(page)
    assert summary(article) == expected
    assert all(v.sources == [str(page)] for v in article.versions)


def test_golden_pages_cover_every_layout() -> None:
    names = {p.name for p in GOLDEN}
    assert {
        "modern_2016.html",
        "legacy_2009.html",
        "thead_two_columns_2015.html",
        "browser_saved_utf16.html",
    } <= names


@pytest.mark.parametrize("page", GOLDEN, ids=lambda p: p.name)
def test_golden_pages_are_recognised_by_content(page: Path) -> None:
    head = page.read_bytes()[: formats.SNIFF_BYTES]
    assert formats.detect(head) is newssniffer_html


def test_capture_times_are_aware_utc() -> None:
    article = parse_file(HTML_FIXTURES / "modern_2016.html")
    for v in article.versions:
        assert v.captured is not None
        assert v.captured.utcoffset() is not None
        assert v.captured.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_renderer_word_diff_matches_the_hand_written_page() -> None:
    """The fixture's change row was written by hand from diff_html.rb; the renderer must
    produce the same cells for the same paragraphs."""
    old = "Water levels rose by 40cm in  two hours, officials said."
    new = "Water levels rose by 55cm in  two hours, officials said on Friday."
    left, right = word_diff_cells(old, new)
    page = (HTML_FIXTURES / "modern_2016.html").read_text("utf-8")
    assert f"<td><del>{left}</del></td>" in page
    assert f"<td><ins>{right}</ins></td>" in page


def test_ruby_split_keeps_inner_empty_words_and_drops_trailing_ones() -> None:
    assert ruby_words("a  b") == ["a", "", "b"]
    assert ruby_words(" a") == ["", "a"]
    assert ruby_words("a b  ") == ["a", "b"]
    assert ruby_words("a\tb\u00a0c") == ["a", "b\u00a0c"]
    assert ruby_words("") == []


def assert_round_trip(art: GenArticle, a: int, b: int, layout: str) -> None:
    page = render_html(art, a, b, layout=layout)  # type: ignore[arg-type]
    data = page.encode("utf-8")
    assert newssniffer_html.sniff(data[: formats.SNIFF_BYTES])
    [got] = newssniffer_html.parse("gen.html", data)
    want = [art.version(a), art.version(b)]
    assert [(v.number, v.title, v.paragraphs, v.captured) for v in got.versions] == [
        (v.number, v.title, v.paragraphs, v.captured) for v in want
    ]
    assert all(v.is_exact for v in got.versions)
    assert (got.url, got.source, got.version_count) == (art.url, art.source, len(art.versions))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dump_pairs(), st.sampled_from(["modern", "legacy"]))
def test_every_generated_page_parses_back_to_exactly_its_two_versions(
    pair: tuple[GenArticle, int, int], layout: str
) -> None:
    art, a, b = pair
    assert_round_trip(art, a, b, layout)


# Paragraph text NewsSniffer can carry through its word diff unchanged: no ASCII
# whitespace but single spaces (Ruby's split reads a tab as a separator, and a change row
# drops trailing whitespace), and nothing that reads as the row markup itself.
_ALPHABET = string.ascii_letters[:6] + " \u00a0<>&;/#\"'“”é-" + "\u200b"
_MARKUP = ("<del>", "</del>", "<ins>", "</ins>", "<td", "</td", "<tr", "</tr", "</table")


def _safe(p: str) -> bool:
    low = p.lower()
    return not p.endswith(" ") and not any(m in low for m in _MARKUP)


paragraph_text = st.text(alphabet=_ALPHABET, max_size=40).filter(_safe)
paragraph_lists = st.lists(paragraph_text, min_size=1, max_size=6)


@settings(max_examples=80, deadline=None)
@given(
    paragraph_lists,
    paragraph_lists,
    st.text(alphabet=_ALPHABET, max_size=20),
    st.sampled_from(["modern", "legacy"]),
)
def test_raw_ampersands_angle_brackets_and_odd_spacing_survive(
    old: list[str], new: list[str], title: str, layout: str
) -> None:
    assume(old != new)
    from datetime import UTC, datetime

    t0 = datetime(2017, 5, 1, 12, 0, tzinfo=UTC)
    t1 = datetime(2017, 5, 1, 15, 30, tzinfo=UTC)
    art = GenArticle(
        "src & co",
        "https://example.com/a?b=1&c=<2>",
        [GenVersion(0, title, old, t0), GenVersion(1, title + "!", new, t1)],
        "It will not be checked again for changes.",
    )
    assert_round_trip(art, 0, 1, layout)


def test_pages_compare_versions_that_are_not_adjacent() -> None:
    art = random_article(random.Random(7), n_versions=6)
    assert_round_trip(art, 1, 4, "modern")
    assert_round_trip(art, 0, 5, "legacy")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_page_encodings(encoding: str) -> None:
    art = random_article(random.Random(3), n_versions=3)
    for v in art.versions:  # keep the text inside Windows-1252
        v.paragraphs = [p.replace("“", '"').replace("”", '"') for p in v.paragraphs]
    page = render_html(art, 0, 2)
    data = page.encode(encoding)
    assert formats.detect(data[: formats.SNIFF_BYTES]) is newssniffer_html
    [got] = newssniffer_html.parse("p.html", data)
    assert got.versions[1].paragraphs == art.version(2).paragraphs


def test_crlf_page_keeps_paragraph_text() -> None:
    art = random_article(random.Random(11), n_versions=3)
    page = render_html(art, 0, 1, layout="legacy").replace("\n", "\r\n")
    [got] = newssniffer_html.parse("p.html", page.encode())
    assert got.versions[0].paragraphs == art.version(0).paragraphs


def _page() -> str:
    return render_html(random_article(random.Random(5), n_versions=3), 0, 1)


def _line_of(page: str, needle: str) -> int:
    return page[: page.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("mangle", "message", "line_of"),
    [
        (lambda p: p.replace('class="version_diff"', 'class="other"'), "no version table", None),
        (lambda p: p[: p.index("<tr id='p2'")], "never closes", "end"),
        (
            lambda p: p.replace('class="version"', 'class="v"'),
            "names no versions",
            "<tr id='p1'",
        ),
        (
            lambda p: p.replace("Version 1</small>", "Version one</small>"),
            "does not read 'Version A' and 'Version B'",
            "<tr>\n\t\t\t<th",
        ),
        (
            lambda p: p.replace('class="title"', 'class="t"'),
            "no title row",
            '<table class="version_diff">',
        ),
        (
            lambda p: p.replace('class="article_url"', "").replace("external alternate", "x"),
            "no article URL",
            '<table class="version_diff">',
        ),
        (
            lambda p: p[: p.index("<tr id='p1'")] + p[p.index("</table>") :],
            "no paragraph rows",
            '<table class="version_diff">',
        ),
        (
            lambda p: p.replace(
                "<td class='diff-row diff-row-last'></td><td>", "<td>x</td><td>", 1
            ),
            "has 3 paragraph cells, not 2",
            "<tr id='p1'",
        ),
        (
            lambda p: p.replace('datetime="', 'datetime="yesterday', 1),
            "is not an ISO 8601 date",
            '<th class="time">',
        ),
    ],
    ids=[
        "no-table",
        "truncated",
        "no-version-header",
        "garbled-version-number",
        "no-title-row",
        "no-url",
        "no-rows",
        "extra-cell",
        "bad-time",
    ],
)
def test_broken_pages_raise_a_dump_error_naming_the_line(
    mangle: object, message: str, line_of: str | None
) -> None:
    page = _page()
    broken = mangle(page)  # type: ignore[operator]
    with pytest.raises(DumpError) as info:
        newssniffer_html.parse("b.html", broken.encode())
    assert message in info.value.message
    if line_of is None:
        assert info.value.line is None
    elif line_of == "end":
        assert info.value.line == broken.count("\n") + 1
    else:
        assert info.value.line == _line_of(broken, line_of)


def test_a_change_row_whose_words_are_not_marked_up_is_refused() -> None:
    page = _page()
    row = "<tr id='p9'><td class='diff-row diff-row-first'></td><td><del>plain</del></td>"
    row += "<td class='diff-row diff-row-last'></td><td><ins>text</ins></td></tr>\n</table>"
    with pytest.raises(DumpError, match="changed words are not marked up"):
        newssniffer_html.parse("b.html", page.replace("</table>", row, 1).encode())


def test_sniff_ignores_other_html_and_text() -> None:
    assert not newssniffer_html.sniff(b"<html><table class='versions'></table></html>")
    assert not newssniffer_html.sniff(b"This article is from the source 'x'")
    assert newssniffer_html.sniff("<table class='version_diff'>".encode("utf-16"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(min_versions=2, max_versions=6), st.randoms(use_true_random=False))
def test_a_whole_chain_of_pages_merges_into_exactly_the_generated_versions(
    art: GenArticle, rnd: random.Random
) -> None:
    fragments = []
    for a in range(len(art.versions) - 1):
        page = render_html(art, a, a + 1, layout=rnd.choice(["modern", "legacy"]))
        fragments += newssniffer_html.parse(f"{a}.html", page.encode("utf-8"))
    rnd.shuffle(fragments)
    articles_out, conflicts = merge_fragments(fragments)
    assert conflicts == []
    [merged] = articles_out
    assert [(v.number, v.title, v.paragraphs, v.captured) for v in merged.versions] == [
        (v.number, v.title, v.paragraphs, v.captured) for v in art.versions
    ]
    assert all(v.is_exact for v in merged.versions)


def test_a_page_whose_table_lies_past_the_sniffed_head_is_known_by_its_title() -> None:
    art = random_article(random.Random(13), n_versions=3)
    page = render_html(art, 0, 1)
    links = "".join(f'<a href="/articles/1/diff/{n}/{n + 1}">{n + 1}</a>\n' for n in range(3000))
    page = page.replace('<div class="version_list pagination">', f"<div>{links}</div>", 1)
    data = page.encode("utf-8")
    assert data.index(b"version_diff") > formats.SNIFF_BYTES
    assert formats.detect(data[: formats.SNIFF_BYTES]) is newssniffer_html
    [got] = newssniffer_html.parse("long.html", data)
    assert got.versions[1].paragraphs == art.version(1).paragraphs


def test_a_character_reference_of_thousands_of_digits_reads_as_a_replacement_character() -> None:
    """html.unescape raises ValueError on a decimal reference past int()'s 4,300 digits
    (found by fuzzing); past U+10FFFF any reference reads as U+FFFD, so this one too."""
    huge = "&#" + "9" * 5000 + ";"
    page = _page().replace('<th class="title">', f'<th class="title">{huge}', 1)
    page = page.replace("<cite>", f"<cite>{huge} ", 1).replace("<p>", f"<p>{huge}", 1)
    [got] = newssniffer_html.parse("p.html", page.encode())
    assert got.versions[0].title.startswith("\ufffd")
    assert got.source.startswith("\ufffd ")
    # A page saved by a browser has its paragraph text escaped: references are decoded.
    saved = _page().replace(
        "<tr id='p1'><td class='diff-row diff-row-first'></td><td>",
        f"<tbody><tr id='p1'><td class='diff-row diff-row-first'></td><td>{huge}",
        1,
    )
    [got] = newssniffer_html.parse("p.html", saved.encode())
    assert got.versions[0].paragraphs[0].startswith("\ufffd")
