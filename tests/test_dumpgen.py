"""The dump generator follows NewsSniffer's row rules and renders text dumps byte for byte."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from revviewer.testing.dumpgen import (
    NBSP,
    STATUS_TEXTS,
    DumpRow,
    GenArticle,
    GenVersion,
    build_rows,
    distance_of_time_in_words,
    random_article,
    render_text,
    text_paragraphs,
)

T0 = datetime(2018, 4, 12, 9, 0, tzinfo=UTC)


def test_lcs_picks_the_subsequence_ruby_diff_lcs_picks() -> None:
    # The example from diff-lcs's documentation: its LCS is b c e j l m.
    old = ["a", "b", "c", "e", "h", "j", "l", "m", "n", "p"]
    new = ["b", "c", "d", "e", "f", "j", "k", "l", "m", "r", "s", "t"]
    matched = [r.old for r in build_rows(old, new) if r.kind == "match"]
    assert matched == ["b", "c", "e", "j", "l", "m"]


def test_gap_gives_positional_change_rows_then_one_sided_rows() -> None:
    rows = build_rows(["A", "x1", "x2", "x3", "B"], ["A", "y1", "B", "C"])
    assert rows == [
        DumpRow("match", "A", "A"),
        DumpRow("change", "x1", "y1"),
        DumpRow("delete", "x2", None),
        DumpRow("delete", "x3", None),
        DumpRow("match", "B", "B"),
        DumpRow("insert", None, "C"),
    ]


def _article(old: list[str], new: list[str], *, later: timedelta) -> GenArticle:
    return GenArticle(
        "guardian",
        "https://www.theguardian.com/world/2018/apr/12/x",
        [GenVersion(0, "Old title", old, T0), GenVersion(1, "New  title", new, T0 + later)],
        STATUS_TEXTS[1],
    )


def test_render_text_writes_the_page_as_its_text_dump() -> None:
    art = _article(
        ["Same.", "Old  one.", "Gone" + NBSP],
        ["Same.", "New one.", "Added."],
        later=timedelta(hours=5),
    )
    assert render_text(art, 0, 1) == (
        "This article is from the source 'guardian' and was first published or seen on . "
        "It last changed over 40 days ago and won't be checked again for changes.\n"
        "\n"
        "You can find the current article at its original source at "
        "https://www.theguardian.com/world/2018/apr/12/x\n"
        "\n"
        "The article has changed 2 times. There is an RSS feed of changes available.\n"
        "\n"
        "Version 0 Version 1\n"
        "Old title New title\n"
        "(about 5 hours later)\n"
        "Same.Same.\n"
        "Old one. New one.\n"
        "Gone" + NBSP + " Added."
    )


def test_comparing_backwards_says_earlier() -> None:
    art = _article(["p"], ["q"], later=timedelta(minutes=35))
    assert "\n(35 minutes earlier)\n" in render_text(art, 1, 0)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(seconds=29), "less than a minute"),
        (timedelta(seconds=31), "1 minute"),
        (timedelta(minutes=35), "35 minutes"),
        (timedelta(minutes=44, seconds=29), "44 minutes"),
        (timedelta(minutes=45), "about 1 hour"),
        (timedelta(minutes=89), "about 1 hour"),
        (timedelta(minutes=90), "about 2 hours"),
        (timedelta(hours=5, minutes=10), "about 5 hours"),
        (timedelta(hours=30), "1 day"),
        (timedelta(hours=42), "2 days"),
        (timedelta(days=29), "29 days"),
        (timedelta(days=31), "about 1 month"),
        (timedelta(days=70), "2 months"),
        (timedelta(days=75), "3 months"),
        (timedelta(days=366), "about 1 year"),
        (timedelta(days=365 + 200), "over 1 year"),
        (timedelta(days=365 + 300), "almost 2 years"),
    ],
)
def test_distance_of_time_in_words_follows_rails(delta: timedelta, words: str) -> None:
    assert distance_of_time_in_words(T0, T0 + delta) == words


def test_random_articles_are_reproducible_and_change_every_step() -> None:
    a = random_article(random.Random(7))
    b = random_article(random.Random(7))
    assert a == b
    for old, new in zip(a.versions, a.versions[1:], strict=False):
        assert (old.title, old.paragraphs) != (new.title, new.paragraphs)
        assert new.captured > old.captured


def test_generated_edits_are_mostly_small() -> None:
    # Most steps leave most paragraphs alone: news is corrected more than rewritten.
    rng = random.Random(3)
    kept = total = 0
    for _ in range(40):
        art = random_article(rng, n_versions=4)
        for old, new in zip(art.versions, art.versions[1:], strict=False):
            rows = build_rows(old.paragraphs, new.paragraphs)
            kept += sum(r.kind == "match" for r in rows)
            total += len(rows)
    assert kept / total > 0.75


def test_a_paragraph_can_be_added_after_the_last_one() -> None:
    # Updates add a closing paragraph as well as dropping a stale one: where a dump's
    # last body row is shown alone, it is an addition about as often as paragraphs
    # are added anywhere (more often than dropped), not nearly always a deletion.
    rng = random.Random(5)
    last: Counter[str] = Counter()
    for _ in range(300):
        art = random_article(rng, n_versions=3)
        for old, new in zip(art.versions, art.versions[1:], strict=False):
            rows = build_rows(old.paragraphs, new.paragraphs)
            body = [r for r in rows if len(r.old or r.new or "") > 80]  # no tags, share links
            if body:
                last[body[-1].kind] += 1
    assert last["delete"] > 0
    assert last["insert"] >= last["delete"]


def test_text_paragraphs_collapse_ascii_whitespace_but_keep_no_break_spaces() -> None:
    v = GenVersion(0, "t", ["a  b\tc", "d" + NBSP], T0)
    assert text_paragraphs(v) == ["a b c", "d" + NBSP]
