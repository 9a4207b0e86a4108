"""Damaged dumps: whatever happened to a generated text or HTML dump (cut, lines lost,
doubled or swapped, characters changed, markup or odd numbers put in), reading it gives its
articles or one DumpError naming a line of the file, never another exception; what it
gives still merges with the undamaged neighbouring dump and compares without loss."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core import formats, loader
from revviewer.core.comparison import new_text, old_text
from revviewer.core.diff import compare
from revviewer.core.errors import DumpError
from revviewer.core.merge import merge_fragments
from revviewer.core.model import Article
from revviewer.testing.dumpgen import GenArticle, render_text
from revviewer.testing.dumphtml import render_html
from revviewer.testing.strategies import articles

# What fuzzing found breaking the parsers, and what it tried besides.
PAYLOADS = [
    "\x00", "\r", "\r\n", "\u2028", "\x85", "\ufeff", "\u202e", "\u0301", " ", "  ", "\u00a0",
    "<td>", "</td>", "<tr>", "</tr>", "<del>", "</ins>", "<tbody>", "</table>", "<!--",
    "<script>alert(1)</script>", "&", "&amp;", "&#0;", "&#xD800;", "&#" + "9" * 5000 + ";",
    "Version 1 Version 2", "Version " + "9" * 5000, "<var>" + "9" * 5000 + "</var>",
    "(5 minutes earlier)", "<time datetime='0001-01-01T00:00+01:00'>",
    "<time datetime='9999-12-31T23:59-01:00'>", "This article is from the source '",
]  # fmt: skip
NUMBERS = [
    "0", "1", "99999999999", "9" * 5000, "x", "",
    "0001-01-01T00:00+01:00", "9999-12-31T23:59-01:00",
]  # fmt: skip
_HEADER_FIELDS = re.compile(r"(?<=Version )\d+|\d+(?= times)|(?<=<var>)\d+|(?<=datetime=\")[^\"]+")

mutation = st.tuples(
    st.sampled_from(["cut", "drop", "double", "swap", "insert", "flip", "number"]),
    st.floats(0, 1),
    st.sampled_from(PAYLOADS),
    st.sampled_from(NUMBERS),
)


def mutate(text: str, kind: str, where: float, payload: str, number: str) -> str:
    lines = text.split("\n")
    i = min(int(where * len(lines)), len(lines) - 1)
    at = int(where * len(text))
    if kind == "cut":
        return text[:at]
    if kind == "drop":
        del lines[i]
    elif kind == "double":
        lines.insert(i, lines[i])
    elif kind == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "insert":
        return text[:at] + payload + text[at:]
    elif kind == "flip":
        return text[:at] + chr(ord(text[at]) ^ 1) + text[at + 1 :] if at < len(text) else text
    elif kind == "number":  # a version number, the count, or a capture time
        fields = list(_HEADER_FIELDS.finditer(text))
        if fields:
            m = fields[min(int(where * len(fields)), len(fields) - 1)]
            return text[: m.start()] + number + text[m.end() :]
    return "\n".join(lines)


def read(data: bytes, name: str) -> list[Article]:
    """What the loader does with a file's bytes (load_file without the file)."""
    fmt = formats.detect(data[: formats.SNIFF_BYTES])
    if fmt is None:
        raise loader.unrecognised(data)
    found: list[Article] = fmt.parse(name, data)
    return found


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    articles(min_versions=3, max_versions=4),
    st.sampled_from(["text", "html"]),
    st.lists(mutation, min_size=1, max_size=3),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),  # Python's UTF-16 writes a BOM
)
def test_a_damaged_dump_gives_articles_or_one_dump_error(
    art: GenArticle, kind: str, mutations: list[tuple[str, float, str, str]], encoding: str
) -> None:
    text = render_text(art, 0, 1) if kind == "text" else render_html(art, 0, 1)
    for m in mutations:
        text = mutate(text, *m)
    data = text.encode(encoding, errors="replace")
    if not data.strip():
        return  # the loader says "empty" before any parser runs
    try:
        fragments = read(data, "damaged")
    except DumpError as exc:
        lines = data.count(b"\n") + data.count(b"\r") + 1
        assert exc.message
        assert exc.line is None or 1 <= exc.line <= lines, (exc.line, lines, exc.message)
        return
    neighbour = read(render_text(art, 1, 2).encode(), "neighbour")
    merged, _conflicts = merge_fragments(fragments + neighbour)
    for article in merged:
        versions = article.versions
        assert [v.number for v in versions] == sorted({v.number for v in versions})
        for old, new in ((versions[0], versions[-1]), (versions[-1], versions[0])):
            c = compare(old, new)
            assert old_text(c.title) == old.title and new_text(c.title) == new.title
            assert sorted(i for r in c.rows for i in r.old) == list(range(len(old.paragraphs)))
            assert sorted(j for r in c.rows for j in r.new) == list(range(len(new.paragraphs)))
            for r in c.rows:
                if r.kind != "moved":
                    assert r.old_text == "\n".join(old.paragraphs[i] for i in r.old)
                    assert r.new_text == "\n".join(new.paragraphs[j] for j in r.new)
