"""Comparing two versions (interim implementation on difflib; replaced by the
diff-match-patch engine). Public API: :func:`compare`, :func:`step_sizes`."""

from __future__ import annotations

import difflib
import itertools
import re

from revviewer.core.comparison import Comparison, DiffOptions, Row, Span, Stats
from revviewer.core.model import Article, Version

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def word_spans(a: str, b: str) -> tuple[Span, ...]:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    out: list[Span] = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(Span("equal", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                out.append(Span("delete", "".join(ta[i1:i2])))
            if j2 > j1:
                out.append(Span("insert", "".join(tb[j1:j2])))
    return tuple(out)


def compare(old: Version, new: Version, options: DiffOptions | None = None) -> Comparison:
    options = options or DiffOptions()
    rows: list[Row] = []
    stats = Stats()
    sm = difflib.SequenceMatcher(None, old.paragraphs, new.paragraphs, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                rows.append(
                    Row("equal", (i1 + k,), (j1 + k,), (Span("equal", old.paragraphs[i1 + k]),))
                )
            continue
        n = min(i2 - i1, j2 - j1)
        for k in range(n):
            spans = word_spans(old.paragraphs[i1 + k], new.paragraphs[j1 + k])
            rows.append(Row("changed", (i1 + k,), (j1 + k,), spans))
            stats.paragraphs_changed += 1
        for i in range(i1 + n, i2):
            rows.append(Row("deleted", (i,), (), (Span("delete", old.paragraphs[i]),)))
            stats.paragraphs_deleted += 1
        for j in range(j1 + n, j2):
            rows.append(Row("inserted", (), (j,), (Span("insert", new.paragraphs[j]),)))
            stats.paragraphs_inserted += 1
    for r in rows:
        for s in r.spans:
            words = len(re.findall(r"\w+", s.text))
            if s.op == "insert":
                stats.words_inserted += words
                stats.chars_inserted += len(s.text)
            elif s.op == "delete":
                stats.words_deleted += words
                stats.chars_deleted += len(s.text)
    title = word_spans(old.title, new.title)
    stats.headline_changed = old.title != new.title
    return Comparison(old, new, title, rows, stats, options)


def step_sizes(article: Article) -> list[int]:
    """The size of every step (version i-1 to i) of an article, for a timeline."""
    vs = article.versions
    return [compare(a, b).stats.size for a, b in itertools.pairwise(vs)]
