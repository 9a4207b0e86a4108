"""Starting the window: ``run_app(paths)`` for the ``revviewer`` command, ``main()`` for
the ``revviewer-gui`` launcher.

With paths, the window opens on them; with none, it opens ready for a drop (or on the
last session's files when the user asked for that)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from revviewer.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def _setup_logging() -> None:
    from revviewer.logs import setup_logging

    try:
        setup_logging()
    except OSError:
        logging.basicConfig(level=logging.WARNING)
        log.exception("cannot open the log file")


def _set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from revviewer.assets import asset

    try:
        app.setWindowIcon(QIcon(str(asset("icons/revviewer.svg"))))
    except FileNotFoundError:
        log.warning("the application icon is missing")


def create_window(paths: Sequence[str] = ()) -> MainWindow:
    """Build the main window (the QApplication must exist) and start loading."""
    from PySide6.QtCore import QTimer

    from revviewer.gui.main_window import MainWindow

    window = MainWindow()
    start = list(paths)
    if not start and window.settings.reopen_last_session:
        start = list(window.settings.last_session)
    if start:
        # Start after the window's first paint: the loader competes for the interpreter.
        QTimer.singleShot(0, lambda: window.open_paths(start))
    return window


def run_app(paths: Sequence[str]) -> int:
    _setup_logging()
    from PySide6.QtCore import Qt, qVersion
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from revviewer import __version__
    from revviewer.gui.crash import install_excepthook

    # Fractional scale factors (150 %) stay fractional: text and bars stay crisp.
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    app.setApplicationName("revviewer")
    app.setApplicationDisplayName("revviewer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("revviewer")
    log.info("revviewer %s starting (Qt %s, %s)", __version__, qVersion(), sys.platform)
    _set_icon(app)
    install_excepthook()
    window = create_window(paths)
    window.show()
    return int(app.exec())


def main() -> int:
    """The ``revviewer-gui`` launcher: the same options as ``revviewer`` without a
    subcommand (``[--samples] [PATH...]``)."""
    from revviewer.cli import open_window

    return open_window(sys.argv[1:])
