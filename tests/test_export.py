"""The exported page of one comparison and of a whole history: structure, marked
words, provenance, and that it stands alone."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from export_samples import DUMP_FILE, MARKED_ROWS, URL, handmade
from export_tree import (
    assert_self_contained,
    body_rows,
    cell_text,
    parse,
    text,
    texts,
)

from revviewer import __version__
from revviewer.core.diff import compare
from revviewer.core.loader import load
from revviewer.core.model import Article, Inference, InferenceKind, Version
from revviewer.export import render_comparison, render_history
from revviewer.export.page import guess_summary
from revviewer.testing.dumpgen import random_article, render_text


def _rows_table(tree: Element) -> Element:
    tables = [t for t in tree.iter("table") if t.get("class") == "d"]
    assert len(tables) == 1
    return tables[0]


def test_side_by_side_has_one_table_row_per_aligned_row_with_the_marked_words() -> None:
    article, comp = handmade()
    tree = parse(render_comparison(article, comp))
    table = _rows_table(tree)
    rows = body_rows(table)
    assert len(rows) == len(comp.rows)
    assert [len(r.findall("td")) for r in rows] == [2] * len(rows)
    assert texts(table, "del") == MARKED_ROWS[0]
    assert texts(table, "ins") == MARKED_ROWS[1]
    heads = [text(th) for th in table.find("thead").iter("th")]
    assert heads == ["#", "Version 3", "Version 4"]


def test_each_cell_reads_as_its_sides_text() -> None:
    article, comp = handmade()
    rows = body_rows(_rows_table(parse(render_comparison(article, comp))))
    for row, tr in zip(comp.rows, rows, strict=True):
        old_td, new_td = tr.findall("td")
        if row.old:
            assert cell_text(old_td) == row.old_text
        if row.new:
            assert cell_text(new_td) == row.new_text


def test_changes_are_numbered_anchored_and_labelled_by_kind() -> None:
    article, comp = handmade()
    rows = body_rows(_rows_table(parse(render_comparison(article, comp))))
    ids = [tr.get("id") for tr in rows]
    assert ids == [None, None, "c1", "c2", "c3", "c4", "c5", "c6", None, "c7"]
    labels = [
        (tr.find("th/abbr").get("title"), text(tr.find("th/abbr"))) for tr in rows if tr.get("id")
    ]
    assert labels == [
        ("changed", "~"),
        ("moved", "\u21c4"),
        ("deleted", "\u2212"),
        ("inserted", "+"),
        ("split", "\u21c9"),
        ("merged", "\u21c7"),
        ("moved", "\u21c4"),
    ]
    for tr in rows:
        if tr.get("id"):
            assert tr.find("th/a").get("href") == "#" + tr.get("id")


@pytest.mark.parametrize("inline", [False, True])
def test_both_ends_of_a_move_link_to_each_other(inline: bool) -> None:
    article, comp = handmade()
    rows = body_rows(_rows_table(parse(render_comparison(article, comp, inline=inline))))
    source, dest = rows[3], rows[9]
    to = [a for a in source.iter("a") if a.get("class") == "mv"]
    back = [a for a in dest.iter("a") if a.get("class") == "mv"]
    assert [a.get("href") for a in to] == ["#c7"]
    assert [a.get("href") for a in back] == ["#c2"]
    # worded as in the app: the other end's paragraph number in its version
    assert text(to[0]) == "\u21c4 moved to \u00b69 (change 7)"
    assert text(back[0]) == "\u21c4 moved from \u00b64 (change 2)"
    assert all("mv" in (td.get("class") or "") for td in source.findall("td") + dest.findall("td"))


def test_inline_view_has_one_text_cell_per_row_with_the_same_marks() -> None:
    article, comp = handmade()
    table = _rows_table(parse(render_comparison(article, comp, inline=True)))
    rows = body_rows(table)
    assert [len(r.findall("td")) for r in rows] == [1] * len(comp.rows)
    # inline shows the changed row as "cut by <del>5</del><ins>7</ins>%."
    assert cell_text(rows[2].find("td")) == "The budget was cut by 57%."
    assert texts(rows[2], "del") == ["5"] and texts(rows[2], "ins") == ["7"]
    # the source end of the move shows the paragraph leaving whole
    assert texts(table, "del") == [
        "5",
        "A paragraph that moves.",
        "This sentence was removed.",
        " ",
        "\u00b6\n",
    ]
    assert texts(rows[9], "ins") == [", edited"]


def test_the_headline_diff_is_shown_and_marked_as_inferred() -> None:
    article, comp = handmade()
    tree = parse(render_comparison(article, comp))
    (h1,) = tree.iter("h1")
    assert text(h1).startswith("Minister resignsquits over budget row")
    assert texts(h1, "del") == ["resigns"]
    assert texts(h1, "ins") == ["quits", " row"]
    marks = [s for s in h1.iter("span") if s.get("class") == "inf"]
    assert len(marks) == 1
    assert "confidence 55%" in text(h1) and "title split at a capital" in text(h1)


def test_cells_the_parser_inferred_carry_a_visible_note() -> None:
    article, comp = handmade()
    rows = body_rows(_rows_table(parse(render_comparison(article, comp))))
    marked = {
        (i, side)
        for i, tr in enumerate(rows)
        for side, td in enumerate(tr.findall("td"))
        if "inf" in (td.get("class") or "").split()
    }
    # new paragraph 2 (row 2, right) was split by guess; old paragraph 4 (row 4, left)
    assert marked == {(2, 1), (4, 0)}
    note = text(rows[2].findall("td")[1])
    assert "inferred, not read" in note and "confidence 70%" in note
    assert "split at the sentence end" in note


def test_provenance_names_source_url_versions_times_and_file_hashes() -> None:
    article, comp = handmade()
    page = render_comparison(article, comp)
    tree = parse(page)
    body = text(tree)
    digest = hashlib.sha256(DUMP_FILE.read_bytes()).hexdigest()
    assert f"handmade-dump.txt SHA-256 {digest}" in body
    assert "missing-dump.txt could not be read to hash" in body
    # names, not folders: an export is made to be published
    assert str(DUMP_FILE.parent) not in page and "/nowhere/" not in page
    times = [(t.get("datetime"), text(t)) for t in tree.iter("time")]
    assert times == [("2018-04-12T09:30:00Z", "2018-04-12 09:30:00 UTC")]
    assert "about 5 hours later" in body
    assert "Version 3 \u2192 Version 4" in body
    assert "example" in body and "It will not be checked again" in body
    (link,) = [a for a in tree.iter("a") if not a.get("href", "").startswith("#")]
    assert link.get("href") == URL and text(link) == URL
    assert "noreferrer" in (link.get("rel") or "")


def test_provenance_cites_the_bytes_that_were_loaded_even_after_the_file_changes(
    tmp_path: Path,
) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(render_text(random_article(random.Random(4), n_versions=2), 0, 1))
    loaded = hashlib.sha256(dump.read_bytes()).hexdigest()
    [article] = load([dump]).articles
    old, new = article.versions[-2:]

    def provenance() -> str:
        return text(parse(render_comparison(article, compare(old, new))))

    assert f"dump.txt SHA-256 {loaded}" in provenance()
    assert "since it was loaded" not in provenance()
    dump.write_bytes(dump.read_bytes() + b"\n")
    assert f"dump.txt SHA-256 {loaded} (as it was when loaded; it has changed on disk since" in (
        provenance()
    )
    dump.unlink()
    page = provenance()
    assert f"dump.txt SHA-256 {loaded} (as it was when loaded; it can no longer be read" in page
    assert loaded in text(parse(render_history(article)))


def test_statistics_show_every_figure_of_the_comparison() -> None:
    article, comp = handmade()
    tree = parse(render_comparison(article, comp))
    (stats,) = [dl for dl in tree.iter("dl") if dl.get("class") == "st"]
    figures = {text(div.find("dt")): text(div.find("dd")) for div in stats.findall("div")}
    s = comp.stats
    assert figures["Words inserted"] == str(s.words_inserted)
    assert figures["Words deleted"] == str(s.words_deleted)
    assert figures["Paragraphs moved"] == str(s.paragraphs_moved)
    assert figures["Paragraphs merged"] == str(s.paragraphs_merged)
    assert figures["Size (words touched)"] == str(s.size)
    assert figures["Headline changed"] == "yes"
    assert figures["Differences hidden by ignore options"] == "1"


def test_the_page_is_self_contained_and_styled_for_screen_dark_and_print() -> None:
    article, comp = handmade()
    tree = parse(render_comparison(article, comp))
    assert_self_contained(tree, allowed_links={URL})
    metas = {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}
    assert metas["generator"] == f"revviewer {__version__}"
    (csp,) = [m for m in tree.iter("meta") if m.get("http-equiv")]
    assert "default-src 'none'" in (csp.get("content") or "")
    css = "".join(texts(tree, "style"))
    assert "prefers-color-scheme: dark" in css
    assert "@media print" in css and "break-inside: avoid" in css
    assert "print-color-adjust: exact" in css
    assert "text-decoration: line-through" in css and "text-decoration: underline" in css


def test_same_input_gives_the_same_bytes_and_no_generation_date() -> None:
    article, comp = handmade()
    first = render_comparison(article, comp)
    assert render_comparison(article, comp) == first
    assert date.today().isoformat() not in first


def test_real_engine_marks_exactly_the_changed_words() -> None:
    old = Version(1, "Storm hits coast", ["The cat sat on the mat.", "Nothing else."])
    new = Version(2, "Storm hits north coast", ["The dog sat on the mat today.", "Nothing else."])
    article = Article("k", "src", "http://example.org/a", [old, new])
    table = _rows_table(parse(render_comparison(article, compare(old, new))))
    assert [t.strip() for t in texts(table, "del")] == ["cat"]
    assert [t.strip() for t in texts(table, "ins")] == ["dog", "today"]
    assert [tr.get("id") for tr in body_rows(table)] == ["c1", None]


def _chain(n: int) -> Article:
    versions = [
        Version(
            v,
            f"Headline {v // 2}",
            [f"Paragraph one, edit {v}.", "Paragraph two stays.", f"Closing line {v % 2}."],
            captured=datetime(2020, 1, 1, v, tzinfo=UTC),
            sources=[f"/dumps/{v}.txt"],
        )
        for v in range(n)
    ]
    return Article("chain-00000000", "src", "https://example.org/chain", versions)


@pytest.mark.parametrize("inline", [False, True])
def test_history_lists_every_step_with_its_size_and_anchors(inline: bool) -> None:
    article = _chain(4)
    tree = parse(render_history(article, inline=inline))
    assert_self_contained(tree, allowed_links={article.url})
    (toc,) = tree.iter("nav")
    items = toc.findall("ol/li")
    steps = [compare(a, b) for a, b in zip(article.versions, article.versions[1:], strict=False)]
    assert len(items) == 3
    for li, comp in zip(items, steps, strict=True):
        anchor = f"v{comp.old.number}-{comp.new.number}"
        assert li.find("a").get("href") == "#" + anchor
        size = comp.stats.size
        assert f"{size} word{'' if size == 1 else 's'} (" in text(li)
        (meter,) = li.iter("meter")
        assert meter.get("value") == str(comp.stats.size)
    sections = [s for s in tree.iter("section") if s.get("class") == "step"]
    assert [s.get("id") for s in sections] == ["v0-1", "v1-2", "v2-3"]
    for section, comp in zip(sections, steps, strict=True):
        (table,) = [t for t in section.iter("table") if t.get("class") == "d"]
        ids = [tr.get("id") for tr in body_rows(table) if tr.get("id")]
        assert ids == [f"{section.get('id')}c{k}" for k in range(1, len(ids) + 1)]
        assert len(ids) == sum(1 for r in comp.rows if r.kind != "equal")


def test_history_of_one_version_shows_its_text_and_of_none_says_so() -> None:
    one = _chain(1)
    one.versions[0].inferred.append(Inference(InferenceKind.OTHER, 1, 0.4, "guessed"))
    tree = parse(render_history(one))
    assert_self_contained(tree, allowed_links={one.url})
    cells = texts(tree, "td")
    assert "Paragraph two stays.inferred, not read: assumed (confidence 40%): guessed" in cells
    empty = Article("none-00000000", "src", "https://example.org/none")
    assert "No versions of this article" in text(parse(render_history(empty)))


def test_the_export_is_plain_python_without_qt() -> None:
    # The window renders exports in a worker thread and the command line has no Qt:
    # importing the export (and its command) must not pull Qt in.
    code = (
        "import sys, revviewer.export, revviewer.cli.export_cmd\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in\n"
        "    ('PySide6', 'shiboken6') or n.startswith('revviewer.gui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_versions_table_sums_up_guesses_by_kind() -> None:
    side, conflict = InferenceKind.SIDE, InferenceKind.CONFLICT
    guesses = [
        Inference(side, None, 0.3, "line 11"),
        Inference(side, 1, 0.5, "line 12"),
        Inference(side, None, 0.8, "line 13"),
        Inference(conflict, None, 0.1, "dump A has 4 paragraphs, dump B 5"),
    ]
    assert guess_summary(guesses) == [
        "inferred, not read: which side a one-sided row is on: "
        "\u00b62 (50%), 2 about rows not in this version (30%\u201380%)",
        "inferred, not read: dumps disagree: the whole version (10%); "
        "dump A has 4 paragraphs, dump B 5",
    ]
