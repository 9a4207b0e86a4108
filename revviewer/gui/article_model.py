"""The article list: a thin table model over the loaded articles, and its filter.

Columns: title, source, number of versions, size of the largest step (words touched;
unknown until the background step-size pass reports it). ``SORT_ROLE`` gives numbers
for the numeric columns so sorting is by value, not by text.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from revviewer.core.model import Article

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class ArticleTableModel(QAbstractTableModel):
    TITLE, SOURCE, VERSIONS, LARGEST = range(4)
    HEADERS = ("Title", "Source", "Versions", "Largest")
    HEADER_TIPS = (
        "The article's latest headline",
        "Where the article was published",
        "How many versions were loaded",
        "Words changed by the article's largest step",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[Article] = []
        self._rows: dict[str, int] = {}
        self._sizes: dict[str, list[int]] = {}
        #: each article's largest step, kept because sorting asks for it per comparison
        self._largest: dict[str, int] = {}

    # -- data in -------------------------------------------------------------
    def set_articles(self, articles: list[Article]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self._rows = {art.key: row for row, art in enumerate(self._articles)}
        self._sizes = {}
        self._largest = {}
        self.endResetModel()

    def set_step_sizes(self, sizes: dict[str, list[int]]) -> None:
        """Record the step sizes of some articles (keys of a replaced list are
        ignored) with one change notice, so a sorted view re-sorts once per batch."""
        rows = [self._rows[key] for key in sizes if key in self._rows]
        for key, steps in sizes.items():
            if key in self._rows:
                self._sizes[key] = list(steps)
                self._largest[key] = max(steps, default=0)
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), self.LARGEST), self.index(max(rows), self.LARGEST)
            )

    def step_sizes(self, key: str) -> list[int] | None:
        """The size of every step of an article, once the background pass has it."""
        return self._sizes.get(key)

    def largest_step(self, key: str) -> int | None:
        return self._largest.get(key)

    def articles(self) -> list[Article]:
        return list(self._articles)

    def article(self, row: int) -> Article:
        return self._articles[row]

    def row_of(self, key: str) -> int:
        return self._rows.get(key, -1)

    # -- Qt model ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._articles):
            return None
        art = self._articles[index.row()]
        col = index.column()
        if role == ARTICLE_ROLE:
            return art
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TITLE:
                return art.title
            if col == self.SOURCE:
                return art.source
            if col == self.VERSIONS:
                return str(len(art.versions))
            largest = self.largest_step(art.key)
            return "…" if largest is None else f"{largest:,}"
        if role == SORT_ROLE:
            if col == self.VERSIONS:
                return len(art.versions)
            if col == self.LARGEST:
                largest = self.largest_step(art.key)
                return -1 if largest is None else largest
            return (art.title if col == self.TITLE else art.source).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{art.title}\n{art.url}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.VERSIONS, self.LARGEST):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ArticleFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; keeps rows whose title, URL or source contains every
    word of the filter text (case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if not isinstance(model, ArticleTableModel):
            return True
        art = model.article(source_row)
        hay = f"{art.title}\n{art.url}\n{art.source}".casefold()
        return all(w in hay for w in self._words)
