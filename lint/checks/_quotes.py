"""What the quotation check types share (quote_style, apostrophe_style,
unbalanced_quotes, unattributed_quotes): quotation marks located around the
quotations that :func:`lint.segment.quotations` finds.
"""

from __future__ import annotations

from lint.article import Article, Block
from lint.segment import quotations

STRAIGHT = {'"': '"', "'": "'"}
CURLY_OPEN = {"“": "”", "‘": "’"}
DOUBLE_MARKS = frozenset('"“”')
SINGLE_MARKS = frozenset("'‘’")


# --------------------------------------------------------------------------
# Marks around quotations


class Quote:
    """A quotation: its text block and the offsets of its marks (or -1)."""

    __slots__ = ("block", "close", "container", "open")

    def __init__(self, block: Block, open_: int, close: int, container: Block):
        self.block, self.open, self.close, self.container = block, open_, close, container

    @property
    def start(self) -> int:
        return self.open if self.open >= 0 else self.block.start

    @property
    def end(self) -> int:
        return self.close + 1 if self.close >= 0 else self.block.end


def quotes_of(block: Block, text: str, article: Article | None = None) -> list[Quote]:
    out: list[Quote] = []
    lo, hi = block.start, block.end
    for q in (article.quotes_of(block) if article is not None else quotations(block)):
        i = q.start - 1
        while i >= lo and text[i].isspace():
            i -= 1
        j = q.end
        while j < hi and text[j].isspace():
            j += 1
        o = i if i >= lo and (text[i] in DOUBLE_MARKS or text[i] in SINGLE_MARKS) else -1
        c = j if j < hi and (text[j] in DOUBLE_MARKS or text[j] in SINGLE_MARKS) else -1
        if o < 0:
            continue
        out.append(Quote(q, o, c, block))
    return out


def is_straight(mark: str) -> bool:
    return mark in STRAIGHT


def excerpt(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"

