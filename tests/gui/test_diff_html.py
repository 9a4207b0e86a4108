"""The pane HTML, without widgets: dump text never becomes markup, and each pane
shows exactly its version's text, one block per row."""

from __future__ import annotations

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core.diff import compare
from revviewer.core.model import Version
from revviewer.gui.diff_html import PLACEHOLDER, render

ALLOWED = {"html", "head", "body", "p", "span", "a", "br"}
NS = "{http://www.w3.org/1999/xhtml}"

# Paragraph text with everything markup is made of (control characters aside: the
# HTML parser used here to read the output back rewrites those).
text = st.text(
    alphabet=st.sampled_from(list("ab <>&\"'/=;#x\u00a0é"))
    | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and "\n" not in s and "\r" not in s)
paragraphs = st.lists(text, min_size=1, max_size=6)


def blocks(doc: str) -> list[tuple[str, str]]:
    """(class, text without move links) of every <p>, and a check of every element."""
    tree = html5lib.parse(doc)
    out = []
    for el in tree.iter():
        tag = el.tag.removeprefix(NS) if isinstance(el.tag, str) else ""
        assert not tag or tag in ALLOWED, f"unexpected element <{tag}>"
        if tag == "a":
            assert el.get("href", "").startswith("#mv"), el.get("href")
    for p in tree.iter(f"{NS}p"):
        parts = [p.text or ""]
        for child in p:
            if child.tag != f"{NS}a" and not (
                child.tag == f"{NS}span" and child.get("class") == "q"
            ):
                parts.append("".join(child.itertext()) if child.tag != f"{NS}br" else "\n")
            parts.append(child.tail or "")
        out.append((p.get("class", ""), "".join(parts)))
    return out


@settings(max_examples=30, deadline=None)
@given(paragraphs, paragraphs, text, text)
def test_panes_show_each_version_exactly_and_never_markup(old_ps, new_ps, t1, t2):
    old, new = Version(0, t1, old_ps), Version(1, t2, new_ps)
    comparison = compare(old, new)
    out = render(comparison)
    old_blocks, new_blocks = blocks(out.old), blocks(out.new)
    assert len(old_blocks) == len(new_blocks) == len(out.shown)
    assert old_blocks[0][1] == t1 and new_blocks[0][1] == t2
    assert [t for _c, t in old_blocks[1:] if t != PLACEHOLDER] == [
        r.old_text for r in comparison.rows if r.old
    ]
    assert [t for _c, t in new_blocks[1:] if t != PLACEHOLDER] == [
        r.new_text for r in comparison.rows if r.new
    ]

    inline = blocks(render(comparison, inline=True).inline_html)
    assert len(inline) == len(comparison.rows) + 1


def test_only_changed_collapses_runs_of_equal_rows():
    same = [f"Paragraph {i}." for i in range(5)]
    end0 = "The meeting ended at noon after a long debate."
    end1 = "The meeting ended at one after a long debate."
    old = Version(0, "T", [*same, end0])
    new = Version(1, "T", [*same, end1])
    out = render(compare(old, new), only_changed=True)
    assert [t for _c, t in blocks(out.new)] == [
        "T",
        "⋯ 5 unchanged paragraphs",
        end1,
    ]
    assert [s.kind for s in out.shown] == ["headline", "hidden", "changed"]
    assert out.change_blocks == [2]
