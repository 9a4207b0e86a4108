"""The page shown before anything is loaded: where to drop, and buttons to open."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

#: how many recent paths the page offers
RECENT_SHOWN = 5


class WelcomePage(QWidget):
    openFiles = Signal()
    openFolder = Signal()
    openSamples = Signal()
    #: a recent file or folder to open again
    openRecent = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel("Drop dump files or folders anywhere on this window")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        hint = QLabel(
            "revviewer reads NewsSniffer diff pages saved as text or HTML, shows every "
            "version of each article, and highlights what changed from one to the next."
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        self.files_button = QPushButton("Open Files…")
        self.folder_button = QPushButton("Open Folder…")
        self.samples_button = QPushButton("Open the Sample Dumps")
        self.samples_button.setObjectName("openSamples")
        self.samples_button.setDefault(True)
        for b, name in (
            (self.files_button, "Open dump files"),
            (self.folder_button, "Open a folder of dumps"),
            (self.samples_button, "Open the bundled sample dumps"),
        ):
            b.setAccessibleName(name)
        self.files_button.clicked.connect(self.openFiles)
        self.folder_button.clicked.connect(self.openFolder)
        self.samples_button.clicked.connect(self.openSamples)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.files_button, self.folder_button, self.samples_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        self.recent = QLabel()
        self.recent.setObjectName("welcomeRecent")
        self.recent.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent.setTextFormat(Qt.TextFormat.RichText)
        self.recent.setAccessibleName("Recently opened")
        self.recent.linkActivated.connect(self._recent_clicked)
        layout.addWidget(self.recent)
        layout.addStretch(3)
        self._recent: list[str] = []

    def set_samples_available(self, available: bool) -> None:
        self.samples_button.setVisible(available)

    def set_recent(self, paths: list[str]) -> None:
        """Offer the most recent files and folders as links (paths are escaped: a file
        name is text, never markup)."""
        self._recent = list(paths[:RECENT_SHOWN])
        if not self._recent:
            self.recent.clear()
            return
        links = "<br>".join(
            f'<a href="{i}">{html.escape(p)}</a>' for i, p in enumerate(self._recent)
        )
        self.recent.setText(f"Recently opened:<br>{links}")

    def _recent_clicked(self, link: str) -> None:
        if link.isdigit() and int(link) < len(self._recent):
            self.openRecent.emit(self._recent[int(link)])
