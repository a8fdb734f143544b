"""name_variants: one name spelt in slightly different ways.

No list is needed to find "Zapod 2025" next to "Zapad 2025", or
"Tsikhanouski" / "Tsikhanouvski" / "Tsikhanovski" in one article:

* **Names** are capitalised words (possessive "'s" / "'" stripped). A word
  counts as a name when it is capitalised somewhere *inside* a sentence of
  the body (paragraph, standfirst, list): a capitalised word that is only
  ever seen at the start of a sentence, after a colon or an opening quote,
  or in a headline or byline is an ordinary word, and is not compared
  (only the known spellings of the pack's data are looked for there),
  unless it is no English word: then it is compared with the article's
  names ("Emerson said" after "Emmerson Mnangagwa"; "Whether" is never
  compared with "Wether"). Whether a word is English comes from the
  Hunspell en_US dictionary of the ``spell`` extra (see ``_lexicon``);
  without it such words are not compared. A word also written in lower
  case ("Health" and "health") is a common word and is not compared either.
* **Folding** (``fold``) maps the spellings that romanised Belarusian,
  Russian and Ukrainian names vary on to one form: kh/h, w/v, -ou-/-ov-,
  ia/ya, -iy/-ii/-yy/-y, -ey/-ei, Ye-/E-, diacritics. Two spellings are
  compared as written first (diacritics and apostrophes dropped: the
  *plain* form); the folded forms join them only when one of the two ends
  like an East Slavic name (``_slavic``: -ov, -enko, -sky, -vich, -uk, -iy,
  -iv ...): folding "Zhengzhou", "Lockheed" or "Abidjan" would stretch a
  slip past the edit limit ("Zhengzhu", "Lockjeed") or join two other names.
* A letter doubled or not is a variant ("Morroco"/"Morocco",
  "Emmerson"/"Emerson"), for names of ``min_length`` letters or more with
  the same first letter.
* One name in two capitalisations after its first letter ("OneIndia" and
  "Oneindia", "DeSantis" and "Desantis") is a variant too: the less
  frequent capitalisation (ties: the later) is flagged. ALL CAPS and a
  first letter raised say nothing.
* Otherwise two spellings are variants when their folded forms are at a
  small edit distance (1 below 10 letters, 2 from 10), both at least
  ``min_length`` letters, and the difference is *inside* the word: the same
  first and last letter, neither a prefix of the other. That keeps
  inflections and derivations ("Belarus"/"Belarusian", "Russia"/"Russian",
  "Sweden"/"Swedes", "Tsikhanouski"/"Tsikhanouskaya") and different names
  ("Minsk"/"Pinsk", "Iran"/"Iraq", "Martens"/"Martin") apart.
* **Short names** (4 letters or more, under ``min_length``: "Ruto",
  "Copa", "Paris"/"Pris") are variants when one letter inside the word is
  doubled or not, dropped or added, or swapped with its neighbour (the same
  first and last letter, so no inflection; a letter *changed* in four
  letters makes another name too often: "Modi"/"Mori", "Xabi"/"Xavi"),
  neither spelling is an English word nor one of the data's ``titles``, and
  not both are names the dictionary spells ("Iran"/"Iraq", "Dean"/"Dan":
  two names), nor, for a letter dropped, the shorter one ("Imran" is not
  "Iran").
  Both must be written in lower case after the first letter somewhere
  (acronyms, "AWU"/"AMWU", are other bodies), and two short look-alikes
  each used twice or more are two names ("Omar", "Omer"). Without the
  dictionary short names are not compared.
* Two look-alikes that each always stand next to another capitalised word
  or a number, and never next to the same one, are two names: "Sayed Hamed
  Gailani" and "Hamid Karzai", "Chapter VII" and "the UN Charter". Common
  words and the data's ``titles`` ("Mr", "President") do not count as
  neighbours, so "Mr Romaszko" and "Mr Romanszko" are still compared. An
  initial is no neighbour when a name stands past it: "George W. Bush" and
  "George H.W. Bush" share "Bush" (and a word after an initial's full stop
  is inside its sentence).
* The words are those of ``lint.tokens`` (found once per article, shared
  with any other check that reads them).
* Candidates come from a deletion index (every folded form and its
  one- or two-letter deletions), so an article costs time linear in its
  words, not quadratic in its names.

The pack's data (``names:`` a mapping or a file name) says more:
``known`` spellings are right: a spelling close to one of them is flagged at
the rule's level with a safe fix, even when the known spelling does not occur
in the article; ``allowed`` groups are house choices never flagged against
each other (given names different people spell differently: "Mohammed",
"Mohamed"); ``romanisations`` groups are spellings of one person's name
("Lukashenko"/"Lukashenka"): each is right (never a misspelling, never
reported across articles), and two of one group in one article are a
variant, however far apart. ``places:`` (a mapping or a file name,
rules/News/data/place-names.yml) holds such groups for places, derived
from the GeoNames gazetteer and curated ("Kharkiv"/"Kharkov",
"Chisinau"/"Kishinev"); groups that share a spelling are one. ``different``
groups are look-alike names that are different names ("Austria"/"Australia").

Without a known spelling, the less frequent spelling is flagged at
``variant_level`` (ties: the one used later), naming both spellings, with an
unsafe fix to the more frequent one.

Each finding has related locations: the first occurrence of the right
spelling (when the article has it) and the other occurrences of the
variant. Findings across articles name the other files in the message
(a related location points into the finding's own file only).

``message`` substitutions, in order (``%[n]s`` picks one):

1. the variant, quoted: ``'Zapod'``
2. the right spelling, quoted: ``'Zapad'``
3. why it is right: ``the known spelling``, ``the more frequent spelling in
   this article``, ``the first spelling in this article``, or, across
   articles, ``the spelling of 2 other articles of this run (a.txt, b.txt)``

Across articles (``across_articles: true``) the checker keeps a small
summary of each article's names, reports nothing per article, and its
``finish()`` (called once after the last file of a run) yields
``(path, Finding)`` pairs: a spelling used in one article that other
articles of the run spell differently, at ``across_level``. ``finish()``
clears the state, so a checker can serve several runs. When files are
linted in worker processes, ``export(path)`` there and ``absorb(path, data)``
in the main process carry each article's summary over.
"""

from __future__ import annotations

import bisect
import marshal
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import chain
from typing import Any, Literal, NamedTuple, cast

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Related, Severity, Span
from lint.rules import RuleBase, none_is_empty_list, none_is_empty_mapping
from lint.spec import BaseModel, ConfigDict, Field, field_validator
from lint.tokens import WORD as _WORD
from lint.tokens import block_tokens

DATA_KEYS = ("names", "places")
DEFAULT_MESSAGE = "%s differs from %s, %s."

Level = Literal["suggestion", "warning", "error"]


