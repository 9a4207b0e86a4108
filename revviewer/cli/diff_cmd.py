"""``revviewer diff PATH... [--article KEY] [--from N] [--to M] [--json]``: what changed.

Loads the dumps, picks one article (``--article``, required when the dumps hold more
than one; the error lists the keys) and two of its versions (default: the last two;
any two may be given, in either order), and prints the comparison.

With ``--json`` stdout is one JSON document (UTF-8), ``Comparison.to_json``::

    {"article": KEY, "from": N, "to": M, "title": {"spans": [...]},
     "rows": [{"kind", "old": [int], "new": [int], "move": int|null,
               "spans": [{"op": "equal"|"insert"|"delete", "text"}]}],
     "stats": {...}}

Without it, a word diff like ``git diff --word-diff``: one block per changed row,
``[-deleted-]`` and ``{+inserted+}`` (red and green instead on a terminal, unless
``--no-color``), moved paragraphs labelled with their move number at both ends.
Unchanged paragraphs are not printed. ``--ignore-whitespace``, ``--ignore-typography``
and ``--ignore-case`` stop those differences counting as changes; they are still
counted apart and shown as ``{~~old~>new~~}``.

Exit codes: 0 compared, 1 nothing loaded or no such article or version, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from revviewer.cli.common import load_reporting, pick_article, text_stream, write_json
from revviewer.core.comparison import Comparison, DiffOptions, Row, Span
from revviewer.core.diff import compare
from revviewer.core.model import Article

_RED, _GREEN, _CYAN, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[2m", "\x1b[0m"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        help="show what changed between two versions of an article",
        description="Compare two versions of one article word by word, with moved, "
        "split and merged paragraphs.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="dump files or folders")
    p.add_argument("--article", metavar="KEY", help="the article (needed when there are several)")
    p.add_argument("--from", dest="old", type=int, metavar="N", help="old version number")
    p.add_argument("--to", dest="new", type=int, metavar="M", help="new version number")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--ignore-whitespace", action="store_true", help="ignore spacing changes")
    p.add_argument(
        "--ignore-typography",
        action="store_true",
        help="ignore curly vs straight quotes, dashes, no-break spaces, ellipses",
    )
    p.add_argument("--ignore-case", action="store_true", help="ignore changes of letter case")
    p.add_argument(
        "--no-color", action="store_true", help="mark changes with [-…-] {+…+} even on a terminal"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    err = text_stream(sys.stderr)
    result = load_reporting(args.paths, err)
    if not result.articles:
        print("error: no article could be loaded", file=err)
        return 1
    article = pick_article(result.articles, args.article, err)
    if article is None:
        return 1
    numbers = sorted(v.number for v in article.versions)
    if len(numbers) < 2 and (args.old is None or args.new is None):
        print(f"error: article {article.key} has only version {numbers[0]}", file=err)
        return 1
    old_n = args.old if args.old is not None else numbers[-2]
    new_n = args.new if args.new is not None else numbers[-1]
    for n in (old_n, new_n):
        if n not in numbers:
            print(
                f"error: article {article.key} has no version {n} "
                f"(it has {', '.join(map(str, numbers))})",
                file=err,
            )
            return 1
    options = DiffOptions(
        ignore_whitespace=args.ignore_whitespace,
        ignore_typography=args.ignore_typography,
        ignore_case=args.ignore_case,
    )
    comparison = compare(article.version(old_n), article.version(new_n), options)
    if args.json:
        write_json(comparison.to_json(article.key))
    else:
        out = text_stream(sys.stdout)
        color = not args.no_color and out.isatty() and "NO_COLOR" not in os.environ
        out.write(render(comparison, article, color=color))
    return 0


def render(comparison: Comparison, article: Article, *, color: bool = False) -> str:
    """The comparison as a word diff a person reads in a terminal."""
    old, new = comparison.old, comparison.new
    lines = [
        _paint(f"{article.key}: version {old.number} -> {new.number}", _DIM, color),
        f"title: {_spans(comparison.title, color)}",
    ]
    for row in comparison.rows:
        if row.kind == "equal" and not any(s.ignored for s in row.spans):
            continue
        lines.append("")
        lines.append(_paint(_label(row), _CYAN, color))
        lines.append(_spans(row.spans, color))
    s = comparison.stats
    summary = (
        f"{_n(s.words_deleted, 'word')} deleted, {s.words_inserted} inserted, "
        f"{s.words_moved} moved; paragraphs: "
        f"{s.paragraphs_changed} changed, {s.paragraphs_deleted} deleted, "
        f"{s.paragraphs_inserted} inserted, {s.paragraphs_moved} moved, "
        f"{s.paragraphs_split} split, {s.paragraphs_merged} merged"
    )
    if s.ignored_changes:
        summary += f"; {_n(s.ignored_changes, 'ignored change')}"
    lines.append("")
    lines.append(_paint(summary, _DIM, color))
    return "\n".join(lines) + "\n"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _label(row: Row) -> str:
    def where(indices: tuple[int, ...]) -> str:
        return "+".join(str(i + 1) for i in indices)

    if row.kind == "moved":
        if row.old:
            return f"@@ paragraph {where(row.old)} moved away (move {row.move}) @@"
        return f"@@ paragraph {where(row.new)} moved here (move {row.move}) @@"
    if row.kind == "inserted":
        return f"@@ paragraph {where(row.new)} inserted @@"
    if row.kind == "deleted":
        return f"@@ paragraph {where(row.old)} deleted @@"
    return f"@@ paragraph {where(row.old)} -> {where(row.new)} {row.kind} @@"


def _spans(spans: tuple[Span, ...], color: bool) -> str:
    out: list[str] = []
    for s in spans:
        if s.ignored:  # hidden by an option, still shown (CriticMarkup substitution)
            out.append(_paint(f"{{~~{s.old_text}~>{s.text}~~}}", _DIM, color))
        elif s.op == "equal":
            out.append(s.text)
        elif color:
            out.append(_paint(s.text, _RED if s.op == "delete" else _GREEN, color))
        elif s.op == "delete":
            out.append(f"[-{s.text}-]")
        else:
            out.append(f"{{+{s.text}+}}")
    return "".join(out)


def _paint(text: str, code: str, color: bool) -> str:
    if not color:
        return text
    # Each line separately, so that a pager showing one line keeps its colour.
    return "\n".join(f"{code}{line}{_RESET}" for line in text.split("\n"))
