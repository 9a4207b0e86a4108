"""Loading dumps from files and folders into articles.

Contract: :func:`iter_load` walks the given paths, opens every file for reading only,
picks its format by content through the registry, parses it, and merges the fragments
of each article (same URL key) into one version chain, recording the SHA-256 of the
bytes each file held when it was read (``Article.digests``). It yields :class:`Progress`
after each file so callers can show progress and stop early; its return value
(``StopIteration.value``) is the :class:`LoadResult`. :func:`load` runs it to the end.

Walking: folders are walked recursively in name order; a folder reached twice (a link
loop, or two links to one place) is walked once, and a file reached twice is read
once. Inside folders, hidden entries (names starting with ``.``, such as ``.git``) are
skipped; a hidden path given explicitly is read.

Bad input never raises: every file that cannot be read gives exactly one
:class:`~revviewer.core.model.LoadError` (path, line when known, and what is wrong:
missing, a pipe or device, unreadable, too large, empty, not a dump, or the parser's
own message), and every other file still loads. Named pipes and devices are never
opened (opening a pipe would block). Files over :data:`MAX_FILE_BYTES` are refused
before they are read. Nothing is ever written.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from revviewer.core import formats
from revviewer.core.errors import DumpError
from revviewer.core.merge import merge_fragments
from revviewer.core.model import Article, LoadError
from revviewer.core.textio import decode_dump

log = logging.getLogger(__name__)

#: larger files are refused rather than read into memory
MAX_FILE_BYTES = 256 * 1024 * 1024

# Read-only, and never blocking on a pipe or taking a terminal that slipped past stat().
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

#: leading bytes of files people drop by mistake, and what to call them
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "an SQLite database of a kind revviewer does not know"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (unpack it and open the folder)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "a gzip-compressed file (decompress it first)"),
    (b"BZh", "a bzip2-compressed file (decompress it first)"),
    (b"\xfd7zXZ\x00", "an xz-compressed file (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
)

_TEXT_HINT = (
    'NewsSniffer text dumps start with "This article is from the source \'"; '
    'saved NewsSniffer pages hold <table class="version_diff">'
)


@dataclass(slots=True)
class _Frame:
    """A folder being walked: its identity and its entries, ``next`` the one to visit."""

    ident: tuple[int, int]
    entries: list[os.DirEntry[str]]
    next: int = 0


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
    cannot be listed. Folders are walked once however often they are reached."""
    files: list[Path] = []
    errors: list[LoadError] = []
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def add_file(p: Path) -> None:
        try:
            st = p.stat()
        except OSError:
            files.append(p)  # load_file names the problem
            return
        ident = (st.st_dev, st.st_ino)
        if ident in seen_files:
            return
        seen_files.add(ident)
        files.append(p)

    # The folders on the way down from the given one: a link to one of them is a loop.
    ancestors: dict[tuple[int, int], Path] = {}

    def enter(d: Path) -> _Frame | None:
        """The folder's entries, or None (with an error when something is wrong)."""
        try:
            st = d.stat()
        except OSError as exc:
            errors.append(LoadError(str(d), None, f"cannot open the folder: {_reason(exc)}"))
            return None
        ident = (st.st_dev, st.st_ino)
        if ident in ancestors:
            errors.append(
                LoadError(
                    str(d),
                    None,
                    f"a link that loops back to {str(ancestors[ident])!r}, which is being "
                    "read already: skipped",
                )
            )
            return None
        if ident in seen_dirs:
            return None
        seen_dirs.add(ident)
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(LoadError(str(d), None, f"cannot list the folder: {_reason(exc)}"))
            return None
        ancestors[ident] = d
        return _Frame(ident, entries)

    def walk(top: Path) -> int:
        """How many files were found below ``top``. A loop, not recursion: folders
        may nest deeper than Python's recursion limit."""
        found = 0
        first = enter(top)
        stack = [first] if first is not None else []
        while stack:
            frame = stack[-1]
            if frame.next == len(frame.entries):
                stack.pop()
                del ancestors[frame.ident]
                continue
            entry = frame.entries[frame.next]
            frame.next += 1
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                inner = enter(p)
                if inner is not None:
                    stack.append(inner)
            else:
                add_file(p)
                found += 1
        return found

    for raw in paths:
        p = Path(raw)
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            if p.is_symlink():
                add_file(p)  # load_file names the broken link
            else:
                errors.append(LoadError(str(p), None, "no such file or folder"))
            continue
        except OSError as exc:  # a link loop, a folder we may not enter on the way...
            errors.append(LoadError(str(p), None, f"cannot open it: {_reason(exc)}"))
            continue
        if stat.S_ISDIR(mode):
            errors_before, dirs_before = len(errors), len(seen_dirs)
            found = walk(p)
            walked = len(seen_dirs) > dirs_before
            if walked and found == 0 and len(errors) == errors_before:
                errors.append(
                    LoadError(
                        str(p),
                        None,
                        "the folder holds no files to read (hidden files and folders are skipped)",
                    )
                )
        else:
            add_file(p)
    return files, errors


