"""Reading NewsSniffer text dumps: the header, each kind of row and each kind of evidence,
and generated dumps read back (hypothesis)."""

from __future__ import annotations

import codecs
import cProfile
import pstats
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from revviewer.core.errors import DumpError
from revviewer.core.formats import newssniffer_text as nt
from revviewer.core.formats._rowsplit import model_row
from revviewer.core.merge import CERTAIN
from revviewer.core.model import Article, InferenceKind
from revviewer.testing.dumpgen import (
    NBSP,
    STATUS_TEXTS,
    GenArticle,
    GenVersion,
    render_text,
    text_paragraphs,
    text_title,
)
from revviewer.testing.strategies import dump_pairs

T0 = datetime(2018, 4, 12, 9, 0, tzinfo=UTC)
URL = "https://www.theguardian.com/world/2018/apr/12/flood-talks"

# Paragraphs written to read like news, long enough for the length evidence.
P1 = (
    "The council said on Monday that the flood barrier would be finished by March, "
    "although engineers warned that the budget was already stretched."
)
P2 = (
    "Residents in the lower town were told to keep sandbags ready. Officials said the "
    "river was expected to peak overnight."
)
P3 = (
    "The mayor, who visited the site on Sunday, praised the volunteers who had worked "
    "through the night."
)
P4 = "A spokesman for the water authority declined to comment on the delay."
P5 = "Insurance claims from last winter's floods are still being settled, the report found."


def _article(old: list[str], new: list[str], *, titles: tuple[str, str] = ("T", "T")) -> GenArticle:
    return GenArticle(
        "guardian",
        URL,
        [GenVersion(0, titles[0], old, T0), GenVersion(1, titles[1], new, T0 + timedelta(hours=5))],
        STATUS_TEXTS[0],
    )


def _parse(text: str) -> Article:
    [art] = nt.parse("dump.txt", text.encode("utf-8"))
    return art


def _kinds(art: Article, number: int) -> set[InferenceKind]:
    return {i.kind for i in art.version(number).inferred}


# -- sniffing and the header -----------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    ],
)
def test_sniff_recognises_the_first_line_in_any_supported_encoding(encode) -> None:  # type: ignore[no-untyped-def]
    text = render_text(_article([P1], [P1, P2]), 0, 1)
    assert nt.sniff(encode(text)[:4096])


def test_sniff_refuses_other_text() -> None:
    assert not nt.sniff(b"This article is about something else")
    assert not nt.sniff(b"<html><table class='version_diff'>")


def test_header_fields_are_read() -> None:
    art = _parse(render_text(_article([P1], [P1, P2], titles=("Old", "New")), 0, 1))
    assert (art.source, art.url, art.version_count) == ("guardian", URL, 2)
    assert art.status == STATUS_TEXTS[0]
    assert [v.number for v in art.versions] == [0, 1]
    assert art.version(1).distance == "about 5 hours later"
    assert art.version(0).sources == art.version(1).sources == ["dump.txt"]


def test_utf16_with_bom_and_crlf_parse_like_utf8() -> None:
    text = render_text(_article([P1, P3], [P1, P4]), 0, 1)
    plain = nt.parse("a.txt", text.encode("utf-8"))[0]
    wide = nt.parse("a.txt", codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"))[
        0
    ]
    assert [v.paragraphs for v in wide.versions] == [v.paragraphs for v in plain.versions]


def _lines() -> list[str]:
    return render_text(_article([P1, P3], [P1, P4]), 0, 1).split("\n")


