"""Generated NewsSniffer articles and the text dumps NewsSniffer would have shown for them.

Contract: plain Python, standard library only, deterministic for a given
``random.Random``. :func:`random_article` invents an article (original text, not copied
from any real dump) with a chain of versions whose edits resemble real news updates;
:func:`build_rows` pairs the paragraphs of two versions exactly as NewsSniffer's
``lib/diff_html.rb`` did (Ruby diff-lcs ``traverse_balanced``); :func:`render_text` turns
a comparison into the text dump a user would have saved from the page
(``../shared/FORMATS.md`` section 1), byte for byte.

A text dump cannot hold runs of ASCII whitespace, so what a text parser can recover of
a version is :func:`text_paragraphs` / :func:`text_title` of it, not the raw strings.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

STATUS_TEXTS = (
    "It will not be checked again for changes.",
    "It last changed over 40 days ago and won't be checked again for changes.",
    "The next check for changes will be .",
)

NBSP = "\u00a0"


@dataclass
class GenVersion:
    number: int
    title: str
    paragraphs: list[str]
    captured: datetime  # UTC


@dataclass
class GenArticle:
    source: str
    url: str
    versions: list[GenVersion]
    status: str  # one of STATUS_TEXTS

    def version(self, number: int) -> GenVersion:
        for v in self.versions:
            if v.number == number:
                return v
        raise KeyError(number)


@dataclass(frozen=True)
class DumpRow:
    kind: Literal["match", "change", "delete", "insert"]
    old: str | None
    new: str | None


# ---------------------------------------------------------------------------
# The row rules (diff-lcs emulation)


def _lcs_vector(a: Sequence[str], b: Sequence[str]) -> dict[int, int]:
    """Diff::LCS::Internals.lcs: index in ``a`` -> matched index in ``b``.

    Follows the Ruby code step by step (common prefix and suffix first, then the
    Hunt-Szymanski threshold walk with ``b`` positions visited in reverse), so that
    among several longest common subsequences it picks the same one Ruby did.
    """
    vector: dict[int, int] = {}
    a_start = b_start = 0
    a_finish = len(a) - 1
    b_finish = len(b) - 1
    while a_start <= a_finish and b_start <= b_finish and a[a_start] == b[b_start]:
        vector[a_start] = b_start
        a_start += 1
        b_start += 1
    b_start = a_start
    while a_start <= a_finish and b_start <= b_finish and a[a_finish] == b[b_finish]:
        vector[a_finish] = b_finish
        a_finish -= 1
        b_finish -= 1

    b_matches: dict[str, list[int]] = {}
    for j in range(b_start, b_finish + 1):
        b_matches.setdefault(b[j], []).append(j)

    thresh: list[int] = []
    links: list[tuple[object, int, int] | None] = []
    for i in range(a_start, a_finish + 1):
        k: int | None = None
        for j in reversed(b_matches.get(a[i], ())):
            # Ruby's thresh[k - 1] with k == 0 reads the last element.
            if k is not None and k < len(thresh) and thresh[k] > j and thresh[k - 1] < j:
                thresh[k] = j
            else:
                k = _replace_next_larger(thresh, j, k)
            if k is not None:
                link = (links[k - 1] if k > 0 else None, i, j)
                while len(links) <= k:
                    links.append(None)
                links[k] = link
    if thresh:
        node = links[len(thresh) - 1]
        while node is not None:
            prev, i, j = node
            vector[i] = j
            node = prev  # type: ignore[assignment]
    return vector


def _replace_next_larger(enum: list[int], value: int, last_index: int | None) -> int | None:
    if not enum or value > enum[-1]:
        enum.append(value)
        return len(enum) - 1
    hi = len(enum) if last_index is None else last_index
    lo = 0
    while lo <= hi:
        i = (lo + hi) >> 1
        found = enum[i] if i < len(enum) else None
        if found is None:
            # Ruby returns nil for an index past the end; nil comparisons raise there,
            # which this path never reaches because value <= enum[-1].
            hi = i - 1
            continue
        if value == found:
            return None
        if value > found:
            lo = i + 1
        else:
            hi = i - 1
    enum[lo] = value
    return lo


def build_rows(old: list[str], new: list[str]) -> list[DumpRow]:
    """The rows of NewsSniffer's comparison table for paragraph lists ``old`` and ``new``."""
    matches = _lcs_vector(old, new)
    rows: list[DumpRow] = []
    ai = bj = 0

    def gap(ma: int, mb: int) -> None:
        nonlocal ai, bj
        while ai < ma and bj < mb:
            rows.append(DumpRow("change", old[ai], new[bj]))
            ai += 1
            bj += 1
        while ai < ma:
            rows.append(DumpRow("delete", old[ai], None))
            ai += 1
        while bj < mb:
            rows.append(DumpRow("insert", None, new[bj]))
            bj += 1

    for ma in sorted(matches):
        mb = matches[ma]
        gap(ma, mb)
        rows.append(DumpRow("match", old[ai], new[bj]))
        ai += 1
        bj += 1
    gap(len(old), len(new))
    return rows


