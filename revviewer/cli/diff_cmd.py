"""`revviewer diff` (placeholder until it lands)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("diff", help="(not yet available)")
    p.add_argument("paths", nargs="*")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return 2
