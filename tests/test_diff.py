"""compare(): rows, word diffs, ignore options and statistics, checked by hand.

Every test runs on both diff engines (C++ where installed, pure Python) and must give
the same answer on each.
"""

from __future__ import annotations

import pytest

from revviewer.core.comparison import Comparison, DiffOptions, Row
from revviewer.core.diff import compare, step_sizes
from revviewer.core.dmp_adapter import Engine, available_engines
from revviewer.core.model import Article, Version
from revviewer.core.tokens import count_words


@pytest.fixture(params=available_engines())
def engine(request: pytest.FixtureRequest) -> Engine:
    e: Engine = request.param
    return e


def cmp(
    old: list[str],
    new: list[str],
    engine: Engine,
    options: DiffOptions | None = None,
    titles: tuple[str, str] = ("Title", "Title"),
) -> Comparison:
    return compare(Version(1, titles[0], old), Version(2, titles[1], new), options, engine=engine)


def marked(row_or_spans: Row | tuple[object, ...]) -> str:
    """Spans as a git word diff: [-deleted-]{+inserted+}, ignored as [~old~new~]."""
    spans = row_or_spans.spans if isinstance(row_or_spans, Row) else row_or_spans
    out = []
    for s in spans:
        if s.ignored:  # type: ignore[attr-defined]
            out.append(f"[~{s.old_text}~{s.text}~]")  # type: ignore[attr-defined]
        elif s.op == "equal":  # type: ignore[attr-defined]
            out.append(s.text)  # type: ignore[attr-defined]
        elif s.op == "delete":  # type: ignore[attr-defined]
            out.append(f"[-{s.text}-]")  # type: ignore[attr-defined]
        else:
            out.append(f"{{+{s.text}+}}")  # type: ignore[attr-defined]
    return "".join(out)


def shape(c: Comparison) -> list[tuple[str, tuple[int, ...], tuple[int, ...], int | None]]:
    return [(r.kind, r.old, r.new, r.move) for r in c.rows]


P1 = "The minister resigned on Tuesday after a week of protests in the capital."
P2 = "Police said three people were arrested near the parliament building overnight."
P3 = "The opposition leader called for early elections and a new constitution."
P4 = "Markets fell sharply in early trading as investors weighed the political risk."
P5 = "A spokesman for the president declined to comment on the reports."


def test_identical_versions_are_all_equal_rows(engine: Engine) -> None:
    c = cmp([P1, P2, P3], [P1, P2, P3], engine)
    assert shape(c) == [("equal", (0,), (0,), None), ("equal", (1,), (1,), None),
                        ("equal", (2,), (2,), None)]  # fmt: skip
    assert c.stats.size == 0 and not c.stats.headline_changed
    assert marked(c.title) == "Title"


def test_empty_versions(engine: Engine) -> None:
    assert cmp([], [], engine).rows == []
    c = cmp([], [P1, P2], engine)
    assert shape(c) == [("inserted", (), (0,), None), ("inserted", (), (1,), None)]
    assert c.stats.paragraphs_inserted == 2 and c.stats.words_inserted == 13 + 11
    c = cmp([P1], [], engine)
    assert shape(c) == [("deleted", (0,), (), None)]
    assert c.stats.words_deleted == 13 and c.stats.chars_deleted == len(P1)


def test_a_changed_word_is_one_deleted_and_one_inserted_word(engine: Engine) -> None:
    new = P1.replace("Tuesday", "Wednesday")
    c = cmp([P1, P2], [new, P2], engine)
    assert shape(c) == [("changed", (0,), (0,), None), ("equal", (1,), (1,), None)]
    assert marked(c.rows[0]) == (
        "The minister resigned on [-Tuesday-]{+Wednesday+} after a week of protests in the capital."
    )
    s = c.stats
    assert (s.words_deleted, s.words_inserted, s.paragraphs_changed) == (1, 1, 1)
    assert (s.chars_deleted, s.chars_inserted) == (len("Tuesday"), len("Wednesday"))


def test_neighbouring_changed_words_read_as_one_phrase(engine: Engine) -> None:
    c = cmp(["the big red dog sat on the mat"], ["the small blue dog sat on a mat"], engine)
    assert marked(c.rows[0]) == "the [-big red-]{+small blue+} dog sat on [-the-]{+a+} mat"


