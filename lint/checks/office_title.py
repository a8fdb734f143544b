"""office_title: an office-holder's title against the publication date.

"former President X" while X held that office on the publication date, and
"President X" (the present title) after X's last term ended, judged from a
table of who held which office when (the rule's ``holders``, usually
``data/office-holders.yml``: names and accepted spellings, office, country,
``from``/``to`` dates, source). The rule's ``titles`` map each office to the
words that name it ("president", "prime minister", "first lady" ...).

A title is judged only when a name from the table for that office follows
it directly ("former president George W. Bush", "first lady Laura Bush";
not "president of the club", not "Vice President", not "President Bush
Library"), and only with a publication date. Never judged:

* titles under a modifier of ``skip`` ("vice", "deputy", "acting",
  "then", "late", "ousted" ...) or glued to "-elect";
* text inside quotation marks (the speaker's words);
* dates within ``margin_days`` of a term's start or end (hand-overs,
  time zones, late updates), and dates after a current term's
  ``checked`` date (the table does not know);
* a name shared by several holders (``Bush``, ``Kirchner``) unless the
  finding holds for every one of them.

"former": a finding when every holder the name can mean was in that office
on the date, unless the sentence names a year before that term began (a
reference to another time).

present title: a finding when every holder the name can mean had left that
office by the date (and not returned), unless the sentence names a year
before the date, or is told in the past tense without a word that puts it
at the time of writing (a weekday, "today", "yesterday", "this week" ...):
"In 2005, President Bush said" and "President Bush signed the act" are
references to the time in office; "first lady Laura Bush announced
Tuesday" in January 2017 is not.

``message`` substitutions: ``%s`` is the evidence, such as ``Laura Bush
was first lady of the United States from 2001-01-20 to 2009-01-20, not on
2017-01-03 (the publication date)``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import candidate_sentences
from lint.checks._dateline import YEAR_RX, inside, quote_spans
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.gate import word_gate
from lint.model import Finding, Span
from lint.regexes import longest_first as _longest_first
from lint.rules import CompileError, RuleBase
from lint.spec import BaseModel, ConfigDict, Field

DATA_KEYS = ("holders",)
DEFAULT_MESSAGE = "Title contradicts the publication date: %s."


class Holder(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    names: list[str] = Field(min_length=1)
    office: str
    country: str
    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    checked: dt.date | None = None  # open term: known in office up to this day
    source: str


class Params(RuleBase):
    extends: Literal["office_title"]
    holders: list[Holder] = Field(default_factory=list)
    titles: dict[str, list[str]]  # office -> title words ("president": [President])
    former: list[str] = Field(default_factory=lambda: ["former", "ex", "erstwhile", "one-time", "onetime"])
    skip: list[str] = Field(default_factory=list)  # modifiers that make the title not a claim about now
    now: list[str] = Field(default_factory=list)  # words that put a past-tense sentence at the time of writing
    past: list[str] = Field(default_factory=list)  # past-tense words (besides words ending in -ed)
    margin_days: int = Field(default=7, ge=0)


_NAME_SEP = regexes.compile(r"[ \t]+|-(?=\p{Lu})")
_WORDS = regexes.compile(r"[\p{L}'’]+")
_INITIALS = regexes.compile(r"(?<=\b\p{Lu}) (?=\p{Lu}\b)")


def _key(name: str) -> str:
    """A name as matched: accents, dots, case and spacing ignored."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("’", "'").replace(".", " ").replace("-", " ")
    s = _INITIALS.sub("", " ".join(s.split()))  # "H W" -> "HW"
    return s.casefold()


# A capitalised name token ("George", "W.", "H.W.", "Yar'Adua", "el-Sisi") or
# a lower-case particle inside a name ("de", "da", "la", "al-", "arap", "bin").
_NAME_TOKEN = regexes.compile(
    r"(?:\p{Lu}\.(?:[ \t]?\p{Lu}\.)*(?!\p{L})"  # initials: "W.", "H.W.", "H. W."
    r"|\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*"
    r"|(?:al|el)-\p{Lu}[\p{L}\p{M}'’]*|de|da|do|dos|la|del|van|von|bin|ibn|arap)"
)
_PREV_WORD = regexes.compile(r"([\p{L}\p{M}'’-]+)[ \t]*\Z")
_CAP_AFTER = regexes.compile(r"[ \t]+(\p{Lu}[\p{L}\p{M}'’]*|\d)")
_WEEK_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jr sr".split()
)
_ED = regexes.compile(r"\b\p{Ll}{2,}ed\b")