# ---------------------------------------------------------------------------
# Text rendering

_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")


def collapse(text: str) -> str:
    """What text extraction did to a cell: ASCII whitespace runs to one space, trimmed.
    U+00A0 is not ASCII whitespace and stays."""
    return _ASCII_WS.sub(" ", text).strip(" ")


def text_paragraphs(version: GenVersion) -> list[str]:
    """The paragraphs of ``version`` as a text dump can hold them."""
    return [collapse(p) for p in version.paragraphs]


def text_title(version: GenVersion) -> str:
    return collapse(version.title)


def row_text(row: DumpRow) -> str:
    if row.kind == "match":
        return collapse((row.old or "") + (row.new or ""))
    return collapse((row.old or "") + " " + (row.new or ""))


def _ruby_round(x: float) -> int:
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


def distance_of_time_in_words(start: datetime, end: datetime) -> str:
    """Rails' ``distance_of_time_in_words`` (English, without seconds)."""
    if start > end:
        start, end = end, start
    seconds = (end - start).total_seconds()
    minutes = _ruby_round(seconds / 60.0)
    if minutes <= 1:
        return "less than a minute" if minutes == 0 else "1 minute"
    if minutes < 45:
        return f"{minutes} minutes"
    if minutes < 90:
        return "about 1 hour"
    if minutes < 1440:
        return _plural(_ruby_round(minutes / 60.0), "hour", about=True)
    if minutes < 2520:
        return "1 day"
    if minutes < 43200:
        return _plural(_ruby_round(minutes / 1440.0), "day")
    if minutes < 86400:
        return "about 1 month"
    if minutes < 525600:
        return _plural(_ruby_round(minutes / 43200.0), "month")
    from_year = start.year + (1 if start.month >= 3 else 0)
    to_year = end.year - (1 if end.month < 3 else 0)
    leap = 0
    if from_year <= to_year:
        leap = sum(
            1
            for y in range(from_year, to_year + 1)
            if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        )
    with_offset = minutes - leap * 1440
    remainder = with_offset % 525600
    years = with_offset // 525600
    if remainder < 131400:
        return _plural(years, "year", about=True)
    if remainder < 394200:
        return "over " + _plural(years, "year")
    return "almost " + _plural(years + 1, "year")


def _plural(n: int, unit: str, *, about: bool = False) -> str:
    words = f"{n} {unit}" + ("" if n == 1 else "s")
    return ("about " + words) if about else words


