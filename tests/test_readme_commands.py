"""The README's two commands are ones this project supports, exactly as written.

The full fresh-clone run (new venv, ``pip install .``, the window on the samples) is
too slow for every test run; here each part of the commands is checked against what
it relies on, and ``revviewer --samples`` is run in-process up to a window showing
every sample.
"""

from __future__ import annotations

import logging
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from conftest import ROOT

import revviewer

README = ROOT / "README.md"


def _commands() -> list[str]:
    """The shell blocks of the README's "Try it" section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Try it", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_the_readme_has_exactly_two_commands_to_try() -> None:
    assert len(_commands()) == 2


def test_the_app_command_makes_a_venv_installs_the_project_and_opens_the_samples() -> None:
    venv, install, start = (shlex.split(part) for part in _commands()[0].split("&&"))
    assert venv[:3] == ["python3", "-m", "venv"]
    bindir = Path(venv[3]) / "bin"
    assert install == [str(bindir / "pip"), "install", "."]
    assert (ROOT / "pyproject.toml").is_file()
    script, *args = start
    assert Path(script).parent == bindir
    assert Path(script).name in _pyproject()["project"]["scripts"]  # type: ignore[index]

    from revviewer.cli import build_gui_parser

    assert build_gui_parser().parse_args(args).samples


def test_the_test_command_is_the_ci_script_and_it_runs_every_check() -> None:
    assert _commands()[1] == "bash .ci/run"
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    for step in (
        "python3 -m venv",
        'pip install --quiet -e ".[test',
        "ruff check .",
        "ruff format --check .",
        "mypy",
        "lint-imports",
        "QT_QPA_PLATFORM=offscreen",
        "python -m pytest",
    ):
        assert step in script, f".ci/run lost its step {step!r}"


def test_both_launchers_are_installed_in_this_environment() -> None:
    console = entry_points(group="console_scripts", name="revviewer")
    gui = entry_points(group="gui_scripts", name="revviewer-gui")
    assert [e.value for e in console] == ["revviewer.cli:main"]
    assert [e.value for e in gui] == ["revviewer.gui.app:main"]
    for ep in (*console, *gui):
        assert callable(ep.load())


def test_the_installed_revviewer_script_prints_the_version() -> None:
    script = Path(sys.executable).parent / "revviewer"
    if not script.exists():
        pytest.skip(f"not running from an environment with revviewer installed: {script}")
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"revviewer {revviewer.__version__}"


@pytest.fixture
def app_side_effects(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_app installs an excepthook and a log handler for the process: undo both."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logger = logging.getLogger("revviewer")
    before, level = list(logger.handlers), logger.level
    yield
    for handler in logger.handlers[:]:
        if handler not in before:
            handler.close()
            logger.removeHandler(handler)
    logger.setLevel(level)


def test_revviewer_samples_opens_the_window_on_every_sample(qtbot, app_side_effects) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from revviewer.cli import main
    from revviewer.gui.main_window import MainWindow

    seen: dict[str, object] = {}

    def windows() -> list[MainWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]

    def check() -> None:
        # Runs inside the app's own event loop: wait for the window to show and to
        # finish loading and measuring, then close it, which ends the loop.
        for win in windows():
            if win.isVisible() and not win.busy and win.model.rowCount() > 0:
                seen["articles"] = win.model.rowCount()
                seen["errors"] = win.error_panel.isVisible()
                seen["title"] = win.windowTitle()
                poll.stop()
                win.close()

    def give_up() -> None:
        seen["timeout"] = True
        poll.stop()
        for win in windows():
            win.close()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(check)
    poll.start()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(give_up)
    guard.start(60_000)

    code = main(["--samples"])

    guard.stop()  # a stray timer would close the next test's windows

    for win in windows():
        qtbot.addWidget(win)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    assert "timeout" not in seen, "the window did not finish loading the samples in 60 s"
    assert code == 0
    assert seen["articles"] == 3
    assert seen["errors"] is False
