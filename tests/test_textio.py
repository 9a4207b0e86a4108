"""Decoding dump bytes: the encodings people's tools actually saved, and clear refusals."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core.errors import DumpError
from revviewer.core.textio import decode_dump

TEXT = "Version 4 Version 5\nSyria\u00a0crisis – “escalate”\nlast line\u00a0"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # BOM, native order
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        TEXT.encode("utf-32"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16-be",
        "utf16-le",
        "utf32",
        "crlf",
        "cr",
        "cp1252",
        "cp1252-crlf",
    ],
)
def test_every_supported_encoding_gives_the_same_text(data: bytes) -> None:
    assert decode_dump(data) == TEXT


def test_no_break_spaces_survive_everywhere() -> None:
    text = decode_dump("a\u00a0\nb\u00a0\u00a0".encode())
    assert text == "a\u00a0\nb\u00a0\u00a0"


def test_line_ends_can_be_kept_for_formats_where_cr_is_content() -> None:
    assert decode_dump(b"a\r\nb\rc", newlines=False) == "a\r\nb\rc"
    assert decode_dump(b"a\r\nb\rc") == "a\nb\nc"


def test_mostly_utf8_with_a_broken_byte_is_an_error_with_its_line_not_mojibake() -> None:
    data = "caf\u00e9\nna\u00efve\n".encode() + b"bad \xff byte\n"
    with pytest.raises(DumpError) as info:
        decode_dump(data)
    assert "not valid UTF-8" in info.value.message
    assert "0xff" in info.value.message
    assert info.value.line == 3


def test_utf8_encoded_lone_surrogate_is_refused() -> None:
    with pytest.raises(DumpError, match="not valid UTF-8"):
        decode_dump("ok \u00e9\n".encode() + b"\xed\xa0\x80\n")


def test_utf16_with_a_lone_surrogate_is_refused_with_its_line() -> None:
    data = codecs.BOM_UTF16_LE + "one\ntwo \ud800 three".encode("utf-16-le", "surrogatepass")
    with pytest.raises(DumpError) as info:
        decode_dump(data)
    assert "not valid UTF-16" in info.value.message
    assert info.value.line == 2


def test_utf16_without_bom_is_named_as_such() -> None:
    with pytest.raises(DumpError, match="UTF-16 without a byte-order mark"):
        decode_dump("This article is from the source 'x'\n".encode("utf-16-le"))


def test_binary_is_named_binary_with_the_line_of_the_first_nul() -> None:
    with pytest.raises(DumpError) as info:
        decode_dump(b"line one\nline two\x00\x01\x02")
    assert "binary" in info.value.message
    assert info.value.line == 2


def test_windows_1252_undefined_bytes_are_refused() -> None:
    with pytest.raises(DumpError, match="not valid Windows-1252"):
        decode_dump(b"plain text \x81 here")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\ufeff")))
def test_any_text_round_trips_through_utf8_and_utf16(text: str) -> None:
    assert decode_dump(text.encode("utf-8")) == text
    assert decode_dump(text.encode("utf-16")) == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_text_or_a_dump_error(data: bytes) -> None:
    try:
        decode_dump(data)
    except DumpError as exc:
        assert exc.message
