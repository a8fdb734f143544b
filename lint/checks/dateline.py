"""dateline: dates in the text against the publication date and each other.

One check type, three ``mode``s (one rule each):

* ``relative``: a relative expression ("later this year", "next month",
  "last September") resolved against the publication date, compared with an
  explicit date attached to it in the same sentence: an event named with its
  year right before it ("the exercises Zapad 2025 (West 2025) later this
  year"), a possessive ("this year's Euro 2024"), or a date in apposition
  ("next year, in 2025"; "last month (August 2024)"). "By the end of this
  year" with no explicit date is never a finding.
* ``weekday``: a weekday next to a calendar date that falls on another day,
  whatever the order ("Tuesday, September 18, 2024"; "September 18, 2024, a
  Tuesday"; "on Tuesday 18 September", the year then taken from the
  publication date). No fix: either part may be the wrong one.
* ``tense``: a date after the publication date told in the past tense ("was
  held in 2026") or one before it told as future ("will take place in 2023").

Cue phrases are data (``cues:``, usually ``data/relative-dates.yml``).
Without a publication date the checks skip silently, except that a weekday
next to a full date with its year is checked anyway (it needs no dateline).
Text inside quotation marks is skipped by ``relative`` and ``tense`` (a
quotation may be older than the article).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

import regex
from pydantic import BaseModel, ConfigDict, Field

from lint.article import Article, Block
from lint.dates import MONTHS, find_dates
from lint.model import Finding, Severity, Span
from lint.rules import CompileError, RuleBase

DATA_KEYS = ("cues",)

ONE_DAY = dt.timedelta(days=1)


class RelativeCue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    phrase: str
    unit: Literal["year", "month", "week", "named-month"]
    shift: int = 0
    part: Literal["all", "rest", "before"] = "all"


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    relative: list[RelativeCue] = Field(default_factory=list)
    event_words: list[str] = Field(default_factory=list)
    connectors: list[str] = Field(default_factory=list)
    past_passive: list[str] = Field(default_factory=list)
    past_active: list[str] = Field(default_factory=list)
    future_markers: list[str] = Field(default_factory=list)
    future_schedule: list[str] = Field(default_factory=list)


class Params(RuleBase):
    extends: Literal["dateline"]
    mode: Literal["relative", "weekday", "tense"]
    cues: Cues = Field(default_factory=Cues)


# --------------------------------------------------------------------------
# Shared pieces (also used by lint.checks.recurrence)

# A year as a word: 1800-2099, not part of a larger number, an amount or a code.
YEAR = r"(?<![\d.,$£€#/])(?:1[89]|20)\d\d(?![\d%]|[.,]\d)"
_YEAR_RX = regex.compile(YEAR)
# 1-3 capitalised words (a name such as "Zapad", "Summer Olympics").
NAME = r"(?:\p{Lu}[\p{L}\p{M}'’.&]*[ \t-]+){0,2}\p{Lu}[\p{L}\p{M}\d'’.&]*"
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# Words after a year that keep it a point in time ("in 2025 and", "in 2025 when").
_FUNCTION_WORDS = frozenset(
    "and or but nor when after before as at in on with to for by while where which that than the "
    "a an until if so because though although near across against amid amidst despite during from "
    "of off over under within without between among alongside outside inside into through "
    "following ahead around behind beyond since toward towards upon via per "
    "it he she they we i you this these those there its his her their our "
    "is are was were be been has have had will would could should may might must can "
    "also already again too only just then still even not".split()
)
_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 or m == "may"]  # full names only
_MONTH_FULL = {m: n for m, n in MONTHS.items() if m in _MONTH_NAMES}


_LEADING = regex.compile(r"(?:(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|Last|Next|In|On|At|By|For|After|Before|During|Since)[ \t]+)+")


def trim_name(text: str, start: int, end: int) -> int:
    """``start`` moved past capitalised function words ("The Expo" -> "Expo")."""
    m = _LEADING.match(text, start, end)
    return m.end() if m and m.end() < end else start


def phrase_pattern(phrases: Iterable[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any blank."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(regex.escape(w) for w in p.split())
        lead = r"\b" if p[:1].isalnum() else r"(?<=\w)"
        tail = r"\b" if p[-1:].isalnum() else ""
        parts.append(lead + body + tail)
    return "|".join(parts) if parts else r"(?!)"


_HAS_YEAR = regex.compile(r"(?:1[89]|20)\d\d")


def sentence_blocks(article: Article, blocks: list[Block]) -> Iterator[Block]:
    """The sentences of ``blocks``, from the article's cached segmentation."""
    split = [b for b in blocks if b.scope not in ("sentence", "quote", "byline")]
    sents = article.sentences if split else []
    i = 0
    for b in blocks:
        if b.scope in ("sentence", "quote", "byline"):
            yield b
            continue
        while i < len(sents) and sents[i].start < b.start:
            i += 1
        while i < len(sents) and sents[i].end <= b.end:
            yield sents[i]
            i += 1


