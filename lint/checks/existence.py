"""existence: flag every occurrence of a token or raw pattern (Vale).

``message`` substitutions: ``%s`` is the matched text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from lint.checks._gate import compile_gate
from lint.checks.base import DEFAULT_CONTEXT, BlockChecker, CompileContext, format_message
from lint.checks.patterns import check_regexes, compile_pattern, exceptions_pattern, make_pattern
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase


class Params(RuleBase):
    extends: Literal["existence"]
    tokens: list[str] = Field(default_factory=list)
    raw: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False
    append: bool = False
    vocab: bool = True
    # not Vale's: cheap patterns, one of which matches wherever the rule's
    # pattern can (a necessary condition); a block where none finds anything
    # is not searched with the pattern (lint/checks/_gate.py). Speed only.
    gate: str | list[str] = ""


class Existence(BlockChecker):
    def __init__(self, p: Params):
        if not p.tokens and not p.raw:
            raise CompileError(("tokens",), "an existence rule needs `tokens` or `raw`")
        check_regexes(p.tokens, "tokens")
        body = "|".join(p.tokens)
        pattern = make_pattern(
            body, word=not p.nonword and bool(p.tokens), ignorecase=p.ignorecase,
            raw="".join(p.raw), append=p.append,
        )
        self.pattern = compile_pattern(pattern, ("raw",) if p.raw else ("tokens",))
        self.exceptions = exceptions_pattern(p.exceptions, p.ignorecase)
        self.message = p.message
        self.gate = compile_gate(p.gate)

    def check_text(self, text: str) -> Iterator[Finding]:
        if self.gate is not None and not self.gate.passes(text):
            return
        for m in self.pattern.finditer(text, timeout=self.remaining()):
            start, end = m.span()
            if start == end:
                continue
            observed = text[start:end]
            if self.exceptions is not None and self.exceptions.match(observed.strip()):
                continue
            yield Finding(Span(start, end), format_message(self.message, observed))  # as matched, like Vale


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Existence:
    checker = Existence(p)
    checker.time_limit = ctx.time_limit
    return checker
