"""Properties of compare() on generated versions: nothing lost, nothing doubled, and the
same rows from both engines, whatever the edits and options."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core.comparison import Comparison, DiffOptions, new_text, old_text
from revviewer.core.diff import compare
from revviewer.core.dmp_adapter import available_engines
from revviewer.core.model import Version
from revviewer.core.tokens import tokenize

# A small vocabulary, so that generated paragraphs share words the way real ones do,
# with the characters the tokenizer treats specially.
WORDS = [
    "the", "minister", "said", "on", "Tuesday", "vote", "police", "The", "MINISTER", "café",
    "cafe\u0301", "שלום", "قال", "नमस्ते", "北京", "天安门", "東京で", "\U0001f44d\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "it’s", "it's", "“quoted”", "\"quoted\"",
    "—", "-", "…", "...", ",", ".", "1,000", "x_y",
]  # fmt: skip
SPACES = [" ", " ", " ", "  ", "\u00a0", "\t"]


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=14))
    out = ""
    for k, w in enumerate(words):
        out += (draw(st.sampled_from(SPACES)) if k else "") + w
    return out


@st.composite
def version_pairs(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    old = draw(st.lists(paragraphs(), max_size=8))
    if draw(st.booleans()):
        return old, draw(st.lists(paragraphs(), max_size=8))
    new = list(old)
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["edit", "insert", "delete", "move", "split", "merge"]))
        if op == "insert" or not new:
            new.insert(draw(st.integers(0, len(new))), draw(paragraphs()))
            continue
        k = draw(st.integers(0, len(new) - 1))
        if op == "edit":
            toks = tokenize(new[k])
            at = draw(st.integers(0, len(toks)))
            toks[at : at + draw(st.integers(0, 2))] = [draw(st.sampled_from(WORDS))]
            new[k] = "".join(toks)
        elif op == "delete":
            del new[k]
        elif op == "move":
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(k))
        elif op == "split":
            cut = draw(st.integers(0, len(new[k])))
            new[k : k + 1] = [new[k][:cut], new[k][cut:]]
        elif k + 1 < len(new):
            new[k : k + 2] = [new[k] + " " + new[k + 1]]
    return old, new


options = st.builds(DiffOptions, st.booleans(), st.booleans(), st.booleans())


def check_complete(c: Comparison, old: list[str], new: list[str]) -> None:
    seen_old: list[int] = []
    seen_new: list[int] = []
    moves: dict[int, list[tuple[tuple[int, ...], tuple[int, ...], str, str]]] = {}
    for row in c.rows:
        seen_old.extend(row.old)
        seen_new.extend(row.new)
        if row.kind == "moved":
            assert row.move is not None
            moves.setdefault(row.move, []).append((row.old, row.new, row.old_text, row.new_text))
            continue
        assert row.move is None
        assert row.old_text == "\n".join(old[i] for i in row.old)
        assert row.new_text == "\n".join(new[j] for j in row.new)
        if row.kind == "split":
            assert len(row.old) == 1 and len(row.new) >= 2
        if row.kind == "merged":
            assert len(row.old) >= 2 and len(row.new) == 1
    # Every paragraph exactly once on each side, in reading order.
    assert seen_old == list(range(len(old)))
    assert seen_new == list(range(len(new)))
    for ends in moves.values():
        assert len(ends) == 2, "a move has one source and one destination"
        # The source (old=[i], new=[]) comes first when the paragraph moved down.
        (src_old, src_new, *texts), (dst_old, dst_new, *texts2) = sorted(
            ends, key=lambda e: not e[0]
        )
        assert len(src_old) == 1 and not src_new and not dst_old and len(dst_new) == 1
        assert texts == texts2 == [old[src_old[0]], new[dst_new[0]]]
    assert sum(1 for r in c.rows if r.kind == "moved") == 2 * c.stats.paragraphs_moved


@settings(max_examples=200, deadline=None)
@given(version_pairs(), options, st.sampled_from(WORDS), st.sampled_from(WORDS))
def test_rows_cover_both_versions_exactly(
    pair: tuple[list[str], list[str]], opts: DiffOptions, t1: str, t2: str
) -> None:
    old, new = pair
    c = compare(Version(0, t1, old), Version(1, t2, new), opts)
    check_complete(c, old, new)
    # Spans rebuild both titles too, and only differences hidden by options are ignored.
    assert old_text(c.title) == t1 and new_text(c.title) == t2
    for row in c.rows:
        for s in row.spans:
            if s.ignored:
                assert s.op == "equal" and s.old_text != s.text
                assert opts != DiffOptions()
    if opts == DiffOptions():
        assert c.stats.ignored_changes == 0


@pytest.mark.skipif(len(available_engines()) < 2, reason="only one engine installed")
@settings(max_examples=150, deadline=None)
@given(version_pairs(), options)
def test_both_engines_give_the_same_rows(
    pair: tuple[list[str], list[str]], opts: DiffOptions
) -> None:
    old, new = pair
    a, b = Version(0, "t", old), Version(1, "t", new)
    fast = compare(a, b, opts, engine="fast")
    slow = compare(a, b, opts, engine="python")
    assert fast.rows == slow.rows
    assert fast.title == slow.title
    assert fast.stats == slow.stats


def test_identical_versions_compare_equal_under_every_option() -> None:
    text = ["The “vote” — on Tuesday…", "北京天安门", "שלום  עולם"]
    for opts in (DiffOptions(), DiffOptions(True, True, True)):
        c = compare(Version(0, "t", text), Version(1, "t", list(text)), opts)
        assert [r.kind for r in c.rows] == ["equal"] * 3 and c.stats.size == 0