def load_file(path: Path) -> list[Article]:
    """The article fragments in one file; raises DumpError for bad input."""
    data = read_input(path)
    if not data or data.isspace():  # without copying the file as strip() would
        raise DumpError("the file is empty" if not data else "the file holds only whitespace")
    fmt = formats.detect(data[: formats.SNIFF_BYTES])
    if fmt is None:
        raise unrecognised(data)
    articles: list[Article] = fmt.parse(str(path), data)
    digest = hashlib.sha256(data).hexdigest()
    for article in articles:
        article.digests[str(path)] = digest
    return articles


def read_input(path: Path) -> bytes:
    """The bytes of a regular file, opened read-only; DumpError for anything else."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise DumpError(
                f"a broken link: its target {os.readlink(path)!r} does not exist"
            ) from None
        raise DumpError("no such file") from None
    except OSError as exc:
        raise DumpError(f"cannot read the file: {_reason(exc)}") from exc
    _refuse_special(st.st_mode)
    if st.st_size > MAX_FILE_BYTES:
        raise DumpError(
            f"the file is {_size(st.st_size)}; files over {_size(MAX_FILE_BYTES)} are refused"
        )
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise DumpError(f"cannot read the file: {_reason(exc)}") from exc
    with os.fdopen(fd, "rb") as fh:
        try:
            # The file may have been swapped for something else since stat().
            _refuse_special(os.fstat(fh.fileno()).st_mode)
            data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise DumpError(f"cannot read the file: {_reason(exc)}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise DumpError(f"the file grew past {_size(MAX_FILE_BYTES)} while being read; refused")
    return data


def unrecognised(data: bytes) -> DumpError:
    """The clearest thing to say about bytes no format recognised."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return DumpError(f"not a dump: this is {what}")
    head = data[: formats.SNIFF_BYTES]
    # Encoding trouble explains a miss better than "unknown format" does. A head cut
    # from a longer file may end inside a character: try it shortened by up to 3 bytes.
    cuts = range(4) if len(data) > len(head) else range(1)
    problem: DumpError | None = None
    for cut in cuts:
        try:
            text = decode_dump(head[: len(head) - cut])
            break
        except DumpError as exc:
            problem = problem or exc
    else:
        assert problem is not None
        return DumpError(f"not a dump revviewer can read; {problem.message}", problem.line)
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    shown = first if len(first) <= 60 else first[:57] + "..."
    return DumpError(
        f"not a dump revviewer can read: no known format recognised its content "
        f"(it starts {shown!r}; {_TEXT_HINT})",
        1,
    )


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise DumpError("a folder, not a file")
    if stat.S_ISFIFO(mode):
        raise DumpError("a named pipe (FIFO), not a file: skipped without opening it")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise DumpError("a device, not a file: skipped without opening it")
    if stat.S_ISSOCK(mode):
        raise DumpError("a socket, not a file: skipped")
    raise DumpError("not a regular file: skipped")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


def iter_load(
    paths: Iterable[str | os.PathLike[str]],
) -> Generator[Progress, None, LoadResult]:
    files, errors = expand_paths(paths)
    fragments: list[Article] = []
    for done, path in enumerate(files, start=1):
        error = _load_one(path, fragments)
        if error is not None:
            errors.append(error)
        yield Progress(done, len(files), str(path))
    try:
        articles, conflicts = merge_fragments(fragments)
    except Exception as exc:  # a bug in merging must not lose every article
        log.exception("merging failed")
        articles = fragments
        conflicts = [LoadError("", None, f"merging failed ({type(exc).__name__}: {exc})")]
    errors.extend(conflicts)
    return LoadResult(articles, errors)


def _load_one(path: Path, into: list[Article]) -> LoadError | None:
    try:
        into.extend(load_file(path))
    except DumpError as exc:
        return LoadError(str(path), exc.line, exc.message)
    except RecursionError:
        return LoadError(str(path), None, "the file is nested too deeply to read")
    except MemoryError:
        return LoadError(str(path), None, "the file is too large to read into memory")
    except Exception as exc:  # a parser bug must cost one file, not the whole load
        log.exception("reading %s failed", path)
        return LoadError(
            str(path), None, f"could not be read: internal error ({type(exc).__name__}: {exc})"
        )
    return None


def load(paths: Iterable[str | os.PathLike[str]]) -> LoadResult:
    gen = iter_load(paths)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            result: LoadResult = stop.value
            return result
