"""The HTML reader: a news page -> :class:`~lint.readers.mapped.Extracted`.

``map_html`` (lint/readers/html_map.py) gives the page's text blocks with
each character's source offset; ``html_body.select_body`` picks the
article's headline, standfirst, byline and body blocks out of them;
``html_meta.page_meta`` reads the metadata (JSON-LD, meta tags, itemprop,
``<time>``, htmldate as the last resort for the date). Every piece keeps
the source range of each character, so findings land on the file's line
and column and ``--fix`` edits the text nodes in place (the replacement
HTML-escaped).
"""

from __future__ import annotations

import html as _html
from array import array
from functools import partial

from lint.readers.html_map import _REF, MappedBlock, map_html
from lint.readers.mapped import Extracted, Located, Piece

__all__ = ["extract_html", "piece_of"]

_text_escape = partial(_html.escape, quote=False)
_attr_escape = partial(_html.escape, quote=True)


def extract_html(source: str) -> Extracted:
    """The article of the HTML page ``source`` (its text, BOM removed)."""
    from lint.readers.html_body import select_body
    from lint.readers.html_meta import page_meta

    mapped = map_html(source)
    meta = page_meta(source, mapped.root)
    hint = meta.headline.value if meta.headline is not None else None
    body = select_body(mapped, hint)
    pieces: list[Piece] = []
    if body.headline is not None:
        pieces.append(piece_of(source, "headline", body.headline))
    elif meta.headline is not None and meta.headline.start >= 0:  # the headline only in og:title or JSON-LD
        p = _located_piece(source, "headline", meta.headline)
        if p is not None:
            pieces.append(p)
    for kind, block in (("standfirst", body.standfirst), ("byline", body.byline)):
        if block is not None:
            pieces.append(piece_of(source, kind, block))
    blocks = body.blocks
    body_from = "rules"
    if sum(len(b.text) for _, b in blocks) < FALLBACK_BELOW:
        used = {id(b) for b in (body.headline, body.standfirst, body.byline) if b is not None}
        found = _trafilatura_blocks(source, [b for b in mapped.blocks if id(b) not in used])
        if found is not None:
            blocks, body_from = found, "trafilatura"
    pieces.extend(piece_of(source, kind, b) for kind, b in blocks)
    pieces.sort(key=lambda p: (p.kind != "headline", _first(p)))
    # the page's declared headline (its metadata, suffix removed): where the
    # file has it as written, when the text is the same
    headline = meta.headline
    if body.title and (headline is None or body.title != headline.value):
        block = body.headline
        if block is not None and block.text == body.title:
            headline = Located(body.title, block.start, piece_of(source, "headline", block).ends[-1])
        else:
            headline = Located(body.title)
    authors = list(meta.authors or [])
    if not authors and body.byline is not None:  # the metadata names nobody: the visible byline does
        from lint.readers.html_meta import byline_names

        authors = byline_names(body.byline.text)
    return Extracted(
        "html", pieces, headline=headline, standfirst=meta.standfirst, byline=meta.byline,
        authors=authors, date=meta.date, date_source=meta.date_source, date_at=meta.date_at,
        place=meta.place, outlet=meta.outlet, escape=_text_escape, body_from=body_from)


# A body shorter than this (characters) is a page where the simple rules may
# have failed: trafilatura, when installed, gets a say.
FALLBACK_BELOW = 300
_KINDS = {"li": "list", "dd": "list", "dt": "list", **{f"h{k}": "heading" for k in range(2, 7)}}


def _trafilatura_blocks(source: str, blocks: list[MappedBlock]):
    """The page's blocks that trafilatura (``pip install 'newslint[trafilatura]'``)
    takes as the main text, when it finds more than the simple rules did; None
    when it is not installed or finds no more. Its text only chooses among the
    mapped blocks, so positions stay exact."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        text = trafilatura.extract(source, deduplicate=False, include_comments=False, include_tables=False)
    except Exception:  # a third-party extractor's failure is no reason to lose the page
        return None
    if not text or len(text) < FALLBACK_BELOW:
        return None
    exact = {_norm(line.lstrip("-• ")) for line in text.splitlines()}
    lines = [n for n in exact if len(n) >= 20]
    whole = _norm(" ".join(text.splitlines()))

    def taken(b: MappedBlock) -> bool:
        """The block is a line of trafilatura's text, a long part of it, or at least half made of its lines (a <br> block)."""
        n = _norm(b.text)
        return bool(n) and (n in exact or (len(n) >= 40 and n in whole)
                            or 2 * sum(len(line) for line in lines if line in n) >= len(n))

    out = [(_KINDS.get(b.tag, "paragraph"), b) for b in blocks if taken(b)]
    return out if sum(len(b.text) for _, b in out) >= FALLBACK_BELOW else None


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _first(p: Piece) -> int:
    return next((s for s in p.starts if s >= 0), 1 << 62)


