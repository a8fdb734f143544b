"""glued_text: words or sentences run together when markup was stripped.

Like ``existence`` with ``raw`` patterns (and ``exceptions``, matched
against the whole match), with one difference that a plain pattern cannot
express: a match whose exact text occurs more than once in the article is
a name written that way ("One.Tel", twice in a story about the company),
not an accident of the scrape, and is not reported.

``message`` substitutions: ``%s`` is the matched text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._gate import compile_gate
from lint.checks.base import DEFAULT_CONTEXT, BlockChecker, CompileContext, format_message
from lint.checks.patterns import compile_pattern, exceptions_pattern
from lint.gate import gate
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "'%s' runs two words or sentences together: a space was lost with the markup."


class Params(RuleBase):
    extends: Literal["glued_text"]
    raw: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    # cheap patterns, one of which matches wherever ``raw`` can (a necessary
    # condition): a block where none finds anything is not searched with
    # ``raw`` at all (lint/checks/_gate.py)
    gate: str | list[str] = ""


class GluedText(BlockChecker):
    def __init__(self, p: Params):
        if not p.raw:
            raise CompileError(("raw",), "a glued_text rule needs `raw`")
        self.pattern = compile_pattern("".join(p.raw), ("raw",))
        self.gate = compile_gate(p.gate)
        # every finding is a match of the pattern (in a block that passes ``gate``)
        self.prefilter = gate(self.pattern, tight=True)
        self.edge_prefilter = gate(self.pattern, edges=True, tight=True)
        if self.gate is not None and not self.gate.patterns:  # plain strings: asked of the whole text too
            self.gate_literals = self.gate.literals
        self.exceptions = exceptions_pattern(p.exceptions, False)
        self.message = p.message or DEFAULT_MESSAGE
        self._source = ""

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        self._source = article.text
        try:
            yield from super().check(article, blocks)
        finally:
            self._source = ""

    def check_text(self, text: str) -> Iterator[Finding]:
        if self.gate is not None and not self.gate.passes(text):
            return
        for m in self.pattern.finditer(text, timeout=self.remaining()):
            start, end = m.span()
            if start == end:
                continue
            observed = text[start:end]
            if self.exceptions is not None and self.exceptions.match(observed):
                continue
            if self._source.count(observed) > 1:
                continue  # a name spelt so ("One.Tel"), not a lost space
            yield Finding(Span(start, end), format_message(self.message, observed))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> GluedText:
    checker = GluedText(p)
    checker.time_limit = ctx.time_limit
    return checker
