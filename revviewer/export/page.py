"""The parts every exported page shares: the document shell and the header blocks.

Contract: :func:`document` wraps a body into a complete, self-contained HTML5 file:
the stylesheet ``revviewer/resources/export.css`` inlined, a generator meta naming
the revviewer version, and a Content-Security-Policy that forbids every fetch, so
even a page edited by hand cannot make a request. No generation time is written:
the same input always gives the same bytes. The block helpers render provenance
(article facts, versions, source files with SHA-256), statistics and the legend;
they escape all dump text.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable, Sequence
from datetime import UTC

from revviewer import __version__
from revviewer.core.comparison import Comparison, DiffOptions, Span, Stats
from revviewer.core.model import Article, Inference, InferenceKind, Version
from revviewer.export.escaping import esc, http_url
from revviewer.export.provenance import FileDigest, FileDigests
from revviewer.export.rows import KIND_MARKS, inference_notes, inline_side

GENERATOR = f"revviewer {__version__}"

# Fetch nothing, ever; inline <style> only. Navigation (the article link) stays allowed.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@functools.cache
def stylesheet() -> str:
    css = importlib.resources.files("revviewer.resources") / "export.css"
    return css.read_text(encoding="utf-8")


def document(title: str, body: str) -> str:
    """A complete page; ``title`` is plain text (escaped here), ``body`` markup."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta name="generator" content="{esc(GENERATOR)}">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>\n{stylesheet()}</style>\n</head>\n<body>\n{body}"
        f"<footer>Exported by {esc(GENERATOR)}. Self-contained: this file loads nothing.</footer>\n"
        "</body>\n</html>\n"
    )


def url_html(url: str) -> str:
    """The article URL as text, and as a link only when it is plain http(s)."""
    href = http_url(url)
    if href is None:
        if not url:
            return '<span class="note">none given</span>'
        return f'<span class="url">{esc(url)}</span> <span class="note">(not linked)</span>'
    return f'<a class="url" href="{esc(href)}" rel="noopener noreferrer nofollow">{esc(url)}</a>'


def when_html(v: Version) -> str:
    if v.captured is not None:
        c = v.captured if v.captured.tzinfo is None else v.captured.astimezone(UTC)
        stamp = c.replace(tzinfo=None).isoformat(timespec="seconds")
        return f'<time datetime="{stamp}Z">{stamp.replace("T", " ")} UTC</time>'
    if v.distance:
        return f'{esc(v.distance)} <span class="note">(as the dump put it; no capture time)</span>'
    return '<span class="note">capture time unknown</span>'


def article_facts(article: Article, extra: Sequence[tuple[str, str]] = ()) -> str:
    """The article's source, URL, status and conflicts as a ``<dl>``; ``extra`` pairs
    are (plain-text term, markup) added at the end."""
    items = [("Source", esc(article.source) or '<span class="note">unknown</span>')]
    items.append(("URL", url_html(article.url)))
    if article.status:
        items.append(("Status", esc(article.status)))
    if article.version_count is not None:
        items.append(("Versions known", str(article.version_count)))
    items.append(("Versions in these dumps", str(len(article.versions))))
    if article.conflicts:
        lis = "".join(f"<li>{esc(c)}</li>" for c in article.conflicts)
        items.append(("Unsettled conflicts", f'<ul class="plain warn">{lis}</ul>'))
    items.extend(extra)
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in items)
    return f'<dl class="meta">{body}</dl>\n'


def versions_table(versions: Iterable[Version], digests: FileDigests) -> str:
    rows = []
    for v in versions:
        files = ", ".join(f"<code>{esc(digests.get(s).name)}</code>" for s in v.sources)
        if v.inferred:
            guesses = "".join(f"<li>{esc(line)}</li>" for line in guess_summary(v.inferred))
            guessed = f'<ul class="plain warn">{guesses}</ul>'
        else:
            guessed = "none: read, not guessed"
        files = files or '<span class="note">unknown</span>'
        rows.append(
            f'<tr><th id="v{v.number}">Version {v.number}</th><td>{when_html(v)}</td>'
            f"<td>{files}</td><td>{guessed}</td></tr>\n"
        )
    return (
        '<table class="kv"><thead><tr><th>Version</th><th>Captured</th><th>Files</th>'
        f"<th>Inferred</th></tr></thead>\n<tbody>\n{''.join(rows)}</tbody></table>\n"
    )


_GUESS_LABELS = {
    InferenceKind.SPLIT: "where a change row splits into old and new",
    InferenceKind.SIDE: "which side a one-sided row is on",
    InferenceKind.TITLE: "where the title row splits into old and new",
    InferenceKind.CONFLICT: "dumps disagree",
    InferenceKind.OTHER: "assumed",
}


#: kinds whose note is shown in the summary (the others are explained in place)
_NOTED = (InferenceKind.CONFLICT, InferenceKind.OTHER)


