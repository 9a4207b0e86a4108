"""The real window, driven as a user would: drop files, pick, step, read the marks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QSlider, QTreeWidget, QWidget

from gui.gui_helpers import BRIDGE, blocks, make_article, marked, write_html_dumps
from revviewer.core.model import Inference, InferenceKind
from revviewer.gui import diff_html
from revviewer.gui.diff_html import GUESS_MARK
from revviewer.gui.main_window import MainWindow


def drop(target: QWidget, paths: list[Path]) -> None:
    """Deliver a real drag-enter and drop carrying file URLs to ``target``. Qt passes
    drag events up from a widget that takes no drops to the nearest one that does, so
    dropping on any part of the window must reach the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = target.rect().center()
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the window refused the drag"
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)


def load_by_drop(qtbot, target: QWidget, window: MainWindow, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.articlesLoaded, timeout=10_000):
        drop(target, paths)


def show(qtbot, window: MainWindow, action) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.stepShown, timeout=10_000):
        action()


def test_drop_a_folder_pick_an_article_and_step_through_it(qtbot, window, tmp_path):
    folder = tmp_path / "dumps"
    write_html_dumps(folder, BRIDGE)
    write_html_dumps(
        folder / "other",
        [("Rain due", ["Rain is due."]), ("Rain due later", ["Rain is due."])],
        url="https://news.example/weather",
        source="weather",
    )
    # The first article in the list is picked and its first step shown.
    with qtbot.waitSignal(window.stepShown, timeout=10_000):
        load_by_drop(qtbot, window.welcome.samples_button, window, [folder])

    titles = sorted(window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount()))
    assert titles == ["Council approves new bridge", "Rain due later"]
    art_key = next(a.key for a in window.model.articles() if a.source == "example")
    assert window.state.article is not None and window.state.article.key == art_key

    def pick(title: str) -> None:
        """Click the article's row in the list."""
        row = next(
            r for r in range(window.proxy.rowCount()) if window.proxy.index(r, 0).data() == title
        )
        rect = window.table.visualRect(window.proxy.index(row, 0))
        show(
            qtbot,
            window,
            lambda: qtbot.mouseClick(
                window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            ),
        )

    pick("Rain due later")
    assert blocks(window.diff_view.newPane) == ["Rain due later", "Rain is due."]
    pick("Council approves new bridge")
    assert window.state.article.key == art_key
    old, new = window.diff_view.oldPane, window.diff_view.newPane
    # First step: the headline and the first paragraph were edited.
    assert blocks(old) == ["Council approves bridge", *BRIDGE[0][1]]
    assert blocks(new) == ["Council approves new bridge", *BRIDGE[1][1]]
    assert marked(old) == ([], ["Monday"])
    assert marked(new) == (["new", "new", "Tuesday"], [])
    assert "Version 1" in window.version_bar.caption.text()
    # The sizes of every step follow in the background, for the timeline and the list.
    timeline = window.version_bar.timeline
    qtbot.waitUntil(lambda: timeline.sizes is not None, timeout=10_000)
    assert len(timeline.sizes) == 2 and timeline.sizes[0] > 0
    row = window.proxy.mapFromSource(window.model.index(window.model.row_of(art_key), 3))
    assert row.data() == f"{max(timeline.sizes):,}"

    slider = window.findChild(QSlider, "versionSlider")
    slider.setFocus()
    show(qtbot, window, lambda: qtbot.keyClick(slider, Qt.Key.Key_Right))
    assert slider.value() == 2
    assert blocks(new)[0] == "Council approves new bridge"
    ins, dele = marked(new)
    assert (ins, dele) == (["for Friday"], [])
    assert marked(old) == ([], [])
    assert "paragraph moved" in window.stats_label.text()

    show(qtbot, window, lambda: qtbot.keyClick(slider, Qt.Key.Key_Left))
    assert marked(old) == ([], ["Monday"])


