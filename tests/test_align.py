"""Paragraph alignment: similarity decides pairs and moves, unrelated text is never
word-diffed, and the cost stays bounded on a complete rewrite."""

from __future__ import annotations

import random

import pytest

from revviewer.core import align as align_mod
from revviewer.core.align import Plan, align
from revviewer.core.diff import compare
from revviewer.core.model import Version

WORDS = [
    "minister",
    "police",
    "protest",
    "vote",
    "market",
    "river",
    "bridge",
    "storm",
    "village",
    "army",
    "doctor",
    "hospital",
    "school",
    "court",
    "judge",
    "budget",
    "tax",
    "energy",
    "oil",
    "gas",
    "border",
    "trade",
    "union",
    "strike",
    "airport",
    "train",
    "election",
    "party",
    "leader",
    "crowd",
    "report",
    "inquiry",
    "bank",
    "price",
    "wage",
    "farmer",
    "harvest",
    "drought",
    "flood",
]


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def kinds(plans: list[Plan]) -> list[str]:
    return [p.kind for p in plans]


def test_a_rewrite_is_deletions_and_insertions_without_word_diffs() -> None:
    rng = random.Random(3)
    old = [sentence(rng) for _ in range(40)]
    new = [sentence(rng) for _ in range(40)]
    c = compare(Version(0, "t", old), Version(1, "t", new))
    assert {r.kind for r in c.rows} == {"deleted", "inserted"}
    assert all(len(r.spans) == 1 for r in c.rows)  # whole paragraphs, no word diff


def test_each_paragraph_pairs_with_its_edit_wherever_it_sits_in_the_gap() -> None:
    rng = random.Random(5)
    a, b, c = (sentence(rng, 20) for _ in range(3))
    filler = sentence(rng, 20)
    edit = [p.replace(p.split()[3], "UPDATED") for p in (a, b, c)]
    plans = align([a, b, c], [filler, edit[0], edit[1], edit[2]])
    assert [(p.kind, p.old, p.new) for p in plans] == [
        ("inserted", (), (0,)),
        ("changed", (0,), (1,)),
        ("changed", (1,), (2,)),
        ("changed", (2,), (3,)),
    ]


def test_crossing_edits_become_a_move() -> None:
    rng = random.Random(8)
    a, b = sentence(rng, 20), sentence(rng, 20)
    a2, b2 = a.replace(a.split()[2], "NEW"), b.replace(b.split()[5], "NEW")
    plans = align([a, b], [b2, a2])
    assert sorted(kinds(plans)) == ["changed", "moved", "moved"]
    moved = [p for p in plans if p.kind == "moved"]
    assert moved[0].move == moved[1].move == 0
    assert {p.moved for p in moved} == {(0, 1)} or {p.moved for p in moved} == {(1, 0)}


def test_a_heavily_rewritten_paragraph_elsewhere_is_not_a_move() -> None:
    rng = random.Random(11)
    keep = [sentence(rng, 20) for _ in range(4)]
    gone = sentence(rng, 20)
    words = gone.split()
    reworded = " ".join(words[:4] + [rng.choice(WORDS) for _ in words[4:]])
    plans = align([gone, *keep], [*keep, reworded])
    assert kinds(plans) == ["deleted", "equal", "equal", "equal", "equal", "inserted"]


def test_a_paragraph_moves_once_even_when_repeated() -> None:
    rng = random.Random(2)
    p, q, r = (sentence(rng) for _ in range(3))
    plans = align([p, q, r], [q, r, p, p])
    assert kinds(plans) == ["moved", "equal", "equal", "moved", "inserted"]


def test_paragraphs_without_words_can_move() -> None:
    rng = random.Random(4)
    body = [sentence(rng) for _ in range(3)]
    plans = align(["* * *", *body], [*body, "* * *"])
    assert kinds(plans) == ["moved", "equal", "equal", "equal", "moved"]
    assert align(["* * *"], ["— — —"]) == [Plan("deleted", (0,), ()), Plan("inserted", (), (0,))]


