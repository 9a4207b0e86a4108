"""The diff-match-patch adapter: both engines, no time limit, tokens never cut."""

from __future__ import annotations

import importlib
import random
import subprocess
import sys

import pytest

from revviewer.core import dmp_adapter
from revviewer.core.dmp_adapter import available_engines, diff_sequences


def apply(runs: list[tuple[str, int]], a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """Rebuild both sequences from the runs: '=' and '-' take from a, '=' and '+' from b."""
    ra: list[str] = []
    rb: list[str] = []
    i = j = 0
    for op, n in runs:
        if op in "=-":
            ra += a[i : i + n]
        if op in "=+":
            rb += b[j : j + n]
        if op == "=":
            assert a[i : i + n] == b[j : j + n]
        i += n if op in "=-" else 0
        j += n if op in "=+" else 0
    return ra, rb


@pytest.mark.parametrize("engine", available_engines())
def test_runs_rebuild_both_sequences(engine: dmp_adapter.Engine) -> None:
    a = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"]
    b = ["the", "slow", "brown", "dog", "jumps", "over", "the", "quick", "fox"]
    runs = diff_sequences(a, b, engine)
    assert apply(runs, a, b) == (a, b)
    assert sum(n for op, n in runs if op == "=") == 5  # the, brown, jumps, over, the


@pytest.mark.parametrize("engine", available_engines())
def test_edge_cases(engine: dmp_adapter.Engine) -> None:
    assert diff_sequences([], [], engine) == []
    assert diff_sequences(["a"], [], engine) == [("-", 1)]
    assert diff_sequences([], ["a", "b"], engine) == [("+", 2)]
    assert diff_sequences(["x"] * 3, ["x"] * 3, engine) == [("=", 3)]


@pytest.mark.parametrize("engine", available_engines())
def test_many_distinct_items_skip_the_surrogate_block(engine: dmp_adapter.Engine) -> None:
    a = [f"w{k}" for k in range(60_000)]
    b = [*a[:30_000], "new", *a[30_001:]]
    assert diff_sequences(a, b, engine) == [("=", 30_000), ("-", 1), ("+", 1), ("=", 29_999)]


@pytest.mark.skipif("fast" not in available_engines(), reason="needs the C++ engine")
def test_where_wchar_t_is_16_bits_large_diffs_run_in_python_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Windows the C++ engine holds only the Basic Multilingual Plane: simulate it
    here, checking every string it is handed."""
    assert dmp_adapter.max_distinct(2) == 0x10000 - 0x100 - 0x800
    monkeypatch.setattr(dmp_adapter, "_MAX_DISTINCT_FAST", dmp_adapter.max_distinct(2))
    calls: list[int] = []
    real = dmp_adapter._fast.diff

    def diff_in_the_bmp(a: str, b: str, **kwargs: object) -> object:
        calls.append(len(a))
        assert max(map(ord, a + b)) <= 0xFFFF
        return real(a, b, **kwargs)

    monkeypatch.setattr(dmp_adapter._fast, "diff", diff_in_the_bmp)
    for n in (60_000, 64_000):  # below and above the 63,232 characters there are
        a = [f"w{k}" for k in range(n)]
        b = [*a[:100], "new", *a[101:]]
        before = len(calls)
        runs = diff_sequences(a, b, "fast")
        assert runs == [("=", 100), ("-", 1), ("+", 1), ("=", n - 101)]
        assert runs == diff_sequences(a, b, "python")
        assert len(calls) - before == (1 if n < 63_232 else 0)


def lcs_length(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@pytest.mark.parametrize("engine", available_engines())
def test_the_diff_is_minimal_even_when_the_clock_runs_out(
    engine: dmp_adapter.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """diff-match-patch gives up at a deadline (1 s by default) and then returns a
    poorer diff. A clock that jumps 10 s at every look must change nothing here."""
    pure = importlib.import_module("diff_match_patch.diff_match_patch")

    class JumpingClock:
        now = 0.0

        def time(self) -> float:
            self.now += 10.0
            return self.now

    monkeypatch.setattr(pure, "time", JumpingClock())  # only that module's clock
    rng = random.Random(1)
    a = [str(rng.randrange(12)) for _ in range(300)]
    b = [str(rng.randrange(12)) for _ in range(300)]
    runs = diff_sequences(a, b, engine)
    assert apply(runs, a, b) == (a, b)
    assert sum(n for op, n in runs if op == "=") == lcs_length(a, b)


@pytest.mark.skipif(len(available_engines()) < 2, reason="only one engine installed")
def test_engines_agree_on_random_sequences() -> None:
    rng = random.Random(7)
    for _ in range(50):
        a = [rng.choice("abcdefg") for _ in range(rng.randrange(40))]
        b = [rng.choice("abcdefg") for _ in range(rng.randrange(40))]
        assert diff_sequences(a, b, "fast") == diff_sequences(a, b, "python")


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown diff engine"):
        diff_sequences(["a"], ["b"], "quick")  # type: ignore[arg-type]


def test_engine_chosen_by_environment() -> None:
    code = "from revviewer.core.dmp_adapter import default_engine; print(default_engine())"
    env_py = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, check=True,
        env={"REVVIEWER_DIFF_ENGINE": "python", "PATH": ""},
    )  # fmt: skip
    assert env_py.stdout.strip() == "python"
    default = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PATH": ""}
    )
    assert default.stdout.strip() == available_engines()[0]
