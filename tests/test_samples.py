"""The bundled samples: what a first launch opens must load cleanly and show every
kind of change the viewer can display."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT

from revviewer.assets import sample_paths
from revviewer.core.diff import compare
from revviewer.core.loader import LoadResult, load
from revviewer.core.model import Article, InferenceKind
from revviewer.testing.dumpgen import collapse

STORIES = ROOT / "packaging" / "samples"


def _story(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((STORIES / name).read_text(encoding="utf-8"))
    return data


def _make_samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_samples", ROOT / "packaging" / "make_samples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load(sample_paths())


def _article(result: LoadResult, url: str) -> Article:
    (article,) = [a for a in result.articles if a.url == url]
    return article


def test_every_sample_loads_without_errors(loaded: LoadResult) -> None:
    assert [str(e) for e in loaded.errors] == []
    assert len(loaded.articles) == 3


def test_the_committed_dumps_are_what_the_stories_make() -> None:
    # A story edited without re-running the script would ship stale samples.
    assert _make_samples().main(["--check"]) == 0


def test_the_council_story_merges_five_dumps_into_six_exact_versions(loaded: LoadResult) -> None:
    story = _story("ferry-lane.json")
    article = _article(loaded, story["url"])
    assert [v.number for v in article.versions] == [0, 1, 2, 3, 4, 5]
    assert len({Path(s).name for s in article.sources}) == 5
    for version, written in zip(article.versions, story["versions"], strict=True):
        # adjacent dumps share versions, which settles every guess a single dump needs
        assert version.is_exact, (version.number, version.inferred)
        assert version.title == collapse(written["title"])
        assert version.paragraphs == [collapse(p) for p in written["paragraphs"]]


def test_the_council_story_shows_every_kind_of_change(loaded: LoadResult) -> None:
    article = _article(loaded, _story("ferry-lane.json")["url"])
    kinds: set[str] = set()
    headline_changes = 0
    for old, new in zip(article.versions, article.versions[1:], strict=False):
        comparison = compare(old, new)
        kinds.update(row.kind for row in comparison.rows)
        headline_changes += comparison.stats.headline_changed
        if any(row.kind == "changed" for row in comparison.rows):
            assert comparison.stats.words_inserted or comparison.stats.words_deleted
    assert {"changed", "inserted", "deleted", "moved", "split"} <= kinds
    assert headline_changes == 2


def test_the_saved_html_page_gives_exact_versions_with_times(loaded: LoadResult) -> None:
    story = _story("storm-idris.json")
    article = _article(loaded, story["url"])
    assert [v.number for v in article.versions] == [1, 2]
    assert article.version_count == 3
    for version in article.versions:
        written = story["versions"][version.number]
        assert version.is_exact
        assert version.captured is not None
        assert version.captured.isoformat() == written["captured"].replace("Z", "+00:00")
        assert version.title == written["title"]
        assert version.paragraphs == written["paragraphs"]


def test_the_lone_court_dump_carries_its_guesses(loaded: LoadResult) -> None:
    article = _article(loaded, _story("harbour-trial.json")["url"])
    old, new = article.versions
    for version in (old, new):
        kinds = {i.kind for i in version.inferred}
        assert {InferenceKind.TITLE, InferenceKind.SPLIT, InferenceKind.SIDE} <= kinds
        assert all(0 < i.confidence < 1 for i in version.inferred)
    # The one-sided rows are guessed to be new paragraphs, and the guess is marked on them.
    side_guesses = {i.paragraph for i in new.inferred if i.kind == InferenceKind.SIDE}
    assert side_guesses and side_guesses <= set(range(len(new.paragraphs)))