class _Person:
    __slots__ = ("name", "rows")

    def __init__(self, name: str):
        self.name = name
        self.rows: list[Holder] = []


class OfficeTitle:
    def __init__(self, p: Params):
        if not p.titles:
            raise CompileError(("titles",), "an office_title rule needs `titles` (office: [title words])")
        self.message = p.message or DEFAULT_MESSAGE
        self.margin = dt.timedelta(days=p.margin_days)
        # office -> name key -> people
        self.people: dict[str, dict[str, list[_Person]]] = {}
        by_person: dict[tuple[str, str], _Person] = {}
        for i, h in enumerate(p.holders):
            if h.office not in p.titles:
                continue  # an office the rule names no title for is not judged
            if h.end is None and h.checked is None:
                raise CompileError(("holders", i, "checked"), f"{h.names[0]}: a term with no `to` needs `checked`")
            if h.end is not None and h.end < h.start:
                raise CompileError(("holders", i, "to"), f"{h.names[0]}: term ends before it starts")
            person = by_person.get((h.office, _key(h.names[0])))
            if person is None:
                person = by_person[(h.office, _key(h.names[0]))] = _Person(h.names[0])
                for n in h.names:
                    bucket = self.people.setdefault(h.office, {}).setdefault(_key(n), [])
                    if person not in bucket:
                        bucket.append(person)
            person.rows.append(h)
        self.max_tokens = max((len(k.split()) for d in self.people.values() for k in d), default=1)
        titles: dict[str, str] = {}
        for office, words in p.titles.items():
            for w in words:
                titles[" ".join(w.lower().split())] = office
        self.title_office = regexes.FoldedKeys(titles)
        alt = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles, key=_longest_first))
        # the title, then the name: whitespace, not "-elect", not "of"
        self.title_rx = regexes.compile(rf"(?i:\b(?P<title>{alt}))(?![\p{{L}}-])[ \t]+(?=\p{{Lu}})")
        self.gate = regexes.compile(rf"(?i:\b(?:{alt}))\b")
        self.fast_gate = word_gate(self.gate)  # the same, in RE2
        self.title_gate = word_gate(self.title_rx)  # the sentences where title_rx may match
        self.former = frozenset(w.lower() for w in p.former)
        self.skip = frozenset(w.lower() for w in p.skip)
        self.now_rx = regexes.compile(rf"(?i:\b(?:{'|'.join(regex.escape(w) for w in p.now)})\b)") if p.now else None
        self.past = frozenset(w.lower() for w in p.past)

    # -- the table ---------------------------------------------------------

    def _in_office(self, person: _Person, d: dt.date) -> bool | None:
        """Whether ``person`` held the office on ``d``; None: too close to call."""
        for r in person.rows:
            if abs(d - r.start) <= self.margin or (r.end is not None and abs(d - r.end) <= self.margin):
                return None
            if r.end is None and r.checked is not None and d > r.checked and d >= r.start:
                return None  # an open term after it was last checked
        return any(r.start <= d and (r.end is None or d < r.end) for r in person.rows)

    @staticmethod
    def _term(person: _Person, d: dt.date) -> Holder | None:
        return next((r for r in person.rows if r.start <= d and (r.end is None or d < r.end)), None)

    def _name_at(self, office: str, text: str, pos: int) -> tuple[int, list[_Person]] | None:
        """The longest table name for ``office`` that starts at ``pos``: (end, people)."""
        names = self.people.get(office)
        if not names:
            return None
        ends: list[int] = []
        i = pos
        for _ in range(self.max_tokens):
            m = _NAME_TOKEN.match(text, i)
            if not m:
                break
            ends.append(m.end())
            sep = _NAME_SEP.match(text[m.end() :])
            if not sep:
                break
            i = m.end() + sep.end()
        for end in reversed(ends):
            got = names.get(_key(text[pos:end]))
            if got:
                return end, got
        return None

    def _modifiers(self, text: str, start: int) -> tuple[int | None, bool]:
        """(where "former" begins, skip) from the words right before the title.

        Looks back over at most four words: determiners, country adjectives
        and other capitalised words ("former US President", "the then
        Prime Minister", "ex-President") until a word that ends the noun
        phrase."""
        former: int | None = None
        end = start
        for _ in range(4):
            lo = max(0, end - 40)
            m = _PREV_WORD.search(text, lo, end)
            if not m:
                break
            word = m.group(1)
            parts = [x for x in word.lower().split("-") if x]
            if any(x in self.skip for x in parts):
                return former, True
            if any(x in self.former for x in parts):
                former = m.start(1)
            elif word.lower() not in ("the", "a", "an") and not word[0].isupper():
                break
            end = m.start()
        return former, False

    def _past_tense(self, sentence: str) -> bool:
        if _ED.search(sentence):
            return True
        return any(w.lower() in self.past for w in _WORDS.findall(sentence))

    # -- the check -----------------------------------------------------------

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        pub = article.meta.date
        if pub is None or not self.people:
            return
        if not (self.fast_gate or self.gate).search(article.text):
            return
        quotes: list[tuple[int, int]] | None = None
        sents, (maybe_at,) = candidate_sentences((self.title_gate,), article, blocks)
        for s, maybe in zip(sents, maybe_at, strict=True):
            if not maybe:
                continue  # no title followed by a blank (RE2, of the whole article at once)
            text = s.text
            for t in self.title_rx.finditer(text):
                office = self.title_office[" ".join(t.group("title").lower().split())]
                got = self._name_at(office, text, t.end())
                if got is None:
                    continue
                n_end, people = got
                after = _CAP_AFTER.match(text, n_end)
                if after and after.group(1).lower() not in _WEEK_MONTHS:
                    continue  # part of a longer proper noun: "President Kennedy Airport"
                former_at, skip = self._modifiers(text, t.start())
                former = former_at is not None
                if skip:
                    continue
                status = [self._in_office(p, pub) for p in people]
                if any(x is None for x in status):
                    continue
                years = [int(y.group()) for y in YEAR_RX.finditer(text)]
                if former:
                    if not all(status):
                        continue
                    terms = [self._term(p, pub) for p in people]
                    if any(y < tm.start.year for y in years for tm in terms if tm is not None):
                        continue  # "in 2005, former president ...": another time
                    p0 = people[0]
                    tm = terms[0]
                    assert tm is not None
                    evidence = (
                        f"{p0.name} held the office ({self._office_words(office, tm)}) on {pub.isoformat()}, "
                        f"the publication date (in office since {tm.start.isoformat()}), so not 'former'"
                    )
                    span0 = former_at if former_at is not None else t.start()
                else:
                    if any(status):
                        continue
                    ended = [[r for r in p.rows if r.end is not None and r.end < pub] for p in people]
                    if not all(ended):
                        continue  # someone the name can mean had not yet held the office
                    if any(y < pub.year for y in years):
                        continue  # "In 2005, President Bush said": a reference to the term
                    if self._past_tense(text) and not (self.now_rx and self.now_rx.search(text)):
                        continue
                    last = max(ended[0], key=lambda r: r.start)
                    evidence = (
                        f"{people[0].name} was {self._office_words(office, last)} from {last.start.isoformat()} "
                        f"to {last.end.isoformat() if last.end else '?'}, not on {pub.isoformat()} (the publication date)"
                    )
                    span0 = t.start()
                if quotes is None:
                    quotes = quote_spans(article)
                if inside(quotes, s.start + t.start(), s.start + n_end):
                    continue
                yield Finding(Span(s.start + span0, s.start + n_end), format_message(self.message, evidence))

    @staticmethod
    def _office_words(office: str, row: Holder) -> str:
        return f"{office} ({row.country})"


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> OfficeTitle:
    return OfficeTitle(p)
