"""The main window: puts the views together and wires them to the controllers.

Views (article list, version bar, diff panes, error panel) know nothing of each other;
the window connects them through :class:`~revviewer.gui.view_state.ViewState` (what is
shown), :class:`~revviewer.gui.loading.LoadController` (files in) and
:class:`~revviewer.gui.comparisons.ComparisonService` (diffs). It also owns the
actions: every one has a shortcut and an accessible name, and Help > Keyboard
Shortcuts lists them.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from revviewer.assets import sample_paths
from revviewer.core.comparison import Stats
from revviewer.core.loader import LoadResult
from revviewer.core.model import Article
from revviewer.gui import help_dialogs
from revviewer.gui.article_list import ArticleListView
from revviewer.gui.comparisons import ComparisonService, Prepared
from revviewer.gui.diff_view import DiffView
from revviewer.gui.error_panel import ErrorPanel
from revviewer.gui.exporting import ExportController
from revviewer.gui.loading import LoadController
from revviewer.gui.settings import MAX_RECENT, Settings, load_settings
from revviewer.gui.version_bar import VersionBar
from revviewer.gui.view_state import CompareTo, ViewState
from revviewer.gui.welcome import WelcomePage

log = logging.getLogger(__name__)

#: after showing a step, further changes within this time are collapsed into one
STEP_COOLDOWN_MS = 12


def describe_stats(stats: Stats) -> str:
    """One line for the status bar: what the step changed."""

    def n(count: int, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    parts = [f"+{stats.words_inserted:,} / −{stats.words_deleted:,} words"]
    for count, what in (
        (stats.paragraphs_changed, "changed"),
        (stats.paragraphs_inserted, "added"),
        (stats.paragraphs_deleted, "removed"),
        (stats.paragraphs_moved, "moved"),
        (stats.paragraphs_split, "split"),
        (stats.paragraphs_merged, "merged"),
    ):
        if count:
            parts.append(f"{n(count, 'paragraph')} {what}")
    if stats.headline_changed:
        parts.append("headline changed")
    if stats.ignored_changes:
        parts.append(f"{stats.ignored_changes:,} ignored")
    if len(parts) == 1 and not stats.size:
        return "No changes in this step"
    return " · ".join(parts)


class MainWindow(QMainWindow):
    #: a comparison is on screen (after the panes were filled)
    stepShown = Signal()
    #: a load finished and its articles are listed
    articlesLoaded = Signal()

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("revviewer")
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else load_settings()
        self.paths: list[str] = []
        #: articles whose step sizes are still to be computed (after the first paint)
        self._sizes_for: list[Article] | None = None
        self.actions_by_name: dict[str, QAction] = {}

        self.state = ViewState(self)
        self.loader = LoadController(self)
        self.comparisons = ComparisonService(self)
        self.exporter = ExportController(self)

        self._build_views()
        self._build_actions()
        self._build_menus()
        self._wire()
        self._restore()

    # -- construction ----------------------------------------------------------
    def _build_views(self) -> None:
        self.articles = ArticleListView()
        # short names for what the rest of the window (and tests) use most
        self.model, self.proxy = self.articles.model, self.articles.proxy
        self.filter, self.table = self.articles.filter, self.articles.table

        self.version_bar = VersionBar(self.state)
        self.diff_view = DiffView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        right_layout.addWidget(self.version_bar)
        right_layout.addWidget(self.diff_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.articles)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([430, 1010])

        self.welcome = WelcomePage()
        self.welcome.set_samples_available(bool(sample_paths()))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.error_panel = ErrorPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.error_panel)
        self.error_panel.hide()

        self.stats_label = QLabel()
        self.stats_label.setObjectName("stepStats")
        self.stats_label.setAccessibleName("Statistics of this step")
        self.progress = QProgressBar()
        self.progress.setObjectName("loadProgress")
        self.progress.setAccessibleName("Loading progress")
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel loading")
        bar = self.statusBar()
        bar.addWidget(self.stats_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._show_busy(False)

        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(STEP_COOLDOWN_MS)
        self._step_timer.timeout.connect(self._cooldown_over)
        self._step_pending = False

    def _action(
        self,
        name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Callable[[], object] | Callable[[bool], object],
        *,
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        plain = text.replace("&", "").rstrip("…")
        act.setToolTip(tip or plain)
        act.setStatusTip(tip or plain)
        # QAction has no accessible name of its own: menus and buttons read the text;
        # keep a plain copy for tools that look actions up.
        act.setIconText(plain)
        act.setProperty("accessibleName", plain)
        if checkable:
            act.toggled.connect(slot)
        else:
            act.triggered.connect(slot)
        self.addAction(act)
        self.actions_by_name[name] = act
        return act

    def _build_actions(self) -> None:
        a = self._action
        a("openFiles", "&Open Files…", "Ctrl+O", self.open_files_dialog)
        a("openFolder", "Open &Folder…", "Ctrl+Shift+O", self.open_folder_dialog)
        a("openSamples", "Open the &Sample Dumps", "Ctrl+Shift+M", self.open_samples)
        a(
            "reopenSession",
            "&Reopen These Files at Start",
            "Ctrl+Alt+R",
            self._set_reopen,
            checkable=True,
        )
        a("clearRecent", "&Clear Recent Files", "Ctrl+Alt+0", self._clear_recent)
        a("cancelLoad", "&Cancel Loading", "Esc", self.loader.cancel)
        a("exportComparison", "&Export This Comparison…", "Ctrl+E", self.export_comparison)
        a("exportHistory", "Export Whole &History…", "Ctrl+Shift+E", self.export_history)
        a("closeAll", "Close &All Articles", "Ctrl+Shift+W", self.close_all)
        a("quit", "&Quit", "Ctrl+Q", self.close)
        a("inline", "&Inline View", "Ctrl+I", self._set_inline, checkable=True)
        a(
            "onlyChanged",
            "Only &Changed Paragraphs",
            "Ctrl+Shift+H",
            self._set_only_changed,
            checkable=True,
        )
        a("showErrors", "Show &Problems Panel", "F8", self._toggle_errors, checkable=True)
        a("focusFilter", "&Filter Articles", "Ctrl+F", self.articles.focus_filter)
        a("focusList", "Go to Article &List", "Ctrl+L", self.table.setFocus)
        a("prevVersion", "&Previous Version", "Alt+Left", lambda: self.state.step(-1))
        a("nextVersion", "&Next Version", "Alt+Right", lambda: self.state.step(1))
        a("firstVersion", "F&irst Version", "Alt+Home", lambda: self.state.set_index(0))
        a(
            "lastVersion",
            "&Last Version",
            "Alt+End",
            lambda: self.state.set_index(self.state.count - 1),
        )
        a("nextChange", "Next &Change", "F7", self.diff_view.next_change)
        a("prevChange", "Previous C&hange", "Shift+F7", self.diff_view.previous_change)
        a("nextArticle", "Next &Article", "Alt+Down", lambda: self.articles.step(1))
        a("prevArticle", "Previous A&rticle", "Alt+Up", lambda: self.articles.step(-1))
        a(
            "comparePrevious",
            "Compare with P&revious Version",
            "Ctrl+1",
            lambda: self.state.set_compare_to(CompareTo.PREVIOUS),
        )
        a(
            "compareFirst",
            "Compare with F&irst Version",
            "Ctrl+2",
            lambda: self.state.set_compare_to(CompareTo.FIRST),
        )
        a(
            "comparePinned",
            "Compare with Pi&nned Version",
            "Ctrl+3",
            lambda: self.state.set_compare_to(CompareTo.PINNED),
        )
        a("pinVersion", "&Pin This Version", "Ctrl+P", self.state.pin_current)
        a("shortcuts", "&Keyboard Shortcuts", "F1", self.show_shortcuts)
        a("about", "&About revviewer", "Ctrl+Shift+F1", self.show_about)

    def _build_menus(self) -> None:
        acts = self.actions_by_name
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([acts["openFiles"], acts["openFolder"]])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        file.addMenu(self.recent_menu)
        file.addAction(acts["openSamples"])
        file.addAction(acts["reopenSession"])
        file.addSeparator()
        file.addActions([acts["exportComparison"], acts["exportHistory"]])
        file.addSeparator()
        file.addActions([acts["cancelLoad"], acts["closeAll"], acts["quit"]])
        view = bar.addMenu("&View")
        view.addActions([acts["inline"], acts["onlyChanged"], acts["showErrors"]])
        view.addSeparator()
        view.addActions([acts["focusFilter"], acts["focusList"]])
        go = bar.addMenu("&Go")
        go.addActions(
            [acts["prevVersion"], acts["nextVersion"], acts["firstVersion"], acts["lastVersion"]]
        )
        go.addSeparator()
        go.addActions([acts["nextChange"], acts["prevChange"]])
        go.addSeparator()
        go.addActions([acts["nextArticle"], acts["prevArticle"]])
        compare = bar.addMenu("&Compare")
        compare.addActions(
            [
                acts["comparePrevious"],
                acts["compareFirst"],
                acts["comparePinned"],
                acts["pinVersion"],
            ]
        )
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([acts["shortcuts"], acts["about"]])
        self._rebuild_recent()

    def _wire(self) -> None:
        self.articles.articlePicked.connect(self.state.set_article)
        self.state.articleChanged.connect(self._article_changed)
        self.state.stepChanged.connect(self._schedule_step)
        self.comparisons.ready.connect(self._show_comparison)
        self.comparisons.failed.connect(self._comparison_failed)
        self.loader.progress.connect(self._load_progress)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        self.loader.cancelled.connect(lambda: self.stats_label.setText("Loading cancelled"))
        self.loader.busyChanged.connect(self._show_busy)
        self.loader.stepSizes.connect(self._step_sizes)
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.welcome.openFiles.connect(self.open_files_dialog)
        self.welcome.openFolder.connect(self.open_folder_dialog)
        self.welcome.openSamples.connect(self.open_samples)
        self.welcome.openRecent.connect(lambda path: self.open_paths([path]))
        self.error_panel.visibilityChanged.connect(
            lambda visible: self._check(self.actions_by_name["showErrors"], visible)
        )
        self.diff_view.changeFocused.connect(self._change_focused)
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)

    def _restore(self) -> None:
        s = self.settings
        if s.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(s.geometry)))
        else:
            self.resize(1280, 800)
        if s.window_state:
            self.restoreState(QByteArray(base64.b64decode(s.window_state)))
            self.error_panel.hide()
        if s.splitter_state:
            self.splitter.restoreState(QByteArray(base64.b64decode(s.splitter_state)))
        self._check(self.actions_by_name["inline"], s.inline)
        self._check(self.actions_by_name["onlyChanged"], s.only_changed)
        self._check(self.actions_by_name["reopenSession"], s.reopen_last_session)
        self._set_inline(s.inline)
        self._set_only_changed(s.only_changed)

    @staticmethod
    def _check(action: QAction, on: bool) -> None:
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)

    # -- loading ---------------------------------------------------------------
    def open_paths(self, paths: list[str], *, remember: bool = True) -> None:
        """Load ``paths`` together with what is already open (articles that span
        several dumps are merged across all of them); ``remember`` adds them to the
        recent files."""
        # A load still running has not been added to self.paths yet: keep its paths.
        base = self.loader.paths if self.loader.busy else self.paths
        fresh = [str(Path(p)) for p in paths if str(Path(p)) not in base]
        if not fresh and base:
            return
        if remember:
            self.settings.add_recent(fresh)
            self._rebuild_recent()
        self.loader.start(base + fresh)

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Open dump files",
            self.settings.last_folder,
            "Dumps (*.txt *.html *.htm *.db *.gz);;All files (*)",
        )
        if files:
            self.settings.last_folder = str(Path(files[0]).parent)
            self.open_paths(files)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Open a folder of dumps", self.settings.last_folder
        )
        if folder:
            self.settings.last_folder = folder
            self.open_paths([folder])

    def open_samples(self) -> None:
        paths = sample_paths()
        if not paths:
            QMessageBox.information(self, "revviewer", "This build has no sample dumps.")
            return
        # The samples are always one click away: they need no place in recent files.
        self.open_paths([str(p) for p in paths], remember=False)

    def close_all(self) -> None:
        self.loader.cancel()
        self._sizes_for = None
        self.paths = []
        self.comparisons.clear()
        self.model.set_articles([])
        self.state.set_article(None)
        self.error_panel.set_errors([])
        self.error_panel.hide()
        self.pages.setCurrentWidget(self.welcome)
        self.setWindowTitle("revviewer")

    def _load_progress(self, done: int, total: int, path: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.stats_label.setText(f"Reading {Path(path).name} ({done:,} of {total:,})")

    def _loaded(self, result: LoadResult, paths: list[str]) -> None:
        self.paths = list(paths)
        keep = self.state.article.key if self.state.article else None
        self.comparisons.clear()
        self.articles.set_articles(result.articles, keep)
        self.error_panel.set_errors(result.errors)
        if result.errors and not self.error_panel.isVisible():
            self.error_panel.show()
            # a strip under the panes, not half the window
            rows = min(len(result.errors), 6) + 3
            height = rows * self.fontMetrics().height() + 24
            self.resizeDocks([self.error_panel], [height], Qt.Orientation.Vertical)
        if result.articles:
            self.pages.setCurrentWidget(self.splitter)
            # Sizing every step of every article is long work: let the first step
            # reach the screen before it starts competing for the interpreter.
            self._sizes_for = result.articles
            if self.state.article is None:
                self._start_step_sizes()
        n, e = len(result.articles), len(result.errors)
        # The log is what a bug report carries: say what was opened and what failed.
        log.info("loaded %d article(s) from %d path(s); %d problem(s)", n, len(paths), e)
        for error in result.errors:
            log.warning("could not read %s", error)
        self.stats_label.setText(
            f"Loaded {n:,} article{'s' if n != 1 else ''}"
            + (f"; {e:,} problem{'s' if e != 1 else ''} (F8)" if e else "")
        )
        self.articlesLoaded.emit()

    @property
    def busy(self) -> bool:
        """True while anything is still being loaded, compared or measured."""
        return (
            self.loader.busy
            or self.loader.sizing
            or self._sizes_for is not None
            or not self.comparisons.idle
            or self.exporter.busy
        )

    def _start_step_sizes(self) -> None:
        if self._sizes_for is not None:
            articles, self._sizes_for = self._sizes_for, None
            self.loader.compute_step_sizes(articles)

    def _load_failed(self, message: str) -> None:
        log.error("loading stopped: %s", message)
        QMessageBox.warning(self, "revviewer", f"Loading stopped: {message}")

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _step_sizes(self, sizes: dict[str, list[int]]) -> None:
        self.model.set_step_sizes(sizes)
        art = self.state.article
        if art is not None and art.key in sizes:
            self.version_bar.timeline.set_sizes(sizes[art.key])

    # -- drag and drop ---------------------------------------------------------
    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = self._local_paths(event)
        if paths:
            event.acceptProposedAction()
            what = Path(paths[0]).name if len(paths) == 1 else f"{len(paths)} items"
            self.statusBar().showMessage(f"Drop to open {what}")
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.statusBar().clearMessage()
        super().dragLeaveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event)
        self.statusBar().clearMessage()
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # -- articles and steps ----------------------------------------------------
    def select_article(self, key: str) -> None:
        self.articles.select(key)

    def _article_changed(self) -> None:
        art = self.state.article
        self.setWindowTitle(f"{art.title} — revviewer" if art else "revviewer")
        sizes = self.model.step_sizes(art.key) if art is not None else None
        if sizes is not None:
            self.version_bar.timeline.set_sizes(sizes)

    def _schedule_step(self) -> None:
        # The first change is shown at once; changes during the cool-down that follows
        # (key repeat, a dragged slider) collapse into one request when it ends.
        if self._step_timer.isActive():
            self._step_pending = True
            return
        self._request_step()
        self._step_timer.start()

    def _cooldown_over(self) -> None:
        if self._step_pending:
            self._step_pending = False
            self._request_step()
            self._step_timer.start()

    def _request_step(self) -> None:
        art = self.state.article
        if art is None or not art.versions:
            self.diff_view.show_comparison(None)
            self.stats_label.clear()
            return
        self.comparisons.request(art, self.state.old_index, self.state.index)

    def _show_comparison(self, prepared: Prepared) -> None:
        comparison = prepared.comparison
        pair = self.state.pair()
        if pair is None or (comparison.old, comparison.new) != pair:
            return  # an answer for a step the user has already left
        self.diff_view.show_comparison(comparison, prepared.rendered)
        self.stats_label.setText(describe_stats(comparison.stats))
        self.stepShown.emit()
        if self._sizes_for is not None:
            QTimer.singleShot(0, self._start_step_sizes)

    def _comparison_failed(self, message: str) -> None:
        self.stats_label.setText(f"Could not compare these versions: {message}")
        self._start_step_sizes()

    def _change_focused(self, index: int, count: int) -> None:
        if index >= 0:
            self.statusBar().showMessage(f"Change {index + 1} of {count}", 3000)

    # -- view options ----------------------------------------------------------
    def _set_inline(self, on: bool) -> None:
        self.settings.inline = on
        self.diff_view.set_inline(on)
        self._modes_changed()

    def _set_only_changed(self, on: bool) -> None:
        self.settings.only_changed = on
        self.diff_view.set_only_changed(on)
        self._modes_changed()

    def _modes_changed(self) -> None:
        """Steps are prepared for the view's new modes; the one on screen, which the
        view has just rendered for them, is kept as it is."""
        self.comparisons.modes = self.diff_view.modes
        self.comparisons.adopt(self.diff_view.comparison, self.diff_view.rendered)

    def _set_reopen(self, on: bool) -> None:
        self.settings.reopen_last_session = on

    def _toggle_errors(self, on: bool) -> None:
        self.error_panel.setVisible(on)

    # -- recent files ----------------------------------------------------------
    def _rebuild_recent(self) -> None:
        self.welcome.set_recent(self.settings.recent)
        menu = self.recent_menu
        for act in menu.actions():
            if act is not self.actions_by_name.get("clearRecent"):
                act.deleteLater()
        menu.clear()
        for i, path in enumerate(self.settings.recent[:MAX_RECENT]):
            # "&" in a menu text marks the mnemonic; a path's own "&" must stay text
            act = menu.addAction(f"&{i + 1} {path.replace('&', '&&')}")
            act.setObjectName(f"recent{i}")
            act.setShortcut(QKeySequence(f"Ctrl+Alt+{i + 1}"))
            act.setToolTip(path)
            act.triggered.connect(lambda _checked=False, p=path: self.open_paths([p]))
        if self.settings.recent:
            menu.addSeparator()
        menu.addAction(self.actions_by_name["clearRecent"])
        menu.setEnabled(True)

    def _clear_recent(self) -> None:
        self.settings.recent = []
        self._rebuild_recent()

    # -- export ----------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: str) -> str:
        """The file to write, or "" when the user cancelled. Overwriting an existing
        file is confirmed separately (see :meth:`confirm_overwrite`)."""
        start = str(Path(self.settings.last_folder or Path.home()) / suggested)
        path, _ = QFileDialog.getSaveFileName(
            self,
            title,
            start,
            "HTML (*.html)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return path

    def confirm_overwrite(self, path: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Replace file?",
            f"{path} already exists. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _export(self, title: str, suggested: str, render: Callable[[], str]) -> bool:
        """Ask where, confirm replacing, then render and write in the background.
        True when an export was started."""
        path = self.ask_save_path(title, suggested)
        if not path:
            return False
        force = Path(path).exists()
        if force and not self.confirm_overwrite(path):
            return False
        self.exporter.start(Path(path), render, force=force)
        self.statusBar().showMessage(f"Exporting to {path}…")
        return True

    def _exported(self, path: str) -> None:
        self.statusBar().showMessage(f"Exported to {path}", 5000)

    def _export_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        QMessageBox.warning(self, "Export failed", f"Nothing was written: {message}")

    def export_comparison(self) -> bool:
        art, comp = self.state.article, self.diff_view.comparison
        if art is None or comp is None:
            return False
        from revviewer.export import render_comparison

        name = f"{art.key}-v{comp.old.number}-v{comp.new.number}.html"
        inline = self.diff_view.inline
        return self._export(
            "Export this comparison",
            name,
            lambda: str(render_comparison(art, comp, inline=inline)),
        )

    def export_history(self) -> bool:
        art = self.state.article
        if art is None:
            return False
        from revviewer.export import render_history

        inline = self.diff_view.inline
        return self._export(
            "Export the whole history",
            f"{art.key}-history.html",
            lambda: str(render_history(art, inline=inline)),
        )

    # -- help ------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        return help_dialogs.shortcut_rows(list(self.actions_by_name.values()))

    def show_shortcuts(self) -> None:
        help_dialogs.shortcuts_dialog(self, self.shortcut_rows()).show()

    def show_about(self) -> None:
        help_dialogs.show_about(self)

    # -- closing ---------------------------------------------------------------
    def save_settings(self) -> None:
        s = self.settings
        s.geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        s.window_state = base64.b64encode(bytes(self.saveState().data())).decode("ascii")
        s.splitter_state = base64.b64encode(bytes(self.splitter.saveState().data())).decode("ascii")
        s.last_session = list(self.paths)
        s.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self._sizes_for = None
        self.comparisons.shutdown()
        self.loader.shutdown()
        super().closeEvent(event)