def test_an_inserted_word_keeps_the_spacing_readable(engine: Engine) -> None:
    c = cmp(["a big dog"], ["a very big dog"], engine)
    assert marked(c.rows[0]) == "a {+very +}big dog"


def test_words_are_never_cut(engine: Engine) -> None:
    c = cmp(["chemical attack in America"], ["American attack in America"], engine)
    assert marked(c.rows[0]) == "[-chemical-]{+American+} attack in America"


def test_inserted_and_deleted_paragraphs(engine: Engine) -> None:
    c = cmp([P1, P2, P3], [P1, P4, P3, P5], engine)
    # P2 and P4 are unrelated: a deletion and an insertion, not a "change".
    assert shape(c) == [
        ("equal", (0,), (0,), None),
        ("deleted", (1,), (), None),
        ("inserted", (), (1,), None),
        ("equal", (2,), (2,), None),
        ("inserted", (), (3,), None),
    ]
    assert marked(c.rows[1]) == f"[-{P2}-]" and marked(c.rows[4]) == f"{{+{P5}+}}"


def test_changed_paragraphs_pair_by_similarity_not_position(engine: Engine) -> None:
    edited = P3.replace("early elections", "snap elections")
    # Between P1 and P5, old has P2, P3 and new has P4, edited P3: position would pair
    # P2 with P4; similarity pairs P3 with its edit.
    c = cmp([P1, P2, P3, P5], [P1, P4, edited, P5], engine)
    assert shape(c) == [
        ("equal", (0,), (0,), None),
        ("deleted", (1,), (), None),
        ("inserted", (), (1,), None),
        ("changed", (2,), (2,), None),
        ("equal", (3,), (3,), None),
    ]
    assert marked(c.rows[3]) == (
        "The opposition leader called for [-early-]{+snap+} elections and a new constitution."
    )


def test_moved_paragraph_links_both_ends(engine: Engine) -> None:
    c = cmp([P1, P2, P3, P4, P5], [P1, P3, P4, P5, P2], engine)
    assert shape(c) == [
        ("equal", (0,), (0,), None),
        ("moved", (1,), (), 0),
        ("equal", (2,), (1,), None),
        ("equal", (3,), (2,), None),
        ("equal", (4,), (3,), None),
        ("moved", (), (4,), 0),
    ]
    assert marked(c.rows[1]) == marked(c.rows[5]) == P2
    s = c.stats
    # a move changes no word, but it is an edit: the timeline must show the step
    assert s.paragraphs_moved == 1 and s.words_moved == count_words(P2) > 0
    assert s.size == s.words_moved and s.words_inserted == s.words_deleted == 0
    assert s.paragraphs_inserted == s.paragraphs_deleted == 0


def test_moved_and_edited_paragraph_carries_its_word_diff_at_both_ends(engine: Engine) -> None:
    edited = P2.replace("three", "four")
    c = cmp([P1, P2, P3, P4, P5], [P1, P3, P4, edited, P5], engine)
    assert shape(c) == [
        ("equal", (0,), (0,), None),
        ("moved", (1,), (), 0),
        ("equal", (2,), (1,), None),
        ("equal", (3,), (2,), None),
        ("moved", (), (3,), 0),
        ("equal", (4,), (4,), None),
    ]
    expected = (
        "Police said [-three-]{+four+} people were arrested near the parliament building overnight."
    )
    assert marked(c.rows[1]) == marked(c.rows[4]) == expected
    # The edit inside the move is counted once, not at both ends.
    assert (c.stats.words_deleted, c.stats.words_inserted, c.stats.paragraphs_moved) == (1, 1, 1)


