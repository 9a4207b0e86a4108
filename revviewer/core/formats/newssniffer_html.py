"""NewsSniffer diff pages saved as HTML: both versions, read exactly.

Contract: :func:`sniff` recognises the page by its content (the
``<table class="version_diff">`` of the diff view, or the page title ``'T' diff viewer
(A/B)`` of News Sniffer when a long version list pushes the table past the sniffed
head), whatever the file is called and whether it is UTF-8, UTF-16 or UTF-32 with a
BOM, or Windows-1252; :func:`parse` returns one :class:`~revviewer.core.model.Article`
holding the page's two versions, each read from the markup with nothing inferred
(``Version.inferred`` stays empty), capture times as aware UTC datetimes, the new
version's ``distance`` (``"about 5 hours later"``), ``sources=[path]``. Broken pages
raise :class:`~revviewer.core.errors.DumpError` with the line where the problem shows.
Parsing takes time linear in the page, whatever the page holds.

The markup this follows was read from NewsSniffer's own source (``johnl/news-sniffer``:
``app/views/versions/diff.html.erb``, ``app/views/layouts/newsniffer.html.erb``,
``lib/diff_html.rb``, ``app/controllers/versions_controller.rb``):

- The page header: source in the first ``<cite>``, the article URL in
  ``<cite class="article_url"><a ...>URL</a></cite>``, the version count in ``<var>``.
  Rails escaped all of these, and the titles (``h @vb.title``).
- The table: a ``th.version`` row (``<small>Version A</small>`` left, ``Version B``
  right; A is the old version), a title row (``th.title``; differing titles are
  wrapped in ``<del>``/``<ins>``), a time row (``time[datetime]``, ISO 8601, then
  ``(about 5 hours later)``). Pages of the 2016 redesign put these rows in a
  ``<thead>`` as ``th.time``; earlier pages have no ``thead`` and use ``td.time``.
  One template in between had the ``thead`` without the spacer cells described
  next; all three are read.
- One row per paragraph, inserted with ``raw`` (no escaping), so a paragraph's ``&``
  or ``<`` stands in the page as it was. Since 2016 a row is
  ``<tr id='pN'>`` with two empty ``td.diff-row`` spacer cells around the two paragraph
  cells; before, ``<tr><td>..</td><td>..</td></tr>``. Match rows hold the paragraph
  in both cells, deletions ``<td><del>p</del></td><td></td>``, insertions
  ``<td></td><td><ins>p</ins></td>``.
- Change rows: each paragraph is split with Ruby's ``split(/\\s/)`` (every single ASCII
  whitespace character separates; trailing empty words are dropped) and the two word
  lists are walked with ``Diff::LCS.traverse_sequences``. The old cell is
  ``<del>`` holding `` w`` per common word and ``<del> w </del>`` per deleted one; the
  new cell is ``<ins>`` holding `` w `` per common word and ``<ins> w </ins>`` per
  inserted one. The earliest ``diff_html.rb`` had no word diff: the whole paragraphs
  sat in ``<del>``/``<ins>``; such rows are recognised on pages without a ``thead``.

Recovering a change row's paragraphs strips exactly one added space per word and
joins the words with single spaces. What NewsSniffer itself threw away cannot come
back: a tab or other non-space ASCII whitespace between words of a *changed*
paragraph reads as a space, and trailing whitespace of a changed paragraph is gone.
Match and one-sided rows are verbatim.

Why not ``html.parser``: a raw paragraph such as ``x<y then`` opens a tag there and
swallows the text up to the next ``>``, cell ends included. This module treats as
markup only the tags NewsSniffer writes around and between paragraphs, and keeps
everything inside a paragraph cell as text. A page saved by a browser from its DOM
(recognisable by the ``<tbody>`` a browser inserts, which NewsSniffer never wrote)
has its paragraph text escaped, so there entities in cells are decoded.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from revviewer.core.errors import DumpError, header_number
from revviewer.core.model import Article, Version, article_key
from revviewer.core.textio import BOMS, decode_dump

NAME = "newssniffer-html"
DESCRIPTION = "NewsSniffer diff page saved as HTML (exact; layouts before and after 2016)"
MIME_TYPES = ("text/html", "application/xhtml+xml")

_I = re.IGNORECASE
_IS = re.IGNORECASE | re.DOTALL

# Every pattern here is linear on hostile input: attribute and text runs are bounded
# and exclude "<", lazy runs are bounded, and nothing searches for a closing tag once
# per opening one (a 50 MB page of unclosed tags must be refused in moments).
_TABLE = re.compile(
    r"<table\b[^<>]{0,1000}?\bclass\s*=\s*['\"]?\s*version_diff\b[^<>]{0,1000}>", _I
)
_TABLE_END = re.compile(r"</table\s*>", _I)
_TITLE = re.compile(r"<title>([^<]{0,2000})", _I)
# The 2016 layout titles pages "'T' diff viewer (A/B) - News Sniffer", earlier ones
# "News Sniffer - 'T' diff viewer (A/B)".
_DIFF_VIEWER = re.compile(r"diff viewer \([0-9]+/[0-9]+\)")
# The tags that make up the table; everything else in it is text.
_TABLE_TAG = re.compile(r"<(/?)(tr|td|th)\b([^<>]{0,2000})>", _I)
_NO_CLASS: frozenset[str] = frozenset()
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", _I)
_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", _I)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_VERSION_NO = re.compile(r"Version\s+([0-9]+)", _I)
_DATETIME = re.compile(r"""<time\b[^<>]{0,1000}?\bdatetime\s*=\s*["']?([^"'\s<>]{1,100})""", _I)
_DISTANCE = re.compile(r"\(\s*([^()]{0,200}?\b(?:later|earlier))\s*\)", _IS)
_CITE = re.compile(r"<cite\b([^<>]{0,1000})>", _I)
_CITE_END = re.compile(r"</cite\s*>", _I)
_ARTICLE_URL = re.compile(
    r"<cite\b[^<>]{0,1000}?\bclass\s*=\s*['\"]?article_url\b[^<>]{0,1000}>", _I
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", _I)
_LINK_ALTERNATE = re.compile(
    r"<link\b[^<>]{0,1000}?\bhref\s*=\s*[\"']([^\"'<>]{1,2000})[\"']"
    r"[^<>]{0,1000}?\brel\s*=\s*[\"']external alternate",
    _I,
)
_VAR = re.compile(r"<var>\s*([0-9]+)\s*</var>", _I)
_NEXT_CHECK = re.compile(
    r"The next check for changes will be\s*"
    r"(?:<time\b[^<>]{0,1000}?\bdatetime\s*=\s*['\"]([^'\"<>]{1,100}))?",
    _I,
)
_STATUSES = (
    "It will not be checked again for changes.",
    "It last changed over 40 days ago and won't be checked again for changes.",
)
_WS = re.compile(r"\s+")
_NESTED_TAG = {"del": re.compile(r"<(/?)del>", _I), "ins": re.compile(r"<(/?)ins>", _I)}
_ANY_NESTED = re.compile(r"</?(?:del|ins)>", _I)

_NO_VERSIONS = (
    "the version table names no versions before its paragraphs (no th.version cells "
    "'Version A' and 'Version B'): the page is incomplete"
)

#: reads one run of common words into the list; False when the run is malformed
_RunReader = Callable[[str, list[str]], bool]


def sniff(head: bytes) -> bool:
    text = _head_text(head)
    if _TABLE.search(text) is not None:
        return True
    # A page whose table lies beyond the head (thousands of version links before it).
    title = _TITLE.search(text)
    return title is not None and (
        "News Sniffer" in title.group(1) and _DIFF_VIEWER.search(title.group(1)) is not None
    )


def _head_text(head: bytes) -> str:
    for bom, encoding in BOMS:
        if encoding == "utf-8":
            continue  # ASCII-compatible: read below like the rest
        if head.startswith(bom):
            body = head[len(bom) :]
            unit = 4 if encoding.startswith("utf-32") else 2
            return body[: len(body) - len(body) % unit].decode(encoding, errors="replace")
    # Every other encoding we read is ASCII-compatible, and the markers are ASCII.
    return head.decode("latin-1")


def parse(path: str, data: bytes) -> list[Article]:
    # Line ends stay as they are: a CR inside a paragraph is paragraph text.
    text = decode_dump(data, newlines=False)
    return [_Page(path, text).article()]


class _Lines:
    """1-based line numbers of offsets in the page (LF, CRLF and lone CR all end a line)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def at(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    @property
    def last(self) -> int:
        return len(self._starts)


@dataclass(slots=True)
class _Cell:
    tag: str
    classes: frozenset[str]
    content: str
    offset: int


@dataclass(slots=True)
class _Row:
    ident: str
    cells: list[_Cell]
    offset: int


class _Page:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._lines: _Lines | None = None

    @property
    def lines(self) -> _Lines:
        # Only errors need line numbers: count them only then.
        if self._lines is None:
            self._lines = _Lines(self.text)
        return self._lines

    def fail(self, message: str, offset: int | None) -> DumpError:
        return DumpError(message, None if offset is None else self.lines.at(offset))

    # -- the page around the table -------------------------------------------------

    def article(self) -> Article:
        text = self.text
        table = _TABLE.search(text)
        if table is None:
            raise self.fail(
                'no version table (<table class="version_diff">): the page is not a '
                "NewsSniffer diff page, or was saved before it finished loading",
                None,
            )
        end = _TABLE_END.search(text, table.end())
        if end is None:
            raise DumpError(
                f"the page is cut off: the version table opened on line "
                f"{self.lines.at(table.start())} never closes (no </table>)",
                self.lines.last,
            )
        before = text[: table.start()]
        url = self.article_url(before)
        if not url:
            raise self.fail(
                'no article URL (<cite class="article_url">) before the version table',
                table.start(),
            )
        cite = _CITE.search(before)
        source = ""
        if cite is not None and "article_url" not in cite.group(1):
            source = _plain(_until(before, cite.end(), _CITE_END))
        count = _VAR.search(before)
        version_count = (
            self.number(count.group(1), "version count", count.start()) if count else None
        )
        old, new = self.versions(table.start(), table.end(), end.start())
        return Article(
            key=article_key(url),
            source=source,
            url=url,
            versions=[old] if old.number == new.number else sorted((old, new), key=_number),
            version_count=version_count,
            status=_status(before),
        )

    @staticmethod
    def article_url(before: str) -> str:
        cite = _ARTICLE_URL.search(before)
        if cite is not None:
            inside = _until(before, cite.end(), _CITE_END)
            shown = _plain(inside)
            if shown:
                return shown
            href = _HREF.search(inside)
            if href is not None:
                return _unescape(href.group(1) or href.group(2)).strip()
        link = _LINK_ALTERNATE.search(before)
        return _unescape(link.group(1)).strip() if link else ""

    # -- the table -------------------------------------------------------------------

    def rows(self, start: int, end: int) -> list[_Row]:
        """The table's rows and cells, in one pass over its tags."""
        rows: list[_Row] = []
        cell: re.Match[str] | None = None  # the opening tag of the cell being read
        for m in _TABLE_TAG.finditer(self.text, start, end):
            closing, name = m.group(1), m.group(2).lower()
            if name == "tr":
                if cell is not None:
                    raise self.unclosed(cell)
                if not closing:
                    rows.append(_Row(_attr(_ID, m.group(3)), [], m.start()))
            elif closing:
                if cell is not None:  # (a stray cell end outside a cell is ignored)
                    attrs = cell.group(3)
                    classes = (
                        frozenset(_attr(_CLASS, attrs).split()) if attrs.strip() else _NO_CLASS
                    )
                    content = self.text[cell.end() : m.start()]
                    rows[-1].cells.append(
                        _Cell(cell.group(2).lower(), classes, content, cell.start())
                    )
                    cell = None
            elif cell is None:
                if not rows:
                    raise self.fail(f"a <{name}> cell stands outside any <tr> row", m.start())
                cell = m
            # an opening cell tag inside a cell is paragraph text
        if cell is not None:
            raise self.unclosed(cell)
        return rows

    def unclosed(self, cell: re.Match[str]) -> DumpError:
        tag = cell.group(2).lower()
        return self.fail(f"a <{tag}> cell is never closed (no </{tag}>)", cell.start())

    def versions(self, table_at: int, start: int, end: int) -> tuple[Version, Version]:
        rows = self.rows(start, end)
        region = self.text[start:end]
        # A browser saving its DOM adds <tbody> and escapes text; NewsSniffer did neither.
        escaped = re.search(r"<tbody\b", region, _I) is not None
        modern = escaped or re.search(r"<thead\b", region, _I) is not None
        numbers: tuple[int, int] | None = None
        titles: tuple[str, str] | None = None
        times: tuple[datetime | None, datetime | None] = (None, None)
        distance: str | None = None
        old: list[str] = []
        new: list[str] = []
        for row in rows:
            kinds = set().union(*(c.classes for c in row.cells)) if row.cells else set()
            if "version" in kinds:
                numbers = self.version_numbers(row)
            elif "title" in kinds:
                titles = self.titles(row)
            elif "time" in kinds:
                times, distance = self.times(row)
            else:
                cells = [c for c in row.cells if "diff-row" not in c.classes]
                if all(c.tag == "th" for c in row.cells):
                    continue  # an empty row, or a header row of no kind we need
                if numbers is None:
                    raise self.fail(_NO_VERSIONS, row.offset)
                if len(cells) != 2:
                    raise self.fail(
                        f"row {row.ident or '(no id)'} has {len(cells)} paragraph cells, not 2",
                        row.offset,
                    )
                left, right = self.paragraphs(row, cells[0], cells[1], modern, escaped)
                if left is not None:
                    old.append(left)
                if right is not None:
                    new.append(right)
        if numbers is None:
            raise self.fail(_NO_VERSIONS, table_at)
        if titles is None:
            raise self.fail("the version table has no title row (th.title cells)", table_at)
        if not old and not new:
            raise self.fail(
                "the version table has no paragraph rows: the page was cut or saved empty",
                table_at,
            )
        a, b = numbers
        older = Version(a, titles[0], old, captured=times[0], sources=[self.path])
        newer = Version(b, titles[1], new, captured=times[1], distance=distance)
        newer.sources.append(self.path)
        if a == b and (older.title, older.paragraphs) != (newer.title, newer.paragraphs):
            raise self.fail(
                f"the page compares version {a} with itself but shows two different texts",
                table_at,
            )
        return older, newer

    def version_numbers(self, row: _Row) -> tuple[int, int]:
        found = [_VERSION_NO.search(_plain(c.content)) for c in row.cells if "version" in c.classes]
        if len(found) != 2 or None in found:
            raise self.fail(
                "the version header does not read 'Version A' and 'Version B' "
                f"(found: {', '.join(repr(_plain(c.content)) for c in row.cells)})",
                row.offset,
            )
        a, b = (m.group(1) for m in found if m is not None)
        return (
            self.number(a, "version number", row.offset),
            self.number(b, "version number", row.offset),
        )

    def number(self, digits: str, what: str, offset: int) -> int:
        """:func:`~revviewer.core.errors.header_number`, the error naming the line."""
        try:
            return header_number(digits, what)
        except DumpError as exc:
            raise self.fail(exc.message, offset) from None

    def titles(self, row: _Row) -> tuple[str, str]:
        cells = [c for c in row.cells if "title" in c.classes]
        if len(cells) != 2:
            raise self.fail(f"the title row has {len(cells)} title cells, not 2", row.offset)
        left = _unwrap(cells[0].content, "del")
        right = _unwrap(cells[1].content, "ins")
        return (
            _unescape(cells[0].content if left is None else left),
            _unescape(cells[1].content if right is None else right),
        )

    def times(self, row: _Row) -> tuple[tuple[datetime | None, datetime | None], str | None]:
        cells = [c for c in row.cells if "time" in c.classes]
        if len(cells) != 2:
            raise self.fail(f"the time row has {len(cells)} time cells, not 2", row.offset)
        stamps = [self.datetime_in(c) for c in cells]
        distance = _DISTANCE.search(_plain(cells[1].content))
        return (stamps[0], stamps[1]), (_WS.sub(" ", distance.group(1)) if distance else None)

    def datetime_in(self, cell: _Cell) -> datetime | None:
        found = _DATETIME.search(cell.content)
        if found is None:
            return None
        raw = _unescape(found.group(1))
        try:
            stamp = datetime.fromisoformat(raw)
        except ValueError:
            raise self.fail(
                f"the capture time {raw!r} is not an ISO 8601 date", cell.offset
            ) from None
        if stamp.tzinfo is None:
            # iso8601 in Rails always carries an offset; a bare one was written in UTC.
            return stamp.replace(tzinfo=UTC)
        try:
            return stamp.astimezone(UTC)
        except OverflowError:  # year 1 east of UTC, or 9999 west of it
            raise self.fail(f"the capture time {raw!r} is out of range", cell.offset) from None

    def paragraphs(
        self, row: _Row, left: _Cell, right: _Cell, modern: bool, escaped: bool
    ) -> tuple[str | None, str | None]:
        """The old and new paragraph a row holds (None: no paragraph on that side)."""
        lc, rc = left.content, right.content
        deleted, inserted = _unwrap(lc, "del"), _unwrap(rc, "ins")

        def text(s: str) -> str:
            return _unescape(s) if escaped else s

        if deleted is not None and inserted is not None:
            olds, news = _old_words(deleted), _new_words(inserted)
            if olds is not None and news is not None:
                return " ".join(map(text, olds)), " ".join(map(text, news))
            if modern:
                raise self.fail(
                    f"row {row.ident or '(no id)'}: the changed words are not marked up as "
                    "NewsSniffer marks them (' w' per old word, ' w ' per new word)",
                    row.offset,
                )
            return text(deleted), text(inserted)
        if deleted is not None and rc == "":
            return text(deleted), None
        if inserted is not None and lc == "":
            return None, text(inserted)
        if deleted is None and inserted is None and not _ANY_NESTED.match(lc + rc):
            return text(lc), text(rc)
        raise self.fail(
            f"row {row.ident or '(no id)'} mixes a marked and an unmarked paragraph; "
            "NewsSniffer never writes that",
            row.offset,
        )


def _number(v: Version) -> int:
    return v.number


def _attr(pattern: re.Pattern[str], tag: str) -> str:
    m = pattern.search(tag)
    if m is None:
        return ""
    return _unescape(next(g for g in m.groups() if g is not None))


#: a decimal character reference past U+10FFFF: html.unescape reads it as U+FFFD, but
#: raises ValueError instead when it has over 4,300 digits (int()'s limit)
_HUGE_CHARREF = re.compile(r"&#0*[1-9][0-9]{7,};?")


def _unescape(text: str) -> str:
    """``html.unescape`` for any text."""
    if "&#" in text:
        text = _HUGE_CHARREF.sub("\ufffd", text)
    return html.unescape(text)


def _plain(fragment: str) -> str:
    """Markup to the text a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return _WS.sub(" ", _unescape(_TAG.sub("", fragment))).strip()


def _status(before: str) -> str | None:
    flat = _WS.sub(" ", _unescape(before))
    for phrase in _STATUSES:
        if phrase in flat:
            return phrase
    nxt = _NEXT_CHECK.search(before)
    if nxt is not None:
        return f"The next check for changes will be {nxt.group(1) or ''}.".replace(" .", ".")
    return None


def _until(text: str, start: int, end: re.Pattern[str]) -> str:
    """``text`` from ``start`` up to the first match of ``end`` (or the end)."""
    m = end.search(text, start)
    return text[start : m.start() if m else len(text)]


def _unwrap(content: str, tag: str) -> str | None:
    """The inside of ``content`` when it is exactly one ``<tag>...</tag>``, else None."""
    opening, closing = f"<{tag}>", f"</{tag}>"
    if (
        len(content) >= len(opening) + len(closing)
        and content[: len(opening)].lower() == opening
        and content[-len(closing) :].lower() == closing
    ):
        return content[len(opening) : -len(closing)]
    return None


def _old_words(inner: str) -> list[str] | None:
    """The words of an old change cell: runs of `` w`` (common) and ``<del> w </del>``."""
    return _words(inner, "del", _old_run)


def _new_words(inner: str) -> list[str] | None:
    """The words of a new change cell: runs of `` w `` (common) and ``<ins> w </ins>``."""
    return _words(inner, "ins", _new_run)


def _words(inner: str, tag: str, run_words: _RunReader) -> list[str] | None:
    words: list[str] = []
    pos = 0
    opened: int | None = None  # where the inside of the open nested tag starts
    for m in _NESTED_TAG[tag].finditer(inner):
        if not m.group(1):
            if opened is not None or not run_words(inner[pos : m.start()], words):
                return None
            opened = m.end()
            continue
        if opened is None:
            return None
        word = inner[opened : m.start()]
        if len(word) < 2 or word[0] != " " or word[-1] != " " or " " in word[1:-1]:
            return None
        words.append(word[1:-1])
        opened = None
        pos = m.end()
    if opened is not None or not run_words(inner[pos:], words):
        return None
    return words


def _old_run(run: str, words: list[str]) -> bool:
    if not run:
        return True
    if run[0] != " " or _ANY_NESTED.search(run):
        return False
    words.extend(run[1:].split(" "))
    return True


def _new_run(run: str, words: list[str]) -> bool:
    if not run:
        return True
    parts = run.split(" ")
    if len(parts) % 2 == 0 or any(parts[0::2]) or _ANY_NESTED.search(run):
        return False
    words.extend(parts[1::2])
    return True
