"""Write the bundled sample dumps (resources/samples/) from hand-written stories.

Each ``packaging/samples/*.json`` holds one invented article: its source, URL, status,
every version's title, paragraphs and capture time, and the dumps to write (which
pair of versions, text or HTML). The dumps are rendered by the same generator the
tests use (:mod:`revviewer.testing.dumpgen`, :mod:`revviewer.testing.dumphtml`), so
they follow NewsSniffer's row rules exactly.

Run from the repository root after editing a story, and commit the result::

    python packaging/make_samples.py          # rewrite the dumps
    python packaging/make_samples.py --check  # exit 1 if a committed dump is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from revviewer.testing.dumpgen import GenArticle, GenVersion, render_text
from revviewer.testing.dumphtml import render_html

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "packaging" / "samples"
OUT = ROOT / "resources" / "samples"


def load_story(path: Path) -> tuple[GenArticle, list[dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    versions = [
        GenVersion(
            number=v["number"],
            title=v["title"],
            paragraphs=list(v["paragraphs"]),
            captured=datetime.fromisoformat(v["captured"]),
        )
        for v in data["versions"]
    ]
    # NewsSniffer numbers versions from 0 and counts them all in "changed N times".
    numbers = [v.number for v in versions]
    if numbers != list(range(len(versions))):
        raise SystemExit(f"{path}: versions must be numbered 0, 1, 2, ... in order")
    article = GenArticle(data["source"], data["url"], versions, data["status"])
    return article, list(data["dumps"])


def render(article: GenArticle, dump: dict[str, Any]) -> str:
    if dump["format"] == "text":
        return render_text(article, dump["old"], dump["new"])
    if dump["format"] == "html":
        return render_html(article, dump["old"], dump["new"], layout=dump.get("layout", "modern"))
    raise SystemExit(f"unknown dump format {dump['format']!r}")


def expected_dumps() -> dict[Path, str]:
    out: dict[Path, str] = {}
    for story in sorted(STORIES.glob("*.json")):
        article, dumps = load_story(story)
        for dump in dumps:
            out[OUT / dump["file"]] = render(article, dump)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    wanted = expected_dumps()
    present = {p for p in OUT.iterdir() if p.suffix in {".txt", ".html"}} if OUT.is_dir() else set()
    if args.check:
        stale = sorted(
            str(p.relative_to(ROOT))
            for p, text in wanted.items()
            if not p.is_file() or p.read_bytes() != text.encode("utf-8")
        )
        extra = sorted(str(p.relative_to(ROOT)) for p in present - set(wanted))
        for name in stale:
            print(f"stale or missing: {name}", file=sys.stderr)
        for name in extra:
            print(f"not made by any story: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for path in present - set(wanted):
        path.unlink()
    for path, text in wanted.items():
        # bytes, not write_text: the dumps are LF-only on every platform, like the seeds
        path.write_bytes(text.encode("utf-8"))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