def test_two_moves_get_their_own_ids(engine: Engine) -> None:
    c = cmp([P1, P2, P3, P4, P5], [P4, P5, P3, P1, P2], engine)
    moves: dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for r in c.rows:
        if r.kind == "moved":
            assert r.move is not None
            moves.setdefault(r.move, []).append((r.old, r.new))
    assert all(len(ends) == 2 for ends in moves.values())
    moved_words = 0
    for ends in moves.values():
        (i,), (j,) = ends[0][0] or ends[1][0], ends[0][1] or ends[1][1]
        assert [P1, P2, P3, P4, P5][i] == [P4, P5, P3, P1, P2][j]
        moved_words += count_words([P1, P2, P3, P4, P5][i])
    assert c.stats.words_inserted == c.stats.words_deleted == 0
    assert c.stats.size == c.stats.words_moved == moved_words


def test_split_paragraph(engine: Engine) -> None:
    whole = "The vote was delayed until Friday. Officials blamed a printing error at the count."
    first, second = "The vote was delayed until Friday.", "Officials blamed a printing error."
    c = cmp([P1, whole, P5], [P1, first, second, P5], engine)
    assert shape(c) == [
        ("equal", (0,), (0,), None),
        ("split", (1,), (1, 2), None),
        ("equal", (2,), (3,), None),
    ]
    # The new side joins the parts with "\n": the split shows as a space becoming a
    # paragraph break, plus the words dropped from the second part.
    row = c.rows[1]
    assert row.old_text == whole and row.new_text == first + "\n" + second
    assert marked(row) == (
        "The vote was delayed until Friday.[- -]{+\n+}Officials blamed a printing error"
        "[- at the count-]."
    )
    assert c.stats.paragraphs_split == 1


def test_merged_paragraphs(engine: Engine) -> None:
    a = "Rescue teams reached the village on Sunday morning."
    b = "They found the bridge had collapsed into the river."
    c = cmp([P1, a, b, P5], [P1, a + " " + b, P5], engine)
    assert shape(c) == [
        ("equal", (0,), (0,), None),
        ("merged", (1, 2), (1,), None),
        ("equal", (3,), (2,), None),
    ]
    assert marked(c.rows[1]) == f"{a}[-\n-]{{+ +}}{b}"
    assert c.stats.paragraphs_merged == 1 and c.stats.size == 0


def test_headline_change(engine: Engine) -> None:
    c = cmp([P1], [P1], engine, titles=("Minister quits", "Minister quits after protests"))
    assert c.stats.headline_changed
    assert marked(c.title) == "Minister quits{+ after protests+}"
    assert c.stats.words_inserted == 2  # the headline's words count in the step's size
    assert c.to_json()["title"] == {
        "spans": [
            {"op": "equal", "text": "Minister quits"},
            {"op": "insert", "text": " after protests"},
        ]
    }


def test_any_two_versions_in_either_order(engine: Engine) -> None:
    forward = cmp([P1, P2], [P2, P3], engine)
    backward = cmp([P2, P3], [P1, P2], engine)
    assert forward.stats.words_inserted == backward.stats.words_deleted
    assert forward.stats.words_deleted == backward.stats.words_inserted


# --- ignore options -------------------------------------------------------------------

CURLY = "He said it’s “the end” — of the affair…"
STRAIGHT = 'He said it\'s "the end" - of the affair...'


def test_typography_changes_show_without_the_option(engine: Engine) -> None:
    c = cmp([CURLY], [STRAIGHT], engine)
    assert c.rows[0].kind == "changed"
    assert c.stats.ignored_changes == 0


def test_ignored_typography_is_equal_but_still_visible_and_counted(engine: Engine) -> None:
    c = cmp([CURLY], [STRAIGHT], engine, DiffOptions(ignore_typography=True))
    row = c.rows[0]
    assert row.kind == "equal"
    assert all(s.op == "equal" for s in row.spans)
    assert marked(row) == (
        'He said it[~’~\'~]s [~“~"~]the end[~”~"~] [~—~-~] of the affair[~…~...~]'
    )
    assert c.stats.ignored_changes == 5 and c.stats.size == 0
    assert row.old_text == CURLY and row.new_text == STRAIGHT
    assert row.to_json()["spans"][1] == {"op": "equal", "text": "'", "ignored": True,
                                         "old_text": "’"}  # fmt: skip


def test_no_break_space_is_typography(engine: Engine) -> None:
    c = cmp(["50\u00a0km away"], ["50 km away"], engine, DiffOptions(ignore_typography=True))
    assert c.rows[0].kind == "equal" and c.stats.ignored_changes == 1


