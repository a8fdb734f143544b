"""An :class:`~lint.readers.mapped.Extracted` -> an Article, and findings back to the file.

The article's text is the extracted blocks, one after another, separated by
a blank line (as the plain-text reader would read them): the checks see the
same kind of Article as for a ``.txt`` file. ``Article.source_map`` keeps,
for every character of that text, the range of the file it came from, so
``SourceMap.to_source`` moves each finding (its span, its related spans and
its fix's edits) to the file's offsets before anything is reported: the
formatters, suppressions, baselines and ``--fix`` then work on the file as
it is on disk.

A fix is moved only where the file can take it as plain text: every
character of the edited span came from the file's text in order, with
nothing between them but white space (an inline tag, a comment or a
character that the reader made up, such as a block separator, refuses the
fix), and the span does not split a reference (``&amp;``) or an escape.
The replacement is then escaped for where it goes (``Piece.escape`` or
``Extracted.escape``). A format without an escape (Word files) takes no
fixes: its findings keep no fix.
"""

from __future__ import annotations

import bisect
import dataclasses
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lint import regexes
from lint.article import Article, Block, Metadata
from lint.model import Diagnostic, Edit, Fix, Related, Span
from lint.readers.mapped import Extracted, Piece

__all__ = ["SourceMap", "to_article"]

SEPARATOR = "\n\n"
# what may lie in the file between two characters of one edited span: white
# space that the reader collapsed, also written as a JSON escape
_GAP = regexes.compile(r"(?:\s|\\[nrt/]|\\u00(?:20|0[9aAdD]))*")


@dataclass
class SourceMap:
    """Article text offsets -> file offsets (code points, -1 for characters the reader made up)."""

    source: str  # the file's text as read (BOM removed)
    starts: array  # per character of the article text
    ends: array
    piece_starts: list[int]  # article offset of each piece's first character
    escapes: list[Callable[[str], str] | None]  # per piece
    pointer: Callable[[int], tuple[str, int] | None] | None = None
    fixes: bool = True  # False: the format takes no fixes

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The file range of the article range ``[start, end)``."""
        n = len(self.starts)
        if start >= end:  # an empty span: where the character at ``start`` begins
            return (p := self._point(start, n)), p
        s = next((self.starts[k] for k in range(start, min(end, n)) if self.starts[k] >= 0), -1)
        e = next((self.ends[k] for k in range(min(end, n) - 1, start - 1, -1) if self.ends[k] >= 0), -1)
        if s < 0 or e < 0:  # nothing of it is in the file: the nearest character before
            p = self._point(start, n)
            return p, p
        return s, max(s, e)

    def _point(self, at: int, n: int) -> int:
        for k in range(min(at, n - 1), -1, -1):
            if self.starts[k] >= 0:
                return self.starts[k] if k == at else self.ends[k]
        return 0

    def edit(self, e: Edit) -> Edit | None:
        """The edit in the file's offsets, its replacement escaped; None when the file cannot take it."""
        a, b = e.span.start, e.span.end
        n = len(self.starts)
        if not self.fixes or a > n or b > n:
            return None
        starts, ends, source = self.starts, self.ends, self.source
        if a == b:  # an insertion: between two characters that are next to each other in the file
            if a == n or starts[a] < 0 or (a > 0 and (ends[a - 1] < 0 or starts[a] == starts[a - 1])):
                return None
            s = e2 = starts[a]
        else:
            for k in range(a, b):
                if starts[k] < 0 or ends[k] < 0 or source[starts[k]] == "<":  # made up, or a <br> read as a space
                    return None
                if k > a and starts[k] != starts[k - 1] and not self._gap(ends[k - 1], starts[k]):
                    return None
            if (a > 0 and starts[a] == starts[a - 1]) or (b < n and starts[b] == starts[b - 1]):
                return None  # it would split a reference or an escape
            s, e2 = starts[a], ends[b - 1]
        p = bisect.bisect_right(self.piece_starts, a) - 1
        escape = self.escapes[p] if 0 <= p < len(self.escapes) else None
        if escape is None:
            return None
        try:
            return Edit(Span(s, e2), escape(e.replacement))
        except ValueError:  # the place cannot take this replacement (an unquoted attribute, a script)
            return None

    def _gap(self, end: int, start: int) -> bool:
        return end <= start and _GAP.fullmatch(self.source, end, start) is not None

    def to_source(self, diags: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Each diagnostic with its span, related spans and fix in the file's offsets."""
        out = []
        for d in diags:
            s, e = self.span(d.start, d.end)
            fix = d.fix
            if fix is not None:
                edits = [self.edit(x) for x in fix.edits]
                fix = None if any(x is None for x in edits) else Fix(tuple(x for x in edits if x), fix.applicability, fix.title)
            related = tuple(Related(Span(*self.span(r.span.start, r.span.end)), r.message) for r in d.related)
            where = self.pointer(s) if self.pointer is not None else None
            out.append(dataclasses.replace(d, start=s, end=e, fix=fix, related=related, pointer=where))
        return sorted(out)


def to_article(path: str, source: str, ex: Extracted) -> Article:
    """The Article of an extracted file: its pieces as blocks of one text, with a source map."""
    parts: list[str] = []
    starts, ends = array("q"), array("q")
    blocks: list[Block] = []
    piece_starts: list[int] = []
    escapes: list[Callable[[str], str] | None] = []
    at = 0
    meta = Metadata()
    for piece in _ordered(ex.pieces):
        if not piece.text:
            continue
        if parts:
            parts.append(SEPARATOR)
            starts.extend([-1] * len(SEPARATOR))
            ends.extend([-1] * len(SEPARATOR))
            at += len(SEPARATOR)
        parts.append(piece.text)
        starts.extend(piece.starts)
        ends.extend(piece.ends)
        piece_starts.append(at)
        escapes.append(piece.escape or ex.escape)
        blocks.append(Block(piece.kind, at, piece.text))
        if piece.kind == "headline" and meta.headline is None:
            meta.headline = piece.text
        elif piece.kind == "standfirst" and meta.standfirst is None:
            meta.standfirst = piece.text
        elif piece.kind == "byline" and meta.byline is None:
            meta.byline = piece.text
        at += len(piece.text)
    text = "".join(parts)
    if meta.headline is None and ex.headline is not None:
        meta.headline = ex.headline.value
    if meta.standfirst is None and ex.standfirst is not None:
        meta.standfirst = ex.standfirst.value
    if meta.byline is None and ex.byline is not None:
        meta.byline = ex.byline.value
    meta.author = ", ".join(ex.authors) or None
    meta.date, meta.date_source = ex.date, ex.date_source if ex.date is not None else None
    meta.place = ex.place.value if ex.place is not None else None
    meta.source = ex.outlet.value if ex.outlet is not None else None
    if meta.place is None:
        from lint.readers.text import find_dateline

        find_dateline(meta, [b for b in blocks if b.scope == "paragraph"][:3])
    article = Article(path, text, ex.format, meta, blocks)
    article.source_map = SourceMap(source, starts, ends, piece_starts, escapes, ex.pointer,
                                   fixes=ex.escape is not None or any(escapes))
    article.extracted = ex
    return article


def _ordered(pieces: list[Piece]) -> list[Piece]:
    """The pieces in reading order, the headline first (a page may put its h1 after a standfirst)."""
    head = [p for p in pieces if p.kind == "headline"][:1]
    return head + [p for p in pieces if not (head and p is head[0])]
