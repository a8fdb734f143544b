"""apostrophe_style: straight (Russia's) and curly (Nato’s) apostrophes in one article.

The style of most apostrophes is the article's style; each apostrophe of
the other style is reported, with a safe fix to the article's style and a
related location at the first apostrophe of that style. Quotation marks
are not apostrophes, and bylines are left out.

``message`` substitutions, in order (``%[n]s`` picks one):

1. the apostrophe's style, capitalised: ``Straight`` or ``Curly``
2. the word it stands in
3. the article's style: ``straight`` or ``curly``
4. how many apostrophes are in the article's style
5. how many apostrophes there are
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._quotes import quotes_of
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Related, Span
from lint.rules import RuleBase

DEFAULT_MESSAGE = "%s apostrophe in '%s', but this article's apostrophes are mostly %s (%s of %s)."

_APOSTROPHE = regexes.compile(r"(?<=[\p{L}\p{N}])['’](?=\p{L})|(?<=[sSzZ])['’](?=[\s,.;:!?)\-–—]|$)")


class Params(RuleBase):
    extends: Literal["apostrophe_style"]


class ApostropheStyle:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        quote_marks: set[int] = set()
        found: list[tuple[int, str]] = []
        for b in blocks:
            if b.scope == "byline":
                continue
            hits = list(_APOSTROPHE.finditer(b.text))
            if not hits:
                continue
            for q in quotes_of(b, text, article):
                quote_marks.update((q.open, q.close))
            for m in hits:
                pos = b.start + m.start()
                if pos not in quote_marks:
                    found.append((pos, m.group()))
        straight = [p for p, c in found if c == "'"]
        curly = [p for p, c in found if c == "’"]
        if not straight or not curly:
            return
        if len(curly) >= len(straight):
            minor, major, repl, style, other = straight, curly, "’", "straight", "curly"
        else:
            minor, major, repl, style, other = curly, straight, "'", "curly", "straight"
        ws, we = _word(text, major[0])
        related = (Related(Span(ws, we), f"the first {other} apostrophe"),)
        for pos in minor:
            ws, we = _word(text, pos)
            msg = format_message(self.message, style.capitalize(), text[ws:we], other, str(len(major)), str(len(found)))
            yield Finding(Span(ws, we), msg, Fix((Edit(Span(pos, pos + 1), repl),), "safe", f"Use {repl}"), None, related)


def _word(text: str, pos: int) -> tuple[int, int]:
    """The word around the apostrophe at ``pos``."""
    ws = pos
    while ws > 0 and text[ws - 1].isalnum():
        ws -= 1
    we = pos + 1
    while we < len(text) and text[we].isalnum():
        we += 1
    return ws, we


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> ApostropheStyle:
    return ApostropheStyle(p)
