"""missing_byline: a whole article that credits nobody.

No author was found (``article.meta.author``) and no body line reads
"By Name ...". Reported once, at the byline/date line when there is one,
else at the headline. Only articles read whole (see ``_structure``).

``message`` substitutions: ``%s`` says what was found, such as ``the
byline/date line '08/11/2023 | 20:26 PM' names nobody`` or ``no 'By ...'
line under the headline names one``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._structure import anchor, excerpt, whole
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding
from lint.rules import RuleBase

DEFAULT_MESSAGE = "No author found: %s."

_BODY_BYLINE = regexes.compile(r"^(?i:by)\s+\p{Lu}[^\n]{0,80}$")


class Params(RuleBase):
    extends: Literal["missing_byline"]


class MissingByline:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        meta = article.meta
        if not whole(article) or meta.author:
            return
        if any(b.scope == "paragraph" and _BODY_BYLINE.match(b.text) for b in article.blocks):
            return
        if meta.byline:
            what = f"the byline/date line '{excerpt(meta.byline)}' names nobody"
        else:
            what = "no 'By ...' line under the headline names one"
        yield Finding(anchor(article), format_message(self.message, what))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> MissingByline:
    return MissingByline(p)
