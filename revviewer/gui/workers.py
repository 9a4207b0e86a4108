"""Background work for the window: a QRunnable that carries a QObject for its signals.

Contract: a :class:`Task` runs a plain function (or drains a generator that yields
progress) on the global QThreadPool and reports back through signals, which Qt
delivers on the thread that owns the signal object (the GUI thread). The function
never touches Qt objects. Every task carries a ``token``; the caller keeps the token
of the request it still wants and ignores results whose token is older (stale), so a
slow load or diff that finishes late never overwrites a newer one.

A failing function emits ``errored`` with a readable message instead of leaving a
progress bar spinning forever. ``cancel()`` asks a generator task to stop at its next
yield; the task then emits ``cancelled``. Whoever handles a task's final signal calls
:func:`release` with its token, which lets the task (and its signal object) go.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_tokens = itertools.count(1)


def next_token() -> int:
    """A number larger than every token handed out before (GUI thread only)."""
    return next(_tokens)


class TaskSignals(QObject):
    #: token, progress item (whatever the generator yielded)
    progressed = Signal(int, object)
    #: token, result
    finished = Signal(int, object)
    #: token, message
    errored = Signal(int, str)
    #: token
    cancelled = Signal(int)


class Task(QRunnable):
    """Run ``fn()`` in the thread pool. If it returns a generator, each yielded value
    is reported through ``progressed`` and the generator's return value through
    ``finished``."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.token = next_token()
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        # Everything is inside try: an exception escaping run() would be lost and
        # the GUI would wait forever for a signal that never comes.
        try:
            result = self.fn()
            if isinstance(result, Generator):
                result = self._drain(result)
                if result is _CANCELLED:
                    self.signals.cancelled.emit(self.token)
                    return
            elif self.is_cancelled:
                self.signals.cancelled.emit(self.token)
                return
            self.signals.finished.emit(self.token, result)
        except Exception as exc:
            log.exception("background task failed")
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self.signals.errored.emit(self.token, detail)

    def _drain(self, gen: Generator[Any, None, Any]) -> Any:
        while True:
            if self.is_cancelled:
                gen.close()
                return _CANCELLED
            try:
                item = next(gen)
            except StopIteration as stop:
                return stop.value
            self.signals.progressed.emit(self.token, item)

    def start(self) -> Task:
        _live[self.token] = self
        QThreadPool.globalInstance().start(self)
        return self


_CANCELLED = object()

#: started tasks, kept alive until the GUI thread has handled their last signal
_live: dict[int, Task] = {}


def release(token: int) -> None:
    """Forget a task once its final signal (finished, errored, cancelled) is handled."""
    _live.pop(token, None)
