"""fixed_case: a name with a fixed capitalisation written otherwise.

The pack's data (``names:``, rules/News/data/house-names.yml) lists names
whose capitalisation is part of the name: products, services, outlets,
organisations, events ("WhatsApp", "PlayStation", "eBay", "Twenty20", "the
Crown Prosecution Service", "AFCON"), each entry a string or a list whose
first item is the house form and the rest accepted alternatives
(``[AFCON, Afcon]``); ``places`` lists multi-word place names (countries)
whose lower-case form is an error ("ivory coast").

A run of words that matches an entry case-insensitively (diacritics
ignored: "Copa America" is "Copa América") is reported when it is written
in another capitalisation, except:

* ALL CAPITALS (a shouted headline) and, in a headline or at a sentence's
  start, a first letter raised ("EBay said", "Bank Of England Raises
  Rates");
* a single word all in lower case whose house form is a plain capitalised
  word ("google", "photoshop": verbs, common words), or a lower-case word
  that is an ordinary English word ("who" for WHO), see ``_lexicon``;
* a name of several words where only ordinary lower-case words differ
  ("India today": prose may say that), unless every word is lower case and
  one of them is no ordinary word, or it is a ``places`` entry;
* a word inside a web address, e-mail or hashtag ("whatsapp.com", "#afcon").

A name of one word with an inner capital or digit is also found split at
that boundary ("Twenty 20", "Whats App"; not in headlines for the camel-case
split). Without the ``spell`` extra's dictionary every lower-case word is
treated as possibly ordinary, so lower-case acronyms and partly lower-cased
names are not reported.

``message`` substitutions: 1. the text as written, quoted; 2. the house
form, quoted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.gate import Gate, compile_source
from lint.model import Edit, Finding, Fix, Span
from lint.rules import RuleBase, none_is_empty_list, none_is_empty_mapping
from lint.spec import BaseModel, ConfigDict, Field, field_validator

DATA_KEYS = ("names",)
DEFAULT_MESSAGE = "%s is written %s."


class HouseData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str | list[str]] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)

    _none_is_empty = field_validator("names", "places", mode="before")(none_is_empty_list)


class Params(RuleBase):
    extends: Literal["fixed_case"]
    names: HouseData = Field(default_factory=HouseData)

    _names_none = field_validator("names", mode="before")(none_is_empty_mapping)


_TOKEN = regexes.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*")
# the same words, found by the standard library's faster engine (text is NFC)
_FAST_TOKEN = re.compile(r"[^\W_][^\W_]*(?:['’][^\W_]+)*")
_SPLIT = regexes.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})")
# ASCII and common punctuation only (no letter or digit beyond ASCII): such a
# block folds to its lower case (``_plain`` changes nothing in its words)
_PLAIN_TEXT = re.compile(r"[^\x00-\x7f‘’“”–—…•·«»€£°]")
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_RUN = re.compile(r"[a-z0-9]+")
_NOT_WORD = re.compile(r"[^\w'’]|_")
_STARTERS = ".!?:;\"“‘'(«—–-"


def _plain(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _folded(text: str) -> str:
    """``text`` folded as a name's words are (diacritics dropped, case
    folded), each character that is neither a letter, a digit nor an
    apostrophe first read as a space: no fold then adds a letter beside a
    word ("™" is "TM"). A name's words keep their places in it."""
    return _plain(_NOT_WORD.sub(" ", text)).casefold()


@dataclass(frozen=True)
class _Entry:
    house: str
    forms: frozenset[str]  # accepted spellings, diacritics dropped
    words: tuple[str, ...]  # house words, diacritics dropped
    split: str  # "" | "digit" | "camel": found split at an inner boundary
    place: bool


