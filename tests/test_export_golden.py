"""Golden exports: the exact page for known input, so any change to what users get
shows up in review as a diff of the fixture files.

Regenerate after an intended change with ``REVVIEWER_UPDATE_GOLDEN=1 pytest
tests/test_export_golden.py`` and review the diff of ``tests/fixtures/export``. The
revviewer version and the inlined stylesheet (tested on its own) are masked; pages
carry no generation date. Pages built with
:func:`revviewer.core.diff.compare` (the history) change when the diff engine's
output does: regenerate and check the differences are the engine's.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS
from export_samples import handmade
from export_tree import parse, strip_version

from revviewer.core.diff import compare
from revviewer.core.loader import load
from revviewer.core.model import Article
from revviewer.export import render_comparison, render_history
from revviewer.export.page import stylesheet

GOLDEN = FIXTURES / "export"
UPDATE = os.environ.get("REVVIEWER_UPDATE_GOLDEN") == "1"


def check_golden(name: str, page: str) -> None:
    parse(page)  # a golden page must at least be valid HTML
    got = strip_version(page).replace(stylesheet(), "/* resources/export.css */\n")
    path = GOLDEN / name
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: run with REVVIEWER_UPDATE_GOLDEN=1"
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = difflib.unified_diff(
            want.splitlines(), got.splitlines(), "golden", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{name} differs from its golden file:\n{shown}")


def _history_article() -> Article:
    article, comp = handmade()
    later = comp.new
    third = type(later)(
        5,
        later.title,
        [*later.paragraphs[:2], "The budget was cut by 7% on Friday.", *later.paragraphs[3:]],
        distance="1 day later",
        sources=later.sources,
    )
    article.versions.append(third)
    return article


@pytest.mark.parametrize("inline", [False, True], ids=["side-by-side", "inline"])
def test_handmade_comparison(inline: bool) -> None:
    article, comp = handmade()
    name = f"handmade-{'inline' if inline else 'side-by-side'}.html"
    check_golden(name, render_comparison(article, comp, inline=inline))


def test_handmade_history() -> None:
    check_golden("handmade-history.html", render_history(_history_article()))


SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem.split("_")[0])
def test_seed_exports(seed: Path) -> None:
    result = load([seed])
    assert not result.errors, result.errors
    (article,) = result.articles
    old, new = article.versions[-2:]
    comp = compare(old, new)
    stem = f"seed-{seed.stem.split('_')[0]}"
    check_golden(f"{stem}-side-by-side.html", render_comparison(article, comp))
    check_golden(f"{stem}-inline.html", render_comparison(article, comp, inline=True))
    check_golden(f"{stem}-history.html", render_history(article))
