"""Reading the rows of a NewsSniffer text dump back into two versions, by evidence.

Contract: plain Python, standard library only. :class:`RowReading` takes the row lines
of a text dump (everything after the ``(DISTANCE later)`` line), its title row and the
article's URL (whose slug weighs where the title row splits), and holds a small
probabilistic model of how they can be read:

- a **match** row (``p`` + ``p``) is certain;
- a **change** row (``old`` + one space + ``new``) can split at any of its spaces, each
  split with a probability from the evidence (:mod:`revviewer.core.formats._rowsplit`
  models each row that is not a match row, against the median length of the dump's
  paragraphs);
- the non-match rows between two matches form a **gap**: first ``c`` change rows, then
  one-sided rows all on one side (FORMATS.md section 1). Each gap carries a
  distribution over ``c`` and the side (:mod:`revviewer.core.formats._gaps`), which
  leans on where the gap is (among the first rows, further down, or ending the body),
  on how much the rest of the dump changed (its other gaps, its headline) and on the
  evidence across rows and gaps (splits, merges, moves, paragraphs shifted
  within their gap), weighed once when the model is built.

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from revviewer.core.formats._gaps import (
    Gap,
    cross_evidence,
    model_gap,
    move_evidence,
    side_agreement,
    side_lean,
    split_and_merge_evidence,
)
from revviewer.core.formats._rowsplit import (
    PairIds,
    RowModel,
    RowPairs,
    is_footer,
    model_row,
    title_kept,
)
from revviewer.core.merge import CERTAIN, Texts
from revviewer.core.model import Inference, InferenceKind

#: paragraph length assumed when the dump has too few paragraphs to measure
_DEFAULT_MEDIAN = 240.0


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

    def __init__(
        self, title_row: str, title_line: int, rows: Sequence[tuple[int, str]], url: str = ""
    ) -> None:
        self.title_row = title_row
        self.title_line = title_line
        self.title_model = model_row(title_row, title_line, 0.0, title=True, url=url)
        # the paragraph each match row shows, "" for the other rows
        shown = [_matched(text) for _line, text in rows]
        lengths = sorted([n for n in map(len, shown) if n >= 40])
        median = float(lengths[len(lengths) // 2]) if len(lengths) >= 3 else _DEFAULT_MEDIAN
        # where the body ends: after the last row that is not a footer match row (a
        # tag or a share link), so a gap followed only by those ends the article
        body_end = len(rows)
        while body_end and shown[body_end - 1] and is_footer(rows[body_end - 1][1]):
            body_end -= 1
        # the rows' word pairs, while the model is built: the row splits and the
        # evidence across rows both compare them
        ids = PairIds()
        gap_pairs: list[list[RowPairs]] = []
        # gaps are modelled once all are known: each leans on how much the rest of
        # the dump changed; until then an item is a gap's index in ``found``. The
        # match rows between gaps are one item each run: most rows are match rows,
        # and a run is read, assembled and constrained at once.
        found: list[tuple[list[RowModel], str]] = []
        items: list[tuple[str, ...] | int] = []
        spans = _gap_spans(shown)
        done = 0  # rows before this one are in ``items``
        for start, end in spans:
            if start > done:
                items.append(tuple(shown[done:start]))
            pairs: list[RowPairs] = []
            models: list[RowModel] = []
            for line, text in rows[start:end]:
                pairs.append(RowPairs(text, ids))
                models.append(model_row(text, line, median, pairs=pairs[-1]))
            items.append(len(found))
            found.append((models, _where(start, end >= body_end)))
            gap_pairs.append(pairs)
            done = end
        if done < len(rows):
            items.append(tuple(shown[done:]))
        headline_kept = title_kept(title_row)
        elsewhere = sum(len(g) - 1 for g, _ in found)  # rows beyond one per gap
        gaps = [
            model_gap(g, where, side_lean(elsewhere - (len(g) - 1), headline_kept))
            for g, where in found
        ]
        # items and gaps are fixed from here on
        self.items: list[tuple[str, ...] | Gap] = [
            gaps[i] if isinstance(i, int) else i for i in items
        ]
        self.gaps = gaps
        self._row_probability: dict[tuple[int, int, str], float] = {}
        for gap, pairs in zip(self.gaps, gap_pairs, strict=True):
            cross_evidence(gap, pairs)
            split_and_merge_evidence(gap)
        side_agreement(self.gaps)
        # with the match rows between each gap and the next
        move_evidence(self.gaps, [nxt[0] - end for (_, end), nxt in itertools.pairwise(spans)])

    # -- the likeliest reading -------------------------------------------------

    def best(self) -> Reading:
        title = self._title_choice(None, None)
        assert title is not None  # an unconstrained title split always exists
        t_at, t_p = title
        p = t_p
        steps: list[object] = []
        for item in self.items:
            if isinstance(item, tuple):
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
                if isinstance(item, tuple):
                    k = len(item)
                    if old_p is not None and old_p[i : i + k] != item:
                        continue
                    if new_p is not None and new_p[j : j + k] != item:
                        continue
                    key = (i + k * (old_p is not None), j + k * (new_p is not None))
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
            if isinstance(step, tuple):
                old.extend(step)
                new.extend(step)
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
            if isinstance(item, tuple):
                paras.extend(item)
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


def _matched(text: str) -> str:
    """The paragraph ``p`` of a match row (``p`` + ``p``, never empty), or "" for any
    other row."""
    p = text[: len(text) // 2]
    return p if len(text) % 2 == 0 and text.endswith(p) else ""


def _gap_spans(shown: list[str]) -> list[list[int]]:
    """The gaps, runs of rows that are not match rows (``shown`` is "" for those), as
    ``[first row, row after the last]``."""
    spans: list[list[int]] = []
    for i in [i for i, p in enumerate(shown) if not p]:
        if spans and spans[-1][1] == i:
            spans[-1][1] = i + 1
        else:
            spans.append([i, i + 1])
    return spans


def _where(first_row: int, at_end: bool) -> str:
    """Where a gap sits, for the prior on its side: among the first rows, just below
    them, further down, or ending the article's body."""
    if first_row < 3:
        return "top"
    if at_end:
        return "end"
    return "near_top" if first_row < 5 else "middle"


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
