"""opens_mid_sentence: a body that starts in the middle of a sentence.

What a print edition's continued story ("... continued from page 1"), a
PDF column copied without its start, or a teaser cut by a template leaves:
the first prose paragraph of the body (see ``_truncation``: at least
``min_words`` words, mostly in lower case) begins with a lower-case word,
with an ellipsis and a lower-case word ("...and then"), or with a closing
quotation mark (``”``, or ``’`` followed by a space or punctuation).

Not reported: a name particle before a capitalised name ("de Blasio",
"van Gaal", "al-Assad"), a word with an inner capital ("iPhone", "eBay"),
a handle, a domain or a URL. Only articles read whole (a snippet may start
anywhere).

``message`` substitutions: ``%s`` is the opening, shortened.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._structure import excerpt, whole
from lint.checks._truncation import MIN_WORDS, first_prose
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Span
from lint.rules import RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "The body opens mid-sentence ('%s'): its start was lost in extraction."

_OPENING = regexes.compile(
    r"(?:\.\.\.|…)?[ \t]*\p{Ll}"  # a lower-case start, perhaps after an ellipsis
    r"|[”»]"  # a closing quotation mark
    r"|’(?=[\s,.;:!?])"
)
_EXCUSED = regexes.compile(
    r"(?:de|da|di|du|del|della|van|von|der|den|ter|ten|le|la|al|el|bin|ibn|dos|das)[\s\-‐]\p{Lu}"  # name particles
    r"|\p{Ll}+\p{Lu}"  # iPhone, eBay
    r"|[\w.\-]+\.(?:com|org|net|co|uk|in|io|gov|edu)\b"  # a domain
    r"|(?:https?|www)\b"
)


class Params(RuleBase):
    extends: Literal["opens_mid_sentence"]
    min_words: int = Field(default=MIN_WORDS, ge=1)


class OpensMidSentence:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        self.min_words = p.min_words

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article):
            return
        first = first_prose(article, self.min_words)
        if first is None:
            return
        text = first.text
        if not _OPENING.match(text) or _EXCUSED.match(text.lstrip(".… \t")):
            return
        sentences = article.sentences_of(first)
        end = sentences[0].end if sentences else first.end
        end = min(end, first.start + 80)
        yield Finding(Span(first.start, end), format_message(self.message, excerpt(text, 40)))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> OpensMidSentence:
    return OpensMidSentence(p)
