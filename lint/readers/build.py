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
fix, and so does a ``<br>`` read as a space), and the span does not split a
reference (``&amp;``) or an escape. The replacement is then escaped for
where it goes (``Piece.escape`` or ``Extracted.escape``; an escape that
raises ValueError refuses it). A format without an escape (Word files)
takes no fixes: its findings keep no fix. Findings made across articles,
after the article is gone, are moved with ``SourceMap.compact()``, a
``SpanMap`` in segments that the run keeps per file.
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

__all__ = ["SourceMap", "SpanMap", "to_article"]

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
                if starts[k] < 0 or ends[k] < 0 or (source[starts[k]] == "<" and ends[k] > starts[k] + 1):
                    # made up, or a <br> read as a space (a literal "<" is one character)
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
        return _moved(diags, self.span, self.edit, self.pointer)

    def compact(self) -> SpanMap:
        """A small copy, in segments: what a run keeps of a file for the
        findings made after its article is gone (across articles)."""
        art, src, end, length, piece = array("q"), array("q"), array("q"), array("q"), array("q")
        starts, ends, firsts = self.starts, self.ends, self.piece_starts
        last, p = -2, -1
        for k in range(len(starts)):
            s, e = starts[k], ends[k]
            if s < 0:
                last = -2
                continue
            while p + 1 < len(firsts) and firsts[p + 1] <= k:
                p += 1
            if last == k - 1 and e == s + 1 and s == end[-1] and end[-1] == src[-1] + length[-1] and piece[-1] == p:
                length[-1] += 1  # the run goes on, one file character per article character
                end[-1] = e
            else:
                art.append(k)
                src.append(s)
                end.append(e)
                length.append(1)
                piece.append(p)
            last = k
        escapes = self.escapes if self.fixes else [None] * len(self.escapes)
        return SpanMap(art, src, end, length, piece, list(escapes))


@dataclass
class SpanMap:
    """Article offsets -> file offsets in segments: in segment ``i``, article
    characters ``art[i]`` ... ``art[i] + length[i] - 1`` come from the file
    one for one from ``src[i]``, the last one ending at ``end[i]`` (a single
    character may stand for a longer reference), in piece ``piece[i]``. A fix
    moves only when each edit lies inside one segment that is the file's text
    one for one (no reference, no collapsed white space, no tag)."""

    art: array
    src: array
    end: array
    length: array
    piece: array
    escapes: list[Callable[[str], str] | None]

    def _edit(self, e: Edit) -> Edit | None:
        a, b = e.span.start, e.span.end
        i = bisect.bisect_right(self.art, a) - 1
        if i < 0 or self.end[i] != self.src[i] + self.length[i] or b > self.art[i] + self.length[i]:
            return None
        if a == b and a == self.art[i] + self.length[i]:  # an insertion at the segment's end: unsure where
            return None
        escape = self.escapes[self.piece[i]] if 0 <= self.piece[i] < len(self.escapes) else None
        if escape is None:
            return None
        try:
            replacement = escape(e.replacement)
        except ValueError:
            return None
        s = self.src[i] + (a - self.art[i])
        return Edit(Span(s, s + (b - a)), replacement)

    def _start(self, x: int) -> int:
        i = bisect.bisect_right(self.art, x) - 1
        if i >= 0 and x < self.art[i] + self.length[i]:
            return self.src[i] + (x - self.art[i])
        if i + 1 < len(self.art):  # made up (a separator): where the next character begins
            return self.src[i + 1]
        return self.end[i] if i >= 0 else 0

    def _end(self, x: int) -> int:
        """The file offset just past article character ``x``."""
        i = bisect.bisect_right(self.art, x) - 1
        if i < 0:
            return self.src[0] if len(self.src) else 0
        if x >= self.art[i] + self.length[i] - 1:  # its last character, or made up after it
            return self.end[i]
        return self.src[i] + (x - self.art[i]) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        s = self._start(start)
        return (s, s) if end <= start else (s, max(s, self._end(end - 1)))

    def to_source(self, diags: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Each diagnostic at the file's offsets, its related spans and fix too (a fix it cannot move is dropped)."""
        return _moved(diags, self.span, self._edit)


def _moved(diags: Iterable[Diagnostic], span: Callable[[int, int], tuple[int, int]],
           edit: Callable[[Edit], Edit | None],
           pointer: Callable[[int], tuple[str, int] | None] | None = None) -> list[Diagnostic]:
    """The diagnostics with span, related spans and fix moved by ``span`` and ``edit`` (a fix with an
    edit that cannot move is dropped), and the JSON pointer of where each now starts."""
    out = []
    for d in diags:
        s, e = span(d.start, d.end)
        fix = d.fix
        if fix is not None:
            edits = [edit(x) for x in fix.edits]
            fix = None if any(x is None for x in edits) else Fix(tuple(x for x in edits if x), fix.applicability, fix.title)
        related = tuple(Related(Span(*span(r.span.start, r.span.end)), r.message) for r in d.related)
        where = pointer(s) if pointer is not None else d.pointer
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
    byline = next((b for b in blocks if b.scope == "byline"), None)
    if byline is not None and (meta.author is None or meta.date is None or meta.place is None):
        from lint.readers.text import apply_byline

        found = Metadata()  # what the byline says, where the file's metadata is silent
        apply_byline(found, byline.text)
        meta.author = meta.author or found.author
        if meta.date is None and found.date is not None:
            meta.date, meta.date_source = found.date, found.date_source
        meta.place = meta.place or found.place
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
