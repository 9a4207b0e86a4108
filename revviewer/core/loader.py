"""Loading dumps from files and folders into articles.

Contract: :func:`iter_load` walks the given paths (folders recursively, links followed
at most once per real directory), opens every file for reading only, picks its format
by content through the registry, parses it, and merges the fragments of each article
(same URL key) into one version chain. It yields :class:`Progress` after each file so
callers can show progress and stop early; its return value (``StopIteration.value``)
is the :class:`LoadResult`. :func:`load` runs it to the end.

A file that cannot be read gives one :class:`~revviewer.core.model.LoadError` naming
it; all other files still load. Nothing here raises for bad input.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from revviewer.core import formats
from revviewer.core.errors import DumpError
from revviewer.core.merge import merge_fragments
from revviewer.core.model import Article, LoadError

#: larger files are refused rather than read into memory
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    path: str


@dataclass(slots=True)
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "articles": [a.to_json() for a in self.articles],
            "errors": [e.to_json() for e in self.errors],
        }


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[LoadError]]:
    """Every file below ``paths``, in a stable order, and errors for paths that
    cannot be listed. Directory loops through links are visited once."""
    files: list[Path] = []
    errors: list[LoadError] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(d: Path) -> Iterator[Path]:
        try:
            st = d.stat()
        except OSError as exc:
            errors.append(LoadError(str(d), None, f"cannot open folder: {exc.strerror}"))
            return
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:
            return
        seen_dirs.add(ident)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            errors.append(LoadError(str(d), None, f"cannot list folder: {exc.strerror}"))
            return
        for entry in entries:
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(p)
            else:
                yield p

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(walk(p))
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            errors.append(LoadError(str(p), None, "no such file or folder"))
    return files, errors


def load_file(path: Path) -> list[Article]:
    """The article fragments in one file; raises DumpError for bad input."""
    try:
        if not path.is_file():
            raise DumpError("not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DumpError(
                f"the file is {size:,} bytes; files over {MAX_FILE_BYTES:,} are refused"
            )
        with path.open("rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise DumpError(f"cannot read the file: {exc.strerror or exc}") from exc
    if not data:
        raise DumpError("the file is empty")
    fmt = formats.detect(data[: formats.SNIFF_BYTES])
    if fmt is None:
        raise DumpError("not a dump revviewer can read (no known format recognised its content)")
    articles: list[Article] = fmt.parse(str(path), data)
    return articles


def iter_load(
    paths: Iterable[str | os.PathLike[str]],
) -> Generator[Progress, None, LoadResult]:
    files, errors = expand_paths(paths)
    fragments: list[Article] = []
    for done, path in enumerate(files, start=1):
        try:
            fragments.extend(load_file(path))
        except DumpError as exc:
            errors.append(LoadError(str(path), exc.line, exc.message))
        except RecursionError:
            errors.append(LoadError(str(path), None, "the file is nested too deeply to read"))
        except MemoryError:
            errors.append(LoadError(str(path), None, "the file is too large to read"))
        yield Progress(done, len(files), str(path))
    articles, conflicts = merge_fragments(fragments)
    errors.extend(conflicts)
    return LoadResult(articles, errors)


def load(paths: Iterable[str | os.PathLike[str]]) -> LoadResult:
    gen = iter_load(paths)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            result: LoadResult = stop.value
            return result
