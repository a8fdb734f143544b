"""Words of an article, found once and shared by the checks that read names.

``block_tokens(article, block)`` returns the ``Tokens`` of one block,
computed on first use and cached on the Article (``Article._tokens``), so
NameVariant, MisspeltKnownName and HouseCapitalisation (and any other
check) scan a block's text for its words once per article, not once each.
Everything here is pure (a function of the block's text and, for sentence
starts, of ``lint.segment``) and linear in the text.

What a word is
==============

A **word** is a letter (``\\p{L}``: any script, "é", "Ж", "ह", "中"),
then letters and combining marks (``\\p{M}``: a decomposed accent, a
Devanagari vowel sign), with inner apostrophes (straight ``'`` or curly
``’``, each followed by a letter: "O'Brien", "Nato’s", "d'Ivoire") and an
optional final apostrophe ("Belarus’", "the actors'"). Digits, hyphens,
underscores, every other character split words: "F16" is "F",
"Demy-Geroe" is "Demy" and "Geroe", "rock 'n' roll" is "rock", "n'",
"roll". (This is the word of ``name_variants``; the other name checks read
longer units, see their modules, and use these words where they agree.)
Words never overlap and never straddle a block.

A word is **capitalised** when its first character is upper or title case
(``str.isupper()``; ``[\\p{Lu}\\p{Lt}]``): "Smith", "ÉCOLE", "Ǆemal".

Offsets are code points: ``Tokens.cap_starts[i]`` is where
``Tokens.cap_words[i]`` starts in ``article.text`` (``block.start`` plus
its offset in ``block.text``; a Markdown block's masked characters stay
masked, so read the word from ``block.text``, not from the source).

A block whose letters (and marks) are all ASCII is read with the standard
library's engine and ASCII classes (``Tokens.ascii``): there ``\\p{L}`` is
``[A-Za-z]``, ``\\p{M}`` nothing and ``[\\p{Lu}\\p{Lt}]`` ``[A-Z]``, the
same words several times faster.

Sentences: ``Tokens.sentence_starts`` are the starts (in ``article.text``)
of the block's sentences as ``Article.sentences_of`` (``lint.segment``)
gives them, for the body blocks (paragraph, standfirst, list), else None.
"""

from __future__ import annotations

import re

import regex

from lint.article import Article, Block

__all__ = ["BODY_SCOPES", "CAP_WORD", "WORD", "Tokens", "ascii_letters", "block_tokens"]

BODY_SCOPES = ("paragraph", "standfirst", "list")

# A word (see the module docstring).
WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*['’]?")
# The words of ``WORD.finditer`` that start with an upper-case (or title-
# case) letter, found without visiting the others: a match of ``WORD``
# starts where no match of ``WORD`` ends (so never inside a word).
# ``[\p{Lu}\p{Lt}]`` holds every letter for which str.isupper() is true.
CAP_WORD = regex.compile(
    r"(?<!\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*['’]?)(?=[\p{Lu}\p{Lt}])"
    r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*['’]?"
)
# The same on a text whose letters are all ASCII (no marks then). A word
# starts at a letter after no letter and no letter-and-apostrophe (which
# would carry a word on: "O'Brien"); the two look-behinds come after the
# first letter, so the engine looks for a capital first (fast).
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*['’]?")
_ASCII_CAP = re.compile(r"[A-Z](?<![A-Za-z][A-Z])(?<![A-Za-z]['’][A-Z])[A-Za-z]*(?:['’][A-Za-z]+)*['’]?")
# (a quick test first: no character but ASCII and common punctuation)
_PLAIN_TEXT = re.compile("[\\x00-\\x7f\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*")
_NON_ASCII_LETTER = regex.compile(r"(?V1)[[\p{L}\p{M}]--[\x00-\x7f]]")


def ascii_letters(text: str) -> bool:
    """Are all the letters (and marks) of ``text`` ASCII?"""
    return _PLAIN_TEXT.fullmatch(text) is not None or _NON_ASCII_LETTER.search(text) is None


class Tokens:
    """The words of one block (see the module docstring). Read-only."""

    __slots__ = ("_article", "_sentence_starts", "_word_set", "_words", "ascii", "block", "cap_starts", "cap_words")

    def __init__(self, article: Article, block: Block) -> None:
        text = block.text
        self.block = block
        self._article = article
        self.ascii = ascii_letters(text)
        base = block.start
        starts: list[int] = []
        words: list[str] = []
        for m in (_ASCII_CAP if self.ascii else CAP_WORD).finditer(text):
            starts.append(base + m.start())
            words.append(m.group())
        self.cap_starts = starts  # in article.text
        self.cap_words = words  # as written (possessives kept)
        self._words: list[str] | None = None
        self._word_set: frozenset[str] | None = None
        self._sentence_starts: list[int] | None = None

    @property
    def words(self) -> list[str]:
        """Every word of the block, as written, in order (computed on first use)."""
        got = self._words
        if got is None:
            got = self._words = (_ASCII_WORD if self.ascii else WORD).findall(self.block.text)
        return got

    @property
    def word_set(self) -> frozenset[str]:
        """The distinct words of the block (``set(self.words)``, computed on
        first use without listing them: each distinct run of non-space
        characters is split into words once per process, see ``_chunk_words``)."""
        got = self._word_set
        if got is None:
            if self._words is not None:
                got = frozenset(self._words)
            else:
                words: set[str] = set()
                memo = _CHUNK_WORDS
                split = _chunk_words_ascii if self.ascii else _chunk_words
                for c in set(self.block.text.split()):
                    ws = memo.get(c)
                    if ws is None:
                        ws = split(c)
                    words.update(ws)
                got = frozenset(words)
            self._word_set = got
        return got

    @property
    def sentence_starts(self) -> list[int] | None:
        """Starts in ``article.text`` of the block's sentences (body blocks only)."""
        b = self.block
        if b.scope not in BODY_SCOPES:
            return None
        got = self._sentence_starts
        if got is None:
            got = self._sentence_starts = [s.start for s in self._article.sentences_of(b)]
        return got


# A word never holds a space, and ``WORD`` has no look-behind: the words of
# a text are the words of its runs of non-space characters ("chunks", as
# str.split() cuts them), and the words of a chunk are worked out once per
# process (articles repeat their chunks: "the", "said,").
_CHUNK_WORDS: dict[str, tuple[str, ...]] = {}
_MAX_CHUNKS = 200_000  # bounded: a few tens of MB at most


def _remember_chunk(c: str, ws: tuple[str, ...]) -> tuple[str, ...]:
    if len(_CHUNK_WORDS) >= _MAX_CHUNKS:
        _CHUNK_WORDS.clear()
    _CHUNK_WORDS[c] = ws
    return ws


def _chunk_words(c: str) -> tuple[str, ...]:
    return _remember_chunk(c, tuple(WORD.findall(c)))


def _chunk_words_ascii(c: str) -> tuple[str, ...]:
    # (the chunks of a block whose letters are all ASCII: ASCII words)
    return _remember_chunk(c, (c,) if c.isascii() and c.isalpha() else tuple(_ASCII_WORD.findall(c)))


def block_tokens(article: Article, block: Block) -> Tokens:
    """The ``Tokens`` of ``block``, computed once per article (do not mutate)."""
    cache = article._tokens
    got = cache.get(block)
    if got is None:
        got = cache[block] = Tokens(article, block)
    return got
