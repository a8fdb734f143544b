"""What the date check types share (relative_date, weekday_date,
tense_date, and recurrence): cue data, years, periods, explicit dates
("anchors") and the sentences to read. Cue phrases are data (``cues:``,
usually ``data/relative-dates.yml``). Text inside quotation marks is
skipped by relative_date and tense_date (a quotation may be older than the
article).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

import regex

from lint import regexes
from lint.article import Article, Block
from lint.dates import MONTHS, find_dates
from lint.regexes import longest_first as _longest_first
from lint.rules import CompileError
from lint.spec import BaseModel, ConfigDict, Field

ONE_DAY = dt.timedelta(days=1)


class RelativeCue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    phrase: str
    unit: Literal["year", "month", "week", "named-month"]
    shift: int = 0
    part: Literal["all", "rest", "before"] = "all"


class DayCue(BaseModel):
    """A word for a day relative to the publication date ("yesterday": -1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    phrase: str
    shift: int = Field(ge=-1, le=1)
    general: bool = False  # also a general sense ("today" for nowadays): needs a verb or time next to it


class HeldApart(BaseModel):
    """An event held outside the year in its name ("Euro 2020", played in 2021)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str] = Field(min_length=1)
    year: int
    start: dt.date
    end: dt.date


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    relative: list[RelativeCue] = Field(default_factory=list)
    days: list[DayCue] = Field(default_factory=list)
    day_parts: list[str] = Field(default_factory=list)  # "on Tuesday evening, June 6"
    event_words: list[str] = Field(default_factory=list)
    held_apart: list[HeldApart] = Field(default_factory=list)
    connectors: list[str] = Field(default_factory=list)
    past_passive: list[str] = Field(default_factory=list)
    past_active: list[str] = Field(default_factory=list)
    future_markers: list[str] = Field(default_factory=list)
    future_schedule: list[str] = Field(default_factory=list)
    present_goals: list[str] = Field(default_factory=list)
    ended: list[str] = Field(default_factory=list)
    continuing: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------
# Shared pieces (also used by lint.checks.recurrence)

# A year as a word: 1800-2099, not part of a larger number, an amount or a code.
YEAR = r"(?<![\d.,$£€#/])(?:1[89]|20)\d\d(?![\d%]|[.,]\d)"
YEAR_RX = regexes.compile(YEAR)
# 1-3 capitalised words (a name such as "Zapad", "Summer Olympics").
NAME = r"(?:\p{Lu}[\p{L}\p{M}'’.&]*[ \t-]+){0,2}\p{Lu}[\p{L}\p{M}\d'’.&]*"
WORD = regexes.compile(r"[\p{L}\p{M}]+")
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


_LEADING = regexes.compile(r"(?:(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|Last|Next|In|On|At|By|For|After|Before|During|Since)[ \t]+)+")


def trim_name(text: str, start: int, end: int) -> int:
    """``start`` moved past capitalised function words ("The Expo" -> "Expo")."""
    m = _LEADING.match(text, start, end)
    return m.end() if m and m.end() < end else start


def phrase_pattern(phrases: Iterable[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any blank."""
    parts = []
    for p in sorted(set(phrases), key=_longest_first):
        body = r"\s+".join(regex.escape(w) for w in p.split())
        lead = r"\b" if p[:1].isalnum() else r"(?<=\w)"
        tail = r"\b" if p[-1:].isalnum() else ""
        parts.append(lead + body + tail)
    return "|".join(parts) if parts else r"(?!)"


HAS_YEAR = regexes.compile(r"(?:1[89]|20)\d\d")


_SPLIT_SCOPES = frozenset(("paragraph", "standfirst", "list", "headline", "heading"))  # as Article.sentences


def sentence_blocks(article: Article, blocks: list[Block]) -> list[Block]:
    """The sentences of ``blocks``, from the article's cached segmentation
    (of these blocks only: ``Article.sentences_of``, each block's sentences
    lying inside it, in order), and the blocks that are sentences already."""
    out: list[Block] = []
    for b in blocks:
        if b.scope in ("sentence", "quote", "byline"):
            out.append(b)
        elif b.scope in _SPLIT_SCOPES:
            out.extend(article.sentences_of(b))
    return out


def quote_spans(article: Article) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in article.quotes]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


_RANGE_AFTER = regexes.compile(r"\s*[-–/]\s*\d")
_LOWER_AFTER = regexes.compile(r"[ \t]+(\p{Ll}+)")


def year_at(text: str, pos: int) -> int | None:
    """The year at ``pos`` if it reads as a point in time (not "2025 prices", "2023-24")."""
    m = YEAR_RX.match(text, pos)
    if not m:
        return None
    rest = text[m.end() : m.end() + 30]
    if _RANGE_AFTER.match(rest):
        return None
    w = _LOWER_AFTER.match(rest)
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
    also: tuple[Period, ...] = ()  # other periods it may mean (an event held outside its named year)


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
        month_alt = "|".join(sorted(_MONTH_NAMES, key=_longest_first))
        named_parts = []
        for key in sorted(named, key=_longest_first):
            before, after = key.split("{month}", 1)
            named_parts.append(
                r"\b" + r"\s+".join(regex.escape(w) for w in before.split())
                + r"\s+(?P<m>" + month_alt + r")\b" + "".join(r"\s+" + regex.escape(w) for w in after.split())
            )
        alt = "|".join([p for p in [phrase_pattern(plain) if plain else ""] + named_parts if p])
        self.pattern = regexes.compile(f"(?i:{alt})" if alt else r"(?!)")

    def finditer(self, text: str) -> Iterator[tuple[regex.Match, RelativeCue, int | None]]:
        for m in self.pattern.finditer(text):
            phrase = " ".join(m.group().lower().split())
            month = None
            mname = m.group("m") if "m" in self.pattern.groupindex else None
            if mname:
                if not mname[0].isupper():  # "this may", "last march" are not months
                    continue
                month = _MONTH_FULL[mname.casefold()]
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
