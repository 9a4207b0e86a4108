"""NewsSniffer diff pages saved as text: both versions, recovered by evidence.

Contract: :func:`sniff` recognises the dump by its first line
(``This article is from the source '``), after an optional BOM, in UTF-8, UTF-16 or
UTF-32; :func:`parse` returns one :class:`~revviewer.core.model.Article` fragment with
the page's two versions (old ``A`` and new ``B``), ``sources=[path]``, the new
version's ``distance`` as the dump gives it (``"about 5 hours later"``), the article's
``version_count`` and ``status``. A dump that does not follow the layout of
``../shared/FORMATS.md`` section 1 raises :class:`~revviewer.core.errors.DumpError`
naming the 1-based line.

A text dump loses where each change row splits, which side a one-sided row is on and
where a differing title row splits; :mod:`revviewer.core.formats._reading` chooses by
evidence, and every choice that could be wrong is listed in ``Version.inferred`` with
its probability. The fragment's ``alternatives`` keeps the model, so merging can read
the dump again under the constraint that a version shared with another dump must
come out the same from both.
"""

from __future__ import annotations

import re

from revviewer.core.errors import DumpError, header_number
from revviewer.core.formats._reading import Reading, RowReading
from revviewer.core.merge import Texts
from revviewer.core.model import Article, Inference, Version, article_key
from revviewer.core.textio import BOMS, decode_dump

NAME = "newssniffer-text"
DESCRIPTION = "NewsSniffer diff page saved as text"
MIME_TYPES = ("text/plain",)

_PREFIX = "This article is from the source '"

_FIRST = re.compile(
    r"This article is from the source '(?P<source>.*)' and was first published or seen on "
    r"(?P<seen>.*?)\. ?(?P<status>.*)"
)
_URL = re.compile(r"You can find the current article at its original source at (?P<url>\S+)")
_COUNT = re.compile(
    r"The article has changed (?P<n>[0-9]+) times?\."
    r"(?: There is an RSS feed of changes available\.)?"
)
_VERSIONS = re.compile(r"Version (?P<a>[0-9]+) Version (?P<b>[0-9]+)")
_DISTANCE = re.compile(r"\((?P<words>.+) (?P<dir>later|earlier)\)")


def sniff(head: bytes) -> bool:
    for bom, enc in BOMS:
        if head.startswith(bom):
            start = head[len(bom) : len(bom) + 4 * len(_PREFIX)]
            text = start.decode(enc, errors="ignore")
            return text.startswith(_PREFIX)
    return head.startswith(_PREFIX.encode("ascii"))


class TextDumpAlternatives:
    """The ways one text dump can be read, for :mod:`revviewer.core.merge`.

    ``numbers`` are the dump's (old, new) version numbers; :meth:`read` gives the
    likeliest reading with the given versions fixed to the given texts (or None when
    the dump cannot give them), as ``(probability, {number: (texts, inferences)})``.
    Texts from elsewhere (an HTML page of the same comparison) are compared as a text
    dump would show them: ASCII whitespace collapsed, empty paragraphs gone.
    """

    def __init__(self, path: str, reading: RowReading, old: int, new: int) -> None:
        self.path = path
        self.model = reading
        self.numbers = (old, new)
        self._shown: dict[Texts, Texts] = {}
        # merging asks for the same constraint through both total() and read()
        self._readings: dict[tuple[Texts | None, Texts | None], Reading | None] = {}

    def _as_shown(self, texts: Texts | None) -> Texts | None:
        if texts is None:
            return None
        found = self._shown.get(texts)
        if found is None:
            found = self._shown[texts] = _as_shown(texts)
        return found

    def candidates(self, number: int, limit: int) -> list[tuple[Texts, float]]:
        side = "old" if number == self.numbers[0] else "new"
        return self.model.candidates(side, limit)

    def _constrained(self, fixed: dict[int, Texts]) -> Reading | None:
        """The model's likeliest reading giving the ``fixed`` texts, read once per
        constraint."""
        a, b = self.numbers
        key = (self._as_shown(fixed.get(a)), self._as_shown(fixed.get(b)))
        if key not in self._readings:
            self._readings[key] = self.model.constrained(*key)
        return self._readings[key]

    def total(self, fixed: dict[int, Texts]) -> float:
        """Summed probability of every reading giving the ``fixed`` texts."""
        found = self._constrained(fixed)
        return found.total if found is not None else 0.0

    def read(
        self, fixed: dict[int, Texts]
    ) -> tuple[float, dict[int, tuple[Texts, list[Inference]]]] | None:
        a, b = self.numbers
        found = self._constrained(fixed)
        if found is None:
            return None
        return found.probability, {
            a: (found.old, found.old_inferred),
            b: (found.new, found.new_inferred),
        }


