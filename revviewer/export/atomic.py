"""Writing an export so that a reader never sees half a file.

Contract: :func:`write_atomic` writes the text (UTF-8) to a new temporary file in
the target's folder, flushes it to disk, then moves it into place in one step. An
existing target is never touched unless ``force``: without it the final step is a
hard link, which fails atomically if the name was taken meanwhile (where the file
system has no hard links, an existence check and a rename stand in). On any failure
the temporary file is removed and the target is as it was.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import secrets


def _temp_file(folder: pathlib.Path, name: str) -> tuple[pathlib.Path, int]:
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 so the finished file gets the user's usual permissions (umask).
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file in {folder}")


def write_atomic(path: pathlib.Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path``; FileExistsError if it exists and not ``force``."""
    path = pathlib.Path(path)
    if not force and (path.exists() or path.is_symlink()):
        raise FileExistsError(17, "the file already exists", str(path))
    data = text.encode("utf-8")
    tmp, fd = _temp_file(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(path.parent)


def _place_new(tmp: pathlib.Path, path: pathlib.Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(17, "the file already exists", str(path)) from None
    except OSError:
        # No hard links here (FAT, some network shares): check, then rename.
        if path.exists() or path.is_symlink():
            raise FileExistsError(17, "the file already exists", str(path)) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def _sync_folder(folder: pathlib.Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
