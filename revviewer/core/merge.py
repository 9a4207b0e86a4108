"""Merging article fragments from many dumps into one version chain per article.

Contract: :func:`merge_fragments` groups fragments by ``Article.key`` and returns one
article per key, versions sorted by number, each version listing every file it came
from, plus a :class:`~revviewer.core.model.LoadError` for each conflict that could not
be settled. Nothing is dropped silently: a conflict is reported (naming the files) and
marked on the version with :attr:`~revviewer.core.model.InferenceKind.CONFLICT`.

A version present in several dumps must come out the same from all of them. Exact
fragments (``alternatives`` is None: HTML pages and other formats read without
guessing) fix their versions. A fragment whose parser guessed carries
``alternatives`` following :class:`Alternatives`: merging asks it for its likeliest
readings of each version and for the likeliest reading with some versions fixed, then
picks the combination of readings that makes shared versions agree and is likeliest
overall (exactly, by dynamic programming, where the fragments form a chain along the
version numbers; greedily otherwise). When shared versions still disagree, the search
runs once more over four times as many readings before any conflict is reported.
Each chosen version then gets its probability given all the dumps; a version at least
:data:`CERTAIN` likely loses its guesses, the others keep the guesses every agreeing
dump had to make, each no less confident than the version as a whole.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from revviewer.core.model import Article, Inference, InferenceKind, LoadError, Version

Texts = tuple[str, tuple[str, ...]]  # (title, paragraphs)

#: a guess at least this likely is treated as settled
CERTAIN = 0.9995
#: weight of a combination in which a fragment cannot give the chosen texts
_CONFLICT = 1e-30
#: candidate texts asked of each fragment per version
_CANDIDATES = 6
#: most candidate texts kept per version
_MAX_CANDIDATES = 24
#: the same, asked again when the dumps of an article still disagree: the reading
#: they agree on may rank lower in each (dumps spanning several versions hold more
#: changes, so more readings); four times the work, spent only on those articles
_CANDIDATES_WIDE = 24
_MAX_CANDIDATES_WIDE = 96


@runtime_checkable
class Alternatives(Protocol):
    """What a guessing parser leaves on ``Article.alternatives``."""

    path: str
    numbers: tuple[int, ...]

    def candidates(self, number: int, limit: int) -> list[tuple[Texts, float]]: ...

    def read(
        self, fixed: dict[int, Texts]
    ) -> tuple[float, dict[int, tuple[Texts, list[Inference]]]] | None: ...

    def total(self, fixed: dict[int, Texts]) -> float:
        """Summed probability of every reading giving the ``fixed`` texts."""
        ...


@dataclass(slots=True)
class _Frag:
    article: Article
    alt: Alternatives | None
    numbers: tuple[int, ...]
    path: str
    cache: dict[tuple[tuple[int, Texts], ...], object] = field(default_factory=dict)

    def read(
        self, fixed: dict[int, Texts]
    ) -> tuple[float, dict[int, tuple[Texts, list[Inference]]]] | None:
        key = tuple(sorted(fixed.items()))
        if key not in self.cache:
            if self.alt is not None:
                self.cache[key] = self.alt.read(fixed)
            else:
                exact = {v.number: _texts(v) for v in self.article.versions}
                ok = all(exact.get(n) == t for n, t in fixed.items())
                self.cache[key] = (1.0, {n: (t, []) for n, t in exact.items()}) if ok else None
        return self.cache[key]  # type: ignore[return-value]

    def total(self, fixed: dict[int, Texts]) -> float:
        """Summed probability of the readings giving ``fixed`` (asked only of a
        guessing fragment: exact ones enter the posteriors as fixed texts)."""
        assert self.alt is not None
        return self.alt.total(fixed)


def _texts(v: Version) -> Texts:
    return v.title, tuple(v.paragraphs)


def merge_fragments(fragments: list[Article]) -> tuple[list[Article], list[LoadError]]:
    groups: dict[str, list[Article]] = {}
    for frag in fragments:
        groups.setdefault(frag.key, []).append(frag)
    articles: list[Article] = []
    errors: list[LoadError] = []
    for key in sorted(groups):
        art, errs = _merge_group(groups[key])
        articles.append(art)
        errors.extend(errs)
    return articles, errors


def _merge_group(group: list[Article]) -> tuple[Article, list[LoadError]]:
    head = group[0]
    out = Article(head.key, head.source, head.url, [], None, head.status)
    for frag in group:
        out.digests.update(frag.digests)
        if frag.version_count and (out.version_count or 0) < frag.version_count:
            out.version_count = frag.version_count
        if out.status is None:
            out.status = frag.status
    frags = [_frag(a) for a in group]
    if len(frags) == 1:
        out.versions = sorted((_copy(v) for v in head.versions), key=lambda v: v.number)
        return out, []
    chosen, posterior, conflicts = _solve(frags)
    if conflicts:
        wide = _solve(frags, _CANDIDATES_WIDE, _MAX_CANDIDATES_WIDE)
        if len(wide[2]) < len(conflicts):
            chosen, posterior, conflicts = wide
    errors: list[LoadError] = []
    for number in sorted(chosen):
        touching = [f for f in frags if number in f.numbers]
        out.versions.append(
            _version(number, chosen, posterior.get(number, 0.0), touching, conflicts)
        )
    for number, (bad, good) in sorted(conflicts.items()):
        message = (
            f"version {number} reads differently from {', '.join(f.path for f in bad)} "
            f"than from {', '.join(f.path for f in good) or 'the other dumps'}; "
            f"showing the reading of {good[0].path if good else bad[0].path}"
        )
        out.conflicts.append(message)
        errors.append(LoadError(bad[0].path, None, message))
    return out, errors


def _frag(article: Article) -> _Frag:
    alt = article.alternatives if isinstance(article.alternatives, Alternatives) else None
    numbers = alt.numbers if alt is not None else tuple(v.number for v in article.versions)
    path = alt.path if alt is not None else (article.sources[0] if article.sources else "?")
    return _Frag(article, alt, tuple(numbers), path)


def _copy(v: Version) -> Version:
    return Version(
        v.number,
        v.title,
        list(v.paragraphs),
        v.captured,
        v.distance,
        list(v.sources),
        list(v.inferred),
    )


# ---------------------------------------------------------------------------
# Choosing the readings


def _solve(
    frags: list[_Frag], asked: int = _CANDIDATES, kept: int = _MAX_CANDIDATES
) -> tuple[dict[int, Texts], dict[int, float], dict[int, tuple[list[_Frag], list[_Frag]]]]:
    """The chosen text of every version, its probability, and the conflicts left,
    considering ``asked`` candidates of each dump per version, ``kept`` in all."""
    numbers = sorted({n for f in frags for n in f.numbers})
    cands: dict[int, list[Texts]] = {n: [] for n in numbers}

    def add(n: int, t: Texts) -> None:
        if t not in cands[n] and len(cands[n]) < kept:
            cands[n].append(t)

    for f in frags:
        if f.alt is None:
            for v in f.article.versions:
                add(v.number, _texts(v))
    for f in frags:
        if f.alt is not None:
            for v in f.article.versions:
                add(v.number, _texts(v))
    for f in frags:
        if f.alt is not None:
            for n in f.numbers:
                for t, _p in f.alt.candidates(n, asked):
                    add(n, t)
    # What each dump implies for its other version, given a candidate for one.
    for _round in range(2):
        for f in frags:
            if f.alt is None:
                continue
            for n in f.numbers:
                for t in list(cands[n]):
                    found = f.read({n: t})
                    if found is not None:
                        for m, (tm, _inf) in found[1].items():
                            add(m, tm)

    # Factor tables: one per fragment over its versions' candidates.
    tables: list[tuple[_Frag, tuple[int, ...], dict[tuple[int, ...], float]]] = []
    for f in frags:
        # An exact fragment fixes each of its versions on its own.
        for ns in [(n,) for n in f.numbers] if f.alt is None else [f.numbers]:
            table: dict[tuple[int, ...], float] = {}
            for idx in _product([len(cands[n]) for n in ns]):
                fixed = {n: cands[n][i] for n, i in zip(ns, idx, strict=True)}
                found = f.read(fixed)
                table[idx] = found[0] if found else 0.0
            tables.append((f, ns, table))

    assignment = _map_assignment(numbers, cands, tables)
    chosen = {n: cands[n][assignment[n]] for n in numbers}

    conflicts: dict[int, tuple[list[_Frag], list[_Frag]]] = {}
    for f, ns, table in tables:
        if table[tuple(assignment[n] for n in ns)] > 0:
            continue
        # Which of its versions does this fragment disagree on?
        for n in ns:
            others = {m: chosen[m] for m in ns if m != n}
            if f.read(others) is not None and f.read({**others, n: chosen[n]}) is None:
                bad, good = conflicts.setdefault(n, ([], []))
                bad.append(f)
        if not any(f in conflicts.get(n, ([], []))[0] for n in ns):
            for n in ns:
                conflicts.setdefault(n, ([], []))[0].append(f)
    for n, (bad, good) in conflicts.items():
        good.extend(f for f in frags if n in f.numbers and f not in bad)

    # Certainty from the chain of neighbouring dumps (and exact fragments); a dump
    # that spans further and agrees only adds evidence, so leaving it out errs on the
    # side of doubt (one that disagrees is a conflict, above).
    order = {n: i for i, n in enumerate(numbers)}
    backbone = [
        f for f in frags if f.alt is None or (len(f.numbers) == 2 and _neighbours(order, f.numbers))
    ]
    if backbone:
        posterior = _chain_posteriors(numbers, cands, backbone, assignment)
    else:
        posterior = _lone_posteriors(frags, chosen)
    for n in conflicts:
        posterior[n] = min(posterior.get(n, 0.0), 0.5)
    return chosen, posterior, conflicts


def _neighbours(order: dict[int, int], ns: tuple[int, ...]) -> bool:
    """The two versions are next to each other in number order."""
    return abs(order[ns[0]] - order[ns[1]]) == 1


def _chain_posteriors(
    numbers: list[int],
    cands: dict[int, list[Texts]],
    frags: list[_Frag],
    assignment: dict[int, int],
) -> dict[int, float]:
    """The probability of each chosen text given every dump (forward-backward along
    the versions). Each version also has an "other" state for the texts no candidate
    lists, weighted by what the dumps leave unaccounted for, so a version is only as
    sure as the readings that were not considered allow."""
    size = {n: len(cands[n]) + 1 for n in numbers}  # last state: "other"
    unary = {n: [1.0] * size[n] for n in numbers}
    pair: dict[int, list[list[float]]] = {}  # index k: factor between numbers[k], [k+1]
    order = {n: i for i, n in enumerate(numbers)}
    for f in frags:
        if f.alt is None:
            for v in f.article.versions:
                exact = _texts(v)
                unary[v.number] = [
                    u * (1.0 if i < len(cands[v.number]) and cands[v.number][i] == exact else 0.0)
                    for i, u in enumerate(unary[v.number])
                ]
            continue
        if len(f.numbers) != 2:
            continue
        a, b = sorted(f.numbers, key=order.__getitem__)
        table = _sum_table(f, a, cands[a], b, cands[b])
        k = order[a]
        if k in pair:
            pair[k] = [
                [x * y for x, y in zip(r1, r2, strict=True)]
                for r1, r2 in zip(pair[k], table, strict=True)
            ]
        else:
            pair[k] = table
    # forward
    alpha: list[list[float]] = []
    prev = _normalised(unary[numbers[0]])
    alpha.append(prev)
    for k in range(1, len(numbers)):
        n = numbers[k]
        step = pair.get(k - 1)
        cur = []
        for j in range(size[n]):
            s = sum(prev) if step is None else sum(prev[i] * step[i][j] for i in range(len(prev)))
            cur.append(s * unary[n][j])
        prev = _normalised(cur)
        alpha.append(prev)
    # backward
    beta: list[list[float]] = [[1.0] * size[numbers[-1]]]
    for k in range(len(numbers) - 2, -1, -1):
        n, nxt = numbers[k], numbers[k + 1]
        back = pair.get(k)
        after = beta[0]
        cur = []
        for i in range(size[n]):
            if back is None:
                s = sum(after[j] * unary[nxt][j] for j in range(size[nxt]))
            else:
                s = sum(back[i][j] * unary[nxt][j] * after[j] for j in range(size[nxt]))
            cur.append(s)
        beta.insert(0, _normalised(cur))
    post: dict[int, float] = {}
    for k, n in enumerate(numbers):
        marg = [x * y for x, y in zip(alpha[k], beta[k], strict=True)]
        z = sum(marg)
        post[n] = marg[assignment[n]] / z if z > 0 else 0.0
    return post


def _sum_table(
    f: _Frag, a: int, cand_a: list[Texts], b: int, cand_b: list[Texts]
) -> list[list[float]]:
    """P(a, b) under one dump alone, summed over its readings, with a last row and
    column for texts no candidate lists."""
    table = [[f.total({a: ta, b: tb}) for tb in cand_b] for ta in cand_a]
    rows = [f.total({a: ta}) for ta in cand_a]
    cols = [f.total({b: tb}) for tb in cand_b]
    for i, row in enumerate(table):
        row.append(max(0.0, rows[i] - sum(row)))
    other_row = [
        max(0.0, cols[j] - sum(table[i][j] for i in range(len(cand_a)))) for j in range(len(cand_b))
    ]
    listed = sum(rows) + sum(other_row)
    other_row.append(max(0.0, 1.0 - listed))
    table.append(other_row)
    return table


def _normalised(xs: list[float]) -> list[float]:
    z = sum(xs)
    return [x / z for x in xs] if z > 0 else [1.0 / len(xs)] * len(xs)


def _lone_posteriors(frags: list[_Frag], chosen: dict[int, Texts]) -> dict[int, float]:
    """Where the dumps do not form a chain: each version is as sure as the least sure
    dump that shows it makes it on its own (an exact one makes it certain)."""
    post: dict[int, float] = {}
    for n, t in chosen.items():
        ps: list[float] = []
        for f in frags:
            if n not in f.numbers:
                continue
            if f.alt is None:
                if f.read({n: t}) is not None:
                    ps = [1.0]
                    break
                continue
            ps.append(f.total({n: t}))
        post[n] = min(ps) if ps else 0.0
    return post


def _product(sizes: Sequence[int]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = [()]
    for s in sizes:
        out = [(*o, i) for o in out for i in range(s)]
    return out


def _map_assignment(
    numbers: list[int],
    cands: dict[int, list[Texts]],
    tables: list[tuple[_Frag, tuple[int, ...], dict[tuple[int, ...], float]]],
) -> dict[int, int]:
    """The likeliest choice of one candidate per version (log-space). Exact by dynamic
    programming along the versions over the fragments that span neighbouring versions
    (the chain); fragments that span further (a dump of versions 0 and 5 beside the
    adjacent ones) are then taken in by changing one version at a time while that
    helps."""

    def weight(table: dict[tuple[int, ...], float], idx: tuple[int, ...]) -> float:
        return math.log(max(table[idx], _CONFLICT))

    order = {n: i for i, n in enumerate(numbers)}
    chain_tables = [
        t for t in tables if len(t[1]) == 1 or (len(t[1]) == 2 and _neighbours(order, t[1]))
    ]
    # Viterbi over versions in order: unary factors on a version, pairwise on
    # neighbours.
    unary: dict[int, list[float]] = {n: [0.0] * len(cands[n]) for n in numbers}
    pair: dict[tuple[int, int], dict[tuple[int, int], float]] = {}
    for _, ns, table in chain_tables:
        if len(ns) == 1:
            for (i,), _p in table.items():
                unary[ns[0]][i] += weight(table, (i,))
        else:
            a, b = ns
            swap = order[a] > order[b]
            if swap:
                a, b = b, a
            acc = pair.setdefault((a, b), {})
            for idx in table:
                i, j = idx
                key = (j, i) if swap else (i, j)
                acc[key] = acc.get(key, 0.0) + weight(table, idx)
    score = list(unary[numbers[0]])
    back: list[list[int]] = []
    for prev, cur in itertools.pairwise(numbers):
        table2 = pair.get((prev, cur))
        nxt: list[float] = []
        ptr: list[int] = []
        for j in range(len(cands[cur])):
            best, arg = -math.inf, 0
            for i in range(len(cands[prev])):
                s = score[i] + (table2[(i, j)] if table2 is not None else 0.0)
                if s > best:
                    best, arg = s, i
            nxt.append(best + unary[cur][j])
            ptr.append(arg)
        score = nxt
        back.append(ptr)
    j = max(range(len(score)), key=lambda k: score[k])
    result = {numbers[-1]: j}
    for pos in range(len(numbers) - 2, -1, -1):
        j = back[pos][j]
        result[numbers[pos]] = j
    if len(chain_tables) == len(tables):
        return result

    # Greedy, from the chain's choice: change one version at a time while that helps.
    current = result

    def total(assign: dict[int, int]) -> float:
        return sum(weight(t, tuple(assign[n] for n in ns)) for _, ns, t in tables)

    best_total = total(current)
    improved = True
    rounds = 0
    while improved and rounds < 20:
        improved = False
        rounds += 1
        for n in numbers:
            for i in range(len(cands[n])):
                if i == current[n]:
                    continue
                trial = {**current, n: i}
                t = total(trial)
                if t > best_total + 1e-12:
                    current, best_total, improved = trial, t, True
    return current


def _version(
    number: int,
    chosen: dict[int, Texts],
    posterior: float,
    touching: list[_Frag],
    conflicts: dict[int, tuple[list[_Frag], list[_Frag]]],
) -> Version:
    title, paragraphs = chosen[number]
    v = Version(number, title, list(paragraphs))
    for f in touching:
        for src in f.article.versions:
            if src.number != number:
                continue
            if v.captured is None and src.captured is not None:
                v.captured = src.captured
            if v.distance is None and src.distance is not None:
                v.distance = src.distance
            for s in src.sources or [f.path]:
                if s not in v.sources:
                    v.sources.append(s)
    if number in conflicts:
        bad, good = conflicts[number]
        note = (
            f"{', '.join(f.path for f in bad)} and {', '.join(f.path for f in good)} "
            "disagree about this version"
        )
        v.inferred.append(Inference(InferenceKind.CONFLICT, None, 0.0, note))
    if posterior >= CERTAIN:
        return v
    # Guesses every agreeing fragment had to make (a paragraph read exactly by one
    # of them is settled for all).
    lists: list[list[Inference]] = []
    first_path = ""
    for f in touching:
        if number in conflicts and f in conflicts[number][0]:
            continue
        fixed = {m: chosen[m] for m in f.numbers if m in chosen}
        found = f.read(fixed)
        if found is None:
            continue
        if not lists:
            first_path = f.path
        lists.append(found[1][number][1])
    if not lists:
        # no dump reads this version as chosen without disagreeing somewhere
        v.inferred.append(
            Inference(
                InferenceKind.OTHER,
                None,
                posterior,
                f"read from {' and '.join(f.path for f in touching)}, which disagree",
            )
        )
        return v
    common = {(i.kind, i.paragraph) for i in lists[0]}
    for other in lists[1:]:
        common &= {(i.kind, i.paragraph) for i in other}
    # The notes name lines; with several files, say which file.
    prefix = f"{first_path}, " if len(touching) > 1 else ""
    kept = [
        Inference(i.kind, i.paragraph, max(i.confidence, posterior), prefix + i.note)
        for i in lists[0]
        if (i.kind, i.paragraph) in common
    ]
    if not kept:
        sources = " and ".join(f.path for f in touching)
        kept = [
            Inference(InferenceKind.OTHER, None, posterior, f"read by agreement between {sources}")
        ]
    v.inferred.extend(kept)
    return v
