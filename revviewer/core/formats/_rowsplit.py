"""How one row of a NewsSniffer text dump splits into its old and new paragraphs.

Contract: plain Python, standard library only. :func:`model_row` gives the split model
(:class:`RowModel`) of one row that is not a match row, or of a differing title row. As
a **change** row (``old`` + one space + ``new``) it can split at any of its spaces; each
split gets a probability from the evidence: how alike the two halves are (word pairs
in common, equal halves; a split shifted by a word misses pairs at both ends),
whether the new half is the old one with a sentence added (``P S P``: likelier than
``S`` dropped from ``P S``), sentence boundaries (a paragraph ends, the next starts
with a capital), and how well each half's length fits the dump's paragraphs (their
median length, given by the caller); a differing title row's split also by the slug of
the article's URL, made from a headline (:func:`slug_words`). The model also says how
much likelier the text is as a change row than as a one-sided row; whether it is one
is decided over its gap (:mod:`revviewer.core.formats._gaps`).

:func:`boundaries` weighs the spaces that look like a paragraph end; :class:`RowPairs`
gives the similarity of every split of a row exactly as :func:`_similarity` does for
one split, without splitting the text again. Its word pairs are ids from a
:class:`PairIds` that all of a dump's rows share, so the evidence across rows
(:func:`revviewer.core.formats._gaps.cross_evidence`) compares the same pairs without
splitting the rows again.

The numbers in the model were chosen by measuring on generated dumps
(``benchmarks/parse_accuracy.py`` prints how often each kind of guess is right).
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from bisect import bisect_left
from dataclasses import dataclass

#: split weights for a replaced paragraph: at a sentence end, at a weak end, elsewhere
_BOUNDARY_STRONG = 1.0
_BOUNDARY_WEAK = 0.12
_BOUNDARY_NONE = 0.002
#: odds that a row with no edit evidence is a replaced paragraph rather than one-sided
_REPLACE_ODDS = 0.6
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
#: odds for a title split whose old or new half has exactly the words of the slug in
#: the article's URL (most sites make it from the first headline: seed 000's URL is
#: its old title). Of the differing title rows of generated dumps with such a split
#: (seeds 777 and 1), it was the true split in 438 of 438; odds of 100 keep below
#: the lower end of that rate (99.3 %, one-sided 95 %)
_SLUG = 100.0
#: the same for a half a word or two off the slug (the title was edited since): the
#: splits nearest it held the true one in 114 of 116 rows with no exact one (seeds 777
#: and 1); odds of 15 keep below the lower end of that rate (94.6 %, one-sided 95 %)
_SLUG_NEAR = 15.0
#: words a title half may be off its URL's slug and still read as that headline
_SLUG_EDITS = 2
#: characters of the longest title row compared with the slug (two long headlines
#: take about 300)
_TITLE_ROW = 2000
#: spread (log scale) of paragraph lengths around the dump's median
_LENGTH_SIGMA = 0.65
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


def _length_density(chars: int, log_median: float) -> float:
    """Log-normal density of a paragraph's length in characters, around the median
    length whose log is ``log_median`` (taken once per row by the caller)."""
    if chars <= 0:
        return 0.0
    z = (math.log(chars) - log_median) / _LENGTH_SIGMA
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
        if limit is None or len(self.listed) <= limit:
            return sorted(pairs, reverse=True)
        # the same as sorting and cutting (heapq.nlargest is documented so), cheaper
        # for a long list; a short one sorts quicker than heapq's Python code runs
        return heapq.nlargest(limit, pairs)

    def best_split(self) -> tuple[int, float]:
        if self.listed:
            p, at = max(zip(self.listed.values(), self.listed.keys(), strict=True))
            return at, p
        if self.n_spaces:
            at = self.text.find(" ", len(self.text) // 2)
            at = at if at >= 0 else self.text.rindex(" ")
            return at, self.split_probability(at)
        return -1, 0.0


def model_row(
    text: str,
    line: int,
    median: float,
    *,
    title: bool = False,
    url: str = "",
    pairs: RowPairs | None = None,
) -> RowModel:
    """The split model of one row (also used for a differing title row).

    Candidate splits are the spaces that look like a paragraph end (sentence end,
    then a capital) and the spaces where the two halves start or end with the same
    word. Each is weighed by how alike its halves are (shared word pairs: an edited
    paragraph shares most of them with its old self), by the boundary, and by how
    well each half's length fits the dump's paragraphs. A title row's split whose
    half has the words of the slug of the article's ``url`` (:func:`slug_words`) is a
    candidate too, weighed up by ``_SLUG`` (``_SLUG_NEAR`` when a word or two off).
    ``pairs`` are the row's word pairs when the caller has them already (the same
    model either way).
    """
    n_spaces = text.count(" ")
    if n_spaces == 0:
        return RowModel(text, line, 0, {}, 0.0, 0.0, False)
    if n_spaces == 1:
        # one space: a change row can only split there
        return RowModel(text, line, 1, {text.index(" "): 1.0}, 0.0, _REPLACE_ODDS, False)

    headline: dict[int, int] = {}
    # an unchanged title ("T T") splits in the middle whatever the URL says, and a row
    # longer than _TITLE_ROW is no pair of headlines: neither is searched
    if title and url and len(text) <= _TITLE_ROW and not title_kept(text):
        headline = _slug_splits(text, slug_words(url))
    # Short rows without sentence punctuation (tag lists, share links) split like
    # titles: before a capital.
    title = title or is_footer(text)
    if title:
        bounds = {
            m.start(): 1.0
            for m in _SPACE_NOT_BEFORE_LOWER.finditer(text)
            if _starts_paragraph(text[m.end()])
        }
    else:
        bounds = boundaries(text)
    cands = set(bounds) | set(headline)
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
    # halves differ by far more distinct word pairs than it misses cannot compete,
    # and their pairs need not be compared (the difference bounds what it misses).
    # Distinct pairs, not words: a half that repeats a phrase of the other (a
    # sentence added that echoes the paragraph) has fewer pairs than words.
    left_words: dict[int, int] = {}
    words, counted = 1, 0  # counted in one pass: a long row can have a split per word
    for at in sorted(cands):
        words += text.count(" ", counted, at)
        left_words[at], counted = words, at
    imbalance = {at: abs(2 * left_words[at] - n_spaces - 1) for at in cands}
    least_alike: int | None = None
    if pairs is None and len(cands) > 2:
        # tabulating the pairs pays off from about three splits on
        pairs = RowPairs(text)
    for at in sorted(cands, key=imbalance.__getitem__):
        if least_alike is not None and pairs is not None and pairs.plain:
            left, right = pairs.half_sizes(left_words[at])
            apart = abs(left - right)
            if apart >= least_alike + _MAX_MISSED:
                sims[at], misses[at] = 0.0, apart
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
    log_median = 0.0 if title else math.log(median)
    for at in cands:
        sim = sims[at]
        b = bounds.get(at, _BOUNDARY_NONE)
        if title:
            fit = math.exp(-2.0 * abs(2 * at + 1 - length) / length) if sim < 0.5 else 1.0
        else:
            fit = _length_density(at, log_median) * _length_density(length - at - 1, log_median)
            fit *= median * median  # keep weights near 1 for paragraph-sized halves
        w = b * fit * math.exp(_SIMILAR * sim)
        if sim >= 0.5 and _adds_whole(text, at):
            w *= _ADDED
        if at in headline:
            w *= _SLUG if headline[at] == 0 else _SLUG_NEAR
        if alike:
            w *= math.exp(-_MISSED_PAIR * min(_MAX_MISSED, misses[at] - least))
        weights[at] = w
    base_fit = 1.0 if title else _length_density(length // 2, log_median) ** 2 * median * median
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
        one = _length_density(length, log_median) * median
        plain = sum(w for at, w in weights.items() if sims[at] < 0.5) + others
        change_odds = _REPLACE_ODDS * plain / (one * _SENTENCES) if one > 0 else 1e6
    return RowModel(text, line, n_spaces, listed, rest, change_odds, edit_like)


#: a space with a character after it other than an ASCII lowercase letter: such a
#: letter starts no paragraph, and in a title most spaces come before one
_SPACE_NOT_BEFORE_LOWER = re.compile(" (?=[^a-z])")
#: a word of a URL slug, and of a title compared with one (case aside)
_SLUG_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)
#: a number that ends a slug (an id, as in ``...-a7951234.html``), not a word of it
_SLUG_ID = re.compile(r"[a-z]?[0-9]{5,}")
_URL_SUFFIX = re.compile(r"\.[a-z]+$")


def slug_words(url: str) -> tuple[str, ...]:
    """The words of the headline an article's URL was made from: its path segment
    with the most hyphens, less an extension and an id at its end; none when that
    segment has fewer than three words (``/news/world-35178321`` has no headline)."""
    path = url.split("://", 1)[-1].partition("/")[2]
    path = path.split("?", 1)[0].split("#", 1)[0]
    segment = max(path.split("/"), key=lambda part: part.count("-"))
    words = [w.lower() for w in _SLUG_WORD.findall(_URL_SUFFIX.sub("", segment))]
    while words and _SLUG_ID.fullmatch(words[-1]):
        words.pop()
    return tuple(words) if len(words) >= 3 else ()


def _slug_splits(text: str, slug: tuple[str, ...]) -> dict[int, int]:
    """The spaces of a title row where its old half, or its new half, has the words of
    ``slug`` but for at most ``_SLUG_EDITS`` words (a title edited since the URL was
    made), the fewest found: ``{space: words off}``."""
    if not slug:
        return {}
    spans = [(m.start(), m.end()) for m in _SLUG_WORD.finditer(text)]
    words = [text[a:b].lower() for a, b in spans]
    n, k = len(words), len(slug)
    # halves of j words, from the start (the old title) or from the end (the new one),
    # and how many words off the slug each is
    halves: list[tuple[bool, int, int]] = [
        (from_end, k, 0)
        for from_end in (False, True)
        if n > k and tuple(words[n - k :] if from_end else words[:k]) == slug
    ]
    if not halves:
        for from_end in (False, True):
            off = _words_off(words[::-1] if from_end else words, slug[::-1] if from_end else slug)
            halves += [(from_end, j, d) for j, d in enumerate(off) if 0 < j < n]
    fewest = min((d for _e, _j, d in halves), default=_SLUG_EDITS + 1)
    found: dict[int, int] = {}
    for from_end, j, d in halves:
        if d != fewest or d > _SLUG_EDITS:
            continue
        # the spaces between the half's last word and the other half's first
        lo, hi = (
            (spans[n - j - 1][1], spans[n - j][0]) if from_end else (spans[j - 1][1], spans[j][0])
        )
        at = text.find(" ", lo, hi)
        while at >= 0:
            found[at] = d
            at = text.find(" ", at + 1, hi)
    return found


def _words_off(words: list[str], slug: tuple[str, ...]) -> list[int]:
    """How many words (inserted, dropped or changed) the first ``j`` of ``words`` are
    off ``slug``, for ``j`` from 0 to the slug's length and ``_SLUG_EDITS`` more: one
    edit-distance table the size of the slug, squared, however long the row."""
    cols = min(len(words), len(slug) + _SLUG_EDITS) + 1
    prev = list(range(cols))
    for i, want in enumerate(slug, 1):
        cur = [i] * cols
        for j in range(1, cols):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (want != words[j - 1]))
        prev = cur
    return prev


def title_kept(title_row: str) -> bool:
    """Whether a title row shows one title twice (``T T``): the title did not change."""
    half = len(title_row) // 2
    return len(title_row) % 2 == 1 and title_row[:half] == title_row[half + 1 :]


def _adds_whole(text: str, at: int) -> bool:
    """Whether the new half is the old half with text added before or after it."""
    if len(text) - at - 1 <= at:
        return False  # the new half is no longer than the old (an unchanged title's)
    old = text[:at]
    new = text[at + 1 :]
    return new.startswith(old + " ") or new.endswith(" " + old)


_ENDS_SENTENCE = re.compile(r"[.!?:;][”\"’')\]]*\u00a0*(?: |$)")


def length_is_short(text: str) -> bool:
    return len(text) < 80


def is_footer(paragraph: str) -> bool:
    """A tag or a share link: short, no sentence punctuation."""
    return length_is_short(paragraph) and not _ENDS_SENTENCE.search(paragraph)


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


class PairIds:
    """One int per distinct word pair, for all the rows that share it (a dump's rows):
    sets of ints are built and intersected several times faster than sets of tuples,
    whose hashes are not cached, and equal ids are equal pairs (no hash collisions)."""

    __slots__ = ("_fresh", "_ids")

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], int] = {}
        # every id is drawn once, so a new pair never takes an id in use
        self._fresh = itertools.count()

    def of_pairs(self, words: list[str]) -> list[int]:
        """The ids of the adjacent pairs of ``words``, in order."""
        return list(map(self._ids.setdefault, itertools.pairwise(words), self._fresh))

    def of(self, first: str, second: str) -> int:
        return self._ids.setdefault((first, second), next(self._fresh))


class RowPairs:
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

    ``words`` are the row's words and ``inner`` the ids (from ``ids``) of its adjacent
    pairs; the tables are built on the first :meth:`similarity` or :meth:`half_sizes`.
    The splits measured are remembered for :meth:`split_sizes`.
    """

    __slots__ = (
        "first",
        "firsts",
        "ids",
        "inner",
        "last",
        "lasts",
        "plain",
        "splits",
        "text",
        "words",
    )

    def __init__(self, text: str, ids: PairIds | None = None) -> None:
        self.text = text
        self.plain = "\x00" not in text and "\x01" not in text
        self.words = words = text.split(" ")
        self.ids = ids = PairIds() if ids is None else ids
        self.inner = ids.of_pairs(words)
        self.last: dict[int, int] | None = None
        self.first: dict[int, int] = {}
        self.firsts: list[int] | None = None
        self.lasts: list[int] = []
        self.splits: dict[int, tuple[int, int, int]] = {}

    def _tabulate(self) -> dict[int, int]:
        inner = self.inner
        m = len(inner)
        self.last = last = dict(zip(inner, range(m), strict=True))
        self.first = last
        if len(last) < m:  # some pair occurs more than once
            self.first = first = dict(zip(reversed(inner), range(m - 1, -1, -1), strict=True))
            self.firsts = sorted(first.values())
            self.lasts = sorted(last.values())
        return last

    def half_sizes(self, k: int) -> tuple[int, int]:
        """How many distinct pairs each half of the split after the ``k``-th word
        has, its end pairs included (for a plain row: see the class docstring)."""
        last = self.last if self.last is not None else self._tabulate()
        if self.firsts is None:
            return k + 1, len(self.inner) - k + 2
        return bisect_left(self.firsts, k - 1) + 2, len(last) - bisect_left(self.lasts, k) + 2

    def split_sizes(self, at: int) -> tuple[int, int, int]:
        """The words before the space ``at`` and :meth:`half_sizes` of that split
        (for a plain row)."""
        found = self.splits.get(at)
        if found is None:
            k = self.text.count(" ", 0, at) + 1
            found = self.splits[at] = (k, *self.half_sizes(k))
        return found

    def similarity(self, at: int, k: int) -> tuple[float, int]:
        """:func:`_similarity` of the split at the space ``at``, after the ``k``-th word."""
        if not self.plain:
            return _similarity(self.text, at)
        last = self.last if self.last is not None else self._tabulate()
        left, right = self.half_sizes(k)
        self.splits[at] = (k, left, right)
        words = self.words
        # the end pairs are in common when the halves start (end) with the same word
        common = (words[0] == words[k]) + (words[k - 1] == words[-1])
        if self.firsts is not None:
            # every distinct inner pair is in one half or both (see the class
            # docstring), so the pairs in both are those counted twice
            spanning = self.inner[k - 1]
            only_there = self.first[spanning] == last[spanning]
            common += (left - 2) + (right - 2) - (len(last) - only_there)
        return 2 * common / (left + right), left + right - 2 * common
