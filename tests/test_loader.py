"""The loader: folders, links, odd files, progress, and never touching or failing on input."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sys
import threading
import traceback
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revviewer.core import formats, loader
from revviewer.core.errors import DumpError
from revviewer.core.loader import LoadResult, Progress, iter_load, load
from revviewer.testing.dumpgen import random_article, render_text
from revviewer.testing.dumphtml import render_html

HTML_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def write_page(path: Path, seed: int, a: int = 0, b: int = 1) -> str:
    """A generated page at ``path``; returns its article URL."""
    art = random_article(random.Random(seed), n_versions=max(b + 1, 2))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(art, a, b), encoding="utf-8")
    return art.url


def errors_for(result: LoadResult, path: Path) -> list[str]:
    return [e.message for e in result.errors if e.path == str(path)]


def test_folders_are_walked_recursively_in_name_order(tmp_path: Path) -> None:
    urls = {
        write_page(tmp_path / "b" / "deep" / "er" / "x.html", 1),
        write_page(tmp_path / "a.html", 2),
        write_page(tmp_path / "b" / "y.htm", 3),
    }
    seen: list[str] = []
    gen = iter_load([tmp_path])
    try:
        while True:
            seen.append(next(gen).path)
    except StopIteration as stop:
        result = stop.value
    assert {a.url for a in result.articles} == urls
    assert result.errors == []
    assert seen == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "deep" / "er" / "x.html"),
        str(tmp_path / "b" / "y.htm"),
    ]


def test_progress_counts_every_file_once(tmp_path: Path) -> None:
    for i in range(4):
        write_page(tmp_path / f"{i}.html", i)
    (tmp_path / "junk.txt").write_text("nothing to see")
    progress = []
    gen = iter_load([tmp_path])
    try:
        while True:
            progress.append(next(gen))
    except StopIteration as stop:
        result = stop.value
    assert [p.done for p in progress] == [1, 2, 3, 4, 5]
    assert {p.total for p in progress} == {5}
    assert all(isinstance(p, Progress) for p in progress)
    assert len(result.articles) == 4
    assert len(result.errors) == 1


def test_hidden_entries_inside_folders_are_skipped_but_explicit_ones_read(
    tmp_path: Path,
) -> None:
    write_page(tmp_path / ".git" / "page.html", 1)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    write_page(tmp_path / "visible.html", 2)
    result = load([tmp_path])
    assert len(result.articles) == 1
    assert result.errors == []
    assert len(load([tmp_path / ".git" / "page.html"]).articles) == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_link_loop_is_walked_once_and_reported(tmp_path: Path) -> None:
    root = tmp_path / "dumps"
    write_page(root / "sub" / "p.html", 1)
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "again").symlink_to(root / "sub", target_is_directory=True)
    result = load([root])
    assert len(result.articles) == 1
    assert result.articles[0].versions[0].sources == [str(root / "again" / "p.html")]
    loops = [e for e in result.errors if "loops back" in e.message]
    assert len(loops) == 1
    assert len(result.errors) == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_one_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    write_page(page, 1)
    (tmp_path / "link.html").symlink_to(page)
    result = load([page, tmp_path, page])
    assert len(result.articles) == 1
    assert all(len(v.sources) == 1 for v in result.articles[0].versions)
    assert result.errors == []


def test_adjacent_pages_of_one_article_merge_into_one_chain(tmp_path: Path) -> None:
    art = random_article(random.Random(9), n_versions=4)
    for a in range(3):
        (tmp_path / f"{a}.html").write_text(render_html(art, a, a + 1), encoding="utf-8")
    result = load([tmp_path])
    [article] = result.articles
    assert [v.number for v in article.versions] == [0, 1, 2, 3]
    assert [v.paragraphs for v in article.versions] == [v.paragraphs for v in art.versions]


def test_each_article_records_the_digest_of_every_file_it_was_read_from(
    tmp_path: Path,
) -> None:
    art = random_article(random.Random(9), n_versions=3)
    (tmp_path / "a.html").write_text(render_html(art, 0, 1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(render_text(art, 1, 2), encoding="utf-8")
    [article] = load([tmp_path]).articles
    expected = {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(tmp_path.iterdir())
    }
    assert article.digests == expected
    assert set(article.sources) == set(expected)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    write_page(tmp_path / "ok.html", 1)
    box: list[LoadResult] = []
    worker = threading.Thread(target=lambda: box.append(load([tmp_path])), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "loading blocked on a named pipe"
    [result] = box
    assert len(result.articles) == 1
    assert errors_for(result, tmp_path / "pipe.html") == [
        "a named pipe (FIFO), not a file: skipped without opening it"
    ]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_skipped() -> None:
    result = load(["/dev/null"])
    assert [e.message for e in result.errors] == [
        "a device, not a file: skipped without opening it"
    ]


def test_files_over_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: instant, takes no disk
        fh.truncate(loader.MAX_FILE_BYTES + 1)
    result = load([big])
    [message] = errors_for(result, big)
    assert "refused" in message and "256 MiB" in message


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unreadable_file_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "locked.html"
    write_page(bad, 1)
    write_page(tmp_path / "ok.html", 2)
    if os.geteuid() == 0:
        # root reads through chmod 000; /proc/self/mem fails to read for anyone.
        if not Path("/proc/self/mem").exists():
            pytest.skip("running as root without /proc")
        bad.unlink()
        bad.symlink_to("/proc/self/mem")
    else:
        bad.chmod(0)
    try:
        result = load([tmp_path])
    finally:
        if not bad.is_symlink():
            bad.chmod(0o644)
    [message] = errors_for(result, bad)
    assert message.startswith("cannot read the file:")
    assert len(result.articles) == 1


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root lists any folder")
def test_an_unlistable_folder_is_one_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write_page(locked / "p.html", 1)
    write_page(tmp_path / "ok.html", 2)
    locked.chmod(0)
    try:
        result = load([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [e.message for e in result.errors if e.path == str(locked)] == [
        "cannot list the folder: Permission denied"
    ]
    assert len(result.articles) == 1


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    shutil.copytree(HTML_FIXTURES, tmp_path / "in")
    (tmp_path / "in" / "bad.html").write_bytes(b"<table class='version_diff'><tr>")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in (tmp_path / "in").rglob("*")
    }
    result = load([tmp_path / "in"])
    assert len(result.articles) == 4
    after = {
        p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in (tmp_path / "in").rglob("*")
    }
    assert after == before


def test_a_parser_bug_costs_one_file_not_the_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_parse(path: str, data: bytes) -> list[object]:
        raise ValueError("boom")

    crashing = SimpleNamespace(
        NAME="crashing",
        DESCRIPTION="a format whose parser has a bug",
        sniff=lambda head: head.startswith(b"CRASH"),
        parse=broken_parse,
    )
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, crashing))
    (tmp_path / "crash.txt").write_bytes(b"CRASH now")
    write_page(tmp_path / "ok.html", 1)
    result = load([tmp_path])
    assert len(result.articles) == 1
    [message] = errors_for(result, tmp_path / "crash.txt")
    assert message == "could not be read: internal error (ValueError: boom)"


def test_load_file_raises_dump_error_for_bad_input(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    with pytest.raises(DumpError, match="the file is empty"):
        loader.load_file(tmp_path / "e.txt")


def test_paths_may_be_strings_or_paths_and_missing_ones_are_reported(tmp_path: Path) -> None:
    write_page(tmp_path / "p.html", 1)
    result = load([str(tmp_path / "p.html"), tmp_path / "nope.html"])
    assert len(result.articles) == 1
    assert errors_for(result, tmp_path / "nope.html") == ["no such file or folder"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_link_to_itself_is_one_error_given_or_found(tmp_path: Path) -> None:
    (tmp_path / "self.html").symlink_to(tmp_path / "self.html")
    write_page(tmp_path / "ok.html", 1)
    given = load([tmp_path / "self.html"])
    [error] = given.errors
    assert error.message.startswith("cannot open it: ")
    found = load([tmp_path])
    assert len(found.articles) == 1
    [message] = errors_for(found, tmp_path / "self.html")
    assert message.startswith("cannot read the file: ")


def test_folders_nested_deeper_than_the_recursion_limit_load(tmp_path: Path) -> None:
    # Lower the limit rather than build a tree deeper than the real one: such a tree
    # would defeat shutil.rmtree, and so pytest's clean-up, which recurse.
    in_use = len(traceback.extract_stack())
    deep = tmp_path.joinpath(*["d"] * 150)
    deep.mkdir(parents=True)
    write_page(deep / "p.html", 1)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(in_use + 100)
    try:
        result = load([tmp_path])
    finally:
        sys.setrecursionlimit(limit)
    assert result.errors == []
    assert len(result.articles) == 1


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    # the sniffed head ends inside a 4-byte UTF-8 sequence / a UTF-16 surrogate pair
    [("utf-8", formats.SNIFF_BYTES - 2), ("utf-16", formats.SNIFF_BYTES // 2 - 2)],
)
def test_a_long_unknown_file_cut_mid_character_by_sniffing_is_not_called_corrupt(
    tmp_path: Path, encoding: str, prefix: int
) -> None:
    text = "a" * prefix + "\U0001d11e" * 50
    data = text.encode(encoding)
    assert len(data) > formats.SNIFF_BYTES
    (tmp_path / "long.txt").write_bytes(data)
    [error] = load([tmp_path / "long.txt"]).errors
    assert "no known format recognised its content" in error.message
    assert error.line == 1


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8-sig", "\n"),
        ("utf-16", "\n"),
        ("utf-8", "\r\n"),
        ("utf-16", "\r\n"),
        ("cp1252", "\r\n"),
        ("cp1252", "\n"),
    ],
)
def test_a_text_dump_reads_the_same_in_every_encoding_and_line_end(
    tmp_path: Path, encoding: str, newline: str
) -> None:
    art = random_article(random.Random(31), n_versions=3)
    text = render_text(art, 1, 2)
    assert "\u00a0" in text or "“" in text or "’" in text  # something beyond ASCII
    reference = load([_write(tmp_path / "ref.txt", text.encode("utf-8"))])
    variant = _write(tmp_path / "v.txt", text.replace("\n", newline).encode(encoding))
    result = load([variant])
    assert result.errors == []
    assert [(v.number, v.title, v.paragraphs) for v in result.articles[0].versions] == [
        (v.number, v.title, v.paragraphs) for v in reference.articles[0].versions
    ]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mutated(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data[: max(1, cut % (len(data) + 1))])
    for at, value in flips:
        if out:
            out[at % len(out)] = value
    return bytes(out)


_SAMPLE = random_article(random.Random(99), n_versions=3)
_SAMPLES = {
    "page.html": render_html(_SAMPLE, 0, 1).encode("utf-8"),
    "legacy.html": render_html(_SAMPLE, 1, 2, layout="legacy").encode("utf-16"),
    "dump.txt": render_text(_SAMPLE, 0, 1).encode("utf-8"),
}


# REVVIEWER_FUZZ_EXAMPLES=5000 runs a longer hunt locally.
@settings(
    max_examples=int(os.environ.get("REVVIEWER_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.sampled_from(sorted(_SAMPLES)),
    st.integers(min_value=0),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=4),
)
def test_damaged_dumps_give_articles_or_one_clear_error_never_a_crash(
    tmp_path: Path, name: str, cut: int, flips: list[tuple[int, int]]
) -> None:
    path = tmp_path / name
    path.write_bytes(_mutated(_SAMPLES[name], cut, flips))
    result = load([path])
    file_errors = [e for e in result.errors if e.path == str(path)]
    assert len(file_errors) + (1 if result.articles else 0) == 1, result.errors
    for error in file_errors:
        assert "internal error" not in error.message, error.message
        assert error.line is None or error.line >= 1


@pytest.mark.parametrize("seed", range(5))
def test_html_pages_and_a_text_dump_of_one_article_load_as_one_exact_chain(
    tmp_path: Path, seed: int
) -> None:
    art = random_article(random.Random(seed), n_versions=4)
    (tmp_path / "a.html").write_text(render_html(art, 0, 1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(render_text(art, 1, 2), encoding="utf-8")
    (tmp_path / "c.html").write_text(render_html(art, 2, 3, layout="legacy"), encoding="utf-8")
    result = load([tmp_path])
    assert result.errors == []
    [article] = result.articles
    assert article.conflicts == []
    assert [(v.number, v.title, v.paragraphs) for v in article.versions] == [
        (v.number, v.title, v.paragraphs) for v in art.versions
    ]
    assert all(v.is_exact for v in article.versions)
    assert article.version(1).sources == [str(tmp_path / "a.html"), str(tmp_path / "b.txt")]
