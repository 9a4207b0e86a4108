"""Loading dumps in the background, and the per-article step sizes after that.

Contract: :class:`LoadController` runs :func:`revviewer.core.loader.iter_load` in a
:class:`~revviewer.gui.workers.Task`; its yields become ``progress`` signals, and the
result arrives through ``loaded``. Starting a new load cancels the one running; a
result from a load that is no longer wanted (stale token) is dropped. Nothing here
touches a widget.
"""

from __future__ import annotations

import time
from collections.abc import Generator

from PySide6.QtCore import QObject, QThreadPool, Signal

from revviewer.core import diff, loader
from revviewer.core.loader import LoadResult, Progress
from revviewer.core.model import Article
from revviewer.gui.workers import Task, release

#: step sizes are reported in batches at most this often (each batch re-sorts the list)
SIZES_BATCH_S = 0.25


def _step_sizes(articles: list[Article]) -> Generator[dict[str, list[int]], None, None]:
    """Yields {article key: its step sizes} in batches."""
    batch: dict[str, list[int]] = {}
    last = time.monotonic()
    for art in articles:
        batch[art.key] = diff.step_sizes(art)
        if time.monotonic() - last >= SIZES_BATCH_S:
            yield batch
            batch, last = {}, time.monotonic()
    if batch:
        yield batch


class LoadController(QObject):
    #: done, total, path
    progress = Signal(int, int, str)
    #: LoadResult, paths it came from
    loaded = Signal(object, list)
    #: message
    failed = Signal(str)
    cancelled = Signal()
    #: {article key: sizes of its steps}, a batch of articles at a time
    stepSizes = Signal(dict)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load: Task | None = None
        self._sizes: Task | None = None
        self._paths: list[str] = []
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._load is not None

    @property
    def paths(self) -> list[str]:
        """The paths of the load running now (or of the last one started)."""
        return list(self._paths)

    @property
    def sizing(self) -> bool:
        """True while the step sizes are being computed."""
        return self._sizes is not None

    def start(self, paths: list[str]) -> None:
        if self._closed:
            return
        if self._load is not None:
            self._load.cancel()  # superseded: its result will be dropped as stale
        self._paths = list(paths)
        task = Task(lambda: loader.iter_load(list(paths)))
        task.signals.progressed.connect(self._on_progress)
        task.signals.finished.connect(self._on_loaded)
        task.signals.errored.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        self._load = task
        self.busyChanged.emit(True)
        task.start()

    def cancel(self) -> None:
        if self._load is not None:
            self._load.cancel()
            self._load = None
            self.busyChanged.emit(False)
            self.cancelled.emit()

    def compute_step_sizes(self, articles: list[Article]) -> None:
        if self._closed:
            return
        if self._sizes is not None:
            self._sizes.cancel()
        task = Task(lambda: _step_sizes(list(articles)))
        task.signals.progressed.connect(self._on_sizes)
        task.signals.finished.connect(self._on_sizes_done)
        task.signals.errored.connect(self._on_sizes_done)
        task.signals.cancelled.connect(self._on_sizes_cancelled)
        self._sizes = task
        task.start()

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel everything and wait for the workers (window closing)."""
        self._closed = True
        self.cancel()
        if self._sizes is not None:
            self._sizes.cancel()
            self._sizes = None
        QThreadPool.globalInstance().waitForDone(timeout_ms)

    def _current(self, token: int) -> bool:
        return self._load is not None and self._load.token == token

    def _on_progress(self, token: int, item: object) -> None:
        if self._current(token) and isinstance(item, Progress):
            self.progress.emit(item.done, item.total, item.path)

    def _on_loaded(self, token: int, result: object) -> None:
        release(token)
        if not self._current(token) or not isinstance(result, LoadResult):
            return
        self._load = None
        self.busyChanged.emit(False)
        self.loaded.emit(result, self._paths)

    def _on_failed(self, token: int, message: str) -> None:
        release(token)
        if not self._current(token):
            return
        self._load = None
        self.busyChanged.emit(False)
        self.failed.emit(message)

    def _on_cancelled(self, token: int) -> None:
        release(token)  # cancel() already told the window; the worker confirms it stopped

    def _on_sizes(self, token: int, item: object) -> None:
        current = self._sizes is not None and self._sizes.token == token
        if current and isinstance(item, dict):
            self.stepSizes.emit(item)

    def _on_sizes_cancelled(self, token: int) -> None:
        release(token)

    def _on_sizes_done(self, token: int, _result: object) -> None:
        release(token)
        if self._sizes is not None and self._sizes.token == token:
            self._sizes = None
