"""A strip of bars, one per step of the article, tall where the edit was big.

Step ``i`` goes from version index ``i`` to ``i + 1``; clicking a bar asks for the
version at its new end. Bar heights grow with the square root of the step size so
that one huge rewrite does not flatten every other step to nothing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

#: bars of articles with few versions stay bars, not slabs
MAX_BAR_WIDTH = 28.0


class TimelineWidget(QWidget):
    #: version index chosen by a click
    versionClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName("Size of every step")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._sizes: list[int] | None = None
        self._count = 0
        self._current = 0

    def sizeHint(self) -> QSize:
        return QSize(200, max(28, self.fontMetrics().height() * 2))

    def set_versions(self, count: int, current: int) -> None:
        self._count = count
        self._current = current
        self._sizes = None
        self.update()

    @property
    def sizes(self) -> list[int] | None:
        """The step sizes drawn, or None while they are not known yet."""
        return None if self._sizes is None else list(self._sizes)

    def set_sizes(self, sizes: list[int]) -> None:
        self._sizes = list(sizes)
        self.update()

    def set_current(self, index: int) -> None:
        self._current = index
        self.update()

    def _slot(self, index: int) -> QRectF:
        steps = max(1, self._count - 1)
        width = self.width() / steps
        return QRectF(index * width, 0, width, self.height())

    def step_at(self, x: float) -> int:
        steps = self._count - 1
        if steps <= 0:
            return -1
        return min(steps - 1, max(0, int(x / (self.width() / steps))))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        steps = self._count - 1
        if steps <= 0:
            p.end()
            return
        sizes = self._sizes or []
        top = max((math.sqrt(s) for s in sizes), default=0.0) or 1.0
        bar = pal.color(QPalette.ColorRole.Mid)
        hi = pal.color(QPalette.ColorRole.Highlight)
        h = self.height() - 3
        for i in range(steps):
            slot = self._slot(i)
            size = sizes[i] if i < len(sizes) else 0
            # an empty step still gets a stub so every step can be seen and clicked
            bh = max(2.0, h * math.sqrt(size) / top) if sizes else 2.0
            width = min(MAX_BAR_WIDTH, max(1.0, slot.width() - (2.0 if slot.width() > 4 else 0.0)))
            left = slot.center().x() - width / 2
            p.fillRect(QRectF(left, h + 2 - bh, width, bh), hi if i + 1 == self._current else bar)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            step = self.step_at(event.position().x())
            if step >= 0:
                self.versionClicked.emit(step + 1)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        step = self.step_at(event.position().x())
        if step >= 0 and self._sizes is not None and step < len(self._sizes):
            self.setToolTip(f"Step {step + 1}: {self._sizes[step]:,} words changed")
        super().mouseMoveEvent(event)
