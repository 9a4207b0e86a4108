"""The two real NewsSniffer text dumps in ../shared/seeds, against golden files.

``tests/fixtures/seeds/NAME.expected.json`` is what the parser reads from the dump alone
(``Article.to_json()``), guesses marked; ``NAME.truth.json`` holds both versions as
read by hand (where each change row splits, which side each one-sided row is on).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from revviewer.core.formats import newssniffer_text as nt
from revviewer.core.merge import merge_fragments
from revviewer.core.model import Article, InferenceKind, Version

# The same places as tests/conftest.py's SEEDS and FIXTURES; not imported from there
# because another conftest module (tests/gui) can shadow the name "conftest".
_TESTS = Path(__file__).resolve().parent
SEEDS = _TESTS.parent.parent / "shared" / "seeds"
FIXTURES = _TESTS / "fixtures"

NAMES = ["000_c20a68f822fa74b5", "003_ff3c1591d4cd853a"]

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seed dumps are not there ({SEEDS}): nothing to check"
)


def _load(name: str, kind: str) -> dict[str, Any]:
    path: Path = FIXTURES / "seeds" / f"{name}.{kind}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _parse(name: str) -> Article:
    [art] = nt.parse(f"{name}.txt", (SEEDS / f"{name}.txt").read_bytes())
    return art


def _texts(v: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return v["title"], tuple(v["paragraphs"])


@pytest.mark.parametrize("name", NAMES)
def test_seed_parses_to_its_golden_file(name: str) -> None:
    assert _parse(name).to_json() == _load(name, "expected")


@pytest.mark.parametrize("name", NAMES)
def test_the_hand_read_versions_are_a_reading_the_parser_allows(name: str) -> None:
    old, new = _load(name, "truth")["versions"]
    model = _parse(name).alternatives.model  # type: ignore[union-attr]
    assert model.constrained(_texts(old), _texts(new)) is not None


@pytest.mark.parametrize("name", NAMES)
def test_knowing_the_new_version_settles_the_old_one(name: str) -> None:
    # As when the same page was also saved as HTML: the new version is then exact,
    # and the text dump must give the hand-read old version, with nothing guessed.
    art = _parse(name)
    old, new = _load(name, "truth")["versions"]
    exact = Article(
        art.key,
        art.source,
        art.url,
        [Version(new["number"], new["title"], list(new["paragraphs"]), sources=["page.html"])],
    )
    merged, errors = merge_fragments([art, exact])
    assert errors == []
    got = merged[0].version(old["number"])
    assert (got.title, got.paragraphs) == (old["title"], old["paragraphs"])
    assert got.inferred == []


@pytest.mark.parametrize("name", NAMES)
def test_what_the_parser_reads_as_certain_is_what_was_read_by_hand(name: str) -> None:
    art = _parse(name)
    truth = {v["number"]: v for v in _load(name, "truth")["versions"]}
    for v in art.versions:
        guessed_title = any(i.kind == InferenceKind.TITLE for i in v.inferred)
        if not guessed_title:
            assert v.title == truth[v.number]["title"]
        # paragraphs up to the first guess sit where the hand reading has them
        first_guess = min(
            (i.paragraph if i.paragraph is not None else 0 for i in v.inferred),
            default=len(v.paragraphs),
        )
        assert v.paragraphs[:first_guess] == truth[v.number]["paragraphs"][:first_guess]


@pytest.mark.parametrize("name", NAMES)
def test_every_paragraph_that_differs_from_the_hand_reading_is_marked(name: str) -> None:
    art = _parse(name)
    truth = {v["number"]: set(v["paragraphs"]) for v in _load(name, "truth")["versions"]}
    for v in art.versions:
        marked = {i.paragraph for i in v.inferred}
        for k, p in enumerate(v.paragraphs):
            if p not in truth[v.number]:
                assert k in marked, (v.number, k, p[:60])


def test_seed_000_keeps_its_trailing_no_break_space_and_one_sided_rows() -> None:
    art = _parse("000_c20a68f822fa74b5")
    nbsp = [p for p in art.version(4).paragraphs if p.endswith("\u00a0")]
    assert nbsp == [
        "The third level of activity is to seek to weaken the entire Assad military "
        "infrastructure or even attack Assad's presidential palace, as well as Syrian "
        "military headquarters.\u00a0"
    ]
    assert nbsp[0] in art.version(5).paragraphs
    # a one-sided row: the new version's paragraph that ends with a comma
    kremlin = (
        "The Kremlin said on Thursday that Russia and the US were currently using a "
        "“deconfliction” telephone line for Syria,"
    )
    assert kremlin in art.version(5).paragraphs
    assert kremlin not in art.version(4).paragraphs
    on_new = [i for i in art.version(5).inferred if i.paragraph is not None]
    marked = {art.version(5).paragraphs[i.paragraph] for i in on_new if i.kind == "side"}
    assert kremlin in marked
    # the paragraphs after the last guess (the end of the body, the tag list and the
    # share links) are match rows, read exactly
    truth = {
        v["number"]: v["paragraphs"] for v in _load("000_c20a68f822fa74b5", "truth")["versions"]
    }
    for v in art.versions:
        assert v.paragraphs[-18:] == truth[v.number][-18:]
