"""The row model's shortcuts give exactly what they stand for.

:mod:`revviewer.core.formats._rowsplit` computes some measures the fast way (for the parse
speed of ``benchmarks/parse_speed.py``); a row's reading must not depend on which way
ran, so each shortcut is checked against the plain definition on every split.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import SupportsIndex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revviewer.core.formats._gaps import Gap
from revviewer.core.formats._reading import RowReading
from revviewer.core.formats._rowsplit import (
    _BOUNDARY_STRONG,
    _BOUNDARY_WEAK,
    RowPairs,
    _is_abbreviation,
    _similarity,
    _starts_paragraph,
    boundaries,
    model_row,
)
from revviewer.core.model import InferenceKind

# Few distinct words, so that pairs repeat within and across halves; empty words
# (double spaces) and the sentinels the plain definition pads halves with.
_WORDS = st.sampled_from(["the", "said", "he", "", "The", "\x00", "a\x01", "said."])


@given(st.lists(_WORDS, min_size=2, max_size=40))
def test_tabulated_pairs_give_the_similarity_and_sizes_of_every_split(words: list[str]) -> None:
    text = " ".join(words)
    pairs = RowPairs(text)
    k = 0
    for at, ch in enumerate(text):
        if ch == " ":
            k += 1
            assert pairs.similarity(at, k) == _similarity(text, at), at
            if pairs.plain:
                halves = (
                    ["\x00", *text[:at].split(" "), "\x01"],
                    ["\x00", *text[at + 1 :].split(" "), "\x01"],
                )
                sizes = tuple(len(set(pairwise(h))) for h in halves)
                assert pairs.half_sizes(k) == sizes, at
                # remembered from similarity(), or counted afresh
                assert pairs.split_sizes(at) == (k, *sizes), at
                assert RowPairs(text).split_sizes(at) == (k, *sizes), at


_CLOSERS = "”\"’')]"


def _ends_by_hand(text: str) -> dict[int, float]:
    """:func:`boundaries` by its definition, one space at a time: after any no-break
    spaces, a weak end character, or a sentence end and its closing marks (strong,
    weak after an abbreviation); weak ends listed first."""
    weak: dict[int, float] = {}
    strong: dict[int, float] = {}
    for at, ch in enumerate(text):
        if ch != " " or at + 1 == len(text) or not _starts_paragraph(text[at + 1]):
            continue
        j = at - 1
        while j >= 0 and text[j] == "\u00a0":
            j -= 1
        if j >= 0 and text[j] in ":;—–" + _CLOSERS:
            weak[at] = _BOUNDARY_WEAK
        i = j
        while i >= 0 and text[i] in _CLOSERS:
            i -= 1
        if i >= 0 and text[i] in ".!?":
            stem = text[text.rfind(" ", 0, i) + 1 : i]
            abbreviated = text[i] == "." and i == at - 1 and _is_abbreviation(stem)
            strong[at] = _BOUNDARY_WEAK if abbreviated else _BOUNDARY_STRONG
    return weak | strong


# punctuation, no-break spaces, paragraph starts, and words an abbreviation ends
_PUNCTUATED = st.lists(
    st.sampled_from([*".!?:;—–”\"’')]\u00a0 aAB1“‘([É", "Mr", "U.S"]), max_size=30
).map("".join)


@given(_PUNCTUATED)
def test_boundaries_follow_their_definition(text: str) -> None:
    assert list(boundaries(text).items()) == list(_ends_by_hand(text).items())


def test_each_rows_probability_is_summed_once_however_many_readings_are_assembled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Merging assembles a dump's readings many times; each row's probability sums over
    all of its gap's structures, so summing it again for every reading cost the square
    of a long gap each time (a damaged dump with a 2,500-row gap took a minute to
    merge, found by fuzzing). The remembered sums are those of the gap."""
    rows = [(10 + k, f"Paragraph {k} was added by the desk at {k} past nine.") for k in range(60)]
    reading = RowReading("T T", 8, rows)
    [gap] = reading.gaps
    sums = 0

    def counting(method: Callable[..., float]) -> Callable[..., float]:
        def count(*args: object) -> float:
            nonlocal sums
            sums += 1
            return method(*args)

        return count

    monkeypatch.setattr(Gap, "side_probability", counting(Gap.side_probability))
    monkeypatch.setattr(Gap, "change_probability", counting(Gap.change_probability))
    best = reading.best()
    for _ in range(10):
        for old, new in ((best.old, None), (None, best.new), (best.old, best.new)):
            assert reading.constrained(old, new) is not None
    assert sums <= 3 * len(rows)  # 31 readings of each row before the fix
    sides = [i for i in best.new_inferred if i.kind is InferenceKind.SIDE]
    assert len(sides) == len(rows)
    for t, (side, line) in enumerate(zip(sides, (line for line, _ in rows), strict=True)):
        assert side.note.startswith(f"line {line}:")
        read_as = "new" if side.note.endswith("read as inserted") else "old"
        assert side.confidence == gap.side_probability(t, read_as)


class _ScanCounting(str):
    """A row that tallies the characters its ``count`` scans."""

    scanned = 0

    def count(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> int:
        lo, hi, _ = slice(start, end).indices(len(self))
        self.scanned += max(0, hi - lo)
        return str(self).count(sub, lo, hi)


def test_a_long_rows_split_points_are_counted_in_one_pass() -> None:
    """Every " the" of a row starting with "the" is a candidate split, and each needs
    the number of words before it: counting them from the start for each split cost
    the square of the row (one row of 160,000 words took 30 s, found by fuzzing)."""
    words = ["the", "minister", "said", "on", "Tuesday.", "Police", "vote", "and", "was"]
    plain = " ".join(words[(k * k) % len(words)] for k in range(20_000))
    row = _ScanCounting(plain)
    model = model_row(row, 10, 200.0)
    assert row.scanned <= 2 * len(row)  # over 4,000 times that before the fix
    assert model == model_row(plain, 10, 200.0)
