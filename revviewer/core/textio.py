"""Turning a dump's bytes into text.

Contract: :func:`decode_dump` accepts UTF-8 (with or without BOM), UTF-16 and UTF-32
with a BOM, and Windows-1252 (the usual encoding of dumps saved by older Windows
tools), and returns the text with line ends turned into LF (unless asked not to).
Bytes that fit none of these raise :class:`~revviewer.core.errors.DumpError` naming
the line where they stop making sense. Text is otherwise untouched: U+00A0 and other
non-ASCII spaces are kept.

Choosing Windows-1252 is a fallback, not a guess among equals: it is taken only when
the bytes are not UTF-8 *and* hold no valid UTF-8 multi-byte sequence at all. A file
that is mostly UTF-8 with a few broken bytes is corrupt, and decoding it as
Windows-1252 would quietly turn every accented letter into mojibake.
"""

from __future__ import annotations

import codecs
import re

from revviewer.core.errors import DumpError

#: BOMs and their encodings, in the order they must be tested (the UTF-32 LE BOM
#: starts with the UTF-16 LE one)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: one well-formed UTF-8 sequence of two to four bytes (overlongs and surrogates aside)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

_LINE_ENDS = re.compile(r"\r\n?")

_BINARY = "the file holds NUL bytes: it is binary, not a text dump"
_UTF16_NO_BOM = (
    "the file looks like UTF-16 without a byte-order mark, which cannot be read "
    "reliably; save it as UTF-8 (or UTF-16 with a BOM)"
)


def decode_dump(data: bytes, *, newlines: bool = True) -> str:
    """The text of ``data``. With ``newlines`` (the default) CRLF and lone CR become
    LF; without, line ends are left exactly as they were (for formats where a CR
    inside a record is content)."""
    text = _decode(data)
    # Each encoding writes a NUL or a CR with a zero byte or a 0x0d byte: most data
    # holds neither, and bytes are searched many times faster than text with
    # non-ASCII characters (or than the substitution's pattern scans it).
    nul = text.find("\x00") if b"\x00" in data else -1
    if nul >= 0:
        if _looks_like_utf16(data):
            raise DumpError(_UTF16_NO_BOM, None)
        raise DumpError(_BINARY, _line_at(text, nul))
    return _LINE_ENDS.sub("\n", text) if newlines and b"\r" in data else text


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, len(bom))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_like_utf16(data):
            raise DumpError(_UTF16_NO_BOM, None) from exc
        nul = data.find(b"\x00")
        if nul >= 0:
            raise DumpError(_BINARY, data.count(b"\n", 0, nul) + 1) from exc
        if _UTF8_MULTIBYTE.search(data) is not None:
            raise DumpError(
                f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} "
                f"at offset {exc.start} ({exc.reason})",
                data.count(b"\n", 0, exc.start) + 1,
            ) from exc
    return _strict(data, "cp1252", 0)


def _strict(data: bytes, encoding: str, skipped: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(encoding, errors="replace")
        name = "Windows-1252" if encoding == "cp1252" else encoding.upper().replace("-LE", "")
        name = name.replace("-BE", "")
        raise DumpError(
            f"the bytes are not valid {name} at offset {exc.start + skipped}: {exc.reason}",
            good.count("\n") + 1,
        ) from exc


def _looks_like_utf16(data: bytes) -> bool:
    """True when NULs sit at every other byte, as UTF-16 text of mostly ASCII does."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    return max(evens.count(0), odds.count(0)) >= 0.4 * len(evens) > 0 and (
        min(evens.count(0), odds.count(0)) <= 0.1 * len(evens)
    )


def _line_at(text: str, index: int) -> int:
    return (
        text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    )