def test_a_bad_file_is_listed_with_its_reason_while_the_good_ones_load(qtbot, window, tmp_path):
    good = write_html_dumps(tmp_path / "good", BRIDGE)
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list: eggs, milk\n", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    load_by_drop(qtbot, window.welcome, window, good)
    assert window.model.rowCount() == 1
    load_by_drop(qtbot, window.diff_view.oldPane.viewport(), window, [bad, empty])

    assert window.model.rowCount() == 1
    panel = window.findChild(QDockWidget, "errorPanel")
    assert panel.isVisible()
    tree = panel.findChild(QTreeWidget)
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(2)
        for i in range(tree.topLevelItemCount())
    }
    assert set(rows) == {str(bad), str(empty)}
    assert "not a dump" in rows[str(bad)]
    assert "empty" in rows[str(empty)]
    panel.copy_to_clipboard()
    copied = QApplication.clipboard().text().splitlines()
    assert sorted(line.split(":")[0] for line in copied) == sorted([str(bad), str(empty)])


def test_the_log_records_what_was_loaded_and_each_file_that_failed(qtbot, window, tmp_path, caplog):
    # A user's bug report carries the log: it must say what was opened and what failed.
    good = write_html_dumps(tmp_path / "good", BRIDGE)
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list: eggs, milk\n", encoding="utf-8")
    with caplog.at_level("INFO", logger="revviewer"):
        load_by_drop(qtbot, window.welcome, window, [*good, bad])
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("revviewer")]
    assert any("loaded 1 article(s)" in m and "1 problem(s)" in m for m in messages)
    (failed,) = [m for m in messages if m.startswith("could not read")]
    assert str(bad) in failed and "not a dump" in failed


def test_panes_align_row_by_row(qtbot, window):
    long = "A much longer paragraph that wraps over several lines. " * 12
    art = make_article([("T", ["short", "same", "gone"]), ("T", [long, "same", "new one"])])
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    view = window.diff_view
    view.align_all()
    n = view.oldPane.document().blockCount()
    assert n == view.newPane.document().blockCount()
    tops_old = [view.block_top(view.oldPane, k) for k in range(n)]
    tops_new = [view.block_top(view.newPane, k) for k in range(n)]
    assert tops_old == tops_new
    assert tops_old == sorted(set(tops_old)), "rows must not overlap"


def test_rows_stay_aligned_after_the_window_is_resized(qtbot, window):
    long = "A much longer paragraph that wraps over several lines. " * 12
    art = make_article([("T", ["short", "same", "gone"]), ("T", [long, "same", "new one"])])
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    view = window.diff_view

    def aligned() -> bool:
        view.align_all()
        n = view.oldPane.document().blockCount()
        return [view.block_top(view.oldPane, k) for k in range(n)] == [
            view.block_top(view.newPane, k) for k in range(n)
        ]

    height_before = view.block_top(view.oldPane, 3)
    with qtbot.waitSignal(view.shown, timeout=5_000):  # re-rendered for the new width
        window.resize(window.width() - 400, window.height())
    qtbot.waitUntil(aligned)
    assert view.block_top(view.oldPane, 3) > height_before, "narrower: the long row grew"


