"""relative_date: a relative date that the dateline contradicts.

A relative expression ("later this year", "next month", "last September")
resolved against the publication date, compared with an explicit date
attached to it in the same sentence: an event named with its year right
before it ("the exercises Zapad 2025 (West 2025) later this year"), with
connectors between ("the Asian Games 2019, due to open later this year";
"the 2020 party congress, held in Beijing last year": ``connectors`` of the
cues; a lower-case event only after a determiner or a possessive, and
followed by a comma or a verb), a possessive ("this year's Euro 2024"), or
a date in apposition ("next year, in 2025"; "last month (August 2024)").
Years are compared, not phrases; an event held outside its named year
(``held_apart``: Euro 2020, played in 2021) may mean either year. "By the
end of this year" with no explicit date is never a finding. Needs ``cues`` with a
``relative`` list (usually ``data/relative-dates.yml``); articles without
a publication date and text inside quotation marks are skipped.

``message`` substitutions: ``%s`` is the evidence, such as ``dated
2024-09-17, so 'later this year' means 2024, but the event is Zapad 2025``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import candidate_sentences
from lint.checks._dateline import (
    HAS_YEAR,
    NAME,
    WORD,
    YEAR,
    Anchor,
    Cues,
    HeldApart,
    Period,
    RelativeMatcher,
    anchor_at,
    inside,
    overlaps,
    quote_spans,
    trim_name,
    year_period,
)
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.gate import word_gate
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DATA_KEYS = ("cues",)
DEFAULT_MESSAGE = "Relative date contradicts the explicit one: %s."


class Params(RuleBase):
    extends: Literal["relative_date"]
    cues: Cues = Field(default_factory=Cues)


_STOP = regexes.compile(r"[;:!?.—–]")
_DETERMINERS = "the|this|that|these|those|its|their|his|her|our|your|a|an|last|next"
# connectors that join a clause, not a verb: a lower-case event must be followed by a comma or a verb
# ("the 2019 results show that last year ..." is no event)
_CLAUSE_WORDS = frozenset(("that", "which", "to", "for", "also", "then", "now"))
_FUNCTION_NAMES = frozenset(_DETERMINERS.split("|")) | frozenset(
    "in on at by for after before during since from until till to of and or but as when while with".split()
)
_MAX_LOWER_NAME = 3
# where the event is, between it and the relative expression ("held in Jakarta last year")
_PLACE = r"[ \t]+(?:in|at)[ \t]+(?:the[ \t]+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*){0,2}"
_PLACE_RX = regexes.compile(_PLACE)
_LOWER_PART = regexes.compile(rf"(,?)(?:{_PLACE}|[ \t]+(\p{{Ll}}+))")  # "general election", "city marathon", "national film festival"


class RelativeDate:
    def __init__(self, p: Params):
        if not p.cues.relative:
            raise CompileError(("cues",), "a relative_date rule needs cues with a `relative` list")
        self.message = p.message or DEFAULT_MESSAGE
        self.matcher = RelativeMatcher(p.cues.relative)
        self._gate = word_gate(self.matcher.pattern)
        self.events = frozenset(w.lower() for w in p.cues.event_words)
        self.connectors = frozenset(w.lower() for w in p.cues.connectors)
        self.held_apart: dict[int, list[HeldApart]] = {}
        for h in p.cues.held_apart:
            names = [" ".join(w.lower() for w in WORD.findall(n)) for n in h.names]
            self.held_apart.setdefault(h.year, []).append(h.model_copy(update={"names": names}))
        # the words between the event and the relative expression: connectors ("due to open",
        # "took place"), after the event or after a comma that opens an aside ("Asian Games 2019,
        # due to open later this year")
        tail = rf"(?P<tail>(?:\s*,)?(?:{_PLACE}|[ \t]+\p{{Ll}}+){{0,6}})"
        self.before_name_year = regexes.compile(
            rf"(?P<name>{NAME})[ \t-]+(?P<year>{YEAR})(?P<paren>\s*\([^()]{{0,60}}\))?{tail}\s*,?\s*\Z"
        )
        self.before_year_name = regexes.compile(
            rf"(?<![\p{{L}}\d])(?P<year>{YEAR})[ \t]+(?P<name>{NAME}){tail}\s*,?\s*\Z"
        )
        # a lower-case event after its year ("the 2020 party congress, held last year"): after a
        # determiner or a possessive (not "in 2019 talks"), the words to split in _split_lower
        self.before_year_lower = regexes.compile(
            rf"(?:(?<![\p{{L}}\d])(?i:{_DETERMINERS})|\p{{L}}['’]s)(?:[ \t]+\p{{Ll}}+)?[ \t]+(?P<year>{YEAR})"
            rf"(?P<words>(?:,?(?:{_PLACE}|[ \t]+\p{{Ll}}+)){{2,9}})\s*,?\s*\Z"
        )
        self.head_name_year = regexes.compile(rf"(?P<name>{NAME})[ \t-]+(?P<year>{YEAR})(?P<tail>(?:[ \t]+\p{{Ll}}+){{0,2}})")
        self.head_year_name = regexes.compile(rf"(?P<year>{YEAR})[ \t]+(?P<name>{NAME}|\p{{Ll}}+)(?P<tail>(?:[ \t]+\p{{Ll}}+){{0,2}})")
        self.possessive = regexes.compile(r"['’]s[ \t]+")
        self.apposition = regexes.compile(r"(?:\s*,\s*|[ \t]+)(?:in|on|during)\s+|\s*\(\s*(?:in\s+|on\s+)?")

    def _event(self, text: str, start: int, end: int, y: int) -> Anchor:
        """The anchor of an event named with its year, and where it was held when that
        is another year (``held_apart``: Euro 2020 was played in 2021)."""
        label = f"the event is {text[start:end]}"
        words = " " + " ".join(w.lower() for w in WORD.findall(text[start:end])) + " "
        also = tuple(
            Period(h.start, h.end) for h in self.held_apart.get(y, ()) if any(f" {n} " in words for n in h.names)
        )
        if also:
            label += ", held " + " and ".join(f"{q.lo.isoformat()} to {q.hi.isoformat()}" for q in also)
        return Anchor(start, end, year_period(y), label, y, also)

    def _is_event(self, words: Iterable[str]) -> bool:
        return any(w.lower() in self.events for w in words)

    def _before(self, text: str, r0: int) -> Anchor | None:
        lo = max(0, r0 - 200)
        window = text[lo:r0]
        for rx, preceding in ((self.before_name_year, True), (self.before_year_name, False)):
            m = rx.search(window)
            if not m:
                continue
            if all(w.lower() in _FUNCTION_NAMES for w in WORD.findall(m.group("name"))):
                continue  # "In 2019 talks were held": no name
            tail = WORD.findall(_PLACE_RX.sub(" ", m.group("tail")))
            if any(w not in self.events and w not in self.connectors for w in tail):
                continue
            words = WORD.findall(m.group("name")) + tail
            if preceding:
                head = window[: m.start()]
                stops = list(_STOP.finditer(head))
                if stops:
                    head = head[stops[-1].end() :]
                words += WORD.findall(head)[-6:]
            if not self._is_event(words):
                continue
            name_start = trim_name(window, m.start("name"), m.end("name"))
            start = lo + min(name_start, m.start("year"))
            end = lo + max(m.end("name"), m.end("year"))
            return self._event(text, start, end, int(m.group("year")))
        m = self.before_year_lower.search(window)
        if m:
            k = self._split_lower(m.group("words"))
            if k:
                start = lo + m.start("year")
                end = lo + m.start("words") + k
                return self._event(text, start, end, int(m.group("year")))
        return None

    def _split_lower(self, words: str) -> int:
        """Where a lower-case event name ends in ``words`` (the text after its year), 0 if
        none: a name of up to three words ending in an event word, then a comma or a verb
        connector, then connectors only ("party congress, held", "general election took place")."""
        parts = list(_LOWER_PART.finditer(words))
        for i, p in enumerate(parts[:_MAX_LOWER_NAME]):
            if (i and p.group(1)) or p.group(2) is None:
                return 0  # a comma or a place inside the name
            if p.group(2) not in self.events:
                continue
            rest = parts[i + 1 :]
            if not rest:
                return 0
            if not rest[0].group(1) and rest[0].group(2) in _CLAUSE_WORDS:
                continue
            if all((r.group(2) is None or r.group(2) in self.connectors) and (j == 0 or not r.group(1)) for j, r in enumerate(rest)):
                return p.end()
        return 0

    def _after(self, text: str, r1: int) -> Anchor | None:
        pm = self.possessive.match(text, r1)
        if pm:
            for rx in (self.head_name_year, self.head_year_name):
                m = rx.match(text, pm.end())
                if m and self._is_event(WORD.findall(m.group("name")) + m.group("tail").split()):
                    start = min(trim_name(text, m.start("name"), m.end("name")), m.start("year"))
                    end = max(m.end("name"), m.end("year"))
                    return self._event(text, start, end, int(m.group("year")))
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
        # RE2 first, of the whole article at once: the sentences where a relative expression may be
        sents, (maybe_at,) = candidate_sentences((self._gate,), article, blocks)
        for s, maybe in zip(sents, maybe_at, strict=True):
            text = s.text
            if not maybe or not HAS_YEAR.search(text):
                continue  # every explicit date this mode compares with has a year
            for m, cue, month in self.matcher.finditer(text):
                if quotes is None:
                    quotes = quote_spans(article)
                if inside(quotes, s.start + m.start(), s.start + m.end()):
                    continue
                periods, means = self.matcher.resolve(cue, month, pub)
                for anchor in (self._before(text, m.start()), self._after(text, m.end())):
                    if anchor is None or any(overlaps(p, q) for p in periods for q in (anchor.period, *anchor.also)):
                        continue
                    phrase = m.group()
                    evidence = f"dated {pub.isoformat()}, so '{phrase}' means {means}, but {anchor.label}"
                    msg = format_message(self.message, evidence)
                    yield Finding(Span(s.start + m.start(), s.start + m.end()), msg)
                    break


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> RelativeDate:
    return RelativeDate(p)