def _pct(confidence: float) -> str:
    return f"{round(confidence * 100)}%"


def guess_summary(inferred: Sequence[Inference]) -> list[str]:
    """One line of plain text per kind of guess: the paragraphs it touches with
    their confidence (details are marked where the text is shown). Guesses about
    rows this version does not hold are counted; notes are kept only where they are
    the whole story (conflicts and other assumptions)."""
    lines = []
    for kind in InferenceKind:
        mine = [i for i in inferred if i.kind is kind]
        if not mine:
            continue
        parts = [
            f"\u00b6{i.paragraph + 1} ({_pct(i.confidence)})"
            for i in mine
            if i.paragraph is not None
        ]
        loose = [i for i in mine if i.paragraph is None]
        if loose:
            low = min(i.confidence for i in loose)
            high = max(i.confidence for i in loose)
            span = _pct(low) if low == high else f"{_pct(low)}\u2013{_pct(high)}"
            if kind is InferenceKind.TITLE:
                parts.insert(0, f"title ({span})")
            elif kind is InferenceKind.SIDE:
                # a side guess the parser recorded on the version that lacks the row
                n = len(loose)
                parts.append(f"{n} about row{'s' if n != 1 else ''} not in this version ({span})")
            else:
                parts.append(f"the whole version ({span})")
        notes = sorted({i.note for i in mine if i.note}) if kind in _NOTED else []
        line = f"inferred, not read: {_GUESS_LABELS.get(kind, str(kind))}: {', '.join(parts)}"
        lines.append(line + "".join(f"; {note}" for note in notes))
    return lines


def files_list(files: Sequence[FileDigest]) -> str:
    if not files:
        return '<p class="note">No source files recorded.</p>\n'
    lis = []
    for f in files:
        if f.sha256 is not None:
            since = (
                f' <span class="warn">(as it was when loaded; {esc(f.since)})</span>'
                if f.since
                else ""
            )
            lis.append(
                f"<li><code>{esc(f.name)}</code> SHA-256 <code>{f.sha256}</code>{since}</li>"
            )
        else:
            lis.append(
                f"<li><code>{esc(f.name)}</code> "
                f'<span class="warn">could not be read to hash: {esc(f.problem or "")}</span></li>'
            )
    return f'<ul class="plain">{"".join(lis)}</ul>\n'


def headline_html(comp: Comparison) -> str:
    """The title diff (deleted and inserted words inline), marked if either title
    was inferred."""
    text = inline_side(comp.title) if comp.title else esc(comp.new.title)
    # both versions usually carry the same guess (one title row held both titles)
    guesses = list(
        dict.fromkeys(
            i
            for v in (comp.old, comp.new)
            for i in v.inferred
            if i.paragraph is None and i.kind is InferenceKind.TITLE
        )
    )
    if guesses:
        return f'<span class="inf">{text}</span>{inference_notes(guesses)}'
    return text


def title_changed(spans: Sequence[Span]) -> bool:
    return any(s.op != "equal" for s in spans)


_STAT_ROWS = (
    ("Words inserted", "words_inserted"),
    ("Words deleted", "words_deleted"),
    ("Words moved", "words_moved"),
    ("Characters inserted", "chars_inserted"),
    ("Characters deleted", "chars_deleted"),
    ("Paragraphs changed", "paragraphs_changed"),
    ("Paragraphs inserted", "paragraphs_inserted"),
    ("Paragraphs deleted", "paragraphs_deleted"),
    ("Paragraphs moved", "paragraphs_moved"),
    ("Paragraphs split", "paragraphs_split"),
    ("Paragraphs merged", "paragraphs_merged"),
    ("Differences hidden by ignore options", "ignored_changes"),
)


def stats_table(stats: Stats, options: DiffOptions) -> str:
    """The figures as ``<dl class="st">``: one ``<div><dt>label</dt><dd>value</dd></div>``
    per figure, laid out in as many columns as fit."""
    pairs = [(label, f"{getattr(stats, name):,}") for label, name in _STAT_ROWS]
    pairs.append(("Size (words touched)", f"{stats.size:,}"))
    pairs.append(("Headline changed", "yes" if stats.headline_changed else "no"))
    ignoring = [
        word
        for word, on in (
            ("whitespace", options.ignore_whitespace),
            ("typography", options.ignore_typography),
            ("case", options.ignore_case),
        )
        if on
    ]
    pairs.append(("Ignoring", ", ".join(ignoring) or "nothing"))
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in pairs)
    return f'<dl class="st">{items}</dl>\n'


def legend() -> str:
    kinds = " ".join(f"<span>{sym} {word}</span>" for sym, word in KIND_MARKS.values())
    return (
        '<p class="legend note"><del>deleted</del> <ins>inserted</ins> '
        '<span class="ig">difference hidden by an ignore option</span> '
        '<span class="inf">inferred by the parser, not read</span> '
        f"\u00b6 paragraph break. Change kinds: {kinds}</p>\n"
    )
