"""How many seed-sized NewsSniffer text dumps one core parses per second.

Run: ``python benchmarks/parse_speed.py [SEEDS_DIR]`` (the seeds default to
``../shared/seeds`` beside the checkout; give the folder when running from elsewhere,
such as a git worktree).

Two workloads, each timed as the median of several runs in this one process:

- generated dumps of seed size (10 to 20 KB: 25 to 35 paragraphs, adjacent versions
  with the generator's usual mix of edits), parsed from bytes
  (``newssniffer_text.parse``: decoding, header, rows and the inference);
- the two real seeds from ``../shared/seeds`` (when present), which are both heavy
  rewrites: nearly every row is a change row to be split by evidence, the worst case.

The baseline printed alongside is reading and line-splitting the same bytes
(``bytes.decode`` + ``str.split``), the floor for any parser in Python. Target
(issue 2): at least 2,000 dumps/s for seed-sized dumps.

A seed's time goes to its change rows: about half to modelling each row
(``_rowsplit.model_row``: words, candidate splits, their word-pair similarity and
weights) and a quarter, on seed 003, to comparing halves across rows
(``_gaps.cross_evidence``). Generated dumps are mostly match rows, read a run at a
time: their cost is spread over decoding and splitting the lines, modelling their few
change rows and the title row, and assembling both versions.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from revviewer.core.formats import newssniffer_text
from revviewer.testing.dumpgen import random_article, render_text

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def generated(count: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    out: list[bytes] = []
    while len(out) < count:
        art = random_article(rng, n_versions=3, n_paragraphs=rng.randint(25, 35))
        for a in range(len(art.versions) - 1):
            data = render_text(art, a, a + 1).encode("utf-8")
            if 10_000 <= len(data) <= 20_000:
                out.append(data)
    return out[:count]


def rate(dumps: list[bytes], work: Callable[[bytes], object], runs: int = 5) -> float:
    """Median dumps per second over ``runs`` passes."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for data in dumps:
            work(data)
        rates.append(len(dumps) / (time.perf_counter() - start))
    return statistics.median(rates)


def parse(data: bytes) -> object:
    return newssniffer_text.parse("bench.txt", data)


def baseline(data: bytes) -> object:
    return data.decode("utf-8").split("\n")


def main() -> int:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS
    dumps = generated(400)
    size = statistics.median(len(d) for d in dumps)
    r = rate(dumps, parse)
    b = rate(dumps, baseline)
    print(f"generated seed-sized dumps ({len(dumps)}, median {size / 1000:.1f} KB):")
    print(f"  parse      {r:8.0f} dumps/s  (target 2,000)")
    print(f"  baseline   {b:8.0f} dumps/s  (decode + split lines; parse takes {b / r:.0f}x)")
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        data = path.read_bytes()
        r = rate([data] * 100, parse)
        print(f"seed {path.name} ({len(data) / 1000:.1f} KB, nearly all change rows):")
        print(f"  parse      {r:8.0f} dumps/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