def test_work_bound_keeps_the_result_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(6)
    old = [sentence(rng) for _ in range(30)]
    new = [p.replace(p.split()[1], "CHANGED") for p in old[::-1]]
    full = align(old, new)
    assert "moved" in kinds(full) or "changed" in kinds(full)
    monkeypatch.setattr(align_mod, "MAX_PROBE_WORK", 0)
    bounded = align(old, new)
    # Past the bound nothing more is paired, but every paragraph is still accounted for.
    assert sorted(i for p in bounded for i in p.old) == list(range(30))
    assert sorted(j for p in bounded for j in p.new) == list(range(30))
    assert len(bounded) > len(full)


def test_work_bound_also_bounds_the_pairs_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph repeated hundreds of times on both sides (a fuzzed dump with one row
    copied 3,000 times took 20 s to compare): every copy is a candidate of every other,
    and candidate search must stop at the bound rather than check them all first."""
    checked = 0
    relevant = align_mod._relevant

    def counting(lighter: int, heavier: int) -> float:
        nonlocal checked
        checked += 1
        return relevant(lighter, heavier)

    monkeypatch.setattr(align_mod, "_relevant", counting)
    monkeypatch.setattr(align_mod, "MAX_PROBE_WORK", 10_000)
    old = ["The quick brown fox jumps over the lazy dog near the river bank today."] * 400
    new = [p.replace("jumps", "leaps") for p in old]
    plans = align(old, new)
    assert checked <= 10_000  # 400 x 400 x 2 before the fix
    assert sorted(i for p in plans for i in p.old) == list(range(400))
    assert sorted(j for p in plans for j in p.new) == list(range(400))
    assert "changed" in kinds(plans)


def _edited_versions(rng: random.Random) -> tuple[list[str], list[str]]:
    """Many paragraphs from a small vocabulary (so unrelated ones share word pairs),
    some kept, some edited, moved, split, merged or rewritten."""
    old = [sentence(rng, rng.randint(3, 30)) for _ in range(rng.randint(9, 40))]
    new: list[str] = []
    for p in old:
        roll = rng.random()
        if roll < 0.2:
            continue
        if roll < 0.5:
            words = p.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            p = " ".join(words)
        elif roll < 0.6:
            p = sentence(rng, rng.randint(3, 30))
        elif roll < 0.7 and len(p.split()) > 4:
            cut = len(p.split()) // 2
            new.extend([" ".join(p.split()[:cut]), " ".join(p.split()[cut:])])
            continue
        elif roll < 0.8 and new:
            new[-1] = new[-1] + " " + p
            continue
        new.insert(rng.randrange(len(new) + 1) if rng.random() < 0.1 else len(new), p)
    return old, new


@pytest.mark.parametrize("seed", range(40))
def test_probing_shortcuts_find_what_every_paragraph_probing_finds(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only rich paragraphs probe, and hopeless partners go unscored: the rows are
    those of the full probe (which runs when the work bound would be passed)."""
    old, new = _edited_versions(random.Random(seed))
    fast = align(old, new)
    monkeypatch.setattr(align_mod._Similarity, "_rich_candidates", lambda self: None)
    assert align(old, new) == fast


@pytest.mark.parametrize("seed", range(100))
def test_probing_shortcuts_on_a_rewrite(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rewrite from the same few words, with a few paragraphs kept but edited, some
    heavily: most paragraphs are ruled out of probing by the number of word pairs they
    share, before any weighing, and the rows are still those of the full probe (a bar
    of a half or of 0.4 instead of 0.35 shared pairs fails here)."""
    rng = random.Random(seed)
    old = [sentence(rng, rng.randint(2, 30)) for _ in range(rng.randint(10, 40))]
    new = [sentence(rng, rng.randint(2, 30)) for _ in range(rng.randint(10, 40))]
    for _ in range(6):  # kept, with from a tenth to half of the words replaced
        words = rng.choice(old).split()
        for k in rng.sample(range(len(words)), round(len(words) * rng.uniform(0.1, 0.5))):
            words[k] = rng.choice(WORDS)
        new.insert(rng.randrange(len(new) + 1), " ".join(words))
    fast = align(old, new)
    assert {"changed", "moved"} & set(kinds(fast))
    monkeypatch.setattr(align_mod._Similarity, "_rich_candidates", lambda self: None)
    assert align(old, new) == fast
