"""Paragraph alignment: which paragraph of the old version became which of the new.

Contract: :func:`align` takes the two versions' paragraph keys (see
:mod:`revviewer.core.normalize`; equal keys mean equal paragraphs) and returns
:class:`Plan` rows in reading order, with the row kinds of
:mod:`revviewer.core.comparison`. Every old index appears in exactly one row's ``old``
and every new index in exactly one row's ``new``; both sequences increase down the
rows. Text diffs are not computed here: the caller word-diffs the rows that need it.

How (after MediaWiki's wikidiff2, written afresh):

1. Paragraphs with equal keys are matched by a minimal diff over whole paragraphs
   (each paragraph one symbol); they give ``equal`` rows and cut the rest into gaps.
2. Within each gap, old and new paragraphs are paired by similarity, not position.
   The measure is cheap and needs no diff: the weighted Dice coefficient of the sets
   of neighbouring-word pairs of two paragraphs (see :class:`_Similarity`). The
   best-scoring candidates are taken greedily so long as they keep reading order. A
   pair scoring at least :data:`CHANGE_THRESHOLD` becomes ``changed`` (the only old
   and the only new paragraph between two equal ones need only
   :data:`LONE_PAIR_THRESHOLD`); one old paragraph whose word pairs are spread over a
   run of consecutive new ones (each mostly made of the old one's, together scoring
   at least :data:`SPLIT_THRESHOLD`) becomes ``split``, and the reverse ``merged``.
   Unrelated paragraphs are never word-diffed: they become ``deleted`` and
   ``inserted``.
3. Left-over deleted and inserted paragraphs anywhere in the text that score at least
   :data:`MOVE_THRESHOLD` (a stricter bar) become the two ends of a ``moved``
   paragraph, best pairs first, one source and one destination per move.
   Paragraphs without words (``* * *``) move only unchanged.

Cost: candidate pairs come from an inverted index probed with each paragraph's rarest
word pairs (prefix filtering: any pair above the thresholds shares one of them), so a
rewritten article costs about as much as reading it, never a word diff of every pair.
Only paragraphs whose shared word pairs weigh enough to reach a threshold probe, and
partners that cannot reach one are dropped before scoring; these shortcuts keep every
pair that can, with the same score. :data:`MAX_PROBE_WORK` bounds the index work of
one alignment, counted as if every paragraph probed; past it, remaining paragraphs
are left unpaired (deleted + inserted), so nothing can stall. The bound counts work,
not time: results never depend on the machine. Ties are broken by position, and
weights are integers, so results do not depend on set order either.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from revviewer.core.comparison import RowKind
from revviewer.core.dmp_adapter import Engine, diff_sequences
from revviewer.core.tokens import words

#: A pair within a gap at least this alike (weighted Dice, 0..1) is shown as changed.
CHANGE_THRESHOLD = 0.35
#: The same for the only old and the only new paragraph between two equal ones.
LONE_PAIR_THRESHOLD = 0.2
#: A split or merge must be at least this alike as a whole.
SPLIT_THRESHOLD = 0.5
#: Each part of a split (merge) must have at least this share of its weight in the whole.
PART_THRESHOLD = 0.6
#: A deleted and an inserted paragraph at least this alike are one moved paragraph.
MOVE_THRESHOLD = 0.5
#: Posting-list entries visited per alignment before candidate search stops.
MAX_PROBE_WORK = 2_000_000


#: Below this many (old x new) pairs, every pair is scored: cheaper than an index.
_BRUTE_FORCE_PAIRS = 64

#: Every pair, split or merge shares at least this share of the weight of the lighter
#: paragraph (implied by the thresholds above); candidate search relies on it.
_MIN_CONTAINMENT = min(CHANGE_THRESHOLD, PART_THRESHOLD, MOVE_THRESHOLD)


class Plan(NamedTuple):
    """One row of the alignment. A named tuple, not a frozen dataclass: a rewritten
    article makes one per paragraph, and these cost less than half as much to make."""

    kind: RowKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    move: int | None = None
    #: for a move's two ends: (old index, new index) of the moved paragraph
    moved: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Item:
    """A candidate row pairing old ``i0..i1`` with new ``j0..j1`` (inclusive)."""

    score: float
    i0: int
    i1: int
    j0: int
    j1: int


def align(old_keys: list[str], new_keys: list[str], engine: Engine | None = None) -> list[Plan]:
    # 1. Equal paragraphs, and the gaps between them. A paragraph found on one side
    # only can match nothing, so only the others are diffed: the same matches, and a
    # rewritten article costs nothing here.
    common = set(old_keys).intersection(new_keys)
    old_common = [i for i, k in enumerate(old_keys) if k in common]
    new_common = [j for j, k in enumerate(new_keys) if k in common]
    runs = diff_sequences(
        [old_keys[i] for i in old_common], [new_keys[j] for j in new_common], engine
    )
    matched: list[tuple[int, int]] = []
    a = b = 0
    for op, n in runs:
        if op == "=":
            matched.extend(zip(old_common[a : a + n], new_common[b : b + n], strict=True))
        a += n if op != "+" else 0
        b += n if op != "-" else 0
    # Gap k lies between the k-th and (k+1)-th equal pair.
    gap_of_old = _gaps(len(old_keys), [i for i, _ in matched])
    gap_of_new = _gaps(len(new_keys), [j for _, j in matched])

    items: list[_Item] = []
    moved: dict[int, int] = {}  # old index -> new index
    if gap_of_old and gap_of_new:
        words_old = {i: _features(old_keys[i]) for i in gap_of_old}
        words_new = {j: _features(new_keys[j]) for j in gap_of_new}
        sim = _Similarity(words_old, words_new)
        pairs = sim.candidates()

        # 2. Pairs, splits and merges within gaps, best first, keeping reading order.
        items = _accept_in_order(_gap_items(pairs, sim, gap_of_old, gap_of_new))
        used_old = {i for it in items for i in range(it.i0, it.i1 + 1)}
        used_new = {j for it in items for j in range(it.j0, it.j1 + 1)}

        # 3. Moves among what is left, anywhere in the text.
        move_pairs = [
            (s, i, j)
            for (i, j), (s, _, _) in pairs.items()
            if s >= MOVE_THRESHOLD and i not in used_old and j not in used_new
        ]
        # Paragraphs without words (a lone "*", an empty line) can still move unchanged.
        by_key: dict[str, list[int]] = defaultdict(list)
        for i in itertools.filterfalse(words_old.__getitem__, sorted(gap_of_old)):
            by_key[old_keys[i]].append(i)
        for j in itertools.filterfalse(words_new.__getitem__, sorted(gap_of_new)):
            move_pairs.extend((1.0, i, j) for i in by_key.get(new_keys[j], ()))
        move_pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        taken_new: set[int] = set()
        for _, i, j in move_pairs:
            if i not in moved and j not in taken_new and i not in used_old and j not in used_new:
                moved[i] = j
                taken_new.add(j)

    return _rows(len(old_keys), len(new_keys), matched, items, moved)


#: The start and the end of a paragraph, as words.
_START, _END = ("\x02",), ("\x03",)


def _features(text: str) -> frozenset[str]:
    """What the similarity measure compares: pairs of neighbouring words (CJK: of
    neighbouring characters), with the start and end of the paragraph as words. Pairs,
    not single words: two unrelated paragraphs share many words ("the", the names in
    the story) but few pairs, while an edit only removes the pairs it touches."""
    ws = words(text)
    if not ws:
        return frozenset()
    # Equal lengths by construction; strict checking costs 10 % of a rewritten article.
    return frozenset(map(" ".join, zip(_START + ws, ws + _END, strict=False)))


def _gaps(n: int, matched: list[int]) -> dict[int, int]:
    """Each unmatched index of ``range(n)`` mapped to its gap: the number of matched
    indices (sorted in ``matched``) before it."""
    gaps: dict[int, int] = {}
    k = 0
    for x in range(n):
        if k < len(matched) and matched[k] == x:
            k += 1
        else:
            gaps[x] = k
    return gaps


class _Similarity:
    """Weighted similarity between the paragraphs left in gaps, on their sets of
    features (word pairs, see :func:`_features`; "words" below).

    A word found on both sides weighs more the fewer of these paragraphs use it
    (inverse document frequency, in integer units so that sums do not depend on set
    order): words many paragraphs share ("of the", "he said") say little about which
    paragraph became which. A word found in two paragraphs weighs as much as one found
    in one, since that is exactly what links a pair; and a word found on one side only
    weighs the most, since it is an edit however often it occurs. (So only the shared
    words need counting, which keeps a rewritten article cheap.) For sets A and B with
    weight W: Dice = 2 W(A & B) / (W(A) + W(B)); the share of A in B is W(A & B) / W(A).
    """

    def __init__(
        self, words_old: dict[int, frozenset[str]], words_new: dict[int, frozenset[str]]
    ) -> None:
        self.old, self.new = words_old, words_new
        seen_old = frozenset().union(*words_old.values())
        # The shared words of each paragraph: the only ones that can pair it.
        self.live_new = {j: ws & seen_old for j, ws in words_new.items()}
        self.shared = frozenset().union(*self.live_new.values())
        self.live_old = {i: ws & self.shared for i, ws in words_old.items()}
        df = Counter(itertools.chain(*self.live_old.values(), *self.live_new.values()))
        n = len(words_old) + len(words_new)
        by_count = {c: round(1000 * math.log(1 + n / max(1, c - 1))) for c in set(df.values())}
        self.heaviest = round(1000 * math.log(1 + n))
        self.weight = dict(zip(df.keys(), map(by_count.__getitem__, df.values()), strict=True))
        # Shared words in just two paragraphs weigh the most, as one-sided ones do.
        self.rare = frozenset(itertools.compress(df.keys(), map((3).__gt__, df.values())))
        # The weight of each paragraph's shared words, and of all its words, in plain
        # dicts: a dict subclass filling them when first asked would make every lookup
        # a call of ``__getitem__`` (dict's own is not a slot). Filled by
        # :meth:`candidates` for the paragraphs it needs: most of a rewritten article's
        # are never weighed.
        self.live_weight_old: dict[int, int] = {}
        self.live_weight_new: dict[int, int] = {}
        self.total_old: dict[int, int] = {}
        self.total_new: dict[int, int] = {}

    def _weigh(
        self,
        paras: dict[int, frozenset[str]],
        live: dict[int, frozenset[str]],
        live_weight: dict[int, int],
        totals: dict[int, int],
        keys: Iterable[int],
    ) -> None:
        """Fill ``live_weight`` and ``totals`` for paragraphs ``keys`` of one side."""
        keys = list(keys)
        if not keys:
            return
        weigh = self.weight.__getitem__
        sums = map(sum, map(map, itertools.repeat(weigh), map(live.__getitem__, keys)))
        live_weight.update(zip(keys, sums, strict=True))
        heaviest = self.heaviest
        totals.update({k: heaviest * (len(paras[k]) - len(live[k])) + live_weight[k] for k in keys})

    def _weigh_all(self) -> None:
        for paras, live, live_weight, totals in (
            (self.old, self.live_old, self.live_weight_old, self.total_old),
            (self.new, self.live_new, self.live_weight_new, self.total_new),
        ):
            self._weigh(paras, live, live_weight, totals, [k for k in paras if k not in totals])

    def total(self, ws: frozenset[str]) -> int:
        live = ws & self.shared
        return self.heaviest * (len(ws) - len(live)) + sum(map(self.weight.__getitem__, live))

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        both = self.total(a) + self.total(b)
        return 2 * self.total(a & b) / both if both else 0.0

    def _prefix(self, ws: frozenset[str], live: frozenset[str], total: int) -> frozenset[str]:
        """The heaviest words of ``ws`` that together leave less than
        ``_MIN_CONTAINMENT`` of its weight outside, keeping only the ``live`` (shared)
        ones. Words weighing the same as the last one taken are all taken, so the
        prefix does not depend on set order."""
        rare, others = self._prefix_parts(ws, live, total)
        return rare.union(others) if others else rare

    def _prefix_parts(
        self, ws: frozenset[str], live: frozenset[str], total: int
    ) -> tuple[frozenset[str], list[str]]:
        """The prefix of :meth:`_prefix` as its rare words (all the shared rare words
        of ``ws``) and its other words."""
        if not live:
            return live, []
        rare = live & self.rare
        heaviest = self.heaviest
        if total - heaviest * (len(ws) - len(live) + len(rare)) < _MIN_CONTAINMENT * total:
            # Usually the heaviest words alone outweigh the rest: they are the prefix.
            return rare, []
        # Else all the heaviest words are in, and the other shared ones follow,
        # heaviest first: word n is in while the words from n on still weigh at least
        # t of the whole, i.e. while cum[n] <= total * (1 - t).
        weight = self.weight
        rest = sorted(live - rare, key=weight.__getitem__, reverse=True)
        weights = list(map(weight.__getitem__, rest))
        heavy = heaviest * (len(ws) - len(live) + len(rare))
        cum = list(itertools.accumulate(weights, initial=heavy))
        n = bisect.bisect_right(cum, total - _MIN_CONTAINMENT * total)
        last = weights[n - 1]
        while n < len(rest) and weights[n] == last:
            n += 1
        return rare, rest[:n]

    def candidates(self) -> dict[tuple[int, int], tuple[float, float, float]]:
        """Pairs (old, new) that may count, with (Dice, share of old in new, share of
        new in old): every pair whose shared words weigh what :func:`_relevant` asks,
        and perhaps some others (which nothing uses). Those all share at least
        ``_MIN_CONTAINMENT`` of the lighter paragraph's weight.

        Prefix filtering: list a paragraph's words heaviest first and cut the list
        where the words after the cut weigh less than ``t`` of the whole; any paragraph
        sharing words of at least that weight shares one before the cut. So probing an
        index of the other side with only those few rare words finds every such pair.
        """
        if len(self.old) * len(self.new) <= _BRUTE_FORCE_PAIRS:
            self._weigh_all()
            return self._scores(itertools.product(self.old, self.new))
        found = self._rich_candidates()
        if found is None:
            self._weigh_all()
            found = self._all_candidates()
        return self._scores(found)

    def _rich_candidates(self) -> set[tuple[int, int]] | None:
        """The candidates every pair worth scoring is among, found by probing with the
        prefixes of "rich" paragraphs only: those whose shared words weigh at least
        ``_MIN_CONTAINMENT`` of them, since only they can hold that share of another
        paragraph's words. A partner lighter than the prober is left to its own probe
        (it is rich if the pair counts), and one whose shared words cannot weigh what a
        pair that counts shares (see :func:`_relevant`) is dropped unscored, so most
        unrelated pairs are never scored. None when the full probe of
        :meth:`_all_candidates` would pass ``MAX_PROBE_WORK`` (counted here: the prefix
        of a paragraph that is not rich is its shared rare words, each in one paragraph
        of the other side), which then runs: bound and result stay as defined there."""
        found: set[tuple[int, int]] = set()
        work = 0
        new = (self.new, self.live_new, self.live_weight_new, self.total_new)
        old = (self.old, self.live_old, self.live_weight_old, self.total_old)
        # Shared words weigh at most the heaviest, so a rich paragraph has at least that
        # share of its words shared. That needs no weights, and most paragraphs of a
        # rewritten article fail it; the others are weighed at once.
        share = _MIN_CONTAINMENT * _SLACK
        may_probe_new = [
            k for k, ws in self.new.items() if len(self.live_new[k]) >= share * len(ws)
        ]
        may_probe_old = [
            k for k, ws in self.old.items() if len(self.live_old[k]) >= share * len(ws)
        ]
        self._weigh(*new, may_probe_new)
        self._weigh(*old, may_probe_old)
        for (paras, live, live_weight, totals), other_side, may_probe, flip in (
            (new, old, may_probe_new, False),
            (old, new, may_probe_old, True),
        ):
            other_paras, other, other_weight, other_total = other_side
            # Each paragraph's shared rare words count once: a rare word is in one
            # paragraph of each side, so that is the number of rare words.
            work += len(self.rare)
            prefixes = {
                k: self._prefix_parts(paras[k], live[k], totals[k])
                for k in may_probe
                if live_weight[k] >= _MIN_CONTAINMENT * totals[k]
            }
            if not prefixes:
                continue
            # An index of the other side for the probed words: a rare word is in one
            # paragraph there (most probed words are rare), any other in a list of them.
            probed_rare = frozenset().union(*(rare for rare, _ in prefixes.values()))
            probed = probed_rare.union(*(others for _, others in prefixes.values()))
            probed_others = probed - probed_rare
            owner: dict[str, int] = {}
            postings: dict[str, list[int]] = defaultdict(list)
            for x, ws in other.items():
                found_x = ws & probed
                owner.update(dict.fromkeys(found_x, x))  # right for the rare words
                for word in found_x & probed_others:
                    postings[word].append(x)
            # The paragraphs found there are the partners of the probes below: weigh at
            # once those not weighed yet.
            found_there = set(owner.values()).union(*postings.values())
            self._weigh(
                other_paras, other, other_weight, other_total, found_there.difference(other_total)
            )
            for k, (rare, others) in prefixes.items():
                owners = list(map(owner.__getitem__, rare))
                hits = list(map(postings.__getitem__, others))
                work += sum(map(len, hits))
                if work > MAX_PROBE_WORK:
                    return None  # the result would be dropped: stop before the work grows
                # What x shares with k weighs at most what x shares at all, and at
                # most the rare words of k found in x plus all other shared words of k.
                # It must reach the bar of a pair that counts (see _relevant): k
                # finds only partners at least as heavy, a lighter one finds k.
                total = totals[k]
                common = live_weight[k] - self.heaviest * len(rare)
                partners: list[int] = []
                for x in frozenset(owners).union(*hits):
                    other_x = other_total[x]
                    if other_x < total:
                        continue
                    need = _relevant(total, other_x)
                    if other_weight[x] >= need and self.heaviest * owners.count(x) + common >= need:
                        partners.append(x)
                if flip:
                    found.update(zip(itertools.repeat(k), partners))
                else:
                    found.update(zip(partners, itertools.repeat(k)))
        return found if work <= MAX_PROBE_WORK else None

    def _all_candidates(self) -> set[tuple[int, int]]:
        """Every paragraph probes, in order, until ``MAX_PROBE_WORK`` posting entries
        have been visited."""
        prefix_old = {
            i: self._prefix(ws, self.live_old[i], self.total_old[i]) for i, ws in self.old.items()
        }
        prefix_new = {
            j: self._prefix(ws, self.live_new[j], self.total_new[j]) for j, ws in self.new.items()
        }
        found: set[tuple[int, int]] = set()
        budget = MAX_PROBE_WORK
        sides = ((prefix_new, self.live_old, False), (prefix_old, self.live_new, True))
        for probes, other, flip in sides:
            probed = frozenset().union(*probes.values())
            postings: dict[str, list[int]] = defaultdict(list)
            for k in sorted(other):
                for word in other[k] & probed:
                    postings[word].append(k)
            for k in sorted(probes):
                for word in sorted(probes[k]):
                    hits = postings.get(word, ())
                    budget -= len(hits)
                    if budget < 0:
                        break
                    if flip:
                        found.update(zip(itertools.repeat(k), hits))
                    else:
                        found.update(zip(hits, itertools.repeat(k)))
                if budget < 0:
                    break
        return found

    def _scores(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], tuple[float, float, float]]:
        out: dict[tuple[int, int], tuple[float, float, float]] = {}
        weight = self.weight
        for i, j in pairs:
            both = sum(map(weight.__getitem__, self.live_old[i] & self.live_new[j]))
            if both:
                ta, tb = self.total_old[i], self.total_new[j]
                out[(i, j)] = (2 * both / (ta + tb), both / ta, both / tb)
        return out


#: Shared weights are compared with this much slack below a bar, so that rounding
#: in the scores' divisions can never lose a pair that reaches it.
_SLACK = 1 - 1e-9


#: What a pair of Dice at least ``CHANGE_THRESHOLD`` or ``MOVE_THRESHOLD`` shares, as a
#: share of the two paragraphs' weights together.
_DICE_SHARE = min(CHANGE_THRESHOLD, MOVE_THRESHOLD) / 2


def _relevant(lighter: int, heavier: int) -> float:
    """What two paragraphs of these totals must share to count anywhere: a pair of
    Dice at least ``CHANGE_THRESHOLD`` or ``MOVE_THRESHOLD``, or a part of a split or
    merge (the share of one in the other at least ``PART_THRESHOLD``, the lighter's
    being the larger share). Pairs of a lone gap below these bars are scored
    directly. Never less than ``_MIN_CONTAINMENT`` of the lighter, but for the slack."""
    dice = _DICE_SHARE * (lighter + heavier)
    part = PART_THRESHOLD * lighter
    # Not min(): a call of it costs more than the rest (a probe asks for each partner).
    return (dice if dice < part else part) * _SLACK


def _gap_items(
    pairs: dict[tuple[int, int], tuple[float, float, float]],
    sim: _Similarity,
    gap_of_old: dict[int, int],
    gap_of_new: dict[int, int],
) -> list[_Item]:
    items: list[_Item] = []
    parts_of_old: dict[int, list[int]] = defaultdict(list)  # old i -> new parts of it
    parts_of_new: dict[int, list[int]] = defaultdict(list)  # new j -> old parts of it
    # A gap of one old and one new paragraph: they are likely one edited paragraph, and
    # a lower bar applies (short paragraphs share few word pairs even when alike).
    old_in_gap = Counter(gap_of_old.values())
    new_in_gap = Counter(gap_of_new.values())
    lone = {g for g, n in old_in_gap.items() if n == 1 and new_in_gap[g] == 1}
    if lone:
        # The last (in a lone gap: the only) old and new paragraph of each gap.
        old_of_gap = dict(zip(gap_of_old.values(), gap_of_old, strict=True))
        new_of_gap = dict(zip(gap_of_new.values(), gap_of_new, strict=True))
        for g in sorted(lone):
            i, j = old_of_gap[g], new_of_gap[g]
            if (i, j) not in pairs:
                score = sim.dice(sim.old[i], sim.new[j])
                if score >= LONE_PAIR_THRESHOLD:
                    items.append(_Item(score, i, i, j, j))
    for (i, j), (score, old_in_new, new_in_old) in pairs.items():
        g = gap_of_old[i]
        if g != gap_of_new[j]:
            continue
        if score >= (LONE_PAIR_THRESHOLD if g in lone else CHANGE_THRESHOLD):
            items.append(_Item(score, i, i, j, j))
        if new_in_old >= PART_THRESHOLD:
            parts_of_old[i].append(j)
        if old_in_new >= PART_THRESHOLD:
            parts_of_new[j].append(i)

    def runs(indices: list[int]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for x in sorted(indices):
            if out and out[-1][1] == x - 1:
                out[-1] = (out[-1][0], x)
            else:
                out.append((x, x))
        return [r for r in out if r[1] > r[0]]

    for i, parts in parts_of_old.items():
        for j0, j1 in runs(parts):
            whole = frozenset().union(*(sim.new[j] for j in range(j0, j1 + 1)))
            score = sim.dice(sim.old[i], whole)
            if score >= SPLIT_THRESHOLD:
                items.append(_Item(score, i, i, j0, j1))
    for j, parts in parts_of_new.items():
        for i0, i1 in runs(parts):
            whole = frozenset().union(*(sim.old[i] for i in range(i0, i1 + 1)))
            score = sim.dice(whole, sim.new[j])
            if score >= SPLIT_THRESHOLD:
                items.append(_Item(score, i0, i1, j, j))
    return items


def _accept_in_order(items: list[_Item]) -> list[_Item]:
    """Take items best first (ties: earlier, then smaller), skipping any that would
    reuse a paragraph or cross an item already taken."""
    items.sort(key=lambda it: (-it.score, it.i0, it.j0, it.i1 - it.i0 + it.j1 - it.j0))
    taken: list[_Item] = []  # sorted by i0
    starts: list[int] = []
    for it in items:
        k = bisect.bisect_left(starts, it.i0)
        if k > 0:
            before = taken[k - 1]
            if before.i1 >= it.i0 or before.j1 >= it.j0:
                continue
        if k < len(taken):
            after = taken[k]
            if after.i0 <= it.i1 or after.j0 <= it.j1:
                continue
        taken.insert(k, it)
        starts.insert(k, it.i0)
    return taken


def _rows(
    n_old: int,
    n_new: int,
    matched: list[tuple[int, int]],
    items: list[_Item],
    moved: dict[int, int],
) -> list[Plan]:
    """Rows in reading order: anchors (equal rows and paired items) in sequence, and
    between two anchors the old side's leftovers, then the new side's."""
    anchors: list[tuple[int, int, int, int, RowKind]] = [(i, i, j, j, "equal") for i, j in matched]
    for it in items:
        if it.i0 == it.i1 and it.j0 == it.j1:
            kind: RowKind = "changed"
        elif it.i0 == it.i1:
            kind = "split"
        else:
            kind = "merged"
        anchors.append((it.i0, it.i1, it.j0, it.j1, kind))
    anchors.sort()
    anchors.append((n_old, n_old - 1, n_new, n_new - 1, "equal"))  # sentinel

    move_of_new = {j: i for i, j in moved.items()}
    move_id: dict[int, int] = {}  # old index of a move -> its id, in order of first end

    def mid(i: int) -> int:
        return move_id.setdefault(i, len(move_id))

    plans: list[Plan] = []
    i = j = 0
    for i0, i1, j0, j1, kind in anchors:
        for x in range(i, i0):
            if x in moved:
                plans.append(Plan("moved", (x,), (), mid(x), (x, moved[x])))
            else:
                plans.append(Plan("deleted", (x,), ()))
        for y in range(j, j0):
            if y in move_of_new:
                src = move_of_new[y]
                plans.append(Plan("moved", (), (y,), mid(src), (src, y)))
            else:
                plans.append(Plan("inserted", (), (y,)))
        if i0 < n_old or j0 < n_new:
            plans.append(Plan(kind, tuple(range(i0, i1 + 1)), tuple(range(j0, j1 + 1))))
        i, j = i1 + 1, j1 + 1
    return plans
