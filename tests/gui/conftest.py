"""Fixtures for the window tests: a real MainWindow and a guard against leaked
background work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool

from revviewer.gui.main_window import MainWindow
from revviewer.gui.settings import Settings


@pytest.fixture(autouse=True)
def no_leaked_pool_work() -> Iterator[None]:
    """Fail a test that leaves work running on the global QThreadPool: a worker still
    running when the test ends would emit into the next test's widgets."""
    yield
    pool = QThreadPool.globalInstance()
    leaked = pool.activeThreadCount()
    if leaked:
        pool.waitForDone(10_000)
        pytest.fail(f"{leaked} QThreadPool task(s) still running at the end of the test")


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(settings=Settings())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()  # waits for its workers
