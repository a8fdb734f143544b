"""missing_date: a whole article with no publication date.

Every check that needs one was skipped. Reported once, at the byline/date
line when there is one, else at the headline. Only articles read whole
(see ``_structure``).

``message`` substitutions: ``%s`` says where a date was looked for:
``in the byline 'By Ann Lee'`` (a byline with no full date) or ``in a
byline, date line or the front matter``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._structure import anchor, excerpt, whole
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding
from lint.rules import RuleBase

DEFAULT_MESSAGE = "No publication date found %s: date checks were skipped; give --date YYYY-MM-DD."


class Params(RuleBase):
    extends: Literal["missing_date"]


class MissingDate:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article) or article.meta.date is not None:
            return
        byline = article.meta.byline
        where = f"in the byline '{excerpt(byline)}'" if byline else "in a byline, date line or the front matter"
        yield Finding(anchor(article), format_message(self.message, where))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> MissingDate:
    return MissingDate(p)