def piece_of(source: str, kind: str, block: MappedBlock) -> Piece:
    """A mapped block as a Piece: each character's source range (a reference's
    whole ``&...;``, a CR LF's two characters, a ``<br>``'s tag)."""
    return Piece(kind, block.text, block.offsets, source_ends(source, block.offsets, block.text), block.exact)


def source_ends(source: str, starts: array, text: str | None = None) -> array:
    """The source offset just past each character's source text, given where each starts
    (and the characters, to tell a space read from a ``<br>`` from a literal ``<``)."""
    n = len(starts)
    ends = array("q", [-1]) * n
    for k in range(n):
        s = starts[k]
        if s < 0:
            continue
        c = source[s] if s < len(source) else ""
        if c == "<" and (text is None or text[k] == " "):  # a <br> (or </br>) read as a space
            e = source.find(">", s, s + 4096) + 1 or s + 1
        elif c == "&":
            m = _REF.match(source, s)
            e = m.end() if m else s + 1
            nxt = next((starts[j] for j in range(k + 1, n) if starts[j] != s), -1)
            if nxt > s:
                e = min(e, nxt)  # a legacy reference without ";" ends where the next character starts
        elif c == "\r":
            e = s + 2 if source.startswith("\r\n", s) else s + 1
        else:
            e = s + 1
        ends[k] = e
    return ends


def _located_piece(source: str, kind: str, where: Located) -> Piece | None:
    """A metadata value (an attribute's text) as a piece at its place in the source, when it decodes exactly."""
    raw = source[where.start:where.end]
    if _html.unescape(raw) != where.value or "\n" in where.value:
        return None
    starts = array("q")
    text = []
    i = where.start
    while i < where.end:
        if source[i] == "&" and (m := _REF.match(source, i)) and m.end() <= where.end:
            got = _html.unescape(m.group())
            if got == m.group():
                text.append("&")
                starts.append(i)
                i += 1
                continue
            text.append(got)
            starts.extend([i] * len(got))
            i = m.end()
        else:
            text.append(source[i])
            starts.append(i)
            i += 1
    value = "".join(text)
    if value != where.value:
        return None
    p = Piece(kind, value, starts, source_ends(source, starts, value))
    p.escape = _escape_for(source, where.start, where.end)
    return p


def _escape_for(source: str, start: int, end: int):
    """How a replacement is written where a metadata value stands: a quoted
    attribute value of a ``<meta>`` tag is HTML-escaped (quotes too); an unquoted
    one takes only what keeps it one value; anywhere else (JSON-LD inside a
    script) the value takes no fix."""
    tag = source.rfind("<", 0, start)
    inside_meta = tag >= 0 and source[tag:tag + 5].lower() == "<meta" and ">" not in source[tag:start]
    if not inside_meta:
        return _no_fix
    quote = source[start - 1] if start > 0 else ""
    if quote in ("'", '"') and source.startswith(quote, end):
        return _attr_escape
    return _unquoted_escape


def _no_fix(replacement: str) -> str:
    raise ValueError("this place takes no fix")


_UNQUOTED_UNSAFE = frozenset(" \t\n\f\r\"'=<>`")


def _unquoted_escape(replacement: str) -> str:
    """An unquoted attribute value stays one value: no white space, quote, ``=``, ``<``, ``>`` or backtick, not empty."""
    if not replacement or any(c in _UNQUOTED_UNSAFE for c in replacement):
        raise ValueError("an unquoted attribute value cannot take this replacement")
    return replacement.replace("&", "&amp;")

