"""The one place revviewer calls diff-match-patch.

Contract: :func:`diff_sequences` takes two sequences of hashable items (tokens,
paragraph keys) and returns their shortest edit script as ``(op, count)`` runs, ``op``
being ``"="``, ``"-"`` or ``"+"`` and ``count`` how many items the run covers. Each
distinct item becomes one character (the ``linesToChars`` trick), so the engine's
character diff is an item diff and never cuts a token apart.

Two engines give the same answer: ``fast`` (``fast_diff_match_patch``, C++, releases
the GIL while it works) where it imports, else ``python`` (``diff_match_patch``).
Choose with the ``engine`` argument or the ``REVVIEWER_DIFF_ENGINE`` environment
variable (``fast`` or ``python``); :func:`default_engine` says which one is in use.

Where ``wchar_t`` is 16 bits (Windows) the C++ engine holds only the Basic
Multilingual Plane, so a diff of more than about 63,000 distinct items runs in Python
instead (same result, slower).

Every option is set explicitly. Above all there is no time limit (``Diff_Timeout = 0``,
``timelimit=0``): with a limit, the result of a slow diff silently degrades to
"everything replaced", so it would depend on how busy the machine is. Costs are bounded
by the callers instead (they only diff paragraphs that are alike). No cleanup runs
here: both engines return the raw minimal diff (their built-in cleanups differ between
ports and score the stand-in characters, not the tokens); the word diff does its own
cleanup on tokens.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Hashable, Sequence
from typing import Any, Literal

import diff_match_patch as _pure

try:
    import fast_diff_match_patch as _fast
except ImportError:  # no wheel for this platform: the pure-Python engine serves
    _fast = None

Engine = Literal["fast", "python"]
Op = Literal["=", "-", "+"]

ENGINE_ENV = "REVVIEWER_DIFF_ENGINE"

#: The first id's character: control characters and NUL are kept out of the strings
#: handed to C++ (NUL would end a C string).
_FIRST_CHAR = 0x100
_SURROGATES = range(0xD800, 0xE000)
#: Characters the C++ engine can hold: 2 where wchar_t is 16 bits (Windows).
_CHAR_WIDTH: int = getattr(_fast, "CHAR_WIDTH", 4)


def max_distinct(char_width: int) -> int:
    """How many distinct items the C++ engine can tell apart where ``wchar_t`` is
    ``char_width`` bytes: the characters from :data:`_FIRST_CHAR` up, less the
    surrogates."""
    top = 0xFFFF if char_width == 2 else 0x10FFFF
    return top + 1 - _FIRST_CHAR - len(_SURROGATES)


_MAX_DISTINCT_FAST = max_distinct(_CHAR_WIDTH)


def available_engines() -> tuple[Engine, ...]:
    return ("fast", "python") if _fast is not None else ("python",)


def default_engine() -> Engine:
    """``REVVIEWER_DIFF_ENGINE`` when set to an available engine, else the fastest."""
    wanted = os.environ.get(ENGINE_ENV, "").strip().lower()
    if wanted == "python":
        return "python"
    if wanted == "fast" and _fast is None:
        raise RuntimeError(
            f"{ENGINE_ENV}=fast, but fast_diff_match_patch is not installed for this Python"
        )
    return "fast" if _fast is not None else "python"


def _python_engine() -> Any:
    dmp = _pure.diff_match_patch()
    dmp.Diff_Timeout = 0.0  # never give up: a correct diff, whatever the clock says
    dmp.Diff_EditCost = 4  # only used by the efficiency cleanup, which is not run
    dmp.Match_Threshold = 0.5
    dmp.Match_Distance = 1000
    dmp.Patch_DeleteThreshold = 0.5
    dmp.Patch_Margin = 4
    return dmp


_PY = _python_engine()


def _encode(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[str, str, int]:
    """Both sequences as strings, one character per distinct item, and the number of
    distinct items. The mapping runs in C (``dict.fromkeys``, ``map``); only the
    distinct items pass through Python code."""
    distinct = dict.fromkeys(itertools.chain(a, b))
    base, top, gap = _FIRST_CHAR, _SURROGATES.start - _FIRST_CHAR, len(_SURROGATES)
    # Items past the surrogate block skip it: lone surrogates are not valid for C++.
    code = {
        item: chr(k + base) if k < top else chr(k + base + gap) for k, item in enumerate(distinct)
    }
    return "".join(map(code.__getitem__, a)), "".join(map(code.__getitem__, b)), len(code)


def diff_sequences(
    a: Sequence[Hashable], b: Sequence[Hashable], engine: Engine | None = None
) -> list[tuple[Op, int]]:
    """The minimal edit script turning ``a`` into ``b`` (items compared by equality),
    as runs."""
    engine = engine or default_engine()
    if engine not in ("fast", "python"):
        raise ValueError(f"unknown diff engine {engine!r} (expected 'fast' or 'python')")
    if not a and not b:
        return []
    if not a:
        return [("+", len(b))]
    if not b:
        return [("-", len(a))]
    ta, tb, distinct = _encode(a, b)
    if engine == "fast" and _fast is not None and distinct <= _MAX_DISTINCT_FAST:
        runs: list[tuple[Op, int]] = _fast.diff(
            ta,
            tb,
            timelimit=0,  # no deadline (see above)
            checklines=False,  # no line-mode pre-pass: there are no lines, only ids
            cleanup="No",  # the word diff cleans up on tokens itself
            counts_only=True,  # run lengths are all we need
            as_patch=False,
        )
        return runs
    ops: dict[int, Op] = {0: "=", -1: "-", 1: "+"}
    return [(ops[op], len(text)) for op, text in _PY.diff_main(ta, tb, checklines=False)]