def test_ignore_whitespace(engine: Engine) -> None:
    old, new = "Prices rose  sharply, officials said. ", "Prices rose sharply,officials said."
    c = cmp([old], [new], engine)
    assert c.rows[0].kind == "changed"
    c = cmp([old], [new], engine, DiffOptions(ignore_whitespace=True))
    row = c.rows[0]
    assert row.kind == "equal" and c.stats.ignored_changes == 3
    assert marked(row) == "Prices rose[~  ~ ~]sharply,[~ ~~]officials said.[~ ~~]"
    assert row.old_text == old and row.new_text == new


def test_whitespace_that_joins_words_is_not_ignored(engine: Engine) -> None:
    old, new = "the data base was leaked online", "the database was  leaked online"
    c = cmp([old], [new], engine, DiffOptions(ignore_whitespace=True))
    assert c.rows[0].kind == "changed"
    assert marked(c.rows[0]) == "the [-data base-]{+database+} was[~ ~  ~]leaked online"


def test_ignore_case(engine: Engine) -> None:
    c = cmp(["The White House said"], ["The white house said so"], engine,
            DiffOptions(ignore_case=True))  # fmt: skip
    assert c.rows[0].kind == "changed"
    assert marked(c.rows[0]) == "The [~White~white~] [~House~house~] said{+ so+}"
    assert c.stats.ignored_changes == 2 and c.stats.words_inserted == 1


def test_ignored_changes_also_in_moves_and_the_title(engine: Engine) -> None:
    opts = DiffOptions(ignore_case=True)
    c = cmp([P1, P2, P3], [P2, P3, P1.upper()], engine, opts, titles=("Vote", "VOTE"))
    assert shape(c)[0] == ("moved", (0,), (), 0) and shape(c)[-1] == ("moved", (), (2,), 0)
    assert not c.stats.headline_changed
    # the case change is ignored; only the move itself counts
    assert c.stats.words_inserted == c.stats.words_deleted == 0
    assert c.stats.size == c.stats.words_moved == count_words(P1)
    assert c.stats.ignored_changes > 2


# --- Unicode ----------------------------------------------------------------------------


def test_right_to_left_text(engine: Engine) -> None:
    c = cmp(["שלום עולם יפה"], ["שלום עולם גדול"], engine)
    assert marked(c.rows[0]) == "שלום עולם [-יפה-]{+גדול+}"
    c = cmp(["قال الوزير اليوم"], ["قال الرئيس اليوم"], engine)
    assert marked(c.rows[0]) == "قال [-الوزير-]{+الرئيس+} اليوم"


def test_combining_marks_stay_on_their_letter(engine: Engine) -> None:
    old = "cafe\u0301 au lait"  # é written as e + combining acute
    c = cmp([old], ["cafe au lait"], engine)
    assert marked(c.rows[0]) == "[-cafe\u0301-]{+cafe+} au lait"
    c = cmp(["नमस्ते दुनिया"], ["नमस्ते भारत"], engine)
    assert marked(c.rows[0]) == "नमस्ते [-दुनिया-]{+भारत+}"


def test_emoji_sequences_are_one_token(engine: Engine) -> None:
    family, thumbs = "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f44d\U0001f3fd"
    c = cmp([f"we {family} agree"], [f"we {thumbs} agree"], engine)
    assert marked(c.rows[0]) == f"we [-{family}-]{{+{thumbs}+}} agree"
    assert c.stats.words_deleted == c.stats.words_inserted == 1


def test_cjk_without_spaces_diffs_by_character(engine: Engine) -> None:
    c = cmp(["我爱北京天安门。"], ["我爱上海天安门。"], engine)
    assert marked(c.rows[0]) == "我爱[-北京-]{+上海+}天安门。"
    c = cmp(["東京で地震が発生しました。"], ["大阪で地震が発生しました。"], engine)
    assert marked(c.rows[0]) == "[-東京-]{+大阪+}で地震が発生しました。"


