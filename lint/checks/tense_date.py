"""tense_date: a date told in the wrong tense for the dateline.

A date after the publication date told in the past tense ("was held in
2026") or one before it told as future ("will take place in 2023"); and,
with ``present_goals``, a goal for a year before the publication year told
in the present ("his challenge for 2018 is to fix Facebook" in 2020: the
goal noun, "for YEAR", then "is/are to"). Needs
``cues`` with ``past_*`` or ``future_*`` lists (usually
``data/relative-dates.yml``); articles without a publication date, text
inside quotation marks, conditionals and reported speech dated earlier in
the sentence are skipped.

``message`` substitutions: ``%s`` is the evidence, such as ``dated
2024-09-17, but 'were held in 2026' tells 2026, after that date, in the
past tense``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import candidate_sentences
from lint.checks._dateline import (
    HAS_YEAR,
    ONE_DAY,
    YEAR_RX,
    Cues,
    anchor_at,
    inside,
    phrase_pattern,
    quote_spans,
)
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.dates import DATE_START_RE2
from lint.gate import word_gate
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DATA_KEYS = ("cues",)
DEFAULT_MESSAGE = "Tense contradicts the dateline: %s."


class Params(RuleBase):
    extends: Literal["tense_date"]
    cues: Cues = Field(default_factory=Cues)


_PLACE = r"(?:\s+(?:in|at)\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,3})?"
_NOT_AFTER = frozenset("have has had will would to could might may should must be been being not never 'd ’d".split())
_CONDITION = regexes.compile(r"(?i)\b(?:if|unless|whether|as\s+if|suppose|supposing|imagine)\b")


# What a date that ``anchor_at`` reads starts with: a digit (a year, a day, a
# numeric date), a month name or a weekday name (lint.dates)
_DATE_START = DATE_START_RE2


class TenseDate:
    def __init__(self, p: Params):
        c = p.cues
        if not (c.past_passive or c.past_active or c.future_markers or c.future_schedule or c.present_goals):
            raise CompileError(("cues",), "a tense_date rule needs cues with past_*, future_* or present_goals lists")
        self.message = p.message or DEFAULT_MESSAGE
        self.past = regexes.compile(
            rf"(?i:\b(?:was|were)\s+(?:not\s+)?(?:{phrase_pattern(c.past_passive)})|(?P<act>{phrase_pattern(c.past_active)}))"
            rf"{_PLACE},?\s+(?:in|on|during)\s+"
        )
        self.future = regexes.compile(
            rf"(?i:(?:{phrase_pattern(c.future_markers)})\s+(?:not\s+)?(?:be\s+|have\s+been\s+|have\s+)?"
            rf"\p{{Ll}}+(?:\s+place)?){_PLACE},?\s+(?i:in|on|during|by)\s+"
            rf"|(?i:{phrase_pattern(c.future_schedule)})\s+"
        )
        # "his challenge for 2018 is to": the match ends at the year; the verb after it is checked apart
        self.goal = regexes.compile(rf"(?i:(?:{phrase_pattern(c.present_goals)})\s+for\s+)(?=(?:1[89]|20)\d\d\s+(?:is|are)\s+to\b)")

        # a finding needs a date right where a match ends
        self._gate = word_gate(self.past, self.future, self.goal, then=_DATE_START)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        pub = article.meta.date
        if pub is None:
            return
        quotes: list[tuple[int, int]] | None = None
        # RE2 first, of the whole article at once: the sentences where one of the three patterns may match
        sents, (maybe_at,) = candidate_sentences((self._gate,), article, blocks)
        for s, maybe in zip(sents, maybe_at, strict=True):
            text = s.text
            if not maybe or not HAS_YEAR.search(text):
                continue
            # what each match asks of the text before it, found once per sentence (not rescanned per match)
            cond = _CONDITION.search(text)
            years: list[int] | None = None  # ends of the years in the sentence
            low: list[int] = []  # the lowest year among those ending at or before each of them
            for kind, rx in (("past", self.past), ("future", self.future), ("goal", self.goal)):
                for m in rx.finditer(text):
                    got = anchor_at(text, m.end())
                    if got is None:
                        continue
                    end, period, shown, year = got
                    if kind == "past":
                        if not period.lo > pub + ONE_DAY:
                            continue
                        if m.group("act") and _word_before(text, m.start()) in _NOT_AFTER:
                            continue
                    else:
                        if kind == "goal" and not year < pub.year:
                            continue
                        if kind == "future" and not period.hi < pub - ONE_DAY:
                            continue
                        # reported speech from an earlier time: "said in 2019 the plant will open in 2022"
                        if years is None:
                            found = [(y.end(), int(y.group())) for y in YEAR_RX.finditer(text)]
                            years = [e for e, _ in found]
                            low = list(itertools.accumulate((v for _, v in found), min))
                        k = bisect.bisect_right(years, m.start())
                        if k and low[k - 1] <= year:
                            continue
                    if cond is not None and cond.end() <= m.start():
                        continue
                    if quotes is None:
                        quotes = quote_spans(article)
                    if inside(quotes, s.start + m.start(), s.start + end):
                        continue
                    said = " ".join(text[m.start() : end].split())
                    if kind == "past":
                        evidence = f"dated {pub.isoformat()}, but '{said}' tells {shown}, after that date, in the past tense"
                    elif kind == "goal":
                        verb = regex.match(r"\s+(is|are)\s+to\b", text[end:])
                        said = " ".join(text[m.start() : end + (verb.end() if verb else 0)].split())
                        evidence = f"dated {pub.isoformat()}, but '{said}' tells a goal for {shown}, a past year, in the present tense"
                    else:
                        evidence = f"dated {pub.isoformat()}, but '{said}' tells {shown}, before that date, as future"
                    msg = format_message(self.message, evidence)
                    yield Finding(Span(s.start + m.start(), s.start + end), msg)


def _word_before(text: str, at: int) -> str:
    """The last whitespace-separated word before ``at``, lower case ("" if
    none), read from a short window: a longer word is no auxiliary anyway."""
    start = max(0, at - 40)
    words = text[start:at].split()
    if not words or (len(words) == 1 and start > 0 and not text[start - 1].isspace() and not text[start].isspace()):
        return ""
    return words[-1].lower()


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> TenseDate:
    return TenseDate(p)
