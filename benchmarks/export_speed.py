"""How fast a large comparison exports to HTML, and how big the file is.

Generates an article of about 600 KB per version (revviewer.testing.dumpgen: invented
text, news-like edits), compares its last two versions once, then times the export
itself (render_comparison + write_atomic) several times and prints the medians. The
targets (issue 5): at most 1 s per export, and a file at most 3x the size of the two
versions' text (UTF-8 bytes of both versions' titles and paragraphs). The comparison
time is printed as well, for scale; it belongs to the diff engine, not the export.

Run: python benchmarks/export_speed.py [--kb 600] [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from revviewer.core.comparison import Comparison, Row, Stats
from revviewer.core.diff import compare
from revviewer.core.model import Article, Version
from revviewer.export import render_comparison, write_atomic
from revviewer.testing.dumpgen import GenVersion, random_article

TIME_LIMIT_S = 1.0
SIZE_LIMIT = 3.0


def _version(v: GenVersion) -> Version:
    return Version(v.number, v.title, list(v.paragraphs), captured=v.captured)


def make_article(kb: int) -> Article:
    """First and last version of a generated 12-version chain (edits accumulate),
    with about ``kb`` KB of text per version."""
    probe = random_article(random.Random(600), n_versions=2, n_paragraphs=200)
    per_paragraph = sum(len(p.encode()) + 1 for p in probe.versions[0].paragraphs) / len(
        probe.versions[0].paragraphs
    )
    n = max(4, round(kb * 1024 / per_paragraph))
    gen = random_article(random.Random(600), n_versions=12, n_paragraphs=n)
    versions = [_version(gen.versions[0]), _version(gen.versions[-1])]
    return Article("bench-00000000", gen.source, gen.url, versions)


def heavily_edited(article: Article) -> tuple[Article, Comparison]:
    """The worst case for size: every paragraph of the new version has about one
    word in five replaced, so every row is a change with many marked words. Built by
    word-diffing each paragraph pair on its own, so the page has one changed row per
    paragraph whatever the engine's alignment does with a 2,600-paragraph gap."""
    rng = random.Random(3)
    old = article.versions[0]
    paragraphs = []
    for p in old.paragraphs:
        words = p.split(" ")
        for i in range(0, len(words), 5):
            words[i] = rng.choice(["revised", "updated", "officials", "Tuesday", "said"])
        paragraphs.append(" ".join(words))
    new = Version(old.number + 1, old.title + " (updated)", paragraphs, captured=old.captured)
    rows: list[Row] = []
    stats = Stats()
    for i, (a, b) in enumerate(zip(old.paragraphs, paragraphs, strict=True)):
        part = compare(Version(0, "", [a]), Version(1, "", [b]))
        rows.extend(
            replace(r, old=(i,) if r.old else (), new=(i,) if r.new else ()) for r in part.rows
        )
        for name in ("words_inserted", "words_deleted", "chars_inserted", "chars_deleted"):
            setattr(stats, name, getattr(stats, name) + getattr(part.stats, name))
        stats.paragraphs_changed += part.stats.paragraphs_changed
    title = compare(Version(0, old.title, []), Version(1, new.title, [])).title
    edited = Article(article.key, article.source, article.url, [old, new])
    return edited, Comparison(old, new, title, rows, stats)


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(name: str, article: Article, comp: Comparison, runs: int, tmp: Path) -> bool:
    old, new = article.versions
    text_bytes = sum(len((v.title + "\n" + v.text).encode()) for v in (old, new))
    changes = sum(r.kind != "equal" for r in comp.rows)
    marks = sum(s.op != "equal" for r in comp.rows for s in r.spans)
    print(
        f"{name}: {len(old.text.encode()) / 1024:.0f} KB + {len(new.text.encode()) / 1024:.0f} KB "
        f"of text, {len(comp.rows)} rows, {changes} changes, {marks:,} marked spans"
    )
    ok = True
    for inline in (False, True):
        out = tmp / f"export-{int(inline)}.html"

        def render(inline: bool = inline) -> str:
            return render_comparison(article, comp, inline=inline)

        def export(out: Path = out, render: Callable[[], str] = render) -> None:
            write_atomic(out, render(), force=True)

        render_s = median_seconds(render, runs)
        export_s = median_seconds(export, runs)
        size = out.stat().st_size
        ratio = size / text_bytes
        ok = ok and export_s <= TIME_LIMIT_S and ratio <= SIZE_LIMIT
        print(
            f"  {'inline' if inline else 'side by side':>12}: export median "
            f"{export_s * 1000:4.0f} ms (render {render_s * 1000:.0f} ms), "
            f"file {size / 1024:.0f} KB = {ratio:.2f}x the two versions' text"
        )
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--kb", type=int, default=600, help="size of one version in KB")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print(f"targets: export <= {TIME_LIMIT_S * 1000:.0f} ms, file <= {SIZE_LIMIT:.0f}x the text")
    article = make_article(args.kb)
    t0 = time.perf_counter()
    comp = compare(*article.versions)
    print(f"compare (the diff engine, not part of the export): {time.perf_counter() - t0:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        ok = measure("news-like edits (version 0 vs 11)", article, comp, args.runs, Path(tmp))
        ok &= measure("every paragraph edited", *heavily_edited(article), args.runs, Path(tmp))
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
