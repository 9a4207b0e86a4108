"""Comparing two versions of an article. Public API: :func:`compare`, :func:`step_sizes`.

Contract: :func:`compare` takes any two versions (neighbours or not, either order)
and returns a :class:`~revviewer.core.comparison.Comparison`: the paragraphs aligned
into rows by :mod:`revviewer.core.align`, each changed, moved, split or merged row
word-diffed by :mod:`revviewer.core.worddiff`, the title word-diffed, and the
statistics counted. The result depends only on the texts and the options, never on
the clock or on which diff engine ran (see :mod:`revviewer.core.dmp_adapter`).

Statistics: words and characters inserted and deleted count the title and the body
(a moved paragraph's edits once, not at both ends; a deleted or inserted paragraph in
full); paragraph counts are rows of each kind, moves counted once; ignored changes
are ignored spans. :func:`step_sizes` gives ``Stats.size`` for each step of an
article and is cached, as the list view asks for every article's steps.

Plain Python; safe to call from worker threads.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict

from revviewer.core.align import Plan, align
from revviewer.core.comparison import Comparison, DiffOptions, Row, Span, Stats
from revviewer.core.dmp_adapter import Engine, default_engine
from revviewer.core.model import Article, Version
from revviewer.core.normalize import is_plain, paragraph_key
from revviewer.core.tokens import count_words
from revviewer.core.worddiff import WordDiff, word_diff

__all__ = ["compare", "step_sizes"]


def compare(
    old: Version,
    new: Version,
    options: DiffOptions | None = None,
    *,
    engine: Engine | None = None,
) -> Comparison:
    """What changed from ``old`` to ``new``. ``engine`` picks the diff engine
    (default: :func:`~revviewer.core.dmp_adapter.default_engine`); every engine gives
    the same result."""
    options = options or DiffOptions()
    engine = engine or default_engine()
    if is_plain(options):  # a paragraph's key is its text
        old_keys, new_keys = list(old.paragraphs), list(new.paragraphs)
    else:
        old_keys = [paragraph_key(p, options) for p in old.paragraphs]
        new_keys = [paragraph_key(p, options) for p in new.paragraphs]
    plans = align(old_keys, new_keys, engine)

    stats = Stats()
    rows: list[Row] = []
    move_diffs: dict[int, WordDiff] = {}
    for plan in plans:
        rows.append(_row(plan, old, new, options, engine, stats, move_diffs))

    title = word_diff(old.title, new.title, options, engine)
    _count(stats, title)
    stats.headline_changed = paragraph_key(old.title, options) != paragraph_key(new.title, options)
    return Comparison(old, new, title.spans, rows, stats, options)


def _row(
    plan: Plan,
    old: Version,
    new: Version,
    options: DiffOptions,
    engine: Engine,
    stats: Stats,
    move_diffs: dict[int, WordDiff],
) -> Row:
    # Unpacked once: a named tuple's fields are slow to read one at a time.
    kind, ix_old, ix_new, move, moved = plan
    if kind == "equal":
        a, b = old.paragraphs[ix_old[0]], new.paragraphs[ix_new[0]]
        if a == b:
            return Row("equal", ix_old, ix_new, (Span("equal", a),))
        wd = word_diff(a, b, options, engine)  # differs only in ignored ways
        _count(stats, wd)
        return Row("equal", ix_old, ix_new, wd.spans)
    if kind == "deleted":
        text = old.paragraphs[ix_old[0]]
        stats.paragraphs_deleted += 1
        stats.words_deleted += count_words(text)
        stats.chars_deleted += len(text)
        return Row("deleted", ix_old, ix_new, (Span("delete", text),))
    if kind == "inserted":
        text = new.paragraphs[ix_new[0]]
        stats.paragraphs_inserted += 1
        stats.words_inserted += count_words(text)
        stats.chars_inserted += len(text)
        return Row("inserted", ix_old, ix_new, (Span("insert", text),))
    if kind == "moved":
        assert move is not None and moved is not None
        seen = move_diffs.get(move)
        if seen is None:  # the first end of this move: diff it once for both ends
            i, j = moved
            seen = word_diff(old.paragraphs[i], new.paragraphs[j], options, engine)
            move_diffs[move] = seen
            _count(stats, seen)
            stats.paragraphs_moved += 1
            stats.words_moved += count_words(new.paragraphs[j])
        return Row("moved", ix_old, ix_new, seen.spans, move)
    a = "\n".join(old.paragraphs[i] for i in ix_old)
    b = "\n".join(new.paragraphs[j] for j in ix_new)
    wd = word_diff(a, b, options, engine)
    _count(stats, wd)
    if kind == "changed":
        stats.paragraphs_changed += 1
    elif kind == "split":
        stats.paragraphs_split += 1
    else:
        stats.paragraphs_merged += 1
    return Row(kind, ix_old, ix_new, wd.spans)


def _count(stats: Stats, wd: WordDiff) -> None:
    stats.words_inserted += wd.words_inserted
    stats.words_deleted += wd.words_deleted
    stats.chars_inserted += wd.chars_inserted
    stats.chars_deleted += wd.chars_deleted
    stats.ignored_changes += wd.ignored


_CACHE_SIZE = 4096
_cache: OrderedDict[tuple[object, ...], int] = OrderedDict()
_cache_lock = threading.Lock()


def step_sizes(article: Article, options: DiffOptions | None = None) -> list[int]:
    """``Stats.size`` of every step (version k-1 to k) of ``article``, for a timeline.

    Cached by the versions' content (titles and paragraphs, whose hashes Python keeps
    on the strings), so asking again for an unchanged article costs a dictionary
    lookup per step."""
    options = options or DiffOptions()
    sizes: list[int] = []
    for a, b in itertools.pairwise(article.versions):
        key = (a.title, tuple(a.paragraphs), b.title, tuple(b.paragraphs), options)
        with _cache_lock:
            size = _cache.get(key)
            if size is not None:
                _cache.move_to_end(key)
        if size is None:
            size = compare(a, b, options).stats.size
            with _cache_lock:
                _cache[key] = size
                while len(_cache) > _CACHE_SIZE:
                    _cache.popitem(last=False)
        sizes.append(size)
    return sizes