def test_thai_and_lao_without_spaces_diff_by_character_and_read_as_words(
    engine: Engine,
) -> None:
    # "I eat rice at home every day" -> "... sweets ...": the changed word, not the phrase
    c = cmp(["ฉันกินข้าวที่บ้านทุกวัน"], ["ฉันกินขนมที่บ้านทุกวัน"], engine)
    assert marked(c.rows[0]) == "ฉันกิน[-ข้าว-]{+ขนม+}ที่บ้านทุกวัน"
    # "The prime minister went to Chiang Mai yesterday" -> "... Phuket ..."
    c = cmp(
        ["นายกรัฐมนตรีเดินทางไปเชียงใหม่เมื่อวานนี้"],
        ["นายกรัฐมนตรีเดินทางไปภูเก็ตเมื่อวานนี้"],
        engine,
    )
    assert marked(c.rows[0]) == "นายกรัฐมนตรีเดินทางไป[-เชียงใหม่-]{+ภูเก็ต+}เมื่อวานนี้"
    # Lao: "... went to Vientiane" -> "... Luang Prabang"
    c = cmp(["ນາຍົກລັດຖະມົນຕີໄປວຽງຈັນ"], ["ນາຍົກລັດຖະມົນຕີໄປຫຼວງພະບາງ"], engine)
    assert marked(c.rows[0]) == "ນາຍົກລັດຖະມົນຕີໄປ[-ວຽງຈັນ-]{+ຫຼວງພະບາງ+}"


def test_cjk_paragraphs_pair_and_move(engine: Engine) -> None:
    a = "政府は本日、新しい経済対策を発表した。"
    b = "専門家は効果について慎重な見方を示している。"
    c = cmp([a, b, P1], [b, P1, a.replace("本日", "昨日")], engine)
    assert [r.kind for r in c.rows] == ["moved", "equal", "equal", "moved"]
    # One token per character: 日 stays.
    assert marked(c.rows[0]) == "政府は[-本-]{+昨+}日、新しい経済対策を発表した。"


# --- timeline ---------------------------------------------------------------------------


def test_step_sizes_measure_each_step() -> None:
    v = [
        Version(0, "T", [P1, P2]),
        Version(1, "T", [P1, P2]),
        Version(2, "T", [P1.replace("Tuesday", "Monday"), P2]),
        Version(3, "T", [P1, P3]),
    ]
    art = Article("k", "src", "http://x", v)
    assert step_sizes(art) == [0, 2, 2 + 11 + 11]
    assert step_sizes(art) == [0, 2, 2 + 11 + 11]  # from the cache, same answer
    assert step_sizes(Article("one", "src", "http://y", v[:1])) == []


def test_a_step_that_only_moves_a_paragraph_shows_on_the_timeline() -> None:
    # The timeline draws step_sizes: a reordering is an edit a reader must see.
    art = Article(
        "k", "src", "http://x", [Version(0, "T", [P1, P2, P3]), Version(1, "T", [P2, P3, P1])]
    )
    assert step_sizes(art) == [count_words(P1)]


# --- long paragraphs --------------------------------------------------------------------


def test_long_paragraphs_are_matched_sentence_by_sentence(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revviewer.core import worddiff

    sentences = [f"Sentence number {k} says something about topic {k}." for k in range(12)]
    old = " ".join(sentences)
    new = old.replace("number 5 says", "number 5 claims").replace("topic 9.", "a new topic.")
    full = cmp([old], [new], engine)
    monkeypatch.setattr(worddiff, "MAX_WORD_DIFF_COMPLEXITY", 400)  # about 15 x 15 tokens
    coarse = cmp([old], [new], engine)
    # Each changed sentence is small enough to word-diff: the same result.
    assert coarse.rows == full.rows
    assert "[-says-]{+claims+}" in marked(coarse.rows[0])
    # A stretch too long to word-diff is shown replaced whole, still exactly.
    rewritten = " ".join(sentences[:3] + [s.upper() for s in sentences[3:9]] + sentences[9:])
    c = cmp([old], [rewritten], engine)
    row = c.rows[0]
    assert row.old_text == old and row.new_text == rewritten
    deleted = [s.text for s in row.spans if s.op == "delete"]
    assert deleted == [" ".join(sentences[3:9]) + " "]
