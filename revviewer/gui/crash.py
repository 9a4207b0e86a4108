"""An error dialog with a copyable report instead of a silent crash.

:func:`install_excepthook` replaces ``sys.excepthook``: an exception that escapes a
slot is logged and shown in a dialog whose report (version, platform, traceback) the
user can copy into a bug report. The app keeps running.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from revviewer import __version__

log = logging.getLogger(__name__)


def format_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    lines = [
        f"revviewer {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def error_dialog(report: str, summary: str) -> QMessageBox:
    box = QMessageBox(QApplication.activeWindow())
    box.setObjectName("crashDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("revviewer: unexpected error")
    box.setText("Something went wrong. revviewer is still running.")
    box.setInformativeText(
        f"{summary}\n\nThe report below (Show Details) can be copied into a bug report."
    )
    box.setDetailedText(report)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    copy = box.addButton("Copy Report", QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copyReport")
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
    return box


_showing = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report = format_report(exc_type, exc, tb)
    log.error("unexpected error\n%s", report)
    if QApplication.instance() is None or _showing:
        sys.__excepthook__(exc_type, exc, tb)
        return
    _showing = True  # an error raised while the dialog is up must not stack dialogs
    try:
        summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
        error_dialog(report, summary).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = excepthook