def render_text(article: GenArticle, a: int, b: int) -> str:
    """The text dump of the page comparing version ``a`` (old) with ``b`` (new)."""
    va, vb = article.version(a), article.version(b)
    word = "later" if vb.captured >= va.captured else "earlier"
    lines = [
        f"This article is from the source '{article.source}' and was first published or "
        f"seen on . {article.status}",
        "",
        f"You can find the current article at its original source at {article.url}",
        "",
        f"The article has changed {len(article.versions)} times. "
        "There is an RSS feed of changes available.",
        "",
        f"Version {a} Version {b}",
        collapse(va.title + " " + vb.title),
        f"({distance_of_time_in_words(va.captured, vb.captured)} {word})",
    ]
    lines.extend(row_text(r) for r in build_rows(va.paragraphs, vb.paragraphs))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Invented text

_NAMES = (
    "Harriet Vell",
    "Tomas Arbeck",
    "Nadia Querol",
    "Piet Oduya",
    "Mireille Stanko",
    "Joaquin Della",
    "Ruth Akande",
    "Oskar Lindqvist",
    "Imogen Farrant",
    "Dev Anand Rao",
    "Carla Menzies",
    "Yusuf Haddad",
    "Greta Olsen",
    "Felix Mbeki",
    "Lena Korhonen",
)
_PLACES = (
    "Brannock",
    "Eastmere",
    "Valdoria",
    "Port Sellin",
    "Kestrow",
    "the Ardent valley",
    "Lower Fenwick",
    "Marisol",
    "the northern provinces",
    "Tarnby",
    "Ostrava Bay",
)
_ORGS = (
    "the interior ministry",
    "the city council",
    "the central bank",
    "the transport union",
    "the health authority",
    "the opposition party",
    "the electoral commission",
    "the regional government",
    "the port authority",
    "the defence ministry",
)
_ROLES = (
    "the prime minister",
    "a senior official",
    "the spokeswoman",
    "the mayor",
    "the chief executive",
    "a government source",
    "the foreign secretary",
    "the police commissioner",
    "an aid worker",
    "the committee chair",
)
_VERBS_SAID = ("said", "told reporters", "confirmed", "warned", "added", "insisted")
_DAYS = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "at the weekend",
    "last week",
    "earlier this month",
    "overnight",
)
_CLAUSES = (
    "the plan would be reviewed before the end of the year",
    "talks with neighbouring states had stalled",
    "more than {n} people had been affected by the flooding",
    "the budget for road repairs would rise by {n}%",
    "the inquiry was expected to report within {n} weeks",
    "emergency crews had reached the worst-hit areas",
    "it was too early to say what caused the collapse",
    "the decision had been taken after careful consideration",
    "negotiations would resume once both sides had consulted their members",
    "the measures were temporary and would be lifted as soon as possible",
    "a further {n} officers would be deployed to the area",
    "the ruling could be challenged in the higher courts",
    "investors had reacted calmly to the announcement",
    "the figures showed a sharp fall in exports",
    "residents had been told to stay indoors",
)
_OPENERS = (
    "{Role} {said} {day} that {clause}.",
    "{Name}, {role}, {said} {day} that {clause}.",
    "In {place}, {org} {said} {clause}.",
    "According to {org}, {clause}.",
    "“{Clause},” {name} {said}.",
    "{Name} {said}: “{Clause}.”",
    "The announcement came as {org} {said} {clause}.",
    "Officials in {place} {said} {day} that {clause}, but gave no details.",
    "It is not yet clear whether {clause}.",
    "Critics argue that {clause}, a claim {org} rejects.",
    "Some {n} people gathered in {place} {day} after {org} {said} {clause}.",
)
_FILLER_WORDS = (
    "recent",
    "sharp",
    "widely",
    "early",
    "serious",
    "formal",
    "local",
    "national",
    "latest",
    "unexpected",
    "previous",
    "brief",
    "growing",
    "public",
    "initial",
)
_TAGS = (
    "Politics",
    "World news",
    "Europe",
    "Economics",
    "Flooding",
    "Transport",
    "Health",
    "Business",
    "Elections",
    "Defence",
    "Local government",
    "news",
    "Environment",
)
_SHARE = (
    "Share on Facebook",
    "Share on Twitter",
    "Share via Email",
    "Share on LinkedIn",
    "Share on WhatsApp",
    "Reuse this content",
)
_SOURCES = (
    ("guardian", "https://www.theguardian.com/world/{y}/{m}/{d}/{slug}"),
    ("bbc", "http://www.bbc.co.uk/news/world-{n}"),
    ("nytimes", "http://www.nytimes.com/{y}/{mm}/{d}/world/{slug}.html"),
    ("washingtonpost", "https://www.washingtonpost.com/world/{slug}/{y}/{mm}/{d}/{n}_story.html"),
    ("independent", "http://www.independent.co.uk/news/world/{slug}-a{n}.html"),
)


