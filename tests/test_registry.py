"""The format registry: every format module is registered, and formats are told apart by
content alone, never by file name."""

from __future__ import annotations

import importlib
import pkgutil
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core import formats
from revviewer.core.formats import newssniffer_html, newssniffer_text
from revviewer.core.loader import load
from revviewer.testing.dumpgen import random_article, render_text
from revviewer.testing.dumphtml import render_html

ART = random_article(random.Random(77), n_versions=3)
TEXT = render_text(ART, 0, 1).encode("utf-8")
PAGE = render_html(ART, 0, 1).encode("utf-8")


def test_every_format_module_is_registered_with_its_interface() -> None:
    modules = {
        importlib.import_module(m.name)
        for m in pkgutil.iter_modules(formats.__path__, formats.__name__ + ".")
        if not m.name.rsplit(".", 1)[1].startswith("_")
    }
    assert modules == set(formats.FORMATS)
    names = [fmt.NAME for fmt in formats.FORMATS]
    assert len(set(names)) == len(names)
    for fmt in formats.FORMATS:
        assert isinstance(fmt.NAME, str) and fmt.NAME
        assert isinstance(fmt.DESCRIPTION, str) and fmt.DESCRIPTION
        assert fmt.MIME_TYPES and all("/" in m for m in fmt.MIME_TYPES)
        assert callable(fmt.sniff) and callable(fmt.parse)
        assert formats.by_name(fmt.NAME) is fmt


def test_unknown_names_are_a_key_error() -> None:
    with pytest.raises(KeyError):
        formats.by_name("no-such-format")


def test_each_newssniffer_format_recognises_its_own_dumps_only() -> None:
    assert formats.detect(TEXT) is newssniffer_text
    assert formats.detect(PAGE) is newssniffer_html
    assert not newssniffer_html.sniff(TEXT)
    assert not newssniffer_text.sniff(PAGE)


@pytest.mark.parametrize("name", ["dump.html", "page.txt", "noextension", "x.json", "y.HTM"])
def test_the_file_name_does_not_matter(tmp_path: Path, name: str) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "h").mkdir()
    (tmp_path / "t" / name).write_bytes(TEXT)
    (tmp_path / "h" / name).write_bytes(PAGE)
    for folder in ("t", "h"):
        result = load([tmp_path / folder])
        assert result.errors == []
        assert [v.number for v in result.articles[0].versions] == [0, 1]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_sniffing_arbitrary_bytes_never_fails(head: bytes) -> None:
    for fmt in formats.FORMATS:
        assert fmt.sniff(head) in (True, False)