_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")
_UNSHOWN = ("  ", "\t", "\n", "\r", "\f", "\v")


def _as_shown(texts: Texts) -> Texts:
    """``texts`` as a text dump shows them."""

    def shown(s: str) -> str:
        if not any(ch in s for ch in _UNSHOWN) and s[:1] != " " and s[-1:] != " ":
            return s  # already as a text dump shows it (the usual case)
        return _ASCII_WS.sub(" ", s).strip(" ")

    title, paragraphs = texts
    return shown(title), tuple(p for p in map(shown, paragraphs) if p)


def parse(path: str, data: bytes) -> list[Article]:
    text = decode_dump(data)
    lines = text.split("\n")
    at = 0  # index of the next line to read

    def expect(pattern: re.Pattern[str], what: str) -> re.Match[str]:
        nonlocal at
        while at < len(lines) and not lines[at].strip():
            at += 1
        if at >= len(lines):
            raise DumpError(f"the dump ends before {what}", len(lines))
        m = pattern.fullmatch(lines[at].strip())
        if m is None:
            shown = lines[at].strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise DumpError(f"expected {what}, found {shown!r}", at + 1)
        at += 1
        return m

    first = lines[0].lstrip("\ufeff")
    m = _FIRST.fullmatch(first.strip())
    if m is None:
        raise DumpError(
            "not a NewsSniffer text dump: the first line should read "
            "\"This article is from the source '...' and was first published or seen on ...\"",
            1,
        )
    at = 1
    source, status = m["source"], m["status"].strip() or None
    url = expect(_URL, "the line 'You can find the current article at its original source at URL'")[
        "url"
    ]
    count = header_number(
        expect(_COUNT, "the line 'The article has changed N times.'")["n"], "version count", at
    )
    mv = expect(_VERSIONS, "the line 'Version A Version B'")
    a, b = (
        header_number(mv["a"], "version number", at),
        header_number(mv["b"], "version number", at),
    )
    if a == b:
        raise DumpError(f"the dump compares version {a} with itself", at)
    if at >= len(lines):
        raise DumpError("the dump ends before the title row", len(lines))
    title_line = at + 1
    title_row = lines[at].strip(" ")
    if not title_row:
        nxt = lines[at + 1].strip() if at + 1 < len(lines) else ""
        if not _DISTANCE.fullmatch(nxt):
            raise DumpError("the title row is empty", title_line)
        # both titles empty: the row's text was nothing
    at += 1
    md = expect(_DISTANCE, "the time between the versions, like '(about 5 hours later)'")
    rows = [(i, row) for i, line in enumerate(lines[at:], at + 1) if (row := line.strip(" "))]
    if not rows:
        raise DumpError("the dump has no paragraph rows after its header", len(lines))

    reading = RowReading(title_row, title_line, rows, url)
    best = reading.best()
    distance = f"{md['words']} {md['dir']}"
    old = Version(a, best.old[0], list(best.old[1]), sources=[path], inferred=best.old_inferred)
    new = Version(
        b,
        best.new[0],
        list(best.new[1]),
        distance=distance,
        sources=[path],
        inferred=best.new_inferred,
    )
    article = Article(
        article_key(url),
        source,
        url,
        sorted([old, new], key=lambda v: v.number),
        version_count=count,
        status=status,
        alternatives=TextDumpAlternatives(path, reading, a, b),
    )
    return [article]