def _fill(rng: random.Random, template: str, used: set[str] | None = None) -> str:
    """``template`` with its slots filled; a clause already in ``used`` is not picked
    again (real paragraphs do not repeat themselves)."""
    used = set() if used is None else used

    def clause() -> str:
        fresh = [c for c in _CLAUSES if c not in used] or list(_CLAUSES)
        c = rng.choice(fresh)
        used.add(c)
        return _fill(rng, c, used)

    def pick(key: str) -> str:
        low = key.lower()
        if low == "name":
            v = rng.choice(_NAMES)
        elif low == "place":
            v = rng.choice(_PLACES)
        elif low == "org":
            v = rng.choice(_ORGS)
        elif low == "role":
            v = rng.choice(_ROLES)
        elif low == "said":
            v = rng.choice(_VERBS_SAID)
        elif low == "day":
            v = rng.choice(_DAYS)
        elif low == "clause":
            v = clause()
        elif low == "n":
            v = str(rng.choice((3, 12, 40, 150, 2000, 7, 25, 60)) * rng.randint(1, 9))
        else:
            v = key
        return v[0].upper() + v[1:] if key[0].isupper() else v

    return re.sub(r"\{(\w+)\}", lambda m: pick(m.group(1)), template)


def _sentence(rng: random.Random, used: set[str] | None = None) -> str:
    used = set() if used is None else used
    opener = rng.choice([o for o in _OPENERS if o not in used] or list(_OPENERS))
    used.add(opener)
    s = _fill(rng, opener, used)
    if rng.random() < 0.25:
        # a longer sentence: an extra clause joined by a comma
        extra = _fill(rng, "{clause}", used)
        s = s[:-1] + f", and {extra}." if s.endswith(".") and not s.endswith("”.") else s
    return s


def _paragraph(rng: random.Random) -> str:
    n = rng.choices((1, 2, 3, 4), weights=(35, 40, 18, 7))[0]
    used: set[str] = set()
    return " ".join(_sentence(rng, used) for _ in range(n))


def _headline(rng: random.Random) -> str:
    forms = (
        "{Place} {thing} as {org} {acts}",
        "{Name} {acts} over {thing}",
        "{Thing}: {org} {acts}",
        "{Place} braces for {thing}",
    )
    things = (
        "flood warnings",
        "budget row",
        "strike talks",
        "border dispute",
        "storm damage",
        "election result",
        "rail closures",
        "bank rate rise",
        "hospital delays",
    )
    acts = ("says sorry", "steps in", "rejects claims", "promises review", "warns of delays")
    t = rng.choice(forms)
    t = t.replace("{thing}", rng.choice(things)).replace("{Thing}", rng.choice(things).title())
    t = t.replace("{acts}", rng.choice(acts))
    return _fill(rng, t)


# ---------------------------------------------------------------------------
# Edits between versions


