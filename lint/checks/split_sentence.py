"""split_sentence: one sentence split over two paragraphs by a line or column break.

What a print edition's column break, a PDF's line ends or a page's
``<br>`` leave when each line is captured as a paragraph: a paragraph that
stops without terminal punctuation (on a letter, a digit, a comma, a
semicolon or a dash) and a next paragraph, right after it, that goes on in
lower case ("... sent as messages to the Facebook" / "community, All
information ..."). Hard-wrapped text (lines without blank lines between)
is one paragraph already (the text reader joins them) and is not reported.

Not reported: a first paragraph of fewer than ``min_words`` words (a label,
a name), a sign-off, a credit, an author's note (the tests of ends_mid_sentence) or a line ending in
a link, a next paragraph that opens with a
lower-case brand or a domain ("iPhone", "eBay", "example.com").

``message`` substitutions: ``%s`` is the first paragraph's last words (at
most six, which the finding spans), the next ``%s`` the next paragraph's
first words (a related location).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._truncation import BIO, SIGN_OFF, words
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Related, Span
from lint.rules import RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "'%s' runs on in the next paragraph ('%s'): one sentence split by a line or column break."

_CUT_END = regexes.compile(r"[\p{L}\p{N},;\-‐–—]\s*$")
_GOES_ON = regexes.compile(r"\p{Ll}")
_EXCUSED = regexes.compile(r"\p{Ll}+\p{Lu}|[\w.\-]+\.(?:com|org|net|co|uk|in|io|gov|edu)\b|(?:https?|www)\b")
# a line ending in a link (a network's name may end a split line: "... the Facebook" / "community")
_LINK_END = regexes.compile(r"(?:https?://\S+|www\.\S+|@\w+|\S+@\S+|\S+\.(?:com|org|net|co\.uk|in))\s*$")
_SPACED_WORD = regexes.compile(r"(?<!\S)\S+")
_TAIL_WORDS = 6


class Params(RuleBase):
    extends: Literal["split_sentence"]
    min_words: int = Field(default=4, ge=1)


class SplitSentence:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        self.min_words = p.min_words

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        body = article.blocks
        for a, b in itertools.pairwise(body):
            if a.scope != "paragraph" or b.scope != "paragraph":
                continue
            if not _GOES_ON.match(b.text) or _EXCUSED.match(b.text) or len(words(b.text)) < 2:
                continue
            text = a.text
            if not _CUT_END.search(text) or len(words(text)) < self.min_words:
                continue
            if SIGN_OFF.search(text) or _LINK_END.search(text) or BIO.match(text):
                continue
            starts = [m.start() for m in _SPACED_WORD.finditer(text)]
            start = starts[-_TAIL_WORDS] if len(starts) >= _TAIL_WORDS else starts[0]
            shown = " ".join(text[start:].split())
            nxt = " ".join(b.text.split()[:4])
            first = _SPACED_WORD.search(b.text)
            end = b.start + (first.end() if first else len(b.text))
            related = (Related(Span(b.start, end), "the sentence goes on here"),)
            yield Finding(Span(a.start + start, a.end), format_message(self.message, shown, nxt), None, None, related)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> SplitSentence:
    return SplitSentence(p)
