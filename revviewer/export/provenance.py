"""Where a version came from: the dump files behind it and their SHA-256.

Contract: :class:`FileDigests` cites the digest recorded when a file was loaded
(``Article.digests``): the page shows what was read then. It also hashes each source
file once per export, to say when the file has changed on disk since, and to hash a
file loaded without a digest. It never raises: a file that cannot be read is reported
with the reason, so the export still says which file it came from. Files are opened
for reading only. The page shows the file's name, not its folder: exports are made to
be published, and a home directory path is nobody's business; the digest identifies
the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileDigest:
    path: str
    sha256: str | None
    #: why the file could not be hashed, when ``sha256`` is None
    problem: str | None = None
    #: what became of the file since it was loaded, when it no longer holds those bytes
    since: str | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path


class FileDigests:
    """SHA-256 of source files, computed on first request and then remembered."""

    def __init__(self, loaded: Mapping[str, str] | None = None) -> None:
        self._loaded = loaded or {}
        self._seen: dict[str, FileDigest] = {}

    def get(self, path: str) -> FileDigest:
        known = self._seen.get(path)
        if known is None:
            known = self._seen[path] = self._cite(path)
        return known

    def _cite(self, path: str) -> FileDigest:
        now = _digest(path)
        loaded = self._loaded.get(path)
        if loaded is None or now.sha256 == loaded:
            return now
        if now.sha256 is None:
            since = f"it can no longer be read ({now.problem})"
        else:
            since = "it has changed on disk since it was loaded"
        return FileDigest(path, loaded, since=since)

    def all(self, paths: Iterable[str]) -> list[FileDigest]:
        """Digests of ``paths`` in first-seen order, each path once."""
        return [self.get(p) for p in dict.fromkeys(paths)]


def _digest(path: str) -> FileDigest:
    p = Path(path)
    try:
        if not p.is_file():
            return FileDigest(path, None, "not found or not a regular file")
        with p.open("rb") as fh:
            return FileDigest(path, hashlib.file_digest(fh, "sha256").hexdigest())
    except OSError as exc:
        return FileDigest(path, None, exc.strerror or type(exc).__name__)
