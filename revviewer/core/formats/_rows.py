"""Reading the rows of a NewsSniffer text dump back into two versions, by evidence.

Contract: plain Python, standard library only. :class:`RowReading` takes the row lines
of a text dump (everything after the ``(DISTANCE later)`` line) and its title row, and
holds a small probabilistic model of how they can be read:

- a **match** row (``p`` + ``p``) is certain;
- a **change** row (``old`` + one space + ``new``) can split at any of its spaces; each
  split gets a probability from the evidence: how alike the two halves are (word pairs
  in common, equal halves; a split shifted by a word misses pairs at both ends),
  whether the new half is the old one with a sentence added (``P S P``: likelier than
  ``S`` dropped from ``P S``), sentence boundaries (a paragraph ends, the next starts
  with a capital), and how well each half's length fits the dump's paragraphs;
- the non-match rows between two matches form a **gap**: first ``c`` change rows, then
  one-sided rows all on one side (FORMATS.md section 1). Each gap carries a
  distribution over ``c`` and the side: a row whose halves are alike must be a change
  row; a one-sided row may also be a change row pairing unrelated paragraphs (a gap
  of one unlike row seldom is: paragraphs are added or dropped far more often than
  rewritten beyond recognition in place); the side leans on where the gap is (new
  paragraphs come at the top; the body's end is about even) and whether change rows
  come first, on a one-sided text that ends a half of an earlier row (a split or a
  merge), and on the same text shown alone in two gaps (a move: opposite sides,
  each place weighed by the other);
- a paragraph edited in place but shifted by one added or dropped above it in the
  same gap shows its old and new texts in different rows: a half of one row alike
  a half of, or the whole of, a later row says which rows are change rows, which
  side the one-sided ones are on, and where those rows split.

:meth:`RowReading.best` gives the most likely reading with an
:class:`~revviewer.core.model.Inference` for every guess whose probability is below
:data:`CERTAIN`; :meth:`RowReading.constrained` the most likely reading in which one or
both versions equal given texts (merging uses it to settle guesses across dumps), and
:meth:`RowReading.candidates` the likeliest distinct texts of one version.

The numbers in the model were chosen by measuring on generated dumps
(``benchmarks/parse_accuracy.py`` prints how often each kind of guess is right).
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from revviewer.core.merge import CERTAIN, Texts
from revviewer.core.model import Inference, InferenceKind

#: split weights for a replaced paragraph: at a sentence end, at a weak end, elsewhere
_BOUNDARY_STRONG = 1.0
_BOUNDARY_WEAK = 0.12
_BOUNDARY_NONE = 0.002
#: odds that a row with no edit evidence is a replaced paragraph rather than one-sided
_REPLACE_ODDS = 0.6
#: prior probability that a gap's one-sided rows are insertions, by where the gap
#: is and whether change rows come first: news grows at the top (new leads), a
#: little less so just below; further down, paragraphs are dropped about as often
#: as added (moves and merges leave deletions behind); a gap that ends the body
#: (only tags and share links after it) adds a closing paragraph a little more often
#: than it drops a stale one. After change rows the lean is weaker: splits, merges
#: and rewrites leave one-sided rows on either side. Measured on generated chains
#: (seed 777, 2,400 dumps), except the end after change rows: 14 of 26 generated
#: gaps (0.54 +- 0.10) were insertions, but the one real such gap (seed 003's last
#: two paragraphs) is a deletion, so it leans that way, within the spread.
_NEW_SIDE_PRIOR = {
    "top": (0.85, 0.73),
    "near_top": (0.64, 0.45),
    "middle": (0.45, 0.48),
    "end": (0.58, 0.45),
}
#: weight (log scale) of the similarity of a split's halves (0 to 1)
_SIMILAR = 14.0
#: weight (log scale) of each word pair only one half of an alike split has
_MISSED_PAIR = 2.5
#: beyond this many missed pairs a split is simply unlike (keeps the numbers finite)
_MAX_MISSED = 12
#: odds for a split whose new half is its old half with a sentence added, against
#: one whose old half has a sentence dropped: ``P S P`` reads as ``S`` put before
#: ``P`` or as ``S`` dropped from the end of ``P S``, and their halves are equally
#: alike. A prior from generated dumps only (neither seed has such a row): among
#: change rows with an alike split of each kind, the addition was right in 116 of
#: 194 (seed 777; 59 to 61 % on seeds 1, 2, 3 and 20260), odds of 1.5.
_ADDED = 1.5
#: weight of a split or merge that a one-sided row's text shows
_CONTAINED = 30.0
#: weight of opposite sides for a text shown alone in two gaps (a move)
_MOVED = 10.0
#: odds of a gap of one unlike row being a paragraph replaced by an unrelated one,
#: against the row's own evidence: a lone paragraph shown alone between two matches
#: is far more often added or removed than rewritten beyond recognition
_LONE_REPLACE = 0.15
#: how alike (Dice of word pairs, as in ``_similarity``) a half of a change row and a
#: paragraph of another row of its gap must be to be read as one paragraph's old and
#: new text. Generated text reuses a few phrases, so unrelated paragraphs there are
#: often 0.5 to 0.8 alike: below 0.8 most pairings found were wrong; from 0.8 on
#: (generated dumps, seed 777) the structure they imply held in 85 to 100 % of cases
_CROSS_ALIKE = 0.8
#: odds of such a pairing against coincidence, weighed over the splits that give it:
#: measured on generated dumps (seed 777: 10 did a little worse, 30 and 100 alike)
_CROSS_ODDS = 30.0
#: splits of a row tried when looking for a paragraph it shares with another row
_CROSS_SPLITS = 12
#: word pairs two rows must share before their halves are compared
_CROSS_MIN_PAIRS = 3
#: rows apart two rows of a pairing may be: the paragraphs added or dropped above
#: the edited one in the same gap (more than this many is a rewrite, not a shift)
_CROSS_REACH = 6
#: pairings weighed per gap, the first ones in row order: each reweighs the whole gap,
#: so a gap of many alike rows would cost its square (generated dumps need at most 7)
_CROSS_MAX_PAIRINGS = 64
#: texts shown alone twice weighed as moves, the first ones: each reweighs its gaps
_MAX_MOVES = 64
#: spread (log scale) of paragraph lengths around the dump's median
_LENGTH_SIGMA = 0.65
#: paragraph length assumed when the dump has too few paragraphs to measure
_DEFAULT_MEDIAN = 240.0
#: sentences in a typical paragraph (a one-sided row has that many places to split)
_SENTENCES = 2.0

_OPENERS = frozenset("“\"‘'([")
_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Jr",
        "Sr",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "Rep",
        "Sen",
        "Gov",
        "Prof",
        "Rev",
        "No",
        "Nos",
        "Vol",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
        "Inc",
        "Ltd",
        "Co",
        "Corp",
        "vs",
        "U.S",
        "U.K",
        "U.N",
        "E.U",
    ]
)


#: a space after the punctuation that may end a paragraph (then no-break spaces):
#: ``[.!?]`` and the closing quotes and brackets after it end a sentence (strong);
#: a colon, semicolon, dash, closing quote or bracket just before the space is a
#: weak end; ``.”`` is both. One pass finds both: each such space ends one match,
#: which starts at the sentence end when there is one.
_END = re.compile(r"([.!?:;—–”\"’')\]][”\"’')\]]*)\u00a0* ")


def _length_density(chars: int, median: float) -> float:
    """Log-normal density of a paragraph's length in characters."""
    if chars <= 0:
        return 0.0
    z = (math.log(chars) - math.log(median)) / _LENGTH_SIGMA
    return math.exp(-0.5 * z * z) / (chars * _LENGTH_SIGMA * 2.5066282746310002)


