"""headline_day: the headline and the opening give the same news different days.

A headline that says "today" ("EC to declare poll dates today") while the
opening of the article says "tomorrow" (or "yesterday") of the same news
("The Election Commission will announce the polling dates tomorrow"): one
of the two was not updated when the other was. The day words are the
``days`` of ``cues`` (usually ``data/relative-dates.yml``: today, tonight,
yesterday, tomorrow ...); no publication date is needed, since both are
read against the same one.

"The same news": of the sentences in the first ``window`` paragraphs of
eight words or more (the standfirst counts as one) that carry a day word outside quotation marks,
the one that shares the most content words with the headline, if it
shares at least ``min_shared`` of them and at least ``min_share`` of the
headline's, and that gives no day of its own (a weekday or a date, other
than the day of the report: "a media report said on Tuesday"). A
headline with words for two different days ("Polls today,
results tomorrow"), or whose day word is quoted, is skipped; so is a
sentence that also gives the headline's day.

``message`` substitutions: ``%s`` is the evidence, such as ``the headline
says 'today', but the opening says 'tomorrow' of the same news (...)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._dateline import Cues, inside, phrase_pattern, quote_spans
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Related, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DATA_KEYS = ("cues",)
DEFAULT_MESSAGE = "Headline and opening disagree on the day: %s."


class Params(RuleBase):
    extends: Literal["headline_day"]
    cues: Cues = Field(default_factory=Cues)
    window: int = Field(default=3, ge=1, le=10)  # opening paragraphs read
    min_shared: int = Field(default=3, ge=1)  # content words shared with the headline
    min_share: float = Field(default=0.4, gt=0, le=1)  # ... as a share of the headline's


# Words that say nothing about which news it is.
_STOPWORDS = frozenset(
    """
    the a an of in on at for with by from to into over under about against between among during since
    after before near than as via per and or but nor that which who whom whose where when while is are
    was were be been being has have had will would shall should can could may might must do does did
    said says say told set likely expected due its his her their this these those not no new more
    """.split()
)
_WORD = regexes.compile(r"[\p{L}\p{M}\d]+")


# A weekday or a month and day in the sentence, other than the day of the report
# ("a media report said on Tuesday"): the sentence names its own day.
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_OWN_DAY = regexes.compile(
    r"(?<!\b(?:said|says|say|reported|reports|told|announced|added|stated)(?:\s+on)?\s)"
    rf"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|{_MONTHS}\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTHS})"
)


def _stem(w: str) -> str:
    w = w.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


class HeadlineDay:
    def __init__(self, p: Params):
        if not p.cues.days:
            raise CompileError(("cues",), "a headline_day rule needs cues with a `days` list")
        self.message = p.message or DEFAULT_MESSAGE
        self.days = regexes.FoldedKeys({" ".join(c.phrase.lower().split()): c.shift for c in p.cues.days})
        self.day_rx = regexes.compile(f"(?i:{phrase_pattern(self.days)})")
        self.day_words = frozenset(w for k in self.days for w in k.split())
        self.window = p.window
        self.min_shared = p.min_shared
        self.min_share = p.min_share

    def _shift(self, m: regex.Match) -> int:
        return self.days[" ".join(m.group().lower().split())]

    def _content(self, text: str) -> set[str]:
        return {
            _stem(w) for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in _STOPWORDS and w.lower() not in self.day_words
        }

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        head = next((b for b in article.blocks if b.scope == "headline"), None)
        if head is None:
            return
        cues = list(self.day_rx.finditer(head.text))
        if not cues or len({self._shift(m) for m in cues}) != 1:
            return
        hm = cues[0]
        before = head.text[: hm.start()]
        if before.count('"') % 2 or before.count("“") > before.count("”") or before.count("«") > before.count("»"):
            return  # a quoted day: the speaker's
        shift = self._shift(hm)
        words = self._content(head.text)
        if len(words) < self.min_shared:
            return
        # the first ``window`` paragraphs of prose (eight words or more: not "Advertisement", a credit line)
        opening = [
            b for b in article.blocks if b.start > head.start and b.scope in ("standfirst", "paragraph") and len(b.text.split()) >= 8
        ][: self.window]
        if not opening:
            return
        quotes: list[tuple[int, int]] | None = None
        best: tuple[int, Block, regex.Match] | None = None
        for b in opening:
            if not self.day_rx.search(b.text):
                continue
            for s in article.sentences_of(b):
                found = list(self.day_rx.finditer(s.text))
                if not found:
                    continue
                if quotes is None:
                    quotes = quote_spans(article)
                found = [m for m in found if not inside(quotes, s.start + m.start(), s.start + m.end())]
                if not found:
                    continue
                if _OWN_DAY.search(s.text):
                    continue  # "Markets fell on Wednesday after the Fed's decision yesterday": the day is given apart
                shared = len(words & self._content(s.text))
                if best is None or shared > best[0]:
                    best = (shared, s, found[0]) if all(self._shift(m) != shift for m in found) else (shared, s, hm)
        if best is None:
            return
        shared, s, bm = best
        if bm is hm or shared < self.min_shared or shared < self.min_share * len(words):
            return
        said = " ".join(s.text.split())
        if len(said) > 80:
            said = said[:79].rstrip() + "…"
        evidence = (
            f"the headline says '{hm.group()}', but the opening says '{bm.group()}' of the same news "
            f"('{said}'): one of them was not updated"
        )
        related = Related(Span(s.start + bm.start(), s.start + bm.end()), f"'{bm.group()}' here")
        yield Finding(Span(head.start + hm.start(), head.start + hm.end()), format_message(self.message, evidence), None, None, (related,))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> HeadlineDay:
    return HeadlineDay(p)
