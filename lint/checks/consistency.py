"""consistency: one of two spellings per file, never both (Vale).

``either`` maps a pattern to its alternative (``advisor: adviser``). Vale
reads the file's blocks in order and remembers which side of each pair it
has seen. From the block in which both sides have been seen on, every block
that uses either side is reported once per pair: at the first occurrence in
that block of the block's last match (Vale's "unanchored" location), with
that text as ``%s``. So the block that introduces the second spelling is
flagged, and so is every later block that uses either -- the first blocks,
written before the mix began, are not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, vale_message, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.checks.patterns import compile_pattern, make_pattern
from lint.checks.substitution import weak_string_map
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field, field_validator


class Params(RuleBase):
    extends: Literal["consistency"]
    either: dict[str, str] = Field(default_factory=dict)
    ignorecase: bool = False
    nonword: bool = False

    _weak_either = field_validator("either", mode="before")(weak_string_map)  # as Vale decodes it


class Consistency:
    def __init__(self, p: Params):
        if not p.either:
            raise CompileError(("either",), "a consistency rule needs an `either` mapping")
        self.steps = []
        for a, b in p.either.items():
            body = "(?P<a>" + a + ")|(?P<b>" + b + ")"
            self.steps.append(compile_pattern(make_pattern(body, word=not p.nonword, ignorecase=p.ignorecase), ("either", a)))
        self.message = p.message
        self.scope = ScopeFilter(p.scope)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        seen: list[set[str]] = [set() for _ in self.steps]
        for block in self.scope.blocks(article, blocks):
            vt = vale_text(article, block)
            text = vt.text
            for k, pattern in enumerate(self.steps):
                last: str | None = None
                for m in pattern.finditer(text):
                    for g in ("a", "b"):
                        if m.start(g) != -1:
                            seen[k].add(g)
                            last = m.group(g)
                if last is None or len(seen[k]) < 2:
                    continue
                at = text.find(last)
                yield Finding(Span(*vt.span(at, at + len(last))), vale_message(self.message, last))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Consistency:
    return Consistency(p)
