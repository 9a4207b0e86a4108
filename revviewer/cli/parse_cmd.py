"""``revviewer parse PATH... [--json]``: load dumps and report what they hold.

With ``--json`` stdout is one JSON document (UTF-8)::

    {"articles": [{"key", "source", "url", "versions": [{"number", "title",
      "paragraphs", "inferred": [...], ...}], ...}],
     "errors": [{"path", "line", "message"}]}

versions sorted by number, paragraph text exactly as the dumps hold it. Without it,
a short summary per article goes to stdout and the errors to stderr. Either way the
exit code is 0 when at least one article loaded, 1 when none did, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from revviewer.cli.common import load_reporting, text_stream, write_json
from revviewer.core.loader import LoadResult, load
from revviewer.core.model import Article


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "parse",
        help="read dumps and print the articles and versions they hold",
        description="Read dump files and folders (recursively) and print the articles, "
        "their versions and every file that could not be read.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="dump files or folders")
    p.add_argument(
        "--json", action="store_true", help="print everything as one JSON document on stdout"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.json:
        result = load(args.paths)
        write_json(result.to_json())
    else:
        err = text_stream(sys.stderr)
        result = load_reporting(args.paths, err)
        _write_summary(result, text_stream(sys.stdout))
        if result.errors:
            n = len(result.errors)
            print(
                f"{n} file{'s' if n != 1 else ''} or record{'s' if n != 1 else ''} "
                "could not be read",
                file=err,
            )
    return 0 if result.articles else 1


def _write_summary(result: LoadResult, out: TextIO) -> None:
    for article in result.articles:
        print(summary(article), file=out)
    n = len(result.articles)
    print(f"{n} article{'s' if n != 1 else ''} loaded", file=out)


def summary(article: Article) -> str:
    """A few lines a person can scan: title, source, URL, versions and the guesses."""
    numbers = ", ".join(str(v.number) for v in article.versions)
    guessed = [v for v in article.versions if v.inferred]
    known = f" of {article.version_count}" if article.version_count else ""
    lines = [
        article.title,
        f"  source: {article.source or '(unknown)'}",
        f"  url: {article.url}",
        f"  versions ({len(article.versions)}{known}): {numbers}",
    ]
    if guessed:
        parts = []
        for v in guessed:
            kinds = sorted({str(i.kind) for i in v.inferred})
            parts.append(f"{v.number} ({len(v.inferred)}: {', '.join(kinds)})")
        lines.append("  guessed: " + "; ".join(parts))
    else:
        lines.append("  guessed: nothing (every version read exactly)")
    lines.extend(f"  conflict: {c}" for c in article.conflicts)
    return "\n".join(lines)
