"""Where revviewer's bundled files are: icons, sample dumps, export CSS.

Contract: the top-level ``resources/`` folder is installed as the package
``revviewer.resources`` (see ``pyproject.toml``), so :func:`asset` finds a file the
same way from a source checkout, an installed wheel, or a PyInstaller build (whose
spec copies ``resources/`` to ``revviewer/resources`` inside the bundle). Callers get
real file paths, because Qt and the loader open files by name. Standard library only.
"""

from __future__ import annotations

import logging
import sys
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

#: the package that holds the bundled files
PACKAGE = "revviewer.resources"

#: sample dumps live here, relative to the resources root
SAMPLES_DIR = "samples"


def resources_root() -> Path:
    """The folder holding the bundled files.

    In a frozen build PyInstaller unpacks data next to the executable (``sys._MEIPASS``)
    and the package may not be importable as files, so that folder wins there.
    """
    frozen_base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_base:
        return Path(frozen_base) / "revviewer" / "resources"
    try:
        # The package is always a plain folder (we never ship a zipped install), so the
        # traversable is a real path.
        return Path(str(resources.files(PACKAGE)))
    except ModuleNotFoundError:
        # A source checkout imported without installing (``python -m revviewer`` from
        # the repository root): resources/ sits beside the package, unmapped.
        return Path(__file__).resolve().parent.parent / "resources"


def asset(name: str) -> Path:
    """The path of a bundled file, ``name`` relative to the resources root
    (``"icons/revviewer.svg"``). Raises FileNotFoundError naming it when missing."""
    root = resources_root()
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise FileNotFoundError(f"asset {name!r} is outside the bundled resources")
    if not path.exists():
        raise FileNotFoundError(f"bundled file {name!r} not found under {root}")
    return path


def sample_paths() -> list[Path]:
    """The bundled sample dumps, sorted by name, ready to hand to the loader; none
    (and a log line) when the build has no samples or their folder cannot be read."""
    folder = resources_root() / SAMPLES_DIR
    try:
        if not folder.is_dir():
            return []
        return sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith((".", "_")) and p.suffix in {".txt", ".html"}
        )
    except OSError:
        log.exception("cannot list the sample dumps in %s", folder)
        return []