def test_f7_jumps_to_the_next_change_and_shift_f7_back(qtbot, window):
    filler = [f"Unchanged paragraph number {i} with some words in it." for i in range(60)]
    end0 = "The meeting ended at noon after a long debate."
    end1 = "The meeting ended at one after a long debate."
    v0 = ["Opening line.", *filler, "The vote was close.", *filler, end0]
    v1 = ["Opening line.", *filler, "The vote was very close.", *filler, end1]
    art = make_article([("Vote", v0), ("Vote", v1)])
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    view = window.diff_view
    bar = view.oldPane.verticalScrollBar()
    first = blocks(view.newPane).index("The vote was very close.")
    top = view.block_top(view.oldPane, first)
    # A new step opens scrolled to its first change, with some lines above it.
    assert 0 < bar.value() < top < bar.value() + view.oldPane.viewport().height()

    bar.setValue(0)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert view.current_change == first
    assert view.newPane.verticalScrollBar().value() == bar.value(), "scrolling is synchronized"
    assert abs(view.block_top(view.oldPane, first) - bar.value()) < 10

    view.newPane.verticalScrollBar().setValue(bar.value() + 40)
    assert bar.value() == view.newPane.verticalScrollBar().value(), "both ways"

    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert blocks(view.newPane)[view.current_change] == end1
    qtbot.keyClick(window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_change == first


def _click_link(qtbot, pane, href: str) -> None:  # type: ignore[no-untyped-def]
    """Click the link whose target is ``href``, where it is drawn."""
    doc = pane.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                cursor = QTextCursor(doc)
                cursor.setPosition(frag.position() + 1)
                pane.setTextCursor(cursor)
                pane.ensureCursorVisible()
                rect = pane.cursorRect(cursor)
                point = QPoint(rect.center().x(), rect.center().y())
                qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_a_moved_paragraph_links_to_its_other_end(qtbot, window):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    show(qtbot, window, lambda: window.state.set_index(2))
    view = window.diff_view
    old_rows, new_rows = blocks(view.oldPane), blocks(view.newPane)
    moved = BRIDGE[1][1][2]
    src = next(k for k, t in enumerate(old_rows) if t.endswith(moved))
    dst = next(k for k, t in enumerate(new_rows) if t.endswith(moved))
    assert src > dst
    assert old_rows[dst] == "" and new_rows[src] == "", "the other side shows a gap"
    assert "moved to ¶1" in old_rows[src] and "moved from ¶3" in new_rows[dst]

    view.current_change = -1
    _click_link(qtbot, view.oldPane, "#mv0-dst")
    assert view.current_change == dst
    _click_link(qtbot, view.newPane, "#mv0-src")
    assert view.current_change == src


def test_inline_mode_shows_both_sides_in_one_pane(qtbot, window):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    view = window.diff_view

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert view.inlinePane.isVisible() and not view.oldPane.isVisible()
    rows = blocks(view.inlinePane)
    assert rows[1] == "The council approved the new bridge on MondayTuesday."
    assert marked(view.inlinePane) == (["new", "new", "Tuesday"], ["Monday"])
    assert window.settings.inline

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert view.oldPane.isVisible() and not view.inlinePane.isVisible()


def test_after_a_mode_change_a_revisited_step_is_rendered_once_then_cached(
    qtbot, window, monkeypatch
):
    renders: list[tuple[int, int, bool]] = []
    real_render = diff_html.render

    def counting_render(comparison, **kwargs):  # type: ignore[no-untyped-def]
        renders.append((comparison.old.number, comparison.new.number, kwargs["inline"]))
        return real_render(comparison, **kwargs)

    monkeypatch.setattr(diff_html, "render", counting_render)
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    show(qtbot, window, lambda: window.state.set_index(2))
    qtbot.waitUntil(lambda: window.comparisons.idle)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    for index in (1, 2, 1, 2, 1):
        show(qtbot, window, lambda: window.state.set_index(index))  # noqa: B023
        qtbot.waitUntil(lambda: window.comparisons.idle)
    assert renders.count((0, 1, True)) == 1, "step 1 must be rendered for inline once"
    # the step on screen when the mode changed, rendered then, is not rendered again
    assert renders.count((1, 2, True)) == 1, "step 2 must be rendered for inline once"
    assert blocks(window.diff_view.inlinePane)[1] == (
        "The council approved the new bridge on MondayTuesday."
    )


def test_only_changed_paragraphs_collapses_the_rest(qtbot, window):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    window.actions_by_name["onlyChanged"].trigger()
    view = window.diff_view
    assert blocks(view.newPane) == [
        "Council approves new bridge",
        "The council approved the new bridge on Tuesday.",
        "⋯ 3 unchanged paragraphs",
    ]
    assert blocks(view.oldPane)[2] == blocks(view.newPane)[2]


def test_compare_with_first_and_pinned_version(qtbot, window):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    alt = Qt.KeyboardModifier.AltModifier
    show(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_Right, alt))
    assert window.state.index == 2 and window.version_bar.slider.value() == 2
    view = window.diff_view
    show(
        qtbot,
        window,
        lambda: qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier),
    )
    assert view.comparison.old.number == 0 and view.comparison.new.number == 2
    assert "Monday" in marked(view.oldPane)[1]

    show(qtbot, window, lambda: window.state.set_index(1))
    show(qtbot, window, lambda: window.actions_by_name["pinVersion"].trigger())
    assert window.version_bar.compare.currentText() == "the pinned version (version 1)"
    show(qtbot, window, lambda: window.state.set_index(2))
    assert (view.comparison.old.number, view.comparison.new.number) == (1, 2)
    show(qtbot, window, lambda: window.state.set_index(0))
    assert (view.comparison.old.number, view.comparison.new.number) == (1, 0)
    bar = window.version_bar
    assert not bar.prev_button.isEnabled()
    show(qtbot, window, lambda: qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton))
    assert window.state.index == 1 and bar.prev_button.isEnabled()


