"""known_names: a near miss of a well-known person's or body's full name.

The pack's data (``names:``, rules/News/data/known-people.yml) lists
people ("Given [Middle] Surname") and bodies (names of three words or more).

**People.** For each capitalised word of the text taken as a surname, the
word before it (or two or three before it, across middle names, initials
and particles such as "van", "de", "al") is taken as the given name. The
pair is reported when

* the surname is a listed person's surname and the given name is a near
  miss of that person's given name ("Phillipe Coutinho", "Agnieska
  Holland", "Sebastian Haller" for Sébastien Haller), or
* the given name is a listed person's and the surname, five letters or more,
  is a near miss of that person's surname ("Thomas Zuburchen"),

and the pair is not itself a listed person ("Sebastian Vettel", "Sebastian
Coe" are right). A near miss: the same first and last letter, neither a
prefix of the other ("Steve"/"Steven" are two names), and one letter off,
or a doubled letter written once (or twice); other slips only in given
names of five letters or more and surnames of seven or more ("Dean"/"Dan",
"Miller"/"Muller" are different names), and surnames of eight letters or
more may be two letters off. Spellings that differ only in transliteration or
diacritics are one spelling ("Muller"/"Müller"/"Mueller", "Loew"/"Löw",
"Juergen"/"Jürgen", "Zelensky"/"Zelenskyy"; the East Slavic folds of
``name_variants.fold``), as are the data's ``alternatives``. A given name
that is an ordinary English word ("Will", "Rush") is not taken for a
misspelt one when the ``spell`` extra's dictionary is installed (see
``_lexicon``); without it that guard is off and only the rules above apply.

**Bodies.** A run of capitalised words (with "of", "for", "and", "the"
... between them) that starts and ends with a listed body's first and last
words is reported when it has the same number of words and one inner word
is replaced by a look-alike (the same first three letters, or two letters
off: "Crown Processing Service"), or, for a body of five words or more,
when one inner word (with a function word beside it) is missing
("National Churches of Kenya" for the National Council of Churches of
Kenya); unless the run is itself listed.

Each finding has an unsafe fix (the right spelling), since a near miss may
be another person. Cost: one dictionary look-up per capitalised word, a few
more per word whose neighbours match; linear in the text.

``message`` substitutions: 1. the text as written, quoted; 2. the known
name, quoted; 3. ``a known person`` or ``a known body``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.checks.name_variants import _distance, fold
from lint.model import Edit, Finding, Fix, Span
from lint.regexes import longest_first as _longest_first
from lint.rules import RuleBase, none_is_empty_list, none_is_empty_mapping
from lint.spec import BaseModel, ConfigDict, Field, field_validator

DATA_KEYS = ("names",)
DEFAULT_MESSAGE = "%s looks like a misspelling of %s, %s."


class KnownData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    people: list[str] = Field(default_factory=list)
    bodies: list[str] = Field(default_factory=list)
    alternatives: list[list[str]] = Field(default_factory=list)

    _none_is_empty = field_validator("people", "bodies", "alternatives", mode="before")(none_is_empty_list)


class Params(RuleBase):
    extends: Literal["known_names"]
    names: KnownData = Field(default_factory=KnownData)

    _names_none = field_validator("names", mode="before")(none_is_empty_mapping)


# a word: letters and marks, inner apostrophes and hyphens (O'Neill, Demy-Geroe, al-Assad)
_TOKEN = regexes.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|[\p{N}]+")
_PARTICLES = frozenset("van von der den de da das do dos del della di du la le al el bin ibn wa y".split())
_FUNCTION = frozenset("of for and the on in to de des du la le y et".split())
_CAP = r"(?:\p{Lu}|(?:al|el)-\p{Lu})[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*"
_LINK = "|".join(sorted(_PARTICLES | _FUNCTION, key=_longest_first))
# a capitalised word, then more words joined by a space (or ", "): capitalised, or particles and function words
_RUN_PATTERN = rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’-]){_CAP}(?:(?:, | )(?:{_CAP}|(?:{_LINK})(?= )))+"
# the same runs and words for a block whose characters are all ASCII or common
# punctuation (no letter, mark or digit beyond ASCII): there ``\p{Lu}`` is [A-Z],
# ``\p{L}`` [A-Za-z], ``\p{M}`` nothing and ``\p{N}`` [0-9], and the standard
# library's engine finds them several times faster
_PLAIN_TEXT = re.compile(r"[^\x00-\x7f‘’“”–—…•·«»€£°]")
_ASCII_CAP = r"(?:[A-Z]|(?:al|el)-[A-Z])[A-Za-z]*(?:['’-][A-Za-z][A-Za-z]*)*"
_ASCII_RUN = re.compile(rf"(?=[A-Zae])(?<![A-Za-z0-9'’-]){_ASCII_CAP}(?:(?:, | )(?:{_ASCII_CAP}|(?:{_LINK})(?= )))+")
# the same runs, when the block holds no "al-"/"el-" before a capital (nearly
# every block): a run starts at a capital, and the look-behind after it lets
# the engine look for a capital first
_ASCII_CAP_RUN = re.compile(
    rf"[A-Z](?<![A-Za-z0-9'’-][A-Z])[A-Za-z]*(?:['’-][A-Za-z][A-Za-z]*)*(?:(?:, | )(?:{_ASCII_CAP}|(?:{_LINK})(?= )))+"
)
_ASCII_TOKEN = re.compile(r"[A-Za-z][A-Za-z]*(?:['’-][A-Za-z][A-Za-z]*)*|[0-9]+")
# ``_word_info`` flags
_SURNAME, _OTHER5, _GIVEN, _GIVEN4, _BODY = 1, 2, 4, 8, 16
_UMLAUT = regexes.compile(r"(?<=[^aeiou])([aou])e")
_DOUBLE = regexes.compile(r"(.)\1+")


@lru_cache(maxsize=16384)
def same_form(word: str) -> str:
    """One spelling for transliterations: name_variants' fold, diacritics
    dropped, German ae/oe/ue as a/o/u (Loew/Löw, Juergen/Jürgen)."""
    s = unicodedata.normalize("NFKD", word)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _UMLAUT.sub(r"\1", fold(s).replace("-", ""))


def _near(a: str, b: str, surname: bool) -> bool:
    """Are the ``same_form`` spellings ``a`` and ``b`` a near miss (see the module docstring)?

    A letter doubled or not, from four letters; any other slip only in
    longer words, where a real name one letter away is rarer: given names
    of five letters or more ("Dean"/"Dan", "Olof"/"Olaf" are two names),
    surnames of seven or more ("Miller"/"Muller", "Kenney"/"Kennedy")."""
    if a == b or not a or not b or a[0] != b[0] or min(len(a), len(b)) < 4:
        return False
    if _DOUBLE.sub(r"\1", a) == _DOUBLE.sub(r"\1", b):
        return True  # "Phillipe"/"Philippe", "Cyrill"/"Cyril"
    if a[-1] != b[-1] or a.startswith(b) or b.startswith(a):
        return False
    if min(len(a), len(b)) < (7 if surname else 5):
        return False
    limit = 2 if surname and min(len(a), len(b)) >= 8 else 1
    return _distance(a, b, limit) <= limit


@dataclass(frozen=True)
class _Person:
    surface: str  # as listed
    given: str  # surface of the given name
    surname: str  # surface of the surname
    g: str  # same_form
    s: str


@dataclass(frozen=True)
class _Body:
    surface: str
    words: tuple[str, ...]  # same_form of each word (function words casefolded)


class _Tok(NamedTuple):  # (a tuple: made fast, one per word of a run read)
    text: str
    start: int
    end: int
    form: str
    gap: str  # the text between this token and the previous one


def _strip_possessive(w: str) -> str:
    if w[-1:] in "'’":
        return w[:-1]
    if len(w) > 2 and w[-1] in "sS" and w[-2] in "'’":
        return w[:-2]
    return w


class KnownNames:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        self._info: dict[str, tuple[str, int]] = {}  # word as found -> _word_info
        self._inert: set[str] = set()  # words in _info that no finding needs
        # compiled here, not on import: the rule cache keeps it compiled
        self._run = regexes.compile(_RUN_PATTERN)
        alt: dict[str, str] = {}
        for group in p.names.alternatives:
            forms = [same_form(w) for w in group]
            for f in forms:
                alt[f] = forms[0]
        self.alt = alt
        self.by_surname: dict[str, list[_Person]] = {}
        self.by_given: dict[str, list[_Person]] = {}
        self.pairs: set[tuple[str, str]] = set()
        seen: set[str] = set()
        for entry in p.names.people:
            words = entry.split()
            if len(words) < 2 or entry in seen:
                continue
            seen.add(entry)
            person = _Person(entry, words[0], words[-1], self._f(words[0]), self._f(words[-1]))
            self.by_surname.setdefault(person.s, []).append(person)
            self.by_given.setdefault(person.g, []).append(person)
            self.pairs.add((person.g, person.s))
        # first and last letters: of each surname's given names, of each given name's surnames
        # (two letters each, joined by commas: a string pickles smaller and loads faster than a set)
        self._given_ends = {s: ",".join(sorted({x.g[:1] + x.g[-1:] for x in ps})) for s, ps in self.by_surname.items()}
        self._surname_ends = {g: ends for g, ps in self.by_given.items()
                              if (ends := ",".join(sorted({x.s[:1] + x.s[-1:] for x in ps if len(x.s) >= 5})))}
        self.bodies: dict[str, list[_Body]] = {}
        self.body_set: set[tuple[str, ...]] = set()
        for entry in p.names.bodies:
            bwords = tuple(self._body_word(w) for w in _TOKEN.findall(entry))
            if len(bwords) < 3:
                continue
            self.bodies.setdefault(bwords[0], []).append(_Body(entry, bwords))
            self.body_set.add(bwords)

    def _f(self, w: str) -> str:
        f = same_form(w)
        return self.alt.get(f, f)

    def _body_word(self, w: str) -> str:
        return w.casefold() if w.casefold() in _FUNCTION else self._f(w)

    # ---- people

    def _given_candidates(self, toks: list[_Tok], j: int) -> Iterator[int]:
        """Indexes of words that may be the given name of the surname at ``j``."""
        i = j - 1
        steps = 0
        while i >= 0 and steps < 3:
            t = toks[i + 1]
            if t.gap != " ":
                return
            w = toks[i].text
            if w[0].isupper() and len(w) > 1:
                yield i
            if not (w.casefold() in _PARTICLES or w[0].isupper()):
                return
            i -= 1
            steps += 1

    def _people(self, toks: list[_Tok]) -> Iterator[Finding]:
        from lint.checks._lexicon import common_word

        for j, t in enumerate(toks):
            if not any(c.isupper() for c in t.text) or len(t.text) < 3:
                continue
            s = t.form
            known_s = self.by_surname.get(s)
            for i in self._given_candidates(toks, j):
                g = toks[i].form
                if (g, s) in self.pairs:
                    break  # a listed person
                hit: tuple[_Person, int] | None = None
                if known_s and len(toks[i].text) >= 4:
                    for person in known_s:
                        if _near(g, person.g, False) and common_word(toks[i].text) is not True:
                            hit = (person, i)
                            break
                if hit is None and g in self.by_given and len(s) >= 5 and s not in self.by_surname:
                    for person in self.by_given[g]:
                        if len(person.s) >= 5 and _near(s, person.s, True) and common_word(t.text) is not True:
                            hit = (person, j)
                            break
                if hit is not None:
                    person, wrong = hit
                    yield self._person_finding(toks, i, j, person, wrong)
                    break

    def _person_finding(self, toks: list[_Tok], i: int, j: int, person: _Person, wrong: int) -> Finding:
        start, end = toks[i].start, toks[j].end
        written = " ".join(x.text for x in toks[i : j + 1])
        right_word = person.given if wrong == i else person.surname
        right = " ".join(person.given if k == i else person.surname if k == j else toks[k].text for k in range(i, j + 1))
        msg = format_message(self.message, f"'{written}'", f"'{person.surface}'", "a known person")
        w = toks[wrong]
        fix = Fix((Edit(Span(w.start, w.end), right_word),), "unsafe", f"Replace with '{right}'")
        return Finding(Span(start, end), msg, fix)

    # ---- bodies

    def _bodies(self, toks: list[_Tok]) -> Iterator[Finding]:
        for i, t in enumerate(toks):
            if t.text[0].isupper() and t.form in self.bodies:
                f = self._body_at(toks, i)
                if f is not None:
                    yield f

    def _body_at(self, toks: list[_Tok], i: int) -> Finding | None:
        n = len(toks)
        for body in self.bodies[toks[i].form]:
            m = len(body.words)
            for size in (m, m - 1, m - 2):
                if size < 3 or i + size > n:
                    continue
                if self._body_word(toks[i + size - 1].text) != body.words[-1]:
                    continue  # (tested first: the cheapest test that fails)
                run = toks[i : i + size]
                if not self._run_ok(run):
                    continue
                words = tuple(self._body_word(x.text) for x in run)
                if words in self.body_set or words[-1] != body.words[-1]:
                    continue
                if i + size < n and toks[i + size].gap == " " and toks[i + size].text[0].isupper():
                    continue  # the run goes on: some longer name
                if (size == m and self._one_lookalike(words, body.words)) or (
                    size < m and m >= 5 and size >= 4 and self._one_dropped(words, body.words)
                ):
                    written = " ".join(x.text for x in run)
                    msg = format_message(self.message, f"'{written}'", f"'{body.surface}'", "a known body")
                    span = Span(run[0].start, run[-1].end)
                    return Finding(span, msg, Fix((Edit(span, body.surface),), "unsafe", f"Replace with '{body.surface}'"))
        return None

    @staticmethod
    def _run_ok(run: list[_Tok]) -> bool:
        """Words joined by single spaces (or ", "), content words capitalised."""
        for k, x in enumerate(run):
            if k and x.gap not in (" ", ", "):
                return False
            if x.text.casefold() not in _FUNCTION and not x.text[0].isupper():
                return False
        return True

    @staticmethod
    def _one_lookalike(words: tuple[str, ...], known: tuple[str, ...]) -> bool:
        diff = [k for k in range(len(words)) if words[k] != known[k]]
        if len(diff) != 1:
            return False
        k = diff[0]
        if k in (0, len(words) - 1) or known[k] in _FUNCTION or words[k] in _FUNCTION:
            return False
        a, b = words[k], known[k]
        return (len(a) >= 4 and len(b) >= 4 and a[:3] == b[:3]) or (min(len(a), len(b)) >= 6 and _distance(a, b, 2) <= 2)

    @staticmethod
    def _one_dropped(words: tuple[str, ...], known: tuple[str, ...]) -> bool:
        """``words`` is ``known`` without one inner content word (and a function word beside it)."""
        d = len(known) - len(words)
        for k in range(1, len(known) - d):
            cut = known[k : k + d]
            if sum(1 for w in cut if w not in _FUNCTION) != 1:
                continue
            if known[:k] + known[k + d :] == words:
                return True
        return False

    # ---- the check

    def _may_hold(self, words: list[str]) -> bool:
        """Can the run of these words (as the token pattern finds them) hold
        a finding? Exact: a run this passes may hold none, a run it stops
        holds none. A near miss has the first and last letters of the name
        it misses (``_near``), so a person needs, within three words before
        a listed surname, a word of four letters or more with the first and
        last letters of one of its given names; or, within three words
        before a word of five letters or more that is no listed surname, a
        listed given name one of whose surnames has that word's first and
        last letters. A body needs a listed first word with two words or
        more after it. Most runs have none of these: never read further."""
        if self._inert.issuperset(words):
            return False  # every word read before, none a listed name's (most runs)
        info = self._info
        items: list[tuple[str, int]] = []
        for raw in words:
            item = info.get(raw)
            if item is None:
                if len(info) > 100_000:  # a long run over many articles: bounded
                    info.clear()
                    self._inert.clear()
                item = info[raw] = self._word_info(raw)
                flags = item[1]
                if flags < 0 or not (flags & (_SURNAME | _BODY) or (flags & _GIVEN and self._surname_ends.get(item[0]))):
                    self._inert.add(raw)  # a run of such words only holds nothing
            if item[1] >= 0:  # a word (not a lone apostrophe)
                items.append(item)
        n = len(items)
        for j, (s, fj) in enumerate(items):
            if fj & _BODY and j <= n - 3:
                return True
            if fj & _SURNAME:
                ends = self._given_ends[s]
                for g, fi in items[max(0, j - 3) : j]:
                    if fi & _GIVEN4 and g[:1] + g[-1:] in ends:
                        return True
            elif fj & _OTHER5:
                for g, fi in items[max(0, j - 3) : j]:
                    if fi & _GIVEN and s[:1] + s[-1:] in self._surname_ends.get(g, ""):
                        return True
        return False

    def _word_info(self, raw: str) -> tuple[str, int]:
        """The word's form as the check reads it and flags: ``_SURNAME`` a
        listed surname (as ``_people`` takes surnames), ``_OTHER5`` another
        such word of five letters or more, ``_GIVEN`` a capitalised word of
        two letters or more (a given name's place), ``_GIVEN4`` of four or
        more, ``_BODY`` a listed body's first word; -1: no word."""
        w = _strip_possessive(raw)
        if not w:
            return "", -1
        form = self._f(w) if w[0].isupper() or "-" in w else w.casefold()
        flags = 0
        if any(c.isupper() for c in w) and len(w) >= 3:
            if form in self.by_surname:
                flags |= _SURNAME
            elif len(form) >= 5:
                flags |= _OTHER5
        if w[0].isupper() and len(w) > 1:
            flags |= _GIVEN | (_GIVEN4 if len(w) >= 4 else 0)
        if w[0].isupper() and form in self.bodies:
            flags |= _BODY
        return form, flags

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_info"], state["_inert"] = {}, set()  # caches of words read: not worth pickling
        return state

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        # only runs of capitalised words (with particles and function words
        # between them) can hold a name: the rest of the text is never tokenised
        for b in blocks:
            text = b.text
            runs: re.Pattern[str] | regex.Pattern[str]
            token: re.Pattern[str] | regex.Pattern[str]
            if _PLAIN_TEXT.search(text) is None:
                runs = _ASCII_CAP_RUN if "l-" not in text else _ASCII_RUN
                token = _ASCII_TOKEN
            else:
                runs, token = self._run, _TOKEN
            for run in runs.finditer(text):
                if not self._may_hold(token.findall(text, run.start(), run.end())):
                    continue
                toks: list[_Tok] = []
                prev = run.start()
                info = self._info
                for m in token.finditer(text, run.start(), run.end()):
                    raw = m.group()
                    w = _strip_possessive(raw)
                    if not w:
                        continue
                    got = info.get(raw)  # (``_may_hold`` read it: its form is there)
                    form = got[0] if got is not None else self._f(w) if w[0].isupper() or "-" in w else w.casefold()
                    toks.append(_Tok(w, b.start + m.start(), b.start + m.start() + len(w), form, text[prev : m.start()]))
                    prev = m.start() + len(w)
                if len(toks) < 2:
                    continue
                if self.by_surname:
                    yield from self._people(toks)
                if self.bodies and len(toks) >= 3:
                    yield from self._bodies(toks)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> KnownNames:
    return KnownNames(p)
