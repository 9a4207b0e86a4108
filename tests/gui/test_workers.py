"""Background tasks report failure and cancellation instead of leaving the GUI waiting."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest
from PySide6.QtCore import QThreadPool

from revviewer.gui.workers import Task, release


@pytest.fixture(autouse=True)
def _join_workers():
    """A task's thread runs on briefly after its last signal: join it before the
    leak check looks."""
    yield
    QThreadPool.globalInstance().waitForDone(5_000)


def test_a_failing_task_reports_its_error(qtbot):
    task = Task(lambda: 1 / 0)
    with qtbot.waitSignal(task.signals.errored, timeout=5_000) as failed:
        task.start()
    release(task.token)
    assert failed.args[0] == task.token
    assert "ZeroDivisionError" in failed.args[1]


def test_a_generator_task_reports_progress_then_its_return_value(qtbot):
    def work() -> Generator[int, None, str]:
        yield 1
        yield 2
        return "done"

    task = Task(work)
    seen: list[object] = []
    task.signals.progressed.connect(lambda _token, item: seen.append(item))
    with qtbot.waitSignal(task.signals.finished, timeout=5_000) as finished:
        task.start()
    release(task.token)
    assert seen == [1, 2] and finished.args == [task.token, "done"]


def test_a_cancelled_task_stops_at_its_next_yield(qtbot):
    gate = threading.Event()
    steps: list[int] = []

    def work() -> Generator[int, None, str]:
        for i in range(100):
            steps.append(i)
            yield i
            gate.wait(5)
        return "never"

    task = Task(work)
    finished: list[object] = []
    task.signals.finished.connect(lambda *a: finished.append(a))

    def first_progress(_token: int, _item: object) -> None:
        task.cancel()
        gate.set()

    task.signals.progressed.connect(first_progress)
    with qtbot.waitSignal(task.signals.cancelled, timeout=5_000):
        task.start()
    release(task.token)
    assert finished == [] and len(steps) <= 2
