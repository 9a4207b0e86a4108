"""Bundled files resolve from a checkout and from a PyInstaller-style frozen layout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from revviewer import assets


def test_the_app_icon_is_an_svg_we_ship() -> None:
    icon = assets.asset("icons/revviewer.svg")
    assert icon.is_file()
    assert b"<svg" in icon.read_bytes()[:400]


def test_a_missing_asset_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such\.png"):
        assets.asset("icons/no-such.png")


def test_an_asset_name_cannot_escape_the_resources_folder() -> None:
    with pytest.raises(FileNotFoundError, match="outside"):
        assets.asset("../__init__.py")


def test_sample_paths_are_the_bundled_dumps_only() -> None:
    paths = assets.sample_paths()
    assert paths, "no bundled samples found"
    assert all(p.is_file() for p in paths)
    assert {p.suffix for p in paths} <= {".txt", ".html"}
    # The hand-written sources the dumps are made from are not offered as dumps.
    assert all(p.parent.name == "samples" for p in paths)
    assert paths == sorted(paths)


def test_a_frozen_build_reads_from_the_unpacked_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "revviewer" / "resources"
    (bundled / "samples").mkdir(parents=True)
    (bundled / "samples" / "one.txt").write_text("x", encoding="utf-8")
    (bundled / "samples" / "notes.json").write_text("{}", encoding="utf-8")
    (bundled / "icons").mkdir()
    (bundled / "icons" / "revviewer.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert assets.asset("icons/revviewer.svg") == (bundled / "icons" / "revviewer.svg").resolve()
    assert assets.sample_paths() == [bundled / "samples" / "one.txt"]


def test_a_checkout_run_without_installing_finds_the_top_level_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without the install-time mapping the resources package cannot be imported.
    monkeypatch.setattr(assets, "PACKAGE", "revviewer.no_such_resources")
    checkout = Path(assets.__file__).resolve().parent.parent / "resources"
    assert assets.resources_root() == checkout
    assert assets.sample_paths()


def test_an_unreadable_samples_folder_offers_no_samples_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "samples").mkdir()
    monkeypatch.setattr(assets, "resources_root", lambda: tmp_path)

    def refuse(self: Path) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert assets.sample_paths() == []
    assert "cannot list the sample dumps" in caplog.text
    assert "Permission denied" in caplog.text