@pytest.mark.parametrize(
    ("damage", "line", "words"),
    [
        (lambda ls: ["Something else entirely", *ls[1:]], 1, "not a NewsSniffer text dump"),
        (lambda ls: [*ls[:2], "You can find it elsewhere", *ls[3:]], 3, "original source"),
        (
            lambda ls: [*ls[:4], "The article has changed many times.", *ls[5:]],
            5,
            "changed N times",
        ),
        (lambda ls: [*ls[:6], "Version A Version B", *ls[7:]], 7, "Version A Version B"),
        (lambda ls: [*ls[:8], "about 5 hours later", *ls[9:]], 9, "time between the versions"),
        (lambda ls: ls[:7], 7, "ends before the title row"),
        (lambda ls: ls[:9], 9, "no paragraph rows"),
        (lambda ls: ls[:3], 3, "ends before"),
    ],
)
def test_malformed_headers_name_the_line(damage, line: int, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DumpError) as err:
        nt.parse("bad.txt", "\n".join(damage(_lines())).encode("utf-8"))
    assert err.value.line == line
    assert words in err.value.message


# -- rows and evidence -------------------------------------------------------------


def test_match_rows_are_read_exactly_with_no_break_spaces_kept() -> None:
    old = [P1, P3 + NBSP, P4]
    art = _parse(render_text(_article(old, [*old[:2], P4 + " More."]), 0, 1))
    assert art.version(0).paragraphs[:2] == [P1, P3 + NBSP]
    assert art.version(1).paragraphs[:2] == [P1, P3 + NBSP]


def test_a_small_word_edit_splits_with_certainty() -> None:
    edited = P1.replace("finished", "completed")
    art = _parse(render_text(_article([P1, P2], [edited, P2]), 0, 1))
    assert art.version(0).paragraphs == [P1, P2]
    assert art.version(1).paragraphs == [edited, P2]
    assert art.version(0).inferred == art.version(1).inferred == []


def test_equal_halves_split_in_the_middle() -> None:
    # A whitespace-only change: both cells collapse to the same text.
    art = _parse(render_text(_article([P1.replace(" ", "  ", 1), P2], [P1, P2]), 0, 1))
    assert art.version(0).paragraphs == art.version(1).paragraphs == [P1, P2]
    assert not art.version(0).inferred


def test_shared_words_beat_sentence_boundaries() -> None:
    # The row has four sentence ends; the halves alike decide.
    edited = P2.replace("keep", "have")
    m = model_row(P2 + " " + edited, 1, 200.0)
    at, p = m.best_split()
    assert at == len(P2)
    assert p > 0.99


def test_unrelated_halves_split_at_a_sentence_boundary_and_say_so() -> None:
    # A paragraph replaced by an unrelated one, followed by an edited one: the edit
    # must be a change row, so the row before it is one too, and only the sentence
    # boundary says where it splits.
    edited = P2.replace("keep", "have")
    art = _parse(render_text(_article([P1, P3, P2, P5], [P1, P4, edited, P5]), 0, 1))
    assert art.version(0).paragraphs == [P1, P3, P2, P5]
    assert art.version(1).paragraphs == [P1, P4, edited, P5]
    split = {i.paragraph: i.confidence for i in art.version(1).inferred}
    assert 0 < split[1] < 0.99  # the replaced paragraph: a real guess
    assert all(c >= 0.99 for p, c in split.items() if p != 1)  # the edit: nearly sure


def test_a_split_with_one_space_is_forced() -> None:
    m = model_row("Politics Europe", 1, 200.0)
    assert m.best_split() == (len("Politics"), 1.0)


def test_a_one_sided_row_is_marked_on_both_versions() -> None:
    art = _parse(render_text(_article([P1, P3, P5], [P1, P3, P2, P5]), 0, 1))
    new, old = art.version(1), art.version(0)
    assert new.paragraphs == [P1, P3, P2, P5]
    assert old.paragraphs == [P1, P3, P5]
    [on_new] = new.inferred
    assert (on_new.kind, on_new.paragraph) == (InferenceKind.SIDE, 2)
    [on_old] = old.inferred
    assert (on_old.kind, on_old.paragraph) == (InferenceKind.SIDE, None)


def test_a_row_that_cannot_split_is_one_sided() -> None:
    # A single word has no space to split at: it is one paragraph on one side.
    art = _parse(render_text(_article([P1, P3, "Politics"], [P1, P3]), 0, 1))
    assert "Politics" in art.version(0).paragraphs + art.version(1).paragraphs


