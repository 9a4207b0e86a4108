"""A hand-built article and comparison holding every row kind the contract defines
(equal, changed, inserted, deleted, moved, split, merged, an ignored span) plus
parser guesses, so export tests do not depend on what the diff engine produces."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import FIXTURES

from revviewer.core.comparison import Comparison, Row, Span, Stats
from revviewer.core.model import Article, Inference, InferenceKind, Version

DUMP_FILE = FIXTURES / "export" / "handmade-dump.txt"
MISSING_FILE = "/nowhere/missing-dump.txt"
URL = "https://www.example.com/politics/2018/apr/12/minister-resigns"

#: (del texts, ins texts) of the rows table, side by side, in document order
MARKED_ROWS = (
    ["5", "This sentence was removed.", " ", "\u00b6\n"],
    ["7", "A brand new paragraph.", "\u00b6\n", ", ", ", edited"],
)


def handmade() -> tuple[Article, Comparison]:
    old = Version(
        3,
        "Minister resigns over budget",
        [
            "The minister resigned on Tuesday.",
            "Officials declined to comment.",
            "The budget was cut by 5%.",
            "A paragraph that moves.",
            "This sentence was removed.",
            "First half. Second half.",
            "Part one",
            "part two.",
            "Ignored  spacing here.",
        ],
        captured=datetime(2018, 4, 12, 9, 30, tzinfo=UTC),
        sources=[str(DUMP_FILE), MISSING_FILE],
        inferred=[Inference(InferenceKind.SIDE, 4, 0.9)],
    )
    new = Version(
        4,
        "Minister quits over budget row",
        [
            "The minister resigned on Tuesday.",
            "Officials declined to comment.",
            "The budget was cut by 7%.",
            "A brand new paragraph.",
            "First half.",
            "Second half.",
            "Part one, part two.",
            "Ignored spacing here.",
            "A paragraph that moves, edited.",
        ],
        distance="about 5 hours later",
        sources=[str(DUMP_FILE)],
        inferred=[
            Inference(InferenceKind.SPLIT, 2, 0.7, "split at the sentence end"),
            Inference(InferenceKind.TITLE, None, 0.55, "old and new title split at a capital"),
        ],
    )
    moved = (
        Span("equal", "A paragraph that moves"),
        Span("insert", ", edited"),
        Span("equal", "."),
    )
    rows = [
        Row("equal", (0,), (0,), (Span("equal", "The minister resigned on Tuesday."),)),
        Row("equal", (1,), (1,), (Span("equal", "Officials declined to comment."),)),
        Row(
            "changed",
            (2,),
            (2,),
            (
                Span("equal", "The budget was cut by "),
                Span("delete", "5"),
                Span("insert", "7"),
                Span("equal", "%."),
            ),
        ),
        Row("moved", (3,), (), moved, move=1),
        Row("deleted", (4,), (), (Span("delete", "This sentence was removed."),)),
        Row("inserted", (), (3,), (Span("insert", "A brand new paragraph."),)),
        Row(
            "split",
            (5,),
            (4, 5),
            (
                Span("equal", "First half."),
                Span("delete", " "),
                Span("insert", "\n"),
                Span("equal", "Second half."),
            ),
        ),
        Row(
            "merged",
            (6, 7),
            (6,),
            (
                Span("equal", "Part one"),
                Span("delete", "\n"),
                Span("insert", ", "),
                Span("equal", "part two."),
            ),
        ),
        Row(
            "equal",
            (8,),
            (7,),
            (
                Span("equal", "Ignored"),
                Span("equal", " ", ignored=True, old_text="  "),
                Span("equal", "spacing here."),
            ),
        ),
        Row("moved", (), (8,), moved, move=1),
    ]
    title = (
        Span("equal", "Minister "),
        Span("delete", "resigns"),
        Span("insert", "quits"),
        Span("equal", " over budget"),
        Span("insert", " row"),
    )
    stats = Stats(
        words_inserted=9,
        words_deleted=5,
        chars_inserted=40,
        chars_deleted=29,
        paragraphs_changed=1,
        paragraphs_inserted=1,
        paragraphs_deleted=1,
        paragraphs_moved=1,
        paragraphs_split=1,
        paragraphs_merged=1,
        headline_changed=True,
        ignored_changes=1,
    )
    article = Article(
        "minister-resigns-0a1b2c3d",
        "example",
        URL,
        [old, new],
        version_count=7,
        status="It will not be checked again for changes.",
    )
    return article, Comparison(old, new, title, rows, stats)
