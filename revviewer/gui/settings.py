"""The user's settings: one JSON file in the platform's config folder.

Contract: :class:`Settings` holds plain values (no Qt types; geometry is stored as
base64 text). :func:`load_settings` never fails: a missing, unreadable or malformed
file gives defaults (and a log line). :meth:`Settings.save` writes through a temporary
file and a rename, so a crash never leaves half a settings file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "revviewer"
#: one per Ctrl+Alt+1 … 9 shortcut
MAX_RECENT = 9


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.json"


@dataclass
class Settings:
    geometry: str = ""
    window_state: str = ""
    splitter_state: str = ""
    recent: list[str] = field(default_factory=list)
    reopen_last_session: bool = False
    last_session: list[str] = field(default_factory=list)
    inline: bool = False
    only_changed: bool = False
    last_folder: str = ""

    def add_recent(self, paths: list[str]) -> None:
        """Most recent first, no duplicates, at most :data:`MAX_RECENT`."""
        fresh = [str(p) for p in paths]
        rest = [p for p in self.recent if p not in fresh]
        self.recent = (fresh + rest)[:MAX_RECENT]

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(self), fh, indent=2)
            os.replace(tmp, path)
        except OSError:
            log.exception("could not save settings to %s", path)


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings %s: %s", path, exc)
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values = {}
    for f in fields(Settings):
        v = raw.get(f.name, getattr(defaults, f.name))
        want = type(getattr(defaults, f.name))
        if not isinstance(v, want) or (want is list and not all(isinstance(x, str) for x in v)):
            v = getattr(defaults, f.name)
        values[f.name] = v
    return Settings(**values)