def test_change_rows_come_before_one_sided_rows() -> None:
    # One edited paragraph and one added paragraph in the same gap: the edit is the
    # change row, the addition the one-sided row.
    edited = P3.replace("praised", "thanked")
    art = _parse(render_text(_article([P1, P3, P5], [P1, edited, P4, P5]), 0, 1))
    rows = art.alternatives.model.items  # type: ignore[union-attr]
    gap = rows[1]
    assert gap.hyps[0][1] == 1  # likeliest structure: one change row first
    assert art.version(1).paragraphs[1] == edited


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # P2 added above the edited P3: rows "P3 P2" and "P3'" alone
        ([P1, P3, P5], [P1, P2, P3.replace("praised", "thanked"), P5]),
        # P2 dropped above it: rows "P2 P3'" and "P3" alone
        ([P1, P2, P3, P5], [P1, P3.replace("praised", "thanked"), P5]),
        # and with a second edited paragraph below, shifted the same way
        (
            [P1, P3, P4, P5],
            [P1, P2, P3.replace("praised", "thanked"), P4.replace("declined", "refused"), P5],
        ),
    ],
)
def test_an_edited_paragraph_shifted_by_one_added_or_dropped_above_it(
    old: list[str], new: list[str]
) -> None:
    # Change rows pair paragraphs by position, so the edited paragraph's old and new
    # texts land in different rows; that they are alike says which rows pair up.
    art = _parse(render_text(_article(old, new), 0, 1))
    assert art.version(0).paragraphs == old
    assert art.version(1).paragraphs == new


def test_a_split_paragraph_reads_as_a_split() -> None:
    # "Sa Sb" became "Sa" and "Sb": the change row is "Sa Sb Sa" (ambiguous alone:
    # a sentence dropped, or one put in front) and "Sb" is shown alone after it.
    sa, sb = P2.split(". ", 1)
    sa += "."
    art = _parse(render_text(_article([P1, P2, P5], [P1, sa, sb, P5]), 0, 1))
    assert art.version(0).paragraphs == [P1, P2, P5]
    assert art.version(1).paragraphs == [P1, sa, sb, P5]


def test_merged_paragraphs_read_as_a_merge() -> None:
    art = _parse(render_text(_article([P1, P3, P4, P5], [P1, P3 + " " + P4, P5]), 0, 1))
    assert art.version(0).paragraphs == [P1, P3, P4, P5]
    assert art.version(1).paragraphs == [P1, P3 + " " + P4, P5]


def test_a_moved_paragraph_is_deleted_in_one_place_and_inserted_in_the_other() -> None:
    art = _parse(render_text(_article([P1, P2, P3, P4, P5], [P1, P3, P4, P2, P5]), 0, 1))
    # which way it moved cannot be known from one dump; that it moved can
    for v in art.versions:
        assert v.paragraphs.count(P2) == 1
        assert {i.kind for i in v.inferred} == {InferenceKind.SIDE}


def test_a_move_is_no_surer_than_its_direction() -> None:
    # Each place weighs the other (neither decides alone): which way the paragraph
    # moved is as uncertain in both places, so neither reads as nearly sure.
    art = _parse(render_text(_article([P1, P2, P3, P4, P5], [P1, P3, P4, P2, P5]), 0, 1))
    confs = [i.confidence for v in art.versions for i in v.inferred]
    assert len(confs) == 4
    assert all(0.5 < c < 0.85 for c in confs)


@pytest.mark.parametrize(
    ("old", "new"),
    [([P1, P2, P3, P4, P5], [P1, P3, P2, P4, P5]), ([P1, P3, P2, P4, P5], [P1, P2, P3, P4, P5])],
)
def test_a_move_past_one_paragraph_reads_the_way_diff_lcs_broke_the_tie(
    old: list[str], new: list[str]
) -> None:
    # Two paragraphs swapped: either could be the one shown moving, and diff-lcs keeps
    # the one later in the old version, so the text shown alone above and below it was
    # deleted above and inserted below, although new text leans to the top.
    art = _parse(render_text(_article(old, new), 0, 1))
    assert art.version(0).paragraphs == old
    assert art.version(1).paragraphs == new


