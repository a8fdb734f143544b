"""What the line-based markup readers share (AsciiDoc, reStructuredText, Org).

Vale lints these formats as markup: it converts them to HTML and lints the
prose of the HTML with scopes. The readers here read the source line by line
instead (no external program) and give the same prose as blocks with exact
offsets: a block spans ``[start, end)`` of the source and
``len(block.text) == end - start``; characters that are not prose (markup,
inline code, the parts of other lines that a multi-line block does not own)
are replaced by spaces, line breaks kept.

``MarkupArticle`` carries what Vale's scopes need beyond the block scopes
(lint/checks/_vale.py reads it): the level of each heading, the table cells
(``table.header``, ``table.cell``, ``table.caption``), the blocks inside a
block quotation (``blockquote``), the image alt texts (``alt``), the texts of
links, strong and emphasised text (``link``, ``strong``, ``emphasis``: Vale lints
them again with that scope after the block pass) and figure captions
(``figure.caption``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from lint import regexes
from lint.article import Article, Block, Metadata
from lint.readers.text import normalize

# a bare URL: a link target, not prose
BARE_URL = regexes.compile(r"(?<![\w/@.:-])(?:https?|ftp|file|mailto|irc)://[^\s<>\[\]]*[^\s<>\[\]?!.,:;*_~'\")]")


@dataclass
class MarkupInfo:
    """What a markup reader knows beyond block scopes, keyed by block start."""

    levels: dict[int, int] = field(default_factory=dict)  # heading block start -> level 1..6
    cells: dict[int, str] = field(default_factory=dict)  # table block start -> "header" | "cell" | "caption"
    quoted: set[int] = field(default_factory=set)  # starts of blocks inside a block quotation
    alts: list[Block] = field(default_factory=list)  # image alt texts (scope "alt")
    # the leading text of <a>, <strong>/<b>, <em>/<i> (scopes "link", "strong", "emphasis")
    inlines: list[Block] = field(default_factory=list)
    captions: set[int] = field(default_factory=set)  # starts of figure caption blocks ("figure.caption")


@dataclass
class MarkupArticle(Article):
    """An Article read from AsciiDoc, reStructuredText or Org, with its ``markup`` info."""

    markup: MarkupInfo = field(default_factory=MarkupInfo, repr=False, compare=False)


class Builder:
    """Collects blocks of one article from line spans and masked ranges."""

    def __init__(self, text: str):
        self.text = text
        self.blocks: list[Block] = []
        self.info = MarkupInfo()

    def add(
        self,
        scope: str,
        spans: list[tuple[int, int]],
        masks: Iterable[tuple[int, int]] = (),
        *,
        level: int = 0,
        cell: str | None = None,
        quoted: bool = False,
        inline=None,
    ) -> Block | None:
        """A block over the content ``spans`` (source offsets, in order):
        everything between them and inside ``masks`` is blanked; ``inline``
        (a function of the block's text giving relative ranges) masks inline
        markup. Leading and trailing blanks are trimmed; None when nothing is left."""
        if not spans:
            return None
        start, end = spans[0][0], spans[-1][1]
        if end <= start:
            return None
        text = self.text
        chars = list(text[start:end])
        for (_, pe), (ns, _) in pairwise(spans):
            mask(chars, pe - start, ns - start)
        for a, b in masks:
            mask(chars, max(a, start) - start, min(b, end) - start)
        if inline is not None:
            joined = "".join(chars)
            for a, b in inline(joined):
                mask(chars, a, b)
        body = "".join(chars)
        s, e = 0, len(body)
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if s == e:
            return None
        block = Block(scope, start + s, body[s:e])
        self.blocks.append(block)
        if level:
            self.info.levels[block.start] = level
        if cell is not None:
            self.info.cells[block.start] = cell
        if quoted:
            self.info.quoted.add(block.start)
        return block

    def alt(self, start: int, end: int) -> None:
        """An image's alt text at ``[start, end)`` (trimmed)."""
        value = self.text[start:end]
        s = len(value) - len(value.lstrip())
        e = len(value.rstrip())
        if e > s:
            self.info.alts.append(Block("alt", start + s, value[s:e]))

    def article(self, path: str, fmt: str, *, body_only: bool, title: Block | None = None) -> MarkupArticle:
        """The article: the document ``title`` block (a heading block of the
        builder, level 1) becomes the headline unless ``body_only``."""
        meta = Metadata()
        blocks = sorted(self.blocks, key=lambda b: b.start)
        if title is not None and not body_only:
            meta.headline = normalize(title.text)
            blocks = [Block("headline", b.start, b.text) if b is title else b for b in blocks]
        self.info.alts.sort(key=lambda b: b.start)
        self.info.inlines.sort(key=lambda b: b.start)
        return MarkupArticle(path=path, text=self.text, format=fmt, meta=meta, blocks=blocks, markup=self.info)


_FM_VALUE = regexes.compile(
    r"""[ \t]*"?[\w-]+"?[ \t]*[:=][ \t]*(?:"(?P<v>[^"\n]*)"|'(?P<v>[^'\n]*)'|(?P<v>[^"'\n]*?))[ \t]*,?[ \t]*$""")


def front_matter(b: Builder, lines: list[tuple[int, int]]) -> int:
    """Front matter at the start (``---`` YAML, ``+++`` TOML, ``;;;`` JSON): Vale lints its
    string values as text; each becomes a paragraph block. The first line after it (0: none)."""
    text = b.text
    if not lines or lines[0][0] != 0:
        return 0
    first = text[lines[0][0]:lines[0][1]].rstrip()
    if first not in ("---", "+++", ";;;"):
        return 0
    for j in range(1, len(lines)):
        if text[lines[j][0]:lines[j][1]].rstrip() == first:
            break
    else:
        return 0
    for s, e in lines[1:j]:
        m = _FM_VALUE.match(text, s, e)
        if m is not None and m.group("v") and m.group("v")[0] not in "[{|>":
            b.add("paragraph", [m.span("v")])
    return j + 1


def mask(chars: list[str], s: int, e: int) -> None:
    """Blank ``chars[s:e]``, line breaks kept."""
    for k in range(max(s, 0), min(e, len(chars))):
        if chars[k] not in "\r\n":
            chars[k] = " "


def spans_of(rx: regex.Pattern, text: str, *groups: str | int) -> list[tuple[int, int]]:
    """The ranges of ``rx``'s matches in ``text`` (of the given groups, else whole matches)."""
    out: list[tuple[int, int]] = []
    for m in rx.finditer(text):
        if not groups:
            out.append(m.span())
            continue
        for g in groups:
            if m.start(g) != -1:
                out.append(m.span(g))
    return out
