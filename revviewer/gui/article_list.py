"""The article list view: a filter box over a sortable table of articles.

A view: it shows :class:`~revviewer.gui.article_model.ArticleTableModel` through the
filter proxy and reports the article the user picks (``articlePicked``); it does not
know what happens next.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from revviewer.core.model import Article
from revviewer.gui.article_model import ARTICLE_ROLE, ArticleFilterProxy, ArticleTableModel


class ArticleListView(QWidget):
    #: the picked Article, or None when nothing is selected
    articlePicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setObjectName("articleFilter")
        self.filter.setAccessibleName("Filter articles")
        self.filter.setPlaceholderText("Filter by title, URL or source (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAcceptDrops(False)  # dropped files go to the window

        self.table = QTableView()
        self.table.setObjectName("articleList")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ArticleTableModel.TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (ArticleTableModel.VERSIONS, ArticleTableModel.LARGEST):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Source names can be long and the title matters more; the user can widen it.
        source = ArticleTableModel.SOURCE
        header.setSectionResizeMode(source, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(source, self.fontMetrics().horizontalAdvance("M" * 7))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)

        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_articles(self, articles: list[Article], keep: str | None = None) -> None:
        """List ``articles`` and select the one keyed ``keep`` (else the first row)."""
        self.model.set_articles(articles)
        row = self.model.row_of(keep) if keep else -1
        self._select_source_row(row if row >= 0 else None)

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row < 0:
            raise KeyError(key)
        self._select_source_row(row)

    def step(self, delta: int) -> None:
        """Pick the article ``delta`` rows down (up when negative) in the shown order."""
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + delta
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _select_source_row(self, row: int | None) -> None:
        if row is None:
            index = self.proxy.index(0, 0)
        else:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article = current.data(ARTICLE_ROLE) if current.isValid() else None
        self.articlePicked.emit(article if isinstance(article, Article) else None)
