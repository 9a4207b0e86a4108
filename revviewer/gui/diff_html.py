"""HTML for the diff panes, built from a :class:`~revviewer.core.comparison.Comparison`.

Contract: pure functions, no Qt. Every string that came from a dump goes through
:func:`html.escape`, so dump text never becomes markup. The output is the subset of
HTML that QTextDocument understands, shaped so that the panes can be aligned:

- each pane is a sequence of ``<p>`` blocks, and block ``k`` of the old pane and block
  ``k`` of the new pane show the same :class:`ShownRow` (block 0 is the headline);
  a side that has no paragraph in a row gets a placeholder block (one no-break space)
  so the block counts always match;
- deleted words are struck through on the ``deleted`` tint, inserted words underlined
  on the ``inserted`` tint (the decoration carries the meaning without colour); the
  markup only names classes, and :func:`stylesheet` gives them the palette's colours,
  so the markup can be built off the GUI thread before the palette is known;
- a paragraph a parser had to guess at starts with :data:`GUESS_MARK`, and its
  :class:`ShownRow` carries the guesses in words for a tooltip;
- each end of a moved paragraph carries a link ``#mv<ID>-src`` / ``#mv<ID>-dst``
  pointing at the other end.

Line breaks inside a row (split and merged paragraphs) become ``<br>``, which keeps
them inside the block.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Literal

from revviewer.core.comparison import Comparison, Row, Span
from revviewer.core.model import Version

PLACEHOLDER = "\u00a0"
#: bottom margin of every block, in pixels; alignment padding adds to it
BLOCK_GAP = 10


@dataclass(frozen=True)
class Theme:
    """Colours as ``#rrggbb`` names (derived from the palette by the Qt layer)."""

    text: str = "#000000"
    muted: str = "#6b6b6b"
    inserted: str = "#c9f2cf"
    deleted: str = "#f8c9c9"
    moved: str = "#d7e4fb"
    link: str = "#0b57d0"


@dataclass(frozen=True)
class ShownRow:
    """One block shown in the panes. ``row`` indexes ``Comparison.rows`` (None for the
    headline and for a collapsed run of unchanged paragraphs)."""

    row: int | None
    kind: str
    changed: bool
    move: int | None = None
    end: Literal["src", "dst", ""] = ""
    #: what a parser guessed about the paragraphs shown, per side (for tooltips)
    old_notes: tuple[str, ...] = ()
    new_notes: tuple[str, ...] = ()


@dataclass
class Rendered:
    """HTML for the panes, made for one pair of view modes."""

    inline: bool = False
    only_changed: bool = False
    old: str = ""
    new: str = ""
    inline_html: str = ""
    shown: list[ShownRow] = field(default_factory=list)

    def block_of_move(self, move: int, end: str) -> int:
        """The block number showing one end of a move, or -1."""
        for k, s in enumerate(self.shown):
            if s.move == move and s.end == end:
                return k
        return -1

    @property
    def size(self) -> int:
        """Characters of HTML held (for bounding caches)."""
        return len(self.old) + len(self.new) + len(self.inline_html)

    @property
    def change_blocks(self) -> list[int]:
        return [k for k, s in enumerate(self.shown) if s.changed]


def _text(s: str) -> str:
    return html.escape(s).replace("\n", "<br>")


def _span_html(spans: tuple[Span, ...], side: Literal["old", "new", "inline"]) -> str:
    out: list[str] = []
    ins = '<span class="i">'
    dele = '<span class="d">'
    for s in spans:
        if s.op == "equal":
            text = (s.old_text or s.text) if (s.ignored and side == "old") else s.text
            out.append(_text(text))
        elif s.op == "delete" and side != "new":
            out.append(dele + _text(s.text) + "</span>")
        elif s.op == "insert" and side != "old":
            out.append(ins + _text(s.text) + "</span>")
    return "".join(out)


def _whole(
    text: str, op: Literal["insert", "delete"], side: Literal["old", "new", "inline"]
) -> str:
    return _span_html((Span(op, text),), side)


def _p(body: str, cls: str = "") -> str:
    return f'<p class="{cls}">{body}</p>' if cls else f"<p>{body}</p>"


_PLACEHOLDER_P = _p(PLACEHOLDER, "g")


def _doc(blocks: list[str]) -> str:
    return "<html><body>" + "".join(blocks) + "</body></html>"


def stylesheet(t: Theme) -> str:
    """The CSS the panes' documents need (QTextDocument.setDefaultStyleSheet). Kept
    out of the markup: one rule set parses much faster than a style per paragraph,
    and the markup does not depend on the palette."""
    return (
        f"body {{ white-space: pre-wrap; color: {t.text} }}"
        f" p {{ margin-top: 0; margin-bottom: {BLOCK_GAP}px }}"
        f" .i {{ background-color: {t.inserted}; text-decoration: underline }}"
        f" .d {{ background-color: {t.deleted}; text-decoration: line-through }}"
        f" .m {{ background-color: {t.moved} }}"
        f" .h {{ font-size: x-large; font-weight: 600 }}"
        f" .n {{ color: {t.muted}; text-align: center }}"
        f" .q {{ color: {t.muted} }}"
        f" .f {{ color: {t.link}; font-weight: 600 }}"
        f" a {{ color: {t.link} }}"
    )


def _move_link(row: Row, end: Literal["src", "dst"], comparison: Comparison) -> str:
    # The label says where the other end is, counting paragraphs as a reader does.
    other = "dst" if end == "src" else "src"
    where = _move_end_index(comparison, row.move, other)
    if where < 0:
        label = "⇄ moved"
    elif end == "src":
        label = f"⇄ moved to ¶{where + 1}"
    else:
        label = f"⇄ moved from ¶{where + 1}"
    return f'<a href="#mv{row.move}-{other}">{html.escape(label)}</a><span class="q"> · </span>'


