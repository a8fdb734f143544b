"""Words of an article, found once and shared by the checks that read names.

``block_tokens(article, block)`` returns the ``Tokens`` of one block,
computed on first use and cached on the Article (``Article._tokens``), so
every check that reads these words scans a block's text for them once per
article, not once each. NameVariant reads its names here. MisspeltKnownName
and HouseCapitalisation read other units (a name with a hyphen or a digit is
one word there: "Jean-Pierre", "Twenty20", "COVID-19") in one pass of their
own over the few places that can hold a listed name: deriving those from
these words measured slower than their own scan. Everything here is pure (a
function of the block's text and, for sentence starts, of ``lint.segment``)
and linear in the text.

What a word is
==============

A **word** is a letter (``\\p{L}``: any script, "é", "Ж", "ह", "中"),
then letters and combining marks (``\\p{M}``: a decomposed accent, a
Devanagari vowel sign), with inner apostrophes (straight ``'`` or curly
``’``, each followed by a letter: "O'Brien", "Nato’s", "d'Ivoire") and an
optional final apostrophe ("Belarus’", "the actors'"). Digits, hyphens,
underscores, every other character split words: "F16" is "F",
"Demy-Geroe" is "Demy" and "Geroe", "rock 'n' roll" is "rock", "n'",
"roll". (This is the word of ``name_variants``.)
Words never overlap and never straddle a block.

A word is **capitalised** when its first letter is upper or title case
(``[\\p{Lu}\\p{Lt}]``: "Smith", "ÉCOLE", "Ǆemal", "ǅemal"; a superset of
the letters for which ``str.isupper()`` holds, which title-case letters
fail: a check that wants those tests ``word[0].isupper()`` as well).
Letters without case (Devanagari, Han) never start a capitalised word.

``Tokens.caps`` lists the block's capitalised words (possessives kept:
"Nato's") as ``(start, word)`` pairs in order, ``Tokens.words()`` every
word as written, ``Tokens.word_spans()`` where each word is. Offsets are code
points into ``article.text``: ``block.start`` plus the offset in
``block.text``, so ``start + len(word)`` is the end (a Markdown block's
masked characters stay masked: read a word from ``block.text``, at
``start - block.start``, or take it from here, not from the source).

A block whose letters (and marks) are all ASCII is read with the standard
library's engine and ASCII classes (``Tokens.ascii``): there ``\\p{L}`` is
``[A-Za-z]``, ``\\p{M}`` nothing and ``[\\p{Lu}\\p{Lt}]`` ``[A-Z]``, the
same words several times faster.

Sentences: ``Tokens.sentence_starts(article)`` are the starts (in ``article.text``)
of the block's sentences as ``Article.sentences_of`` (``lint.segment``)
gives them, for the body blocks (paragraph, standfirst, list), else None.
"""

from __future__ import annotations

import re

from lint import regexes
from lint.article import Article, Block

__all__ = ["BODY_SCOPES", "CAP_WORD", "WORD", "Tokens", "ascii_letters", "block_tokens"]

BODY_SCOPES = ("paragraph", "standfirst", "list")

# A word (see the module docstring).
WORD = regexes.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*['’]?")
# The words of ``WORD.finditer`` that start with an upper-case (or title-
# case) letter, found without visiting the others: a match of ``WORD``
# starts where no match of ``WORD`` ends (so never inside a word).
# ``[\p{Lu}\p{Lt}]`` holds every letter for which str.isupper() is true.
CAP_WORD = regexes.compile(
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
_NON_ASCII_LETTER = regexes.compile(r"(?V1)[[\p{L}\p{M}]--[\x00-\x7f]]")


def ascii_letters(text: str) -> bool:
    """Are all the letters (and marks) of ``text`` ASCII?"""
    return _PLAIN_TEXT.fullmatch(text) is not None or _NON_ASCII_LETTER.search(text) is None


class Tokens:
    """The words of one block (see the module docstring). Read-only."""

    __slots__ = ("_sentence_starts", "ascii", "block", "caps")

    def __init__(self, block: Block) -> None:
        text = block.text
        self.block = block
        self.ascii = ascii_letters(text)
        base = block.start
        # (start in article.text, the word as written, possessive kept), in order
        self.caps: list[tuple[int, str]] = [
            (base + m.start(), m.group()) for m in (_ASCII_CAP if self.ascii else CAP_WORD).finditer(text)
        ]
        self._sentence_starts: list[int] | None = None

    def words(self) -> list[str]:
        """Every word of the block, as written, in order. Found anew on each
        call, not kept: one check reads them, once, and a list of every word
        kept on the article until it goes is only more live objects (a check
        that needs them twice keeps them itself)."""
        return (_ASCII_WORD if self.ascii else WORD).findall(self.block.text)

    def word_spans(self) -> list[tuple[int, int]]:
        """(start, end) in ``article.text`` of every word of the block, in
        order (not kept: most checks need the words, not where they are)."""
        base = self.block.start
        return [(base + m.start(), base + m.end())
                for m in (_ASCII_WORD if self.ascii else WORD).finditer(self.block.text)]

    def sentence_starts(self, article: Article) -> list[int] | None:
        """Starts in ``article.text`` of the block's sentences (``article``'s
        ``sentences_of``, of body blocks only; None for other blocks)."""
        b = self.block
        if b.scope not in BODY_SCOPES:
            return None
        got = self._sentence_starts
        if got is None:
            got = self._sentence_starts = [s.start for s in article.sentences_of(b)]
        return got


def block_tokens(article: Article, block: Block) -> Tokens:
    """The ``Tokens`` of ``block``, computed once per article (do not mutate)."""
    cache = article._tokens
    got = cache.get(block)
    if got is None:
        got = cache[block] = Tokens(block)
    return got
