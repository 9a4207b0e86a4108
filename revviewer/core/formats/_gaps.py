"""The gaps of a NewsSniffer text dump: which of their rows are change rows, and on
which side the others are.

Contract: plain Python, standard library only. The non-match rows between two matches
form a **gap**: first ``c`` change rows, then one-sided rows all on one side
(FORMATS.md section 1). :func:`model_gap` gives a gap (a :class:`Gap`) a distribution
over ``c`` and the side, from the split models of its rows
(:mod:`revviewer.core.formats._rowsplit`) and from where it is: a row whose halves are
alike must be a change row; a one-sided row may also be a change row pairing
unrelated paragraphs (seldom in a gap of one or two rows: paragraphs are added or
dropped far more often than rewritten beyond recognition in place); the side leans on
where the gap is (new paragraphs come at the top), whether change rows come first,
and how much the rest of the dump changed (:func:`side_lean`: a paragraph shown alone
in a dump that changed little else was most often added).

The evidence passes then weigh the gaps again, in place, once all of a dump's gaps are
modelled (the reading runs them in this order):

- :func:`cross_evidence`: a paragraph edited in place but shifted by one added or
  dropped above it in the same gap shows its old and new texts in different rows: a
  half of one row alike a half of, or the whole of, a later row says which rows are
  change rows, which side the one-sided ones are on, and where those rows split;
- :func:`split_and_merge_evidence`: a one-sided text that ends a half of an earlier
  row (a split or a merge);
- :func:`side_agreement`: the one-sided gaps of a dump lean to the same side;
- :func:`move_evidence`: the same text shown alone in two gaps (a move: opposite
  sides, each place weighed by the other; one match row apart, the way diff-lcs
  broke the tie between the two paragraphs that swapped places says which).

The numbers in the model were chosen by measuring on generated dumps
(``benchmarks/parse_accuracy.py`` prints how often each kind of guess is right).
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from revviewer.core.formats._rowsplit import PairIds, RowModel, RowPairs

#: prior probability that a gap's one-sided rows are insertions, by where the gap
#: is and whether change rows come first: news grows at the top (new leads), a
#: little less so just below and at the body's end (a closing paragraph); after
#: change rows the lean is weaker: splits, merges and rewrites leave one-sided rows
#: on either side. Without change rows the prior is for a dump that changed nowhere
#: else; :func:`side_lean` moves it by what the rest of the dump did. That column
#: and the lean were fitted together (logistic regression on the 2,400 side guesses
#: without change rows in 6,000 generated single dumps, seeds 777 and 1). The column
#: after change rows was measured on generated chains (seed 777, 2,400 dumps), except
#: the end: 14 of 26 generated gaps (0.54 +- 0.10) were insertions, but the one real
#: such gap (seed 003's last two paragraphs) is a deletion, so it leans that way,
#: within the spread.
_NEW_SIDE_PRIOR = {
    "top": (0.88, 0.73),
    "near_top": (0.69, 0.45),
    "middle": (0.62, 0.48),
    "end": (0.68, 0.45),
}
#: odds on insertions, for a gap without change rows, for each row of a block of
#: change elsewhere in its dump (another gap's rows beyond its first), counting at
#: most ``_BLOCK_ROWS_COUNTED``, and for a new headline: a dump that rewrote blocks
#: or its headline was a rework, which drops paragraphs as often as it adds them,
#: where a dump whose one change is a paragraph shown alone was most often an update
#: that added it. Fitted with the prior above; on seed 20260 (3,000 dumps), which
#: the fit never saw, side guesses went from 63.7 to 67.8 % right. Gaps with change
#: rows keep their prior: the two real dumps, both reworks under a new headline, have
#: such gaps of a dozen one-sided rows that went opposite ways (seed 000 added
#: paragraphs, seed 003 dropped them), and the lean, measured mostly on one-row
#: gaps, would read seed 000's as dropped.
_BLOCK_ROW = 0.74
_BLOCK_ROWS_COUNTED = 6
_NEW_HEADLINE = 0.54
#: weight of two one-sided gaps of one dump reading on the same side. Generated
#: dumps agree more than their gaps' own readings predict (568 of 891 pairs against
#: 494, seeds 777 and 1). Chosen on those seeds (versions exact, 1.5 / 2 / 3:
#: +0.13 / +0.10 / +0.13 points on seed 777, +0.03 / +0.03 / -0.17 on seed 1), it
#: then read 0.27 to 0.50 points more on seed 20260 and +0.17, -0.03, -0.03, +0.33
#: on seeds 101, 202, 303 and 404 (3,000 dumps each)
_SAME_SIDE = 1.5
#: bound on a gap's log odds from the other gaps' agreement
_MAX_LOG_AGREEMENT = 50.0
#: weight of a split or merge that a one-sided row's text shows
_CONTAINED = 30.0
#: weight of opposite sides for a text shown alone in two gaps (a move)
_MOVED = 10.0
#: odds of an unlike row of a short gap being a paragraph replaced by an unrelated
#: one, against the row's own evidence, by the gap's rows: a paragraph shown alone
#: between two matches, or one of two, is far more often added or removed than
#: rewritten beyond recognition. Longer gaps are mostly blocks reworked, whose old
#: and new paragraphs pair up by position, and their rows' own evidence decides.
#: Measured on generated single dumps (seeds 777 and 1, 3,000 each): weighing each
#: unlike row of a gap of n rows by the n-th root of 0.1, 0.15, 0.2 or 0.25 all read
#: 0.2 to 0.35 % more versions exactly than weighing lone rows only (by 0.15), and
#: as much when only gaps of one or two rows are weighed: reweighing the gaps of
#: three rows or more of those dumps by any such weight alone gained nothing
_REPLACE_SHORT = {1: 0.2, 2: 0.45}
#: how alike (Dice of word pairs, as in ``_rowsplit._similarity``) a half of a change row and a
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
#: weight of a text shown alone twice, one match row apart, read as inserted above
#: and deleted below: diff-lcs would have kept it and shown the match row alone
#: instead (see :func:`move_evidence`). It never happened on 300,000 random edits of
#: short lists through the emulated diff-lcs, and every such pair in 9,000
#: generated dumps was deleted above. Only two texts that differed before
#: whitespace was collapsed (no tie to break) could do it, which no dump shows: not
#: zero, so that merging can still reach that reading, but a thousand times less
#: likely than the move the other way (``_MOVED``)
_TIE_BROKEN = 0.01
#: characters of a row looked for before the whole row is (see split_and_merge_evidence)
_PROBE = 60


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


def side_lean(rows_elsewhere: int, headline_kept: bool) -> float:
    """Odds by which a gap's one-sided rows are insertions rather than deletions,
    from how much the rest of its dump changed: ``rows_elsewhere`` counts the rows of
    the other gaps beyond the first of each (blocks of change, not scattered edits)."""
    lean = _BLOCK_ROW ** min(rows_elsewhere, _BLOCK_ROWS_COUNTED)
    return lean if headline_kept else lean * _NEW_HEADLINE


def model_gap(rows: list[RowModel], where: str = "middle", lean: float = 1.0) -> Gap:
    n = len(rows)
    # A row that cannot be a change row (no space) bounds c from above; an edit-like
    # row bounds it from below.
    scores: list[tuple[float, int, str]] = []
    prefix = [1.0]
    unlike = _REPLACE_SHORT.get(n, 1.0)
    for r in rows:
        prefix.append(prefix[-1] * r.change_odds * (1.0 if r.edit_like else unlike))
    for c in range(n + 1):
        base = prefix[c]
        if base == 0.0:
            continue
        if c == n:
            scores.append((base, c, "none"))
        else:
            p_new = _NEW_SIDE_PRIOR[where][c > 0]
            if c == 0:
                p_new = p_new * lean / (p_new * lean + 1.0 - p_new)
            scores.append((base * p_new, c, "new"))
            scores.append((base * (1 - p_new), c, "old"))
    total = sum([s for s, _, _ in scores]) or 1.0
    hyps = sorted([(s / total, c, side) for s, c, side in scores], reverse=True)
    return Gap(rows, hyps)


def _reweigh(gap: Gap, factor: Callable[[int, str], float]) -> None:
    scored = [(p * factor(c, side), c, side) for p, c, side in gap.hyps]
    total = sum([p for p, _, _ in scored]) or 1.0
    gap.hyps = sorted([(p / total, c, side) for p, c, side in scored], reverse=True)


def split_and_merge_evidence(gap: Gap) -> None:
    """A one-sided row whose text ends one half of an earlier row of its gap.

    A paragraph split in two shows as a change row ``P1 P2 P1`` (old ``P1 P2``, new
    ``P1``) and the one-sided row ``P2`` inserted; two paragraphs merged show as
    ``P1 P1 P2`` (old ``P1``, new ``P1 P2``) and ``P2`` deleted. Either way the
    one-sided text ends the half on the other side, and the order is kept.
    """
    rows = gap.rows
    if len(rows) < 2:
        return  # no earlier row (most gaps are one row: not worth joining it)
    # The earlier rows are searched at once, each ended by a line break: rows are
    # lines, so no match runs from one row into the next, and the first match is
    # in the first row that has one.
    joined = "".join(r.text + "\n" for r in rows)
    starts = list(itertools.accumulate((len(r.text) + 1 for r in rows), initial=0))
    for t in range(1, len(rows)):
        one = rows[t].text
        if " " not in one and len(one) < 20:
            continue  # a tag or a word: too common to mean anything
        # Most rows are in no earlier row: a short start of the text tells, where
        # searching for a whole long row (over 100 characters in a text of over
        # 2,500) first prepares the needle, which costs more than the search.
        if joined.find(" " + one[:_PROBE], 0, starts[t]) < 0:
            continue
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


#: the word pairs of a text (as in :func:`_rowsplit._similarity`, its ends counting as words),
#: each held as its id (:class:`_rowsplit.PairIds`); only sizes are read, never an order
_PairSet = frozenset[int]


def _pairs(ids: PairIds, words: Sequence[str], inner: Sequence[int]) -> _PairSet:
    """The word pairs of ``words``, given the ids of its inner pairs."""
    # one set built once: a union would copy it into a second hash table
    return frozenset([*inner, ids.of("\x00", words[0]), ids.of(words[-1], "\x01")])


def cross_evidence(gap: Gap, pairs: Sequence[RowPairs]) -> None:
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

    ``pairs`` are the rows' word pairs, one per row (all of a dump's share one
    :class:`~revviewer.core.formats._rowsplit.PairIds`).
    """
    rows = gap.rows
    n = len(rows)
    if n < 2:
        return
    ids = pairs[0].ids
    words = [p.words for p in pairs]
    inner = [p.inner for p in pairs]
    whole = [_pairs(ids, w, h) for w, h in zip(words, inner, strict=True)]
    # two sets this alike share at least this part of the larger one
    share = _CROSS_ALIKE / (2.0 - _CROSS_ALIKE)
    cuts: dict[int, list[tuple[int, int, int, int]]] = {}
    sets: dict[tuple[int, int, bool], _PairSet] = {}

    def cuts_of(r: int) -> list[tuple[int, int, int, int]]:
        """The likeliest listed splits of row ``r``: (split, words before it, pairs
        in the left half, pairs in the right half)."""
        found = cuts.get(r)
        if found is None:
            text = rows[r].text
            found = cuts[r] = []
            for _p, at in rows[r].ranked(_CROSS_SPLITS):
                if pairs[r].plain:
                    # counted on the row's pair tables, without building the halves
                    # (most of them when the row's splits were weighed)
                    found.append((at, *pairs[r].split_sizes(at)))
                else:
                    k = text.count(" ", 0, at) + 1
                    found.append((at, k, len(half(r, k, True)), len(half(r, k, False))))
        return found

    def half(r: int, k: int, left: bool) -> _PairSet:
        """The word pairs of the half of row ``r`` before (after) its ``k``-th word."""
        key = (r, k, left)
        found = sets.get(key)
        if found is None:
            w, h = words[r], inner[r]
            found = sets[key] = (
                _pairs(ids, w[:k], h[: k - 1]) if left else _pairs(ids, w[k:], h[k:])
            )
        return found

    small: dict[tuple[int, bool], int] = {}

    def smallest(r: int, left: bool) -> int:
        """The most pairs the smallest listed left (right) half of row ``r`` has."""
        found = small.get((r, left))
        if found is None:
            size = len(words[r])
            ks = [k for _at, k, _left, _right in cuts_of(r)]
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
                for at, k, size_left, size_right in cuts_of(u):
                    for side, left in (("new", True), ("old", False)):
                        if (k if left else n_u - k) + 1 < share * size_t:
                            continue
                        size_a = size_left if left else size_right
                        s = alike(half(u, k, left), whole[t]) if size_a <= largest else 0.0
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
                    n_u = len(words[u])
                    for at_u, k_u, u_left, u_right in cuts_of(u):
                        if (k_u if u_old else n_u - k_u) + 1 > largest:
                            continue
                        size_a = u_left if u_old else u_right
                        lo, hi = share * size_a, min(largest, size_a / share)
                        for at_t, k_t, t_left, t_right in cuts_of(t):
                            if not lo <= (t_right if u_old else t_left) <= hi:
                                continue
                            a, b = half(u, k_u, u_old), half(t, k_t, not u_old)
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


