"""Turning a dump's bytes into text.

Contract: :func:`decode_dump` accepts UTF-8 (with or without BOM), UTF-16 with a BOM,
and Windows-1252 (the usual encoding of dumps saved by older Windows tools), and
returns text with LF line ends. Bytes that fit none of these raise
:class:`~revviewer.core.errors.DumpError`. Text is otherwise untouched: U+00A0 and
other non-ASCII spaces are kept.
"""

from __future__ import annotations

import codecs

from revviewer.core.errors import DumpError


def decode_dump(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[3:], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode(data, "cp1252")
    if "\x00" in text:
        raise DumpError("the file holds NUL characters: it is binary, not a text dump")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DumpError(
            f"the bytes are not valid {encoding} (offset {exc.start}): {exc.reason}"
        ) from exc
