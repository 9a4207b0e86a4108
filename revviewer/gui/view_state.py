"""What the user is looking at: one article, one version, and what it is compared to.

Contract: :class:`ViewState` is the single source of truth for the current article,
the current (new-side) version index and the compare-to mode. Widgets write to it
(the slider, the timeline, the buttons) and redraw from its signals; they never keep
their own copy of the current version.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from revviewer.core.model import Article, Version


class CompareTo(StrEnum):
    PREVIOUS = "previous"
    FIRST = "first"
    PINNED = "pinned"


class ViewState(QObject):
    #: another article was chosen; always followed by stepChanged
    articleChanged = Signal()
    #: the version index or the compare-to choice changed
    stepChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.article: Article | None = None
        self.index = 0
        self.compare_to = CompareTo.PREVIOUS
        self.pinned = 0

    # -- writes ------------------------------------------------------------------
    def set_article(self, article: Article | None) -> None:
        if article is self.article:
            return
        self.article = article
        n = len(article.versions) if article else 0
        # Open on the first step: the first thing a reader wants is the first edit.
        self.index = 1 if n > 1 else 0
        self.pinned = 0
        self.articleChanged.emit()
        self.stepChanged.emit()

    def set_index(self, index: int) -> None:
        n = self.count
        index = max(0, min(index, n - 1)) if n else 0
        if index != self.index:
            self.index = index
            self.stepChanged.emit()

    def step(self, delta: int) -> None:
        self.set_index(self.index + delta)

    def set_compare_to(self, mode: CompareTo) -> None:
        if mode != self.compare_to:
            self.compare_to = mode
            self.stepChanged.emit()

    def pin_current(self) -> None:
        self.pinned = self.index
        self.compare_to = CompareTo.PINNED
        self.stepChanged.emit()

    # -- reads -------------------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.article.versions) if self.article else 0

    @property
    def old_index(self) -> int:
        if self.compare_to == CompareTo.FIRST:
            return 0
        if self.compare_to == CompareTo.PINNED:
            return min(self.pinned, max(0, self.count - 1))
        return max(0, self.index - 1)

    def pair(self) -> tuple[Version, Version] | None:
        """The (old, new) versions to compare, or None with no article."""
        if self.article is None or not self.article.versions:
            return None
        vs = self.article.versions
        return vs[self.old_index], vs[self.index]
