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
from pydantic import BaseModel, ConfigDict, Field

from lint.article import Article, Block
from lint.checks._dateline import NAME, YEAR, Cues, RelativeMatcher, phrase_pattern, sentence_blocks, trim_name
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Related, Span
from lint.rules import CompileError, RuleBase

DATA_KEYS = ("schedules", "dates")
DEFAULT_MESSAGE = "Recurrence claim contradicts the event's schedule: %s."


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str]
    every: int = Field(gt=0)
    also: list[int] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    what: str = ""


class Params(RuleBase):
    extends: Literal["recurrence"]
    claims: dict[str, int]  # phrase -> years between editions
    schedules: list[Schedule] = Field(default_factory=list)
    dates: Cues = Field(default_factory=Cues)  # relative-date cues, for (b)


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
_TOKEN = regex.compile(r"\p{Lu}[\p{L}\p{M}\d'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*|[\p{Ll}\d][\p{L}\p{M}\d'’-]*|[^\s\p{L}\p{M}\d]")
_TRAILING_DIGITS = regex.compile(r"^(\p{L}{2,})\d+$")  # COP28 -> COP
_ADVERBS = {1: "annually", 2: "every two years", 3: "every three years", 4: "every four years"}


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
        self.claims = {" ".join(k.lower().split()): v for k, v in p.claims.items()}
        self.claim_rx = regex.compile(f"(?i:{phrase_pattern(self.claims)})")
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
        self.name_year = regex.compile(rf"(?P<name>{NAME})[ \t-]+(?P<year>{YEAR})")
        self.post = regex.compile(
            rf"(?P<name>{NAME})(?:[ \t-]+(?P<year>{YEAR}))?(?P<paren>\s*\([^()]{{0,60}}\))?"
            r"(?P<mid>(?:[ \t]+\p{Ll}+){0,3}?)\s*,?\s*"
            r"(?:(?:which|that)\s+)?(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?"
            r"(?:(?:held|staged|run|conducted|organi[sz]ed|hosted)\s+|(?:takes?|took)\s+place\s+|(?:occurs?|happens?|recurs?)\s+)?"
            r"(?:(?:an?|the)\s+)?\Z"
        )

    # -- names ---------------------------------------------------------------

    def _schedule_of(self, words: list[str]) -> tuple[Schedule, str] | None:
        """The schedule whose name is in ``words`` (capitalised tokens), if any."""
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
                    if len(target) >= 5 and cand[0] == target[0] and _distance(cand, target, 1) <= 1:
                        return sched, " ".join(words[i : i + k])
        return None

    def _pre(self, text: str, end: int) -> tuple[int, int, list[str], int | None] | None:
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
                return m.start(), m.start() + len(name_text), words, year
            if comma or not tok[0].isalpha() or tok.lower() in _STOPWORDS:
                return None
            nouns.append(tok.lower())
            n_words += 1
            if n_words > 5:
                return None
        return None

    def _post(self, text: str, start: int) -> tuple[int, int, list[str], int | None] | None:
        lo = max(0, start - 160)
        m = self.post.search(text[lo:start])
        if not m:
            return None
        if any(w not in self.events for w in m.group("mid").split()):
            return None  # "HIV doubles almost annually": only event nouns between
        words = regex.findall(r"\p{Lu}[\p{L}\p{M}\d'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*", m.group("name"))
        year = int(m.group("year")) if m.group("year") else None
        return lo + m.start("name"), lo + m.end("name"), words, year

    # -- the check -----------------------------------------------------------

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        editions: dict[str, list[tuple[int, tuple[int, int]]]] | None = None
        for s in sentence_blocks(article, blocks):
            text = s.text
            for c in self.claim_rx.finditer(text):
                period = self.claims[" ".join(c.group().lower().split())]
                target = self._pre(text, c.end()) or self._post(text, c.start())
                if target is None:
                    continue
                n0, n1, words, year = target
                n0 = trim_name(text, n0, n1)
                written = text[n0:n1] + (f" {year}" if year else "")
                evidence: list[str] = []
                related: list[Related] = []
                sched = self._schedule_of(words)
                if sched is not None:
                    sc, seen = sched
                    if period != sc.every and period not in sc.also:
                        canonical = next((n for w, x, n in self.names if x is sc and len(w) == len(seen.split())), sc.names[0])
                        years = f" ({', '.join(map(str, sc.years))})" if sc.years else ""
                        here = f" ('{written}' here)" if seen.lower() != canonical.lower() else ""
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
