"""Which blocks a gate (``lint.gate.Gate``, RE2 running a superset of a
check's patterns) passes, asked of the whole article at once.

A check calls its gate once per article instead of once per block: the
blocks that are exact slices of the article's text (every block of a plain
text file) are looked up in one pass of RE2 over the text (see
``Gate.search_spans``), the others (markdown with its markup dropped) one
by one. A block the gate does not pass holds nothing the gated patterns can
match; the exact patterns run on the others only.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint.article import Article, Block
from lint.gate import Gate


def passing(g: Gate | None, article: Article, blocks: Sequence[Block]) -> list[bool]:
    """For each block, whether ``g`` can match in its text (all True without a gate)."""
    if g is None:
        return [True] * len(blocks)
    text = article.text
    sliced = [text.startswith(b.text, b.start) for b in blocks]
    out = g.search_spans(text, [(b.start, b.end) for b, s in zip(blocks, sliced, strict=True) if s])
    if all(sliced):
        return out
    it = iter(out)
    return [next(it) if s else g.search(b.text) for b, s in zip(blocks, sliced, strict=True)]


def any_passing(g: Gate | None, article: Article, blocks: Sequence[Block]) -> bool:
    """Does ``g`` pass any of ``blocks``?"""
    if g is None or not blocks:
        return bool(blocks)
    text = article.text
    if all(text.startswith(b.text, b.start) for b in blocks):
        return any(g.search_spans(text, [(b.start, b.end) for b in blocks]))
    return any(g.search(b.text) for b in blocks)


def passing_within(g: Gate | None, article: Article, block: Block, bounds: Sequence[tuple[int, int]]) -> list[bool]:
    """For each span ``bounds`` of ``block.text`` (offsets in the block),
    whether ``g`` can match in ``block.text[lo:hi]``."""
    if g is None:
        return [True] * len(bounds)
    if article.text.startswith(block.text, block.start):
        at = block.start
        return g.search_spans(article.text, [(at + lo, at + hi) for lo, hi in bounds])
    text = block.text
    return [g.search(text[lo:hi]) for lo, hi in bounds]