def quote_spans(article: Article) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in article.quotes]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def year_at(text: str, pos: int) -> int | None:
    """The year at ``pos`` if it reads as a point in time (not "2025 prices", "2023-24")."""
    m = _YEAR_RX.match(text, pos)
    if not m:
        return None
    rest = text[m.end() : m.end() + 30]
    if regex.match(r"\s*[-–/]\s*\d", rest):
        return None
    w = regex.match(r"[ \t]+(\p{Ll}+)", rest)
    if w and w.group(1) not in _FUNCTION_WORDS:
        return None
    return int(m.group())


class Period(NamedTuple):
    lo: dt.date
    hi: dt.date


def month_period(y: int, m: int) -> Period:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return Period(dt.date(y, m, 1), nxt - ONE_DAY)


def year_period(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


class Anchor(NamedTuple):
    """An explicit date in the text: where, what it says, and the period."""

    start: int
    end: int
    period: Period
    label: str  # "the event is Zapad 2025" / "the date given is August 2024"
    year: int


def anchor_at(text: str, pos: int) -> tuple[int, Period, str, int] | None:
    """An explicit date (with a year) or a bare year starting exactly at ``pos``."""
    window = text[pos : pos + 40]
    for d in find_dates(window):
        if d.start != 0:
            break
        if d.year is None:
            return None
        shown = window[: d.end]
        if d.date is not None:
            return pos + d.end, Period(d.date, d.date), shown, d.year
        if d.month is not None and d.day is None:
            return pos + d.end, month_period(d.year, d.month), shown, d.year
        return None
    y = year_at(text, pos)
    if y is None:
        return None
    return pos + 4, year_period(y), str(y), y


class RelativeMatcher:
    """Finds relative expressions and resolves them against a date."""

    def __init__(self, cues: list[RelativeCue]):
        self.cues: dict[str, RelativeCue] = {}
        plain, named = [], []
        for i, c in enumerate(cues):
            key = " ".join(c.phrase.lower().split())
            if c.unit == "named-month":
                if "{month}" not in key:
                    raise CompileError(("cues", "relative", i, "phrase"), "a named-month phrase needs '{month}'")
                named.append(key)
            self.cues[key] = c
            if c.unit != "named-month":
                plain.append(key)
        month_alt = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
        named_parts = []
        for key in sorted(named, key=len, reverse=True):
            before, after = key.split("{month}", 1)
            named_parts.append(
                r"\b" + r"\s+".join(regex.escape(w) for w in before.split())
                + r"\s+(?P<m>" + month_alt + r")\b" + "".join(r"\s+" + regex.escape(w) for w in after.split())
            )
        alt = "|".join([p for p in [phrase_pattern(plain) if plain else ""] + named_parts if p])
        self.pattern = regex.compile(f"(?i:{alt})" if alt else r"(?!)")

    def finditer(self, text: str) -> Iterator[tuple[regex.Match, RelativeCue, int | None]]:
        for m in self.pattern.finditer(text):
            phrase = " ".join(m.group().lower().split())
            month = None
            mname = m.group("m") if "m" in self.pattern.groupindex else None
            if mname:
                if not mname[0].isupper():  # "this may", "last march" are not months
                    continue
                month = _MONTH_FULL[mname.lower()]
                phrase = phrase.replace(mname.lower(), "{month}")
            cue = self.cues.get(phrase)
            if cue is not None:
                yield m, cue, month

    @staticmethod
    def resolve(cue: RelativeCue, month: int | None, pub: dt.date) -> tuple[list[Period], str]:
        """The periods the expression may mean, and how to say them."""
        if cue.unit == "year":
            y = pub.year + cue.shift
            p = year_period(y)
            return [_part(p, cue.part, pub)], str(y)
        if cue.unit == "month":
            y, m = _add_months(pub.year, pub.month, cue.shift)
            p = month_period(y, m)
            return [_part(p, cue.part, pub)], f"{dt.date(y, m, 1):%B} {y}"
        if cue.unit == "week":
            lo, hi = {0: (-7, 7), 1: (1, 14), -1: (-14, -1)}.get(cue.shift, (-7 * abs(cue.shift) - 7, 7 * abs(cue.shift) + 7))
            a, b = pub + dt.timedelta(days=lo), pub + dt.timedelta(days=hi)
            return [Period(a, b)], f"between {a.isoformat()} and {b.isoformat()}"
        assert month is not None
        name = f"{dt.date(2000, month, 1):%B}"
        if cue.shift == 0:
            years = [pub.year]
        elif cue.shift > 0:
            years = [pub.year, pub.year + 1] if month > pub.month else [pub.year + 1]
        else:
            years = [pub.year - 1, pub.year] if month < pub.month else [pub.year - 1]
        return [month_period(y, month) for y in years], f"{name} " + " or ".join(map(str, years))


def _part(p: Period, part: str, pub: dt.date) -> Period:
    if part == "rest":
        return Period(max(p.lo, pub - ONE_DAY), p.hi)
    if part == "before":
        return Period(p.lo, min(p.hi, pub + ONE_DAY))
    return p


def overlaps(a: Period, b: Period) -> bool:
    return a.lo <= b.hi and b.lo <= a.hi


# --------------------------------------------------------------------------
# relative


_STOP = regex.compile(r"[;:!?.—–]")


class _Relative:
    def __init__(self, p: Params):
        if not p.cues.relative:
            raise CompileError(("cues",), "mode relative needs cues with a `relative` list")
        self.message = p.message
        self.matcher = RelativeMatcher(p.cues.relative)
        self.events = frozenset(w.lower() for w in p.cues.event_words)
        self.connectors = frozenset(w.lower() for w in p.cues.connectors)
        tail = r"(?P<tail>(?:[ \t]+\p{Ll}+){0,4})"
        self.before_name_year = regex.compile(
            rf"(?P<name>{NAME})[ \t-]+(?P<year>{YEAR})(?P<paren>\s*\([^()]{{0,60}}\))?{tail}\s*,?\s*\Z"
        )
        self.before_year_name = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<year>{YEAR})[ \t]+(?P<name>{NAME}){tail}\s*,?\s*\Z"
        )
        self.head_name_year = regex.compile(rf"(?P<name>{NAME})[ \t-]+(?P<year>{YEAR})(?P<tail>(?:[ \t]+\p{{Ll}}+){{0,2}})")
        self.head_year_name = regex.compile(rf"(?P<year>{YEAR})[ \t]+(?P<name>{NAME}|\p{{Ll}}+)(?P<tail>(?:[ \t]+\p{{Ll}}+){{0,2}})")
        self.possessive = regex.compile(r"['’]s[ \t]+")
        self.apposition = regex.compile(r"(?:\s*,\s*|[ \t]+)(?:in|on|during)\s+|\s*\(\s*(?:in\s+|on\s+)?")

    def _is_event(self, words: Iterable[str]) -> bool:
        return any(w.lower() in self.events for w in words)

    def _before(self, text: str, r0: int) -> Anchor | None:
        lo = max(0, r0 - 200)
        window = text[lo:r0]
        for rx, preceding in ((self.before_name_year, True), (self.before_year_name, False)):
            m = rx.search(window)
            if not m:
                continue
            tail = m.group("tail").split()
            if any(w not in self.events and w not in self.connectors for w in tail):
                continue
            words = _WORD.findall(m.group("name")) + tail
            if preceding:
                head = window[: m.start()]
                stops = list(_STOP.finditer(head))
                if stops:
                    head = head[stops[-1].end() :]
                words += _WORD.findall(head)[-6:]
            if not self._is_event(words):
                continue
            y = int(m.group("year"))
            name_start = trim_name(window, m.start("name"), m.end("name"))
            start = lo + min(name_start, m.start("year"))
            end = lo + max(m.end("name"), m.end("year"))
            return Anchor(start, end, year_period(y), f"the event is {text[start:end]}", y)
        return None

    def _after(self, text: str, r1: int) -> Anchor | None:
        pm = self.possessive.match(text, r1)
        if pm:
            for rx in (self.head_name_year, self.head_year_name):
                m = rx.match(text, pm.end())
                if m and self._is_event(_WORD.findall(m.group("name")) + m.group("tail").split()):
                    y = int(m.group("year"))
                    start = min(trim_name(text, m.start("name"), m.end("name")), m.start("year"))
                    end = max(m.end("name"), m.end("year"))
                    return Anchor(start, end, year_period(y), f"the event is {text[start:end]}", y)
            return None
        am = self.apposition.match(text, r1)
        if am:
            got = anchor_at(text, am.end())
            if got:
                end, period, shown, y = got
                return Anchor(am.end(), end, period, f"the date given is {shown}", y)
        return None

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        pub = article.meta.date
        if pub is None:
            return
        quotes: list[tuple[int, int]] | None = None
        for s in sentence_blocks(article, blocks):
            text = s.text
            if not _HAS_YEAR.search(text):
                continue  # every explicit date this mode compares with has a year
            for m, cue, month in self.matcher.finditer(text):
                if quotes is None:
                    quotes = quote_spans(article)
                if inside(quotes, s.start + m.start(), s.start + m.end()):
                    continue
                periods, means = self.matcher.resolve(cue, month, pub)
                for anchor in (self._before(text, m.start()), self._after(text, m.end())):
                    if anchor is None or any(overlaps(p, anchor.period) for p in periods):
                        continue
                    phrase = m.group()
                    evidence = f"dated {pub.isoformat()}, so '{phrase}' means {means}, but {anchor.label}"
                    msg = self.message.replace("%s", evidence) if "%s" in self.message else f"{self.message} {evidence}".strip()
                    yield Finding(Span(s.start + m.start(), s.start + m.end()), msg)
                    break


