"""What the subcommands share: console output that never crashes, load errors on
stderr, JSON on stdout, and choosing one article by key.

Contract: these helpers print; they never raise for a user's input. Every message
names the file (load errors) or lists what the user can choose from (article keys).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from revviewer.core.loader import LoadResult, load
from revviewer.core.model import Article


def text_stream(stream: TextIO) -> TextIO:
    """``stream``, made to show "?" for characters its encoding cannot show (a file
    name on an ASCII console) instead of failing with a traceback."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")
    return stream


def write_json(doc: object) -> None:
    """``doc`` as UTF-8 JSON on stdout, whatever the console's encoding."""
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:  # a replaced stdout (tests, embedding) takes str
        sys.stdout.write(text)


def load_reporting(paths: Sequence[str], err: TextIO) -> LoadResult:
    """Load ``paths``, printing one ``error: FILE:LINE: message`` line per bad file."""
    result = load(paths)
    for error in result.errors:
        print(f"error: {error}", file=err)
    return result


def pick_article(articles: Sequence[Article], key: str | None, err: TextIO) -> Article | None:
    """The article with ``key``, or the only one when no key is given. Otherwise None,
    after saying why on ``err`` and listing the keys there are to choose from."""
    if key is not None:
        for a in articles:
            if a.key == key:
                return a
        print(f"error: no article {key!r}; the dumps hold:", file=err)
    elif len(articles) == 1:
        return articles[0]
    else:
        print("error: the dumps hold several articles; choose one with --article:", file=err)
    for a in sorted(articles, key=lambda a: a.key):
        print(f"  {a.key}  {a.title}", file=err)
    return None
