"""standfirst_in_headline: a standfirst joined to the headline line.

The headline line runs on into a second sentence of at least
``min_run_in_words`` words (the unsafe fix breaks the line where the
run-in starts), or ends with " / Outlet" (a standfirst's signature) after
12 words or more, or is longer than ``max_words`` words (reported at
suggestion level). Only articles read whole (see ``_structure``).

``message`` substitutions: ``%s`` is the evidence, such as ``The headline
runs on into a second sentence of 14 words ('As discussions …')``, ``The
headline line ends with '/ Reuters' and has 19 words, like a standfirst``
or ``The headline has 31 words, more than 30``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._structure import excerpt, headline, whole
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Severity, Span
from lint.rules import RuleBase
from lint.segment import sentences
from lint.spec import Field

DEFAULT_MESSAGE = "%s: a standfirst may have been joined to the headline line."

_OUTLET = regexes.compile(r"\s+/\s*[^/\s][^/]{0,59}$")


class Params(RuleBase):
    extends: Literal["standfirst_in_headline"]
    min_run_in_words: int = Field(default=8, ge=1)
    max_words: int = Field(default=30, ge=1)  # longer is suspicious alone


class StandfirstInHeadline:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article):
            return
        h = headline(article)
        if h is None:
            return
        words = len(h.text.split())
        sents = sentences(h)
        if len(sents) >= 2:
            rest = h.text[sents[1].start - h.start :]
            n = len(rest.split())
            if n >= self.p.min_run_in_words:
                cut = sents[1].start
                evidence = f"The headline runs on into a second sentence of {n} words ('{excerpt(rest)}')"
                yield Finding(Span(cut, h.end), format_message(self.message, evidence), _fix(article.text, cut))
                return
        m = _OUTLET.search(h.text)
        if m is not None and words >= 12:
            evidence = f"The headline line ends with '{m.group().strip()}' and has {words} words, like a standfirst"
            yield Finding(Span(h.start, h.end), format_message(self.message, evidence))
            return
        if words > self.p.max_words:
            evidence = f"The headline has {words} words, more than {self.p.max_words}"
            yield Finding(Span(h.start, h.end), format_message(self.message, evidence), level=Severity.SUGGESTION)


def _fix(text: str, cut: int) -> Fix:
    s = cut
    while s > 0 and text[s - 1] in " \t":
        s -= 1
    return Fix((Edit(Span(s, cut), "\n"),), "unsafe", "Put the run-in text on its own line")


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> StandfirstInHeadline:
    return StandfirstInHeadline(p)
