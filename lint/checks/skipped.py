"""script: the Vale check type newslint loads but does not run.

``script`` runs Tengo programs, which newslint does not. A style that
contains such a rule must still load, so these Params accept any key
(``extra="allow"``, for this type only) and the checker finds nothing. ``checker.skipped_reason`` says why;
the command line prints it once per rule on standard error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.model import Finding
from lint.rules import RuleBase
from lint.spec import ConfigDict

REASONS = {
    "script": "the 'script' check type runs Tengo scripts, which newslint does not run",
}


class Params(RuleBase):
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)
    extends: Literal["script"]


class Skipped:
    def __init__(self, reason: str):
        self.skipped_reason = reason

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        return iter(())


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Skipped:
    return Skipped(REASONS[p.extends])
