"""recurrence: "annual", "every four years" ... said of a named event.

A claim ("annual", "biennial", "held every four years": the rule's
``claims``, phrase -> years between editions) counts only when it is
attached to a name in the same sentence: before it, as a modifier of the
noun phrase that ends in the name ("the annual joint military exercises
Zapad 2025"), or after it ("Zapad 2021, held every four years"; "the G7,
an annual summit"). The claim is then checked against

(a) the ``schedules`` data (names matched with a small edit distance, so
    "Zapod 2025" still finds Zapad): a period that is not the event's is a
    finding;
(b) the article itself: an annual event named by a year that the sentence
    places in another year ("the annual ... Zapad 2025 ... later this year"
    in a 2024 article), or editions named in the article whose years are not
    a multiple of the claimed period apart ("the biennial X" with "X 2021"
    and "X 2024").

(c) with ``gaps`` (phrases such as "after an absence of {n} years"): a gap
    claim in a sentence that names one scheduled event with ``years``
    ("after a long wait of 39 years, Ivory Coast hosts AFCON"), when N years
    after every edition of it that the article names ("the 1984 edition",
    "AFCON 1984") falls in a year in which no edition opened, one year off a
    year that had one (a miscount). With a publication date, N years from
    the named edition to the dateline's year always fits, and the year
    that would fit must be within a year of the dateline.

A name may carry a lower-case qualifier ("the 50-over World Cup") or
lower-case words after it ("the US census") when a schedule lists the name
so; such names are matched exactly, not by edit distance.

A claim about a name with no schedule and no contradiction in the article
("the Orionids meteor shower, a yearly display") is never a finding.
An edition named elsewhere in the article that contradicts the claim is a
related location of the finding.

``message`` substitutions: ``%s`` is the evidence, such as ``Zapad is held
every four years (2009, 2013, ...), not annually`` (several pieces of
evidence joined by "; ").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import passing
from lint.checks._dateline import HAS_YEAR, NAME, YEAR, Cues, RelativeMatcher, phrase_pattern, sentence_blocks, trim_name
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.gate import word_gate
from lint.model import Finding, Related, Span
from lint.regexes import longest_first as _longest_first
from lint.rules import CompileError, RuleBase
from lint.spec import BaseModel, ConfigDict, Field

DATA_KEYS = ("schedules", "dates")
DEFAULT_MESSAGE = "Recurrence claim contradicts the event's schedule: %s."


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str]
    every: int = Field(gt=0)
    also: list[int] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)  # the years editions opened in, complete from first to last
    named: dict[int, int] = Field(default_factory=dict)  # edition named for one year -> year it opened
    what: str = ""


class Params(RuleBase):
    extends: Literal["recurrence"]
    claims: dict[str, int]  # phrase -> years between editions
    schedules: list[Schedule] = Field(default_factory=list)
    dates: Cues = Field(default_factory=Cues)  # relative-date cues, for (b)
    gaps: list[str] = Field(default_factory=list)  # gap phrases with "{n}" for the number of years, for (c)


# Words that end the noun phrase after a prenominal claim, or that cannot sit
# between a name and a postnominal claim.
_STOPWORDS = frozenset(
    """
    of in on at for with by from to into over under about against between among during since
    after before near than as via per and or but nor that which who whom whose where when while
    is are was were be been being has have had will would shall should can could may might must
    do does did said says say told according it its he she they their his her this these those
    not no including such
    """.split()
)
# Nouns for a recurring event besides the date cues' event words.
_EVENT_NOUNS = frozenset("event events shower display meeting gathering show fair race".split())
_TOKEN = regexes.compile(r"\p{Lu}[\p{L}\p{M}\d'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*|[\p{Ll}\d][\p{L}\p{M}\d'’-]*|[^\s\p{L}\p{M}\d]")
_TRAILING_DIGITS = regexes.compile(r"^(\p{L}{2,})\d+$")  # COP28 -> COP
# Nouns after a name that make the noun phrase something other than the
# event itself ("the annual World Cup qualifiers", "the biennial Olympics bid").
_NOT_THE_EVENT = frozenset(
    "qualifier qualifiers qualifying qualification draw bid bids budget report reports squad trials "
    "preparations warm-up build-up".split()
)
_NEXT_WORD = regexes.compile(r"[ \t]+([\p{L}-]+)")
# A lower-case compound that qualifies a name ("the 50-over World Cup",
# "the one-day World Cup"): part of the name when a schedule lists it so.
_QUALIFIER = r"[\p{Ll}\d][\p{L}\d]*-\p{Ll}+"
_QUALIFIER_RX = regexes.compile(_QUALIFIER + r"\Z")
_LOWER_AFTER = regexes.compile(r"(?:[ \t]+(\p{Ll}[\p{L}\p{M}'’]*)){1,2}")
_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = (
    r"(?P<n>\d{1,3}|(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(list(_NUMBER_WORDS)[1:10]) + r"))?"
    r"|" + "|".join(sorted(_NUMBER_WORDS, key=_longest_first)) + r")"
)
# "the 1984 edition": an edition of the event the article is about
_GENERIC_EDITION = regexes.compile(rf"(?<![\p{{L}}\d])(?P<year>{YEAR})[ \t]+(?P<word>edition|tournament|finals)\b")


def _number(word: str) -> int:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _NUMBER_WORDS:
        return _NUMBER_WORDS[w]
    tens, _, unit = w.replace(" ", "-").partition("-")
    return _TENS[tens] + (_NUMBER_WORDS[unit] if unit else 0)


def _gap_pattern(templates: list[str]) -> str:
    """Gap phrases as one alternation: ``{n}`` a number (digits or words), "a"/"an"
    either article and an optional adjective after it ("after a long wait of")."""
    parts = []
    for t in sorted(set(templates), key=_longest_first):
        out = []
        for w in t.lower().split():
            if w == "{n}":
                out.append(_NUMBER)
            elif w in ("a", "an"):
                out.append(r"an?(?:\s+\p{Ll}+)??")
            else:
                out.append(regex.escape(w))
        parts.append(r"\b" + r"\s+".join(out) + r"\b")
    # one group name per alternative is not allowed twice: number the groups
    return "|".join(f"(?:{p.replace('(?P<n>', f'(?P<n{i}>')})" for i, p in enumerate(parts))


_ADVERBS = {1: "annually", 2: "every two years", 3: "every three years", 4: "every four years", 5: "every five years", 10: "every ten years"}


def _years(years: list[int]) -> str:
    """Editions for a message: all of a short list, the ends of a long one."""
    shown = [str(y) for y in years]
    return ", ".join(shown) if len(shown) <= 8 else f"{', '.join(shown[:3])} ... {', '.join(shown[-3:])}"


def _adverb(n: int) -> str:
    return _ADVERBS.get(n, f"every {n} years")


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


class Recurrence:
    def __init__(self, p: Params):
        if not p.claims:
            raise CompileError(("claims",), "a recurrence rule needs `claims` (phrase: years between editions)")
        for phrase, n in p.claims.items():
            if n < 1:
                raise CompileError(("claims", phrase), "years between editions must be at least 1")
        self.message = p.message or DEFAULT_MESSAGE
        self.claims = regexes.FoldedKeys({" ".join(k.lower().split()): v for k, v in p.claims.items()})
        self.claim_rx = regexes.compile(f"(?i:{phrase_pattern(self.claims)})")
        # a literal gate: the last word of every claim, without those that hold another
        # ("annually" holds "annual"), looked for in the lower-cased block before the pattern
        last = {k.split()[-1] for k in self.claims}
        self.claim_gate = {w for w in last if not any(u != w and u in w for u in last)}
        # schedule names: lower-case words -> schedule
        self.names: list[tuple[tuple[str, ...], Schedule, str]] = []
        for s in p.schedules:
            for name in s.names:
                words = tuple(w.lower() for w in regex.findall(r"[\p{L}\p{M}\d'’]+(?:-\p{L}[\p{L}\p{M}'’]*)*", name))
                self.names.append((words, s, name))
        self.max_words = max((len(w) for w, _, _ in self.names), default=1)
        self.events = frozenset(w.lower() for w in p.dates.event_words) | _EVENT_NOUNS
        year_cues = [c for c in p.dates.relative if c.unit == "year"]
        self.relative = RelativeMatcher(year_cues) if year_cues else None
        self.name_year = regexes.compile(rf"(?P<name>{NAME})[ \t-]+(?P<year>{YEAR})")
        self.year_name = regexes.compile(rf"(?<![\p{{L}}\d])(?P<year>{YEAR})[ \t]+(?P<name>{NAME})")
        for i, t in enumerate(p.gaps):
            if t.split().count("{n}") != 1:
                raise CompileError(("gaps", i), "a gap phrase needs one '{n}' for the number of years")
        self.gap_rx = regexes.compile(f"(?i:{_gap_pattern(p.gaps)})") if p.gaps else None
        # RE2 running supersets of the two patterns (lint.gate): the blocks where they may match
        self._claim_re2 = word_gate(self.claim_rx)
        self._gap_re2 = word_gate(self.gap_rx) if self.gap_rx is not None else None
        # a literal that every gap phrase holds (its last word: "years"), to skip sentences cheaply
        self.gap_gate = {next(w for w in reversed(t.lower().split()) if w != "{n}") for t in p.gaps}
        # the schedules' names as written (for gap claims and the editions they count from)
        self.by_name = {" ".join(n.split()): sc for sc in p.schedules for n in sc.names}
        alt = phrase_pattern(self.by_name)
        self.sched_rx = regexes.compile(alt)
        self.sched_year = regexes.compile(rf"(?P<name>{alt})[ \t-]+(?P<year>{YEAR})|(?<![\p{{L}}\d])(?P<year2>{YEAR})[ \t]+(?P<name2>{alt})")
        self.post = regexes.compile(
            rf"(?:(?P<qual>{_QUALIFIER})[ \t]+)?(?P<name>{NAME})(?:[ \t-]+(?P<year>{YEAR}))?(?P<paren>\s*\([^()]{{0,60}}\))?"
            r"(?P<mid>(?:[ \t]+\p{Ll}+){0,3}?)\s*,?\s*"
            r"(?:(?:which|that)\s+)?(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+)?"
            r"(?:\p{Ll}+ly\s+)?"  # "has been consistently played", "is usually held"
            r"(?:(?:held|staged|run|conducted|organi[sz]ed|hosted|played|contested)\s+|(?:takes?|took)\s+place\s+"
            r"|(?:occurs?|happens?|recurs?)\s+)?"
            r"(?:(?:an?|the)\s+)?\Z"
        )

    # -- names ---------------------------------------------------------------

    def _schedule_of(self, words: list[str], fuzzy: bool = True) -> tuple[Schedule, str] | None:
        """The schedule whose name is in ``words`` (capitalised tokens), if any;
        ``fuzzy``: also at edit distance 1 (names of five letters or more)."""
        low = [w.lower() for w in words]
        for k in range(min(self.max_words, len(low)), 0, -1):
            for i in range(len(low) - k + 1):
                gram = low[i : i + k]
                if k == 1:
                    m = _TRAILING_DIGITS.match(gram[0])
                    if m:
                        gram = [m.group(1)]
                cand = " ".join(gram)
                for name_words, sched, _shown in self.names:
                    if len(name_words) != k:
                        continue
                    target = " ".join(name_words)
                    if cand == target:
                        return sched, " ".join(words[i : i + k])
                    if fuzzy and len(target) >= 5 and cand[0] == target[0] and _distance(cand, target, 1) <= 1:
                        return sched, " ".join(words[i : i + k])
        return None

    def _pre(self, text: str, end: int) -> tuple[int, int, list[str], int | None, tuple[list[str], list[str]]] | None:
        """The name that a prenominal claim ending at ``end`` modifies."""
        n_words = 0
        comma = False
        nouns: list[str] = []
        for m in _TOKEN.finditer(text, end, min(len(text), end + 120)):
            tok = m.group()
            if tok == ",":
                if comma:
                    return None
                comma = True
                continue
            if tok[0].isupper():
                if comma and not (nouns and nouns[-1] in self.events):
                    return None  # "annual general meeting last night, Mr Gutnick"
                nm = regex.match(rf"{NAME}", text[m.start() :])
                name_text = nm.group() if nm else tok
                yr = regex.match(rf"[ \t-]+({YEAR})", text[m.start() + len(name_text) :])
                year = int(yr.group(1)) if yr else None
                words = regex.findall(r"\p{Lu}[\p{L}\p{M}\d'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*", name_text)
                # what the schedule names may also hold: a qualifier before ("50-over"),
                # lower-case words after ("US census", "US presidential election")
                lookup = ([nouns[-1]] if nouns and _QUALIFIER_RX.match(nouns[-1]) else []) + words
                nxt = _NEXT_WORD.match(text, m.start() + len(name_text) + (len(yr.group()) if yr else 0))
                if nxt and nxt.group(1).lower() in _NOT_THE_EVENT:
                    return None  # "the annual AFCON qualifiers": the claim is about the qualifiers
                tail: list[str] = []
                if year is None:
                    after = _LOWER_AFTER.match(text, m.start() + len(name_text))
                    if after:
                        tail = after.captures(1)
                return m.start(), m.start() + len(name_text), words, year, (lookup, tail)
            if comma or not (tok[0].isalpha() or _QUALIFIER_RX.match(tok)) or tok.lower() in _STOPWORDS:
                return None
            nouns.append(tok.lower())
            n_words += 1
            if n_words > 5:
                return None
        return None

    def _post(self, text: str, start: int) -> tuple[int, int, list[str], int | None, tuple[list[str], list[str]]] | None:
        lo = max(0, start - 160)
        m = self.post.search(text[lo:start])
        if not m:
            return None
        words = regex.findall(r"\p{Lu}[\p{L}\p{M}\d'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*", m.group("name"))
        mid = m.group("mid").split()
        lookup = ([m.group("qual")] if m.group("qual") else []) + words
        if any(w not in self.events for w in mid):
            # "HIV doubles almost annually": only event nouns between, unless the
            # words between end a scheduled name ("US presidential elections, held ...")
            got = self._schedule_of(lookup + mid, fuzzy=False)
            if got is None or not got[1].lower().endswith(mid[-1].lower()):
                return None
        year = int(m.group("year")) if m.group("year") else None
        n0 = lo + (m.start("qual") if m.group("qual") else m.start("name"))
        return n0, lo + m.end("name"), words, year, (lookup, mid)

    # -- the check -----------------------------------------------------------

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        editions: dict[str, list[tuple[int, tuple[int, int]]]] | None = None
        # only the blocks with a claim or a gap phrase are split into sentences (literals first: cheap)
        kept = []
        # RE2 first, of the whole article at once: a block where neither pattern can match has no finding
        claims = passing(self._claim_re2, article, blocks)
        gaps = passing(self._gap_re2, article, blocks) if self.gap_rx is not None else [False] * len(blocks)
        for b, claim, gap in zip(blocks, claims, gaps, strict=True):
            if not (claim or gap):
                continue
            low = b.text.lower()
            if (any(w in low for w in self.claim_gate) and self.claim_rx.search(b.text)) or self._gap_gate(low):
                kept.append(b)
        blocks = kept
        for s in sentence_blocks(article, blocks):
            text = s.text
            for c in self.claim_rx.finditer(text):
                period = self.claims[" ".join(c.group().lower().split())]
                target = self._pre(text, c.end()) or self._post(text, c.start())
                if target is None:
                    continue
                n0, n1, words, year, (lookup, tail) = target
                n0 = trim_name(text, n0, n1)
                written = text[n0:n1] + (f" {year}" if year else "")
                evidence: list[str] = []
                related: list[Related] = []
                sched = self._schedule_of(lookup) or (self._schedule_of(lookup + tail, fuzzy=False) if tail else None)
                if sched is not None:
                    sc, seen = sched
                    if period != sc.every and period not in sc.also:
                        canonical = next((n for w, x, n in self.names if x is sc and len(w) == len(seen.split())), sc.names[0])
                        years = f" ({_years(sc.years)})" if sc.years else ""
                        shown = seen + (f" {year}" if year else "")
                        here = f" ('{shown}' here)" if seen.lower() != canonical.lower() else ""
                        evidence.append(f"{canonical}{here} is held {_adverb(sc.every)}{years}, not {_adverb(period)}")
                if year is not None:
                    pub = article.meta.date
                    if period == 1 and pub is not None and self.relative is not None:
                        for r, cue, _ in self.relative.finditer(text[n1 : n1 + 80]):
                            said = pub.year + cue.shift
                            if said != year:
                                evidence.append(
                                    f"an annual event held '{r.group()}' ({said}, by the dateline {pub.isoformat()}) "
                                    f"would not be named {written}"
                                )
                            break
                    if period > 1:
                        if editions is None:
                            editions = self._editions(article)
                        key = " ".join(words).lower()
                        for other, (e0, e1) in editions.get(key, []):
                            if (other - year) % period:
                                evidence.append(
                                    f"{written} and {' '.join(words)} {other} are {abs(other - year)} years apart, "
                                    f"not a multiple of {period}"
                                )
                                related.append(Related(Span(e0, e1), f"{' '.join(words)} {other}"))
                                break
                if not evidence:
                    continue
                msg = format_message(self.message, "; ".join(evidence))
                yield Finding(Span(s.start + c.start(), s.start + c.end()), msg, None, None, tuple(related))
            if self.gap_rx is not None and self._gap_gate(text):
                for g in self.gap_rx.finditer(text):
                    found = self._gap(article, text, g)
                    if found is not None:
                        msg = format_message(self.message, found[0])
                        yield Finding(Span(s.start + g.start(), s.start + g.end()), msg, None, None, (found[1],))

    # -- gap claims ("after an absence of 39 years") -------------------------

    def _gap_gate(self, text: str) -> bool:
        if self.gap_rx is None:
            return False
        low = text.lower()  # (idempotent: callers may pass it lower-cased already)
        return any(w in low for w in self.gap_gate)

    def _gap(self, article: Article, text: str, g: regex.Match) -> tuple[str, Related] | None:
        """A gap claim that no edition the article names can start: ``N`` years
        after every named edition of the sentence's event falls in a year with
        no edition, one year off one that has (a miscount)."""
        n = _number(next(v for k, v in g.groupdict().items() if k.startswith("n") and v))
        if n < 2:
            return None
        scheds = {id(sc): sc for m in self.sched_rx.finditer(text) for sc in [self.by_name[" ".join(m.group().split())]]}
        if len(scheds) != 1:
            return None  # no scheduled event in the sentence, or several
        (sc,) = scheds.values()
        if not sc.years:
            return None
        held = set(sc.years)
        lo, hi = min(held), max(held)
        pub = article.meta.date
        misses: list[tuple[int, int, tuple[int, int], str]] = []
        for year, span, shown in self._editions_of(article, sc):
            t = year + n
            if t in held or (pub is not None and t == pub.year):
                return None  # a reading that fits
            if not lo <= t <= hi:
                continue
            fits = [y for y in (t + 1, t - 1) if y in held and (pub is None or abs(y - pub.year) <= 1)]
            if pub is not None:
                fits.sort(key=lambda y: abs(y - pub.year))
            if fits:
                misses.append((year, fits[0], span, shown))
        if not misses:
            return None
        year, near, span, shown = misses[0]
        if pub is not None:  # the edition nearest the dateline
            year, near, span, shown = min(misses, key=lambda x: abs(x[1] - pub.year))
        canonical = sc.names[0]
        t = year + n
        around = sorted(y for y in (t - 1, t + 1) if y in held)
        evidence = f"{n} years after {shown} is {t}, but no {canonical} opened in {t} ({' and '.join(map(str, around))} did)"
        if t in sc.named:  # the count fits the edition's name, not the year it was played in
            played = sc.named[t]
            evidence += f": {t} is the name of the edition that opened in {played}, {played - year} years after {shown}"
        elif len(around) == 1 or pub is not None:
            evidence += f": {near - year} years after {shown} is {near}"
        return evidence, Related(Span(*span), shown)

    def _editions_of(self, article: Article, sc: Schedule) -> Iterator[tuple[int, tuple[int, int], str]]:
        """Editions of ``sc`` named in the article: (year opened, span, as written):
        "AFCON 1984", "the 1984 Africa Cup of Nations", and "the 1984 edition"
        in a sentence that names no other scheduled event."""
        for b in article.sentences:
            t = b.text
            if not HAS_YEAR.search(t):
                continue
            for m in self.sched_year.finditer(t):
                if self.by_name[" ".join((m.group("name") or m.group("name2")).split())] is sc:
                    y = int(m.group("year") or m.group("year2"))
                    shown = m.group() if m.group("year") else f"the {m.group()}"  # "AFCON 1984", "the 1984 AFCON"
                    yield sc.named.get(y, y), (b.start + m.start(), b.start + m.end()), shown
            for m in _GENERIC_EDITION.finditer(t):
                if all(self.by_name[" ".join(x.group().split())] is sc for x in self.sched_rx.finditer(t)):
                    y = int(m.group("year"))
                    yield sc.named.get(y, y), (b.start + m.start(), b.start + m.end()), f"the {m.group()}"

    def _editions(self, article: Article) -> dict[str, list[tuple[int, tuple[int, int]]]]:
        """Editions named in the article: event -> (year, span of the name and year)."""
        out: dict[str, list[tuple[int, tuple[int, int]]]] = {}
        for b in article.blocks:
            for m in self.name_year.finditer(b.text):
                words = regex.findall(r"\p{Lu}[\p{L}\p{M}\d'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*", m.group("name"))
                # the last word(s) of the run name the event: key on the whole run and on its last word
                for key in {" ".join(words).lower(), words[-1].lower()} if words else ():
                    out.setdefault(key, []).append((int(m.group("year")), (b.start + m.start(), b.start + m.end())))
        return out


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Recurrence:
    return Recurrence(p)
