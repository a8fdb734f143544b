"""unattributed_quotes: a direct quotation with nobody saying it.

A quotation of at least ``min_words`` words, starting with a capital and
not a title, whose paragraph names no speaker (none of the
``attribution`` cues outside the quotations, no "Name: “...") and does not
continue the quotation or the speaker of the paragraph before.

``message`` substitutions: ``%s`` is the quotation's text without its
marks (shortened to 50 characters).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._quotes import Quote, excerpt, quotes_of
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Span
from lint.regexes import longest_first as _longest_first
from lint.rules import CompileError, RuleBase
from lint.spec import BaseModel, ConfigDict, Field

DATA_KEYS = ("attribution",)
DEFAULT_MESSAGE = (
    "The quotation '%s' names no speaker: no 'said', 'told', 'according to' or name in its paragraph, "
    "and it does not continue a quotation before it."
)


class Attribution(BaseModel):
    """Cues that name a speaker (``data/quote-attribution.yml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    verbs: list[str] = Field(default_factory=list)  # said, says, told ...
    phrases: list[str] = Field(default_factory=list)  # according to, in a statement ...


class Params(RuleBase):
    extends: Literal["unattributed_quotes"]
    attribution: Attribution = Field(default_factory=Attribution)
    min_words: int = Field(default=6, ge=1)  # shorter quotations are phrases, not speech


_WORDS = regexes.compile(r"[\p{L}\p{N}][\p{L}\p{N}’'\-]*")
_SMALL = frozenset("a an and at by for from in of on or the to with as but nor".split())


class UnattributedQuotes:
    def __init__(self, p: Params):
        if not p.attribution.verbs and not p.attribution.phrases:
            raise CompileError(("attribution",), "an unattributed_quotes rule needs `attribution` verbs or phrases")
        parts = [regex.escape(v) for v in p.attribution.verbs] + [
            r"\s+".join(regex.escape(w) for w in ph.split()) for ph in p.attribution.phrases
        ]
        self.cue = regexes.compile(r"(?i)\b(?:%s)\b" % "|".join(sorted(parts, key=_longest_first)))
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        paras = [b for b in blocks if b.scope in ("paragraph", "list", "standfirst")]
        speaker = False  # the previous paragraph named a speaker who may go on talking
        left_open = False  # the previous paragraph left a quotation open
        for b in paras:
            quotes = quotes_of(b, text, article)
            if not quotes:
                speaker = left_open = False
                continue
            outside = self._outside(b, quotes)
            named = bool(self.cue.search(outside)) or self._colon_intro(text, b, quotes)
            pure = not outside.strip(" \t\r\n,.;:—–-")
            continued = quotes[0].open == b.start and (left_open or (pure and speaker))
            if not named and not continued:
                for q in quotes:
                    if self._speech(text, q):
                        msg = format_message(self.message, excerpt(q.block.text, 50))
                        yield Finding(Span(q.start, q.end), msg)
            speaker = named or continued
            last = quotes[-1]
            left_open = last.close < 0 and text[last.open] in '“"'

    @staticmethod
    def _outside(b: Block, quotes: list[Quote]) -> str:
        parts, pos = [], b.start
        for q in quotes:
            if q.start < pos:
                continue  # nested
            parts.append(b.text[pos - b.start : q.start - b.start])
            pos = q.end
        parts.append(b.text[pos - b.start :])
        return " ".join(parts)

    @staticmethod
    def _colon_intro(text: str, b: Block, quotes: list[Quote]) -> bool:
        """'Lee: “...”' or 'The statement read: “...”': the speaker precedes a colon."""
        for q in quotes:
            i = q.open - 1
            while i >= b.start and text[i].isspace():
                i -= 1
            if i >= b.start and text[i] == ":":
                return True
        return False

    def _speech(self, text: str, q: Quote) -> bool:
        """A full-sentence quotation, not a scare-quoted phrase or a title."""
        words = _WORDS.findall(q.block.text)
        if len(words) < self.p.min_words:
            return False
        first = q.block.text.lstrip("[(…. ")[:1]
        if not first.isupper():
            return False
        content = [w for w in words if w.lower() not in _SMALL]
        caps = sum(1 for w in content if w[:1].isupper())
        return not (content and caps / len(content) > 0.6)  # not a title: “Once Upon A Time in Hollywood”


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> UnattributedQuotes:
    return UnattributedQuotes(p)
