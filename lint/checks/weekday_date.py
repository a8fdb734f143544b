"""weekday_date: a weekday next to a calendar date that falls on another day.

Whatever the order ("Tuesday, September 18, 2024"; "September 18, 2024, a
Tuesday"; "on Tuesday 18 September", the year then taken from the
publication date, the nearest such date to it, and reported as a
warning). With ``day_parts`` in the cues, a part of the day may stand
between the weekday and its date ("on Tuesday evening, September 18"). No fix: either part may be the wrong one. Dates without a year
are skipped when the article has no publication date.

With ``cues`` (a ``days`` list, usually ``data/relative-dates.yml``), a
weekday given for a day relative to the publication date is checked as
well: "earlier today (Monday)", "yesterday (Sunday)", "tomorrow,
Wednesday," in an article dated Tuesday 9 August 2022. When the date comes
from the article's own date line, the finding is on that date (the line
that every "today" of the article hangs on: an old date on a live page or
an updated story) with the phrase as a related location; a date given from
outside (front matter, ``--date``) puts it on the phrase. A warning.

``message`` substitutions: ``%s`` is the evidence, such as ``'Tuesday'
does not match the date: September 18, 2024 is a Wednesday, not a Tuesday``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._dateline import Cues, phrase_pattern
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.dates import find_dates
from lint.gate import compile_source, word_gate
from lint.model import Finding, Related, Severity, Span
from lint.regexes import longest_first as _longest_first
from lint.rules import RuleBase
from lint.spec import Field

DATA_KEYS = ("cues",)

DEFAULT_MESSAGE = "Weekday and date disagree: %s."


class Params(RuleBase):
    extends: Literal["weekday_date"]
    cues: Cues = Field(default_factory=Cues)  # its ``days``: "today (Monday)"


_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WD = "|".join(sorted(_WEEKDAYS, key=_longest_first))
_RE_DIGIT = re.compile(r"\d")  # the same \d as the patterns of lint.dates
_WD_ANY = regexes.compile(rf"(?i)\b(?:{_WD})\b")
_WD_LEAD = regexes.compile(rf"(?P<wd>(?i:{_WD}))\b\.?,?\s+")
_WD_PAREN_BEFORE = regexes.compile(rf"(?P<wd>(?i:{_WD}))\b\.?\s*\(\s*\Z")
_WD_AFTER = regexes.compile(
    rf"(?:\s*,\s*(?:(?:which|that)\s+(?:is|was|will\s+be|would\s+be)\s+)?(?:a|an)\s+"
    rf"|\s*,\s*(?:which|that)\s+(?:falls|fell)\s+on\s+(?:a\s+)?"
    rf"|\s*\(\s*)(?P<wd>(?i:{_WD}))\b"
)


# RE2's gate for _WD_ANY, on a whole block: a weekday between word
# boundaries. regex's boundary (a Unicode word character on one side only)
# next to the name's first or last letter means a character that is no word
# character, so no ASCII one, or the text's edge: the ASCII classes below are
# a superset, and RE2 runs them as a small automaton (lint.gate drops \b, and
# "mon", "wed", "sat" alone are in every "month", "showed", "satisfied").
# Under IGNORECASE regex also folds s with "ſ" and i with "İ"/"ı": spelt out.
_FOLDS = {"s": "[sSſ]", "i": "[iIİı]"}
_WD_GATE_SOURCE = (
    "(?i)(?:^|[^0-9A-Za-z_])(?:"
    + "|".join("".join(_FOLDS.get(c, c) for c in w) for w in sorted(_WEEKDAYS, key=_longest_first))
    + ")(?:[^0-9A-Za-z_]|$)"
)


def _weekday_ok(token: str) -> bool:
    """Title case or ALL CAPS ("Tuesday", "TUE"), as months in lint.dates."""
    return token[0].isupper() and (token[1:].islower() or token.isupper())


class WeekdayDate:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        # "on Tuesday evening, June 6": a part of the day between the weekday and its date
        self.part_before = None
        if p.cues.day_parts:
            parts = phrase_pattern(p.cues.day_parts)
            self.part_before = regexes.compile(rf"\b(?P<wd>(?i:{_WD}))\b\.?[ \t]+(?i:{parts}),?[ \t]*\Z")
        self.weekday_gate = compile_source(_WD_GATE_SOURCE)
        self.days = regexes.FoldedKeys({" ".join(c.phrase.lower().split()): c.shift for c in p.cues.days})
        self.day_rx = None
        if self.days:
            alt = phrase_pattern(self.days)
            self.day_rx = regexes.compile(
                rf"(?P<day>(?i:{alt}))\s*(?:\(\s*(?P<wd>{_WD})\.?\s*\)|,\s*(?P<wd2>{_WD})\b\.?(?=\s*[,;)]|\s*\.?\s*$))"
                rf"|(?P<wd3>{_WD})\.?\s*\(\s*(?P<day2>(?i:{alt}))\s*\)",
                regex.IGNORECASE,
            )
        self.day_gate = word_gate(self.day_rx) if self.day_rx is not None else None

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        pub = article.meta.date
        # both searches below need a weekday (_WD_ANY) in the block: RE2 finds the blocks that may have one
        gate = self.weekday_gate
        if gate is not None:
            blocks = [b for b in blocks if gate.search(b.text)]
        if pub is not None and self.day_rx is not None:
            yield from self._relative_days(article, blocks, pub)
        for b in blocks:
            text = b.text
            # every date find_dates returns has a digit (its ``re`` ``\d``)
            if not _RE_DIGIT.search(text) or not _WD_ANY.search(text):
                continue
            for d in find_dates(text):
                if d.month is None or d.day is None:
                    continue
                wd = None
                lead = _WD_LEAD.match(text, d.start)
                if lead and lead.end() <= d.end and not (
                    "." in text[lead.end("wd") : lead.end()] and len(lead.group("wd")) > 5
                ):  # "on Friday. September 18 ..." is two sentences
                    wd = (lead.start("wd"), lead.end("wd"), lead.group("wd"))
                elif not lead:
                    off = max(0, d.start - 30)
                    before = _WD_PAREN_BEFORE.search(text[max(0, d.start - 20) : d.start])
                    part = self.part_before.search(text[off : d.start]) if self.part_before else None
                    if part:
                        wd = (off + part.start("wd"), off + part.end("wd"), part.group("wd"))
                    elif before and regex.match(r"\s*\)", text[d.end :]):
                        off = max(0, d.start - 20)
                        wd = (off + before.start("wd"), off + before.end("wd"), before.group("wd"))
                    else:
                        after = _WD_AFTER.match(text, d.end)
                        if after:
                            wd = (after.start("wd"), after.end("wd"), after.group("wd"))
                if wd is None or not _weekday_ok(wd[2]):
                    continue
                stated = _WEEKDAYS[wd[2].casefold()]
                inferred = d.year is None
                if inferred:
                    if pub is None:
                        continue
                    date = _nearest(pub, d.month, d.day)
                else:
                    date = d.date
                if date is None or date.weekday() == stated:
                    continue
                shown = f"{date:%B} {date.day}, {date.year}"
                if inferred:
                    assert pub is not None  # an inferred year needs the dateline's date (checked above)
                    evidence = (
                        f"'{wd[2]}' does not match the date: {date:%B} {date.day} is a "
                        f"{_DAY_NAMES[date.weekday()]} in {date.year} (the year of the dateline "
                        f"{pub.isoformat()}), not a {_DAY_NAMES[stated]}"
                    )
                else:
                    evidence = f"'{wd[2]}' does not match the date: {shown} is a {_DAY_NAMES[date.weekday()]}, not a {_DAY_NAMES[stated]}"
                msg = format_message(self.message, evidence)
                start, end = min(wd[0], d.start), max(wd[1], d.end)
                yield Finding(Span(b.start + start, b.start + end), msg, None, Severity.WARNING if inferred else None)


    def _relative_days(self, article: Article, blocks: list[Block], pub: dt.date) -> Iterator[Finding]:
        assert self.day_rx is not None
        for b in blocks:
            if not _WD_ANY.search(b.text) or (self.day_gate is not None and not self.day_gate.search(b.text)):
                continue
            for m in self.day_rx.finditer(b.text):
                day = m.group("day") or m.group("day2")
                wd = next(w for w in (m.group("wd"), m.group("wd2"), m.group("wd3")) if w)
                if not _weekday_ok(wd):
                    continue
                shift = self.days[" ".join(day.lower().split())]
                meant = pub + dt.timedelta(days=shift)
                stated = _WEEKDAYS[wd.casefold()]
                if meant.weekday() == stated:
                    continue
                said = " ".join(m.group().split())
                span = Span(b.start + m.start(), b.start + m.end())
                where = _date_line(article, pub) if article.meta.date_source == "byline" else None
                evidence = (
                    f"'{said}' makes {'today' if shift == 0 else 'yesterday' if shift < 0 else 'tomorrow'} a "
                    f"{_DAY_NAMES[stated]}, but the article is dated {pub:%A} {pub.day} {pub:%B} {pub.year}"
                    + (f", so {day.lower()} is a {_DAY_NAMES[meant.weekday()]}" if shift else "")
                )
                if where is not None:
                    evidence += " (a date line older or newer than the text, as on a live page or an updated story, or a wrong weekday)"
                    yield Finding(where, format_message(self.message, evidence), None, Severity.WARNING, (Related(span, f"'{said}'"),))
                else:
                    yield Finding(span, format_message(self.message, evidence), None, Severity.WARNING)
                return  # one is enough: every other relative day hangs on the same date


def _date_line(article: Article, pub: dt.date) -> Span | None:
    """Where the article's own date line gives ``pub``, if it does."""
    for b in article.blocks:
        if b.scope == "byline":
            for d in find_dates(b.text):
                if d.date == pub:
                    return Span(b.start + d.start, b.start + d.end)
    return None


def _nearest(pub: dt.date, month: int, day: int) -> dt.date | None:
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs(cand - pub) < abs(best - pub):
            best = cand
    return best


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> WeekdayDate:
    return WeekdayDate(p)
