"""The desktop entry, the AppStream metadata and the PyInstaller spec agree with the
project: validators accept them, and names and versions come from one place."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import revviewer
from revviewer.core import formats

PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "revviewer.desktop"
METAINFO = PACKAGING / "io.github.revviewer.Revviewer.metainfo.xml"
SPEC = PACKAGING / "revviewer.spec"


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep key case
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _run_validator(*cmd: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(cmd[0]) is None:
        pytest.skip(f"{cmd[0]} is not installed (Debian: apt-get install {_PACKAGE[cmd[0]]})")
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


_PACKAGE = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}


def test_desktop_file_validate_accepts_the_entry() -> None:
    out = _run_validator("desktop-file-validate", str(DESKTOP))
    # It prints nothing for a clean file; hints and warnings would show here.
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr


def test_appstreamcli_accepts_the_metainfo() -> None:
    out = _run_validator("appstreamcli", "validate", "--no-net", "--explain", str(METAINFO))
    assert out.returncode == 0, out.stdout + out.stderr
    # Not even infos or warnings: only the pedantic note on the id's capitals is allowed.
    assert "Validation was successful" in out.stdout
    assert "warnings:" not in out.stdout and "infos:" not in out.stdout, out.stdout


def test_the_desktop_entry_launches_the_installed_gui_script_with_our_icon() -> None:
    entry = _desktop_entry()
    command, *args = entry["Exec"].split()
    assert command in _pyproject()["project"]["gui-scripts"]
    assert args == ["%F"]  # files and folders dropped on the launcher are opened
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    # It offers to open what the registered formats read, and folders: no more (a file
    # manager would otherwise offer revviewer for files it cannot load), no less.
    mime = set(entry["MimeType"].strip(";").split(";"))
    readable = {m for fmt in formats.FORMATS for m in fmt.MIME_TYPES}
    assert mime == readable | {"inode/directory"}
    assert entry["GenericName"] and entry["Keywords"]


def test_the_metainfo_names_this_release_the_entry_and_the_screenshot() -> None:
    root = ET.parse(METAINFO).getroot()
    releases = [r.get("version") for r in root.iterfind("releases/release")]
    assert releases[0] == revviewer.__version__, "add a <release> for the new version"
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("project_license") == _pyproject()["project"]["license"]
    image = root.findtext("screenshots/screenshot/image") or ""
    assert image.endswith("/packaging/screenshot.png")


class _Recorder:
    """Stands in for one of PyInstaller's build steps and keeps what it was given."""

    def __init__(self, calls: dict[str, Any], name: str) -> None:
        self.calls, self.name = calls, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls[self.name] = (args, kwargs)
        return type(self.name, (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()


def _run_spec(spec: Path, workdir: Path) -> dict[str, Any]:
    calls: dict[str, Any] = {}
    namespace: dict[str, Any] = {
        "SPECPATH": str(spec.parent),
        "workpath": str(workdir),
        **{n: _Recorder(calls, n) for n in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    namespace["_calls"] = calls
    return namespace


def test_the_spec_takes_name_version_entry_and_data_from_the_project(tmp_path: Path) -> None:
    ns = _run_spec(SPEC, tmp_path)
    assert ns["NAME"] == _pyproject()["project"]["name"]
    assert ns["VERSION"] == revviewer.__version__
    assert ns["_calls"]["EXE"][1]["name"] == ns["NAME"]
    launcher = Path(ns["_calls"]["Analysis"][0][0][0]).read_text(encoding="utf-8")
    assert "from revviewer.cli import main" in launcher
    bundled = {(Path(src).name, dest) for src, dest in ns["_calls"]["Analysis"][1]["datas"]}
    assert ("revviewer.svg", "revviewer/resources/icons") in bundled
    for sample in (ROOT / "resources" / "samples").iterdir():
        assert (sample.name, "revviewer/resources/samples") in bundled


def test_the_spec_follows_a_version_written_in_pyproject(tmp_path: Path) -> None:
    # A project that states its version statically: the spec must pick that up too.
    (tmp_path / "packaging").mkdir()
    (tmp_path / "resources").mkdir()
    spec = tmp_path / "packaging" / SPEC.name
    shutil.copy(SPEC, spec)
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = project.replace('dynamic = ["version"]', 'version = "9.8.7"', 1)
    (tmp_path / "pyproject.toml").write_text(project, encoding="utf-8")
    assert _run_spec(spec, tmp_path / "build")["VERSION"] == "9.8.7"


def test_the_version_flag_prints_the_package_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "revviewer", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == f"revviewer {revviewer.__version__}"


def test_pre_commit_runs_the_tools_pinned_in_the_test_extra() -> None:
    # One version of each tool: pre-commit must use the venv's binaries, not fetch its own.
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    repos = re.findall(r"^\s*- repo: (\S+)", config, re.MULTILINE)
    assert repos == ["local"]
    assert "rev:" not in config
    languages = set(re.findall(r"^\s*language: (\S+)", config, re.MULTILINE))
    assert languages == {"system"}
    tools = {e.split()[0] for e in re.findall(r"^\s*entry: (.+)$", config, re.MULTILINE)}
    pinned = {
        re.split(r"[=<>\[ ]", req, maxsplit=1)[0]
        for req in _pyproject()["project"]["optional-dependencies"]["test"]
    }
    for tool in ("ruff", "mypy", "lint-imports"):
        assert tool in tools
    assert {"ruff", "mypy", "import-linter"} <= pinned
