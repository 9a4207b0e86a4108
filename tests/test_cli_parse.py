"""``revviewer parse`` as a user runs it: a real subprocess, its JSON, text and exit codes."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from revviewer.testing.dumpgen import random_article, render_text
from revviewer.testing.dumphtml import render_html

HTML_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "revviewer", "parse", *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_json_has_the_promised_shape_and_the_exact_paragraphs() -> None:
    out = run("--json", str(HTML_FIXTURES))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout.decode("utf-8"))
    assert set(doc) >= {"articles", "errors"}
    by_url = {a["url"]: a for a in doc["articles"]}
    for page in sorted(HTML_FIXTURES.glob("*.html")):
        expected = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
        article = by_url[expected["url"]]
        assert isinstance(article["key"], str) and article["key"]
        assert article["source"] == expected["source"]
        got = [
            (v["number"], v["title"], v["paragraphs"], v["inferred"]) for v in article["versions"]
        ]
        want = [
            (v["number"], v["title"], v["paragraphs"], v["inferred"]) for v in expected["versions"]
        ]
        assert got == want
    # the golden .expected.json files sit in the folder too: not dumps, each one error
    assert sorted(Path(e["path"]).name for e in doc["errors"]) == sorted(
        p.name for p in HTML_FIXTURES.glob("*.expected.json")
    )
    for error in doc["errors"]:
        assert set(error) >= {"path", "line", "message"}
        assert error["line"] is None or isinstance(error["line"], int)
        assert "no known format" in error["message"]


def test_versions_come_out_sorted_by_number_across_dumps(tmp_path: Path) -> None:
    art = random_article(random.Random(41), n_versions=5)
    # newest comparison first on the command line and in name order
    for a, name in ((3, "a.html"), (1, "b.html"), (0, "c.html"), (2, "d.html")):
        (tmp_path / name).write_text(render_html(art, a, a + 1), encoding="utf-8")
    out = run("--json", str(tmp_path / "a.html"), str(tmp_path))
    doc = json.loads(out.stdout)
    [article] = doc["articles"]
    assert [v["number"] for v in article["versions"]] == [0, 1, 2, 3, 4]
    assert [v["paragraphs"] for v in article["versions"]] == [v.paragraphs for v in art.versions]
    assert doc["errors"] == []


def test_exit_code_is_1_when_nothing_loaded(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just notes")
    out = run("--json", str(tmp_path / "notes.txt"), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc["articles"] == []
    assert [Path(e["path"]).name for e in doc["errors"]] == ["missing.txt", "notes.txt"]
    assert run(str(tmp_path / "notes.txt")).returncode == 1


def test_exit_code_is_2_for_bad_usage() -> None:
    for args in ((), ("--jsno", "x"), ("--json",)):
        out = run(*args)
        assert out.returncode == 2
        assert b"usage:" in out.stderr
        assert b"Traceback" not in out.stderr


def test_summary_names_each_article_and_sends_errors_to_stderr(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<table class='version_diff'><tr>")
    out = run(str(HTML_FIXTURES / "modern_2016.html"), str(tmp_path / "broken.html"))
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    assert "Floods: army steps in as Ouse rises" in text
    assert "source: Example News" in text
    assert "url: https://www.example.org/news/uk-york-floods" in text
    assert "versions (2 of 7): 3, 5" in text
    assert "guessed: nothing" in text
    assert "broken.html" not in text
    err = out.stderr.decode("utf-8")
    assert f"error: {tmp_path / 'broken.html'}:1: the page is cut off" in err


def test_summary_lists_the_guessed_versions_as_the_json_does(tmp_path: Path) -> None:
    for seed in range(12):
        art = random_article(random.Random(seed), n_versions=3)
        (tmp_path / f"{seed}.txt").write_text(render_text(art, 0, 1), encoding="utf-8")
    doc = json.loads(run("--json", str(tmp_path)).stdout)
    text = run(str(tmp_path)).stdout.decode("utf-8")
    blocks = {b.split("\n", 1)[0]: b for b in _blocks(text)}
    assert len(doc["articles"]) == len(blocks) == 12
    for article in doc["articles"]:
        block = blocks[article["title"]]
        guessed = [v["number"] for v in article["versions"] if v["inferred"]]
        if guessed:
            line = next(ln for ln in block.splitlines() if ln.startswith("  guessed: "))
            assert [int(part.split(" ", 1)[0]) for part in line[11:].split("; ")] == guessed
        else:
            assert "  guessed: nothing" in block


def _blocks(text: str) -> list[str]:
    """The summary split into one block per article (a block starts unindented)."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if not line.startswith("  "):
            blocks.append([])
        blocks[-1].append(line)
    return ["\n".join(b) for b in blocks[:-1]]  # the last line is the count


def test_a_console_that_cannot_show_the_text_gets_replacements_not_a_crash() -> None:
    out = run(str(HTML_FIXTURES / "modern_2016.html"), env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 0
    assert b"Traceback" not in out.stderr
    js = run("--json", str(HTML_FIXTURES / "modern_2016.html"), env={"PYTHONIOENCODING": "ascii"})
    assert "“We are ready.”" in js.stdout.decode("utf-8")
