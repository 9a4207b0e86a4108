"""Merging fragments: shared versions settle guesses, exact fragments win, conflicts
are reported and marked."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revviewer.core.formats import newssniffer_text as nt
from revviewer.core.merge import merge_fragments
from revviewer.core.model import Article, InferenceKind, Version, article_key
from revviewer.testing.dumpgen import (
    STATUS_TEXTS,
    GenArticle,
    GenVersion,
    random_article,
    render_text,
    text_paragraphs,
    text_title,
)

T0 = datetime(2018, 4, 12, 9, 0, tzinfo=UTC)
URL = "https://www.theguardian.com/world/2018/apr/12/flood-talks"

A = "The council said on Monday that the flood barrier would be finished by March."
B = "Residents in the lower town were told to keep sandbags ready for the weekend."
C = "The mayor praised the volunteers who had worked through the night to clear drains."
D = "A spokesman for the water authority declined to comment on the delay on Tuesday."


def _gen(*versions: list[str]) -> GenArticle:
    return GenArticle(
        "guardian",
        URL,
        [
            GenVersion(i, "Flood talks", list(p), T0 + timedelta(hours=i))
            for i, p in enumerate(versions)
        ],
        STATUS_TEXTS[0],
    )


def _text(art: GenArticle, a: int, b: int) -> Article:
    [frag] = nt.parse(f"{a}-{b}.txt", render_text(art, a, b).encode("utf-8"))
    return frag


def _exact(number: int, paragraphs: list[str], path: str) -> Article:
    v = Version(number, "Flood talks", paragraphs, captured=T0, sources=[path])
    return Article(article_key(URL), "guardian", URL, [v])


def test_a_shared_version_settles_which_side_a_paragraph_was_on() -> None:
    # 0 -> 1 adds D in the middle (one-sided: inserted or deleted?); 1 -> 2 edits A and
    # keeps D, so version 1 has D and the first dump's guess is settled.
    art = _gen([A, B, C], [A, B, D, C], [A.replace("March", "April"), B, D, C])
    first = _text(art, 0, 1)
    assert first.version(1).inferred  # alone, the side is a guess
    merged, errors = merge_fragments([first, _text(art, 1, 2)])
    assert errors == []
    [out] = merged
    assert [v.paragraphs for v in out.versions] == [
        [A, B, C],
        [A, B, D, C],
        [A.replace("March", "April"), B, D, C],
    ]
    assert all(not v.inferred for v in out.versions)
    assert out.version(1).sources == ["0-1.txt", "1-2.txt"]


def test_merging_picks_the_reading_that_makes_shared_versions_agree() -> None:
    # Alone, the middle gap of 0 -> 1 reads best as an insertion; the next dump shows
    # version 1 without the paragraph, so it was a deletion.
    art = _gen([A, B, D, C], [A, B, C], [A, B, C.replace("night", "weekend")])
    first = _text(art, 0, 1)
    assert first.version(1).paragraphs == [A, B, D, C]  # alone: read as added
    merged, errors = merge_fragments([first, _text(art, 1, 2)])
    assert errors == []
    assert merged[0].version(0).paragraphs == [A, B, D, C]
    assert merged[0].version(1).paragraphs == [A, B, C]


def test_a_dump_spanning_several_versions_joins_the_chain() -> None:
    art = _gen([A, B, C], [A, B, D, C], [A.replace("March", "April"), B, D, C])
    frags = [_text(art, 0, 1), _text(art, 1, 2), _text(art, 0, 2)]
    merged, errors = merge_fragments(frags)
    assert errors == []
    [out] = merged
    assert [v.paragraphs for v in out.versions] == [p.paragraphs for p in art.versions]
    assert out.version(2).sources == ["1-2.txt", "0-2.txt"]
    assert all(not v.inferred for v in out.versions)


@pytest.mark.parametrize(("seed", "spans"), [(13, [(0, 3), (3, 5)]), (113, [(0, 1), (1, 3)])])
def test_dumps_that_skip_versions_agree_on_the_version_they_share(
    seed: int, spans: list[tuple[int, int]]
) -> None:
    """A dump across several versions holds many changes, so many readings: the one
    both dumps agree on need not be among either's likeliest few (generated cases in
    which it was not, and a false conflict was reported)."""
    rng = random.Random(seed)
    art = random_article(rng, n_versions=rng.randint(4, 8))
    merged, errors = merge_fragments([_text(art, a, b) for a, b in spans])
    assert errors == []
    [out] = merged
    numbers = sorted({n for span in spans for n in span})
    assert [v.number for v in out.versions] == numbers
    for v in out.versions:
        truth = art.version(v.number)
        assert (v.title, v.paragraphs) == (text_title(truth), text_paragraphs(truth))
        assert not any(i.kind is InferenceKind.CONFLICT for i in v.inferred)


def test_an_exact_fragment_wins_over_a_guess() -> None:
    art = _gen([A, B, C], [A, B, D, C])
    merged, errors = merge_fragments([_text(art, 0, 1), _exact(1, [A, B, D, C], "1.html")])
    assert errors == []
    v = merged[0].version(1)
    assert v.paragraphs == [A, B, D, C] and not v.inferred
    assert v.captured == T0  # taken from the exact fragment
    assert merged[0].version(0).paragraphs == [A, B, C]


def test_exact_fragments_merge_trivially() -> None:
    merged, errors = merge_fragments(
        [_exact(1, [A, B], "b.html"), _exact(0, [A], "a.html"), _exact(1, [A, B], "c.html")]
    )
    assert errors == []
    [out] = merged
    assert [v.number for v in out.versions] == [0, 1]
    assert out.version(1).sources == ["b.html", "c.html"]


def test_a_conflict_is_reported_with_both_files_and_marked() -> None:
    merged, errors = merge_fragments([_exact(1, [A, B], "one.html"), _exact(1, [A, C], "two.html")])
    [out] = merged
    [err] = errors
    assert "one.html" in err.message and "two.html" in err.message
    assert out.conflicts
    assert InferenceKind.CONFLICT in {i.kind for i in out.version(1).inferred}


def test_a_text_dump_that_cannot_give_a_shared_version_conflicts() -> None:
    art = _gen([A, B, C], [A, B, D, C])
    merged, errors = merge_fragments([_text(art, 0, 1), _exact(1, [A, C], "1.html")])
    assert errors and "0-1.txt" in errors[0].message
    kinds = {i.kind for v in merged[0].versions for i in v.inferred}
    assert InferenceKind.CONFLICT in kinds


def test_articles_are_grouped_by_key() -> None:
    other = Article(article_key(URL + "-2"), "guardian", URL + "-2", [Version(0, "x", ["y"])])
    merged, _ = merge_fragments([_exact(0, [A], "a.html"), other])
    assert sorted(a.url for a in merged) == sorted([URL, URL + "-2"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=3, max_value=6))
def test_chains_of_generated_dumps_merge_honestly(seed: int, n: int) -> None:
    art = random_article(random.Random(seed), n_versions=n)
    frags = [_text(art, a, a + 1) for a in range(n - 1)]
    merged, _errors = merge_fragments(frags)
    [out] = merged
    assert [v.number for v in out.versions] == list(range(n))
    for v in out.versions:
        truth = art.version(v.number)
        if not v.inferred:
            assert v.title == text_title(truth)
            assert v.paragraphs == text_paragraphs(truth)
        for inf in v.inferred:
            assert inf.paragraph is None or 0 <= inf.paragraph < len(v.paragraphs)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_text_dump_agrees_with_the_html_page_of_the_same_comparison(seed: int) -> None:
    # The HTML page keeps whitespace the text dump collapsed; that is no conflict.
    from revviewer.core.formats import newssniffer_html
    from revviewer.testing.dumphtml import render_html

    art = random_article(random.Random(seed), n_versions=3)
    text = _text(art, 1, 2)
    [page] = newssniffer_html.parse("1-2.html", render_html(art, 1, 2).encode("utf-8"))
    merged, errors = merge_fragments([text, _text(art, 0, 1), page])
    assert errors == []
    [out] = merged
    for n in (1, 2):
        v = out.version(n)
        assert (v.title, v.paragraphs) == (art.version(n).title, art.version(n).paragraphs)
        assert not v.inferred
