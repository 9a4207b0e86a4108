"""Hypothesis strategies over generated NewsSniffer articles (tests only: needs hypothesis).

Contract: :func:`articles` draws a :class:`~revviewer.testing.dumpgen.GenArticle` from a
seed hypothesis chooses, so failures replay from the printed seed; :func:`dump_pairs`
adds a pair of version numbers (old, new) to compare.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from revviewer.testing.dumpgen import GenArticle, random_article


def articles(*, min_versions: int = 2, max_versions: int = 6) -> st.SearchStrategy[GenArticle]:
    return st.builds(
        lambda seed, n: random_article(random.Random(seed), n_versions=n),
        st.integers(min_value=0, max_value=2**32 - 1),
        st.integers(min_value=min_versions, max_value=max_versions),
    )


@st.composite
def dump_pairs(draw: st.DrawFn, *, adjacent: bool = False) -> tuple[GenArticle, int, int]:
    """An article and the (old, new) version numbers of one comparison page."""
    art = draw(articles())
    n = len(art.versions)
    a = draw(st.integers(min_value=0, max_value=n - 2))
    b = a + 1 if adjacent else draw(st.integers(min_value=a + 1, max_value=n - 1))
    return art, a, b