def _starts_paragraph(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def boundaries(text: str) -> dict[int, float]:
    """Split weights for a replaced paragraph at the spaces of ``text`` that look like
    the end of one paragraph and the start of another; every other space weighs
    ``_BOUNDARY_NONE``."""
    weak: list[int] = []
    strong: list[tuple[int, float]] = []
    for m in _END.finditer(text):
        at = m.end() - 1
        if at + 1 >= len(text) or not _starts_paragraph(text[at + 1]):
            continue
        ends = m[1]
        if ends[-1] not in ".!?":
            weak.append(at)
        if ends[0] in ".!?":
            start = m.start()
            word_start = text.rfind(" ", 0, start) + 1
            if ends == "." and at == start + 1 and _is_abbreviation(text[word_start:start]):
                strong.append((at, _BOUNDARY_WEAK))
            else:
                strong.append((at, _BOUNDARY_STRONG))
    # weak ends first, then strong ones (a strong end overrides a weak one in place)
    out = dict.fromkeys(weak, _BOUNDARY_WEAK)
    out.update(strong)
    return out


def _is_abbreviation(stem: str) -> bool:
    if stem in _ABBREVIATIONS:
        return True
    # initials such as "B." in "Ashton B. Carter"
    return len(stem) == 1 and stem.isupper()


@dataclass(slots=True)
class RowModel:
    """How one non-match row splits if it is a change row.

    ``n_spaces`` counts its spaces (the possible split points);
    ``listed`` maps the plausible ones to their probability given that the row is a
    change row; the remaining probability ``rest`` is spread evenly over the others.
    ``change_odds`` is how much likelier the text is as a change row than as a
    one-sided row.
    """

    text: str
    line: int
    n_spaces: int
    listed: dict[int, float]
    rest: float
    change_odds: float
    edit_like: bool

    def split_probability(self, at: int) -> float:
        p = self.listed.get(at)
        if p is not None:
            return p
        unlisted = self.n_spaces - len(self.listed)
        if unlisted <= 0 or self.text[at : at + 1] != " ":
            return 0.0
        return self.rest / unlisted

    def ranked(self, limit: int | None = None) -> list[tuple[float, int]]:
        """Listed splits, likeliest first (the first ``limit`` of them)."""
        pairs = zip(self.listed.values(), self.listed.keys(), strict=True)
        if limit is None:
            return sorted(pairs, reverse=True)
        # the same as sorting and cutting (heapq.nlargest is documented so), cheaper
        return heapq.nlargest(limit, pairs)

    def best_split(self) -> tuple[int, float]:
        if self.listed:
            p, at = max((p, at) for at, p in self.listed.items())
            return at, p
        if self.n_spaces:
            at = self.text.find(" ", len(self.text) // 2)
            at = at if at >= 0 else self.text.rindex(" ")
            return at, self.split_probability(at)
        return -1, 0.0


def model_row(text: str, line: int, median: float, *, title: bool = False) -> RowModel:
    """The split model of one row (also used for a differing title row).

    Candidate splits are the spaces that look like a paragraph end (sentence end,
    then a capital) and the spaces where the two halves start or end with the same
    word. Each is weighed by how alike its halves are (shared word pairs: an edited
    paragraph shares most of them with its old self), by the boundary, and by how
    well each half's length fits the dump's paragraphs.
    """
    n_spaces = text.count(" ")
    if n_spaces == 0:
        return RowModel(text, line, 0, {}, 0.0, 0.0, False)
    if n_spaces == 1:
        # one space: a change row can only split there
        return RowModel(text, line, 1, {text.index(" "): 1.0}, 0.0, _REPLACE_ODDS, False)

    # Short rows without sentence punctuation (tag lists, share links) split like
    # titles: before a capital.
    title = title or _is_footer(text)
    if title:
        bounds = {
            m.start(): 1.0
            for m in _SPACE.finditer(text)
            if m.end() < len(text) and _starts_paragraph(text[m.end()])
        }
    else:
        bounds = boundaries(text)
    cands = set(bounds)
    first = text[: text.index(" ")]
    last = text[text.rindex(" ") + 1 :]
    # halves starting with the same word: " first " (or " first" at the end)
    needle = " " + first
    at = text.find(needle, 1)
    while at >= 0:
        end = at + len(needle)
        if end == len(text) or text[end] == " ":
            cands.add(at)
        at = text.find(needle, at + 1)
    # halves ending with the same word: " last " (or "last " at the start)
    needle = last + " "
    at = text.find(needle)
    while at >= 0:
        if at == 0 or text[at - 1] == " ":
            cands.add(at + len(last))
        at = text.find(needle, at + 1)

    length = len(text)
    sims: dict[int, float] = {}
    misses: dict[int, int] = {}
    weights: dict[int, float] = {}
    # Balanced splits first: once a split with alike halves is known, a split whose
    # halves differ in length by far more pairs than it misses cannot compete, and
    # its word pairs need not be compared (the difference bounds what it misses).
    left_words: dict[int, int] = {}
    words, counted = 1, 0  # counted in one pass: a long row can have a split per word
    for at in sorted(cands):
        words += text.count(" ", counted, at)
        left_words[at], counted = words, at
    imbalance = {at: abs(2 * left_words[at] - n_spaces - 1) for at in cands}
    least_alike: int | None = None
    # tabulating the pairs pays off from about three splits on
    pairs = _Pairs(text) if len(cands) > 2 else None
    for at in sorted(cands, key=imbalance.__getitem__):
        if least_alike is not None and imbalance[at] >= least_alike + _MAX_MISSED:
            sims[at], misses[at] = 0.0, imbalance[at]
            continue
        if pairs is None:
            sims[at], misses[at] = _similarity(text, at)
        else:
            sims[at], misses[at] = pairs.similarity(at, left_words[at])
        if sims[at] >= 0.5 and (least_alike is None or misses[at] < least_alike):
            least_alike = misses[at]
    # Among splits whose halves are alike, each word pair one half lacks counts
    # against it: a split shifted by a word loses the pairs at both ends.
    alike = [m for at, m in misses.items() if sims[at] >= 0.5]
    least = min(alike, default=0)
    for at in cands:
        sim = sims[at]
        b = bounds.get(at, _BOUNDARY_NONE)
        if title:
            fit = math.exp(-2.0 * abs(2 * at + 1 - length) / length) if sim < 0.5 else 1.0
        else:
            fit = _length_density(at, median) * _length_density(length - at - 1, median)
            fit *= median * median  # keep weights near 1 for paragraph-sized halves
        w = b * fit * math.exp(_SIMILAR * sim)
        if sim >= 0.5 and _adds_whole(text, at):
            w *= _ADDED
        if alike:
            w *= math.exp(-_MISSED_PAIR * min(_MAX_MISSED, misses[at] - least))
        weights[at] = w
    base_fit = 1.0 if title else _length_density(length // 2, median) ** 2 * median * median
    others = (n_spaces - len(weights)) * _BOUNDARY_NONE * base_fit
    if alike:
        # splits that are not even candidates share fewer pairs still
        others *= math.exp(-_MISSED_PAIR * _MAX_MISSED)
    total = sum(weights.values()) + others
    best_sim = max(sims.values(), default=0.0)
    edit_like = best_sim >= 0.5
    listed = {at: w / total for at, w in weights.items() if w / total > 1e-9}
    # every split stays possible: merging may need the one that looked unlikely
    rest = max(1e-12, 1.0 - sum(listed.values()))
    if len(listed) == n_spaces:
        z = sum(listed.values())
        listed = {at: p / z for at, p in listed.items()}
        rest = 0.0
    if edit_like:
        change_odds = min(1e6, math.exp(_SIMILAR * (best_sim - 0.3)))
    elif title:
        change_odds = 1.0
    else:
        one = _length_density(length, median) * median
        plain = sum(w for at, w in weights.items() if sims[at] < 0.5) + others
        change_odds = _REPLACE_ODDS * plain / (one * _SENTENCES) if one > 0 else 1e6
    return RowModel(text, line, n_spaces, listed, rest, change_odds, edit_like)


_SPACE = re.compile(" ")


def _adds_whole(text: str, at: int) -> bool:
    """Whether the new half is the old half with text added before or after it."""
    old = text[:at]
    new = text[at + 1 :]
    return len(new) > len(old) and (new.startswith(old + " ") or new.endswith(" " + old))


_ENDS_SENTENCE = re.compile(r"[.!?:;][”\"’')\]]*\u00a0*(?: |$)")


def length_is_short(text: str) -> bool:
    return len(text) < 80


def _similarity(text: str, at: int) -> tuple[float, int]:
    """How alike the halves of ``text`` split at ``at`` are: the share of word pairs
    they have in common (Dice; of words when a half has fewer than two), and how many
    pairs only one half has. The ends of each half count as words, so halves that
    start and end alike score higher."""
    lw = ["\x00", *text[:at].split(" "), "\x01"]
    rw = ["\x00", *text[at + 1 :].split(" "), "\x01"]
    left = set(itertools.pairwise(lw))
    right = set(itertools.pairwise(rw))
    common = len(left & right)
    return 2 * common / (len(left) + len(right)), len(left) + len(right) - 2 * common


class _Pairs:
    """The word pairs of one row, tabulated once, so that :meth:`similarity` gives
    :func:`_similarity` of any split without splitting the text again.

    A split after the ``k``-th word leaves the row's inner pairs ``0 .. k-2`` to the
    left half and ``k .. n-2`` to the right one (pair ``k-1`` spans the split), plus
    each half's two end pairs. A distinct inner pair is in the left half when its
    first occurrence is and in the right half when its last occurrence is, so sorted
    lists of those positions count each half's pairs by bisection; every distinct
    pair is in one half or both, except the spanning pair when it occurs only there,
    which gives the pairs in common. The end pairs hold a sentinel that no inner pair
    holds (a row with a sentinel character is left to :func:`_similarity`), so they
    are in common exactly when both halves start (end) with the same word.
    """

    __slots__ = ("first", "firsts", "inner", "last", "lasts", "plain", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = "\x00" not in text and "\x01" not in text
        self.words = words = text.split(" ")
        self.inner = inner = list(itertools.pairwise(words))
        m = len(inner)
        self.last = last = dict(zip(inner, range(m), strict=True))
        self.first = last
        self.firsts: list[int] | None = None
        self.lasts: list[int] = []
        if len(last) < m:  # some pair occurs more than once
            self.first = first = dict(zip(reversed(inner), range(m - 1, -1, -1), strict=True))
            self.firsts = sorted(first.values())
            self.lasts = sorted(last.values())

    def similarity(self, at: int, k: int) -> tuple[float, int]:
        """:func:`_similarity` of the split at the space ``at``, after the ``k``-th word."""
        if not self.plain:
            return _similarity(self.text, at)
        words = self.words
        if self.firsts is None:
            left, right, common = k - 1, len(self.inner) - k, 0
        else:
            distinct = len(self.last)
            left = bisect_left(self.firsts, k - 1)
            right = distinct - bisect_left(self.lasts, k)
            spanning = self.inner[k - 1]
            only_there = self.first[spanning] == self.last[spanning]
            common = left + right - (distinct - only_there)
        left += 2
        right += 2
        common += (words[0] == words[k]) + (words[k - 1] == words[-1])
        return 2 * common / (left + right), left + right - 2 * common


# ---------------------------------------------------------------------------
# Gaps


@dataclass(slots=True)
class Gap:
    """The non-match rows between two match rows, and how likely each structure is:
    ``hyps`` lists ``(probability, c, side)``, likeliest first, where the first ``c``
    rows are change rows and the rest one-sided rows on ``side``."""

    rows: list[RowModel]
    hyps: list[tuple[float, int, str]]

    # (sums of lists: quicker than of generators, and added in the same order)
    def change_probability(self, i: int) -> float:
        return sum([p for p, c, _ in self.hyps if c > i])

    def side_probability(self, i: int, side: str) -> float:
        return sum([p for p, c, s in self.hyps if c <= i and s == side])


def model_gap(rows: list[RowModel], where: str = "middle") -> Gap:
    n = len(rows)
    # A row that cannot be a change row (no space) bounds c from above; an edit-like
    # row bounds it from below.
    scores: list[tuple[float, int, str]] = []
    prefix = [1.0]
    for r in rows:
        prefix.append(prefix[-1] * r.change_odds)
    lone = n == 1 and not rows[0].edit_like
    for c in range(n + 1):
        base = prefix[c]
        if lone and c == 1:
            base *= _LONE_REPLACE
        if base == 0.0:
            continue
        if c == n:
            scores.append((base, c, "none"))
        else:
            p_new = _NEW_SIDE_PRIOR[where][c > 0]
            scores.append((base * p_new, c, "new"))
            scores.append((base * (1 - p_new), c, "old"))
    total = sum(s for s, _, _ in scores) or 1.0
    hyps = sorted(((s / total, c, side) for s, c, side in scores), reverse=True)
    return Gap(rows, hyps)


def _best_choice(gap: Gap) -> _Choice:
    """The reading of a gap when nothing is fixed. The structure is read row by row:
    a row is a change row when that is likelier than not (the median of c), which
    gets more rows right than the single likeliest structure when evidence is spread;
    each change row takes its likeliest split."""
    n = len(gap.rows)
    c = 0
    for k in range(n, 0, -1):
        if sum([p for p, c_, _ in gap.hyps if c_ >= k]) >= 0.5:
            c = k
            break
    hp, side = max((h[0], h[2]) for h in gap.hyps if h[1] == c)
    p = hp
    splits: list[int] = []
    for r in gap.rows[:c]:
        at, sp = r.best_split()
        p *= sp
        splits.append(at)
    return _Choice(p, c, side, tuple(splits))


def _reweigh(gap: Gap, factor: Callable[[int, str], float]) -> None:
    scored = [(p * factor(c, side), c, side) for p, c, side in gap.hyps]
    total = sum(p for p, _, _ in scored) or 1.0
    gap.hyps = sorted(((p / total, c, side) for p, c, side in scored), reverse=True)


def _split_and_merge_evidence(gap: Gap) -> None:
    """A one-sided row whose text ends one half of an earlier row of its gap.

    A paragraph split in two shows as a change row ``P1 P2 P1`` (old ``P1 P2``, new
    ``P1``) and the one-sided row ``P2`` inserted; two paragraphs merged show as
    ``P1 P1 P2`` (old ``P1``, new ``P1 P2``) and ``P2`` deleted. Either way the
    one-sided text ends the half on the other side, and the order is kept.
    """
    rows = gap.rows
    # The earlier rows are searched at once, each ended by a line break: rows are
    # lines, so no match runs from one row into the next, and the first match is
    # in the first row that has one.
    joined = "".join(r.text + "\n" for r in rows)
    starts = list(itertools.accumulate((len(r.text) + 1 for r in rows), initial=0))
    for t in range(1, len(rows)):
        one = rows[t].text
        if " " not in one and len(one) < 20:
            continue  # a tag or a word: too common to mean anything
        # the first earlier row ending with " one" and the first holding " one "
        end = joined.find(" " + one + "\n", 0, starts[t])
        within = joined.find(" " + one + " ", 0, starts[t])
        if end < 0 and within < 0:
            continue
        u_end = bisect_right(starts, end) - 1 if end >= 0 else t
        u = bisect_right(starts, within) - 1 if within >= 0 else t
        if u_end <= u:
            u, side, at = u_end, "old", -1  # merged: the new half ends with it
        else:
            # split: the old half ends with it
            side, at = "new", within - starts[u] + 1 + len(one)

        def factor(c: int, s: str, u: int = u, t: int = t, side: str = side) -> float:
            return _CONTAINED if u < c <= t and s == side else 1.0

        _reweigh(gap, factor)
        row = rows[u]
        if at > 0 and at in row.listed:
            row.listed[at] *= _CONTAINED
            z = sum(row.listed.values()) + row.rest
            row.listed = {k: v / z for k, v in row.listed.items()}
            row.rest /= z


#: the word pairs of a text (as in :func:`_similarity`, its ends counting as words),
#: each held as its hash: sets of ints intersect several times faster than sets of
#: tuples, whose hashes are not cached; only sizes are read, never an order
_PairSet = frozenset[int]


def _pairs(words: Sequence[str], inner: Sequence[int]) -> _PairSet:
    """The word pairs of ``words``, given the hashes of its inner pairs."""
    return frozenset(inner).union((hash(("\x00", words[0])), hash((words[-1], "\x01"))))


def _cross_evidence(gap: Gap) -> None:
    """A paragraph edited in place but paired with another one in its gap.

    The change rows of a gap pair old and new paragraphs by position, so when a
    paragraph is edited and another is added or dropped above it in the same gap,
    its old and new texts land in different rows: the old half of a change row is
    alike a later one-sided row (an insertion above it) or the new half of a later
    change row; the new half of a change row is alike a later one-sided row (a
    deletion) or the old half of a later change row. Such a pair is weighed on the
    structures that allow it and the splits that cut it out. A row whose own halves
    are alike is an edit in place and is left alone, and so are equal texts: the
    longest common subsequence would have matched them, so they are a split, a
    merge or a move, weighed elsewhere.
    """
    rows = gap.rows
    n = len(rows)
    if n < 2:
        return
    words = [r.text.split(" ") for r in rows]
    inner = [list(map(hash, itertools.pairwise(w))) for w in words]
    whole = [_pairs(w, h) for w, h in zip(words, inner, strict=True)]
    # two sets this alike share at least this part of the larger one
    share = _CROSS_ALIKE / (2.0 - _CROSS_ALIKE)
    cuts: dict[int, list[tuple[int, int]]] = {}
    sets: dict[tuple[int, int, bool], _PairSet] = {}

    def cuts_of(r: int) -> list[tuple[int, int]]:
        """The likeliest listed splits of row ``r``: (split, words before it)."""
        found = cuts.get(r)
        if found is None:
            text = rows[r].text
            ranked = rows[r].ranked(_CROSS_SPLITS)
            found = cuts[r] = [(at, text.count(" ", 0, at) + 1) for _p, at in ranked]
        return found

    def half(r: int, k: int, left: bool) -> _PairSet:
        """The word pairs of the half of row ``r`` before (after) its ``k``-th word."""
        key = (r, k, left)
        found = sets.get(key)
        if found is None:
            w, h = words[r], inner[r]
            found = sets[key] = _pairs(w[:k], h[: k - 1]) if left else _pairs(w[k:], h[k:])
        return found

    small: dict[tuple[int, bool], int] = {}

    def smallest(r: int, left: bool) -> int:
        """The most pairs the smallest listed left (right) half of row ``r`` has."""
        found = small.get((r, left))
        if found is None:
            size = len(words[r])
            ks = [k for _at, k in cuts_of(r)]
            found = small[(r, left)] = ((min(ks) if left else size - max(ks)) + 1) if ks else size
        return found

    def alike(a: _PairSet, b: _PairSet) -> float:
        """Dice of ``a`` and ``b`` when they are alike but not equal, else 0."""
        s = 2 * len(a & b) / (len(a) + len(b))
        return s if _CROSS_ALIKE <= s < 1.0 else 0.0

    applied = 0
    for u in range(n - 1):
        if applied >= _CROSS_MAX_PAIRINGS:
            return
        if not rows[u].n_spaces or rows[u].edit_like:
            continue
        for t in range(u + 1, min(n, u + 1 + _CROSS_REACH)):
            common = len(whole[u] & whole[t])
            if common < _CROSS_MIN_PAIRS:
                continue
            # a half shares with t at most the pairs the whole rows share, and the
            # two pairs at its ends: sets larger than this cannot be alike
            largest = (common + 2) / share
            size_t = len(whole[t])
            if size_t <= largest:
                # t one-sided: the half of u cut at the likeliest alike split (a
                # half of k words has at most k + 1 pairs)
                ways: dict[str, tuple[float, int]] = {}
                n_u = len(words[u])
                for at, k in cuts_of(u):
                    for side, left in (("new", True), ("old", False)):
                        if (k if left else n_u - k) + 1 < share * size_t:
                            continue
                        a = half(u, k, left)
                        s = alike(a, whole[t]) if len(a) <= largest else 0.0
                        if s and (side not in ways or s > ways[side][0]):
                            ways[side] = (s, at)
                for side, (_s, at) in ways.items():
                    applied += 1
                    _apply_pairing(gap, _one_sided(u, t, side), [(u, at, side == "new")])
            if rows[t].n_spaces and not rows[t].edit_like:
                # both change rows: old of u with new of t (a paragraph added
                # above), or new of u with old of t (one dropped above)
                for u_old in (True, False):
                    if max(smallest(u, u_old), smallest(t, not u_old)) > largest:
                        continue
                    found: tuple[float, int, int] | None = None
                    n_u, n_t = len(words[u]), len(words[t])
                    for at_u, k_u in cuts_of(u):
                        if (k_u if u_old else n_u - k_u) + 1 > largest:
                            continue
                        a = half(u, k_u, u_old)
                        lo, hi = share * len(a), min(largest, len(a) / share)
                        for at_t, k_t in cuts_of(t):
                            if (n_t - k_t if u_old else k_t) + 1 < lo:
                                continue
                            b = half(t, k_t, not u_old)
                            if not lo <= len(b) <= hi:
                                continue
                            if (s := alike(a, b)) and (found is None or s > found[0]):
                                found = (s, at_u, at_t)
                    if found is not None:
                        applied += 1
                        _apply_pairing(
                            gap, _changed(t), [(u, found[1], u_old), (t, found[2], not u_old)]
                        )


def _one_sided(u: int, t: int, side: str) -> Callable[[int, str], bool]:
    """The structures with row ``u`` a change row and row ``t`` one-sided on ``side``."""
    return lambda c, s: u < c <= t and s == side


def _changed(t: int) -> Callable[[int, str], bool]:
    """The structures with row ``t`` (and every row above it) a change row."""
    return lambda c, s: c > t


def _apply_pairing(
    gap: Gap, test: Callable[[int, str], bool], cuts: list[tuple[int, int, bool]]
) -> None:
    """Weigh the structures passing ``test`` by ``_CROSS_ODDS`` for a pairing of the
    halves that ``cuts`` cut out: ``(row, at, True)`` the text before ``at``,
    ``(row, at, False)`` the text after it. The paragraph may hold more than the
    alike part (a sentence added to it or dropped from it as well), so every split
    whose half holds it may give the pairing; the rows' own evidence weighs them.
    The structures gain what the pairing is worth summed over the rows' splits, and
    those splits gain as far as the structures allowing the pairing carry the row's
    change."""
    picks = [
        (r, {k for k in gap.rows[r].listed if (k >= at if before else k <= at)})
        for r, at, before in cuts
    ]
    ps = [sum(gap.rows[r].listed[k] for k in ks) for r, ks in picks]
    together = math.prod(ps)
    gain = 1.0 + together * (_CROSS_ODDS - 1.0)
    _reweigh(gap, lambda c, s: gain if test(c, s) else 1.0)
    agree = sum(p for p, c, s in gap.hyps if test(c, s))
    for (r, ks), p in zip(picks, ps, strict=True):
        row = gap.rows[r]
        changed = gap.change_probability(r)
        q = min(1.0, agree / changed) if changed > 0 else 0.0
        if q <= 0.0 or p <= 0.0:
            continue
        # the splits' weight under the pairing: the other rows' splits may miss it
        factor = 1.0 + together / p * (_CROSS_ODDS - 1.0)
        z = 1.0 + p * (factor - 1.0)
        keep = 1 - q + q / z
        row.listed = {
            k: v * (keep + (q * (factor - 1.0) / z if k in ks else 0.0))
            for k, v in row.listed.items()
        }
        row.rest *= keep


def _move_evidence(gaps: list[Gap]) -> None:
    """The same text alone in two gaps: a moved paragraph, deleted from one place and
    inserted at the other, so the two rows are one-sided on opposite sides.

    Neither gap decides for the other: each is weighed by what the other says of its
    row before either is changed (one round of belief propagation, exact for a
    pair), so both end with the probability of the pair's joint reading. A move up
    and a move down are then as likely as their two places' priors make them.
    """
    seen: dict[str, tuple[Gap, int]] = {}
    pairs: list[tuple[Gap, int, Gap, int]] = []
    for gap in gaps:
        for t, row in enumerate(gap.rows):
            if " " not in row.text:
                continue
            other = seen.get(row.text)
            if other is None:
                seen[row.text] = (gap, t)
            else:
                pairs.append((other[0], other[1], gap, t))
    if not pairs:
        return
    del pairs[_MAX_MOVES:]  # a text repeated in a long gap would cost the gap's square
    # the messages use the beliefs before any pair changes them
    before = {
        (id(g), t): (g.side_probability(t, "new"), g.side_probability(t, "old"))
        for g0, t0, g1, t1 in pairs
        for g, t in ((g0, t0), (g1, t1))
    }
    for g0, t0, g1, t1 in pairs:
        for gap, t, (p_new, p_old) in (
            (g1, t1, before[(id(g0), t0)]),
            (g0, t0, before[(id(g1), t1)]),
        ):
            p_other = 1.0 - p_new - p_old
            to_side = {
                "old": p_new * _MOVED + p_old + p_other,
                "new": p_old * _MOVED + p_new + p_other,
            }

            def factor(c: int, s: str, t: int = t, to_side: dict[str, float] = to_side) -> float:
                return to_side[s] if c <= t and s in to_side else 1.0

            _reweigh(gap, factor)


# ---------------------------------------------------------------------------
# Readings


@dataclass(slots=True)
class Reading:
    """One way to read the dump: both versions, how likely, and what was guessed."""

    probability: float
    old: Texts
    new: Texts
    old_inferred: list[Inference] = field(default_factory=list)
    new_inferred: list[Inference] = field(default_factory=list)
    #: summed probability of every reading meeting the same constraints
    total: float = 1.0


@dataclass(slots=True)
class _Choice:
    """A gap read one way: its structure, the split of each change row, and the
    probability of that reading."""

    probability: float
    c: int
    side: str
    splits: tuple[int, ...]


class RowReading:
    """The model of one dump's rows (see the module docstring)."""

    def __init__(self, title_row: str, title_line: int, rows: Sequence[tuple[int, str]]) -> None:
        self.title_row = title_row
        self.title_line = title_line
        self.title_model = model_row(title_row, title_line, 0.0, title=True)
        # items: ("match", paragraph) or a Gap
        self.items: list[str | Gap] = []
        kinds: list[tuple[int, str, bool]] = []
        lengths: list[int] = []
        for line, text in rows:
            half = len(text) // 2
            match = bool(text) and len(text) % 2 == 0 and text[:half] == text[half:]
            kinds.append((line, text, match))
            if match and half >= 40:
                lengths.append(half)
        lengths.sort()
        median = float(lengths[len(lengths) // 2]) if len(lengths) >= 3 else _DEFAULT_MEDIAN
        # where the body ends: after the last row that is not a footer match row (a
        # tag or a share link), so a gap followed only by those ends the article
        body_end = len(kinds)
        while body_end and kinds[body_end - 1][2] and _is_footer(kinds[body_end - 1][1]):
            body_end -= 1
        pending: list[RowModel] = []
        start = 0  # index of the gap's first row
        for index, (line, text, match) in enumerate(kinds):
            if match:
                if pending:
                    self.items.append(model_gap(pending, _where(start, index >= body_end)))
                    pending = []
                self.items.append(text[: len(text) // 2])
            else:
                if not pending:
                    start = index
                pending.append(model_row(text, line, median))
        if pending:
            self.items.append(model_gap(pending, _where(start, True)))
        # items and gaps are fixed from here on
        self.gaps = [it for it in self.items if isinstance(it, Gap)]
        self._row_probability: dict[tuple[int, int, str], float] = {}
        for gap in self.gaps:
            _cross_evidence(gap)
            _split_and_merge_evidence(gap)
        _move_evidence(self.gaps)

    # -- the likeliest reading -------------------------------------------------

    def best(self) -> Reading:
        title = self._title_choice(None, None)
        assert title is not None  # an unconstrained title split always exists
        t_at, t_p = title
        p = t_p
        steps: list[object] = []
        for item in self.items:
            if isinstance(item, str):
                steps.append(item)
            else:
                choice = _best_choice(item)
                p *= choice.probability
                steps.append(choice)
        return self._assemble(p, t_at, t_p, steps)

    def constrained(self, old: Texts | None, new: Texts | None) -> Reading | None:
        """The likeliest reading whose old (new) version is ``old`` (``new``) where
        given, or None when no reading gives them."""
        title = self._title_choice(old[0] if old else None, new[0] if new else None)
        if title is None:
            return None
        t_at, t_p = title
        old_p = old[1] if old else None
        new_p = new[1] if new else None
        # Forward DP over items; state (i, j) = paragraphs of old/new used so far
        # (an unconstrained side keeps its index at 0: it constrains nothing).
        t_sum = t_p if (old is not None or new is not None) else 1.0
        states: dict[tuple[int, int], _State] = {(0, 0): _State(t_p, t_sum, None)}
        for item in self.items:
            nxt: dict[tuple[int, int], _State] = {}
            for (i, j), st in states.items():
                if isinstance(item, str):
                    if old_p is not None and (i >= len(old_p) or old_p[i] != item):
                        continue
                    if new_p is not None and (j >= len(new_p) or new_p[j] != item):
                        continue
                    key = (i + (old_p is not None), j + (new_p is not None))
                    _keep(nxt, key, st.best, st.total, st.path, item)
                    continue
                for choice, total, di, dj in self._gap_choices(item, old_p, i, new_p, j):
                    key = (i + di, j + dj)
                    _keep(nxt, key, st.best * choice.probability, st.total * total, st.path, choice)
            states = nxt
            if not states:
                return None
        end_i = len(old_p) if old_p is not None else 0
        end_j = len(new_p) if new_p is not None else 0
        final = states.get((end_i, end_j))
        if final is None:
            return None
        steps: list[object] = []
        node = final.path
        while node is not None:
            node, step = node
            steps.append(step)
        steps.reverse()
        reading = self._assemble(final.best, t_at, t_p, steps)
        reading.total = final.total
        return reading

    def _gap_choices(
        self,
        gap: Gap,
        old_p: tuple[str, ...] | None,
        i: int,
        new_p: tuple[str, ...] | None,
        j: int,
    ) -> Iterator[tuple[_Choice, float, int, int]]:
        n = len(gap.rows)
        if old_p is None and new_p is None:
            yield _best_choice(gap), 1.0, 0, 0
            return
        best_by_shape: dict[tuple[int, int], _Choice] = {}
        sum_by_shape: dict[tuple[int, int], float] = {}
        for hp, c, side in gap.hyps:
            d = n - c
            n_old = c + (d if side == "old" else 0)
            n_new = c + (d if side == "new" else 0)
            di = n_old if old_p is not None else 0
            dj = n_new if new_p is not None else 0
            shape = (di, dj)
            known = best_by_shape.get(shape)
            if old_p is not None and i + n_old > len(old_p):
                continue
            if new_p is not None and j + n_new > len(new_p):
                continue
            p = hp
            forced = hp
            splits: list[int] = []
            for t in range(c):
                row = gap.rows[t]
                at = -1
                if old_p is not None:
                    o = old_p[i + t]
                    if not row.text.startswith(o + " "):
                        p = 0.0
                        break
                    at = len(o)
                if new_p is not None:
                    w = new_p[j + t]
                    at_new = len(row.text) - len(w) - 1
                    if at_new < 0 or not row.text.endswith(" " + w) or at not in (-1, at_new):
                        p = 0.0
                        break
                    at = at_new
                if at == -1:
                    at, sp = row.best_split()
                else:
                    sp = row.split_probability(at)
                    forced *= sp
                if at < 0 or sp <= 0.0:
                    p = 0.0
                    break
                p *= sp
                splits.append(at)
            if p == 0.0:
                continue
            for t in range(c, n):
                text = gap.rows[t].text
                if side == "old" and old_p is not None and old_p[i + t] != text:
                    p = 0.0
                    break
                if side == "new" and new_p is not None and new_p[j + t] != text:
                    p = 0.0
                    break
            if p == 0.0:
                continue
            sum_by_shape[shape] = sum_by_shape.get(shape, 0.0) + forced
            if known is None or p > known.probability:
                best_by_shape[shape] = _Choice(p, c, side, tuple(splits))
        for (di, dj), choice in best_by_shape.items():
            yield choice, sum_by_shape[(di, dj)], di, dj

    def _title_choice(self, old: str | None, new: str | None) -> tuple[int, float] | None:
        m = self.title_model
        text = self.title_row
        if not m.n_spaces:
            # No space to split at: both titles empty (an empty row), or one of them
            # empty and the other this word; read as the row for both.
            if old not in (None, text) or new not in (None, text):
                return None
            return -1, (1.0 if not text else 0.5)
        at = -1
        if old is not None:
            if not text.startswith(old + " "):
                return None
            at = len(old)
        if new is not None:
            at_new = len(text) - len(new) - 1
            if at_new < 0 or not text.endswith(" " + new) or at not in (-1, at_new):
                return None
            at = at_new
        if at == -1:
            return m.best_split()
        p = m.split_probability(at)
        return (at, p) if p > 0 else None

    def _assemble(self, p: float, t_at: int, t_p: float, path: list[object]) -> Reading:
        old: list[str] = []
        new: list[str] = []
        old_inf: list[Inference] = []
        new_inf: list[Inference] = []
        title_old, title_new = self.title_row[:t_at], self.title_row[t_at + 1 :]
        if t_at < 0:
            title_old = title_new = self.title_row
        if t_p < CERTAIN:
            note = f"line {self.title_line}: where the title row splits into old and new"
            old_inf.append(Inference(InferenceKind.TITLE, None, t_p, note))
            new_inf.append(Inference(InferenceKind.TITLE, None, t_p, note))
        gi = 0
        for step in path:
            if isinstance(step, str):
                old.append(step)
                new.append(step)
                continue
            assert isinstance(step, _Choice)
            gap = self.gaps[gi]
            gi += 1
            for t, at in enumerate(step.splits):
                row = gap.rows[t]
                conf = self._probability(gi - 1, t, "change") * row.split_probability(at)
                if conf < CERTAIN:
                    note = f"line {row.line}: where the change row splits into old and new"
                    old_inf.append(Inference(InferenceKind.SPLIT, len(old), conf, note))
                    new_inf.append(Inference(InferenceKind.SPLIT, len(new), conf, note))
                old.append(row.text[:at])
                new.append(row.text[at + 1 :])
            for t in range(step.c, len(gap.rows)):
                row = gap.rows[t]
                conf = self._probability(gi - 1, t, step.side)
                note = f"line {row.line}: a paragraph shown alone, read as {_SIDE_WORD[step.side]}"
                if step.side == "old":
                    if conf < CERTAIN:
                        old_inf.append(Inference(InferenceKind.SIDE, len(old), conf, note))
                        new_inf.append(Inference(InferenceKind.SIDE, None, conf, note))
                    old.append(row.text)
                else:
                    if conf < CERTAIN:
                        new_inf.append(Inference(InferenceKind.SIDE, len(new), conf, note))
                        old_inf.append(Inference(InferenceKind.SIDE, None, conf, note))
                    new.append(row.text)
        return Reading(p, (title_old, tuple(old)), (title_new, tuple(new)), old_inf, new_inf)

    def _probability(self, g: int, t: int, what: str) -> float:
        """Row ``t`` of gap ``g`` is a change row (``what="change"``) or one-sided on
        side ``what``, remembered: each sums over the gap's structures, and merging
        assembles many readings of the same gaps (a 2,500-row gap took 16 s to merge)."""
        key = (g, t, what)
        found = self._row_probability.get(key)
        if found is None:
            gap = self.gaps[g]
            found = gap.change_probability(t) if what == "change" else gap.side_probability(t, what)
            self._row_probability[key] = found
        return found

    # -- alternatives ------------------------------------------------------------

    def candidates(self, side: str, limit: int) -> list[tuple[Texts, float]]:
        """The likeliest distinct texts of the old (``side="old"``) or new version,
        with their probability under this dump alone."""
        per_part: list[list[tuple[float, object]]] = []
        t_ranked = self.title_model.ranked() or [(1.0, -1)]
        per_part.append([(p, at) for p, at in t_ranked[:4]])
        for gap in self.gaps:
            per_part.append(_gap_alternatives(gap, 8))
        out: dict[Texts, float] = {}
        for p, picks in _k_best(per_part, limit * 3):
            texts = self._texts(side, picks, self.gaps)
            out[texts] = out.get(texts, 0.0) + p
            if len(out) >= limit:
                break
        return sorted(out.items(), key=lambda kv: -kv[1])

    def _texts(self, side: str, picks: Sequence[object], gaps: list[Gap]) -> Texts:
        t_at = picks[0]
        assert isinstance(t_at, int)
        if t_at < 0:
            title = self.title_row
        else:
            title = self.title_row[:t_at] if side == "old" else self.title_row[t_at + 1 :]
        paras: list[str] = []
        gi = 0
        for item in self.items:
            if isinstance(item, str):
                paras.append(item)
                continue
            choice = picks[1 + gi]
            assert isinstance(choice, _Choice)
            gi += 1
            for t, at in enumerate(choice.splits):
                text = item.rows[t].text
                paras.append(text[:at] if side == "old" else text[at + 1 :])
            if choice.side == side:
                paras.extend(r.text for r in item.rows[choice.c :])
        return title, tuple(paras)


_SIDE_WORD = {"old": "deleted", "new": "inserted", "none": "changed"}


#: the steps of a reading, newest first, as nested pairs (shared, not copied)
_Path = tuple["_Path", object] | None


@dataclass(slots=True)
class _State:
    best: float
    total: float
    path: _Path


def _where(first_row: int, at_end: bool) -> str:
    """Where a gap sits, for the prior on its side: among the first rows, just below
    them, further down, or ending the article's body."""
    if first_row < 3:
        return "top"
    if at_end:
        return "end"
    return "near_top" if first_row < 5 else "middle"


def _is_footer(paragraph: str) -> bool:
    """A tag or a share link: short, no sentence punctuation."""
    return length_is_short(paragraph) and not _ENDS_SENTENCE.search(paragraph)


def _keep(
    states: dict[tuple[int, int], _State],
    key: tuple[int, int],
    best: float,
    total: float,
    path: _Path,
    step: object,
) -> None:
    known = states.get(key)
    if known is None:
        states[key] = _State(best, total, (path, step))
        return
    known.total += total
    if best > known.best:
        known.best = best
        known.path = (path, step)


def _gap_alternatives(gap: Gap, limit: int) -> list[tuple[float, object]]:
    """The likeliest readings of one gap."""
    out: list[tuple[float, object]] = []
    for hp, c, side in gap.hyps[:limit]:
        lists = [[(p, at) for p, at in gap.rows[t].ranked(4)] for t in range(c)]
        if any(not lst for lst in lists):
            continue
        for p, picks in _k_best(lists, limit):
            splits = tuple(int(at) for at in picks)  # type: ignore[call-overload]
            out.append((hp * p, _Choice(hp * p, c, side, splits)))
    out.sort(key=lambda x: -x[0])
    return out[:limit]


def _k_best(
    lists: Sequence[Sequence[tuple[float, object]]], limit: int
) -> Iterator[tuple[float, list[object]]]:
    """The ``limit`` likeliest picks of one element per list (each list sorted
    likeliest first), best first."""
    if not lists:
        yield 1.0, []
        return
    if any(not lst for lst in lists):
        return

    def prob(idx: tuple[int, ...]) -> float:
        p = 1.0
        for lst, i in zip(lists, idx, strict=True):
            p *= lst[i][0]
        return p

    start = (0,) * len(lists)
    heap = [(-prob(start), start)]
    seen = {start}
    produced = 0
    while heap and produced < limit:
        neg, idx = heapq.heappop(heap)
        yield -neg, [lst[i][1] for lst, i in zip(lists, idx, strict=True)]
        produced += 1
        for pos in range(len(lists)):
            if idx[pos] + 1 < len(lists[pos]):
                nidx = (*idx[:pos], idx[pos] + 1, *idx[pos + 1 :])
                if nidx not in seen:
                    seen.add(nidx)
                    heapq.heappush(heap, (-prob(nidx), nidx))
