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

from lint import regexes
from lint.article import Article, Block
from lint.checks._dateline import Cues, inside, phrase_pattern, quote_spans
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DATA_KEYS = ("cues",)
DEFAULT_MESSAGE = "Relative day in an undated article: %s."


class Params(RuleBase):
    extends: Literal["undated_day"]
    cues: Cues = Field(default_factory=Cues)


# The word before a day word that makes it general, not a day: "until today", "even today".
_GENERAL_BEFORE = frozenset("until till to of from since even still than as unlike like no".split())
_WORD_BEFORE = regexes.compile(r"(\p{L}+)[ \t]+\Z")
_WORD_AFTER = regexes.compile(r"[ \t]+(\p{L}+)")
# What makes a word with a general sense ("today") a day: a past-tense verb
# next to it, a time, or a future marker before it in its clause.
_IRREGULAR_PAST = frozenset(
    """said told met went came began won lost held made gave took left rose fell struck hit sent spoke wrote
    flew ran saw got paid sold bought brought found led fought kept broke chose drew drove grew knew meant
    shot stood threw woke sat spent swore""".split()
)
_TIME_WORDS = frozenset("earlier later early late noon midnight".split())
_FUTURE_BEFORE = regexes.compile(
    r"(?i:\b(?:will|shall|is\s+to|are\s+to|(?:set|due|expected|going|scheduled|poised)\s+to)\b|['’]ll\b)[^.;:!?]{0,50}\Z"
)
_HEADLINE_FUTURE = regexes.compile(r"(?i:\bto\s+\p{L}+)[^.;:!?]{0,60}\Z")
_TIME_AFTER = regexes.compile(r"[ \t]+(?:at\s+\d|\(\s*\p{Lu})")


def _past(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and not w.startswith("un"))


class UndatedDay:
    def __init__(self, p: Params):
        if not p.cues.days:
            raise CompileError(("cues",), "an undated_day rule needs cues with a `days` list")
        self.message = p.message or DEFAULT_MESSAGE
        self.day_rx = regexes.compile(rf"(?i:{phrase_pattern(c.phrase.lower() for c in p.cues.days)})(?!['’]s\b|-)")
        self.general = frozenset(" ".join(c.phrase.lower().split()) for c in p.cues.days if c.general)

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
                if m.group()[0].isupper() and s.scope != "headline" and before and before.group(1)[0].isupper():
                    continue  # a name: "USA TODAY", "New York Today" (a title-case headline capitalises every word)
                if " ".join(m.group().lower().split()) in self.general and not self._a_day(text, m, before, s.scope == "headline"):
                    continue  # "the hottest trends today": nowadays
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


    @staticmethod
    def _a_day(text: str, m: regex.Match, before: regex.Match | None, headline: bool) -> bool:
        if before and (_past(before.group(1)) or before.group(1).lower() in _TIME_WORDS):
            return True
        after = _WORD_AFTER.match(text, m.end())
        if after and _past(after.group(1)):
            return True  # "NASA today announced"
        if _TIME_AFTER.match(text, m.end()):
            return True  # "today at 10am", "today (Monday)"
        if headline and _HEADLINE_FUTURE.search(text, max(0, m.start() - 80), m.start()):
            return True  # a headline's future: "EC to announce poll dates today"
        return bool(_FUTURE_BEFORE.search(text, max(0, m.start() - 80), m.start()))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> UndatedDay:
    return UndatedDay(p)
