"""The ``revviewer`` command.

``revviewer`` alone, or ``revviewer PATH...``, opens the window (on those paths).
Subcommands for scripting: ``parse``, ``diff``, ``export``; each lives in its own
module here with ``add_parser(subparsers)`` and ``run(args) -> int``. Exit codes: 0
success, 1 nothing could be loaded or done, 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from revviewer import __version__

#: subcommand name -> module under revviewer.cli
COMMANDS = {"parse": "parse_cmd", "diff": "diff_cmd", "export": "export_cmd"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revviewer",
        description="Read how news articles changed: open dumps of article versions.",
        epilog="Without a subcommand, opens the window (on PATHs if given).",
    )
    parser.add_argument("--version", action="version", version=f"revviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        mod = importlib.import_module(f"revviewer.cli.{module}")
        mod.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and not args_in[0].startswith("-")):
        from revviewer.gui.app import run_app

        return run_app(args_in)
    parser = build_parser()
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    if args.command is None:
        from revviewer.gui.app import run_app

        return run_app([])
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
