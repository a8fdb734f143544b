"""The Article: source text, metadata and scoped blocks.

Readers (``lint/readers``) build one Article per file; checks only read it.
Every block carries its offset into ``Article.text`` (code points), so a
match at ``i`` inside ``block.text`` is at ``block.start + i`` in the source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lint.readers.build import SourceMap
    from lint.readers.mapped import Extracted

# The scopes a block can have. "text" in a rule means every prose block of
# the top level (headline, standfirst, byline, paragraph, heading, list).
TOP_SCOPES = ("headline", "standfirst", "byline", "paragraph", "heading", "list")
SCOPES = TOP_SCOPES + ("sentence", "quote")
# a source file's comments (lint/readers/code.py): Vale's comment, comment.line, comment.block;
# "text" in a rule also means them, no markup scope (heading, paragraph ...) does
CODE_SCOPES = ("comment",)


@dataclass(frozen=True, slots=True)
class Block:
    scope: str  # one of SCOPES
    start: int  # code point offset of text[0] in the source
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class TopBlocks(list):
    """A list of an article's own top-level blocks (``Article.blocks_for``
    without sentences or quotations): what a whole-text gate made with
    ``edges`` may be asked about (a filtered or made-up list is a plain list)."""

    __slots__ = ()


@dataclass(slots=True)
class Metadata:
    headline: str | None = None
    standfirst: str | None = None
    byline: str | None = None  # the whole byline/date line as written
    author: str | None = None
    place: str | None = None  # dateline place, e.g. "MOSCOW"
    date: dt.date | None = None  # publication date
    date_source: str | None = None  # "front matter", "byline", "option", ...
    source: str | None = None  # outlet
    # Offsets (start, end) of headline lines that repeat the headline.
    repeated_headlines: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Article:
    path: str  # as reported, "-" or the --stdin-filename for standard input
    text: str  # the source, exactly as read (newlines untouched)
    format: str  # "txt" | "md" | "code" (a source file's comments, lint/readers/code.py) | ...
    meta: Metadata
    blocks: list[Block]  # top-level blocks, in source order
    # every top-level block is a slice of ``text`` that starts at a line's
    # start after white space only and ends before white space only up to a
    # line's end or a "/" (the plain-text reader's blocks: stripped lines; a
    # standfirst before its " / Outlet"): whole-text gates made with
    # ``edges`` (lint/gate.py) hold for them
    edges: bool = False
    # A structured file (HTML, JSON, Word): ``text`` is the extracted text and
    # the map takes its offsets back to the file (lint/readers/build.py);
    # None when ``text`` is the file itself.
    source_map: SourceMap | None = field(default=None, repr=False, compare=False)
    extracted: Extracted | None = field(default=None, repr=False, compare=False)  # what the reader made of the file
    # a source file's comment blocks: Vale's scope of each ("comment.line" | "comment.block"), by block start
    comment_kinds: dict[int, str] = field(default_factory=dict, repr=False, compare=False)

    # Per-block segmentation, computed once per article and shared by every
    # check that splits the same block (keyed by the Block value).
    _sentences_by_block: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _quotes_by_block: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # Words of each block (``lint.tokens.block_tokens``), found once per article.
    _tokens: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def sentences_of(self, block: Block) -> list[Block]:
        """``lint.segment.sentences(block)``, cached (do not mutate the list)."""
        got = self._sentences_by_block.get(block)
        if got is None:
            from lint.segment import sentences

            got = self._sentences_by_block[block] = sentences(block)
        return got

    def quotes_of(self, block: Block) -> list[Block]:
        """``lint.segment.quotations(block)``, cached (do not mutate the list)."""
        got = self._quotes_by_block.get(block)
        if got is None:
            from lint.segment import quotations

            got = self._quotes_by_block[block] = quotations(block)
        return got

    @cached_property
    def line_index(self):
        """``lint.positions.LineIndex(self.text)``, built once."""
        from lint.positions import LineIndex

        return LineIndex(self.text)

    @cached_property
    def sentences(self) -> list[Block]:
        out: list[Block] = []
        for b in self.blocks:
            if b.scope in ("paragraph", "standfirst", "list", "headline", "heading"):
                out.extend(self.sentences_of(b))
        return out

    @cached_property
    def quotes(self) -> list[Block]:
        out: list[Block] = []
        for b in self.blocks:
            if b.scope in ("paragraph", "standfirst", "list"):
                out.extend(self.quotes_of(b))
        return out

    def blocks_for(self, scopes: frozenset[str]) -> list[Block]:
        """Blocks of the given scopes, in source order (a ``TopBlocks`` when
        only top-level ones)."""
        out: list[Block]
        if "sentence" not in scopes and "quote" not in scopes:
            out = TopBlocks(b for b in self.blocks if b.scope in scopes)
            if len(scopes) > 1 and not self.edges:  # the plain-text reader's blocks are in order
                out.sort(key=lambda b: b.start)
            return out
        out = [b for b in self.blocks if b.scope in scopes]
        if "sentence" in scopes:
            out.extend(self.sentences)
        if "quote" in scopes:
            out.extend(self.quotes)
        if len(scopes) > 1:
            out.sort(key=lambda b: b.start)
        return out
