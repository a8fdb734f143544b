"""undated_day: "today", "yesterday", "tomorrow" in an article with no date.

A day word (the ``days`` of ``cues``, usually ``data/relative-dates.yml``)
tells the reader a day only through the publication date; an article that
carries none (a reprint, a copy that lost its date line) leaves "the space
agency tweeted today" unresolvable. Read only in articles with a headline
and no publication date (none in the text, the front matter or
``--date``), outside quotation marks; "today" in its general sense is not
counted ("today's world", "until today", "even today", "to this day").
One finding per article, on the first such word, saying how many more
there are.

``message`` substitutions: ``%s`` is the evidence, such as ``'tweeted
today' (and 2 more day words) cannot be resolved: the article carries no
date``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field

from lint.article import Article, Block
from lint.checks._dateline import Cues, inside, phrase_pattern, quote_spans
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase

DATA_KEYS = ("cues",)
DEFAULT_MESSAGE = "Relative day in an undated article: %s."


class Params(RuleBase):
    extends: Literal["undated_day"]
    cues: Cues = Field(default_factory=Cues)


# The word before a day word that makes it general, not a day: "until today", "even today".
_GENERAL_BEFORE = frozenset("until till to of from since even still than as unlike like".split())
_WORD_BEFORE = regex.compile(r"(\p{L}+)[ \t]+\Z")


class UndatedDay:
    def __init__(self, p: Params):
        if not p.cues.days:
            raise CompileError(("cues",), "an undated_day rule needs cues with a `days` list")
        self.message = p.message or DEFAULT_MESSAGE
        self.day_rx = regex.compile(rf"(?i:{phrase_pattern(c.phrase.lower() for c in p.cues.days)})(?!['’]s\b|-)")

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if article.meta.date is not None or article.meta.headline is None:
            return
        quotes: list[tuple[int, int]] | None = None
        found: list[tuple[int, int, str]] = []
        for s in blocks:  # the whole block: nothing here needs its sentences
            text = s.text
            for m in self.day_rx.finditer(text):
                before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
                if before and before.group(1).lower() in _GENERAL_BEFORE:
                    continue
                if m.group().isupper() and before and before.group(1)[0].isupper():
                    continue  # a name: "USA TODAY"
                if quotes is None:
                    quotes = quote_spans(article)
                if inside(quotes, s.start + m.start(), s.start + m.end()):
                    continue
                # the word before it too, when it is a verb-like word ("tweeted today"), for the message
                start = before.start(1) if before and before.group(1)[0].islower() else m.start()
                found.append((s.start + m.start(), s.start + m.end(), text[start : m.end()]))
        if not found:
            return
        start, end, said = found[0]
        more = len(found) - 1
        evidence = f"'{said}'" + (f" (and {more} more day word{'s' if more > 1 else ''})" if more else "")
        evidence += " cannot be resolved: the article carries no date; add the date line, or name the day and date"
        yield Finding(Span(start, end), format_message(self.message, evidence))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> UndatedDay:
    return UndatedDay(p)