def side_agreement(gaps: list[Gap]) -> None:
    """The one-sided gaps of one dump lean to one side together: an update adds
    paragraphs in several places, a trim drops them in several.

    Each gap's reading as one-sided rows on a side is weighed by how likely every
    other gap of the dump is to be one-sided on that side (``_SAME_SIDE`` for a pair
    that agrees), as the others stand before any is changed: one round of belief
    propagation, as in :func:`move_evidence`, which runs after it and weighs moves
    the other way. Computed in logs from the dump's total, so a dump of many gaps
    costs one pass, not one per pair.
    """
    if len(gaps) < 2:
        return
    own: list[tuple[float, float]] = []
    all_new = all_old = 0.0
    for g in gaps:
        # all rows one-sided (no change row first), on each side
        p_new, p_old = g.side_probability(0, "new"), g.side_probability(0, "old")
        new, old = math.log1p((_SAME_SIDE - 1) * p_new), math.log1p((_SAME_SIDE - 1) * p_old)
        own.append((new, old))
        all_new += new
        all_old += old
    for g, (new, old) in zip(gaps, own, strict=True):
        # the others' weight on "new" against "old", bounded so that a dump of
        # thousands of gaps stays finite
        log_odds = (all_new - new) - (all_old - old)
        log_odds = max(-_MAX_LOG_AGREEMENT, min(_MAX_LOG_AGREEMENT, log_odds))
        if log_odds:

            def factor(c: int, s: str, f: float = math.exp(log_odds)) -> float:
                return f if c == 0 and s == "new" else 1.0

            _reweigh(g, factor)


