"""`revviewer export`: write highlighted, self-contained HTML from dumps.

``revviewer export PATH... -o OUT [--article KEY] [--from N --to M | --all]
[--inline] [--force]`` loads the dumps, then writes one page per article: the
comparison of versions N and M, the last two versions by default, or the whole
history with ``--all``. One article (one loaded, or picked with ``--article``): OUT
is the file, or a folder to put ``KEY.html`` in. Several: OUT is a folder (created
if missing) with one file per article and an ``index.html`` linking them. Existing
files are replaced only with ``--force``; nothing is written if any target exists
without it. Load errors go to stderr with their file names. Exit codes: 0 written,
1 nothing loaded or could not write, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revviewer.cli.common import load_reporting, pick_article, text_stream
from revviewer.core.diff import compare
from revviewer.core.model import Article
from revviewer.export import render_comparison, render_history, render_index, write_atomic

PROG = "revviewer export"


class _Fail(Exception):
    """Stop with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class _Page:
    path: Path
    text: str
    article: Article | None = None
    what: str = ""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write highlighted, self-contained HTML of a comparison or a whole history",
        description=(
            "Write self-contained HTML files (no script, nothing fetched). By default each "
            "article's last two versions are compared."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="dump files or folders")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (one article) or a folder (several articles)",
    )
    p.add_argument("--article", metavar="KEY", help="export only the article with this key")
    p.add_argument("--from", dest="from_version", type=int, metavar="N", help="old version")
    p.add_argument("--to", dest="to_version", type=int, metavar="M", help="new version")
    p.add_argument("--all", action="store_true", help="export every step of the history")
    p.add_argument("--inline", action="store_true", help="one column instead of side by side")
    p.add_argument("--force", action="store_true", help="replace files that already exist")
    p.set_defaults(run=run)


def _check_usage(args: argparse.Namespace) -> None:
    picked = (args.from_version is not None, args.to_version is not None)
    if any(picked) and not all(picked):
        raise _Fail("--from and --to go together", 2)
    if args.all and any(picked):
        raise _Fail("use either --from/--to or --all, not both", 2)


def _file_name(key: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("._") or "article"
    if stem.lower() == "index":
        stem += "-article"
    name, n = f"{stem}.html", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.lower())
    return name


def _render(article: Article, args: argparse.Namespace) -> tuple[str, str]:
    """The page for one article and a few words on what it holds."""
    if args.all:
        return render_history(article, inline=args.inline), "whole history"
    if args.from_version is not None:
        try:
            old = article.version(args.from_version)
            new = article.version(args.to_version)
        except KeyError:
            have = ", ".join(str(v.number) for v in article.versions)
            raise _Fail(
                f"article {article.key} has no version {args.from_version} or "
                f"{args.to_version} (it has {have})",
                1,
            ) from None
    elif len(article.versions) >= 2:
        old, new = article.versions[-2], article.versions[-1]
    else:
        print(
            f"{PROG}: article {article.key} has one version only; exporting it as it is",
            file=sys.stderr,
        )
        return render_history(article, inline=args.inline), "the only version"
    page = render_comparison(article, compare(old, new), inline=args.inline)
    return page, f"versions {old.number} \u2192 {new.number}"


def _plan(articles: list[Article], args: argparse.Namespace) -> list[_Page]:
    out = Path(args.output)
    if len(articles) == 1:
        article = articles[0]
        wants_folder = out.is_dir() or args.output.endswith(("/", os.sep))
        target = out / _file_name(article.key, set()) if wants_folder else out
        text, what = _render(article, args)
        return [_Page(target, text, article, what)]
    if args.from_version is not None:
        raise _Fail(
            f"--from/--to pick versions of one article, and {len(articles)} were loaded; "
            "add --article KEY",
            2,
        )
    if out.exists() and not out.is_dir():
        raise _Fail(f"{out}: several articles need a folder, and this is a file", 1)
    taken = {"index.html"}
    pages = []
    for article in articles:
        text, what = _render(article, args)
        pages.append(_Page(out / _file_name(article.key, taken), text, article, what))
    entries = [(p.article, p.path.name, p.what) for p in pages if p.article is not None]
    pages.append(_Page(out / "index.html", render_index(entries)))
    return pages


def _export(args: argparse.Namespace) -> int:
    _check_usage(args)
    result = load_reporting(args.paths, sys.stderr)
    articles = result.articles
    if not articles:
        raise _Fail("no article could be loaded", 1)
    if args.article is not None:
        picked = pick_article(articles, args.article, sys.stderr)
        if picked is None:
            return 1
        articles = [picked]
    pages = _plan(articles, args)
    if not args.force:
        taken = [str(p.path) for p in pages if p.path.exists() or p.path.is_symlink()]
        if taken:
            raise _Fail(
                "not replacing existing files (use --force): " + ", ".join(taken),
                1,
            )
    if len(pages) > 1 or args.output.endswith(("/", os.sep)):
        # OUT was asked for as a folder: make it, as `mkdir -p` would
        folder = pages[0].path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _Fail(f"{folder}: cannot create the folder: {exc.strerror or exc}", 1) from exc
    for p in pages:
        try:
            write_atomic(p.path, p.text, force=args.force)
        except FileExistsError:
            raise _Fail(f"{p.path}: already exists (use --force to replace it)", 1) from None
        except OSError as exc:
            raise _Fail(f"{p.path}: cannot write: {exc.strerror or exc}", 1) from exc
        print(p.path)
    return 0


def run(args: argparse.Namespace) -> int:
    text_stream(sys.stdout)
    text_stream(sys.stderr)
    try:
        return _export(args)
    except _Fail as fail:
        print(f"{PROG}: {fail.message}", file=sys.stderr)
        return fail.code
