"""repetition: the same token twice in a row, such as "the the" (Vale).

Matches of ``(tokens)`` are compared with the previous match (trimmed;
case-folded with ``ignorecase``; only all-letter tokens with ``alpha``).
A repeat beyond ``max`` (default 0) is reported from the start of the first
token to the end of the second, unless that stretch spans two sentences
("... about that. That is ...") or matches an exception. ``%s`` is the
repeated token. Vale's built-in ``Vale.Repetition`` is ``tokens:
['[^\\s.!?]+']``, ``alpha: true``, ``ignorecase: true``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, exceptions_search, vale_message, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.checks.patterns import check_regexes, compile_pattern
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.segment import sentences
from lint.spec import Field


class Params(RuleBase):
    extends: Literal["repetition"]
    tokens: list[str] = Field(default_factory=list)
    max: int = 0
    ignorecase: bool = False
    alpha: bool = False
    exceptions: list[str] = Field(default_factory=list)
    vocab: bool = True


class Repetition:
    def __init__(self, p: Params):
        if not p.tokens:
            raise CompileError(("tokens",), "a repetition rule needs `tokens`")
        check_regexes(p.tokens, "tokens")
        self.pattern = compile_pattern(("(?i)" if p.ignorecase else "") + "(" + "|".join(p.tokens) + ")", ("tokens",))
        self.exceptions = exceptions_search(p.exceptions)
        self.p = p
        self.scope = ScopeFilter(p.scope)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        strip = "*_" if article.format == "md" else ""
        for block in self.scope.blocks(article, blocks):
            yield from self._check_block(article, block, strip)

    def _check_block(self, article: Article, block: Block, strip: str) -> Iterator[Finding]:
        vt = vale_text(article, block)
        text = vt.text
        prev = ""
        prev_start = 0
        count = 0
        fold = self.p.ignorecase
        for m in self.pattern.finditer(text):
            curr = m.group().strip()
            if strip:  # Markdown emphasis: "use _use_" reads "use use"
                curr = curr.strip(strip) or curr
            hit = curr != "" and (curr.casefold() == prev.casefold() if fold else curr == prev)
            if hit and self.p.alpha and not curr.isalpha():
                hit = False
            if hit:
                count += 1
            if hit and count > self.p.max:
                start, end = prev_start, m.end()
                span_text = text[start:end]
                if len(sentences(Block("paragraph", 0, span_text))) == 1 and (self.exceptions is None or not self.exceptions.search(span_text)):
                    yield Finding(Span(*vt.vale_span(start, end, article.text)), vale_message(self.p.message, curr))
                    count = 0
            prev_start = m.start()
            prev = curr


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Repetition:
    return Repetition(p)
