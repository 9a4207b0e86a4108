"""What changed between two versions: the result type shared by every view.

Contract: a :class:`Comparison` is pure data. ``rows`` align the two versions'
paragraphs in reading order. Each row says which paragraphs of the old (``old``) and
new (``new``) version it covers, by index, and carries ``spans``: the row's text as a
sequence of equal / delete / insert runs, so that joining the equal and delete spans
gives the old text and joining the equal and insert spans gives the new text (for a
split or merge row, paragraphs are joined with ``"\\n"``).

Row kinds:

- ``equal``: one old and one new paragraph, same text (after the ignore options);
- ``changed``: one old, one new, paired by similarity; spans hold the word diff;
- ``inserted`` / ``deleted``: one paragraph on one side only;
- ``moved``: one end of a move. The source end has ``old=[i], new=[]`` and sits where
  the paragraph left; the destination end has ``old=[], new=[j]`` and sits where it
  arrived. Both ends carry the same ``move`` id and the same spans (the word diff of
  the moved paragraph, possibly edited on the way);
- ``split``: one old paragraph became several new ones (``old=[i], new=[j, j+1, ...]``);
- ``merged``: several old paragraphs became one new one.

A span with ``ignored=True`` is a difference hidden by an ignore option: its ``op`` is
``equal``, ``text`` is the new text and ``old_text`` the old one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from revviewer.core.model import Version

RowKind = Literal["equal", "changed", "inserted", "deleted", "moved", "split", "merged"]
SpanOp = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class Span:
    op: SpanOp
    text: str
    ignored: bool = False
    old_text: str | None = None

    def to_json(self) -> dict[str, object]:
        d: dict[str, object] = {"op": self.op, "text": self.text}
        if self.ignored:
            d["ignored"] = True
            d["old_text"] = self.old_text
        return d


def old_text(spans: tuple[Span, ...] | list[Span]) -> str:
    return "".join(
        (s.text if s.old_text is None else s.old_text) if s.ignored else s.text
        for s in spans
        if s.op != "insert"
    )


def new_text(spans: tuple[Span, ...] | list[Span]) -> str:
    return "".join(s.text for s in spans if s.op != "delete")


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    spans: tuple[Span, ...]
    move: int | None = None

    @property
    def old_text(self) -> str:
        return old_text(self.spans)

    @property
    def new_text(self) -> str:
        return new_text(self.spans)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "old": list(self.old),
            "new": list(self.new),
            "move": self.move,
            "spans": [s.to_json() for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class DiffOptions:
    ignore_whitespace: bool = False
    ignore_typography: bool = False
    ignore_case: bool = False


@dataclass(slots=True)
class Stats:
    """How much changed. Words and characters count the title and the body: a deleted
    or inserted paragraph in full, a moved one's edits once (not at both ends); a word
    is a letter/digit run, one character of a script written without spaces (CJK,
    Thai, ...) or one emoji. Paragraph counts are rows of each kind, a move counted
    once. ``words_moved`` counts the words of each moved paragraph once: a move is an
    editorial change even when no word in it changed. ``ignored_changes`` counts
    ignored spans."""

    words_inserted: int = 0
    words_deleted: int = 0
    words_moved: int = 0
    chars_inserted: int = 0
    chars_deleted: int = 0
    paragraphs_changed: int = 0
    paragraphs_inserted: int = 0
    paragraphs_deleted: int = 0
    paragraphs_moved: int = 0
    paragraphs_split: int = 0
    paragraphs_merged: int = 0
    headline_changed: bool = False
    ignored_changes: int = 0

    @property
    def size(self) -> int:
        """One number for how big a step is (words touched: inserted, deleted or moved),
        for timelines and sorting."""
        return self.words_inserted + self.words_deleted + self.words_moved

    def to_json(self) -> dict[str, object]:
        # every field, in declaration order, so a new statistic cannot be left out
        d: dict[str, object] = asdict(self)
        d["size"] = self.size
        return d


@dataclass(slots=True)
class Comparison:
    old: Version
    new: Version
    title: tuple[Span, ...]
    rows: list[Row]
    stats: Stats = field(default_factory=Stats)
    options: DiffOptions = field(default_factory=DiffOptions)

    def to_json(self, article_key: str = "") -> dict[str, object]:
        return {
            "article": article_key,
            "from": self.old.number,
            "to": self.new.number,
            "title": {"spans": [s.to_json() for s in self.title]},
            "rows": [r.to_json() for r in self.rows],
            "stats": self.stats.to_json(),
        }
