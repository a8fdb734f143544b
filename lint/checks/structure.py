"""structure: the parts a whole article should have, read from its metadata.

``kind``:

* ``byline``: no author was found (``article.meta.author``) and no body
  line reads "By Name ...". Reported once, at the byline/date line when
  there is one, else at the headline.
* ``date``: no publication date was found, so every check that needs one
  was skipped. Reported once, telling the user about ``--date``.
* ``standfirst_in_headline``: the headline line runs on into a second
  sentence of at least ``min_run_in_words`` words, or ends with
  " / Outlet" (a standfirst's signature), or is longer than ``max_words``
  words (reported one level lower): a standfirst joined to the headline.
  The unsafe fix breaks the line where the run-in starts.

Only articles read whole: text read as body only (rule examples, snippets)
has no headline, and nothing is reported for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field

from lint.article import Article, Block
from lint.model import Edit, Finding, Fix, Severity, Span
from lint.rules import RuleBase
from lint.segment import sentences


class Params(RuleBase):
    extends: Literal["structure"]
    kind: Literal["byline", "date", "standfirst_in_headline"]
    min_run_in_words: int = Field(default=8, ge=1)  # standfirst_in_headline
    max_words: int = Field(default=30, ge=1)  # standfirst_in_headline: longer is suspicious alone


_BODY_BYLINE = regex.compile(r"^(?i:by)\s+\p{Lu}[^\n]{0,80}$")
_OUTLET = regex.compile(r"\s+/\s*[^/\s][^/]{0,59}$")


def _excerpt(s: str, n: int = 50) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _whole(article: Article) -> bool:
    return bool(article.meta.headline)


def _headline(article: Article) -> Block | None:
    repeats = set(article.meta.repeated_headlines)
    return next((b for b in article.blocks if b.scope == "headline" and (b.start, b.end) not in repeats), None)


def _anchor(article: Article) -> Span:
    """Where an article-level finding points: byline, headline, or the first block."""
    for scope in ("byline", "headline"):
        b = next((b for b in article.blocks if b.scope == scope), None)
        if b is not None:
            return Span(b.start, b.end)
    if article.blocks:
        b = article.blocks[0]
        return Span(b.start, b.end)
    return Span(0, 0)


class MissingByline:
    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        meta = article.meta
        if not _whole(article) or meta.author:
            return
        if any(b.scope == "paragraph" and _BODY_BYLINE.match(b.text) for b in article.blocks):
            return
        span = _anchor(article)
        if meta.byline:
            msg = f"No author found: the byline/date line '{_excerpt(meta.byline)}' names nobody."
        else:
            msg = "No byline found: the article names no author (expected a 'By ...' line under the headline)."
        yield Finding(span, msg)


class MissingDate:
    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not _whole(article) or article.meta.date is not None:
            return
        where = (
            f" (the byline '{_excerpt(article.meta.byline)}' holds no full date)" if article.meta.byline else ""
        )
        msg = f"No publication date found{where}: date checks were skipped; give --date YYYY-MM-DD."
        yield Finding(_anchor(article), msg)


class StandfirstInHeadline:
    def __init__(self, p: Params):
        self.p = p

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not _whole(article):
            return
        h = _headline(article)
        if h is None:
            return
        words = len(h.text.split())
        sents = sentences(h)
        if len(sents) >= 2:
            rest = h.text[sents[1].start - h.start :]
            n = len(rest.split())
            if n >= self.p.min_run_in_words:
                cut = sents[1].start
                msg = (
                    f"The headline runs on into a second sentence of {n} words ('{_excerpt(rest)}'): "
                    "a standfirst may have been joined to the headline line."
                )
                yield Finding(Span(cut, h.end), msg, self._fix(article.text, cut))
                return
        m = _OUTLET.search(h.text)
        if m is not None and words >= 12:
            msg = (
                f"The headline line ends with '{m.group().strip()}' and has {words} words, "
                "like a standfirst: the standfirst may have been joined to the headline line."
            )
            yield Finding(Span(h.start, h.end), msg)
            return
        if words > self.p.max_words:
            index = article.line_index
            line = index.line_col(h.start)[0]
            msg = (
                f"The headline (line {line}) has {words} words, more than {self.p.max_words}: "
                "a standfirst may have been joined to it."
            )
            yield Finding(Span(h.start, h.end), msg, level=Severity.SUGGESTION)

    @staticmethod
    def _fix(text: str, cut: int) -> Fix:
        s = cut
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        return Fix((Edit(Span(s, cut), "\n"),), "unsafe", "Put the run-in text on its own line")


def compile(p: Params):
    if p.kind == "byline":
        return MissingByline()
    if p.kind == "date":
        return MissingDate()
    return StandfirstInHeadline(p)
