"""The core must stay plain Python: importing all of it loads no Qt module."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_whole_core_loads_no_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, revviewer.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'revviewer.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "qt = ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')\n"
        "bad = sorted(n for n in sys.modules\n"
        "             if n.split('.')[0] in qt or n.startswith('revviewer.gui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"revviewer.core pulled in: {out.stdout.strip()}"