def test_a_lone_unrelated_row_reads_as_a_paragraph_added_not_a_rewrite() -> None:
    # P4 alone between two matches: a paragraph added (or dropped), not P4's first
    # sentence replaced by... nothing to pair it with; the side stays a marked guess.
    art = _parse(render_text(_article([P1, P3, P5], [P1, P3, P2, P5]), 0, 1))
    assert art.version(1).paragraphs == [P1, P3, P2, P5]
    assert {i.kind for v in art.versions for i in v.inferred} == {InferenceKind.SIDE}


def test_two_unrelated_rows_alone_read_as_two_paragraphs_added_not_a_rewrite() -> None:
    # A two-sentence paragraph and another one shown alone together between two
    # matches: the first row looks like two paragraphs paired in a change row, but
    # two paragraphs added (or dropped) together are far likelier than one rewritten
    # beyond recognition next to one added. Both read whole; the side is a guess.
    first = (
        "Volunteers filled sandbags in the market square until dark on Saturday, and "
        "shops on the high street closed early. Two bridges on the coast road stay shut "
        "until engineers have checked them for damage after the storm."
    )
    second = (
        "The fire service said more pumps were on their way from neighbouring counties "
        "to clear the flooded underpass."
    )
    body = [P1, P2, P3, P4, P5]
    added = [*body[:2], first, second, *body[2:]]
    art = _parse(render_text(_article(body, added), 0, 1))
    assert art.version(0).paragraphs == body
    assert art.version(1).paragraphs == added
    assert {i.kind for v in art.versions for i in v.inferred} == {InferenceKind.SIDE}
    dropped = _parse(render_text(_article(added, body), 0, 1))
    for paragraph in (first, second):
        assert any(paragraph in v.paragraphs for v in dropped.versions)


def test_a_sentence_put_in_front_beats_one_dropped_from_the_end() -> None:
    # "P S P" reads as S added before P or S dropped from "P S": halves equally alike;
    # the addition is a little likelier (about 60 % on generated dumps), a guess.
    lead = "Rescue teams reached the village late on Tuesday."
    art = _parse(render_text(_article([P1, P3, P5], [P1, lead + " " + P3, P5]), 0, 1))
    assert art.version(0).paragraphs == [P1, P3, P5]
    assert art.version(1).paragraphs == [P1, lead + " " + P3, P5]
    [guess] = art.version(1).inferred
    assert guess.kind == InferenceKind.SPLIT
    assert 0.55 < guess.confidence < 0.7


def test_a_sentence_put_in_front_that_echoes_its_paragraph_is_read_and_marked() -> None:
    # The added sentence repeats phrases of the paragraph, so the new half has far
    # fewer distinct word pairs than words: the other split (the sentence dropped
    # from the end) must not crowd out the true one by word counts alone.
    para = (
        "The council said the flood barrier would be finished by March. Engineers "
        "warned that the budget for the barrier could rise sharply. Residents were "
        "told to keep sandbags ready."
    )
    echo = (
        "The council said the budget for the barrier could rise sharply, and "
        "residents were told to keep sandbags ready by March."
    )
    art = _parse(render_text(_article([P1, para, P5], [P1, echo + " " + para, P5]), 0, 1))
    assert art.version(0).paragraphs == [P1, para, P5]
    assert art.version(1).paragraphs == [P1, echo + " " + para, P5]
    [guess] = art.version(1).inferred
    assert guess.kind == InferenceKind.SPLIT
    assert guess.confidence < CERTAIN


