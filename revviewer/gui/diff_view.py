"""The diff panes: old left and new right, aligned row by row, or one inline pane.

Contract: :class:`DiffView` shows one :class:`~revviewer.core.comparison.Comparison`.
It renders HTML through :mod:`revviewer.gui.diff_html` (which escapes all dump text)
into read-only QTextBrowsers named ``oldPane``, ``newPane`` and ``inlinePane``.

Alignment: block ``k`` of both panes shows the same row. After Qt lays the blocks
out, the shorter block of each pair gets a larger bottom margin, so every row starts
at the same height in both panes and one scroll position fits both. Qt lays documents
out lazily; aligning a block forces its layout, so only the rows in view are aligned
before the first paint and the rest are aligned in short slices from the event loop,
which keeps a 600 KB article responsive. A width change rewraps the text, so the view
renders again once resizing settles.

The two panes scroll together. F7 / Shift+F7 (:meth:`DiffView.next_change`) and the
links at both ends of a moved paragraph move a highlight from row to row; hovering a
paragraph marked as guessed shows what the parser guessed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from revviewer.core.comparison import Comparison
from revviewer.core.model import Version
from revviewer.gui import diff_html
from revviewer.gui.diff_html import Rendered
from revviewer.gui.theme import theme_from_palette

#: time slice for aligning the rows below the fold, per event-loop turn
ALIGN_SLICE_S = 0.025
#: a new step opens at its first change when that is at most this many rows below
#: the rows laid out for the first paint
FIRST_CHANGE_REACH = 60
#: the rows out of view are aligned this long after a step is shown
ALIGN_FIRST_DELAY_MS = 40


def _pane(name: str, accessible: str) -> QTextBrowser:
    pane = QTextBrowser()
    pane.setObjectName(name)
    pane.setAccessibleName(accessible)
    pane.setOpenLinks(False)
    pane.setAcceptDrops(False)
    # Always on: a scroll bar that appears mid-layout narrows the text and forces a
    # second layout (and would break the alignment just computed).
    pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    pane.document().setUndoRedoEnabled(False)
    pane.document().setDocumentMargin(8)
    return pane


class DiffView(QWidget):
    #: emitted after a comparison is shown (number of changes shown)
    shown = Signal(int)
    #: emitted when change navigation moves (index among the changes, count)
    changeFocused = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.rendered = Rendered()
        #: the comparison :attr:`rendered` was made for
        self._rendered_for: Comparison | None = None
        self.inline = False
        self.only_changed = False
        self.current_change = -1  # block number of the focused change, -1 for none
        self._aligned = 0  # blocks [0, _aligned) are aligned
        self._syncing = False
        self._last_width = -1

        self.oldPane = _pane("oldPane", "Old version")
        self.newPane = _pane("newPane", "New version")
        self.inlinePane = _pane("inlinePane", "Changes inline")
        self.oldHeader = QLabel()
        self.newHeader = QLabel()
        self.inlineHeader = QLabel()
        for label in (self.oldHeader, self.newHeader, self.inlineHeader):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setContentsMargins(4, 2, 4, 2)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        dual = QWidget()
        grid = QHBoxLayout(dual)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for header, pane in ((self.oldHeader, self.oldPane), (self.newHeader, self.newPane)):
            col = QVBoxLayout()
            col.setSpacing(2)
            col.addWidget(header)
            col.addWidget(pane, 1)
            grid.addLayout(col, 1)
        single = QWidget()
        col = QVBoxLayout(single)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(self.inlineHeader)
        col.addWidget(self.inlinePane, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(dual)
        self.stack.addWidget(single)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        old_bar = self.oldPane.verticalScrollBar()
        new_bar = self.newPane.verticalScrollBar()
        old_bar.valueChanged.connect(lambda v: self._sync(new_bar, v))
        new_bar.valueChanged.connect(lambda v: self._sync(old_bar, v))
        for pane in (self.oldPane, self.newPane, self.inlinePane):
            pane.anchorClicked.connect(self._follow_link)
            pane.viewport().installEventFilter(self)

        self._align_timer = QTimer(self)
        self._align_timer.setSingleShot(True)
        self._align_timer.timeout.connect(self._align_more)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(60)
        self._resize_timer.timeout.connect(self.refresh)

    # -- what is shown ---------------------------------------------------------
    def show_comparison(
        self, comparison: Comparison | None, rendered: Rendered | None = None
    ) -> None:
        """Show ``comparison``; ``rendered`` is its HTML when a worker made it already
        (used only when it was made for the current modes)."""
        self.comparison = comparison
        self.current_change = -1
        self.refresh(keep_position=False, rendered=rendered)
        self._bring_first_change_into_view()

    def _bring_first_change_into_view(self) -> None:
        """Scroll down to the first changed paragraph when it starts below the fold,
        keeping a few lines above it for context; the headline stays in view otherwise."""
        body = [b for b in self.rendered.change_blocks if b > 0]
        if not body:
            return
        pane = self.panes()[0]
        first = body[0]
        if not self.inline and first >= self._aligned + FIRST_CHANGE_REACH:
            # Finding where a block sits means laying out everything above it: when
            # the first change is far down a long article, leave it to F7 rather than
            # delay the first paint.
            return
        line = pane.fontMetrics().height()
        top = self.block_top(pane, first) if self.inline else self._aligned_top(first)
        if top > pane.viewport().height() - 3 * line:
            pane.verticalScrollBar().setValue(max(0, top - 4 * line))

    def _aligned_top(self, block: int) -> int:
        if block >= self._aligned:
            self._align_until(lambda _top: self._aligned > block + 40)
            if self._aligned < self.oldPane.document().blockCount():
                self._align_timer.start(ALIGN_FIRST_DELAY_MS)
        return self.block_top(self.oldPane, block)

    def set_inline(self, inline: bool) -> None:
        if inline != self.inline:
            self.inline = inline
            self.stack.setCurrentIndex(1 if inline else 0)
            self.refresh()

    def set_only_changed(self, only: bool) -> None:
        if only != self.only_changed:
            self.only_changed = only
            self.current_change = -1
            self.refresh()

    @property
    def modes(self) -> tuple[bool, bool]:
        """(inline, only changed paragraphs)"""
        return self.inline, self.only_changed

    def panes(self) -> list[QTextBrowser]:
        return [self.inlinePane] if self.inline else [self.oldPane, self.newPane]

    def refresh(self, keep_position: bool = True, rendered: Rendered | None = None) -> None:
        """Render the current comparison again (modes, palette or width changed)."""
        self._align_timer.stop()
        keep = self.panes()[0].verticalScrollBar().value() if keep_position else 0
        if self.comparison is None:
            self.rendered = Rendered()
            self._rendered_for = None
            for pane in (self.oldPane, self.newPane, self.inlinePane):
                pane.clear()
            for label in (self.oldHeader, self.newHeader, self.inlineHeader):
                label.clear()
            self.shown.emit(0)
            return
        if rendered is None and self._rendered_for is self.comparison:
            # A width or palette change: the HTML itself does not depend on either.
            rendered = self.rendered
        if rendered is None or (rendered.inline, rendered.only_changed) != self.modes:
            rendered = diff_html.render(
                self.comparison, inline=self.inline, only_changed=self.only_changed
            )
        self.rendered = rendered
        self._rendered_for = self.comparison
        css = diff_html.stylesheet(theme_from_palette(self.palette()))
        for pane in self.panes():
            if pane.document().defaultStyleSheet() != css:
                pane.document().setDefaultStyleSheet(css)
        c = self.comparison
        self.oldHeader.setText(version_caption(c.old))
        self.newHeader.setText(version_caption(c.new))
        self.inlineHeader.setText(f"{version_caption(c.old)}  →  {version_caption(c.new)}")
        if self.inline:
            self.inlinePane.setHtml(self.rendered.inline_html)
            self._aligned = self.inlinePane.document().blockCount()
        else:
            self._syncing = True
            self.oldPane.setHtml(self.rendered.old)
            self.newPane.setHtml(self.rendered.new)
            self._syncing = False
            self._aligned = 0
            self._align_visible()
        self._last_width = self.panes()[0].viewport().width()
        if self.current_change >= 0:
            self._scroll_to_block(self.current_change)
        else:
            self.panes()[0].verticalScrollBar().setValue(keep)
        self._highlight()
        self.shown.emit(len(self.rendered.change_blocks))

    # -- alignment -------------------------------------------------------------
    def _align_visible(self) -> None:
        height = self.oldPane.viewport().height()
        self._align_until(lambda top: top > height * 1.5)
        if self._aligned < self.oldPane.document().blockCount():
            # Let the first paint happen before aligning what is out of view.
            self._align_timer.start(ALIGN_FIRST_DELAY_MS)

    def _align_more(self) -> None:
        deadline = time.perf_counter() + ALIGN_SLICE_S
        self._align_until(lambda _top: time.perf_counter() > deadline)
        if self._aligned < self.oldPane.document().blockCount():
            self._align_timer.start(0)

    def align_all(self) -> None:
        """Align every block now (tests and jumps far down the document)."""
        self._align_until(lambda _top: False)
        self._align_timer.stop()

    def _align_until(self, stop: Callable[[float], bool]) -> None:
        if self.inline:
            return
        old_doc, new_doc = self.oldPane.document(), self.newPane.document()
        old_lay, new_lay = old_doc.documentLayout(), new_doc.documentLayout()
        count = min(old_doc.blockCount(), new_doc.blockCount())
        k = self._aligned
        ob, nb = old_doc.findBlockByNumber(k), new_doc.findBlockByNumber(k)
        while k < count:
            orect, nrect = old_lay.blockBoundingRect(ob), new_lay.blockBoundingRect(nb)
            diff = orect.height() - nrect.height()
            if abs(diff) >= 0.5:
                short = nb if diff > 0 else ob
                fmt = short.blockFormat()
                fmt.setBottomMargin(fmt.bottomMargin() + abs(diff))
                QTextCursor(short).setBlockFormat(fmt)
            k += 1
            ob, nb = ob.next(), nb.next()
            if stop(max(orect.bottom(), nrect.bottom())):
                break
        self._aligned = k

    def _sync(self, other: object, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            other.setValue(value)  # type: ignore[attr-defined]
        finally:
            self._syncing = False

    def notes_at(self, pane: QTextBrowser, pos: QPoint) -> tuple[str, ...]:
        """What a parser guessed about the paragraph at ``pos`` in ``pane``."""
        block = pane.cursorForPosition(pos).block().blockNumber()
        if not 0 <= block < len(self.rendered.shown):
            return ()
        row = self.rendered.shown[block]
        if pane is self.oldPane:
            return row.old_notes
        if pane is self.newPane:
            return row.new_notes
        return row.old_notes + row.new_notes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pane = watched.parent()
            if isinstance(pane, QTextBrowser):
                notes = self.notes_at(pane, event.pos())
                if notes:
                    QToolTip.showText(event.globalPos(), "\n".join(notes), pane)
                else:
                    QToolTip.hideText()
                return True
        # A width change rewraps the text; the padding no longer fits, so re-render
        # once the resizing settles.
        if event.type() == QEvent.Type.Resize and self.comparison is not None:
            width = self.panes()[0].viewport().width()
            if width != self._last_width:
                self._resize_timer.start()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            QTimer.singleShot(0, self.refresh)
        super().changeEvent(event)

    # -- navigation ------------------------------------------------------------
    def next_change(self) -> bool:
        blocks = self.rendered.change_blocks
        after = [b for b in blocks if b > self.current_change]
        if not after:
            return False
        self.focus_block(after[0])
        return True

    def previous_change(self) -> bool:
        blocks = self.rendered.change_blocks
        before = [b for b in blocks if b < self.current_change]
        if not before:
            return False
        self.focus_block(before[-1])
        return True

    def focus_block(self, block: int) -> None:
        self.current_change = block
        self._scroll_to_block(block)
        self._highlight()
        blocks = self.rendered.change_blocks
        self.changeFocused.emit(blocks.index(block) if block in blocks else -1, len(blocks))

    def block_top(self, pane: QTextBrowser, block: int) -> int:
        doc = pane.document()
        return int(doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(block)).top())

    def _scroll_to_block(self, block: int) -> None:
        pane = self.panes()[0]
        top = self.block_top(pane, block) if self.inline else self._aligned_top(block)
        pane.verticalScrollBar().setValue(max(0, top - 6))

    def _highlight(self) -> None:
        color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        color.setAlpha(45)
        for pane in (self.oldPane, self.newPane, self.inlinePane):
            sels = []
            block = pane.document().findBlockByNumber(self.current_change)
            if self.current_change >= 0 and block.isValid():
                sel = QTextEdit.ExtraSelection()
                sel.cursor = QTextCursor(block)
                sel.format.setBackground(color)
                sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                sels.append(sel)
            pane.setExtraSelections(sels)

    def _follow_link(self, url: QUrl) -> None:
        frag = url.fragment()
        if not frag.startswith("mv") or "-" not in frag:
            return
        ident, _, end = frag[2:].partition("-")
        try:
            move = int(ident)
        except ValueError:
            return
        block = self.rendered.block_of_move(move, end)
        if block >= 0:
            self.focus_block(block)


def version_caption(version: Version) -> str:
    """``Version 5 · 2018-04-12 14:03 UTC``, or the distance the dump gave instead of a
    time, and a note when a parser had to guess part of the version."""
    parts = [f"Version {version.number}"]
    if version.captured is not None:
        parts.append(version.captured.strftime("%Y-%m-%d %H:%M UTC"))
    elif version.distance:
        parts.append(version.distance)
    if version.inferred:
        parts.append("partly inferred")
    return " · ".join(parts)
