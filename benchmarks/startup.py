"""Process start to first paint of the window on the sample dumps.

Starts a fresh Python process per run, exactly as ``revviewer --samples`` builds its
window (QApplication, :func:`revviewer.gui.app.create_window` on the sample paths), and
prints the median of the wall-clock times from just before the process is spawned to:

- the window's first paint (the user sees a window), and
- the first paint of the diff panes on the first sample article (the user can read).

Target: at most 600 ms for the second. A bare PySide6 window is measured the same way
as the baseline. Run: ``python benchmarks/startup.py``. Times are noisy on a shared
machine; runs alternate between the baseline and the app.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

CHILD = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def __init__(self, label, then=None):
        super().__init__()
        self.label, self.then, self.done = label, then, False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(self.label, time.time(), flush=True)
            if self.then:
                QTimer.singleShot(0, self.then)
        return False

app = QApplication(sys.argv[:1])
if sys.argv[1] == "bare":
    win = QMainWindow()
    watch = FirstPaint("window", app.quit)
    win.installEventFilter(watch)
    win.show()
else:
    from revviewer.gui.app import create_window
    win = create_window(sys.argv[2:])
    first = FirstPaint("window")
    win.installEventFilter(first)
    pane = FirstPaint("panes", app.quit)
    win.stepShown.connect(lambda: win.diff_view.oldPane.viewport().installEventFilter(pane))
    win.show()
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def sample_files() -> list[str]:
    from revviewer.assets import sample_paths

    paths = [str(p) for p in sample_paths()]
    if paths:
        return paths
    # No samples in this checkout yet: generated NewsSniffer pages of the same kind.
    import random

    from revviewer.testing.dumpgen import random_article
    from revviewer.testing.dumphtml import render_html

    folder = Path(tempfile.mkdtemp(prefix="revviewer-startup-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    rng = random.Random(7)
    for k in range(3):
        art = random_article(rng, n_versions=5)
        for i in range(len(art.versions) - 1):
            (folder / f"a{k}-{i}.html").write_text(render_html(art, i, i + 1), encoding="utf-8")
    print(f"(no bundled samples: using 12 generated pages in {folder})")
    return [str(folder)]


def run(kind: str, paths: list[str]) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory(prefix="revviewer-startup-home-") as home:
        env.update(XDG_CONFIG_HOME=home, XDG_STATE_HOME=home, XDG_CACHE_HOME=home)
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, kind, *paths],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
            timeout=60,
        ).stdout
    marks = {}
    for line in out.splitlines():
        label, _, stamp = line.partition(" ")
        if label in ("window", "panes"):
            marks[label] = float(stamp) - t0
    return marks


def main() -> int:
    paths = sample_files()
    bare: list[float] = []
    window: list[float] = []
    panes: list[float] = []
    for _ in range(RUNS):
        bare.append(run("bare", [])["window"])
        marks = run("app", paths)
        window.append(marks["window"])
        panes.append(marks["panes"])

    def ms(xs: list[float]) -> str:
        return (
            f"median {statistics.median(xs) * 1000:6.0f} ms (runs: "
            + ", ".join(f"{x * 1000:.0f}" for x in xs)
            + ")"
        )

    print(f"startup, {RUNS} runs each (machine shared, figures noisy)")
    print(f"  bare PySide6 window, first paint:       {ms(bare)}")
    print(f"  revviewer window, first paint:          {ms(window)}")
    print(f"  revviewer on the samples, panes painted: {ms(panes)}  (target <= 600 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
