"""How fast saved NewsSniffer HTML pages are read, and what the loader adds.

Run: ``python benchmarks/parse_html_speed.py [--pages N] [--repeat R]``.

Generates ``N`` pages (fixed seed, both layouts) with
:func:`revviewer.testing.dumphtml.render_html` and prints, as medians of ``R`` runs on
one core:

- pages per second through :func:`revviewer.core.formats.newssniffer_html.parse`
  alone (bytes in memory), by the wall clock and by this process's CPU time (less
  disturbed by other work on a shared machine), and the mean page size;
- pages per second through :func:`revviewer.core.loader.load` on a folder of them
  (walking, reading, sniffing, parsing and merging), and its ratio to parsing alone;
- the time the loader takes to refuse a 50 MB single-line file that is not a dump.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from revviewer.core.formats import newssniffer_html
from revviewer.core.loader import load
from revviewer.testing.dumpgen import random_article
from revviewer.testing.dumphtml import render_html


def pages(n: int) -> list[bytes]:
    rng = random.Random(1)
    out = []
    while len(out) < n:
        art = random_article(rng)
        for a in range(len(art.versions) - 1):
            layout = "modern" if len(out) % 2 else "legacy"
            out.append(render_html(art, a, a + 1, layout=layout).encode("utf-8"))
    return out[:n]


def median_seconds(fn: object, repeat: int, clock: object = time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        t0 = clock()  # type: ignore[operator]
        fn()  # type: ignore[operator]
        times.append(clock() - t0)  # type: ignore[operator]
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    data = pages(args.pages)
    size = statistics.mean(len(d) for d in data)

    def parse_all() -> None:
        for i, d in enumerate(data):
            newssniffer_html.parse(f"{i}.html", d)

    parse_s = median_seconds(parse_all, args.repeat)
    parse_cpu = median_seconds(parse_all, args.repeat, time.process_time)
    print(f"pages: {len(data)}, mean size {size / 1024:.1f} KiB, medians of {args.repeat} runs")
    print(
        f"parse only:   {len(data) / parse_s:8.0f} pages/s wall, "
        f"{len(data) / parse_cpu:.0f} pages/s of CPU time (the machine is shared)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, d in enumerate(data):
            (folder / f"{i:05d}.html").write_bytes(d)
        result = load([folder])
        assert not result.errors, result.errors[:3]
        load_s = median_seconds(lambda: load([folder]), args.repeat)
        print(
            f"loader:       {len(data) / load_s:8.0f} pages/s  "
            f"({load_s / parse_s:.2f}x the time of parsing alone)"
        )

        big = Path(tmp) / "line.txt"
        big.write_bytes(b"x" * (50 * 1024 * 1024))
        refuse_s = median_seconds(lambda: load([big]), args.repeat)
        print(f"50 MB single line refused in {refuse_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