def _word_edit(rng: random.Random, p: str) -> str:
    words = p.split(" ")
    # the first word stays: editors rarely touch it, and a lower-case word there
    # would not read as a sentence start
    i = rng.randrange(1, len(words)) if len(words) > 1 else 0
    r = rng.random()
    if r < 0.35:
        words[i] = rng.choice((*_FILLER_WORDS, "the", "a", "its", "their", "new", "said"))
    elif r < 0.6:
        words.insert(i, rng.choice(_FILLER_WORDS))
    elif r < 0.75 and len(words) > 4:
        del words[i]
    elif r < 0.9:
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[:j] + w[j] + w[j:]
        else:
            words[i] = w.upper() if w.islower() else w.lower()
    else:
        words[i] = str(rng.randint(2, 900))
    return " ".join(words)


def _punct_edit(rng: random.Random, p: str) -> str:
    choices = [
        (",", ";"),
        (" that ", ", that "),
        ("“", '"'),
        ("”", '"'),
        ("’", "'"),
        (".", "!"),
        (", ", " - "),
        (" – ", ", "),
    ]
    rng.shuffle(choices)
    for a, b in choices:
        if a in p:
            idx = [m.start() for m in re.finditer(re.escape(a), p)]
            at = rng.choice(idx)
            return p[:at] + b + p[at + len(a) :]
    return p + "," if not p.endswith(",") else p[:-1]


def _whitespace_edit(rng: random.Random, p: str) -> str:
    spaces = [m.start() for m in re.finditer(" ", p)]
    if not spaces:
        return p + NBSP
    at = rng.choice(spaces)
    r = rng.random()
    if r < 0.5:
        return p[:at] + "  " + p[at + 1 :]  # invisible in a text dump
    if r < 0.8:
        return p[:at] + NBSP + p[at + 1 :]
    return p + NBSP if not p.endswith(NBSP) else p[:-1]


def _sentences(p: str) -> list[str]:
    parts = re.split(r"(?<=[.!?”])\s(?=[A-Z“])", p)
    return [s for s in parts if s]


def _step(rng: random.Random, prev: GenVersion, when: datetime) -> GenVersion:
    title = prev.title
    paras = list(prev.paragraphs)
    body_end = len(paras)
    while body_end and _is_footer(paras[body_end - 1]):
        body_end -= 1
    body = paras[:body_end]
    footer = paras[body_end:]

    def some_index(top_bias: bool = False) -> int:
        if not body:
            return 0
        if top_bias and rng.random() < 0.5:
            return rng.randrange(min(3, len(body)))
        return rng.randrange(len(body))

    mode = rng.choices(("small", "medium", "big"), weights=(72, 22, 6))[0]
    if mode == "small":
        ops = rng.choices(
            ("word", "word2", "punct", "space", "append", "insert", "delete", "title"),
            weights=(42, 10, 12, 6, 8, 12, 4, 6),
            k=rng.choice((1, 1, 1, 2)),
        )
    elif mode == "medium":
        ops = rng.choices(
            (
                "word",
                "punct",
                "append",
                "prepend",
                "drop_sentence",
                "insert",
                "delete",
                "move",
                "split",
                "merge",
                "rewrite",
                "title",
                "title_rewrite",
                "footer",
            ),
            weights=(30, 8, 8, 4, 5, 14, 7, 5, 4, 4, 5, 6, 3, 2),
            k=rng.randint(2, 5),
        )
    else:
        ops = ["big", *rng.choices(("word", "insert", "delete", "title_rewrite"), k=2)]

    for op in ops:
        if not body and op not in ("insert", "title", "title_rewrite", "big"):
            op = "insert"
        if op in ("word", "word2"):
            i = some_index()
            for _ in range(1 if op == "word" else rng.randint(2, 4)):
                body[i] = _word_edit(rng, body[i])
        elif op == "punct":
            i = some_index()
            body[i] = _punct_edit(rng, body[i])
        elif op == "space":
            i = some_index()
            body[i] = _whitespace_edit(rng, body[i])
        elif op == "append":
            i = some_index()
            body[i] = body[i] + " " + _sentence(rng)
        elif op == "prepend":
            i = some_index()
            body[i] = _sentence(rng) + " " + body[i]
        elif op == "drop_sentence":
            i = some_index()
            ss = _sentences(body[i])
            if len(ss) > 1:
                del ss[rng.randrange(len(ss))]
                body[i] = " ".join(ss)
        elif op == "insert":
            for _ in range(rng.choices((1, 2, 3), weights=(75, 18, 7))[0]):
                # a new paragraph goes before any paragraph or after the last one
                # (updates also add a closing paragraph)
                at = (
                    some_index(top_bias=True)
                    if rng.random() < len(body) / (len(body) + 1)
                    else len(body)
                )
                body.insert(at, _paragraph(rng))
        elif op == "delete" and len(body) > 3:
            del body[some_index()]
        elif op == "move" and len(body) > 3:
            p = body.pop(some_index())
            body.insert(some_index(), p)
        elif op == "split":
            i = some_index()
            ss = _sentences(body[i])
            if len(ss) > 1:
                cut = rng.randrange(1, len(ss))
                body[i : i + 1] = [" ".join(ss[:cut]), " ".join(ss[cut:])]
        elif op == "merge" and len(body) > 3:
            i = rng.randrange(len(body) - 1)
            body[i : i + 2] = [body[i] + " " + body[i + 1]]
        elif op == "rewrite":
            body[some_index()] = _paragraph(rng)
        elif op == "title":
            title = _word_edit(rng, title)
        elif op == "title_rewrite":
            title = _headline(rng)
        elif op == "footer":
            footer = _footer(rng)
        elif op == "big":
            k = rng.randint(2, min(6, max(2, len(body))))
            fresh = [_paragraph(rng) for _ in range(rng.randint(k - 1, k + 3))]
            body[:k] = fresh
            for _ in range(rng.randint(0, 2)):
                if len(body) > max(4, k):
                    del body[rng.randrange(k, len(body))]
    paras = body + footer
    if paras == prev.paragraphs and title == prev.title:
        i = some_index() if body else 0
        if body:
            paras[i] = _word_edit(rng, paras[i])
        else:
            paras.insert(0, _paragraph(rng))
    return GenVersion(prev.number + 1, title, paras, when)


