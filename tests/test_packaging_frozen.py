"""Slow: build the PyInstaller one-folder app and run it.

Off by default (about half a minute of build on two cores); ``RUN_SLOW=1`` turns it
on, and ``.ci/run`` sets it. Needs PyInstaller (the ``freeze`` extra).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import revviewer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("RUN_SLOW") != "1", reason="slow: set RUN_SLOW=1"),
]

#: how long the window must keep running on the samples to count as started
STAY_UP_SECONDS = 15


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (extra: freeze)")
    out = tmp_path_factory.mktemp("frozen")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "build"),
            str(ROOT / "packaging" / "revviewer.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    exe = out / "dist" / "revviewer" / ("revviewer.exe" if os.name == "nt" else "revviewer")
    assert exe.is_file()
    return exe


def _bundled_samples(exe: Path) -> Path:
    return exe.parent / "_internal" / "revviewer" / "resources" / "samples"


def test_the_frozen_app_knows_its_version(frozen_app: Path) -> None:
    out = subprocess.run([str(frozen_app), "--version"], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == f"revviewer {revviewer.__version__}", out.stderr


def test_the_frozen_app_parses_its_bundled_samples(frozen_app: Path) -> None:
    samples = _bundled_samples(frozen_app)
    out = subprocess.run(
        [str(frozen_app), "parse", "--json", str(samples)],
        capture_output=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    result = json.loads(out.stdout)
    assert result["errors"] == []
    assert len(result["articles"]) == 3
    assert max(len(a["versions"]) for a in result["articles"]) == 6


def test_the_frozen_window_starts_offscreen_on_the_samples(
    frozen_app: Path, tmp_path: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"))
    proc = subprocess.Popen(
        [str(frozen_app), "--samples"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # A missing Qt plugin, library or resource ends the process at start; a window
        # that is up stays up until it is told to close.
        code = proc.wait(timeout=STAY_UP_SECONDS)
    except subprocess.TimeoutExpired:
        code = None
    finally:
        proc.kill()
        _out, err = proc.communicate(timeout=60)
    assert code is None, f"the app exited with {code} at start:\n{err[-4000:]}"
    assert "Traceback" not in err, err[-4000:]
    logs = list((tmp_path / "state").rglob("revviewer.log"))
    assert logs, "the frozen app did not open its log file"
    # The crash hook logs any exception that escaped while loading and showing.
    assert "ERROR" not in logs[0].read_text(encoding="utf-8")
