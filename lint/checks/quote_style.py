"""quote_style: straight ("...", '...') and curly (“...”, ‘...’) quotations in one article.

The style of most body quotations is the article's style; each quotation
of the other style is reported, with a safe fix that converts its two
marks, and a related location at the first quotation of the article's
style. With no majority, straight quotes are reported at suggestion level.
Quotations in the headline are left out unless ``headlines: true`` (then
compared with the body and reported as suggestions): headlines
conventionally take single quotes and often come from another field of the
CMS, with its own typography. Apostrophes (Nato’s, Belarus’ forces, don't)
are never quotation marks (their own mix is ``apostrophe_style``).

``message`` substitutions, in order (``%[n]s`` picks one):

1. the quotation's style, capitalised: ``Straight`` or ``Curly``
2. `` in the headline`` for a headline quotation, else nothing
3. the quotation, as written (shortened to 40 characters)
4. the article's style: ``straight`` or ``curly``
5. how many body quotations are in the article's style
6. how many body quotations there are
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._quotes import CURLY_OPEN, DOUBLE_MARKS, Quote, excerpt, is_straight, quotes_of
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Related, Severity, Span
from lint.rules import RuleBase

DEFAULT_MESSAGE = "%s quotes%s in '%s', but this article's quotations are mostly %s (%s of %s in the body)."


class Params(RuleBase):
    extends: Literal["quote_style"]
    headlines: bool = False  # also compare quotations in the headline (suggestion level)


class QuoteStyle:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        body: list[Quote] = []
        head: list[Quote] = []
        for b in blocks:
            if b.scope == "byline" or (b.scope == "headline" and not self.p.headlines):
                continue
            (head if b.scope == "headline" else body).extend(quotes_of(b, text, article))
        straight = [q for q in body if is_straight(text[q.open])]
        curly = [q for q in body if not is_straight(text[q.open]) and text[q.open] in CURLY_OPEN]
        if not body:
            return
        if len(straight) > len(curly):
            major, minor_style, level = straight, "curly", None
        elif len(curly) > len(straight):
            major, minor_style, level = curly, "straight", None
        else:
            if not straight:
                return
            # no majority: straight is the minority of typeset copy, reported mildly
            major, minor_style, level = curly, "straight", Severity.SUGGESTION
        major_style = "straight" if minor_style == "curly" else "curly"
        first = major[0]
        related = (Related(Span(first.start, first.end), f"the first quotation in {major_style} quotes"),)
        total = len(straight) + len(curly)
        for q in body + head:
            mark = text[q.open]
            style = "straight" if is_straight(mark) else ("curly" if mark in CURLY_OPEN else "")
            if style != minor_style:
                continue
            lvl = level
            where = ""
            if q.container.scope == "headline":
                lvl = Severity.SUGGESTION
                where = " in the headline"
            msg = format_message(
                self.message, minor_style.capitalize(), where, excerpt(text[q.start : q.end]),
                major_style, str(len(major)), str(total),
            )
            yield Finding(Span(q.start, q.end), msg, _fix(text, q, to_curly=minor_style == "straight"), lvl, related)


def _fix(text: str, q: Quote, *, to_curly: bool) -> Fix | None:
    mark = text[q.open]
    double = mark in DOUBLE_MARKS
    if to_curly:
        new_open, new_close = ("“", "”") if double else ("‘", "’")
    else:
        new_open = new_close = '"' if double else "'"
    edits = [Edit(Span(q.open, q.open + 1), new_open)]
    if q.close >= 0:
        edits.append(Edit(Span(q.close, q.close + 1), new_close))
    return Fix(tuple(edits), "safe", f"Use {new_open}…{new_close}")


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> QuoteStyle:
    return QuoteStyle(p)