class NameData(BaseModel):
    """The pack's knowledge of names (``rules/News/data/known-names.yml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    known: list[str] = Field(default_factory=list)  # right spellings
    allowed: list[list[str]] = Field(default_factory=list)  # house variants, never flagged
    # romanisations of one person or place: each is right, two in one article are a variant
    romanisations: list[list[str]] = Field(default_factory=list)
    different: list[list[str]] = Field(default_factory=list)  # look-alikes that are different names
    titles: list[str] = Field(default_factory=list)  # words before a name that say nothing of who it is (Mr, President)

    _none_is_empty = field_validator("known", mode="before")(none_is_empty_list)


class PlaceData(BaseModel):
    """Names of one place (``rules/News/data/place-names.yml``): groups of
    romanisations, each right, two of one group in one article a variant."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    derived: list[list[str]] = Field(default_factory=list)  # written by a script from a gazetteer
    curated: list[list[str]] = Field(default_factory=list)  # by hand

    _none_is_empty = field_validator("derived", "curated", mode="before")(none_is_empty_list)


class Params(RuleBase):
    extends: Literal["name_variants"]
    names: NameData = Field(default_factory=NameData)
    places: PlaceData = Field(default_factory=PlaceData)
    within_article: bool = True  # report variants inside one article
    across_articles: bool = False  # report, from finish(), variants between articles
    variant_level: Level = "warning"  # a variant no known spelling decides
    across_level: Level = "suggestion"
    min_length: int = Field(default=5, ge=3)  # letters, for edit-distance variants

    _names_none = field_validator("names", "places", mode="before")(none_is_empty_mapping)


# --------------------------------------------------------------------------
# Words and folding

# A word: see lint.tokens (letters and marks, inner apostrophes, a trailing one).
_POSSESSIVE = regexes.compile(r"(?:['’][sS]|['’])$")
# The word right after a name, across one space or hyphen only (and the
# word right before it, read backwards: "(?r)").
_RIGHT = regexes.compile(r"[ -]([\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*)")
_LEFT = regexes.compile(r"(?r)(?<![\p{L}\p{M}\p{N}'’])([\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*)\.?[ -]")
# initials between a name and its neighbour: "W." or ".W." (after "H"), read
# forwards from the first initial's end, and backwards from its start
_PAST_INITIALS = regexes.compile(r"\.?(?:\p{Lu}\.)*")
_LEFT_PAST_INITIALS = regexes.compile(
    r"(?r)(?<![\p{L}\p{M}\p{N}'’])([\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*)\.?[ -](?:\p{Lu}\.)*"
)


# characters that are no part of a word of ``_LEFT``
_NOT_WORD = frozenset(" \t\n\r.,;:!?()[]{}\"“”‘«»—–-/…\u00a0")


def _initial(w: str) -> bool:
    return len(w) == 1 and w.isupper()


