"""Computing comparisons (and their pane HTML) off the GUI thread, with a small cache
and a look-ahead.

Contract: :meth:`ComparisonService.request` asks for the comparison of two versions
of an article; ``ready`` delivers it with its pane HTML for the current view modes
(at once from the cache, otherwise from a worker; a cached step whose HTML was
made for other modes is rendered again once and kept). Only the latest request is
answered: results of older requests are cached but not delivered. After each delivery
the next step is prepared ahead, so stepping forward usually finds it waiting.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from revviewer.core import diff
from revviewer.core.comparison import Comparison
from revviewer.core.model import Article, Version
from revviewer.gui import diff_html
from revviewer.gui.diff_html import Rendered
from revviewer.gui.workers import Task, release

CacheKey = tuple[str, int, int]
CACHE_SIZE = 24
#: and at most this much pane HTML (a 600 KB article makes about 1.5 M characters)
CACHE_CHARS = 24_000_000


@dataclass
class Prepared:
    comparison: Comparison
    rendered: Rendered


def prepare(old: Version, new: Version, inline: bool, only_changed: bool) -> Prepared:
    """The work of one step: plain Python, safe to run in a worker thread."""
    comparison = diff.compare(old, new)
    rendered = diff_html.render(comparison, inline=inline, only_changed=only_changed)
    return Prepared(comparison, rendered)


class ComparisonService(QObject):
    #: the requested step, as a Prepared
    ready = Signal(object)
    #: message
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[CacheKey, Prepared] = OrderedDict()
        self._wanted: CacheKey | None = None
        self._pending: dict[int, CacheKey] = {}
        self._article: Article | None = None
        #: (inline, only changed paragraphs): the HTML made ahead is made for these
        self.modes = (False, False)
        self._closed = False

    def clear(self) -> None:
        self._cache.clear()
        self._wanted = None

    def shutdown(self) -> None:
        """Start no more work (the window is closing; running work is waited for by
        the caller)."""
        self.clear()
        self._closed = True

    @property
    def idle(self) -> bool:
        return not self._pending

    def request(self, article: Article, old: int, new: int) -> None:
        """Ask for versions at indexes ``old`` and ``new`` of ``article``."""
        self._article = article
        key = (article.key, old, new)
        self._wanted = key
        hit = self._cache.get(key)
        if hit is not None:
            if self._stale(hit):
                # Made for other view modes: render it once for these and keep it,
                # so showing this step again is a plain cache hit.
                inline, only = self.modes
                rendered = diff_html.render(hit.comparison, inline=inline, only_changed=only)
                hit = Prepared(hit.comparison, rendered)
                self._store(key, hit)
            self._cache.move_to_end(key)
            self.ready.emit(hit)
            self._prefetch(article, old, new)
            return
        if key not in self._pending.values():
            self._start(article, key)

    def _start(self, article: Article, key: CacheKey) -> None:
        if self._closed:
            return
        old_v, new_v = article.versions[key[1]], article.versions[key[2]]
        inline, only = self.modes
        task = Task(lambda: prepare(old_v, new_v, inline, only))
        task.signals.finished.connect(self._on_done)
        task.signals.errored.connect(self._on_failed)
        self._pending[task.token] = key
        task.start()

    def _prefetch(self, article: Article, old: int, new: int) -> None:
        # Stepping forward is the common move: prepare (new, new + 1) ahead of time.
        if self._pending or new + 1 >= len(article.versions) or old != new - 1:
            return
        key = (article.key, new, new + 1)
        ahead = self._cache.get(key)
        if ahead is None or self._stale(ahead):
            self._start(article, key)

    def _stale(self, prepared: Prepared) -> bool:
        """Whether ``prepared`` holds HTML for other view modes than the current ones."""
        return (prepared.rendered.inline, prepared.rendered.only_changed) != self.modes

    def adopt(self, comparison: Comparison | None, rendered: Rendered) -> None:
        """Keep HTML the view made itself for a cached comparison (it renders the step
        on screen again when a view mode changes), so that showing the step again
        after the change needs no render."""
        if comparison is None or (rendered.inline, rendered.only_changed) != self.modes:
            return
        for key, prepared in self._cache.items():
            if prepared.comparison is comparison:
                self._cache[key] = Prepared(comparison, rendered)
                self._trim()
                return

    def _store(self, key: CacheKey, prepared: Prepared) -> None:
        self._cache[key] = prepared
        self._cache.move_to_end(key)
        self._trim()

    def _trim(self) -> None:
        while len(self._cache) > 1 and (
            len(self._cache) > CACHE_SIZE
            or sum(p.rendered.size for p in self._cache.values()) > CACHE_CHARS
        ):
            self._cache.popitem(last=False)

    def _on_done(self, token: int, result: object) -> None:
        release(token)
        key = self._pending.pop(token, None)
        if key is None or not isinstance(result, Prepared):
            return
        self._store(key, result)
        if key == self._wanted:
            self.ready.emit(result)
            if self._article is not None and self._article.key == key[0]:
                self._prefetch(self._article, key[1], key[2])

    def _on_failed(self, token: int, message: str) -> None:
        release(token)
        key = self._pending.pop(token, None)
        if key == self._wanted:
            self.failed.emit(message)
