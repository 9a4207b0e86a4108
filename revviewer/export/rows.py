"""The aligned rows of one comparison as an HTML table, side by side or inline.

Contract: :func:`rows_table` turns a :class:`~revviewer.core.comparison.Comparison`
into one ``<table class="d">`` with one ``<tr>`` per :class:`Row`, in row order.
Every row other than ``equal`` is a *change*: numbered from 1, with the anchor
``id="{prefix}c{n}"`` on its ``<tr>`` and a gutter cell linking to itself plus a
symbol naming its kind (so kinds never rely on colour). Deleted words are ``<del>``,
inserted words ``<ins>``; a paragraph break inside a ``<del>``/``<ins>`` shows as
"¶". Both ends of a move link to each other, worded as in the app ("⇄ moved to
¶9"); inline, as in the app, the source end shows the paragraph deleted whole and
the destination its new text with the edits made on the way. Cells covering paragraphs a parser
inferred get ``class="inf"`` and a visible note. Equal text is emitted bare (no
per-word wrappers) to keep large exports small. All dump text goes through
:func:`~revviewer.export.escaping.esc`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from revviewer.core.comparison import Comparison, Row, Span
from revviewer.core.model import Inference, InferenceKind, Version
from revviewer.export.escaping import esc

#: row kind -> (symbol, word) for the gutter; the legend lists the same pairs
KIND_MARKS: dict[str, tuple[str, str]] = {
    "changed": ("~", "changed"),
    "inserted": ("+", "inserted"),
    "deleted": ("\u2212", "deleted"),
    "moved": ("\u21c4", "moved"),
    "split": ("\u21c9", "split"),
    "merged": ("\u21c7", "merged"),
}

_INFERENCE_WORDS = {
    InferenceKind.SPLIT: "where the old and new paragraph split",
    InferenceKind.SIDE: "which side this paragraph is on",
    InferenceKind.TITLE: "where the old and new title split",
    InferenceKind.CONFLICT: "dumps disagree",
    InferenceKind.OTHER: "assumed",
}


def describe_inference(inf: Inference) -> str:
    """One line of plain text for a guess (not escaped)."""
    words = _INFERENCE_WORDS.get(inf.kind, str(inf.kind))
    text = f"inferred, not read: {words} (confidence {round(inf.confidence * 100)}%)"
    return f"{text}: {inf.note}" if inf.note else text


def inference_notes(infs: Iterable[Inference]) -> str:
    return "".join(f'<span class="in">{esc(describe_inference(i))}</span>' for i in infs)


def _marked(text: str) -> str:
    out = esc(text)
    return out.replace("\n", "\u00b6\n") if "\n" in out else out


def _ignored(shown: str, other: str | None) -> str:
    if other is None:
        return f'<span class="ig">{esc(shown)}</span>'
    title = f"hidden by an ignore option; the other version has \u201c{other}\u201d"
    return f'<span class="ig" title="{esc(title)}">{esc(shown)}</span>'


def _side(spans: Sequence[Span], *, marks: tuple[str, ...], old: bool) -> str:
    """The spans as HTML: equal text escaped, ignored differences shown with the other
    version's text in a tooltip (the old side shows its own text), and the ``marks``
    ops (``delete``, ``insert``) as ``<del>``/``<ins>``; other ops are left out."""
    parts: list[str] = []
    for s in spans:
        if s.op == "equal":
            if not s.ignored:
                parts.append(esc(s.text))
            elif old:
                parts.append(_ignored(s.old_text if s.old_text is not None else s.text, s.text))
            else:
                parts.append(_ignored(s.text, s.old_text))
        elif s.op in marks and s.text:
            tag = "del" if s.op == "delete" else "ins"
            parts.append(f"<{tag}>{_marked(s.text)}</{tag}>")
    return "".join(parts)


def old_side(spans: Sequence[Span]) -> str:
    return _side(spans, marks=("delete",), old=True)


def new_side(spans: Sequence[Span]) -> str:
    return _side(spans, marks=("insert",), old=False)


def inline_side(spans: Sequence[Span]) -> str:
    return _side(spans, marks=("delete", "insert"), old=False)


def by_paragraph(version: Version) -> dict[int, list[Inference]]:
    out: dict[int, list[Inference]] = {}
    for inf in version.inferred:
        if inf.paragraph is not None:
            out.setdefault(inf.paragraph, []).append(inf)
    return out


def _cell(content: str, classes: list[str], notes: str) -> str:
    if classes:
        return f'<td class="{" ".join(classes)}">{content}{notes}</td>'
    return f"<td>{content}{notes}</td>"


class _Table:
    def __init__(self, comp: Comparison, prefix: str, is_inline: bool) -> None:
        self.comp = comp
        self.prefix = prefix
        self.is_inline = is_inline
        self.old_inf = by_paragraph(comp.old)
        self.new_inf = by_paragraph(comp.new)
        self.numbers: list[int | None] = []
        n = 0
        for row in comp.rows:
            if row.kind == "equal":
                self.numbers.append(None)
            else:
                n += 1
                self.numbers.append(n)
        # move id -> (change number, paragraph index) of its source end (in the old
        # version) and of its destination end (in the new version)
        self.move_from: dict[int, tuple[int, int]] = {}
        self.move_to: dict[int, tuple[int, int]] = {}
        for row, num in zip(comp.rows, self.numbers, strict=True):
            if row.kind == "moved" and row.move is not None and num is not None:
                if row.old:
                    self.move_from[row.move] = (num, row.old[0])
                elif row.new:
                    self.move_to[row.move] = (num, row.new[0])

    def anchor(self, num: int) -> str:
        return f"{self.prefix}c{num}"

    def guesses(self, row: Row, old: bool, new: bool) -> list[Inference]:
        found: list[Inference] = []
        if old:
            for i in row.old:
                found.extend(self.old_inf.get(i, ()))
        if new:
            for j in row.new:
                found.extend(self.new_inf.get(j, ()))
        return found

    def move_link(self, row: Row) -> str:
        """The link from one end of a move to the other, worded as in the app:
        "⇄ moved to ¶9" counts paragraphs of the other end's version from 1."""
        is_source = bool(row.old)
        ends = self.move_to if is_source else self.move_from
        other = ends.get(row.move) if row.move is not None else None
        if other is None:
            return '<span class="in">\u21c4 moved (the other end is not in this comparison)</span>'
        num, paragraph = other
        verb = "moved to" if is_source else "moved from"
        return (
            f'<a class="mv" href="#{self.anchor(num)}">'
            f"\u21c4 {verb} \u00b6{paragraph + 1} (change {num})</a>"
        )

    def row_html(self, row: Row, num: int | None) -> str:
        if num is None:
            head = "<tr><th></th>"
        else:
            sym, word = KIND_MARKS.get(row.kind, ("?", row.kind))
            a = self.anchor(num)
            head = (
                f'<tr id="{a}"><th><a href="#{a}">{num}</a><abbr title="{word}">{sym}</abbr></th>'
            )
        moved = row.kind == "moved"
        if self.is_inline:
            guesses = self.guesses(row, True, True)
            classes = ["inf"] if guesses else []
            if moved:
                classes.insert(0, "mv")
                # as in the app: the paragraph leaves as a whole, arrives with its edits
                text = f"<del>{_marked(row.old_text)}</del>" if row.old else new_side(row.spans)
                text = self.move_link(row) + text
            else:
                text = inline_side(row.spans)
            return f"{head}{_cell(text, classes, inference_notes(guesses))}</tr>\n"
        cells: list[str] = []
        for is_old in (True, False):
            present = bool(row.old if is_old else row.new)
            guesses = self.guesses(row, is_old, not is_old) if present else []
            classes = ["inf"] if guesses else []
            if present:
                text = old_side(row.spans) if is_old else new_side(row.spans)
                if moved:
                    classes.insert(0, "mv")
            elif moved:
                classes.append("mv")
                text = self.move_link(row)
            else:
                text = ""
            cells.append(_cell(text, classes, inference_notes(guesses)))
        return f"{head}{cells[0]}{cells[1]}</tr>\n"

    def html(self) -> str:
        old_n, new_n = self.comp.old.number, self.comp.new.number
        if self.is_inline:
            cols = '<colgroup><col class="n"><col></colgroup>'
            heads = f"<th>Version {old_n} \u2192 Version {new_n}</th>"
        else:
            cols = '<colgroup><col class="n"><col><col></colgroup>'
            heads = f"<th>Version {old_n}</th><th>Version {new_n}</th>"
        parts = [f'<table class="d">{cols}\n<thead><tr><th>#</th>{heads}</tr></thead>\n<tbody>\n']
        parts.extend(
            self.row_html(row, num) for row, num in zip(self.comp.rows, self.numbers, strict=True)
        )
        parts.append("</tbody>\n</table>\n")
        return "".join(parts)


def rows_table(comp: Comparison, *, inline: bool = False, prefix: str = "") -> str:
    """The table of ``comp``'s rows; change anchors are ``{prefix}c{n}``."""
    return _Table(comp, prefix, inline).html()


def change_count(comp: Comparison) -> int:
    return sum(1 for r in comp.rows if r.kind != "equal")