# --------------------------------------------------------------------------
# weekday

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_RE_DIGIT = re.compile(r"\d")  # the same \d as the patterns of lint.dates
_WD_ANY = regex.compile(rf"(?i)\b(?:{_WD})\b")
_WD_LEAD = regex.compile(rf"(?P<wd>(?i:{_WD}))\b\.?,?\s+")
_WD_PAREN_BEFORE = regex.compile(rf"(?P<wd>(?i:{_WD}))\b\.?\s*\(\s*\Z")
_WD_AFTER = regex.compile(
    rf"(?:\s*,\s*(?:(?:which|that)\s+(?:is|was|will\s+be|would\s+be)\s+)?(?:a|an)\s+"
    rf"|\s*,\s*(?:which|that)\s+(?:falls|fell)\s+on\s+(?:a\s+)?"
    rf"|\s*\(\s*)(?P<wd>(?i:{_WD}))\b"
)


def _weekday_ok(token: str) -> bool:
    """Title case or ALL CAPS ("Tuesday", "TUE"), as months in lint.dates."""
    return token[0].isupper() and (token[1:].islower() or token.isupper())


class _Weekday:
    def __init__(self, p: Params):
        self.message = p.message

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        pub = article.meta.date
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
                    before = _WD_PAREN_BEFORE.search(text[max(0, d.start - 20) : d.start])
                    if before and regex.match(r"\s*\)", text[d.end :]):
                        off = max(0, d.start - 20)
                        wd = (off + before.start("wd"), off + before.end("wd"), before.group("wd"))
                    else:
                        after = _WD_AFTER.match(text, d.end)
                        if after:
                            wd = (after.start("wd"), after.end("wd"), after.group("wd"))
                if wd is None or not _weekday_ok(wd[2]):
                    continue
                stated = _WEEKDAYS[wd[2].lower()]
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
                    evidence = (
                        f"'{wd[2]}' does not match the date: {date:%B} {date.day} is a "
                        f"{_DAY_NAMES[date.weekday()]} in {date.year} (the year of the dateline "
                        f"{pub.isoformat()}), not a {_DAY_NAMES[stated]}"
                    )
                else:
                    evidence = f"'{wd[2]}' does not match the date: {shown} is a {_DAY_NAMES[date.weekday()]}, not a {_DAY_NAMES[stated]}"
                msg = self.message.replace("%s", evidence) if "%s" in self.message else f"{self.message} {evidence}".strip()
                start, end = min(wd[0], d.start), max(wd[1], d.end)
                yield Finding(Span(b.start + start, b.start + end), msg, None, Severity.WARNING if inferred else None)


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


