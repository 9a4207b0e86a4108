"""Tokens for the word diff, and the keys the ignore options compare them by."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revviewer.core import tokens
from revviewer.core.comparison import DiffOptions
from revviewer.core.normalize import paragraph_key, token_key
from revviewer.core.tokens import count_words, is_word, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, world", ["Hello", ",", " ", "world"]),
        ("it’s  done...\n", ["it", "’", "s", "  ", "done", "...", "\n"]),
        ("cafe\u0301 au", ["cafe\u0301", " ", "au"]),  # the accent stays on its letter
        ("नमस्ते दुनिया", ["नमस्ते", " ", "दुनिया"]),  # vowel signs are marks
        ("שָׁלוֹם", ["שָׁלוֹם"]),  # Hebrew points
        ("我爱北京。", ["我", "爱", "北", "京", "。"]),
        ("東京でテスト", ["東", "京", "で", "テ", "ス", "ト"]),
        ("abc漢字def", ["abc", "漢", "字", "def"]),
        # Thai, Khmer: characters with their vowel and tone signs, not whole phrases
        ("ฉันกินข้าว ๆ", ["ฉั", "น", "กิ", "น", "ข้", "า", "ว", " ", "ๆ"]),
        ("ភាសាខ្មែរ។", ["ភា", "សា", "ខ្", "មែ", "រ", "។"]),
        (
            "a \U0001f468\u200d\U0001f469\u200d\U0001f467 b",
            ["a", " ", "\U0001f468\u200d\U0001f469\u200d\U0001f467", " ", "b"],
        ),
        (
            "\U0001f44d\U0001f3fd\U0001f1eb\U0001f1f7",
            ["\U0001f44d\U0001f3fd", "\U0001f1eb\U0001f1f7"],
        ),
        ("1\ufe0f\u20e3 \u2764\ufe0f", ["1\ufe0f\u20e3", " ", "\u2764\ufe0f"]),
        ("", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_words_are_counted_punctuation_and_space_are_not() -> None:
    assert count_words("It’s 1,000 km — 北京 \U0001f44d!") == 8  # It s 1 000 km 北 京 👍
    assert [t for t in tokenize("a, b… 東") if is_word(t)] == ["a", "b", "東"]
    assert [t for t in tokenize("ไทย ๏ ฿5") if is_word(t)] == ["ไ", "ท", "ย", "5"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tokens_rebuild_any_text(text: str) -> None:
    assert "".join(tokenize(text)) == text
    assert all(tokenize(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_fast_path_tokenizes_like_the_full_pattern(text: str) -> None:
    assert tokenize(text) == tokens.TOKEN_RE.findall(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_path_finds_the_words_the_full_pattern_finds(text: str) -> None:
    tokens.words.cache_clear()
    assert list(tokens.words(text)) == tokens._WORDS_RE.findall(text)
    assert tokenize(text) == tokens.TOKEN_RE.findall(text)


def test_marks_table_matches_unicodedata() -> None:
    listed = {
        cp
        for a, b in re.findall(r"(.)(?:-(.))?", tokens.MARKS, re.DOTALL)
        for cp in range(ord(a), ord(b or a) + 1)
    }
    assert all(unicodedata.category(chr(cp)).startswith("M") for cp in listed)
    if unicodedata.unidata_version == tokens.MARKS_UNICODE_VERSION:
        every = {cp for cp in range(0x110000) if unicodedata.category(chr(cp)).startswith("M")}
        assert listed == every


def test_keys_under_each_option() -> None:
    typo, ws, case = (
        DiffOptions(ignore_typography=True),
        DiffOptions(ignore_whitespace=True),
        DiffOptions(ignore_case=True),
    )
    assert token_key("’", typo) == "'" and token_key("“", typo) == '"'
    assert token_key("—", typo) == token_key("–", typo) == "-"
    assert token_key("…", typo) == "..." and token_key("\u00a0", typo) == " "
    assert token_key("  ", ws) == token_key("\t", ws) == " "
    assert token_key("Straße", case) == token_key("STRASSE", case)
    assert token_key("’", DiffOptions()) == "’"
    assert paragraph_key("a  b ", ws) == paragraph_key("a b", ws) != paragraph_key("ab", ws)
    assert paragraph_key("Say “no”…", DiffOptions(True, True, True)) == paragraph_key(
        'say "NO"...', DiffOptions(True, True, True)
    )
    assert paragraph_key("a  b", DiffOptions()) == "a  b"
