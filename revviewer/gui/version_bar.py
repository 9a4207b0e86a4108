"""The version controls: timeline, slider with previous/next buttons, captions, and the
compare-to choice. A view over :class:`~revviewer.gui.view_state.ViewState`: it
writes the user's choices to the state and redraws from the state's signals, blocking
the echo of its own updates."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from revviewer.gui.diff_view import version_caption
from revviewer.gui.timeline import TimelineWidget
from revviewer.gui.view_state import CompareTo, ViewState

COMPARE_LABELS = {
    CompareTo.PREVIOUS: "the previous version",
    CompareTo.FIRST: "the first version",
    CompareTo.PINNED: "the pinned version",
}


class VersionBar(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.timeline = TimelineWidget()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("versionSlider")
        self.slider.setAccessibleName("Version")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(5)
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.setAccessibleName("Previous version")
        self.prev_button.setToolTip("Previous version (Alt+Left)")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setAccessibleName("Next version")
        self.next_button.setToolTip("Next version (Alt+Right)")
        # The slider's ends, labelled with the version numbers they stand for.
        self.first_label = QLabel()
        self.last_label = QLabel()
        self.caption = QLabel()
        self.caption.setObjectName("versionCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        # A long caption is cut, not allowed to push the article list off the window.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.compare = QComboBox()
        self.compare.setObjectName("compareTo")
        self.compare.setAccessibleName("Compare with")
        for mode, label in COMPARE_LABELS.items():
            self.compare.addItem(label, mode)
        compare_label = QLabel("&Compare with")
        compare_label.setBuddy(self.compare)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.prev_button)
        row.addWidget(self.first_label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.last_label)
        row.addWidget(self.next_button)
        info = QHBoxLayout()
        info.setContentsMargins(0, 0, 0, 0)
        info.addWidget(self.caption, 1)
        info.addWidget(compare_label)
        info.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.timeline)
        layout.addLayout(row)
        layout.addLayout(info)

        self.slider.valueChanged.connect(state.set_index)
        self.prev_button.clicked.connect(lambda: state.step(-1))
        self.next_button.clicked.connect(lambda: state.step(1))
        self.timeline.versionClicked.connect(state.set_index)
        self.compare.currentIndexChanged.connect(
            lambda i: state.set_compare_to(self.compare.itemData(i))
        )
        state.articleChanged.connect(self._article_changed)
        state.stepChanged.connect(self._step_changed)
        self._article_changed()
        self._step_changed()

    def _article_changed(self) -> None:
        n = self.state.count
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, n - 1))
            self.slider.setTickInterval(max(1, n // 20))
        self.setEnabled(n > 0)
        versions = self.state.article.versions if self.state.article else []
        self.first_label.setText(f"v{versions[0].number}" if versions else "")
        self.last_label.setText(f"v{versions[-1].number}" if versions else "")
        # No _step_changed() here: the state follows articleChanged with stepChanged.
        self.timeline.set_versions(n, self.state.index)

    def _step_changed(self) -> None:
        s = self.state
        with QSignalBlocker(self.slider):
            self.slider.setValue(s.index)
        with QSignalBlocker(self.compare):
            self.compare.setCurrentIndex(self.compare.findData(s.compare_to))
            pinned = self.compare.findData(CompareTo.PINNED)
            label = COMPARE_LABELS[CompareTo.PINNED]
            if s.article is not None and s.article.versions:
                number = s.article.versions[min(s.pinned, s.count - 1)].number
                label += f" (version {number})"
            self.compare.setItemText(pinned, label)
        self.timeline.set_current(s.index)
        self.prev_button.setEnabled(s.index > 0)
        self.next_button.setEnabled(s.index < s.count - 1)
        pair = s.pair()
        if pair is None:
            self.caption.setText("No article selected")
            self.slider.setAccessibleDescription("")
            return
        old, new = pair
        # The old version is named over its pane; the full sentence is for tooltips
        # and screen readers.
        short = f"{version_caption(new)}  ({s.index + 1} of {s.count})"
        full = f"{short}, compared with {version_caption(old)}"
        self.caption.setText(short)
        self.caption.setToolTip(full)
        self.slider.setAccessibleDescription(full)
        self.slider.setToolTip(full)
