"""ends_mid_sentence: the body's last paragraph is cut off mid-sentence.

What a column or page break in a print edition, a teaser template or a
truncated feed leaves: the last prose paragraph of the body (see
``_truncation``: at least ``min_words`` words, mostly in lower case; the
short lines after it, such as a sign-off, a label or a link, are not
prose) ends on a letter, a digit, a comma, a semicolon or a dash, with no
terminal punctuation (``. ! ? …``, a closing quotation mark or bracket, a
colon before a list).

Not reported: a short one-sentence paragraph (under 16 words) beside
another short paragraph without terminal punctuation (a list of related
stories' titles), an author's note ("Jane Doe is a reporter covering ..."),
a sign-off ("Reporting by ...; Editing by ...", "(With inputs from
agencies)", "Source: ...", "Follow us on ..."), a paragraph that ends in a
URL, a handle, an e-mail address or a social network's name. Only articles
read whole.

``message`` substitutions: ``%s`` is the paragraph's last words (at most six,
within its last sentence), which the finding spans.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._structure import whole
from lint.checks._truncation import BIO as _BIO
from lint.checks._truncation import LINKISH_END as _LINKISH_END
from lint.checks._truncation import SIGN_OFF as _SIGN_OFF
from lint.checks._truncation import last_prose, words
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Span
from lint.rules import RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "The last paragraph stops without terminal punctuation ('%s'): cut off mid-sentence, or its full stop is missing."

_CUT_END = regexes.compile(r"[\p{L}\p{N},;\-‐–—]\s*$")
_SHORT = 16  # words: a one-sentence paragraph shorter than this may be a link's title
_END = regexes.compile(r"[.!?…:\"”’»)\]]\s*$")
_TAIL_WORDS = 6  # words reported at the end
_SPACED_WORD = regexes.compile(r"(?<!\S)\S+")


class Params(RuleBase):
    extends: Literal["ends_mid_sentence"]
    min_words: int = Field(default=10, ge=1)


class EndsMidSentence:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        self.min_words = p.min_words

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article):
            return
        last = last_prose(article, self.min_words)
        if last is None:
            return
        text = last.text
        if not _CUT_END.search(text) or _SIGN_OFF.search(text) or _LINKISH_END.search(text) or _BIO.match(text):
            return
        sentences = article.sentences_of(last)
        if len(sentences) < 2 and len(words(text)) < _SHORT and _in_link_list(article, last):
            return
        # the last words of the paragraph (within its last sentence): where it stops
        sentences = article.sentences_of(last)
        floor = sentences[-1].start - last.start if sentences else 0
        starts = [m.start() for m in _SPACED_WORD.finditer(text, floor)]
        start = starts[-_TAIL_WORDS] if len(starts) >= _TAIL_WORDS else (starts[0] if starts else floor)
        shown = " ".join(text[start:].split())
        yield Finding(Span(last.start + start, last.end), format_message(self.message, shown))


def _in_link_list(article: Article, block: Block) -> bool:
    """A short line beside another short paragraph without terminal punctuation:
    a list of related stories' titles, not a sentence that was cut."""
    paragraphs = [b for b in article.blocks if b.scope in ("paragraph", "list", "heading")]
    i = paragraphs.index(block)
    for j in (i - 1, i + 1):
        if 0 <= j < len(paragraphs):
            other = paragraphs[j].text
            if len(words(other)) < _SHORT and not _END.search(other):
                return True
    return False


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> EndsMidSentence:
    return EndsMidSentence(p)