# --------------------------------------------------------------------------
# tense

_PLACE = r"(?:\s+(?:in|at)\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,3})?"
_NOT_AFTER = frozenset("have has had will would to could might may should must be been being not never 'd ’d".split())
_CONDITION = regex.compile(r"(?i)\b(?:if|unless|whether|as\s+if|suppose|supposing|imagine)\b")


class _Tense:
    def __init__(self, p: Params):
        c = p.cues
        if not (c.past_passive or c.past_active or c.future_markers or c.future_schedule):
            raise CompileError(("cues",), "mode tense needs cues with past_* or future_* lists")
        self.message = p.message
        self.past = regex.compile(
            rf"(?i:\b(?:was|were)\s+(?:not\s+)?(?:{phrase_pattern(c.past_passive)})|(?P<act>{phrase_pattern(c.past_active)}))"
            rf"{_PLACE},?\s+(?:in|on|during)\s+"
        )
        self.future = regex.compile(
            rf"(?i:(?:{phrase_pattern(c.future_markers)})\s+(?:not\s+)?(?:be\s+|have\s+been\s+|have\s+)?"
            rf"\p{{Ll}}+(?:\s+place)?){_PLACE},?\s+(?i:in|on|during|by)\s+"
            rf"|(?i:{phrase_pattern(c.future_schedule)})\s+"
        )

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        pub = article.meta.date
        if pub is None:
            return
        quotes: list[tuple[int, int]] | None = None
        for s in sentence_blocks(article, blocks):
            text = s.text
            if not _HAS_YEAR.search(text):
                continue
            for kind, rx in (("past", self.past), ("future", self.future)):
                for m in rx.finditer(text):
                    got = anchor_at(text, m.end())
                    if got is None:
                        continue
                    end, period, shown, year = got
                    if kind == "past":
                        if not period.lo > pub + ONE_DAY:
                            continue
                        if m.group("act"):
                            prev = text[: m.start()].split()
                            if prev and prev[-1].lower() in _NOT_AFTER:
                                continue
                    else:
                        if not period.hi < pub - ONE_DAY:
                            continue
                        # reported speech from an earlier time: "said in 2019 the plant will open in 2022"
                        if any(int(y.group()) <= year for y in _YEAR_RX.finditer(text, 0, m.start())):
                            continue
                    if _CONDITION.search(text, 0, m.start()):
                        continue
                    if quotes is None:
                        quotes = quote_spans(article)
                    if inside(quotes, s.start + m.start(), s.start + end):
                        continue
                    said = " ".join(text[m.start() : end].split())
                    if kind == "past":
                        evidence = f"dated {pub.isoformat()}, but '{said}' tells {shown}, after that date, in the past tense"
                    else:
                        evidence = f"dated {pub.isoformat()}, but '{said}' tells {shown}, before that date, as future"
                    msg = self.message.replace("%s", evidence) if "%s" in self.message else f"{self.message} {evidence}".strip()
                    yield Finding(Span(s.start + m.start(), s.start + end), msg)


def compile(p: Params):
    if p.mode == "relative":
        return _Relative(p)
    if p.mode == "weekday":
        return _Weekday(p)
    return _Tense(p)
