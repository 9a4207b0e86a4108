"""The ``revviewer`` command.

``revviewer`` alone, or ``revviewer PATH...``, opens the window (on those paths);
``--samples`` adds the bundled sample dumps.
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
        epilog="Without a subcommand, opens the window: revviewer [--samples] [PATH...].",
    )
    parser.add_argument("--version", action="version", version=f"revviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        mod = importlib.import_module(f"revviewer.cli.{module}")
        mod.add_parser(sub)
    return parser


#: options that belong to the window, not to a subcommand
GUI_FLAGS = ("--samples",)


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revviewer",
        description="Open the window, on PATHs (dump files or folders) if given.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="dump files or folders")
    parser.add_argument("--samples", action="store_true", help="also open the bundled sample dumps")
    return parser


def open_window(args_in: Sequence[str]) -> int:
    """``revviewer [--samples] [PATH...]``: the window, on those paths."""
    try:
        args = build_gui_parser().parse_args(list(args_in))
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    paths = list(args.paths)
    if args.samples:
        from revviewer.assets import sample_paths

        samples = sample_paths()
        if not samples:
            print("revviewer: this build has no sample dumps", file=sys.stderr)
            return 1
        paths += [str(p) for p in samples]
    from revviewer.gui.app import run_app

    return run_app(paths)


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (
        args_in[0] not in COMMANDS and (not args_in[0].startswith("-") or args_in[0] in GUI_FLAGS)
    ):
        return open_window(args_in)
    parser = build_parser()
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    if args.command is None:
        return open_window([])
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
