"""relative_timestamp: the only date line of an article is relative.

A page shows "2 hours ago" or "Updated 1 day ago" instead of a date; copied
out of the page, the article has no publication date, and "this year",
"on Tuesday" or "last month" cannot be resolved. Reported once, at the
timestamp, when the article (read whole) has no publication date and a
byline or a short header line (at most ``max_chars`` characters, not a
sentence) among the first ``window`` blocks holds a relative timestamp.
The units and the pattern are parameters: ``pattern`` must match the
timestamp itself ("2 hours ago").

``message`` substitutions: ``%s`` is the timestamp.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._structure import whole
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.checks.patterns import compile_pattern
from lint.model import Finding, Span
from lint.rules import RuleBase

DEFAULT_MESSAGE = (
    "The only date line is a relative timestamp ('%s'): it cannot anchor 'this year' or a weekday; "
    "give the publication date (--date YYYY-MM-DD)."
)


class Params(RuleBase):
    extends: Literal["relative_timestamp"]
    pattern: str = (
        r"(?i)\b(?:\d{1,3}|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?)"
        r"\s+ago\b"
    )
    window: int = 8
    max_chars: int = 80


class RelativeTimestamp:
    def __init__(self, p: Params):
        self.pattern = compile_pattern(p.pattern, ("pattern",))
        self.window = p.window
        self.max_chars = p.max_chars
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article) or article.meta.date is not None:
            return
        for b in article.blocks[: self.window]:
            if b.scope == "headline":
                continue
            short = len(b.text) <= self.max_chars and not b.text.rstrip().endswith((".", "!", "?"))
            if b.scope != "byline" and not short:
                continue
            m = self.pattern.search(b.text)
            if m is not None:
                yield Finding(Span(b.start + m.start(), b.start + m.end()), format_message(self.message, m.group()))
                return


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> RelativeTimestamp:
    return RelativeTimestamp(p)
