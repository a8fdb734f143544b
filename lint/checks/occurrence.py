"""occurrence: too many (``max``) or too few (``min``) matches of ``token`` (Vale).

Per scope block, Vale counts the non-overlapping matches of ``(?:token)``
and reports at most once: at the first match that is not blank (the
Markdown reader blanks code spans), or at the very start of the file when
there is no match at all (a ``min`` rule on text that lacks the token).
``message`` may carry the count with ``%d`` or ``%s``. ``scope: raw`` counts
over the whole file as one block.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, vale_message, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.checks.patterns import compile_pattern
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase


class Params(RuleBase):
    extends: Literal["occurrence"]
    token: str = ""
    max: int = 0
    min: int = 0
    ignorecase: bool = False


class Occurrence:
    def __init__(self, p: Params):
        if not p.token:
            raise CompileError(("token",), "an occurrence rule needs a `token` pattern")
        if p.max <= 0 and p.min <= 0:
            raise CompileError(("max",), "an occurrence rule needs `max` or `min` (a positive count)")
        self.pattern = compile_pattern(("(?i)" if p.ignorecase else "") + "(?:" + p.token + ")", ("token",))
        self.max, self.min = p.max, p.min
        self.message = p.message
        self.scope = ScopeFilter(p.scope)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        for block in self.scope.blocks(article, blocks):
            yield from self._check_block(article, block)

    def _check_block(self, article: Article, block: Block) -> Iterator[Finding]:
        vt = vale_text(article, block)
        text = vt.text
        first: tuple[int, int] | None = None
        n = 0
        for m in self.pattern.finditer(text):
            n += 1
            if first is None and m.group().strip() and "*" * len(m.group()) != m.group():
                first = m.span()
            if self.max and n > self.max and first is not None:
                # over the limit already: the rest only changes the count
                n += sum(1 for _ in self.pattern.finditer(text, m.end()))
                break
        if not ((self.max and n > self.max) or (self.min and n < self.min)):
            return
        message = vale_message(self.message, n)
        if n == 0:
            yield Finding(Span(0, 0), message)  # Vale: line 1, column 1 of the file
        elif first is not None:
            yield Finding(Span(*vt.span(*first)), message)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Occurrence:
    return Occurrence(p)
