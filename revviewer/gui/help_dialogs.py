"""Help > Keyboard Shortcuts and Help > About."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from revviewer import __version__

#: keys that belong to widgets rather than to actions
WIDGET_KEYS = [("Step versions (slider focused)", "Left / Right, PgUp / PgDown")]


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action, in menu order, then the widgets' own keys."""
    rows = [
        (
            act.text().replace("&", "").rstrip("…"),
            act.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
        )
        for act in actions
    ]
    return rows + WIDGET_KEYS


def shortcuts_dialog(parent: QWidget, rows: list[tuple[str, str]]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard Shortcuts")
    view = QTextBrowser()
    view.setAccessibleName("Keyboard shortcuts")
    body = "".join(
        f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;<b>{html.escape(keys)}</b></td></tr>"
        for name, keys in rows
    )
    view.setHtml(f"<table cellspacing=3>{body}</table>")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(460, 560)
    return dialog


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About revviewer",
        f"revviewer {__version__}\nRead how news articles changed after publication.",
    )
