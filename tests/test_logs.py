"""The log file lands in the platform's log folder (here: the test's own HOME)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from revviewer.logs import setup_logging


@pytest.fixture
def clean_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("revviewer")
    before = list(logger.handlers)
    level = logger.level
    yield logger
    for handler in logger.handlers:
        if handler not in before:
            handler.close()
            logger.removeHandler(handler)
    logger.setLevel(level)


def test_records_go_to_a_file_under_the_users_state_folder(clean_logger: logging.Logger) -> None:
    path = setup_logging()
    state_home = Path(os.environ["XDG_STATE_HOME"])
    assert path.is_relative_to(state_home), path
    logging.getLogger("revviewer.gui.window").warning("could not open %s", "dump.txt")
    for handler in clean_logger.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "WARNING revviewer.gui.window: could not open dump.txt" in text


def test_calling_it_twice_logs_each_record_once(clean_logger: logging.Logger) -> None:
    first = setup_logging()
    second = setup_logging()
    assert first == second
    logging.getLogger("revviewer").error("once")
    for handler in clean_logger.handlers:
        handler.flush()
    assert first.read_text(encoding="utf-8").count("once") == 1


def test_an_unwritable_log_folder_falls_back_to_stderr(
    clean_logger: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file where the folder should be makes mkdir fail the way a read-only home would.
    state_home = Path(os.environ["XDG_STATE_HOME"])
    state_home.mkdir(parents=True, exist_ok=True)
    (state_home / "revviewer").write_text("not a folder", encoding="utf-8")
    path = setup_logging()
    assert not path.exists()
    assert "cannot write the log file" in capsys.readouterr().err
