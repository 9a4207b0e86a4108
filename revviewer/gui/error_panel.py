"""A non-modal panel listing the files that could not be read, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from revviewer.core.model import LoadError


class ErrorPanel(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Problems", parent)
        self.setObjectName("errorPanel")
        self.setAccessibleName("Files that could not be read")
        self.list = QTreeWidget()
        self.list.setObjectName("errorList")
        self.list.setAccessibleName("Files that could not be read")
        self.list.setHeaderLabels(["File", "Line", "Why"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        copy = QPushButton("Copy")
        copy.setAccessibleName("Copy the list of problems")
        copy.clicked.connect(self.copy_to_clipboard)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(copy)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.errors: list[LoadError] = []

    def set_errors(self, errors: list[LoadError]) -> None:
        self.errors = list(errors)
        self.list.clear()
        items = []
        for e in errors:
            item = QTreeWidgetItem([e.path, "" if e.line is None else str(e.line), e.message])
            item.setToolTip(0, e.path)
            item.setToolTip(2, e.message)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            items.append(item)
        self.list.addTopLevelItems(items)
        self.list.resizeColumnToContents(1)
        self.setWindowTitle(f"Problems ({len(errors)})" if errors else "Problems")

    def report(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.report())
