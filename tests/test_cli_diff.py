"""``revviewer diff`` as a user runs it: hand-written NewsSniffer text dumps in, word
diff or JSON out, exit codes for every way it can go wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from revviewer.cli import main
from revviewer.cli.diff_cmd import render
from revviewer.core.diff import compare
from revviewer.core.model import Article, Version

HEAD = (
    "This article is from the source 'guardian' and was first published or seen on . "
    "It will not be checked again for changes.\n\n"
    "You can find the current article at its original source at {url}\n\n"
    "The article has changed 4 times. There is an RSS feed of changes available.\n\n"
)
URL = "https://www.theguardian.com/world/2020/jan/01/minister-resigns"
P1 = "The minister resigned on Tuesday after a week of protests."
P2_OLD = "Police said three people were arrested near the Parliament building."
P2_NEW = "Police said four people were arrested near the parliament building."
P3 = "A spokesman declined to comment."


def dump(url: str, a: int, b: int, rows: list[str], title: str = "Minister resigns") -> str:
    """A NewsSniffer text dump: match rows are the paragraph twice, change rows old + ' ' + new."""
    body = [f"Version {a} Version {b}", f"{title} {title}", "(about 2 hours later)", *rows]
    return HEAD.format(url=url) + "\n".join(body)


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "v1-v2.txt").write_text(
        dump(URL, 1, 2, [P1 + P1, P2_OLD + " " + P2_NEW, P3 + P3]), "utf-8"
    )
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_word_diff_of_the_last_two_versions(
    dumps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(dumps))
    assert code == 0, err
    assert "version 1 -> 2" in out
    assert (
        "Police said [-three-]{+four+} people were arrested near the "
        "[-Parliament-]{+parliament+} building." in out
    )
    assert P1 not in out  # unchanged paragraphs are not printed
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert "2 words deleted, 2 inserted" in out


def test_json(dumps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(dumps), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["article"].startswith("minister-resigns-")
    assert (doc["from"], doc["to"]) == (1, 2)
    assert doc["title"] == {"spans": [{"op": "equal", "text": "Minister resigns"}]}
    assert [(r["kind"], r["old"], r["new"], r["move"]) for r in doc["rows"]] == [
        ("equal", [0], [0], None),
        ("changed", [1], [1], None),
        ("equal", [2], [2], None),
    ]
    assert doc["rows"][1]["spans"][:3] == [
        {"op": "equal", "text": "Police said "},
        {"op": "delete", "text": "three"},
        {"op": "insert", "text": "four"},
    ]
    assert doc["stats"]["words_inserted"] == 2 and doc["stats"]["paragraphs_changed"] == 1


def test_ignore_case(dumps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(dumps), "--json", "--ignore-case")
    assert code == 0
    doc = json.loads(out)
    spans = doc["rows"][1]["spans"]
    assert {"op": "equal", "text": "parliament", "ignored": True, "old_text": "Parliament"} in spans
    assert doc["stats"]["ignored_changes"] == 1 and doc["stats"]["words_inserted"] == 1
    code, out, _ = run(capsys, str(dumps), "--ignore-case")
    assert "[-three-]{+four+} people were arrested near the {~~Parliament~>parliament~~}" in out


def test_any_two_versions(dumps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p4 = "Elections will be held in March."
    (dumps / "v2-v3.txt").write_text(
        dump(URL, 2, 3, [P1 + P1, P2_NEW + P2_NEW, P3 + P3, p4]), "utf-8"
    )
    code, out, err = run(capsys, str(dumps), "--from", "1", "--to", "3", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["from"], doc["to"]) == (1, 3)
    kinds = [r["kind"] for r in doc["rows"]]
    assert kinds[:3] == ["equal", "changed", "equal"]
    # Backwards works too.
    code, out, _ = run(capsys, str(dumps), "--from", "3", "--to", "1", "--json")
    assert code == 0 and json.loads(out)["stats"]["words_deleted"] >= 6


def test_several_articles_need_article(dumps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = "https://www.theguardian.com/world/2020/jan/02/floods"
    (dumps / "other.txt").write_text(dump(other, 0, 1, [P3 + P3], title="Floods"), "utf-8")
    code, out, err = run(capsys, str(dumps))
    assert code == 1 and out == ""
    assert "--article" in err and "minister-resigns-" in err and "floods-" in err
    key = next(w for w in err.split() if w.startswith("floods-"))
    code, out, err = run(capsys, str(dumps), "--article", key, "--json")
    assert code == 0, err
    assert json.loads(out)["article"] == key
    code, _, err = run(capsys, str(dumps), "--article", "nope")
    assert code == 1 and "no article 'nope'" in err


def test_missing_version(dumps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(dumps), "--from", "7")
    assert code == 1 and out == ""
    assert "has no version 7 (it has 1, 2)" in err


def test_nothing_loaded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(tmp_path / "missing"))
    assert code == 1
    assert "no such file or folder" in err and "no article could be loaded" in err
    assert "Traceback" not in err


def test_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff"]) == 2
    assert main(["diff", "x", "--from", "one"]) == 2
    capsys.readouterr()


def test_colours_and_move_labels() -> None:
    a = "Rescue teams reached the village on Sunday morning after the storm."
    b = "They found the bridge had collapsed into the river below the dam."
    c = "The army sent helicopters with food, water and medical supplies."
    old, new = Version(1, "Storm", [a, b, c]), Version(2, "Storm", [b, c, a])
    art = Article("storm-1", "src", "http://x/storm", [old, new])
    text = render(compare(old, new), art, color=True)
    assert "paragraph 1 moved away (move 0)" in text
    assert "paragraph 3 moved here (move 0)" in text
    plain = render(compare(old, new, None), art, color=False)
    assert "\x1b[" in text and "\x1b[" not in plain
    edited = Version(3, "Storm", [a.replace("Sunday", "Monday"), b, c])
    text = render(compare(old, edited), art, color=True)
    assert "\x1b[31mSunday\x1b[0m\x1b[32mMonday\x1b[0m" in text
