"""Take the README's screenshot: the window on the bundled sample dumps.

Opens the real window offscreen (or under Xvfb when QT_QPA_PLATFORM says so), loads
the samples, picks the article and step with the most visible changes (several kinds
of rows at once), and saves ``packaging/screenshot.png`` (or the path given).

Run: ``python packaging/screenshot.py [OUT.png]``. Exits 1 when there are no samples.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A clean profile: no saved geometry or modes from the user's own settings.
_profile = tempfile.mkdtemp(prefix="revviewer-shot-")
atexit.register(shutil.rmtree, _profile, ignore_errors=True)
for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = _profile

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from revviewer.core import diff  # noqa: E402
from revviewer.core.model import Article  # noqa: E402
from revviewer.gui.main_window import MainWindow, sample_paths  # noqa: E402
from revviewer.gui.settings import Settings  # noqa: E402

SIZE = QSize(1240, 600)


def wait(app: QApplication, done, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()


def best_step(articles: list[Article]) -> tuple[Article, int]:
    """The article and version index whose step shows the most kinds of change, then
    the most words changed (a screenshot should show what the app does)."""
    best: tuple[tuple[int, int], Article, int] | None = None
    for art in articles:
        for i in range(1, len(art.versions)):
            c = diff.compare(art.versions[i - 1], art.versions[i])
            s = c.stats
            kinds = sum(
                bool(x)
                for x in (
                    s.paragraphs_changed,
                    s.paragraphs_inserted,
                    s.paragraphs_deleted,
                    s.paragraphs_moved,
                    s.headline_changed,
                )
            )
            # a step that fits on screen reads better than a complete rewrite
            score = (kinds, -abs(s.size - 60))
            if best is None or score > best[0]:
                best = (score, art, i)
    if best is None:
        raise SystemExit("the samples hold no article with two versions")
    return best[1], best[2]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE / "screenshot.png"
    paths = sample_paths()
    if not paths:
        print("screenshot: no bundled sample dumps (resources/samples/)", file=sys.stderr)
        return 1
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))  # the same look on every machine
    app.setPalette(app.style().standardPalette())
    app.setApplicationName("revviewer")
    win = MainWindow(settings=Settings())
    win.resize(SIZE)
    win.show()
    loaded: list[bool] = []
    win.articlesLoaded.connect(lambda: loaded.append(True))
    win.open_paths([str(p) for p in paths])
    wait(app, lambda: bool(loaded))

    article, index = best_step(win.model.articles())
    shown: list[bool] = []
    win.stepShown.connect(lambda: shown.append(True))
    win.select_article(article.key)
    wait(app, lambda: bool(shown) and win.state.article is article)
    win.state.set_index(index)
    wait(
        app,
        lambda: (
            win.diff_view.comparison is not None
            and win.diff_view.comparison.new is article.versions[index]
        ),
    )
    wait(app, lambda: not win.busy)
    win.diff_view.align_all()
    win.table.setFocus()  # not the filter box with its blinking cursor
    app.processEvents()
    if not win.grab().save(str(out)):
        print(f"screenshot: could not write {out}", file=sys.stderr)
        return 1
    print(f"saved {out} ({article.title!r}, version {article.versions[index].number})")
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
