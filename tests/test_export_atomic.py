"""Exports are written whole or not at all, and never over a file without force."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from revviewer.export import write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_the_text_as_utf8_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    write_atomic(target, "caf\u00e9 \u2192 <ok>\n")
    assert target.read_bytes() == "caf\u00e9 \u2192 <ok>\n".encode()
    assert _leftovers(tmp_path) == []


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("the user's file")
    with pytest.raises(FileExistsError) as info:
        write_atomic(target, "new")
    assert info.value.filename == str(target)
    assert target.read_text() == "the user's file"
    assert _leftovers(tmp_path) == []
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert _leftovers(tmp_path) == []


def test_a_dangling_link_counts_as_existing(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        write_atomic(target, "new")
    assert not (tmp_path / "nowhere").exists()


def test_forced_replace_swaps_the_file_rather_than_rewriting_it(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old")
    # a reader holding the old file keeps reading the old, whole content
    with target.open() as reader:
        write_atomic(target, "new", force=True)
        assert reader.read() == "old"
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \ud800", force=True)
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_an_error_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "out.html", "x")
    assert not (tmp_path / "no").exists()


def test_the_file_gets_the_users_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.html", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out.html").stat().st_mode) == 0o644


def test_a_failure_before_the_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.html"
    target.write_text("old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []
