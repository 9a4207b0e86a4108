"""The README tells the truth about the code: its formats, shortcuts, command-line
options, example commands and pictures all exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT

from revviewer.cli import COMMANDS, main
from revviewer.core import formats

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_local_file_the_readme_points_at_exists() -> None:
    targets = re.findall(r"\]\(([^)#]+)\)", README)
    local = [t for t in targets if "://" not in t]
    assert "packaging/screenshot.png" in local
    for target in local:
        assert (ROOT / target).exists(), target


def test_every_registered_format_is_listed_as_supported() -> None:
    table = _section("Supported formats")
    for fmt in formats.FORMATS:
        row = next((line for line in table.splitlines() if f"`{fmt.NAME}`" in line), "")
        assert "supported" in row, f"format {fmt.NAME} is missing from the README"


def _keys_in(cell: str) -> list[str]:
    return [k.strip() for k in re.split(r"/|\.\.\.", cell) if k.strip()]


def test_the_shortcut_table_matches_the_windows_actions(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    from revviewer.gui.main_window import MainWindow
    from revviewer.gui.settings import Settings

    window = MainWindow(settings=Settings())
    qtbot.addWidget(window)
    actual = {
        act.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for act in window.actions_by_name.values()
        if not act.shortcut().isEmpty()
    }
    rows = [line for line in _section("Keyboard shortcuts").splitlines() if line.startswith("| ")]
    # rows[0] is the header, rows[1] the separator
    documented = {key for row in rows[2:] for key in _keys_in(row.split("|")[1])}
    recent = {k for k in documented if re.fullmatch(r"Ctrl\+Alt\+[1-9]", k)}
    assert sorted(actual - documented) == [], "shortcuts missing from the README"
    assert sorted(documented - actual - recent) == [], "the README lists shortcuts that are gone"


def _usage_lines() -> list[list[str]]:
    block = re.search(r"```text\n(.*?)```", _section("Command line"), re.DOTALL)
    assert block is not None
    return [shlex.split(line.split("  ")[0]) for line in block.group(1).splitlines()]


def test_every_subcommand_is_documented_with_options_it_really_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    usage = _usage_lines()
    documented = {words[1] for words in usage if len(words) > 1 and words[1] in COMMANDS}
    assert documented == set(COMMANDS)
    for words in usage:
        if len(words) < 2 or words[1] not in COMMANDS:
            continue
        assert main([words[1], "--help"]) == 0
        helptext = capsys.readouterr().out
        for option in re.findall(r"-{1,2}[a-z][a-z-]*", " ".join(words[2:])):
            assert option in helptext, f"revviewer {words[1]} has no option {option}"
    assert any(words == ["revviewer", "--version"] for words in usage)


def test_the_example_commands_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    block = _section("Command line").split("For example:", 1)[1]
    examples = re.search(r"```sh\n(.*?)```", block, re.DOTALL)
    assert examples is not None
    # Run from a copy of the repository's layout, so relative paths mean what they say.
    (tmp_path / "resources").symlink_to(ROOT / "resources", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for line in examples.group(1).strip().splitlines():
        words = shlex.split(line.split(">")[0])
        assert words[0] == "revviewer"
        assert main(words[1:]) == 0, line
        assert capsys.readouterr().out or (tmp_path / "exported").is_dir(), line
    assert len(list((tmp_path / "exported").glob("*.html"))) == 4  # 3 articles + index
