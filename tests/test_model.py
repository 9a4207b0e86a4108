"""The shared data model: article keys and JSON shapes that every output relies on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core.model import Article, Inference, InferenceKind, LoadError, Version, article_key


def test_http_and_https_and_www_captures_of_one_article_share_a_key() -> None:
    a = article_key("http://www.theguardian.com/world/2018/apr/12/syria-hotline")
    b = article_key("https://theguardian.com/world/2018/apr/12/syria-hotline/")
    assert a == b
    assert a.startswith("syria-hotline-")


def test_different_articles_with_the_same_last_segment_get_different_keys() -> None:
    a = article_key("https://example.com/2018/story")
    b = article_key("https://example.com/2019/story")
    assert a != b
    assert a.startswith("story-") and b.startswith("story-")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_string_gets_a_key_safe_for_file_names(url: str) -> None:
    # Damaged dumps hold strings like "http://[" that urlsplit rejects.
    key = article_key(url)
    assert key and "/" not in key and key == key.strip()
    assert key == article_key(url)


def test_malformed_ipv6_url_gets_a_key_instead_of_an_exception() -> None:
    assert article_key("http://[broken/story") != article_key("http://[other/story")


def test_article_json_has_the_shape_the_parse_command_promises() -> None:
    v = Version(
        3,
        "Title",
        ["One.", "Two\u00a0"],
        sources=["a.txt"],
        inferred=[Inference(InferenceKind.SPLIT, 1, 0.75, "split at a sentence end")],
    )
    art = Article(article_key("https://example.com/x"), "guardian", "https://example.com/x", [v])
    data = art.to_json()
    assert {"key", "source", "url", "versions"} <= set(data)
    (vj,) = data["versions"]  # type: ignore[misc]
    assert vj["number"] == 3 and vj["paragraphs"] == ["One.", "Two\u00a0"]
    assert vj["inferred"] == [
        {"kind": "split", "paragraph": 1, "confidence": 0.75, "note": "split at a sentence end"}
    ]
    assert not v.is_exact and art.title == "Title"


def test_load_error_names_file_and_line() -> None:
    assert str(LoadError("dump.txt", 7, "no version line")) == "dump.txt:7: no version line"
    assert str(LoadError("dump.txt", None, "empty")) == "dump.txt: empty"
