"""What the whole-article check types share (missing_byline, missing_date,
standfirst_in_headline): they read the article's metadata, and only
articles read whole. Text read as body only (rule examples, snippets) has
no headline, and nothing is reported for it."""

from __future__ import annotations

from lint.article import Article, Block
from lint.model import Span


def excerpt(s: str, n: int = 50) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def whole(article: Article) -> bool:
    return bool(article.meta.headline)


def headline(article: Article) -> Block | None:
    repeats = set(article.meta.repeated_headlines)
    return next((b for b in article.blocks if b.scope == "headline" and (b.start, b.end) not in repeats), None)


def anchor(article: Article) -> Span:
    """Where an article-level finding points: byline, headline, or the first block."""
    for scope in ("byline", "headline"):
        b = next((b for b in article.blocks if b.scope == scope), None)
        if b is not None:
            return Span(b.start, b.end)
    if article.blocks:
        b = article.blocks[0]
        return Span(b.start, b.end)
    return Span(0, 0)
