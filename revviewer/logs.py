"""The application log: one rotating file in the user's log folder.

Contract: :func:`setup_logging` attaches a size-rotated file handler to the
``revviewer`` logger (the parent of every module logger in the package) in
``platformdirs.user_log_dir("revviewer")`` and returns the log file's path. Calling it
again does not add a second handler. Nothing here imports Qt, so the command line can
log too.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

APP_NAME = "revviewer"
LOG_FILE = "revviewer.log"
#: a log is for the last few sessions, not an archive
MAX_BYTES = 1024 * 1024
BACKUPS = 3

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _handler_name(path: Path) -> str:
    # Named handlers let a second call recognise the first one's.
    return f"revviewer-log:{path}"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME))


def setup_logging(level: int = logging.INFO) -> Path:
    """Log ``revviewer.*`` records at ``level`` or above to the rotating log file;
    returns its path. If the folder cannot be created, logging goes to stderr and the
    path is still returned so the caller can say where it would have been."""
    path = log_dir() / LOG_FILE
    logger = logging.getLogger(APP_NAME)
    logger.setLevel(level)
    for existing in logger.handlers:
        if existing.get_name() == _handler_name(path):
            return path
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        handler = logging.StreamHandler()
        logger.addHandler(handler)
        logger.warning("cannot write the log file %s: %s", path, exc)
    else:
        logger.addHandler(handler)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.set_name(_handler_name(path))
    return path
