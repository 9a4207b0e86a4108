"""Writing HTML exports in the background.

Contract: :meth:`ExportController.start` renders a page (a plain function over the
core's data, see :mod:`revviewer.export`) and writes it with
:func:`revviewer.export.write_atomic` in a worker, so exporting a long history never
freezes the window. ``exported`` names the file written; ``failed`` says why not (for
instance a file that appeared after the user was asked about overwriting).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from revviewer.gui.workers import Task, release


def _render_and_write(render: Callable[[], str], path: Path, force: bool) -> str:
    from revviewer.export import write_atomic

    try:
        write_atomic(path, render(), force=force)
    except FileExistsError as exc:
        raise FileExistsError(f"{path} already exists") from exc
    return str(path)


class ExportController(QObject):
    #: path written
    exported = Signal(str)
    #: message
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[int] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(self, path: Path, render: Callable[[], str], *, force: bool) -> None:
        task = Task(lambda: _render_and_write(render, path, force))
        task.signals.finished.connect(self._done)
        task.signals.errored.connect(self._failed)
        self._running.add(task.token)
        task.start()

    def _done(self, token: int, path: object) -> None:
        release(token)
        self._running.discard(token)
        self.exported.emit(str(path))

    def _failed(self, token: int, message: str) -> None:
        release(token)
        self._running.discard(token)
        self.failed.emit(message)