def _is_footer(p: str) -> bool:
    return p in _TAGS or p in _SHARE


def _footer(rng: random.Random) -> list[str]:
    if rng.random() < 0.4:
        return []
    tags = rng.sample(_TAGS, rng.randint(2, 6))
    share = list(_SHARE[: rng.randint(0, len(_SHARE))])
    return tags + share


def random_article(
    rng: random.Random,
    *,
    n_versions: int | None = None,
    n_paragraphs: int | None = None,
) -> GenArticle:
    """An invented article with ``n_versions`` versions (2 to 12 when not given)."""
    source, pattern = rng.choice(_SOURCES)
    start = datetime(2014, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(5 * 365 * 1440))
    title = _headline(rng)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    url = pattern.format(
        y=start.year,
        m=start.strftime("%b").lower(),
        mm=f"{start.month:02d}",
        d=f"{start.day:02d}",
        slug=slug,
        n=rng.randint(10_000_000, 99_999_999),
    )
    count = n_paragraphs if n_paragraphs is not None else rng.randint(4, 28)
    paras = [_paragraph(rng) for _ in range(count)]
    if rng.random() < 0.15 and paras:
        # seed 000 has a paragraph ending in a no-break space
        i = rng.randrange(len(paras))
        paras[i] += NBSP
    paras += _footer(rng)
    versions = [GenVersion(0, title, paras, start)]
    total = n_versions if n_versions is not None else rng.randint(2, 12)
    when = start
    for _ in range(total - 1):
        when = when + timedelta(seconds=int(math.exp(rng.uniform(math.log(90), math.log(4e5)))))
        versions.append(_step(rng, versions[-1], when))
    status = rng.choice(STATUS_TEXTS)
    return GenArticle(source, url, versions, status)
