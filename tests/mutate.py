"""Mutation test: inject realistic faults into real articles, count what newslint catches.

Not collected by pytest (a measurement on the shared corpus, not a pass/fail
test; tests/test_mutation.py tests the machinery); a plain script that
prints what it measured in one run. From a checkout with ../shared beside it:

    .venv/bin/python tests/mutate.py                       # the table
    .venv/bin/python tests/mutate.py --show                # and every miss, per template
    .venv/bin/python tests/mutate.py --seed 7 --per-article 20 --kinds figure,vague --json out.json

It reads the annotated articles (../shared/corpus/annotated/articles; a
clean message and exit 0 when they are absent) and, for each article and
each kind, makes ``--per-article`` mutants, each with ONE fault injected,
chosen deterministically from ``--seed`` (the same seed, the same mutants,
whatever ``--kinds`` is given). Each mutant is linted in-process with the
full built-in pack (``lint.api.lint_text``, as the command reads a file:
the publication date is the one the reader finds in the text) and counts as
caught when a finding of the kind's rule(s) overlaps the injected fault (a
name finding also when one of its related places does) and that finding
was not on the unmutated text. The kinds:

- ``name``: a capitalised name (person, organisation, place: not a
  dictionary word) that the article spells at least twice, one occurrence
  misspelt (a letter doubled, dropped, swapped with the next, or
  substituted by a vowel or a keyboard neighbour; never the first letter);
  expected: any names rule (id containing ``Name``);
- ``weekday``: an existing weekday-and-date pair given the wrong weekday,
  or a sentence inserted with a date within ten days of the publication date
  and a weekday that is wrong for it (forms with and without the year,
  weekday before or after, abbreviated months, ordinals); expected
  ``News.WeekdayDateMismatch``;
- ``relyear``: a sentence inserted with "last year", "next year", "later
  this year" (...) that an explicit year in the same sentence contradicts,
  given the publication date (an event named with its year, a possessive,
  a date in apposition, lower-case event names too); expected
  ``News.DatelineMismatch`` or ``News.TenseDateMismatch``;
- ``figure``: a sentence with a figure and no source (counts, percentages,
  money, tolls in digits and spelled out) inserted into a paragraph that
  already has an attribution cue in another sentence (at its start, middle or
  end), or as a paragraph of its own; expected ``News.UnattributedFigure``;
- ``vague``: a vague attribution ("sources said", "according to reports",
  "experts say", "it is understood" ...) inserted in a paragraph, as its own
  paragraph, or ending a paragraph whose next paragraph opens with a named
  speaker saying something else (one of the article's, or one inserted with
  it); expected ``News.VagueAttribution``.

The mix: up to half of the figure mutants go into a paragraph with a cue (where
the article has one), the others into a paragraph of their own; one vague mutant in five ends
a paragraph before a named speaker. The templates are in the tables below
(``*_TEMPLATES``); a rate is only as telling as the mix, so ``--show`` gives
the rate of each template and each position too.

A mutant is *not applicable* when the article offers no place for it: no
name spelt twice; for ``weekday`` and ``relyear``, no publication date the
linter can see (the date rules skip such articles), unless the article
has a weekday-and-date pair with a year of its own. The table reports, per
kind: mutants planned, applicable, caught, rate (caught / applicable), side
effects (mutants that created a new finding away from the injected text)
and lost (mutants that removed a finding elsewhere, e.g. a vague
attribution that now "attributes" a figure of its paragraph). ``--show``
adds the rate per template and lists the misses and side effects;
``--json FILE`` writes every mutant and its outcome.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "corpus" / "annotated" / "articles"

KINDS = ("name", "weekday", "relyear", "figure", "vague")
KIND_TITLES = {
    "name": "name variant",
    "weekday": "weekday",
    "relyear": "relative year",
    "figure": "unattributed figure",
    "vague": "vague attribution",
}
EXPECTED: dict[str, Callable[[str], bool]] = {
    "name": lambda rule: "Name" in rule.split(".", 1)[-1],
    "weekday": lambda rule: rule == "News.WeekdayDateMismatch",
    "relyear": lambda rule: rule in ("News.DatelineMismatch", "News.TenseDateMismatch"),
    "figure": lambda rule: rule == "News.UnattributedFigure",
    "vague": lambda rule: rule == "News.VagueAttribution",
}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_ABBR = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --------------------------------------------------------------------------
# A mutant: one edit of the text, one fault inside it


@dataclass(frozen=True)
class Mutant:
    """``text[start:end]`` replaced by ``new``; the fault is ``new[fault[0]:fault[1]]``.

    Offsets are code points into the original text (``start``, ``end``) and
    into ``new`` (``fault``). ``template`` names the template and position;
    ``facts`` what makes it a fault (for the tests and the --json record).
    A mutant with ``applicable`` false has no edit: it stands for a planned
    mutant the article offered no place for (``reason``)."""

    file: str
    kind: str
    template: str
    start: int = 0
    end: int = 0
    new: str = ""
    fault: tuple[int, int] = (0, 0)
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    applicable: bool = True
    reason: str = ""

    def apply(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.end :]

    @property
    def region(self) -> tuple[int, int]:
        """The inserted text, in the mutated text."""
        return self.start, self.start + len(self.new)

    @property
    def fault_span(self) -> tuple[int, int]:
        """The fault, in the mutated text."""
        return self.start + self.fault[0], self.start + self.fault[1]

    @property
    def fault_text(self) -> str:
        return self.new[self.fault[0] : self.fault[1]]


def _na(file: str, kind: str, reason: str) -> Mutant:
    return Mutant(file, kind, "n/a", applicable=False, reason=reason)


# --------------------------------------------------------------------------
# The article as the mutator sees it (independent of the linter's reading,
# except for the publication date, which must be the one the linter sees)

_SENT_BOUNDARY = re.compile(r"[a-z0-9%)]{2}[.!?][\"”’)]?( +)(?=[\"“‘]?[A-Z])")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’)]*\Z")
_CUE = re.compile(r"\b(?:said|says|told|tells|according to|reported|announced|added|stated|confirmed)\b")
_NAMED_SPEAKER_OPEN = re.compile(
    r"\A(?:[\"“][^\"”]{3,}[,.!?]?[\"”]\s*,?\s*)?"
    r"(?:(?:[A-Z][\w'’.-]+|of|the|for|de|van|al)\s+){0,5}?(?P<last>[A-Z][\w'’-]+)"
    r"(?:\s*,[^,.;]{1,80},)?\s+(?:also\s+|later\s+|has\s+)?(?:said|says|told|added|explained|noted|argued|insisted|warned)\b"
)
_NOT_SPEAKERS = frozenset("He She They It We I The This That Police Officials Authorities Sources Experts Analysts".split())


@dataclass
class Source:
    name: str
    text: str
    pub: dt.date | None
    paras: list[tuple[int, int]]  # every non-empty line after the headline: (start, end) in text

    def para(self, i: int) -> str:
        s, e = self.paras[i]
        return self.text[s:e]

    def prose(self) -> list[int]:
        """Paragraphs of running prose: a dozen words or more, ending a
        sentence, not repeated elsewhere in the article nor the headline
        again (scrape residue)."""
        out = []
        count = Counter(self.text[s:e] for s, e in self.paras)
        count[self.text.split("\n", 1)[0]] += 1  # the headline again
        for i, (s, e) in enumerate(self.paras):
            t = self.text[s:e]
            words = t.split()
            if count[t] == 1 and len(words) >= 12 and _ENDS_SENTENCE.search(t) and sum(w[:1].islower() for w in words) >= 4 and _balanced(t):
                out.append(i)
        return out

    def boundaries(self, i: int) -> list[int]:
        """Where a new sentence may be inserted inside paragraph ``i`` (text
        offsets of the start of a sentence, not inside a quotation)."""
        s, _ = self.paras[i]
        t = self.para(i)
        return [s + m.end(1) for m in _SENT_BOUNDARY.finditer(t) if _balanced(t[: m.end(1)])]

    def speaker_next(self, i: int) -> bool:
        """Does the paragraph after ``i`` open with a named speaker?"""
        if i + 1 >= len(self.paras):
            return False
        m = _NAMED_SPEAKER_OPEN.match(self.para(i + 1))
        return m is not None and m.group("last") not in _NOT_SPEAKERS


def _balanced(t: str) -> bool:
    return t.count('"') % 2 == 0 and t.count("“") <= t.count("”")


def read_source(path: Path) -> Source:
    from lint.readers import read_article

    text = path.read_text(encoding="utf-8")
    return source(path.name, text, read_article(path.name, text).meta.date)


def source(name: str, text: str, pub: dt.date | None) -> Source:
    paras, pos = [], 0
    for k, line in enumerate(text.split("\n")):
        if k > 0 and line.strip():
            paras.append((pos, pos + len(line)))
        pos += len(line) + 1
    return Source(name, text, pub, paras)


# --------------------------------------------------------------------------
# Where a sentence goes


def _positions(src: Source, rng: random.Random, paras: Sequence[int], kinds: Sequence[str]) -> tuple[str, int, int] | None:
    """A place to insert a sentence: (position label, offset, paragraph) in
    one of ``paras``; ``kinds`` are the positions wanted, tried in a random order."""
    kinds = list(kinds)
    rng.shuffle(kinds)
    order = list(paras)
    rng.shuffle(order)
    for kind in kinds:
        for i in order:
            s, e = src.paras[i]
            if kind == "mid":
                b = src.boundaries(i)
                if b:
                    return kind, rng.choice(b), i
            elif kind == "start":
                if src.text[s : s + 1].isupper():
                    return kind, s, i
            elif kind in ("end", "own"):
                return kind, e, i
    return None


def _insert(file: str, kind: str, template: str, where: tuple[str, int, int], sentence: str, facts: dict) -> Mutant:
    pos_kind, at, _ = where
    if pos_kind == "own":
        new, off = "\n\n" + sentence, 2
    elif pos_kind in ("end",):
        new, off = " " + sentence, 1
    else:  # before a sentence: mid, start
        new, off = sentence + " ", 0
    return Mutant(file, kind, f"{template}@{pos_kind}", at, at, new, (off, off + len(sentence)), facts)


# --------------------------------------------------------------------------
# name: one occurrence of a name spelt twice, misspelt

_CAP = re.compile(r"(?<![\w'’-])[^\W\d_][^\W\d_]{3,}(?![\w'’-]*\w)", re.UNICODE)
_VOWELS = "aeiou"
_KEYBOARD = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok", "o": "ipl",
    "p": "ol", "a": "qsz", "s": "adwx", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy", "j": "hku", "k": "jli",
    "l": "ko", "z": "xa", "x": "zcs", "c": "xvd", "v": "cbf", "b": "vng", "n": "bmh", "m": "nj",
}
_NOT_NAMES = frozenset(m.lower() for m in MONTHS + WEEKDAYS) | {"today", "tonight", "yesterday", "tomorrow"}


@functools.cache
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """English words (hunspell's en_US stems, from spylls, a dev dependency):
    (the lower-case ones, the capitalised ones); empty when spylls is not
    installed (every capitalised word may then be picked)."""
    try:
        import spylls.hunspell

        dic = Path(spylls.hunspell.__file__).parent / "data" / "en" / "en_US.dic"
        lines = dic.read_text(encoding="utf-8").splitlines()[1:]
    except (ImportError, OSError):
        return frozenset(), frozenset()
    stems = [ln.split("/", 1)[0] for ln in lines]
    return frozenset(w for w in stems if w[:1].islower()), frozenset(w for w in stems if w[:1].isupper())


def common_words() -> frozenset[str]:
    return _dictionary()[0]


def capitalised_words() -> frozenset[str]:
    return _dictionary()[1]


_DEMONYM = re.compile(r"(?:ese|ian|ean|ish|ani|eli)\Z")


def is_name(word: str) -> bool:
    """A capitalised word that is no English word in lower case (nor its
    singular: "Games", "Launches"), no month or weekday, and no nationality
    ("Chinese", "Kenyan": an adjective, spelt by the dictionary)."""
    low = word.lower()
    common = common_words()
    if low in _NOT_NAMES or low in common:
        return False
    if (low.endswith("s") and low[:-1] in common) or (low.endswith("es") and low[:-2] in common):
        return False
    caps = capitalised_words()
    return not ((_DEMONYM.search(low) or (low.endswith("an") and word[:-1] in caps)) and word in caps)


def _initial(text: str, at: int) -> bool:
    """A word at ``at`` opens a sentence, a paragraph or a quotation."""
    before = text[max(0, at - 4) : at].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def name_candidates(src: Source) -> dict[str, list[int]]:
    """Names the article spells at least twice: capitalised words of four
    letters or more, never written in lower case, no English word, seen
    inside a sentence of the body at least once -> their body offsets."""
    text = src.text
    body_start = src.paras[0][0] if src.paras else len(text)
    seen: dict[str, list[int]] = defaultdict(list)
    for m in _CAP.finditer(text):
        w = m.group()
        if w[0].isupper() and w[1:].islower():
            seen[w].append(m.start())
    lower_words = set(re.findall(r"\b[^\W\d_]+\b", text)) - set(seen)
    out = {}
    for w, at in seen.items():
        body = [a for a in at if a >= body_start]
        if len(at) < 2 or not body or not is_name(w) or w.lower() in lower_words:
            continue
        if not any(not _initial(text, a) for a in body):
            continue
        out[w] = body
    return out


def misspell(word: str, rng: random.Random, op: str) -> str | None:
    """``word`` with one typo of kind ``op`` (double, drop, swap, substitute)
    at an inner letter (never the first or the last), or None when it has none."""
    n = len(word)
    inner = list(range(1, n - 1))
    rng.shuffle(inner)
    for i in inner:
        c = word[i]
        if op == "double":
            v = word[: i + 1] + c + word[i + 1 :]
        elif op == "drop":
            v = word[:i] + word[i + 1 :]
        elif op == "swap":
            if i + 1 >= n - 1 or word[i + 1] == c:
                continue
            v = word[:i] + word[i + 1] + c + word[i + 2 :]
        else:
            low = c.lower()
            pool = [x for x in _VOWELS if x != low] if low in _VOWELS else list(_KEYBOARD.get(low, ""))
            pool = [x for x in pool if x not in (word[i - 1].lower(), word[i + 1].lower())]
            if not pool:
                continue
            v = word[:i] + rng.choice(pool) + word[i + 1 :]
        if v != word:
            return v
    return None


def gen_name(src: Source, rng: random.Random, n: int) -> list[Mutant]:
    cands = name_candidates(src)
    if not cands:
        return [_na(src.name, "name", "no name spelt twice")] * n
    words = sorted(cands)
    ops = ["double", "drop", "swap", "substitute"]
    out: list[Mutant] = []
    seen: set[tuple[int, str]] = set()
    common = common_words()
    for k in range(n * 10):
        if len(out) == n:
            break
        op = ops[k % len(ops)] if k < n else rng.choice(ops)
        w = rng.choice(words)
        at = rng.choice(cands[w])
        v = misspell(w, rng, op)
        if v is None or v.lower() in common or re.search(rf"\b{re.escape(v)}\b", src.text) or (at, v) in seen:
            continue
        seen.add((at, v))
        pos = "initial" if _initial(src.text, at) else "inner"
        facts = {"name": w, "variant": v, "occurrences": len(cands[w]), "op": op}
        out.append(Mutant(src.name, "name", f"{op}@{pos}", at, at + len(w), v, (0, len(v)), facts))
    out += [_na(src.name, "name", "no new misspelling found")] * (n - len(out))
    return out


# --------------------------------------------------------------------------
# weekday: a weekday wrong for its date

_WD_RX = "|".join(sorted(WEEKDAYS + WEEKDAY_SHORT, key=len, reverse=True))
_WD_BEFORE = re.compile(rf"\b(?P<wd>{_WD_RX})\b\.?,?\s*(?:\(\s*)?\Z")
_WD_AFTER = re.compile(rf"\A\s*(?:,\s*(?:(?:which|that)\s+(?:is|was|falls\s+on|fell\s+on)\s+)?(?:an?\s+)?|\(\s*)(?P<wd>{_WD_RX})\b")


def _wd_index(token: str) -> int:
    return (WEEKDAYS.index(token) if token in WEEKDAYS else WEEKDAY_SHORT.index(token))


def _nearest(pub: dt.date, month: int, day: int) -> dt.date | None:
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs(d - pub) < abs(best - pub):
            best = d
    return best


def weekday_pairs(src: Source) -> list[tuple[int, int, str, dt.date, bool]]:
    """Weekday-and-date pairs of the body that are right: (start, end of the
    weekday, weekday as written, the date, the date has its year)."""
    from lint.dates import find_dates  # a date finder, not a check

    out = []
    for s, e in src.paras:
        t = src.text[s:e]
        for d in find_dates(t):
            if d.month is None or d.day is None:
                continue
            wd = None
            lead = re.match(rf"(?P<wd>{_WD_RX})\b", t[d.start : d.end])
            if lead:
                wd = (d.start, d.start + len(lead.group("wd")), lead.group("wd"))
            else:
                b = _WD_BEFORE.search(t[max(0, d.start - 25) : d.start])
                a = _WD_AFTER.match(t[d.end : d.end + 40])
                if b:
                    off = max(0, d.start - 25)
                    wd = (off + b.start("wd"), off + b.end("wd"), b.group("wd"))
                elif a:
                    wd = (d.end + a.start("wd"), d.end + a.end("wd"), a.group("wd"))
            if wd is None:
                continue
            date = d.date if d.year is not None else (_nearest(src.pub, d.month, d.day) if src.pub else None)
            if date is None or date.weekday() != _wd_index(wd[2]):
                continue  # unresolvable, or already wrong
            out.append((s + wd[0], s + wd[1], wd[2], date, d.year is not None))
    return out


def _wrong_weekday(rng: random.Random, right: int) -> int:
    # off by one most often (the usual slip), otherwise any other day
    k = rng.choice([1, 6, 1, 6, 2, 5, 3, 4])
    return (right + k) % 7


def _ordinal(d: int) -> str:
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


# (template id, past or future, format): {W} weekday, {M} month, {Ma} AP abbreviation, {Ms} short, {d}, {o} ordinal, {Y}
WEEKDAY_TEMPLATES = (
    ("W,M-d", "past", "The hearing took place on {W}, {M} {d}."),
    ("W,M-d,Y", "past", "On {W}, {M} {d}, {Y}, the council approved the plan."),
    ("d-M-Y,aW", "past", "The meeting was held on {d} {M} {Y}, a {W}."),
    ("W-d-M", "past", "Police said the incident happened on {W} {d} {M}."),
    ("W(Ma-d)", "past", "The announcement came on {W} ({Ma} {d})."),
    ("W,o-M", "future", "Voting is due to take place on {W}, {o} {M}."),
    ("until-W,M-d", "future", "The hearing was adjourned until {W}, {M} {d}."),
    ("W-d-M-Y", "future", "The talks are due to resume on {W} {d} {M} {Y}."),
    ("W,Ms-d", "future", "Results are expected on {W}, {Ms} {d}."),
    ("M-d,which-is-W", "future", "The final is scheduled for {M} {d}, which is a {W}."),
    ("next-W,M-d", "future", "The inquiry will resume next {W}, {M} {d}."),
    ("W-M-d-clause", "future", "On {W} {M} {d} the committee will vote on the proposal."),
    ("W-evening,M-d", "past", "The fire broke out on {W} evening, {M} {d}, and spread quickly."),
    ("M-d(W)", "past", "The session on {M} {d} ({W}) ended early."),
    ("Wa,Ms-d", "future", "Doors open on {Wa}, {Ms} {d}."),
    ("from-W,M-d-to", "future", "The exhibition runs from {W}, {M} {d}, until the end of the month."),
)


def gen_weekday(src: Source, rng: random.Random, n: int) -> list[Mutant]:
    out: list[Mutant] = []
    pairs = weekday_pairs(src)
    rng.shuffle(pairs)
    for a, b, token, date, has_year in pairs[: max(1, n // 4)]:
        if not has_year and src.pub is None:
            continue
        wrong = _wrong_weekday(rng, date.weekday())
        new = (WEEKDAYS if token in WEEKDAYS else WEEKDAY_SHORT)[wrong]
        facts = {"date": date.isoformat(), "stated": WEEKDAYS[wrong], "right": WEEKDAYS[date.weekday()]}
        out.append(Mutant(src.name, "weekday", f"existing{'+year' if has_year else ''}", a, b, new, (0, len(new)), facts))
    prose = src.prose()
    if src.pub is None or not prose:
        why = "no publication date the linter sees" if src.pub is None else "no prose paragraph"
        return out + [_na(src.name, "weekday", why)] * (n - len(out))
    templates = list(WEEKDAY_TEMPLATES)
    rng.shuffle(templates)
    k = 0
    while len(out) < n:
        tid, tense, fmt = templates[k % len(templates)]
        k += 1
        delta = rng.randint(1, 10) * (-1 if tense == "past" else 1)
        date = src.pub + dt.timedelta(days=delta)
        wrong = _wrong_weekday(rng, date.weekday())
        sentence = fmt.format(W=WEEKDAYS[wrong], Wa=WEEKDAY_SHORT[wrong], M=MONTHS[date.month - 1], Ma=MONTH_ABBR[date.month - 1],
                              Ms=MONTH_SHORT[date.month - 1], d=date.day, o=_ordinal(date.day), Y=date.year)
        where = _positions(src, rng, prose, ("mid", "end", "own"))
        if where is None:
            break
        facts = {"date": date.isoformat(), "stated": WEEKDAYS[wrong], "right": WEEKDAYS[date.weekday()]}
        out.append(_insert(src.name, "weekday", tid, where, sentence, facts))
    return out + [_na(src.name, "weekday", "no place")] * (n - len(out))


# --------------------------------------------------------------------------
# relyear: a relative year that an explicit year contradicts

EVENTS_NAMED = ("Asian Games", "Regional Security Summit", "National Film Festival", "Youth Championships",
                "City Marathon", "Trade Expo", "Asia Cup", "Science Congress", "Climate Summit", "Book Fair",
                "Motor Show", "Arts Festival")
EVENTS_LOWER = ("general election", "national census", "regional summit", "film festival", "trade fair",
                "city marathon", "party congress", "local elections", "youth games", "book fair")

# (template id, relative phrase, the year it means as an offset from the publication year,
#  the year the sentence states as an offset, format): {E} named event, {e} lower-case event, {Y} the stated year
RELYEAR_TEMPLATES = (
    ("E-Y+1 later-this-year", "later this year", 0, 1, "Organisers are preparing for the {E} {Y} later this year."),
    ("E-Y+1,aside later-this-year", "later this year", 0, 1, "The {E} {Y}, due to open later this year, is expected to draw large crowds."),
    ("E-Y-1 later-this-year", "later this year", 0, -1, "Officials say the {E} {Y} takes place later this year."),
    ("last-year's E-Y", "last year", -1, 0, "Last year's {E} {Y} drew record crowds."),
    ("next-year's E-Y+2", "next year", 1, 2, "Next year's {E} {Y} is already sold out."),
    ("Y-e,held-last-year", "last year", -1, 0, "The {Y} {e}, held last year, drew large crowds."),
    ("next-year,in-Y", "next year", 1, 0, "The {E} will return next year, in {Y}."),
    ("next-year,in-Y+2", "next year", 1, 2, "The {e} will be held next year, in {Y}."),
    ("later-this-year,in-Jan-Y+1", "later this year", 0, 1, "The new rules take effect later this year, in January {Y}."),
    ("last-year,in-Y-3", "last year", -1, -3, "The {e} took place last year, in {Y}."),
    ("e-held-last-year-in-Y-2", "last year", -1, -2, "The last {e}, held last year in {Y}, was marred by delays."),
    ("Y+1-e took-place-last-year", "last year", -1, 1, "The {Y} {e} took place last year."),
)


def gen_relyear(src: Source, rng: random.Random, n: int) -> list[Mutant]:
    prose = src.prose()
    if src.pub is None or not prose:
        why = "no publication date the linter sees" if src.pub is None else "no prose paragraph"
        return [_na(src.name, "relyear", why)] * n
    templates = list(RELYEAR_TEMPLATES)
    rng.shuffle(templates)
    out: list[Mutant] = []
    for k in range(n):
        tid, phrase, means, stated, fmt = templates[k % len(templates)]
        y = src.pub.year + stated
        sentence = fmt.format(E=rng.choice(EVENTS_NAMED), e=rng.choice(EVENTS_LOWER), Y=y)
        where = _positions(src, rng, prose, ("mid", "end", "own"))
        if where is None:
            break
        facts = {"phrase": phrase, "means": src.pub.year + means, "stated": y, "pub": src.pub.isoformat()}
        out.append(_insert(src.name, "relyear", tid, where, sentence, facts))
    return out + [_na(src.name, "relyear", "no place")] * (n - len(out))


# --------------------------------------------------------------------------
# figure: a figure with no source

_SPELLED = ("Two", "Three", "Four", "Five", "Six", "Seven", "Nine", "Twelve")


def _thousands(rng: random.Random) -> str:
    return f"{rng.randint(12, 98) * 100:,}"


def _pct(rng: random.Random) -> str:
    return str(rng.randint(3, 89)) if rng.random() < 0.7 else f"{rng.randint(3, 89)}.{rng.randint(1, 9)}"


def _money(rng: random.Random) -> str:
    return rng.choice("$£€") + (str(rng.randint(2, 95)) if rng.random() < 0.6 else f"{rng.randint(1, 9)}.{rng.randint(1, 9)}")


# (template id, function of rng -> sentence)
FIGURE_TEMPLATES: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("some-N-homes", lambda r: f"Some {_thousands(r)} homes were damaged."),
    ("more-than-N-people", lambda r: f"More than {r.choice([_thousands(r), str(r.randint(120, 950))])} people have been evacuated from the area."),
    ("turnout-pct", lambda r: f"Turnout was {_pct(r)} per cent, up from {_pct(r)} per cent."),
    ("stands-at-pct", lambda r: f"Unemployment in the region now stands at {_pct(r)}%."),
    ("cost-money-million", lambda r: f"The repairs are expected to cost {_money(r)} million."),
    ("lost-money-bn", lambda r: f"The company lost {_money(r)}bn in the last quarter."),
    ("about-N-troops", lambda r: f"About {r.choice([_thousands(r), str(r.randint(150, 900))])} troops remain in the area."),
    ("toll-digits", lambda r: f"At least {r.randint(11, 60)} people were killed and {r.randint(12, 90)} were injured."),
    ("toll-spelled", lambda r: f"{r.choice(_SPELLED)} people were injured."),
    ("toll-spelled-2", lambda r: f"{r.choice(_SPELLED)} people died and {r.choice(_SPELLED).lower()} were taken to hospital."),
    ("nearly-pct-households", lambda r: f"Nearly {_pct(r)} percent of households are still without power."),
    ("raised-money-million", lambda r: f"The fund has raised {_money(r)} million so far."),
    ("N-households-without-power", lambda r: f"Around {_thousands(r)} households are still without power."),
)


def gen_figure(src: Source, rng: random.Random, n: int) -> list[Mutant]:
    prose = src.prose()
    if not prose:
        return [_na(src.name, "figure", "no prose paragraph")] * n
    cued = [i for i in prose if _CUE.search(src.para(i))]
    templates = list(FIGURE_TEMPLATES)
    rng.shuffle(templates)
    out: list[Mutant] = []
    for k in range(n):
        tid, make = templates[k % len(templates)]
        sentence = make(rng)
        # a paragraph that has a cue (the sentence then has none of its own), or a paragraph of its own
        where = None
        if cued and rng.random() < 0.5:
            where = _positions(src, rng, cued, ("start", "mid", "end"))
            if where is not None:
                where = (f"cued-{where[0]}", where[1], where[2])
        if where is None:
            where = _positions(src, rng, prose, ("own",))
        if where is None:
            break
        label, at, i = where
        m = _insert(src.name, "figure", tid, (label.removeprefix("cued-"), at, i), sentence, {"paragraph_cue": label.startswith("cued")})
        out.append(dataclasses.replace(m, template=f"{tid}@{label}"))
    return out + [_na(src.name, "figure", "no place")] * (n - len(out))


# --------------------------------------------------------------------------
# vague: a claim credited to no one in particular

CLAIMS = ("the talks have stalled", "the plan is likely to be delayed", "the decision will be reviewed",
          "more arrests are expected", "the deal could collapse", "the project has run over budget",
          "the committee is divided", "the move had been planned for months", "the rules will be tightened",
          "the two sides are close to an agreement", "the inquiry will widen", "the schedule may change")

# (template id, format): {c} the claim, {C} the claim capitalised
VAGUE_TEMPLATES = (
    ("sources-said", "{C}, sources said."),
    ("according-to-reports", "According to reports, {c}."),
    ("experts-say", "Experts say {c}."),
    ("it-is-understood", "It is understood that {c}."),
    ("some-analysts-believe", "Some analysts believe {c}."),
    ("C,it-is-understood", "{C}, it is understood."),
    ("there-are-signs", "There are signs that {c}."),
    ("local-media-reports", "{C}, according to local media reports."),
    ("critics-argue", "Critics argue that {c}."),
    ("insiders-say", "Insiders say {c}."),
    ("a-source-close-to", "{C}, a source close to the matter said."),
    ("many-believe", "Many believe {c}."),
    ("reports-suggest", "{C}, reports suggest."),
    ("it-is-widely-believed", "It is widely believed that {c}."),
    ("observers-say", "Observers say {c}."),
    ("people-familiar", "{C}, people familiar with the matter said."),
    ("reportedly", "The talks have reportedly been put on hold."),
)
SPEAKERS = ("Jane Morrow, a spokeswoman for the organisers,", "Tom Adeyemi, the committee's chairman,",
            "Priya Natarajan, who leads the project,", "Carlos Mendes", "Anna Kowalczyk, a council member,")
SPEAKER_SAYS = ("said the office would stay open.", "said the figures would be published in full.",
                "said she was proud of the staff.", "said the venue was ready.", "told reporters the meeting went well.")


def gen_vague(src: Source, rng: random.Random, n: int) -> list[Mutant]:
    prose = src.prose()
    if not prose:
        return [_na(src.name, "vague", "no prose paragraph")] * n
    before_speaker = [i for i in prose if src.speaker_next(i)]
    templates = list(VAGUE_TEMPLATES)
    rng.shuffle(templates)
    positions = ["mid", "end", "own", "start", "before-speaker"]
    out: list[Mutant] = []
    for k in range(n):
        tid, fmt = templates[k % len(templates)]
        c = rng.choice(CLAIMS)
        sentence = fmt.format(c=c, C=c[0].upper() + c[1:])
        pos = positions[k % len(positions)] if k < len(positions) else rng.choice(positions)
        if pos == "before-speaker":
            if before_speaker:
                i = rng.choice(before_speaker)
                m = _insert(src.name, "vague", tid, ("end", src.paras[i][1], i), sentence, {"claim": c})
                out.append(dataclasses.replace(m, template=f"{tid}@end-before-speaker"))
            else:
                # the paragraph and the named speaker's paragraph after it, inserted together
                i = rng.choice(prose)
                e = src.paras[i][1]
                speaker = rng.choice(SPEAKERS)
                says = rng.choice(SPEAKER_SAYS)
                new = " " + sentence + "\n\n" + speaker + " " + says
                out.append(Mutant(src.name, "vague", f"{tid}@end-before-inserted-speaker", e, e, new, (1, 1 + len(sentence)),
                                  {"claim": c, "speaker": speaker}))
            continue
        where = _positions(src, rng, prose, (pos,)) or _positions(src, rng, prose, ("end", "own"))
        if where is None:
            break
        out.append(_insert(src.name, "vague", tid, where, sentence, {"claim": c}))
    return out + [_na(src.name, "vague", "no place")] * (n - len(out))


GENERATORS: dict[str, Callable[[Source, random.Random, int], list[Mutant]]] = {
    "name": gen_name, "weekday": gen_weekday, "relyear": gen_relyear, "figure": gen_figure, "vague": gen_vague,
}


def mutants(src: Source, kinds: Iterable[str] = KINDS, per_article: int = 20, seed: int = 0) -> list[Mutant]:
    """The mutants of one article, the same for the same seed (each kind has
    its own random stream, so choosing fewer kinds changes nothing else)."""
    out = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{src.name}:{kind}")
        out.extend(GENERATORS[kind](src, rng, per_article))
    return out


# --------------------------------------------------------------------------
# Judging a mutant


@dataclass
class Outcome:
    mutant: Mutant
    caught: bool = False
    via_related: bool = False  # caught only through a finding's related place (a name's other spelling)
    rules: list[str] = field(default_factory=list)  # the expected rules that caught it
    side: list[tuple[str, int, int, str]] = field(default_factory=list)  # new findings elsewhere: rule, start, end, text
    lost: list[tuple[str, int, int]] = field(default_factory=list)  # findings of the original text gone (original offsets)
    moved: int = 0  # findings gone from one place and new at another (same rule): in neither list


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return (a0 < b1 and b0 < a1) or (a0 == a1 and b0 <= a0 < b1) or (b0 == b1 and a0 <= b0 < a1)


def to_original(m: Mutant, s: int, e: int) -> tuple[int, int]:
    """A span of the mutated text in the original's offsets (a part inside
    the inserted text goes to the edit's start or end)."""
    r0, r1 = m.region
    delta = len(m.new) - (m.end - m.start)

    def one(p: int, is_end: bool) -> int:
        if p < r0 or (p == r0 and not is_end):
            return p
        if p > r1 or (p == r1 and is_end):
            return p - delta
        return m.end if is_end else m.start

    return one(s, False), one(e, True)


def judge(m: Mutant, original: str, diags: Sequence[Any], base: Sequence[Any]) -> Outcome:
    """Compare the findings of the mutated text with those of the original."""
    mutated = m.apply(original)
    expected = EXPECTED[m.kind]
    base_keys = {(d.rule, d.start, d.end) for d in base}
    f0, f1 = m.fault_span
    r0, r1 = m.region
    out = Outcome(m)
    mapped = set()
    for d in diags:
        key = (d.rule, *to_original(m, d.start, d.end))
        mapped.add(key)
        is_new = key not in base_keys
        related = [(r.span.start, r.span.end) for r in getattr(d, "related", ())]
        if expected(d.rule) and is_new:
            if _overlaps(d.start, d.end, f0, f1):
                out.caught = True
                out.via_related = False
                out.rules.append(d.rule)
                continue
            if any(_overlaps(a, b, f0, f1) for a, b in related):
                if not out.caught:
                    out.via_related = True
                out.caught = True
                out.rules.append(d.rule)
                continue
        touches = _overlaps(d.start, d.end, r0, r1) or any(_overlaps(a, b, r0, r1) for a, b in related)
        if is_new and not touches:
            out.side.append((d.rule, d.start, d.end, mutated[d.start : d.end][:60]))
    for d in base:
        # the edit inside the finding (an insertion strictly inside it): not comparable
        touched = d.start < m.end and m.start < d.end if m.end > m.start else d.start < m.start < d.end
        if (d.rule, d.start, d.end) not in mapped and not touched:
            out.lost.append((d.rule, d.start, d.end))
    # a finding gone from one place and one of the same rule new at another: it moved
    # (a repeated sentence reported at the other copy), neither lost nor new
    gone = Counter(rule for rule, _, _ in out.lost)
    came = Counter(rule for rule, _, _, _ in out.side)
    for rule in gone.keys() & came.keys():
        out.moved += min(gone[rule], came[rule])
        keep_side = came[rule] - gone[rule]
        keep_lost = gone[rule] - came[rule]
        out.side = [x for x in out.side if x[0] != rule or (keep_side := keep_side - 1) >= 0]
        out.lost = [x for x in out.lost if x[0] != rule or (keep_lost := keep_lost - 1) >= 0]
    return out


# --------------------------------------------------------------------------
# The run


def load_rules() -> list[Any]:
    from lint import api

    return api.load()


def run(sources: Sequence[Source], kinds: Sequence[str] = KINDS, per_article: int = 20, seed: int = 0,
        rules: Sequence[Any] | None = None) -> list[Outcome]:
    from lint.api import lint_text

    rules = load_rules() if rules is None else rules
    outcomes = []
    for src in sources:
        base = lint_text(src.name, src.text, rules)
        for m in mutants(src, kinds, per_article, seed):
            if not m.applicable:
                outcomes.append(Outcome(m))
                continue
            outcomes.append(judge(m, src.text, lint_text(src.name, m.apply(src.text), rules), base))
    return outcomes


def summary(outcomes: Sequence[Outcome], key: Callable[[Mutant], str] = lambda m: m.kind) -> dict[str, dict[str, Any]]:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        row = rows[key(o.mutant)]
        row["mutants"] += 1
        if o.mutant.applicable:
            row["applicable"] += 1
            row["caught"] += o.caught
            row["via_related"] += o.via_related
            row["side"] += bool(o.side)
            row["lost"] += bool(o.lost)
    out = {}
    for k, row in rows.items():
        d: dict[str, Any] = {c: row[c] for c in ("mutants", "applicable", "caught", "via_related", "side", "lost")}
        d["rate"] = row["caught"] / row["applicable"] if row["applicable"] else None
        out[k] = d
    return out


def _rate(r: float | None) -> str:
    return "   -  " if r is None else f"{100 * r:5.1f}%"


def table(summ: dict[str, dict[str, Any]], order: Iterable[str], titles: dict[str, str] | None = None, width: int = 20) -> str:
    lines = [f"{'kind':<{width}} {'mutants':>7} {'applicable':>10} {'caught':>6} {'rate':>7} {'side':>5} {'lost':>5}"]
    total: Counter[str] = Counter()
    for k in order:
        if k not in summ:
            continue
        s = summ[k]
        total.update({c: s[c] for c in ("mutants", "applicable", "caught", "side", "lost")})
        name = (titles or {}).get(k, k)
        lines.append(f"{name:<{width}} {s['mutants']:>7} {s['applicable']:>10} {s['caught']:>6} {_rate(s['rate']):>7} {s['side']:>5} {s['lost']:>5}")
    if titles is not None:
        rate = total["caught"] / total["applicable"] if total["applicable"] else None
        lines.append(f"{'all':<{width}} {total['mutants']:>7} {total['applicable']:>10} {total['caught']:>6} {_rate(rate):>7} "
                     f"{total['side']:>5} {total['lost']:>5}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-article", type=int, default=20, metavar="N", help="mutants per article and kind (default 20)")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of {', '.join(KINDS)}")
    ap.add_argument("--show", action="store_true", help="the rate per template, every miss and side effect")
    ap.add_argument("--json", metavar="FILE", help="write every mutant and its outcome ('-': standard output)")
    ap.add_argument("--articles", type=Path, default=ARTICLES, help="folder of .txt articles (default: the annotated set)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    a = ap.parse_args(argv)
    kinds = [k.strip() for k in a.kinds.split(",") if k.strip()]
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        ap.error(f"unknown kind(s) {', '.join(bad)}; choose from {', '.join(KINDS)}")
    paths = sorted(a.articles.glob("*.txt")) if a.articles.is_dir() else []
    if not paths:
        print(f"{a.articles}: no articles here (the annotated corpus sits in ../shared beside the checkout): nothing to measure")
        return 0
    if a.limit:
        paths = paths[: a.limit]
    t0 = time.perf_counter()
    rules = load_rules()
    sources = [read_source(p) for p in paths]
    outcomes = run(sources, kinds, a.per_article, a.seed, rules)
    took = time.perf_counter() - t0
    linted = sum(o.mutant.applicable for o in outcomes)
    out = sys.stderr if a.json == "-" else sys.stdout
    print(f"{len(paths)} articles, seed {a.seed}, {a.per_article} per article and kind; {linted} mutants linted in {took:.1f} s",
          file=out)
    summ = summary(outcomes)
    print(table(summ, kinds, KIND_TITLES), file=out)
    na = Counter((o.mutant.kind, o.mutant.reason) for o in outcomes if not o.mutant.applicable)
    if na:
        print("not applicable: " + "; ".join(f"{KIND_TITLES[k]}: {n} ({why})" for (k, why), n in sorted(na.items())), file=out)
    via = sum(o.via_related for o in outcomes)
    if via:
        print(f"({via} name mutants caught through a related place: the finding is on the other spelling)", file=out)
    if a.show:
        done = [o for o in outcomes if o.mutant.applicable]
        by_t = summary(done, key=lambda m: f"{m.kind}: {m.template.split('@')[0]}")
        print("\nper template", file=out)
        print(table(by_t, sorted(by_t), None, width=46), file=out)
        by_p = summary(done, key=lambda m: f"{m.kind}: @{m.template.split('@')[1]}" if "@" in m.template else f"{m.kind}: {m.template}")
        print("\nper position (all templates)", file=out)
        print(table(by_p, sorted(by_p), None, width=46), file=out)
        for kind in kinds:
            missed = [o for o in outcomes if o.mutant.kind == kind and o.mutant.applicable and not o.caught]
            print(f"\nmissed, {KIND_TITLES[kind]} ({len(missed)})", file=out)
            for o in missed:
                m = o.mutant
                what = f"{m.facts['name']} -> {m.fault_text}" if kind == "name" else m.fault_text
                print(f"  {m.file} [{m.template}] {what!r}", file=out)
        sides = [o for o in outcomes if o.side]
        print(f"\nside effects ({len(sides)})", file=out)
        for o in sides:
            for rule, _, _, text in o.side:
                print(f"  {o.mutant.file} [{o.mutant.kind} {o.mutant.template}] {o.mutant.fault_text[:50]!r}: {rule} {text!r}", file=out)
    if a.json:
        record = {
            "seed": a.seed, "per_article": a.per_article, "kinds": kinds, "articles": len(paths),
            "summary": summ,
            "mutants": [
                {"file": o.mutant.file, "kind": o.mutant.kind, "template": o.mutant.template, "applicable": o.mutant.applicable,
                 "reason": o.mutant.reason, "start": o.mutant.start, "end": o.mutant.end, "new": o.mutant.new,
                 "fault": o.mutant.fault_text, "facts": o.mutant.facts, "caught": o.caught, "rules": o.rules,
                 "via_related": o.via_related, "side": o.side, "lost": o.lost}
                for o in outcomes
            ],
        }
        text = json.dumps(record, indent=1, ensure_ascii=False)
        if a.json == "-":
            print(text)
        else:
            Path(a.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