def move_evidence(gaps: list[Gap], matches_between: Sequence[int]) -> None:
    """The same text alone in two gaps: a moved paragraph, deleted from one place and
    inserted at the other, so the two rows are one-sided on opposite sides.

    Neither gap decides for the other: each is weighed by what the other says of its
    row before either is changed (one round of belief propagation, exact for a
    pair), so both end with the probability of the pair's joint reading. A move up
    and a move down are then as likely as their two places' priors make them,
    except across a single match row (``matches_between[i]`` counts the match rows
    between gaps ``i`` and ``i + 1``): a paragraph ``X`` moved past one paragraph
    ``M`` leaves two longest common subsequences, ``M`` or ``X``, and diff-lcs keeps
    the one later in the old version. Showing ``X`` alone twice with ``M`` matched
    between, it says that ``X`` came before ``M`` in the old version: deleted above,
    inserted below. Read the other way round, diff-lcs would have kept ``X`` and
    shown ``M`` alone instead.
    """
    seen: dict[str, tuple[int, int]] = {}
    pairs: list[tuple[Gap, int, Gap, int, bool]] = []
    for k, gap in enumerate(gaps):
        for t, row in enumerate(gap.rows):
            if " " not in row.text:
                continue
            other = seen.get(row.text)
            if other is None:
                seen[row.text] = (k, t)
            else:
                k0, t0 = other
                tie = k == k0 + 1 and matches_between[k0] == 1
                pairs.append((gaps[k0], t0, gap, t, tie))
    if not pairs:
        return
    del pairs[_MAX_MOVES:]  # a text repeated in a long gap would cost the gap's square
    # the messages use the beliefs before any pair changes them
    before = {
        (id(g), t): (g.side_probability(t, "new"), g.side_probability(t, "old"))
        for g0, t0, g1, t1, _tie in pairs
        for g, t in ((g0, t0), (g1, t1))
    }
    for g0, t0, g1, t1, tie in pairs:
        # weight of the upper row inserted and the lower one deleted
        up = _TIE_BROKEN if tie else _MOVED
        for gap, t, (p_new, p_old), upper in (
            (g1, t1, before[(id(g0), t0)], False),
            (g0, t0, before[(id(g1), t1)], True),
        ):
            p_other = 1.0 - p_new - p_old
            to_old, to_new = (_MOVED, up) if upper else (up, _MOVED)
            to_side = {
                "old": p_new * to_old + p_old + p_other,
                "new": p_old * to_new + p_new + p_other,
            }

            def factor(c: int, s: str, t: int = t, to_side: dict[str, float] = to_side) -> float:
                return to_side[s] if c <= t and s in to_side else 1.0

            _reweigh(gap, factor)
