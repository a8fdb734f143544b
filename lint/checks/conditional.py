"""conditional: ``first`` may appear only where ``second`` allows it (Vale).

Typical use: an acronym used without its definition. ``second`` captures
the defined forms (``World Health Organization (WHO)``); every capture seen
so far in the file, this block included, defines a term. Each match of
``first`` that is not defined (and matches no exception) is reported, with
the match as ``%s``. When ``second`` has no capture group the rule is a
presence check: if ``first`` appears in a block, ``second`` must appear in
the same block, or every ``first`` of that block is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, exceptions_search, vale_message, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.checks.patterns import compile_pattern
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field


class Params(RuleBase):
    extends: Literal["conditional"]
    first: str = ""
    second: str = ""
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False  # accepted, as Vale does, and unused by Vale too
    vocab: bool = True


def _has_capture_group(pattern: str) -> bool:
    opens = pattern.count("(")
    return opens > pattern.count("(?") + pattern.count("\\(")


class Conditional:
    def __init__(self, p: Params):
        if not p.first or not p.second:
            raise CompileError(("first",) if not p.first else ("second",), "a conditional rule needs `first` and `second`")
        self.first = compile_pattern(p.first, ("first",))
        self.second = compile_pattern(p.second, ("second",))
        self.groups = _has_capture_group(p.second)
        self.exceptions = exceptions_search(p.exceptions)
        self.message = p.message
        self.scope = ScopeFilter(p.scope)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        defined: set[str] = set()
        for block in self.scope.blocks(article, blocks):
            vt = vale_text(article, block)
            text = plain = vt.text
            firsts = list(self.first.finditer(text))
            if not firsts:
                continue
            if not self.groups:
                if self.second.search(plain):
                    continue
            else:
                for m in self.second.finditer(plain):
                    defined.update(g for g in m.groups() if g)
            for m in firsts:
                s = m.group()
                if self.groups and s in defined:
                    continue
                if self.exceptions is not None and self.exceptions.search(s):
                    continue
                yield Finding(Span(*vt.span(m.start(), m.end())), vale_message(self.message, s))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Conditional:
    return Conditional(p)
