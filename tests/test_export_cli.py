"""`revviewer export` end to end, as a user runs it (a subprocess on generated dumps)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from export_tree import assert_self_contained, parse, text

from revviewer.core.model import article_key
from revviewer.testing.dumpgen import GenArticle, random_article
from revviewer.testing.dumphtml import render_html


def cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "revviewer", "export", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        env=None if env is None else {**os.environ, **env},
    )


def _dumps(folder: Path, article: GenArticle, name: str) -> list[Path]:
    """Saved pages of each consecutive pair of versions of ``article``."""
    paths = []
    for a, b in zip(article.versions, article.versions[1:], strict=False):
        p = folder / f"{name}-{a.number}-{b.number}.html"
        p.write_text(render_html(article, a.number, b.number), encoding="utf-8")
        paths.append(p)
    return paths


@pytest.fixture
def one(tmp_path: Path) -> tuple[GenArticle, list[Path]]:
    article = random_article(random.Random(5), n_versions=3, n_paragraphs=6)
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    return article, _dumps(dumps, article, "one")


def _versions_compared(page: Path) -> list[str]:
    tree = parse(page.read_text(encoding="utf-8"))
    (table,) = [t for t in tree.iter("table") if t.get("class") == "d"]
    return [text(th) for th in table.iter("th")][1:3]


def test_one_article_exports_its_last_two_versions_to_the_named_file(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    article, dumps = one
    out = tmp_path / "out.html"
    done = cli(*dumps, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert _versions_compared(out) == ["Version 1", "Version 2"]
    tree = parse(out.read_text(encoding="utf-8"))
    assert_self_contained(tree, allowed_links={article.url})
    assert dumps[-1].name in text(tree)


def test_from_to_all_and_inline_choose_what_is_exported(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    article, dumps = one
    picked = cli(*dumps, "-o", tmp_path / "picked.html", "--from", "0", "--to", "2")
    assert picked.returncode == 0, picked.stderr
    assert _versions_compared(tmp_path / "picked.html") == ["Version 0", "Version 2"]
    # an output folder gets a file named by the article's key
    whole = cli(*dumps, "-o", tmp_path, "--all", "--inline")
    assert whole.returncode == 0, whole.stderr
    page = tmp_path / f"{article_key(article.url)}.html"
    tree = parse(page.read_text(encoding="utf-8"))
    steps = [s.get("id") for s in tree.iter("section")]
    assert steps == ["v0-1", "v1-2"]
    assert {len(tr.findall("td")) for tr in tree.iter("tr") if tr.find("th/abbr") is not None} == {
        1
    }


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    _, dumps = one
    out = tmp_path / "out.html"
    out.write_text("keep me")
    refused = cli(*dumps, "-o", out)
    assert refused.returncode == 1
    assert "--force" in refused.stderr and str(out) in refused.stderr
    assert out.read_text() == "keep me"
    forced = cli(*dumps, "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_several_articles_give_one_file_each_and_an_index(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    first, dumps = one
    second = random_article(random.Random(9), n_versions=2, n_paragraphs=4)
    dumps += _dumps(dumps[0].parent, second, "two")
    out = tmp_path / "site"
    done = cli(dumps[0].parent, "-o", out)
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in out.iterdir())
    keys = sorted(f"{article_key(a.url)}.html" for a in (first, second))
    assert files == sorted([*keys, "index.html"])
    index = parse((out / "index.html").read_text(encoding="utf-8"))
    assert_self_contained(index, allowed_links={*keys, first.url, second.url})
    assert sorted(a.get("href") for a in index.iter("a") if a.get("href") in keys) == keys
    # --from/--to name versions of one article
    usage = cli(dumps[0].parent, "-o", tmp_path / "x", "--from", "0", "--to", "1")
    assert usage.returncode == 2 and "--article" in usage.stderr
    picked = cli(dumps[0].parent, "-o", tmp_path / "b.html", "--article", keys[0][:-5])
    assert picked.returncode == 0, picked.stderr


@pytest.mark.parametrize(
    "args",
    [["--from", "1"], ["--all", "--from", "0", "--to", "1"], []],
    ids=["from-without-to", "all-with-from", "no-output"],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    out = [] if not args else ["-o", str(tmp_path / "o.html")]
    done = cli(tmp_path, *out, *args)
    assert done.returncode == 2
    assert not (tmp_path / "o.html").exists()


def test_load_errors_name_their_files_and_nothing_loaded_exits_1(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    _, dumps = one
    junk = tmp_path / "junk.txt"
    junk.write_text("not a dump at all")
    partly = cli(*dumps, junk, "-o", tmp_path / "out.html")
    assert partly.returncode == 0
    assert str(junk) in partly.stderr
    nothing = cli(junk, tmp_path / "missing.html", "-o", tmp_path / "none.html")
    assert nothing.returncode == 1
    assert str(junk) in nothing.stderr and str(tmp_path / "missing.html") in nothing.stderr
    assert "no article could be loaded" in nothing.stderr
    assert "Traceback" not in nothing.stderr
    unknown = cli(*dumps, "-o", tmp_path / "u.html", "--article", "no-such-key")
    assert unknown.returncode == 1 and "no-such-key" in unknown.stderr
    absent = cli(*dumps, "-o", tmp_path / "v.html", "--from", "0", "--to", "7")
    assert absent.returncode == 1 and "no version" in absent.stderr
    assert not (tmp_path / "none.html").exists() and not (tmp_path / "v.html").exists()


def test_a_hostile_file_name_reaches_the_page_as_text(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    article, dumps = one
    hostile = dumps[0].with_name('"><img src=x onerror=alert(1)>.html')
    dumps[-1].rename(hostile)
    out = tmp_path / "out.html"
    done = cli(dumps[0], hostile, "-o", out)
    assert done.returncode == 0, done.stderr
    tree = parse(out.read_text(encoding="utf-8"))
    assert_self_contained(tree, allowed_links={article.url})
    assert hostile.name in text(tree)


def test_an_ascii_console_gets_messages_not_a_traceback(
    tmp_path: Path, one: tuple[GenArticle, list[Path]]
) -> None:
    _, dumps = one
    out = tmp_path / "d\u00e9j\u00e0-vu"
    done = cli(
        *dumps, tmp_path / "caf\u00e9.txt", "-o", str(out) + "/", env={"PYTHONIOENCODING": "ascii"}
    )
    assert done.returncode == 0, done.stderr
    assert "caf?.txt: no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr
    # a trailing slash asks for a folder, created like mkdir -p
    assert [p.suffix for p in out.iterdir()] == [".html"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed dumps are not there ({SEEDS})")
def test_the_seed_dumps_export_to_a_folder_with_an_index(tmp_path: Path) -> None:
    out = tmp_path / "seeds"
    done = cli(SEEDS, "-o", out, "--all")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    pages = sorted(p.name for p in out.iterdir())
    assert len(pages) == 3 and "index.html" in pages
    for name in pages:
        tree = parse((out / name).read_text(encoding="utf-8"))
        links = {a.get("href") for a in tree.iter("a") if not a.get("href", "#").startswith("#")}
        assert_self_contained(tree, allowed_links=links - {None})
        # every link out of a page is the article's own http(s) URL or a sibling file
        assert all(h.startswith(("https://www.", "http://www.")) or h in pages for h in links)
