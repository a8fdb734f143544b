"""Which blocks a gate (``lint.gate.Gate``, RE2 running a superset of a
check's patterns) passes, asked of the whole article at once.

A check calls its gate once per article instead of once per block: the
blocks that are exact slices of the article's text (every block of a plain
text file, as ``BlockChecker`` has it; in other formats, each block that is
one) are looked up together (``Gate.search_spans``: the whole text once,
while the gate seldom passes whole texts, then block by block where it
does), the others (markdown with its markup dropped) one by one. A block the gate does not pass holds nothing the gated patterns can
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
    if article.format == "txt":  # every block an exact slice of the text (as BlockChecker has it)
        return g.search_spans(text, [(b.start, b.start + len(b.text)) for b in blocks])
    sliced = [text.startswith(b.text, b.start) for b in blocks]
    out = g.search_spans(text, [(b.start, b.start + len(b.text)) for b, s in zip(blocks, sliced, strict=True) if s])
    if all(sliced):
        return out
    it = iter(out)
    return [next(it) if s else g.search(b.text) for b, s in zip(blocks, sliced, strict=True)]


def passing_within(g: Gate | None, article: Article, block: Block, bounds: Sequence[tuple[int, int]]) -> list[bool]:
    """For each span ``bounds`` of ``block.text`` (offsets in the block),
    whether ``g`` can match in ``block.text[lo:hi]``."""
    if g is None:
        return [True] * len(bounds)
    if article.format == "txt" or article.text.startswith(block.text, block.start):
        at = block.start
        return g.search_spans(article.text, [(at + lo, at + hi) for lo, hi in bounds])
    text = block.text
    return [g.search(text[lo:hi]) for lo, hi in bounds]


def candidate_sentences(
    gates: Sequence[Gate | None], article: Article, blocks: Sequence[Block]
) -> tuple[list[Block], list[list[bool]]]:
    """The sentences (``lint.checks._dateline.sentence_blocks``) of the
    blocks that one of ``gates`` passes, and for each gate whether it passes
    each of them. A match in a sentence is a match in its block (a relaxed
    pattern has no anchor and no boundary), so the other blocks are not split
    into sentences at all."""
    from lint.checks._dateline import sentence_blocks

    if blocks and all(g is not None for g in gates):
        keep = [False] * len(blocks)
        for ok in (passing(g, article, blocks) for g in gates):
            keep = [k or o for k, o in zip(keep, ok, strict=True)]
        blocks = [b for b, k in zip(blocks, keep, strict=True) if k]
    sents = sentence_blocks(article, list(blocks))
    return sents, [passing(g, article, sents) for g in gates]
