"""How fast the real window shows a version step (offscreen Qt, real widgets).

Prints:
- the median time from "next version" (a Right key press on the version slider) to
  the panes having painted the new step, for a 6 KB and a 60 KB article
  (targets: 25 ms and 100 ms);
- the first paint of a 600 KB article after picking it in the list (target: 300 ms);
- the longest the event loop was blocked while a 200-version article is stepped
  through by key repeat, one Right key every 33 ms (target: 100 ms).

Articles are generated (revviewer.testing.dumpgen), so the edits between versions look
like real news updates. Run: ``python benchmarks/gui_step.py``.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings go to a throw-away folder, never the user's.
_home = tempfile.mkdtemp(prefix="revviewer-bench-")
atexit.register(shutil.rmtree, _home, ignore_errors=True)
os.environ["XDG_CONFIG_HOME"] = _home
os.environ["XDG_STATE_HOME"] = _home

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from revviewer.core.model import Article, Version, article_key  # noqa: E402
from revviewer.gui.main_window import MainWindow  # noqa: E402
from revviewer.gui.settings import Settings  # noqa: E402
from revviewer.testing.dumpgen import random_article  # noqa: E402

CHARS_PER_PARAGRAPH = 240  # what the generator writes, on average


def make_article(kb: int, versions: int, seed: int) -> Article:
    gen = random_article(
        random.Random(seed),
        n_versions=versions,
        n_paragraphs=max(3, kb * 1024 // CHARS_PER_PARAGRAPH),
    )
    vs = [Version(v.number, v.title, list(v.paragraphs), captured=v.captured) for v in gen.versions]
    url = f"{gen.url}?bench={seed}"
    return Article(article_key(url), gen.source, url, vs, version_count=len(vs))


class PaintWatch(QObject):
    """Notes when a widget's viewport paints."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.painted = False
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def wait_for(app: QApplication, done, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the window did not show the step in time")
        app.processEvents()


def press_right(widget: QWidget, autorepeat: bool = False) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        ev = QKeyEvent(kind, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, "", autorepeat)
        QApplication.sendEvent(widget, ev)


def show_article(app: QApplication, win: MainWindow, art: Article) -> float:
    """Seconds from picking ``art`` to the panes' first paint."""
    win.comparisons.clear()
    win.model.set_articles([art])
    win.pages.setCurrentWidget(win.splitter)
    app.processEvents()
    watch = PaintWatch([win.diff_view.oldPane.viewport(), win.diff_view.newPane.viewport()])
    shown: list[bool] = []
    win.stepShown.connect(lambda: shown.append(True))
    t0 = time.perf_counter()
    win.select_article(art.key)
    wait_for(app, lambda: shown and watch.painted)
    elapsed = time.perf_counter() - t0
    win.stepShown.disconnect()
    return elapsed


def step_times(
    app: QApplication, win: MainWindow, art: Article, steps: int, cpu: list[float] | None = None
) -> list[float]:
    """Wall-clock seconds per step; ``cpu`` collects the GUI thread's CPU seconds, which
    other processes on a shared machine disturb less."""
    show_article(app, win, art)
    slider = win.version_bar.slider
    slider.setFocus()
    watch = PaintWatch([win.diff_view.oldPane.viewport(), win.diff_view.newPane.viewport()])
    times = []
    shown: list[bool] = []
    win.stepShown.connect(lambda: shown.append(True))
    for _ in range(steps):
        shown.clear()
        wait_for(app, lambda: win.comparisons.idle)  # a real user reads before stepping
        watch.painted = False
        t0, c0 = time.perf_counter(), time.thread_time()
        press_right(slider)
        wait_for(app, lambda: bool(shown) and watch.painted)
        times.append(time.perf_counter() - t0)
        if cpu is not None:
            cpu.append(time.thread_time() - c0)
    win.stepShown.disconnect()
    return times


def longest_block_while_stepping(
    app: QApplication, win: MainWindow, art: Article
) -> tuple[float, float]:
    """The longest event-loop block in wall-clock seconds, and the GUI thread's CPU
    seconds within it (far less than the wall clock when the process was only waiting
    for a core on a busy machine)."""
    show_article(app, win, art)
    slider = win.version_bar.slider
    slider.setFocus()
    gaps: list[tuple[float, float]] = []
    last = [time.perf_counter(), time.thread_time()]

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append((now - last[0], cpu - last[1]))
        last[:] = [now, cpu]

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)
    keys = QTimer()
    keys.setInterval(33)  # a typical key repeat rate
    keys.timeout.connect(lambda: press_right(slider, autorepeat=True))
    probe.start()
    keys.start()
    wait_for(app, lambda: win.state.index >= win.state.count - 1, timeout=120)
    keys.stop()
    wait_for(app, lambda: win.comparisons.idle, timeout=60)
    probe.stop()
    wall, cpu = max(gaps)
    return wall - 0.005, cpu


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = MainWindow(settings=Settings())
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    show_article(app, win, make_article(6, 4, seed=99))  # warm-up: fonts, caches

    print("gui_step (offscreen Qt, real widgets; machine shared, figures noisy)")
    for kb, target in ((6, 25), (60, 100)):
        art = make_article(kb, 17, seed=kb)
        cpu: list[float] = []
        t = step_times(app, win, art, steps=15, cpu=cpu)
        print(
            f"  next step, {kb:>3} KB article: median {statistics.median(t) * 1000:6.1f} ms"
            f"  (min {min(t) * 1000:.1f}, max {max(t) * 1000:.1f}; GUI-thread CPU median"
            f" {statistics.median(cpu) * 1000:.1f} ms; target <= {target} ms)"
        )

    firsts = [show_article(app, win, make_article(600, 2, seed=600 + i)) for i in range(3)]
    print(
        f"  first paint, 600 KB article: median {statistics.median(firsts) * 1000:6.1f} ms"
        f"  (runs: {', '.join(f'{x * 1000:.0f}' for x in firsts)}; target <= 300 ms)"
    )

    block, cpu = longest_block_while_stepping(app, win, make_article(6, 200, seed=200))
    print(
        f"  key repeat through 200 versions: longest event-loop block {block * 1000:6.1f} ms"
        f"  (GUI-thread CPU within it {cpu * 1000:.1f} ms; target <= 100 ms)"
    )
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