def _trie(words: set[str]) -> str:
    """A regular expression matching exactly ``words``, shaped as a trie
    (one branch per first letter), which the standard engine runs fast."""
    if not words:
        return "(?!)"
    by_first: dict[str, set[str]] = {}
    end = False
    for w in words:
        if w:
            by_first.setdefault(w[0], set()).add(w[1:])
        else:
            end = True
    alts = [re.escape(c) + (_trie(rest) if rest != {""} else "") for c, rest in sorted(by_first.items())]
    body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
    return body + "?" if end else body


class FixedCase:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        self.index: dict[str, list[tuple[tuple[str, ...], _Entry]]] = {}
        items: list[tuple[list[str], bool]] = [([e] if isinstance(e, str) else list(e), False) for e in p.names.names]
        items += [([e], True) for e in p.names.places]
        for forms, place in items:
            if not forms:
                continue
            house = forms[0]
            words = tuple(_TOKEN.findall(_plain(house)))
            if not words:
                continue
            entry = _Entry(house, frozenset(" ".join(_TOKEN.findall(_plain(f))) for f in forms), words, "", place)
            self._add(tuple(w.casefold() for w in words), entry)
            if len(words) == 1:
                parts = [x for x in _SPLIT.split(words[0]) if x]
                if len(parts) > 1:
                    kind = "camel" if any(a[-1:].islower() and b[:1].isupper() for a, b in pairwise(parts)) else "digit"
                    split = _Entry(house, entry.forms, tuple(parts), kind, place)
                    self._add(tuple(x.casefold() for x in parts), split)
        self._first = self._first_words()
        self._plain_first, self._seconds = self._plain_starts()
        self._gate = self._phrase_gate()
        # the same test without RE2 (not kept with it: the rule pickles smaller)
        self._keys = self._letter_keys() if self._gate is None else (frozenset(), frozenset(), True)

    def _add(self, key: tuple[str, ...], entry: _Entry) -> None:
        bucket = self.index.setdefault(key[0], [])
        for k, (other_key, other) in enumerate(bucket):
            if other_key == key:  # listed twice (a newsroom's alternative): every listed form is right
                split = other.split if entry.split else ""  # listed as written: not a split
                bucket[k] = (key, _Entry(other.house, other.forms | entry.forms, other.words, split, other.place or entry.place))
                return
        bucket.append((key, entry))
        bucket.sort(key=lambda ke: -len(ke[0]))  # the longest name first: "PlayStation Network"

    def _first_words(self) -> regex.Pattern[str]:
        """A trie-shaped pattern of every entry's first word in lower case
        (with and without diacritics): the only places worth tokenising."""
        words = self._first_words_set()
        # ``regex`` pickles a compiled pattern as its program: the rule cache
        # then spares each run compiling it
        return regexes.compile(r"(?<![^\W_])(?:" + _trie(words) + r")(?![^\W_])")

    def _first_words_set(self) -> set[str]:
        words: set[str] = set()
        for bucket in self.index.values():
            for _, entry in bucket:
                for form in entry.forms | {entry.house}:
                    first = _FAST_TOKEN.match(form)
                    if first:
                        words.add(first.group().lower())
                        words.add(_plain(first.group()).lower())
                words.add(entry.words[0].lower())
        return words

    def _plain_starts(self) -> tuple[frozenset[str] | None, dict[str, tuple[str, ...] | None]]:
        """For a block of ASCII and common punctuation (``_PLAIN_TEXT``):

        1. the words of ``_first`` that can match there, when each is a run
           of ``[a-z0-9]`` (then ``_first`` matches exactly the maximal runs
           of ``[a-z0-9]`` of the block in lower case that are among them);
           None when one holds another character a plain block may hold (an
           apostrophe: "mcdonald's"), which only ``_first`` finds;
        2. for each first word of the index, the second words of its names,
           or None when one of its names has one word: a name of two words
           or more needs its second word right after a space."""
        plain: set[str] = set()
        exact = True
        for w in self._first_words_set():
            if _ASCII_RUN.fullmatch(w):
                plain.add(w)
            elif _PLAIN_TEXT.search(w) is None:
                exact = False  # could match a plain block, not as a run
        seconds: dict[str, tuple[str, ...] | None] = {}
        for first, bucket in self.index.items():
            if any(len(key) == 1 for key, _ in bucket):
                seconds[first] = None
            else:
                seconds[first] = tuple(sorted({key[1] for key, _ in bucket}))
        return (frozenset(plain) if exact else None), seconds

    def _letter_keys(self) -> tuple[frozenset[str], frozenset[tuple[str, str]], bool]:
        """What a block must hold to hold a listed name: for each name, the
        runs of letters of its folded words (diacritics dropped, case
        folded; digits and apostrophes split them), one run for a name of
        one run ("whatsapp"), else two runs next to each other, the longest
        pair ("united", "states"; "cote", "d" of "Côte d'Ivoire"). The third
        item: a name without letters ("1 2"), which any block may hold."""
        singles: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        anywhere = False
        for bucket in self.index.values():
            for key, _ in bucket:
                runs = _LETTERS.findall(" ".join(key))
                if not runs:
                    anywhere = True
                elif len(runs) == 1:
                    singles.add(runs[0])
                else:
                    pairs.add(max(pairwise(runs), key=lambda ab: len(ab[0]) + len(ab[1])))
        return frozenset(singles), frozenset(pairs), anywhere

    def _phrase_gate(self) -> Gate | None:
        """RE2 asked whether a block folded (see ``_folded``) holds a listed
        name's words, folded and joined by single spaces, with no ASCII
        letter on either side; None without RE2 (``_keys`` asks instead)."""
        phrases = {" ".join(key) for bucket in self.index.values() for key, _ in bucket}
        return compile_source(f"(?:^|[^a-z])(?:{_trie(phrases)})(?:$|[^a-z])") if phrases else None

    def _may_hold(self, text: str, low: str) -> bool:
        """Can the block hold a listed name? Exact: a block this passes may
        still hold none, a block it stops holds none.

        A name is found where the block's words, folded (case folded,
        diacritics dropped), are the name's words, joined by single spaces,
        with no letter or digit (in ``regex``'s sense, before the name) on
        either side: the block folded (``_folded``) then holds the name's
        words folded as one string, between two characters that are no ASCII
        letter (the gate); its runs of letters are runs of letters of the
        block folded, in order (``_keys``, the same test without RE2)."""
        folded = low if _PLAIN_TEXT.search(text) is None else _folded(text)
        if self._gate is not None:
            return self._gate.search(folded)
        singles, pairs, anywhere = self._keys
        if anywhere:
            return True
        runs = _LETTERS.findall(folded)
        return not singles.isdisjoint(runs) or not pairs.isdisjoint(pairwise(runs))

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        from lint.checks._lexicon import common_word

        for b in blocks:
            text = b.text
            low = text.lower()
            if not self._may_hold(text, low):
                continue  # most blocks: no name's letters
            firsts = self._plain_first
            plain = firsts is not None and _PLAIN_TEXT.search(text) is None
            if len(low) != len(text):  # a letter whose lower case is longer (U+0130): look everywhere
                starts: Iterator[int] = (m.start() for m in _FAST_TOKEN.finditer(text))
            elif plain and firsts is not None:  # the same starts as ``_first``, found faster (see ``_plain_starts``)
                starts = (m.start() for m in _ASCII_RUN.finditer(low) if m.group() in firsts)
            else:
                starts = (m.start() for m in self._first.finditer(low))
            headline = b.scope in ("headline", "heading")
            done = 0
            for pos in starts:
                if pos < done:
                    continue
                m = _FAST_TOKEN.match(text, pos)
                if m is None:
                    continue
                g = m.group()
                if plain:
                    # no name here without its first word's entry, and (for
                    # names of two words or more only) its second word after a space
                    w0 = g[:-2] if g[-2:] in ("'s", "’s", "'S", "’S") else g
                    if w0.casefold() not in self._seconds:
                        continue
                    seconds = self._seconds[w0.casefold()]
                    if seconds is not None and (len(w0) != len(g) or not low.startswith(seconds, m.end() + 1)
                                                or text[m.end() : m.end() + 1] != " "):
                        continue
                first = g.casefold() if g.isascii() else _plain(g).casefold()
                bucket = self.index.get(first) or self.index.get(first[:-2])  # a possessive
                if not bucket:
                    continue
                toks = self._tokens_from(text, pos, len(bucket[0][0]))
                folded = [t[2].casefold() for t in toks]
                hit = None
                for key, entry in self.index.get(folded[0], ()) if folded else ():
                    if tuple(folded[: len(key)]) == key:
                        hit = (len(key), entry)
                        break
                if hit is None:
                    continue
                n, entry = hit
                st, e = toks[0][0], toks[n - 1][1]
                done = e
                words = [t[2] for t in toks[:n]]
                if self._fine(text, st, e, words, entry, headline, common_word):
                    continue
                written = text[st:e]
                msg = format_message(self.message, f"'{written}'", f"'{entry.house}'")
                span = Span(b.start + st, b.start + e)
                yield Finding(span, msg, Fix((Edit(span, entry.house),), "unsafe", f"Replace with '{entry.house}'"))

    def _tokens_from(self, text: str, pos: int, most: int) -> list[tuple[int, int, str]]:
        """Up to ``most`` words from ``pos``, joined by single spaces."""
        toks: list[tuple[int, int, str]] = []
        while len(toks) < most:
            m = _FAST_TOKEN.match(text, pos)
            if not m:
                break
            w = m.group()
            if w[-2:] in ("'s", "’s", "'S", "’S"):
                w = w[:-2]  # a possessive: "WhatsApp's"
            toks.append((m.start(), m.start() + len(w), w if w.isascii() else _plain(w)))
            if m.end() != m.start() + len(w) or text[m.end() : m.end() + 1] != " ":
                break
            pos = m.end() + 1
        return toks

    @staticmethod
    def _fine(text: str, s: int, e: int, words: list[str], entry: _Entry, headline: bool, common_word) -> bool:
        if (s > 0 and text[s - 1] in "@#/\\._") or (e < len(text) and text[e] in "@/_") or (
            e + 1 < len(text) and text[e] == "." and text[e + 1].isalnum()):
            return True  # an address, a handle, a hashtag
        if entry.split:
            if entry.split == "camel" and headline:
                return True
            # "a play station": other words, not the name split
            return any(w[:1] != h[:1] for w, h in zip(words, entry.words, strict=False))
        written = " ".join(words)
        if written in entry.forms:
            return True
        letters = [c for c in written if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            return True
        j = s - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        at_start = headline or j < 0 or text[j] in _STARTERS
        if at_start:
            for form in entry.forms:
                fw = form.split(" ")
                if len(fw) == len(words) and all(w == f or w == f[:1].upper() + f[1:] for w, f in zip(words, fw)):
                    return True
        house = entry.words
        wrong = [w for w, h in zip(words, house) if w != h]
        lower_wrong = [w for w in wrong if w.islower()]
        if len(words) == 1:
            w, h = words[0], house[0]
            if w.islower() and h[:1].isupper() and (h[1:].islower() or not h[1:]):
                return True  # "google", "photoshop": a verb, a common word
            if w.islower():
                return common_word(w) is not False
            return False
        if all(w.islower() for w in words):
            if entry.place:
                return False
            return all(common_word(w) is not False for w in words)
        # partly lower-cased: prose may say "India today"
        return bool(lower_wrong) and len(lower_wrong) == len(wrong) and any(common_word(w) is not False for w in lower_wrong)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> FixedCase:
    return FixedCase(p)
