"""Starting the window (placeholder until the main window lands)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_app(paths: Sequence[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = QMainWindow()
    win.show()
    return int(app.exec())


def main() -> int:
    return run_app(sys.argv[1:])
