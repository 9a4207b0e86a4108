"""The row model's shortcuts give exactly what they stand for.

:mod:`revviewer.core.formats._rows` computes some measures the fast way (for the parse
speed of ``benchmarks/parse_speed.py``); a row's reading must not depend on which way
ran, so each shortcut is checked against the plain definition on every split.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from revviewer.core.formats._rows import _Pairs, _similarity

# Few distinct words, so that pairs repeat within and across halves; empty words
# (double spaces) and the sentinels the plain definition pads halves with.
_WORDS = st.sampled_from(["the", "said", "he", "", "The", "\x00", "a\x01", "said."])


@given(st.lists(_WORDS, min_size=2, max_size=40))
def test_tabulated_pairs_give_the_similarity_of_every_split(words: list[str]) -> None:
    text = " ".join(words)
    pairs = _Pairs(text)
    k = 0
    for at, ch in enumerate(text):
        if ch == " ":
            k += 1
            assert pairs.similarity(at, k) == _similarity(text, at), at
