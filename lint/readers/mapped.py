"""What a structured reader (HTML, newsroom JSON, Word) extracts, before it becomes an Article.

A structured file's article text is not a slice of the file: an HTML
paragraph's text has its entities resolved and its tags removed, a JSON
string's text has its escapes decoded. Such a reader returns an
:class:`Extracted`: the article's text blocks (:class:`Piece`), each
character with the source range it came from, plus metadata with where in
the file each value was found. ``lint.readers.build.to_article`` turns it
into an :class:`~lint.article.Article` whose ``source_map`` takes findings
back to the file.

Offsets are code points into the file's text as read (BOM removed),
half-open, -1 where unknown.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Extracted", "Located", "Piece"]


@dataclass
class Piece:
    """One text block of the article.

    ``starts[i]`` is the source offset of the first source character that
    ``text[i]`` came from, ``ends[i]`` the offset just past the last one
    (an entity ``&amp;`` gives ``&`` the range of the whole reference; a
    JSON escape ``\\u00e9`` gives ``é`` its six characters). -1 where the
    reader could not tell (``exact`` is then False)."""

    kind: str  # one of lint.article.TOP_SCOPES: headline, standfirst, byline, paragraph, heading, list
    text: str
    starts: array
    ends: array
    exact: bool = True
    escape: Callable[[str], str] | None = None  # how a replacement is written into this block's source (else Extracted.escape)

    def __post_init__(self) -> None:
        if not (len(self.text) == len(self.starts) == len(self.ends)):
            raise ValueError("a Piece needs one start and one end per character")


@dataclass
class Located:
    """A metadata value and where in the source it was found (-1: not in the text, or not known)."""

    value: str
    start: int = -1
    end: int = -1


@dataclass
class Extracted:
    """A structured file's article: text blocks in reading order and metadata."""

    format: str  # "html", "json" (ninjs, wordpress, json-ld: see ``flavour``), "docx"
    pieces: list[Piece] = field(default_factory=list)
    flavour: str | None = None  # "ninjs", "wordpress", "json-ld" for JSON
    headline: Located | None = None  # when no piece is the headline (e.g. only og:title)
    standfirst: Located | None = None
    byline: Located | None = None
    authors: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_source: str | None = None  # "json-ld", "meta", "itemprop", "time", "htmldate", "ninjs", ...
    date_at: Located | None = None  # the date as written, and where
    place: Located | None = None  # dateline place
    outlet: Located | None = None  # publisher / site name
    body_from: str | None = None  # HTML: "rules" (lint/readers/html_body.py) or "trafilatura" (the fallback)
    # How a replacement text is written into the source at a mapped span
    # (HTML: escape & < >; JSON: escape as in a string literal), or None
    # when the format takes no fixes (Word files).
    escape: Callable[[str], str] | None = None
    # Source offset -> (JSON pointer of the string holding it, offset in the
    # decoded string), or None when the offset is in no string (JSON only).
    pointer: Callable[[int], tuple[str, int] | None] | None = None
