"""Merging article fragments from many dumps into one version chain per article.

Contract: :func:`merge_fragments` groups fragments by ``Article.key`` and returns one
article per key with versions sorted by number, plus a LoadError for each conflict
that could not be settled (a version two dumps disagree on).

(Initial version: first fragment wins; the NewsSniffer text parser will refine this.)
"""

from __future__ import annotations

from revviewer.core.model import Article, LoadError


def merge_fragments(fragments: list[Article]) -> tuple[list[Article], list[LoadError]]:
    by_key: dict[str, Article] = {}
    for frag in fragments:
        art = by_key.get(frag.key)
        if art is None:
            by_key[frag.key] = Article(
                frag.key, frag.source, frag.url, [], frag.version_count, frag.status
            )
            art = by_key[frag.key]
        have = {v.number: v for v in art.versions}
        for v in frag.versions:
            if v.number in have:
                have[v.number].sources.extend(
                    s for s in v.sources if s not in have[v.number].sources
                )
            else:
                art.versions.append(v)
        art.versions.sort(key=lambda v: v.number)
        if frag.version_count and (art.version_count or 0) < frag.version_count:
            art.version_count = frag.version_count
    return sorted(by_key.values(), key=lambda a: a.key), []
