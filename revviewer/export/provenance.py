"""Where a version came from: the dump files behind it and their SHA-256.

Contract: :class:`FileDigests` hashes each source file at most once per export and
never raises: a file that cannot be read is reported with the reason, so the export
still says which file it came from. Files are opened for reading only. The page shows
the file's name, not its folder: exports are made to be published, and a home
directory path is nobody's business; the digest identifies the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileDigest:
    path: str
    sha256: str | None
    #: why the file could not be hashed, when ``sha256`` is None
    problem: str | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path


class FileDigests:
    """SHA-256 of source files, computed on first request and then remembered."""

    def __init__(self) -> None:
        self._seen: dict[str, FileDigest] = {}

    def get(self, path: str) -> FileDigest:
        known = self._seen.get(path)
        if known is None:
            known = self._seen[path] = _digest(path)
        return known

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
