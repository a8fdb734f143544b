"""``newslint --print-article``: what a reader made of a file, as JSON data.

One object per file: ``path``, ``format`` (``txt``, ``md``, ``html``,
``json``, ``docx``), ``flavour`` (ninjs, wordpress, json-ld for JSON),
``headline`` (the headline the file declares: an HTML page's JSON-LD
``headline`` or ``og:title`` without the site's suffix; the headline block,
kind ``headline``, is the visible one), ``standfirst``, ``byline``, ``authors``, ``publication_date``
(ISO, or null) with ``date_source`` (json-ld, meta, itemprop, time,
htmldate, byline, front matter, ninjs ...), ``place``, ``outlet``, ``found``
(where each metadata value was found in the file, when the reader knows:
``{"headline": {"text", "start", "end"}, ...}``) and ``blocks``: each with
``kind``, ``text``, ``start`` and ``end`` as ``{line, column, offset}`` in
the original file (columns in code points, 1-based; offsets in code points
from the start of the file, BOM excluded; ``end`` is just past the block's
last character), and ``pointer`` (JSON pointer of the string) for JSON
files. A Word file's lines are its paragraphs.
"""

from __future__ import annotations

from typing import Any

from lint.article import Article
from lint.positions import LineIndex

__all__ = ["describe"]


def describe(article: Article, source: str) -> dict[str, Any]:
    """The JSON data of ``article``, read from the file text ``source``."""
    index = LineIndex(source)
    smap = article.source_map
    ex = article.extracted
    meta = article.meta

    def pos(offset: int) -> dict[str, int]:
        line, col = index.line_col(offset)
        return {"line": line, "column": col, "offset": offset}

    blocks = []
    for b in article.blocks:
        if smap is not None:
            s, e = smap.span(b.start, b.end)
        else:
            s, e = b.start, b.end
        item: dict[str, Any] = {"kind": b.scope, "text": b.text, "start": pos(s), "end": pos(e)}
        if smap is not None and smap.pointer is not None:
            where = smap.pointer(s)
            if where is not None:
                item["pointer"] = where[0]
        blocks.append(item)
    found: dict[str, Any] = {}
    if ex is not None:
        for key, loc in (("headline", ex.headline), ("standfirst", ex.standfirst), ("byline", ex.byline),
                         ("publication_date", ex.date_at), ("place", ex.place), ("outlet", ex.outlet)):
            if loc is not None and loc.start >= 0:
                found[key] = {"text": loc.value, "start": pos(loc.start), "end": pos(loc.end)}
    authors = list(ex.authors) if ex is not None and ex.authors else ([meta.author] if meta.author else [])
    # the headline the file declares (an HTML page's JSON-LD or og:title, its
    # site suffix removed), else the headline block's text
    headline = ex.headline.value if ex is not None and ex.headline is not None else meta.headline
    return {
        "path": article.path,
        "format": article.format,
        "flavour": ex.flavour if ex is not None else None,
        "headline": headline,
        "standfirst": meta.standfirst,
        "byline": meta.byline,
        "authors": authors,
        "publication_date": meta.date.isoformat() if meta.date else None,
        "date_source": meta.date_source,
        "place": meta.place,
        "outlet": meta.source,
        "found": found,
        "body_from": ex.body_from if ex is not None else None,
        "blocks": blocks,
    }