def _move_end_index(comparison: Comparison, move: int | None, end: str) -> int:
    """The paragraph index (old for ``src``, new for ``dst``) of one end of a move."""
    for r in comparison.rows:
        if r.kind == "moved" and r.move == move:
            if end == "src" and r.old:
                return r.old[0]
            if end == "dst" and r.new:
                return r.new[0]
    return -1


def _headline(comparison: Comparison, side: Literal["old", "new", "inline"]) -> str:
    body = _span_html(comparison.title, side) or html.escape(
        comparison.old.title if side == "old" else comparison.new.title
    )
    return _p(body, "h")


def render(comparison: Comparison, *, inline: bool = False, only_changed: bool = False) -> Rendered:
    """The panes' HTML for a comparison (both panes, or the inline pane)."""
    out = Rendered(inline=inline, only_changed=only_changed)
    old_blocks: list[str] = []
    new_blocks: list[str] = []
    old_guesses, new_guesses = _guesses(comparison.old), _guesses(comparison.new)
    title_changed = any(s.op != "equal" for s in comparison.title)
    old_notes, new_notes = old_guesses.get(None, ()), new_guesses.get(None, ())
    out.shown.append(ShownRow(None, "headline", title_changed, None, "", old_notes, new_notes))
    if inline:
        old_blocks.append(_marked(_headline(comparison, "inline"), old_notes or new_notes))
    else:
        old_blocks.append(_marked(_headline(comparison, "old"), old_notes))
        new_blocks.append(_marked(_headline(comparison, "new"), new_notes))

    hidden = 0

    def flush_hidden() -> None:
        nonlocal hidden
        if not hidden:
            return
        word = "paragraph" if hidden == 1 else "paragraphs"
        note = _p(f"⋯ {hidden} unchanged {word}", "n")
        out.shown.append(ShownRow(None, "hidden", False))
        old_blocks.append(note)
        if not inline:
            new_blocks.append(note)
        hidden = 0

    for i, row in enumerate(comparison.rows):
        if row.kind == "equal" and only_changed:
            hidden += 1
            continue
        flush_hidden()
        end: Literal["src", "dst", ""] = ""
        if row.kind == "moved":
            end = "src" if row.old else "dst"
        old_notes = tuple(n for k in row.old for n in old_guesses.get(k, ()))
        new_notes = tuple(n for k in row.new for n in new_guesses.get(k, ()))
        out.shown.append(
            ShownRow(i, row.kind, row.kind != "equal", row.move, end, old_notes, new_notes)
        )
        if inline:
            old_blocks.append(_marked(_inline_row(row, end, comparison), old_notes or new_notes))
        else:
            o, n = _dual_row(row, end, comparison)
            old_blocks.append(_marked(o, old_notes))
            new_blocks.append(_marked(n, new_notes))
    flush_hidden()
    if inline:
        out.inline_html = _doc(old_blocks)
    else:
        out.old = _doc(old_blocks)
        out.new = _doc(new_blocks)
    return out


#: shown before a paragraph that a parser had to guess at (the tooltip says what)
GUESS_MARK = "≈\u2009"


def _marked(block: str, notes: tuple[str, ...]) -> str:
    """``block`` (one ``<p ...>``) with the guess mark first when there are notes."""
    if not notes:
        return block
    head, _, body = block.partition(">")
    return f'{head}><span class="f">{GUESS_MARK}</span>{body}'


def _guesses(version: Version) -> dict[int | None, tuple[str, ...]]:
    """Readable notes on what was inferred, by paragraph index (None: the title or
    the version as a whole)."""
    out: dict[int | None, tuple[str, ...]] = {}
    if not version.inferred:
        return out
    # Imported here, not at the top: revviewer.export is only needed by versions with
    # guesses, and loading it costs start-up about 10 ms.
    from revviewer.export.rows import describe_inference

    for inf in version.inferred:
        out[inf.paragraph] = (*out.get(inf.paragraph, ()), describe_inference(inf))
    return out


def _dual_row(row: Row, end: str, comparison: Comparison) -> tuple[str, str]:
    if row.kind == "inserted":
        return _PLACEHOLDER_P, _p(_whole(row.new_text, "insert", "new"))
    if row.kind == "deleted":
        return _p(_whole(row.old_text, "delete", "old")), _PLACEHOLDER_P
    if row.kind == "moved":
        if end == "src":
            link = _move_link(row, "src", comparison)
            return _p(link + _span_html(row.spans, "old"), "m"), _PLACEHOLDER_P
        link = _move_link(row, "dst", comparison)
        return _PLACEHOLDER_P, _p(link + _span_html(row.spans, "new"), "m")
    return _p(_span_html(row.spans, "old")), _p(_span_html(row.spans, "new"))


def _inline_row(row: Row, end: str, comparison: Comparison) -> str:
    if row.kind == "inserted":
        return _p(_whole(row.new_text, "insert", "inline"))
    if row.kind == "deleted":
        return _p(_whole(row.old_text, "delete", "inline"))
    if row.kind == "moved":
        if end == "src":
            link = _move_link(row, "src", comparison)
            return _p(link + _whole(row.old_text, "delete", "inline"), "m")
        return _p(_move_link(row, "dst", comparison) + _span_html(row.spans, "new"), "m")
    return _p(_span_html(row.spans, "inline"))