def test_dump_text_is_shown_as_text_never_as_markup(qtbot, window):
    evil = '<b>bold</b> <a href="http://x">link</a> &amp; <img src=x>'
    art = make_article([("T <i>", ["plain"]), ("T <i>", ["plain", evil])])
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    new = window.diff_view.newPane
    assert blocks(new) == ["T <i>", "plain", evil]
    assert "<b>" not in new.toHtml().split("<body", 1)[1].replace("&lt;b&gt;", "")
    assert marked(new)[0] == [evil]


def test_the_article_filter_matches_titles_urls_and_sources(qtbot, window):
    a = make_article([("Bridge vote", ["x"])], url="https://a.example/bridge", source="alpha")
    b = make_article([("Storm warning", ["x"])], url="https://b.example/weather", source="beta")
    window.model.set_articles([a, b])
    filt = window.filter
    for text, expect in (
        ("storm", ["Storm warning"]),
        ("a.example", ["Bridge vote"]),
        ("BETA", ["Storm warning"]),
        ("", ["Bridge vote", "Storm warning"]),
    ):
        filt.clear()
        qtbot.keyClicks(filt, text)
        shown = sorted(window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount()))
        assert shown == expect, text


def test_the_timeline_jumps_to_the_clicked_step(qtbot, window):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    timeline = window.version_bar.timeline
    x = int(timeline.width() * 0.75)
    show(
        qtbot,
        window,
        lambda: qtbot.mouseClick(
            timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, timeline.height() // 2)
        ),
    )
    assert window.state.index == 2


def test_a_dark_palette_gets_dark_tints(qtbot, window):
    art = make_article(BRIDGE)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    pane = window.diff_view.oldPane

    def deleted_background() -> QColor:
        doc = pane.document()
        block = doc.findBlockByNumber(1)
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.fontStrikeOut():
                return fmt.background().color()
            it += 1
        raise AssertionError("no deleted word")

    assert deleted_background().lightness() > 160
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    window.setPalette(dark)
    qtbot.waitUntil(lambda: deleted_background().lightness() < 100)
    assert marked(pane) == ([], ["Monday"])


def test_guessed_paragraphs_are_marked_and_explained(qtbot, window):
    art = make_article(BRIDGE)
    guess = Inference(InferenceKind.SPLIT, 0, 0.72)
    art.versions[1].inferred.append(guess)
    window.model.set_articles([art])
    window.pages.setCurrentWidget(window.splitter)
    show(qtbot, window, lambda: window.select_article(art.key))
    view = window.diff_view
    new_rows, old_rows = blocks(view.newPane), blocks(view.oldPane)
    assert new_rows[1] == GUESS_MARK + BRIDGE[1][1][0]
    assert not old_rows[1].startswith(GUESS_MARK), "the old version was read, not guessed"
    assert "partly inferred" in view.newHeader.text()

    doc = view.newPane.document()
    rect = doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(1))
    offset = view.newPane.verticalScrollBar().value()
    at = QPoint(int(rect.left()) + 20, int(rect.top()) + 5 - offset)
    notes = view.notes_at(view.newPane, at)
    assert notes == ("inferred, not read: where the old and new paragraph split (confidence 72%)",)
    assert view.notes_at(view.oldPane, at) == ()