def test_side_leans_by_where_the_gap_is() -> None:
    # A paragraph shown alone among the first rows leans to an insertion; the same
    # text further down, with change rows before it, leans less.
    body = [P1, P3, P4, P5, P1 + " More.", P3 + " More.", P4 + " More."]
    top = _parse(render_text(_article(body, [P2, *body]), 0, 1))
    assert top.version(1).paragraphs[0] == P2
    [top_guess] = [i for i in top.version(1).inferred if i.paragraph == 0]
    lower = _parse(render_text(_article(body, [*body[:5], P2, *body[5:]]), 0, 1))
    [lower_guess] = [i for v in lower.versions for i in v.inferred if i.paragraph is not None]
    assert top_guess.confidence > 0.8
    assert lower_guess.confidence < top_guess.confidence


def test_side_leans_by_how_much_else_the_dump_changed() -> None:
    # The same paragraph shown alone further down: in a dump that changed nothing
    # else it reads as added; in one that also rewrote its top paragraphs under a
    # new headline (a rework, which drops paragraphs as often as it adds them) the
    # lean goes the other way. Either way the side is a marked guess.
    body = [P1, P3, P4, P5, P1 + " More.", P3 + " More.", P4 + " More."]
    update = _parse(render_text(_article(body, [*body[:5], P2, *body[5:]]), 0, 1))
    assert P2 in update.version(1).paragraphs
    assert P2 not in update.version(0).paragraphs
    fresh = [
        "Two bridges on the coast road stay shut until engineers have checked them.",
        "Schools across the county will open late on Monday.",
        "Forecasters expect drier weather from Wednesday onwards.",
    ]
    rework = _parse(
        render_text(
            _article(body, [*fresh, *body[2:5], P2, *body[5:]], titles=("T", "New headline")),
            0,
            1,
        )
    )
    assert P2 in rework.version(0).paragraphs
    assert P2 not in rework.version(1).paragraphs
    for art in (update, rework):
        sides = [i for v in art.versions for i in v.inferred if i.kind == InferenceKind.SIDE]
        assert sides and all(0.5 < i.confidence < 0.8 for i in sides)


def test_paragraphs_shown_alone_in_one_dump_lean_to_the_same_side() -> None:
    # Under a new headline a paragraph shown alone further down leans a little to
    # having been dropped; one shown alone at the top of the same dump is surely
    # new, and paragraphs shown alone in one dump were most often added (or dropped)
    # together: both read as added, both marked as guesses.
    body = [P1, P3, P4, P5, P1 + " More.", P3 + " More.", P4 + " More."]
    new = [P2, *body[:5], "Forecasters expect drier weather from Wednesday onwards.", *body[5:]]
    art = _parse(render_text(_article(body, new, titles=("T", "New headline")), 0, 1))
    assert art.version(0).paragraphs == body
    assert art.version(1).paragraphs == new
    sides = [i for i in art.version(1).inferred if i.kind == InferenceKind.SIDE]
    assert len(sides) == 2 and all(i.confidence < CERTAIN for i in sides)


def test_differing_titles_split_by_shared_words() -> None:
    art = _parse(
        render_text(
            _article([P1], [P1], titles=("Flood barrier delayed", "Flood barrier delayed again")),
            0,
            1,
        )
    )
    assert art.version(0).title == "Flood barrier delayed"
    assert art.version(1).title == "Flood barrier delayed again"


def test_unrelated_titles_are_marked() -> None:
    art = _parse(
        render_text(
            _article([P1], [P1, P2], titles=("Council in flood row", "River Peaks Overnight")),
            0,
            1,
        )
    )
    assert InferenceKind.TITLE in _kinds(art, 0)
    assert InferenceKind.TITLE in _kinds(art, 1)


