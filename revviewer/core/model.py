"""The data every part of revviewer shares: articles, their versions, and load errors.

Contract: plain dataclasses, standard library only. Parsers build these; the diff
engine, the GUI, the command line and the HTML export only read them. Nothing here
touches the file system.

A version's ``paragraphs`` hold the paragraph text exactly as the dump gave it (no
normalisation: U+00A0 and the dump's own spacing survive). Anything a parser had to
guess rather than read is listed in ``Version.inferred`` with a confidence; an empty
list is a promise that the version was read, not guessed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit


class InferenceKind(StrEnum):
    """What kind of guess a parser made."""

    #: where a change row was split into its old and new halves
    SPLIT = "split"
    #: which side (old or new) the one-sided rows of a gap belong to
    SIDE = "side"
    #: where a differing title row was split into old and new titles
    TITLE = "title"
    #: two dumps disagree about this version and the conflict could not be settled
    CONFLICT = "conflict"
    #: anything else a parser had to assume (explained in ``note``)
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Inference:
    """One guess on a version. ``paragraph`` is an index into ``Version.paragraphs``,
    or None when the guess concerns the title or the version as a whole."""

    kind: InferenceKind
    paragraph: int | None
    confidence: float
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "paragraph": self.paragraph,
            "confidence": round(self.confidence, 3),
            "note": self.note,
        }


@dataclass(slots=True)
class Version:
    """One version of an article.

    ``captured`` is the capture time in UTC when the dump holds it; otherwise
    ``distance`` holds what the dump said instead (``"about 5 hours later"``),
    relative to the version it was compared with.
    """

    number: int
    title: str
    paragraphs: list[str]
    captured: datetime | None = None
    distance: str | None = None
    sources: list[str] = field(default_factory=list)
    inferred: list[Inference] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def is_exact(self) -> bool:
        return not self.inferred

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "inferred": [i.to_json() for i in self.inferred],
            "captured": self.captured.isoformat() if self.captured else None,
            "distance": self.distance,
            "sources": list(self.sources),
        }


@dataclass(slots=True)
class Article:
    """An article and its versions, sorted by ``Version.number``.

    ``version_count`` is how many versions the source says exist (it may hold more
    than were dumped). ``conflicts`` lists disagreements between dumps that merging
    could not settle, in words a user can read.
    """

    key: str
    source: str
    url: str
    versions: list[Version] = field(default_factory=list)
    version_count: int | None = None
    status: str | None = None
    conflicts: list[str] = field(default_factory=list)
    #: SHA-256 (hex) of each source file's bytes as they were read, by path: what an
    #: export cites, even if the file changes on disk afterwards
    digests: dict[str, str] = field(default_factory=dict)
    #: for a fragment straight from a parser that had to guess: an object that can
    #: re-read the dump under constraints (see :mod:`revviewer.core.merge`); merging
    #: uses it to settle guesses and drops it. None for exact fragments.
    alternatives: object | None = field(default=None, repr=False, compare=False)

    @property
    def title(self) -> str:
        return self.versions[-1].title if self.versions else self.url

    def version(self, number: int) -> Version:
        for v in self.versions:
            if v.number == number:
                return v
        raise KeyError(f"article {self.key} has no version {number}")

    @property
    def sources(self) -> list[str]:
        seen: dict[str, None] = {}
        for v in self.versions:
            for s in v.sources:
                seen.setdefault(s, None)
        return list(seen)

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "version_count": self.version_count,
            "status": self.status,
            "conflicts": list(self.conflicts),
            "versions": [v.to_json() for v in self.versions],
        }


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file (or one record in it) that could not be read. ``line`` is 1-based,
    or None when the problem is not tied to a line."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.message}


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def article_key(url: str) -> str:
    """A stable, readable key for an article, derived from its URL alone.

    The scheme and a leading ``www.`` are ignored so that http/https captures of one
    article share a key; a short hash keeps keys unique when slugs collide. A string
    that is not a well-formed URL (a damaged dump can hold ``http://[``) still gets a
    key, from its own text, rather than an exception.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        ident = tail = url.strip()
    else:
        host = parts.netloc.lower().removeprefix("www.")
        ident = host + parts.path.rstrip("/") + (("?" + parts.query) if parts.query else "")
        tail = parts.path.rstrip("/").rsplit("/", 1)[-1] or host
    slug = _SLUG_RE.sub("-", tail.lower()).strip("-")[:48] or "article"
    digest = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"
