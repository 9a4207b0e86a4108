"""How fast revviewer compares two versions of an article.

Run: ``python benchmarks/diff_speed.py [--quick] [--cap SECONDS]``.

Generated article pairs of about 6 KB, 60 KB and 600 KB: "edited" pairs (a few
scattered word and sentence edits per 6 KB, and one moved paragraph) and "rewritten"
pairs (the same size, every paragraph different). For each pair it prints the median
time of one :func:`revviewer.core.diff.compare` with the C++ engine and with the
pure-Python one, and, measured in the same run as the baseline, the median time of
``difflib.HtmlDiff().make_table`` on the same paragraph lists (the side-by-side differ
a Python user would otherwise reach for), with the ratio baseline / ours. The
baseline runs in a child process stopped after ``--cap`` seconds (default 120): on
rewritten pairs its time grows with the square of the size, and it is then reported
as "> cap". Each timed comparison starts with cold caches (the word cache is
cleared), as a new comparison would.

Targets (C++ engine): at most 5 ms at 6 KB, 30 ms at 60 KB, 400 ms at 600 KB; a
rewritten pair no slower than an edited one of the same size; at least 2x faster than
the baseline at 60 KB and up. Not a unit test; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import difflib
import multiprocessing
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from revviewer.core.diff import compare
from revviewer.core.dmp_adapter import available_engines
from revviewer.core.model import Version
from revviewer.core.tokens import words

_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "an", "el", "is", "or")
_SYLLABLES += ("um", "ber", "cho", "gar", "pen", "tas", "wil")


def _vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


class _Writer:
    """News-like text: Zipf-distributed words (so unrelated paragraphs still share
    their common words, as real ones do), sentences of 8-30 words, paragraphs of 1-4
    sentences."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = _vocabulary(random.Random(0))  # one language for every text
        self.weights = [1 / (rank + 1) for rank in range(len(self.vocab))]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, self.weights, k=n)

    def sentence(self) -> str:
        ws = self.words(self.rng.randint(8, 30))
        if self.rng.random() < 0.3:
            k = self.rng.randrange(2, len(ws) - 1)
            ws[k] += ","
        return " ".join(ws).capitalize() + self.rng.choice("...!?")[:1]

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def article(self, size: int) -> list[str]:
        paras: list[str] = []
        total = 0
        while total < size:
            paras.append(self.paragraph())
            total += len(paras[-1]) + 1
        return paras


def edited(paras: list[str], seed: int) -> list[str]:
    """A few edits per 6 KB (a word replaced, a phrase inserted, a sentence dropped)
    and one paragraph moved."""
    rng = random.Random(seed)
    writer = _Writer(seed + 1)
    out = list(paras)
    size = sum(len(p) + 1 for p in paras)
    for _ in range(max(1, round(3 * size / 6000))):
        k = rng.randrange(len(out))
        ws = out[k].split(" ")
        what = rng.random()
        if what < 0.4:
            ws[rng.randrange(len(ws))] = writer.words(1)[0]
        elif what < 0.8:
            at = rng.randrange(len(ws))
            ws[at:at] = writer.words(rng.randint(1, 5))
        else:
            cut = rng.randrange(len(ws))
            del ws[cut : cut + rng.randint(3, 10)]
        out[k] = " ".join(ws) or "x"
    src = rng.randrange(len(out))
    moved = out.pop(src)
    out.insert((src + len(out) // 2) % len(out), moved)
    return out


def _median(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm up imports
    times = []
    for _ in range(runs):
        words.cache_clear()  # each run reads the texts afresh, as a new comparison would
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _baseline(a: list[str], b: list[str], runs: int, cap: float) -> float | None:
    """Median time of ``difflib.HtmlDiff().make_table(a, b)``, measured in a child
    process that is stopped after ``cap`` seconds (None then): on rewritten text its
    time grows with the square of the size."""
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_baseline_child, args=(a, b, runs, queue))
    child.start()
    child.join(cap)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    result: float = queue.get()
    return result


def _baseline_child(a: list[str], b: list[str], runs: int, queue: Any) -> None:
    queue.put(_median(lambda: difflib.HtmlDiff().make_table(a, b), runs))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 600 KB Python")
    ap.add_argument(
        "--cap", type=float, default=120.0, help="seconds before the baseline is given up"
    )
    args = ap.parse_args()

    print(f"engines: {', '.join(available_engines())}; medians; ratio = difflib / ours")
    for size, runs in ((6_000, 21), (60_000, 7), (600_000, 3)):
        if args.quick:
            runs = max(1, runs // 3)
        base = _Writer(size).article(size)
        pairs = {
            "edited": (base, edited(base, size)),
            "rewritten": (base, _Writer(size + 7).article(size)),
        }
        for name, (a, b) in pairs.items():
            va, vb = Version(0, "Title", a), Version(1, "Title", b)
            times: dict[str, float | None] = {}
            for engine in available_engines():
                if engine == "python" and args.quick and size >= 600_000:
                    continue
                times[engine] = _median(partial(compare, va, vb, engine=engine), runs)
            times["difflib"] = _baseline(a, b, runs, args.cap)
            label = f"{sum(map(len, a)) // 1000} KB {name}"
            print(_line(label, times, args.cap), flush=True)
    return 0


def _line(label: str, times: dict[str, float | None], cap: float) -> str:
    def ms(key: str) -> str:
        t = times.get(key, 0.0)
        if t is None:
            return f"> {cap:6.0f} s "
        return f"{t * 1000:9.1f} ms" if key in times else f"{'-':>12}"

    def ratio(key: str) -> str:
        ours, base = times.get(key), times.get("difflib")
        if ours is None:
            return f"{'-':>7}"
        if base is None:
            return f">{cap / ours:5.0f}x"
        return f"{base / ours:6.1f}x"

    return (
        f"{label:<18} C++ {ms('fast')} ({ratio('fast')} vs difflib)   "
        f"Python {ms('python')} ({ratio('python')})   difflib.HtmlDiff {ms('difflib')}"
    )


if __name__ == "__main__":
    sys.exit(main())
