"""Word-level diff of two texts: what a reader sees as deleted and inserted words.

Contract: :func:`word_diff` returns spans (see :mod:`revviewer.core.comparison`) such
that the equal + delete spans join to ``old`` and the equal + insert spans join to
``new``, exactly. Tokens (:mod:`revviewer.core.tokens`) are never cut: a changed word
shows as one deleted and one inserted word. Tokens compare by their key under the
options (:mod:`revviewer.core.normalize`); a difference the options ignore (tokens
with equal keys but different texts, or with ignore_whitespace a change that only
adds, drops or alters whitespace) is an ``equal`` span with ``ignored=True`` holding
both texts.

After the minimal token diff (:mod:`revviewer.core.dmp_adapter`) a semantic cleanup
runs on tokens, as diff-match-patch's does on characters: a short equality between
two edits (``[-big-] [-red-]``) is folded into them (``[-big red-]``), and a lone
insertion or deletion slides along identical tokens to the most natural boundary.

Cost: two texts whose token counts multiply past :data:`MAX_WORD_DIFF_COMPLEXITY` are
first matched sentence by sentence (see :func:`_by_sentence`), so a huge paragraph
rewritten throughout cannot stall; the bound counts tokens, never time.
Standard library only.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from revviewer.core.comparison import DiffOptions, Span
from revviewer.core.dmp_adapter import Engine, Op, diff_sequences
from revviewer.core.normalize import is_plain, token_key
from revviewer.core.tokens import is_word, tokenize

#: Texts whose token counts multiply to more than this are matched sentence by sentence
#: first (as wikidiff2 bounds its word diffs; here nothing is given up, only coarsened).
MAX_WORD_DIFF_COMPLEXITY = 40_000_000

_SENTENCE_END = frozenset({".", "!", "?", "...", "…", "。", "！", "？"})


@dataclass(slots=True)
class WordDiff:
    spans: tuple[Span, ...]
    #: how many ignored spans (differences hidden by an option) there are
    ignored: int = 0
    words_inserted: int = 0
    words_deleted: int = 0
    chars_inserted: int = 0
    chars_deleted: int = 0


@dataclass(slots=True)
class _Chunk:
    """A run of the diff: old tokens ``a0:a1`` and new tokens ``b0:b1``. An equal chunk
    has keys equal pairwise; a change chunk replaces one range by the other."""

    equal: bool
    a0: int
    a1: int
    b0: int
    b1: int


def word_diff(
    old: str,
    new: str,
    options: DiffOptions | None = None,
    engine: Engine | None = None,
) -> WordDiff:
    options = options or DiffOptions()
    ta, tb = tokenize(old), tokenize(new)
    if is_plain(options):
        ka, kb = ta, tb
    else:
        ka = [token_key(t, options) for t in ta]
        kb = [token_key(t, options) for t in tb]
    if len(ka) * len(kb) > MAX_WORD_DIFF_COMPLEXITY:
        runs = _by_sentence(ka, kb, engine)
    else:
        runs = diff_sequences(ka, kb, engine)
    chunks = _chunks(runs, len(ka), len(kb))
    chunks = _cleanup(chunks, ta, tb, ka, kb)
    return _spans(chunks, ta, tb, ka, kb, options)


def _by_sentence(ka: list[str], kb: list[str], engine: Engine | None) -> list[tuple[Op, int]]:
    """Runs for two long texts: sentences are matched whole first, then the tokens of
    each changed stretch are diffed, when that stretch is itself small enough;
    otherwise it is shown as replaced. The minimal diff of two huge, very different
    texts could take minutes; this stays about linear in their length."""
    sa, sb = _sentences(ka), _sentences(kb)
    runs: list[tuple[Op, int]] = []
    a = b = 0  # token positions
    i = j = 0  # sentence positions
    pending_a = pending_b = 0  # tokens in the changed stretch being gathered

    def flush() -> None:
        nonlocal pending_a, pending_b
        a0, b0 = a - pending_a, b - pending_b
        if pending_a * pending_b <= MAX_WORD_DIFF_COMPLEXITY:
            runs.extend(diff_sequences(ka[a0:a], kb[b0:b], engine))
        else:
            runs.extend([("-", pending_a), ("+", pending_b)])
        pending_a = pending_b = 0

    for op, n in diff_sequences(sa, sb, engine):
        if op == "=":
            flush()
            size = sum(map(len, sa[i : i + n]))
            runs.append(("=", size))
            a, b, i, j = a + size, b + size, i + n, j + n
        elif op == "-":
            size = sum(map(len, sa[i : i + n]))
            a, i, pending_a = a + size, i + n, pending_a + size
        else:
            size = sum(map(len, sb[j : j + n]))
            b, j, pending_b = b + size, j + n, pending_b + size
    flush()
    return [r for r in runs if r[1]]


def _sentences(keys: list[str]) -> list[tuple[str, ...]]:
    """Token keys cut after each sentence end (and the space after it) or line break."""
    out: list[tuple[str, ...]] = []
    start = 0
    for k, key in enumerate(keys):
        ends = key == "\n" or (k > 0 and keys[k - 1] in _SENTENCE_END and key.isspace())
        if ends or (key in _SENTENCE_END and k + 1 < len(keys) and not keys[k + 1].isspace()):
            out.append(tuple(keys[start : k + 1]))
            start = k + 1
    if start < len(keys):
        out.append(tuple(keys[start:]))
    return out


def _chunks(runs: Sequence[tuple[str, int]], na: int, nb: int) -> list[_Chunk]:
    out: list[_Chunk] = []
    a = b = 0
    for op, n in runs:
        if op == "=":
            if out and out[-1].equal:
                out[-1].a1, out[-1].b1 = a + n, b + n
            else:
                out.append(_Chunk(True, a, a + n, b, b + n))
            a += n
            b += n
        else:
            if out and not out[-1].equal:
                last = out[-1]
            else:
                last = _Chunk(False, a, a, b, b)
                out.append(last)
            if op == "-":
                a += n
                last.a1 = a
            else:
                b += n
                last.b1 = b
    assert a == na and b == nb, "diff runs do not cover both texts"
    return out


def _cleanup(
    chunks: list[_Chunk], ta: list[str], tb: list[str], ia: list[str], ib: list[str]
) -> list[_Chunk]:
    # Characters before each token, so that a run's length is one subtraction.
    pa = [0, *itertools.accumulate(map(len, ta))]
    pb = [0, *itertools.accumulate(map(len, tb))]
    changed = True
    while changed:
        changed = False
        # Fold an equality no longer than the edits on both sides of it into them
        # (diff-match-patch's semantic rule, measured in characters of whole tokens).
        k = 1
        while k < len(chunks) - 1:
            prev, eq, nxt = chunks[k - 1], chunks[k], chunks[k + 1]
            if eq.equal and not prev.equal and not nxt.equal:
                size = pa[eq.a1] - pa[eq.a0]
                before = max(pa[prev.a1] - pa[prev.a0], pb[prev.b1] - pb[prev.b0])
                after = max(pa[nxt.a1] - pa[nxt.a0], pb[nxt.b1] - pb[nxt.b0])
                if size <= before and size <= after:
                    chunks[k - 1 : k + 2] = [_Chunk(False, prev.a0, nxt.a1, prev.b0, nxt.b1)]
                    changed = True
                    k = max(1, k - 1)
                    continue
            k += 1
        if changed:
            chunks = _factor(chunks, ia, ib)
    return _slide(chunks, ta, tb, ia, ib)


def _factor(chunks: list[_Chunk], ia: list[str], ib: list[str]) -> list[_Chunk]:
    """Move tokens common to the start or end of both sides of a change out into the
    neighbouring equalities, and merge what becomes adjacent."""
    out: list[_Chunk] = []

    def push(c: _Chunk) -> None:
        if c.a0 == c.a1 and c.b0 == c.b1:
            return
        if out and out[-1].equal == c.equal:
            out[-1].a1, out[-1].b1 = c.a1, c.b1
        else:
            out.append(c)

    for c in chunks:
        if c.equal or c.a0 == c.a1 or c.b0 == c.b1:
            push(c)
            continue
        p = 0
        while c.a0 + p < c.a1 and c.b0 + p < c.b1 and ia[c.a0 + p] == ib[c.b0 + p]:
            p += 1
        s = 0
        while c.a1 - s > c.a0 + p and c.b1 - s > c.b0 + p and ia[c.a1 - s - 1] == ib[c.b1 - s - 1]:
            s += 1
        push(_Chunk(True, c.a0, c.a0 + p, c.b0, c.b0 + p))
        push(_Chunk(False, c.a0 + p, c.a1 - s, c.b0 + p, c.b1 - s))
        push(_Chunk(True, c.a1 - s, c.a1, c.b1 - s, c.b1))
    return out


def _score(left: str | None, right: str | None) -> int:
    """How good a place the boundary between two tokens is for an edit to start or
    end (higher is better)."""
    if left is None or right is None:
        return 6
    if left == "\n" or right == "\n":
        return 5
    if left in _SENTENCE_END and right.isspace():
        return 4
    if left.isspace() or right.isspace():
        return 2
    if not is_word(left) or not is_word(right):
        return 1
    return 0


def _slide(
    chunks: list[_Chunk], ta: list[str], tb: list[str], ia: list[str], ib: list[str]
) -> list[_Chunk]:
    """Slide each pure insertion or deletion that sits between two equalities along
    the identical tokens around it to the best-scoring place (the last of equals)."""
    for k in range(1, len(chunks) - 1):
        prev, c, nxt = chunks[k - 1], chunks[k], chunks[k + 1]
        if c.equal or not prev.equal or not nxt.equal:
            continue
        if c.a0 == c.a1:  # insertion into old: tokens tb[c.b0:c.b1]
            toks, ids, e0, e1 = tb, ib, prev.b0, nxt.b1
            s0, s1 = c.b0, c.b1
        elif c.b0 == c.b1:
            toks, ids, e0, e1 = ta, ia, prev.a0, nxt.a1
            s0, s1 = c.a0, c.a1
        else:
            continue
        # Shift the edit window [s0, s1) left while it stays a valid edit, then try
        # every position to the right.
        while s0 > e0 and ids[s0 - 1] == ids[s1 - 1]:
            s0 -= 1
            s1 -= 1
        best, best_score = s0, -1
        pos0, pos1 = s0, s1
        while True:
            left = toks[pos0 - 1] if pos0 > e0 else None
            right = toks[pos1] if pos1 < e1 else None
            score = _score(left, toks[pos0]) + _score(toks[pos1 - 1], right)
            if score >= best_score:
                best, best_score = pos0, score
            if pos1 < e1 and ids[pos0] == ids[pos1]:
                pos0 += 1
                pos1 += 1
            else:
                break
        shift = best - (c.b0 if c.a0 == c.a1 else c.a0)
        if shift:
            prev.a1 += shift
            prev.b1 += shift
            c.a0 += shift
            c.a1 += shift
            c.b0 += shift
            c.b1 += shift
            nxt.a0 += shift
            nxt.b0 += shift
    return [c for c in chunks if c.a0 != c.a1 or c.b0 != c.b1]


def _spans(
    chunks: list[_Chunk],
    ta: list[str],
    tb: list[str],
    ka: list[str],
    kb: list[str],
    options: DiffOptions,
) -> WordDiff:
    spans: list[Span] = []
    result = WordDiff(())

    def add(span: Span) -> None:
        if spans and spans[-1].op == span.op and spans[-1].ignored == span.ignored:
            last = spans[-1]
            if span.ignored:
                spans[-1] = Span(
                    "equal",
                    last.text + span.text,
                    True,
                    (last.old_text or "") + (span.old_text or ""),
                )
            else:
                spans[-1] = Span(span.op, last.text + span.text)
        else:
            spans.append(span)

    plain = is_plain(options)
    for c in chunks:
        if c.equal:
            if plain:
                text = "".join(ta[c.a0 : c.a1])
                add(Span("equal", text))
                continue
            # Keys are equal; the texts may still differ in ignored ways.
            for i, j in zip(range(c.a0, c.a1), range(c.b0, c.b1), strict=True):
                if ta[i] == tb[j]:
                    add(Span("equal", tb[j]))
                else:
                    add(Span("equal", tb[j], True, ta[i]))
            continue
        old_part, new_part = ta[c.a0 : c.a1], tb[c.b0 : c.b1]
        if not plain and _ignorable(ka[c.a0 : c.a1], kb[c.b0 : c.b1], options):
            add(Span("equal", "".join(new_part), True, "".join(old_part)))
            continue
        if old_part:
            text = "".join(old_part)
            add(Span("delete", text))
            result.chars_deleted += len(text)
            result.words_deleted += sum(1 for t in old_part if is_word(t))
        if new_part:
            text = "".join(new_part)
            add(Span("insert", text))
            result.chars_inserted += len(text)
            result.words_inserted += sum(1 for t in new_part if is_word(t))
    result.spans = tuple(spans)
    result.ignored = sum(1 for s in spans if s.ignored)
    return result


def _ignorable(old_keys: list[str], new_keys: list[str], options: DiffOptions) -> bool:
    """Whether replacing ``old_keys`` by ``new_keys`` only adds, drops or changes
    whitespace (with ignore_whitespace on)."""
    if not options.ignore_whitespace:
        return False
    return [k for k in old_keys if k != " "] == [k for k in new_keys if k != " "]
