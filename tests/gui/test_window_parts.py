"""The window's parts and manners: the article model, settings, recent files, export,
cancelling a load, the crash report, the command line, and the PySide6 trap."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
)

from gui.gui_helpers import BRIDGE, make_article, write_html_dumps
from revviewer import cli
from revviewer.core.comparison import Stats
from revviewer.gui import app as gui_app
from revviewer.gui import crash
from revviewer.gui.article_model import ArticleFilterProxy, ArticleTableModel
from revviewer.gui.comparisons import ComparisonService
from revviewer.gui.crash import error_dialog, format_report
from revviewer.gui.loading import LoadController
from revviewer.gui.main_window import MainWindow, describe_stats
from revviewer.gui.settings import MAX_RECENT, Settings, load_settings, settings_path


def show(qtbot, window, action) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.stepShown, timeout=10_000):
        action()


def test_article_model_lists_sorts_and_passes_the_model_tester(qtmodeltester):
    small = make_article([("Zebra", ["a"]), ("Zebra", ["b"])], url="https://z.example/1")
    big = make_article(
        [("apple", ["a"]), ("apple", ["b"]), ("apple", ["c"])], url="https://a.example/2"
    )
    model = ArticleTableModel()
    model.set_articles([small, big])
    qtmodeltester.check(model)
    assert model.data(model.index(0, model.VERSIONS)) == "2"
    assert model.data(model.index(0, model.LARGEST)) == "…", "unknown until computed"
    model.set_step_sizes({small.key: [1500], big.key: [3, 40], "gone-key": [9]})
    assert model.data(model.index(0, model.LARGEST)) == "1,500"

    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(model.LARGEST)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["apple", "Zebra"]
    proxy.sort(model.TITLE)  # case-insensitive
    assert [proxy.index(r, 0).data() for r in range(2)] == ["apple", "Zebra"]
    proxy.sort(model.VERSIONS)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["Zebra", "apple"]
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(QModelIndex()) == 2


def test_many_void_qt_calls_do_not_abort_the_interpreter(qtbot):
    # PySide6 6.12.0 on Python 3.11 aborted (none_dealloc) after ~5,000 calls of Qt
    # methods returning nothing; the pin in pyproject.toml keeps us off that release.
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("text")
    for _ in range(20_000):
        edit.clear()
    # Reaching this line at all is the test: the bad release aborts the process.
    assert edit.toPlainText() == ""


def test_settings_survive_a_restart_and_bad_files_give_defaults(tmp_path):
    s = Settings(inline=True, reopen_last_session=True, last_session=["/x/a.txt"])
    for i in range(MAX_RECENT + 3):
        s.add_recent([f"/dumps/{i}"])
    s.add_recent(["/dumps/3"])
    s.save()
    back = load_settings()
    assert back == s
    assert back.recent[:2] == ["/dumps/3", f"/dumps/{MAX_RECENT + 2}"]
    assert len(back.recent) == MAX_RECENT
    assert str(settings_path()).startswith(str(Path.home())), "conftest isolates HOME"

    settings_path().write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()
    settings_path().write_text('{"recent": [1, 2], "inline": "yes"}', encoding="utf-8")
    assert load_settings() == Settings()


def test_closing_saves_geometry_recent_files_and_the_session(qtbot, tmp_path):
    paths = write_html_dumps(tmp_path, BRIDGE)
    win = MainWindow(settings=Settings())
    qtbot.addWidget(win)
    win.resize(700, 520)
    win.show()
    with qtbot.waitSignal(win.articlesLoaded, timeout=10_000):
        win.open_paths([str(paths[0])])
    win.actions_by_name["reopenSession"].trigger()
    win.close()

    saved = load_settings()
    assert saved.recent == [str(paths[0])]
    assert saved.last_session == [str(paths[0])] and saved.reopen_last_session
    again = gui_app.create_window()  # no paths: reopens the last session
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.articlesLoaded, timeout=10_000):
        pass
    assert (again.width(), again.height()) == (700, 520)
    assert again.model.rowCount() == 1
    assert again.recent_menu.actions()[0].text().endswith(str(paths[0]))
    again.close()


def test_export_asks_before_replacing_a_file(qtbot, window, tmp_path):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    target = tmp_path / "out.html"
    asked: list[str] = []
    window.ask_save_path = lambda title, suggested: str(target)  # the file dialog
    window.confirm_overwrite = lambda path: asked.append(path) or False

    with qtbot.waitSignal(window.exporter.exported, timeout=10_000) as done:
        assert window.export_comparison()
    assert done.args == [str(target)]
    first = target.read_text(encoding="utf-8")
    assert "Tuesday" in first and "<script" not in first
    assert not window.export_history(), "declined: the file is kept"
    assert asked == [str(target)] and target.read_text(encoding="utf-8") == first

    window.confirm_overwrite = lambda path: True
    with qtbot.waitSignal(window.exporter.exported, timeout=10_000):
        assert window.export_history()
    assert target.read_text(encoding="utf-8") != first


def test_cancelling_a_load_keeps_its_result_out(qtbot, window, tmp_path):
    for i in range(40):
        write_html_dumps(tmp_path / f"d{i}", BRIDGE, url=f"https://news.example/{i}")
    with qtbot.waitSignal(window.loader.cancelled, timeout=5_000):
        window.open_paths([str(tmp_path)])
        assert window.cancel_button.isVisible() or not window.loader.busy
        window.loader.cancel()
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert window.model.rowCount() == 0
    assert window.pages.currentWidget() is window.welcome


def test_a_drop_during_a_load_adds_to_it(qtbot, window, tmp_path):
    first = write_html_dumps(tmp_path / "a", BRIDGE, url="https://news.example/a")
    second = write_html_dumps(tmp_path / "b", BRIDGE, url="https://news.example/b")
    with qtbot.waitSignal(window.articlesLoaded, timeout=10_000):
        window.open_paths([str(p) for p in first])
        window.open_paths([str(p) for p in second])  # before the first load is done
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert sorted(a.url for a in window.model.articles()) == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    assert window.settings.recent == [str(p) for p in second + first], "newest first"


def test_only_the_latest_comparison_request_is_answered(qtbot):
    art = make_article(BRIDGE)
    service = ComparisonService()
    got: list[tuple[int, int]] = []
    service.ready.connect(lambda p: got.append((p.comparison.old.number, p.comparison.new.number)))
    service.request(art, 0, 1)
    service.request(art, 1, 2)  # the user stepped on before the first answer came
    qtbot.waitUntil(lambda: service.idle)
    QThreadPool.globalInstance().waitForDone(10_000)
    assert got == [(1, 2)]
    service.request(art, 0, 1)  # computed before, answered from the cache at once
    assert got == [(1, 2), (0, 1)]


def test_loading_reports_progress_file_by_file(qtbot, tmp_path):
    files = write_html_dumps(tmp_path, BRIDGE) + write_html_dumps(
        tmp_path / "more", BRIDGE, url="https://news.example/more"
    )
    loader = LoadController()
    seen: list[tuple[int, int]] = []
    loader.progress.connect(lambda done, total, _path: seen.append((done, total)))
    with qtbot.waitSignal(loader.loaded, timeout=10_000):
        loader.start([str(tmp_path)])
    QThreadPool.globalInstance().waitForDone(10_000)
    assert seen == [(i, len(files)) for i in range(1, len(files) + 1)]


def test_a_newer_load_replaces_an_older_one(qtbot, tmp_path):
    a = write_html_dumps(tmp_path / "a", BRIDGE, url="https://news.example/a")
    b = write_html_dumps(tmp_path / "b", BRIDGE, url="https://news.example/b")
    loader = LoadController()
    results: list[list[str]] = []
    loader.loaded.connect(lambda result, paths: results.append([x.url for x in result.articles]))
    loader.start([str(p) for p in a])
    loader.start([str(p) for p in b])
    qtbot.waitUntil(lambda: not loader.busy)
    QThreadPool.globalInstance().waitForDone(10_000)
    assert results == [["https://news.example/b"]]


def test_the_crash_report_names_the_error_and_can_be_copied(qtbot):
    try:
        raise ValueError("bad thing")
    except ValueError as exc:
        report = format_report(type(exc), exc, exc.__traceback__)
    assert "ValueError: bad thing" in report and "revviewer" in report.splitlines()[0]
    box = error_dialog(report, "ValueError: bad thing")
    qtbot.addWidget(box)
    assert box.detailedText() == report
    box.findChild(QPushButton, "copyReport").click()
    assert QApplication.clipboard().text() == report


def test_an_uncaught_error_shows_a_dialog_and_the_app_keeps_running(qtbot):
    seen: list[str] = []

    def close_dialog() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "crashDialog":
                seen.append(w.detailedText())
                w.close()
                return
        QTimer.singleShot(10, close_dialog)

    QTimer.singleShot(0, close_dialog)
    try:
        {}["missing"]
    except KeyError as exc:
        crash.excepthook(type(exc), exc, exc.__traceback__)
    assert len(seen) == 1 and "KeyError: 'missing'" in seen[0]


def test_stats_line_reads_like_a_sentence():
    s = Stats(
        words_inserted=3,
        words_deleted=1,
        paragraphs_changed=1,
        paragraphs_moved=2,
        headline_changed=True,
    )
    assert describe_stats(s) == (
        "+3 / −1 words · 1 paragraph changed · 2 paragraphs moved · headline changed"
    )
    assert describe_stats(Stats()) == "No changes in this step"


def test_every_action_has_a_shortcut_and_a_name(window):
    seen: dict[str, str] = {}
    for name, act in window.actions_by_name.items():
        keys = act.shortcut().toString()
        assert keys, f"{name} has no shortcut"
        assert keys not in seen, f"{name} and {seen.get(keys)} share {keys}"
        seen[keys] = name
        assert act.property("accessibleName")
    listed = dict(window.shortcut_rows())
    assert listed["Next Change"] == "F7" and listed["Previous Change"] == "Shift+F7"


def test_the_empty_window_offers_the_samples_and_opens_them(qtbot, monkeypatch, tmp_path):
    samples = write_html_dumps(tmp_path / "samples", BRIDGE)
    monkeypatch.setattr("revviewer.gui.main_window.sample_paths", lambda: samples)
    win = MainWindow(settings=Settings())
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.welcome, "ready for a drop"
    button = win.welcome.samples_button
    assert button.isVisible() and button.accessibleName()
    with qtbot.waitSignal(win.stepShown, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.splitter
    assert win.state.article is not None and win.state.article.title == BRIDGE[-1][0]
    assert win.settings.recent == [], "the samples do not crowd out the user's files"
    win.close()


def test_the_empty_window_offers_recent_files_as_text(qtbot, tmp_path):
    folder = tmp_path / "<b>dumps</b>"
    write_html_dumps(folder, BRIDGE)
    win = MainWindow(settings=Settings(recent=[str(folder)]))
    qtbot.addWidget(win)
    win.show()
    label = win.welcome.recent
    assert "&lt;b&gt;dumps&lt;/b&gt;" in label.text() and "<b>dumps" not in label.text()
    with qtbot.waitSignal(win.articlesLoaded, timeout=10_000):
        label.linkActivated.emit("0")
    assert win.model.rowCount() == 1
    win.close()


def test_help_lists_the_keyboard_shortcuts(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "Next Change" in text and "Shift+F7" in text and "Open Folder" in text
    dialog.close()


def test_the_command_line_opens_the_window_on_paths(monkeypatch, tmp_path):
    opened: list[list[str]] = []
    monkeypatch.setattr(gui_app, "run_app", lambda paths: opened.append(list(paths)) or 0)
    assert cli.main([str(tmp_path)]) == 0
    assert cli.main([]) == 0
    assert opened == [[str(tmp_path)], []]
    samples = [tmp_path / "s.txt"]
    monkeypatch.setattr("revviewer.assets.sample_paths", lambda: samples)
    assert cli.main(["--samples"]) == 0
    assert opened[-1] == [str(samples[0])]


@pytest.mark.parametrize("dark", [False, True])
def test_tints_keep_text_readable_in_light_and_dark_palettes(dark):
    from PySide6.QtGui import QColor, QPalette

    from revviewer.gui.theme import theme_from_palette

    pal = QPalette()
    base, text = (
        (QColor("#1e1e1e"), QColor("#e8e8e8")) if dark else (QColor("white"), QColor("black"))
    )
    pal.setColor(QPalette.ColorRole.Base, base)
    pal.setColor(QPalette.ColorRole.Text, text)
    theme = theme_from_palette(pal)

    def luminance(name: str) -> float:
        c = QColor(name)

        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    for tint in (theme.inserted, theme.deleted, theme.moved):
        hi, lo = sorted((luminance(tint), luminance(theme.text)), reverse=True)
        # WCAG AA contrast for body text
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, f"{tint} under {theme.text}"
