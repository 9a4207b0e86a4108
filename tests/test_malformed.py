"""Malformed input, kind by kind: each gives one clear error, and nothing else is lost.

Every case below builds one bad input in a temporary folder and names what the error
must say (and on which line, where a line makes sense). Each is loaded next to a good
page, which must still load; then all of them go through ``revviewer parse`` at once,
which must report every one and print no traceback.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from revviewer.core import loader
from revviewer.core.loader import load
from revviewer.testing.dumpgen import random_article, render_text
from revviewer.testing.dumphtml import render_html

ART = random_article(random.Random(2024), n_versions=3, n_paragraphs=6)
TEXT = render_text(ART, 0, 1)
TEXT_LINES = TEXT.split("\n")
PAGE = render_html(ART, 0, 1)
BIG = 50 * 1024 * 1024

#: what the line of an error must be: a number, None (no line), or "last" (last line)
Line = int | None | str


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], Path]
    message: str
    line: Line = None
    #: where below the given path the error is reported ("" for the path itself)
    at: str = ""

    def reported(self, given: Path) -> Path:
        return given / self.at if self.at else given


def file(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        p = tmp / name
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return p

    return build


def text_lines(lines: list[str]) -> str:
    return "\n".join(lines)


def header_cut(after: int) -> str:
    """The text dump cut after its first ``after`` lines."""
    return text_lines(TEXT_LINES[:after])


def page_line(needle: str, page: str = PAGE) -> int:
    return page[: page.index(needle)].count("\n") + 1


def zip_of_dump() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("dump.txt", TEXT)
    return buf.getvalue()


def sqlite_db(tmp: Path) -> Path:
    p = tmp / "archive.db"
    con = sqlite3.connect(p)
    con.execute("create table notes (id integer primary key, body text)")
    con.execute("insert into notes (body) values ('not an article')")
    con.commit()
    con.close()
    return p


def fifo(tmp: Path) -> Path:
    p = tmp / "pipe.txt"
    os.mkfifo(p)
    return p


def dangling_link(tmp: Path) -> Path:
    p = tmp / "gone.txt"
    p.symlink_to(tmp / "deleted-long-ago.txt")
    return p


def unreadable(tmp: Path) -> Path:
    p = tmp / "locked.txt"
    if os.geteuid() == 0:  # root reads through chmod 000; /proc/self/mem reads for no one
        p.symlink_to("/proc/self/mem")
    else:
        p.write_text(TEXT)
        p.chmod(0)
    return p


def directory_loop(tmp: Path) -> Path:
    d = tmp / "loop"
    d.mkdir()
    (d / "again").symlink_to(d, target_is_directory=True)
    (d / "p.html").write_text(render_html(ART, 1, 2))  # loads: the loop is the error
    return d


def dir_named_like_a_dump(tmp: Path) -> Path:
    d = tmp / "000_c20a68f822fa74b5.txt"
    d.mkdir()
    return d


def huge_single_line(prefix: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        p = tmp / f"line-{len(prefix)}.txt"
        with p.open("wb") as fh:
            fh.write(prefix.encode())
            fh.write(b"x" * (BIG - len(prefix)))
        return p

    return build


def oversized(tmp: Path) -> Path:
    p = tmp / "oversized.txt"
    with p.open("wb") as fh:
        fh.truncate(loader.MAX_FILE_BYTES + 10)
    return p


MIXED_ROW = (
    "<tr id='p99'><td class='diff-row diff-row-first'></td><td>plain</td>"
    "<td class='diff-row diff-row-last'></td><td><ins>marked</ins></td></tr>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
VERSIONS_LINE = TEXT_LINES.index("Version 0 Version 1") + 1  # 1-based
COUNT = len(ART.versions)
COUNT_LINE = (
    TEXT_LINES.index(
        f"The article has changed {COUNT} times. There is an RSS feed of changes available."
    )
    + 1
)

CASES: list[Case] = [
    Case("empty", file("empty.txt", b""), "the file is empty"),
    Case("whitespace-only", file("blank.txt", " \n\t\r\n  \n"), "only whitespace"),
    Case("binary", file("noise.bin", bytes(range(256)) * 4), "binary", 1),
    Case(
        "nul-bytes-in-a-dump",
        file("nul.txt", TEXT.replace("\n", "\n\x00", 2)),
        "NUL bytes",
        2,
    ),
    Case("png", file("picture.txt", PNG), "a PNG image"),
    Case("jpeg", file("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "a JPEG image"),
    Case("pdf", file("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "a PDF document"),
    Case("zip", file("dumps.zip", zip_of_dump()), "a zip archive"),
    Case("gzip", file("dump.txt.gz", gzip.compress(TEXT.encode())), "gzip-compressed"),
    Case("sqlite", sqlite_db, "an SQLite database"),
    Case("plain-text", file("README.txt", "Notes about my dumps.\n"), "no known format", 1),
    Case("json", file("data.json", '{"articles": []}'), "no known format", 1),
    Case("first-line-changed", file("d.txt", "This article is " + TEXT[20:]), "no known format", 1),
    *(
        Case(
            f"text-header-cut-after-line-{n}",
            file(f"cut{n}.txt", header_cut(n)),
            f"the dump ends before {what}",
            "last",
        )
        for n, what in (
            (1, "the line 'You can find the current article"),
            (3, "the line 'The article has changed N times.'"),
            (5, "the line 'Version A Version B'"),
            (VERSIONS_LINE, "the title row"),
            (VERSIONS_LINE + 1, "the time between the versions"),
        )
    ),
    Case(
        "text-header-only",
        file("header.txt", header_cut(VERSIONS_LINE + 2)),
        "no paragraph rows",
        "last",
    ),
    Case(
        "text-missing-version-line",
        file("nov.txt", text_lines(TEXT_LINES[: VERSIONS_LINE - 1] + TEXT_LINES[VERSIONS_LINE:])),
        "expected the line 'Version A Version B'",
        VERSIONS_LINE,
    ),
    Case(
        "text-garbled-version-numbers",
        file("garbled.txt", TEXT.replace("Version 0 Version 1", "Version zero Version 1x")),
        "expected the line 'Version A Version B', found 'Version zero Version 1x'",
        VERSIONS_LINE,
    ),
    Case(
        "text-version-number-of-5000-digits",
        file("long.txt", TEXT.replace("Version 0 Version 1", "Version 0 Version " + "9" * 5000)),
        "the version number 999999999999... is too large",
        VERSIONS_LINE,
    ),
    Case(
        # int() reads Arabic-Indic digits; a dump never has them, so it is damaged
        "text-version-number-in-arabic-indic-digits",
        file("indic.txt", TEXT.replace("Version 0 Version 1", "Version 0 Version \u0661")),
        "expected the line 'Version A Version B', found 'Version 0 Version \u0661'",
        VERSIONS_LINE,
    ),
    Case(
        "text-version-count-of-5000-digits",
        file(
            "count.txt", TEXT.replace(f"changed {COUNT} times", "changed " + "9" * 5000 + " times")
        ),
        "the version count 999999999999... is too large",
        COUNT_LINE,
    ),
    Case(
        "text-missing-title-row",
        file(
            "notitle.txt", text_lines(TEXT_LINES[:VERSIONS_LINE] + TEXT_LINES[VERSIONS_LINE + 1 :])
        ),
        "expected the time between the versions",
        VERSIONS_LINE + 2,
    ),
    Case(
        "text-cut-mid-row-inside-a-character",
        file("cutrow.txt", (TEXT + " “quoted”").encode()[:-1]),
        "not valid UTF-8",
        len(TEXT_LINES),
    ),
    Case(
        "invalid-utf8",
        file("latin.txt", TEXT.encode().replace(b"Version 0", b"Versi\xf3n 0") + "é".encode()),
        "not valid UTF-8",
        VERSIONS_LINE,
    ),
    Case("utf16-without-bom", file("le.txt", TEXT.encode("utf-16-le")), "UTF-16 without a byte"),
    Case(
        "utf16-lone-surrogate",
        file(
            "sur.txt",
            codecs.BOM_UTF16_LE + (TEXT + "\n\ud800").encode("utf-16-le", "surrogatepass"),
        ),
        "not valid UTF-16",
        len(TEXT_LINES) + 1,
    ),
    Case(
        "utf8-encoded-surrogate",
        file("sur8.txt", TEXT.encode() + b"\n\xed\xa0\x80"),
        "not valid UTF-8",
        len(TEXT_LINES) + 1,
    ),
    Case("windows-1252-undefined-byte", file("w.txt", b"Caf\xe9 \x81 menu\n"), "Windows-1252", 1),
    Case("50mb-single-line", huge_single_line(""), "no known format", 1),
    Case(
        "50mb-single-line-dump-prefix",
        huge_single_line(
            "This article is from the source 'x' and was first published or seen on ."
        ),
        "the dump ends before the line 'You can find",
        1,
    ),
    Case("oversized", oversized, "are refused"),
    Case(
        "html-no-table",
        file("t.html", PAGE.replace("version_diff", "versions")),
        "no version table",
    ),
    Case(
        "html-no-table-no-title",
        file("t1.html", PAGE.replace("version_diff", "versions").replace("diff viewer", "")),
        "no known format",
        1,
    ),
    Case(
        "html-table-but-not-newssniffer",
        file("t2.html", "<html><table class='version_diff'><tr><td>x</td></tr></table></html>"),
        "no article URL",
        1,
    ),
    Case(
        "html-truncated",
        file("trunc.html", PAGE[: PAGE.index("<tr id='p2'")]),
        "never closes",
        "last",
    ),
    Case(
        "html-without-rows",
        file("norows.html", PAGE[: PAGE.index("<tr id='p1'")] + PAGE[PAGE.index("</table>") :]),
        "no paragraph rows",
        page_line('<table class="version_diff">'),
    ),
    Case(
        "html-missing-version-header",
        file("nover.html", PAGE.replace('class="version"', 'class="x"')),
        "names no versions",
        page_line("<tr id='p1'"),
    ),
    Case(
        "html-garbled-version-number",
        file("gv.html", PAGE.replace("Version 1</small>", "Version I</small>")),
        "does not read 'Version A' and 'Version B'",
        page_line('<th class="version">') - 2,
    ),
    Case(
        "html-version-number-of-5000-digits",
        file("gv2.html", PAGE.replace("Version 1</small>", "Version " + "9" * 5000 + "</small>")),
        "the version number 999999999999... is too large",
        page_line('<th class="version">') - 2,
    ),
    Case(
        "html-version-number-in-arabic-indic-digits",
        file("indic.html", PAGE.replace("Version 1</small>", "Version \u0661</small>")),
        "does not read 'Version A' and 'Version B'",
        page_line('<th class="version">') - 2,
    ),
    Case(
        "html-version-count-of-5000-digits",
        file("count.html", PAGE.replace(f"<var>{COUNT}</var>", "<var>" + "9" * 5000 + "</var>")),
        "the version count 999999999999... is too large",
        page_line("<var>"),
    ),
    Case(
        "html-missing-title-row",
        file("notitle.html", PAGE.replace('class="title"', 'class="t"')),
        "no title row",
        page_line('<table class="version_diff">'),
    ),
    Case(
        "html-bad-capture-time",
        file("time.html", PAGE.replace('datetime="', 'datetime="soon', 1)),
        "is not an ISO 8601 date",
        page_line('<th class="time">'),
    ),
    Case(
        "html-capture-time-before-year-1-in-utc",
        file(
            "time1.html",
            re.sub('datetime="[^"]*"', 'datetime="0001-01-01T00:30+01:00"', PAGE, count=1),
        ),
        "the capture time '0001-01-01T00:30+01:00' is out of range",
        page_line('<th class="time">'),
    ),
    Case(
        "html-unclosed-cell",
        file("cell.html", PAGE.replace("</td></tr>\n<tr id='p2'", "</tr>\n<tr id='p2'", 1)),
        "is never closed",
        page_line("<tr id='p1'"),
    ),
    Case(
        "html-cell-outside-a-row",
        file("orphan.html", PAGE.replace("<thead>", "<thead><td>stray</td>", 1)),
        "stands outside any <tr> row",
        page_line("<thead>"),
    ),
    Case(
        "html-row-mixing-marked-and-plain-cells",
        file("mixed.html", PAGE.replace("</table>", MIXED_ROW + "\n</table>", 1)),
        "mixes a marked and an unmarked paragraph",
        page_line("</table>"),
    ),
    Case(
        "utf16-page-cut-mid-character",
        file("odd.html", PAGE.encode("utf-16")[:-1]),
        "not valid UTF-16",
        PAGE.count("\n"),  # the page ends in a newline: the cut one is on the last line
    ),
    Case(
        "html-50mb-of-unclosed-cells",
        file(
            "cells.html", PAGE[: PAGE.index("<tr id='p1'")] + "<tr><td>" * (BIG // 8) + "</table>"
        ),
        "is never closed",
        page_line("<tr id='p1'"),
    ),
    Case(
        "html-header-of-unclosed-tags",
        file(
            "links.html",
            "<title>'x' diff viewer (0/1) - News Sniffer</title>"  # known by its title
            + "<link href='a' <cite " * 100_000
            + PAGE[PAGE.index("<table") :],
        ),
        "no article URL",
        1,
    ),
    Case(
        "html-title-that-never-ends",
        file("title.html", "<title>News Sniffer diff viewer " + "News Sniffer " * 100_000),
        "no known format",
        1,
    ),
    Case("fifo", fifo, "a named pipe (FIFO)"),
    Case("dangling-link", dangling_link, "a broken link"),
    Case("unreadable", unreadable, "cannot read the file"),
    Case("directory-loop", directory_loop, "loops back to", at="again"),
    Case("directory-named-like-a-dump", dir_named_like_a_dump, "the folder holds no files"),
]


def test_the_list_is_long_enough_and_ids_are_unique() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


def expected_line(case: Case, path: Path) -> int | None:
    if case.line == "last":
        data = path.read_bytes()
        return data.count(b"\n") + 1
    assert not isinstance(case.line, str)
    return case.line


#: cases that need POSIX file kinds (pipes, links, permissions)
POSIX_ONLY = {"fifo", "dangling-link", "unreadable", "directory-loop"}
POSIX = hasattr(os, "mkfifo") and hasattr(os, "geteuid")


def params() -> list[object]:
    return [
        pytest.param(
            c,
            id=c.id,
            marks=pytest.mark.skipif(c.id in POSIX_ONLY and not POSIX, reason="POSIX only"),
        )
        for c in CASES
    ]


@pytest.mark.parametrize("case", params())
def test_each_malformed_input_gives_one_clear_error_and_the_rest_loads(
    case: Case, tmp_path: Path
) -> None:
    bad = case.build(tmp_path)
    good = tmp_path / "good" / "page.html"
    good.parent.mkdir()
    good.write_text(PAGE, encoding="utf-8")
    started = time.perf_counter()
    result = load([bad, good])
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"{case.id} took {elapsed:.1f} s"
    assert [v.number for a in result.articles for v in a.versions][:2] == [0, 1]
    assert all(str(good) in a.sources or case.id == "directory-loop" for a in result.articles)
    errors = [e for e in result.errors if e.path == str(case.reported(bad))]
    assert len(errors) == 1, result.errors
    assert len(result.errors) == 1, result.errors
    [error] = errors
    assert case.message in error.message
    assert error.line == expected_line(case, bad)


def test_revviewer_parse_reports_every_malformed_input_without_a_traceback(
    tmp_path: Path,
) -> None:
    bad = []
    reported = []
    for i, case in enumerate(CASES):
        if "50mb" in case.id or (case.id in POSIX_ONLY and not POSIX):
            continue  # 50 MB cases: covered above, and 100 MB more adds nothing here
        d = tmp_path / f"{i:02d}"
        d.mkdir()
        given = case.build(d)
        bad.append(str(given))
        reported.append(str(case.reported(given)))
    good = tmp_path / "good.html"
    good.write_text(PAGE, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "revviewer", "parse", "--json", *bad, str(good)],
        capture_output=True,
        timeout=120,
    )
    assert b"Traceback" not in out.stderr + out.stdout
    assert out.returncode == 0
    doc = json.loads(out.stdout.decode("utf-8"))
    assert {e["path"] for e in doc["errors"]} == set(reported)
    assert len(doc["errors"]) == len(bad)
    assert len(doc["articles"]) == 1

    human = subprocess.run(
        [sys.executable, "-m", "revviewer", "parse", *bad],
        capture_output=True,
        timeout=120,
    )
    assert b"Traceback" not in human.stderr + human.stdout
    assert human.returncode == 0  # the looping folder's page loads
    assert human.stderr.decode().count("error: ") == len(bad)