@pytest.mark.parametrize(
    ("url", "surer_than"),
    [
        ("https://www.theguardian.com/uk-news/2018/apr/12/flood-barrier-talks-resume", 0.9),
        ("http://www.independent.co.uk/news/uk/flood-barrier-talks-resume-a8301234.html", 0.9),
        # the title edited since the URL was made: a word off still reads as it
        ("https://www.theguardian.com/uk-news/2018/apr/12/flood-barrier-talks-to-resume", 0.75),
        # no headline in the URL, or another one: the split stays a weak guess
        ("http://www.bbc.co.uk/news/uk-43744444", None),
        ("https://www.theguardian.com/uk-news/2018/apr/12/council-leader-quits", None),
    ],
)
def test_a_title_that_reads_as_the_url_slug_settles_the_title_split(
    url: str, surer_than: float | None
) -> None:
    # "Council Leader" opens the new title: without the URL the row splits as well
    # after "Leader"; the URL was made from the old headline and says where it ends.
    old, new = "Flood barrier talks resume", "Council Leader Jane Smith quits over delays"
    art = _article([P1], [P1], titles=(old, new))
    art.url = url
    got = _parse(render_text(art, 0, 1))
    [guess] = [i for i in got.version(0).inferred if i.kind == InferenceKind.TITLE]
    if surer_than is not None:
        assert (got.version(0).title, got.version(1).title) == (old, new)
        assert guess.confidence > surer_than
    else:
        assert guess.confidence < 0.6


# -- generated dumps read back ------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dump_pairs())
def test_generated_dumps_read_back(case: tuple[GenArticle, int, int]) -> None:
    art, a, b = case
    [frag] = nt.parse("gen.txt", render_text(art, a, b).encode("utf-8"))
    assert (frag.source, frag.url, frag.version_count) == (art.source, art.url, len(art.versions))
    assert frag.status == art.status
    assert [v.number for v in frag.versions] == [a, b]
    truth = {
        n: (text_title(art.version(n)), tuple(text_paragraphs(art.version(n)))) for n in (a, b)
    }
    for v in frag.versions:
        # a version with nothing inferred is exact
        if not v.inferred:
            assert (v.title, tuple(v.paragraphs)) == truth[v.number]
        # the title is right unless it is marked as a guess
        if InferenceKind.TITLE not in {i.kind for i in v.inferred}:
            assert v.title == truth[v.number][0]
        # every guess points at a paragraph that exists
        for inf in v.inferred:
            assert inf.paragraph is None or 0 <= inf.paragraph < len(v.paragraphs)
            assert 0.0 <= inf.confidence < CERTAIN
    # the true reading is always among the ones the model allows
    model = frag.alternatives.model  # type: ignore[union-attr]
    assert model.constrained(truth[a], truth[b]) is not None


def test_empty_titles_leave_an_empty_title_row() -> None:
    edited = P2.replace("keep", "have")
    lines = render_text(_article([P1, P2], [P1, edited], titles=("", "")), 0, 1).split("\n")
    assert lines[7] == ""
    [art] = nt.parse("t.txt", "\n".join(lines).encode("utf-8"))
    assert art.version(0).title == art.version(1).title == ""
    assert art.version(1).paragraphs == [P1, edited]


def test_work_grows_linearly_with_rows_repeated_in_one_gap() -> None:
    """A damaged dump with rows repeated hundreds of times in one gap (found by fuzzing:
    one row copied 2,000 times took 32 s to read): every copy is evidence about every
    other, and weighing it all costs the square of the gap. Counted in function calls,
    not time, so the check does not depend on the machine."""
    edited = P2.replace("keep sandbags ready", "keep their sandbags ready")
    lines = render_text(_article([P1, P2, P4], [P1, edited, P3, P4]), 0, 1).split("\n")
    change_row = f"{P2} {edited}"
    at = lines.index(change_row)
    assert lines[at + 1] == P3  # the gap: one change row, one row added

    def calls(copies: int) -> int:
        damaged = lines[:at] + [change_row, P3] * copies + lines[at + 2 :]
        profile = cProfile.Profile()
        profile.enable()
        _parse("\n".join(damaged))
        profile.disable()
        return pstats.Stats(profile).total_calls  # type: ignore[attr-defined,no-any-return]

    # linear growth gives about 4x; before the fix this was 12x to 15x
    assert calls(400) < 5 * calls(100)