_OPENERS = "\"“‘'«([{"
_START_AFTER = ".!?…:;"
# what ``_starts_like_sentence`` looks past or stops at before a word: with
# none of these two characters before it, a word is inside its sentence
_NO_WORD_END = frozenset(_OPENERS + _START_AFTER + "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace()))
# A sentence (``lint.segment``) starts after a space only when one of these
# (or a space) comes before the space: ". ! ? …" or a closing quote or
# bracket ending the sentence before. After a space and any other character
# (with none of ``_NO_WORD_END``) a word is inside its sentence, which
# starts two characters before it or earlier.
_NOT_INSIDE_AFTER = _NO_WORD_END | frozenset("\"”’')]»")

# (each with the strings one of which a match holds: a fold is tried only
# on the words that hold one)
_FOLDS = [
    (("kh",), regexes.compile(r"kh"), "h"),
    (("w",), regexes.compile(r"w"), "v"),
    (("ou",), regexes.compile(r"ou(?=[^aeiouy]|$)"), "ov"),
    (("ye",), regexes.compile(r"^ye"), "e"),
    (("j",), regexes.compile(r"(?<=.)j(?=[aeu])"), "i"),  # -ja- -ju- -je-: ia/ya
    (("y",), regexes.compile(r"(?<=.)y"), "i"),  # Volodymyr/Volodimir, -iy/-yy/-y, ia/ya, ey/ei
    (("ij",), regexes.compile(r"ij$"), "i"),
    (("vv", "ii"), regexes.compile(r"([vi])\1+"), r"\1"),  # Tsikhanouvski, Zelenskii
]


@lru_cache(maxsize=16384)  # pure; names recur across the articles of a run
def fold(word: str) -> str:
    """The transliteration-folded form: lower case, no diacritics, one spelling
    for the letter pairs and endings that romanised East Slavic names vary on."""
    s = unicodedata.normalize("NFKD", word.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in "'’")
    for needles, pat, rep in _FOLDS:
        if any(n in s for n in needles):
            s = pat.sub(rep, s)
    return s


_DOUBLE = regexes.compile(r"(.)\1+")


def _single(folded: str) -> str:
    """``folded`` with doubled letters written once: "Emmerson"/"Emerson",
    "Morroco"/"Morocco", "Phillipe"/"Philippe" (a doubled or undoubled letter
    is the commonest slip in names)."""
    return _DOUBLE.sub(r"\1", folded)


@lru_cache(maxsize=16384)
def _plain(key: str) -> str:
    """A case-folded spelling without diacritics and apostrophes, nothing
    else changed (``fold`` without the East Slavic folds)."""
    s = unicodedata.normalize("NFKD", key.casefold())
    return "".join(c for c in s if not unicodedata.combining(c) and c not in "'’")


# endings of romanised East Slavic names (plain forms): surnames (-ov, -enko,
# -sky, -vich, -uk ...), given names (-iy, -ei, -ii) and places (-iv, -sk)
_SLAVIC = regexes.compile(
    r"(?:[oe]v|[oe]va|[oe]vs?k[iy]j?|sk(?:i|y|iy|yi|yy|ii|a|aya|aja|aia)|ck(?:i|y|a)|enk[oa]|vich|vych|ich|chuk|[iy]?uk|"
    r"ets|[iy]y|ii|yi|ei|ey|iv|sk|yn|yna|ova|eva|ovna|evna|ouski|ouskaya|au)$"
)


def _slavic(plain: str) -> bool:
    """Does a plain spelling end like a romanised East Slavic name?"""
    return len(plain) >= 4 and _SLAVIC.search(plain) is not None


def _close(fa: str, fb: str) -> bool:
    """One slip apart: a letter doubled or not ("Emmerson"/"Emerson"), or a
    small edit distance inside the word (1 below 10 letters, 2 from 10):
    the same first and last letter, neither a prefix of the other."""
    if fa[0] == fb[0] and _single(fa) == _single(fb):
        return True
    if fa[0] != fb[0] or fa[-1] != fb[-1] or fa.startswith(fb) or fb.startswith(fa):
        return False
    limit = 2 if min(len(fa), len(fb)) >= 10 else 1
    return _distance(fa, fb, limit) <= limit


# spellings sharing one deletion key, at most, for it to be compared: real
# copy shares a key among 6 at most (8 stories in one file), a hostile list of
# thousands of short names among hundreds
_MAX_BUCKET = 64


def _deletions(s: str, depth: int) -> set[str]:
    out = {s}
    frontier = {s}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


@lru_cache(maxsize=4096)  # bounded: about 6 MB at most (the distinct names of a few hundred articles)
def _keys(f: str) -> frozenset[str]:
    return frozenset(_deletions(f, 2 if len(f) >= 10 else 1))


def _across_keys(f: str) -> set[str]:
    """The keys that find every pair ``_similar_across`` can accept: the same casefold, or one
    edit apart when both have ``_ACROSS_MIN`` letters or more (one deletion each way, where
    ``_keys`` takes two from 10 letters). Fewer keys than ``_keys``: the index of an archive's
    millions of spellings is the reduce's largest part."""
    return _deletions(f, 1) if len(f) >= _ACROSS_MIN else {f}


_ACROSS_MIN = 8  # letters: a shorter spelling is joined across articles only to its own casefold


@lru_cache(maxsize=4096)
def _both_keys(folded: str, plain: str) -> frozenset[str]:
    """The keys of a spelling indexed by its folded and its plain form."""
    return _keys(folded) if folded == plain else _keys(folded) | _keys(plain)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or ``limit + 1`` when above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _plain_len(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


class _Form:
    """One spelling (case-folded) of a capitalised word in one article."""

    __slots__ = ("folded", "inside", "key", "lower", "neighbours", "neighbours_known", "spans", "surfaces")

    def __init__(self, key: str, folded: str, spans: list[tuple[int, int]] | None = None,
                 surfaces: dict[str, int] | None = None, inside: bool = False, lower: bool = False,
                 neighbours: frozenset[str] | None = None, neighbours_known: bool = False) -> None:
        self.key = key  # casefold of the surface
        self.folded = folded
        self.spans: list[tuple[int, int]] = [] if spans is None else spans
        self.surfaces: dict[str, int] = {} if surfaces is None else surfaces  # surface -> count
        self.inside = inside  # capitalised inside a body sentence: a name
        self.lower = lower  # also written in lower case: a common word ("Health", "Alert")
        # the capitalised words or numbers next to it ("Hamid" in "Hamid Karzai": karzai), or
        # None when it once stands alone; worked out when needed (see _mates)
        self.neighbours = neighbours
        self.neighbours_known = neighbours_known

    def __repr__(self) -> str:
        return f"_Form({self.key!r}, {self.folded!r}, spans={self.spans!r}, inside={self.inside}, lower={self.lower})"

    @property
    def count(self) -> int:
        return len(self.spans)

    @property
    def surface(self) -> str:
        # the most frequent casing; on a tie, a mixed-case one over ALL CAPS
        if len(self.surfaces) == 1:
            return next(iter(self.surfaces))
        return max(self.surfaces.items(), key=lambda kv: (kv[1], not kv[0].isupper()))[0]

    @property
    def name(self) -> bool:
        return self.inside

    @property
    def first(self) -> int:
        return self.spans[0][0]


_BODY = ("paragraph", "standfirst", "list")


def _evidence_blocks(article: Article, blocks: list[Block]) -> Iterator[Block]:
    """Sentences of body blocks, where a capitalised word inside is a name."""
    for b in blocks:
        if b.scope in _BODY:
            yield from article.sentences_of(b)


def _starts_like_sentence(text: str, i: int, lo: int = 0) -> bool:
    """Is the word at ``i`` of a sentence's text at a start: the sentence's,
    after a colon, a semicolon or an opening quote? The sentence starts at
    ``lo`` of ``text``."""
    k = i - 1
    saw_opener = False
    while k >= lo and (text[k].isspace() or text[k] in _OPENERS):
        saw_opener = saw_opener or text[k] in _OPENERS
        k -= 1
    if k >= lo + 1 and text[k] == "." and text[k - 1].isupper() and (k - 1 == lo or not text[k - 2].isalpha()):
        return False  # after an initial ("George W. Bush", "H.W. Bush")
    return k < lo or saw_opener or text[k] in _START_AFTER


def _strip_possessive(w: str) -> str:
    """``w`` without a final "'s" / "’s" / "'S" or a final apostrophe (as
    ``_POSSESSIVE``)."""
    last = w[-1]
    if last in "'’":
        return w[:-1]
    if (last == "s" or last == "S") and len(w) > 1 and w[-2] in "'’":
        return w[:-2]
    return w


def _mates(form: _Form, text: str, forms: dict[str, _Form], titles: frozenset[str]) -> frozenset[str] | None:
    """The words next to ``form`` that can tell two names apart: names (not
    titles, not common words, not words capitalised only at a sentence's
    start) and numbers. None when one occurrence has no such neighbour."""
    if form.neighbours_known:
        return form.neighbours
    found: set[str] = set()
    alone = False  # an occurrence without such a neighbour
    n = len(text)
    key = form.key
    for start, end in form.spans:
        got = False
        # Each side is looked at only when it can hold a neighbour: a space or
        # hyphen next to the word and, past it, on the right a capital or a
        # digit, on the left a word not all in lower-case letters.
        # An initial says little of who it is ("George W. Bush", "George H.W.
        # Bush"): the name past it is the neighbour, the initial only when
        # that is no name (a common word, a sentence's first word).
        if start > 1 and text[start - 1] in " -":
            j = start - 2
            c = text[j]
            if c == "." and j > 0:
                j -= 1
                c = text[j]
            if c not in _NOT_WORD:
                lo = max(0, start - 40)
                q = text.rfind(" ", lo, j)
                word = text[max(lo, q + 1) : j + 1]
                if not (word.isalpha() and word.islower()):
                    if q >= 0 and word.isascii() and word.isalnum():
                        w, at = word, q + 1  # what _LEFT would match: a plain word after a space
                    else:
                        left = _LEFT.match(text, lo, start)
                        w, at = (left.group(1), left.start(1)) if left else ("", 0)
                    if w:
                        k = None
                        if _initial(w):
                            k = _neighbour(_LEFT_PAST_INITIALS.match(text, max(0, at - 40), at), key, forms, titles)
                        if k is None:
                            k = _neighbour_word(w, key, forms, titles)
                        if k is not None:
                            found.add(k)
                            got = True
        if end + 1 < n and text[end] in " -":
            c = text[end + 1]
            if c.isupper() or c.isdigit():
                q = text.find(" ", end + 1, end + 42)  # (bounded: a long word goes to the regex)
                word = text[end + 1 : q]
                if q >= 0 and word.isascii() and word.isalnum():
                    w, past_end = word, end + 1 + len(word)  # what _RIGHT would match: a plain word, then a space
                else:
                    right = _RIGHT.match(text, end)
                    w, past_end = (right.group(1), right.end(1)) if right else ("", 0)
                if w:
                    k = None
                    if _initial(w):
                        past = _PAST_INITIALS.match(text, past_end)
                        k = _neighbour(_RIGHT.match(text, past.end()) if past else None, key, forms, titles)
                    if k is None:
                        k = _neighbour_word(w, key, forms, titles)
                    if k is not None:
                        found.add(k)
                        got = True
        if not got:
            alone = True
            break
    form.neighbours = None if alone else frozenset(found)
    form.neighbours_known = True
    return form.neighbours


def _neighbour(m: regex.Match[str] | None, key: str, forms: dict[str, _Form], titles: frozenset[str]) -> str | None:
    """The casefold of the word of ``m`` (group 1) when it can tell a name
    apart (see ``_mates``), else None."""
    return None if m is None else _neighbour_word(m.group(1), key, forms, titles)


def _neighbour_word(w: str, key: str, forms: dict[str, _Form], titles: frozenset[str]) -> str | None:
    """``_neighbour`` of a word."""
    if not w or not (w[0].isupper() or w[0].isdigit()):
        return None
    k = _strip_possessive(w).casefold()
    other = forms.get(k)
    if k == key or k in titles or (other is not None and (other.lower or not other.name)):
        return None  # a title, a common word, a word capitalised only as a sentence's first
    return k


def _titled(form: _Form) -> bool:
    """Is ``form`` written once at least with lower-case letters after the
    first ("Ruto", not only "RUTO")?"""
    return any(w[1:].islower() for w in form.surfaces)


_COMPARABLE: dict[str, bool] = {}
# key -> (key, folded, plain, folded ends, plain ends), see ``_groups``
_ENDS: dict[str, tuple[str, str, str, str, str]] = {}


def _ends(key: str, folded: str) -> tuple[str, str, str, str, str]:
    if len(_ENDS) > 100_000:  # bounded
        _ENDS.clear()
    pl = _plain(key)
    got = _ENDS[key] = (key, folded, pl, "f" + folded[:1] + folded[-1:], "p" + pl[:1] + pl[-1:])
    return got


def _comparable_word(key: str) -> bool:
    """Is a word seen only where any word is capitalised compared all the
    same (3 letters or more, no English word)? Once per process per word."""
    got = _COMPARABLE.get(key)
    if got is None:
        if len(_COMPARABLE) > 100_000:  # bounded
            _COMPARABLE.clear()
        got = _COMPARABLE[key] = _plain_len(key) >= 3 and _uncommon(key)
    return got


def _uncommon(word: str) -> bool:
    """Is ``word`` known not to be an English word (see ``_lexicon``)?"""
    from lint.checks._lexicon import common_word

    return common_word(word) is False


def _cap_info(w: str) -> tuple[str, str, int] | None:
    """What ``collect`` needs of a word as written, worked out once per
    process for each distinct word (articles repeat their words): for a
    capitalised word its spelling without a possessive, that spelling's
    casefold and length; for another word None."""
    if len(_CAP_INFO) > 200_000:  # bounded: a few tens of MB at most
        _CAP_INFO.clear()
    if not w[0].isupper():
        got = None
    else:
        s = _strip_possessive(w) if w[-1] in "'’sS" else w
        got = (s, s.casefold(), len(s))
    _CAP_INFO[w] = got
    return got


def _lower_keys(words: set[str]) -> set[str]:
    """The casefolds (possessive stripped) of the words of ``words`` not
    capitalised, and "" (no key is empty) if any is capitalised; each
    distinct word is worked out once per process (``_LOWER_KEY``)."""
    cache = _LOWER_KEY
    new = words.difference(cache)
    if new:
        if len(cache) > 200_000:  # bounded: a few tens of MB at most
            cache.clear()
            new = words
        for w in new:
            cache[w] = "" if w[0].isupper() else _strip_possessive(w).casefold()
    return set(map(cache.__getitem__, words))


_CAP_INFO: dict[str, tuple[str, str, int] | None] = {}
_NOT_SEEN: Any = ()  # (no value of _CAP_INFO)
_LOWER_KEY: dict[str, str] = {}


def collect(article: Article, blocks: list[Block]) -> dict[str, _Form]:
    """Every capitalised word of ``blocks``, by case-folded spelling (the
    words of ``lint.tokens``, shared with the other checks)."""
    forms: dict[str, _Form] = {}
    words: set[str] = set()  # every word, as written
    info = _CAP_INFO.get
    for b in blocks:
        toks = block_tokens(article, b)
        words.update(toks.words())
        caps = toks.caps
        if not caps:
            continue
        text = b.text
        base = b.start
        # A word of a body block is a name when capitalised inside its
        # sentence (words never straddle sentences: the same words as
        # ``_WORD`` over each sentence of ``_evidence_blocks``).
        body = b.scope in _BODY
        starts: list[int] | None = None  # the block's sentence starts, when needed
        for start, g in caps:
            got = info(g, _NOT_SEEN)
            if got is _NOT_SEEN:
                got = _cap_info(g)
            if got is None:
                continue
            w, key, n = got
            form = forms.get(key)
            if form is None:
                form = forms[key] = _Form(key, fold(w))
            form.spans.append((start, start + n))
            surfaces = form.surfaces
            surfaces[w] = surfaces.get(w, 0) + 1
            if body and not form.inside:
                i = start - base
                # (the common case first: after a space and a word's end; no
                # sentence starts there, see ``_NOT_INSIDE_AFTER``, so its start
                # is at i - 2 or before)
                if i >= 2 and text[i - 1] == " " and text[i - 2] not in _NOT_INSIDE_AFTER:
                    form.inside = True
                    continue
                if starts is None:
                    starts = toks.sentence_starts(article) or []
                k = bisect.bisect_right(starts, start) - 1
                if k >= 0:
                    lo = starts[k] - base
                    if ((i - 2 >= lo and text[i - 1] == " " and text[i - 2] not in _NO_WORD_END)
                            or not _starts_like_sentence(text, i, lo)):
                        form.inside = True
    lower = _lower_keys(words)
    for key, form in forms.items():
        form.lower = key in lower
        form.spans.sort()
    return forms


# --------------------------------------------------------------------------


def _match_case(replacement: str, observed: str) -> str:
    if len(observed) > 1 and observed.isupper():
        return replacement.upper()
    return replacement


_UNSET = object()


class NameVariants:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE
        self.variant_level = Severity.parse(p.variant_level)
        self.across_level = Severity.parse(p.across_level)
        self.allowed: dict[str, int] = {}
        for gi, group in enumerate(p.names.allowed):
            for w in group:
                self.allowed[w.casefold()] = gi
        # romanisations of one person or place: casefold -> group; groups
        # that share a spelling (a newsroom's list and the built-in one) are one
        self.roman: dict[str, int] = {}
        for gi, group in enumerate(chain(p.names.romanisations, p.places.curated, p.places.derived)):
            words = {w.casefold() for w in group}
            old = {self.roman[w] for w in words if w in self.roman}
            if old:
                for w, g in self.roman.items():
                    if g in old:
                        self.roman[w] = gi
            for w in words:
                self.roman[w] = gi
        self.titles = frozenset(t.casefold() for t in p.names.titles)
        self.different: dict[str, set[int]] = {}
        for gi, group in enumerate(p.names.different):
            for w in group:
                self.different.setdefault(w.casefold(), set()).add(gi)
        # known spellings: casefold -> surface; deletion index over folded forms
        self.known: dict[str, str] = {}
        self.known_index: dict[str, list[str]] = {}
        for entry in p.names.known:
            for w in _WORD.findall(entry):
                if not w[:1].isupper():
                    continue
                k = w.casefold()
                if k in self.known:
                    continue
                self.known[k] = w
                for key in _keys(fold(w)) | _keys(_plain(k)):
                    self.known_index.setdefault(key, []).append(k)
        # A cheap, exact pre-test for ``_known_for``: a spelling can only be
        # ``similar`` to a known one with the same first and last folded (or
        # plain) letter and a length within 2 (equal forms included), or be
        # its ``_last_letter_slip`` (same folded form but the last letter).
        self.known_folded: dict[str, str] = {k: fold(k) for k in self.known}
        self._known_ends = {(f[0], f[-1], len(f)) for f in chain(self.known_folded.values(), map(_plain, self.known)) if f}
        self._known_stems = {f[:-1] for f in self.known_folded.values() if len(f) >= 6}
        # across articles: path -> the article's names as one compressed row list
        # (see _remember), about 1 kB per file over a run of thousands. Keyed by
        # path, so an editor that lints one file again and again (and never
        # calls finish) keeps one entry per file.
        self._seen: dict[str, bytes] = {}
        # (key, folded) -> _known_for's answer: names recur across articles
        self._known_cache: dict[tuple[str, str], str | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_known_cache"] = {}  # the rule cache keeps the checker: not its memo
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    # ---- similarity

    def _same_roman(self, a: str, b: str) -> bool:
        """Two romanisations of one person or place (the data's)?"""
        ra = self.roman.get(a)
        return ra is not None and ra == self.roman.get(b)

    def _unrelated(self, a: str, b: str) -> bool:
        """Pairs the data keeps apart: house variants, romanisations (those
        only meet inside one article, see ``_groups``) and different names."""
        ga = self.allowed.get(a)
        if ga is not None and ga == self.allowed.get(b):
            return True
        if self._same_roman(a, b):
            return True
        da = self.different.get(a)
        return bool(da and da & self.different.get(b, set()))

    def similar(self, a: str, fa: str, b: str, fb: str, short: bool = True) -> bool:
        """Are casefolded spellings ``a`` and ``b`` (folded ``fa``, ``fb``) variants?

        Their plain forms (diacritics and apostrophes dropped, nothing folded)
        are compared first; the East Slavic folds only join two spellings
        the plain forms keep apart when one of them looks East Slavic (see
        ``_slavic``): "Zhengzhou" is not "Zhengzhov", and folding would hide
        the slip in "Lockheed"/"Lockjeed". ``short``: allow names under
        ``min_length`` letters (see ``_short_slip``)."""
        if a == b or self._unrelated(a, b):
            return False
        pa, pb = _plain(a), _plain(b)
        if pa == pb:
            return _plain_len(a) >= 4 and _plain_len(b) >= 4
        if min(len(pa), len(pb)) < self.p.min_length:
            return short and self._short_slip(a, pa, b, pb)
        if _close(pa, pb):
            return True
        if not (_slavic(pa) or _slavic(pb)):
            return False
        if fa == fb:
            return True
        return min(len(fa), len(fb)) >= self.p.min_length and _close(fa, fb)

    def _short_slip(self, a: str, pa: str, b: str, pb: str) -> bool:
        """Two short names ("Ruto"/"Rutto", "Copa"/"Cpoa", "Paris"/"Pris"):
        4 letters or more, one of them under ``min_length``, one letter
        doubled or not, dropped or added, or two swapped, inside the word
        (same first and last letter, so no inflection), neither an English
        word nor a title, and not both names the dictionary spells
        ("Iran"/"Iraq", "Dean"/"Dan", "Lee"/"Leo" are two names). A letter
        changed is not enough: in four letters it makes another name too
        often ("Modi"/"Mori", "Xabi"/"Xavi", "Lisa"/"Lipa"), and so does a
        letter added to three ("Ali"/"Alvi", "Jon"/"Joon") or to a name the
        dictionary spells ("Iran"/"Imran", "Greg"/"Greig"). Without the
        dictionary, never."""
        from lint.checks._lexicon import common_word, dictionary_name

        if min(len(pa), len(pb)) < 4 or (len(pa) == len(pb) and sorted(pa) != sorted(pb)):
            return False  # three letters, or a letter changed (a swap keeps the letters)
        if pa[0] != pb[0] or pa[-1] != pb[-1] or not (pa.isalpha() and pb.isalpha()):
            return False
        if pa.startswith(pb) or pb.startswith(pa) or _distance(pa, pb, 1) > 1:
            return False
        if a in self.titles or b in self.titles:
            return False
        if common_word(a) is not False or common_word(b) is not False:
            return False
        if len(pa) != len(pb) and _single(pa) != _single(pb):
            # a letter dropped (not a doubled one): the shorter spelling must be no
            # name the dictionary spells ("Paris"/"Pris"; "Imran" is not "Iran",
            # "Kanye" not "Kane", "Greig" not "Greg")
            return not dictionary_name(a if len(pa) < len(pb) else b)
        return not (dictionary_name(a) and dictionary_name(b))

    def _similar_across(self, a: str, fa: str, b: str, fb: str) -> bool:
        """Stricter than ``similar``: different articles name different
        people ("Jason"/"Jamon", "Heath"/"Health"), so only transliteration
        variants, or one letter off in a long name, and not British/American
        -ise/-ize ("Organisation" is a name's own spelling)."""
        if not self.similar(a, fa, b, fb):
            return False
        if fa == fb:
            return True
        if min(len(fa), len(fb)) < _ACROSS_MIN or _distance(fa, fb, 1) > 1:
            return False
        return fa.replace("z", "s") != fb.replace("z", "s")

    def _two_names(self, fa: _Form, fb: _Form, text: str, forms: dict[str, _Form]) -> bool:
        """Both spellings always stand next to other names or numbers, never the same ones."""
        ma = _mates(fa, text, forms, self.titles)
        if ma is None:
            return False
        mb = _mates(fb, text, forms, self.titles)
        return mb is not None and ma.isdisjoint(mb)

    def _groups(self, forms: dict[str, _Form], text: str) -> list[list[_Form]]:
        """Clusters of mutually close spellings (union-find over the deletion index)."""
        # only names are ever joined (see the loop below): index nothing
        # else, and only the keys that two spellings or more share
        # and words capitalised only at a sentence's start (or in a headline)
        # long enough to be compared, which join a name only when they are
        # no English word ("Emerson said" after "Emmerson Mnangagwa"; never
        # "Whether" after "Wether")
        # (short names too: "Ruto", "Copa"; see ``_short_slip``). Each
        # spelling is indexed by its folded and its plain form (see ``similar``).
        eligible = [(k, f) for k, f in forms.items()
                    if not f.lower and (f.inside or _comparable_word(k))]
        # ``similar`` only joins two spellings with the same first and last
        # letter of their plain forms or of their folded forms: only the
        # spellings that share such ends with another need their keys
        ends: dict[str, int] = {}
        sigs = []
        for k, f in eligible:
            sig = _ENDS.get(k)
            if sig is None or sig[1] != f.folded:
                sig = _ends(k, f.folded)
            _, fo, pl, sf, sp = sig
            ends[sf] = ends.get(sf, 0) + 1
            ends[sp] = ends.get(sp, 0) + 1
            sigs.append(sig)
        cands: list[tuple[str, frozenset[str]]] = []
        rest: list[tuple[str, str]] = []  # (folded, plain) of the others
        for k, fo, pl, sf, sp in sigs:
            if ends[sf] > 1 or ends[sp] > 1:
                cands.append((k, _both_keys(fo, pl)))
            else:
                rest.append((fo, pl))
        counts = Counter(chain.from_iterable(keys for _, keys in cands))
        # a bucket holds every eligible spelling with that key (the others
        # too, never joined): too full a bucket is skipped, as if all were indexed
        shared = {key for key, n in counts.items() if 1 < n <= _MAX_BUCKET}
        if shared and rest:
            over = [key for key in shared if counts[key] + len(rest) > _MAX_BUCKET]
            if over:
                rest_counts = Counter(chain.from_iterable(_both_keys(fo, pl) for fo, pl in rest))
                shared.difference_update(key for key in over if counts[key] + rest_counts[key] > _MAX_BUCKET)
        index: dict[str, list[str]] = {}
        if shared:
            for k, keys in cands:
                for key in keys & shared:
                    index.setdefault(key, []).append(k)
        parent: dict[str, str] = {}  # only the spellings ever joined (the others stand alone)

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                parent[x] = parent.get(parent[x], parent[x])
                x = parent[x]
            return x

        def join(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            parent.setdefault(a, a)
            parent.setdefault(b, b)
            parent[ra] = rb

        checked: set[tuple[str, str]] = set()
        for bucket in index.values():
            # (buckets of 2 to _MAX_BUCKET only: a key that many spellings share
            # tells nothing, and would cost their square)
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    if pair in checked:
                        continue
                    checked.add(pair)
                    fa, fb = forms[a], forms[b]
                    if not (fa.name or fb.name):
                        continue
                    if not (fa.name and fb.name) and not _uncommon(b if fa.name else a):
                        continue  # seen only at sentence starts, and an English word (or no dictionary): ordinary
                    if fa.lower or fb.lower:  # a common word capitalised in a title: not a name's slip
                        continue
                    if fa.folded != fb.folded and min(fa.count, fb.count) >= 3:
                        continue  # two look-alikes each used 3+ times: two names, not a slip
                    if self._two_names(fa, fb, text, forms):
                        continue  # "Hamed Gailani" and "Hamid Karzai", "Chapter VII" and "UN Charter"
                    if min(_plain_len(a), _plain_len(b)) < self.p.min_length and (
                            not (_titled(fa) and _titled(fb)) or min(fa.count, fb.count) >= 2):
                        # short and in capitals only: acronyms ("AWU", "AMWU") are other bodies;
                        # two short look-alikes each used twice or more: two names ("Omar", "Omer")
                        continue
                    if self.similar(a, fa.folded, b, fb.folded):
                        join(a, b)
        # romanisations of one person or place, however far apart ("Kishinev", "Chisinau")
        by_roman: dict[int, list[str]] = {}
        for k, f in forms.items():
            g = self.roman.get(k)
            if g is not None and not f.lower:  # the data says it is a name, wherever it stands
                by_roman.setdefault(g, []).append(k)
        for ks in by_roman.values():
            for b in ks[1:]:
                if not self._two_names(forms[ks[0]], forms[b], text, forms):
                    join(ks[0], b)
        groups: dict[str, list[_Form]] = {}
        if parent:
            for k in forms:
                if k in parent:
                    groups.setdefault(find(k), []).append(forms[k])
        return [g for g in groups.values() if len(g) > 1]

    def _last_letter_slip(self, a: str, fa: str, k: str, fk: str) -> bool:
        """'Kremlim' for the known 'Kremlin': the last letter swapped in a word
        of the same length (never a suffix, so no inflection), 6 letters or more."""
        return (len(fa) == len(fk) >= 6 and fa[:-1] == fk[:-1] and fa[-1].isalpha()
                and not self._unrelated(a, k))

    def _known_for(self, key: str, folded: str) -> str | None:
        """The known spelling (casefold) that ``key`` misspells, if any."""
        memo = self._known_cache
        got = memo.get((key, folded), _UNSET)
        if got is _UNSET:
            if len(memo) > 50_000:  # bounded
                memo.clear()
            got = memo[(key, folded)] = self._find_known(key, folded)
        return cast("str | None", got)

    def _find_known(self, key: str, folded: str) -> str | None:
        if key in self.known or key in self.allowed or key in self.roman:
            return None
        plain = _plain(key)
        if folded:
            ends = self._known_ends

            def near(f: str) -> bool:
                first, last, n = f[0], f[-1], len(f)
                return ((first, last, n) in ends or (first, last, n - 1) in ends or (first, last, n + 1) in ends
                        or (first, last, n - 2) in ends or (first, last, n + 2) in ends)

            if not (near(folded) or (plain and plain != folded and near(plain))
                    or (len(folded) >= 6 and folded[:-1] in self._known_stems)):
                return None
        best = None
        known_folded = self.known_folded
        keys = _keys(folded) if plain == folded else _keys(folded) | _keys(plain)
        for k in sorted({k for x in keys for k in self.known_index.get(x, ())}):
            fk = known_folded[k]
            if self.similar(key, folded, k, fk, short=False) or self._last_letter_slip(key, folded, k, fk):
                if best is not None:
                    return None  # close to two known names: not sure which
                best = k
        return best

    # ---- per article

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:

        forms = collect(article, blocks)
        if not forms:
            return
        if self.p.across_articles:
            self._remember(article, forms)
        if not self.p.within_article:
            return
        flagged: set[str] = set()
        # 1. misspellings of known names, whether or not the known one occurs
        memo = self._known_cache
        for key, form in forms.items():
            got = memo.get((key, form.folded), _UNSET)
            k = self._known_for(key, form.folded) if got is _UNSET else cast("str | None", got)
            if k is None:
                continue
            flagged.add(key)
            right = self.known[k]
            there = forms.get(k)
            yield from self._emit(article.text, form, right, there, "the known spelling", "safe", None)
        # 2. variants among the article's own spellings
        for group in self._groups(forms, article.text):
            if any(f.key in self.known for f in group) or any(f.key in flagged for f in group):
                continue  # a known spelling decides: done above
            names = group
            ref = max(names, key=lambda f: (f.count, -f.first))
            tie = sum(1 for f in names if f.count == ref.count) > 1
            why = "the first spelling in this article" if tie else "the more frequent spelling in this article"
            for f in group:
                if f is ref or not (self.similar(f.key, f.folded, ref.key, ref.folded) or self._same_roman(f.key, ref.key)):
                    continue
                yield from self._emit(article.text, f, ref.surface, ref, why, "unsafe", self.variant_level)
        # 3. one name in two capitalisations ("OneIndia" and "Oneindia", "DeSantis" and "Desantis")
        for key, form in forms.items():
            if key not in flagged and form.name and not form.lower and len(form.surfaces) > 1:
                yield from self._mixed_case(article.text, form)

    def _mixed_case(self, text: str, form: _Form) -> Iterator[Finding]:
        """The occurrences of a name whose letters after the first are
        capitalised otherwise than its most frequent (on a tie: first)
        capitalisation. ALL CAPS (a headline, an acronym) and the first
        letter alone (a sentence's start) say nothing."""
        by_shape: dict[str, list[tuple[int, int]]] = {}
        for s, e in form.spans:
            w = text[s:e]
            if len(w) < 3 or w.isupper():
                continue
            by_shape.setdefault(w[1:], []).append((s, e))
        if len(by_shape) < 2:
            return
        shapes = sorted(by_shape.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
        ref_spans = shapes[0][1]
        right = text[ref_spans[0][0] : ref_spans[0][1]]
        tie = len(shapes[1][1]) == len(ref_spans)
        why = "the first spelling in this article" if tie else "the more frequent spelling in this article"
        first = (Related(Span(*ref_spans[0]), f"'{right}', {why}"),)
        for _, spans in shapes[1:]:
            for s, e in spans:
                observed = text[s:e]
                new = observed[0] + right[1:]
                msg = format_message(self.message, f"'{observed}'", f"'{new}'", why)
                fix = Fix((Edit(Span(s, e), new),), "unsafe", f"Replace with '{new}'")
                others = _again(text, spans, (s, e))
                yield Finding(Span(s, e), msg, fix, self.variant_level, first + others)

    def _emit(self, text: str, form: _Form, right: str, ref: _Form | None, why: str, safety: str, level) -> Iterator[Finding]:
        """One finding per occurrence of ``form``; related: the first
        occurrence of the right spelling (``ref``, if in the article) and
        the other occurrences of ``form``."""
        msg = format_message(self.message, f"'{form.surface}'", f"'{right}'", why)
        first: tuple[Related, ...] = ()
        if ref is not None:
            r0, r1 = ref.spans[0]
            first = (Related(Span(r0, r1), f"'{right}', {why}"),)
        for s, e in form.spans:
            observed = text[s:e]
            new = _match_case(right, observed)
            fix = Fix((Edit(Span(s, e), new),), safety, f"Replace with '{new}'")
            others = _again(text, form.spans, (s, e))
            yield Finding(Span(s, e), msg, fix, level, first + others)

    # ---- across articles

    def _remember(self, article: Article, forms: dict[str, _Form]) -> None:
        """One row per name: key, surface, folded form, neighbours (None when
        it once stands alone, see ``_mates``), spans; marshalled, compressed."""
        rows = []
        text, titles = article.text, self.titles
        # a name of fewer plain letters is ``similar`` to none (see
        # ``similar`` and ``_short_slip``): ``finish`` would never pair it
        least = min(4, self.p.min_length)
        for k, f in forms.items():
            if f.inside and not f.lower and len(_plain(k)) >= least:
                mates = _mates(f, text, forms, titles)
                rows.append((k, f.surface, f.folded, tuple(mates) if mates else None, f.spans))
        self._seen.pop(article.path, None)  # re-linted: the latest text counts
        if rows:
            self._seen[article.path] = zlib.compress(marshal.dumps(rows), 1)

    def export(self, path: str) -> bytes | None:
        """The summary kept for ``path`` (plain, picklable data), handed over
        to whoever ``absorb``s it (the main process, from a worker): this
        instance forgets it, so a worker's memory does not grow with its files."""
        return self._seen.pop(path, None)

    @staticmethod
    def unpack(summary: bytes) -> list[_Row]:
        """An ``export``-ed summary's rows: (key, surface, casefold, neighbours or None, spans)."""
        return _unpack(summary)

    def absorb(self, path: str, summary: bytes | None) -> None:
        """Take a summary ``export``-ed by another process for ``path``."""
        if summary:
            self._seen[path] = summary

    def finish(self) -> Iterator[tuple[str, Finding]]:
        """Variants between the articles seen since the last ``finish()``."""
        seen, self._seen = list(self._seen.items()), {}
        if not self.p.across_articles or len(seen) < 2:
            return
        choices = self.decide(tally((i, path, _unpack(packed)) for i, (path, packed) in enumerate(seen)))
        if not choices:
            return
        out = [(path, f) for path, packed in seen for f in self.emit(_unpack(packed), choices)]
        out.sort(key=lambda pf: (pf[0], pf[1].span.start))
        yield from out

    # The three steps of ``finish``, apart so that an archive's reduce runs them at scale
    # (lint/archive/across.py): ``tally`` per shard, ``merge`` of the shards' tallies, ``decide``
    # once over the merged tally (one entry per distinct spelling, not per article), ``emit`` per
    # article again, in its shard.

    def decide(self, spellings: dict[str, Spelling]) -> dict[str, Choice]:
        """For each spelling with a better one (the spelling of more articles, or of as many but
        seen first, similar and not two people): that better one."""
        return self.choose(self.pairs(spellings), spellings)

    @staticmethod
    def across_keys(folded: str) -> set[str]:
        """The keys ``pairs`` indexes a spelling by (its casefold ``folded``)."""
        return _across_keys(folded)

    def pairs(self, spellings: dict[str, Spelling], keep: Callable[[str], bool] | None = None) -> dict[str, set[str]]:
        """The pairs of similar spellings, not two people, found through the keys ``keep``
        accepts (all by default: a reduce in parts takes its part's keys); none when the rule
        does not compare articles."""
        if not self.p.across_articles:
            return {}
        # the spellings that share a key (by its hash, kept small: a collision only adds a pair
        # to compare, and ``_similar_across`` accepts only pairs that share a key); a key of one
        # spelling holds its position, not a list
        order = sorted(spellings)
        index: dict[int, int | list[int]] = {}
        for n, k in enumerate(order):
            for key in _across_keys(spellings[k].folded):
                if keep is not None and not keep(key):
                    continue
                h = hash(key)
                got = index.get(h)
                if got is None:
                    index[h] = n
                elif isinstance(got, int):
                    index[h] = [got, n]
                elif got[-1] != n:
                    got.append(n)
        pairs: dict[str, set[str]] = {}
        for entry in index.values():
            if isinstance(entry, int):
                continue
            bucket = [order[n] for n in entry]
            for i, a in enumerate(bucket):
                sa = spellings[a]
                for b in bucket[i + 1 :]:
                    if b in pairs.get(a, ()):
                        continue
                    sb = spellings[b]
                    ma, mb = sa.mates, sb.mates
                    if ma is not None and mb is not None and ma.isdisjoint(mb):
                        continue  # "Phillip Adams" here, "Philip Ruddock" there: two people
                    if self._similar_across(a, sa.folded, b, sb.folded):
                        pairs.setdefault(a, set()).add(b)
                        pairs.setdefault(b, set()).add(a)
        return pairs

    def choose(self, pairs: dict[str, set[str]], spellings: Mapping[str, Spelling]) -> dict[str, Choice]:
        """``decide``'s answer from its ``pairs`` (``spellings``: those of the pairs at least)."""
        out: dict[str, Choice] = {}
        for a, others in sorted(pairs.items()):
            sa = spellings[a]
            if a in self.known or self._known_for(a, sa.folded) is not None:
                continue  # the known spelling decides, in each article
            better = [b for b in others if b not in self.known and self._known_for(b, spellings[b].folded) is None
                      and _rank(spellings[b]) > _rank(sa)]
            if not better:
                continue
            # the most articles; then the one seen first; then the greatest spelling
            b = max(sorted(better, reverse=True), key=lambda x: _rank(spellings[x]))
            sb = spellings[b]
            out[a] = Choice(b, sb.surface, sb.count, tuple(path for _, path in sb.first))
        return out

    def emit(self, rows: list[_Row], choices: dict[str, Choice]) -> list[Finding]:
        """One article's findings between articles (``rows``: its ``_remember``-ed names),
        in the order of their positions."""
        keys = {r[0] for r in rows}
        out = []
        for k, sur, _, _, spans in rows:
            c = choices.get(k)
            if c is None or c.key in keys:
                continue  # both in one article: the per-article rule's business
            n = c.articles
            shown = ", ".join(c.first) + (f" and {n - len(c.first)} more" if n > len(c.first) else "")
            why = f"the spelling of {n} other article{'s' if n > 1 else ''} of this run ({shown})"
            msg = format_message(self.message, f"'{sur}'", f"'{c.surface}'", why)
            edits = tuple(Edit(Span(s, e), c.surface) for s, e in spans)
            fix = Fix(edits, "unsafe", f"Replace with '{c.surface}'")
            related = tuple(Related(Span(s, e), f"'{sur}' again") for s, e in spans[1:])
            out.append(Finding(Span(*spans[0]), msg, fix, self.across_level, related))
        out.sort(key=lambda f: f.span.start)
        return out


_SHOWN = 3  # the other articles a finding between articles names


class Spelling:
    """What the articles of a run say of one spelling, combined: its casefold, its surface in
    the first article, how many articles have it, the first ``_SHOWN`` of them (order, path),
    and its neighbours (None: it once stands alone). ``order`` is how articles sort (the
    index in a run, the file name in an archive)."""

    __slots__ = ("count", "first", "folded", "mates", "surface")

    def __init__(self, folded: str, surface: str, count: int, first: list[tuple[Any, str]],
                 mates: set[str] | None):
        self.folded, self.surface, self.count, self.first, self.mates = folded, surface, count, first, mates

    def add(self, other: Spelling) -> None:
        """``other``'s articles (none of them this one's) added to this one's."""
        if other.first[0] < self.first[0]:
            self.surface = other.surface
        self.count += other.count
        self.first = sorted(self.first + other.first)[:_SHOWN]
        if self.mates is not None:
            if other.mates is None:
                self.mates = None
            else:
                self.mates |= other.mates


class Choice(NamedTuple):
    """``decide``'s answer for a spelling: the better spelling (its key and surface), how many
    articles have it, and the first of them (paths)."""

    key: str
    surface: str
    articles: int
    first: tuple[str, ...]


def _rank(s: Spelling) -> tuple[int, Any]:
    """More articles first; on a tie, the one seen first (its first article sorts first)."""
    return (s.count, _Desc(s.first[0]))


class _Desc:
    __slots__ = ("v",)

    def __init__(self, v: Any):
        self.v = v

    def __lt__(self, other: _Desc) -> bool:
        return bool(other.v < self.v)

    def __gt__(self, other: _Desc) -> bool:
        return bool(other.v > self.v)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and bool(self.v == other.v)

    __hash__ = None  # type: ignore[assignment]


def tally(articles: Iterable[tuple[Any, str, list[_Row]]]) -> dict[str, Spelling]:
    """The spellings of ``articles`` ((order, path, rows), each article once)."""
    out: dict[str, Spelling] = {}
    for order, path, rows in articles:
        here = (order, path)
        for k, sur, fo, near, _ in rows:
            have = out.get(k)
            if have is None:
                out[k] = Spelling(fo, sur, 1, [here], set(near) if near is not None else None)
                continue
            have.count += 1
            first = have.first
            if len(first) < _SHOWN or here < first[-1]:
                if here < first[0]:
                    have.surface = sur
                bisect.insort(first, here)
                del first[_SHOWN:]
            if have.mates is not None:
                if near is None:
                    have.mates = None
                else:
                    have.mates.update(near)
    return out


def merge(into: dict[str, Spelling], other: dict[str, Spelling]) -> None:
    """``other``'s tally (of other articles) added to ``into``."""
    for k, s in other.items():
        have = into.get(k)
        if have is None:
            into[k] = s
        else:
            have.add(s)


# related "again" locations per finding: a name repeated thousands of times
# would otherwise cost the square of its occurrences
_MAX_AGAIN = 10


def _again(text: str, spans: list[tuple[int, int]], here: tuple[int, int]) -> tuple[Related, ...]:
    """The other occurrences of a flagged spelling (the first ``_MAX_AGAIN``)."""
    out: list[Related] = []
    for a, b in spans:
        if (a, b) != here:
            out.append(Related(Span(a, b), f"'{text[a:b]}' again"))
            if len(out) == _MAX_AGAIN:
                break
    return tuple(out)


_Row = tuple[str, str, str, "tuple[str, ...] | None", list[tuple[int, int]]]


def _unpack(packed: bytes) -> list[_Row]:
    return cast("list[_Row]", marshal.loads(zlib.decompress(packed)))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> NameVariants:
    return NameVariants(p)
