"""An HTML page's metadata (headline, standfirst, byline, authors, date, place, outlet), each with where it was found.

``page_meta(source, root)`` reads the page ``source`` (a ``str``, BOM removed)
and its lxml document ``root`` (``lint.readers.html_map.map_html(source).root``)
and returns a :class:`PageMeta`. Every value is a
:class:`~lint.readers.mapped.Located`: its ``start``/``end`` are code-point
offsets in ``source`` of the value's characters, -1/-1 when they cannot be
placed exactly:

- an attribute value (``<meta content="...">``, ``<time datetime=...>``):
  the characters between its quotes, so that
  ``html.unescape(source[start:end]) == value``;
- an element's text (``<title>``, ``<h1>``, a byline ``<span>``): the text
  between its tags, with the same check (an element whose text is spread over
  several child elements gets -1, its value is the collapsed text);
- a JSON-LD string: the raw characters inside the JSON string's quotes; they
  decode (JSON escapes, then HTML references when the value had any) to the
  value.

Values are stripped of surrounding whitespace (the span shrinks with them);
inner whitespace is kept as written, so the span reads back exactly.

How an element is placed: lxml gives an element only ``sourceline``, the line
(1-based, counting LF only) on which its start tag *ends* (libxml2 records the
line after reading the attributes; it caps it at 65535). The start tags of
that name whose ``>`` is on that line are tokenised (quoted, single-quoted and
unquoted attribute values) and the one whose attributes equal the element's is
taken.

Publication date. The candidates, strongest first: JSON-LD ``datePublished``
of the story object (NewsArticle, Article, ReportageNewsArticle, BlogPosting,
any type ending in Article or Posting; top-level values, lists, ``@graph``,
``mainEntity``; not an ItemList's items, which are other stories), the meta
tags that state the publication (``article:published_time``, ``pubdate``,
``publish-date``, ``dc.date``, ``sailthru.date`` ... ``_META_DATE``, after
htmldate's list), ``itemprop="datePublished"`` (datetime, content or text), the
story's ``<time datetime>`` (one with ``pubdate``, else the first inside the
<article> holding the h1, the first <article>, or <main>); then, weaker, JSON-LD
``dateCreated`` and the datePublished of other objects (WebPage), loose meta
names (``date``, ``timestamp``), a date in the canonical URL or og:url. The
date is the *earliest* day among the page-level statements, the story's JSON-LD
datePublished and the meta tags (a page restating a later update as its
publication, or one shifting the day to UTC, is outvoted by its own earlier
statement; itemprop and <time> can belong to other stories on the page, so they
take no part in that vote), else the first of the others; when the page states
none, ``htmldate.find_date(..., original_date=True)``, its fast search first,
the extensive one where that finds nothing (imported lazily; no date without it). A date is the
calendar day as written, in the page's own time zone
("2020-10-10T23:30:00-04:00" is the 10th). Measured on htmldate's 90 gold
pages (tests/html_date_report.py): 87/90 this way, 85/90 taking the strongest
candidate first, 80-82/90 with UTC days, 85/90 for htmldate alone.

Headline: JSON-LD ``headline`` (or ``name``) of the story, og:title,
twitter:title, dc.title ...; else the h1 (in the story's <article> first) when
the <title> holds its text, else the <title> less its last " | Site" part.
Standfirst: the story's JSON-LD ``description``, else meta description,
og:description, twitter:description. Byline: the first element marked as byline
or author (class or id word byline/author, ``rel=author``,
``itemprop=author``), inside the story's <article> when one is there, not in
nav/footer/aside/form or a comments/related/sidebar part, whose text reads as
a name line (no digits, handles, URLs; at most 80 characters): a byline box
holding names and a date is passed over for the name line inside it; else the
JSON-LD or meta authors joined. Authors: JSON-LD ``author`` (objects, strings,
``@id`` references into the graph), else meta author / article:author
(URLs dropped), else the byline's names; "By"/"Par"... dropped, split on
commas and "and"/"et"/"und"/"y", deduplicated. Place: JSON-LD ``dateline``,
else ``contentLocation`` (its name). Outlet: JSON-LD ``publisher.name``
(through an ``@id``), og:site_name, application-name.

Cost: one walk over the tree, each JSON-LD script parsed once (with string
positions up to 400,000 characters, by json's own Python scanner), start tags
tokenised once per (tag, line) and indexed by their attributes: linear in the
page. About 6 ms per page on the shared corpus.

lxml and htmldate are only needed for HTML input; this module imports neither
at load time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import json.decoder
import json.scanner
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from lint.readers.mapped import Located

__all__ = ["DateCandidate", "PageMeta", "byline_names", "page_meta"]


@dataclass
class DateCandidate:
    """One publication date the page states, where, and how strong a signal it is (lower ``rank`` is stronger)."""

    source: str  # "json-ld", "meta", "itemprop", "time", "url"
    key: str  # e.g. "NewsArticle.datePublished", "article:published_time", "time[pubdate]"
    date: dt.date
    at: Located
    rank: int


@dataclass
class PageMeta:
    """What the page says about itself."""

    headline: Located | None = None
    standfirst: Located | None = None
    byline: Located | None = None
    authors: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_source: str | None = None  # "json-ld", "meta", "itemprop", "time", "url", "htmldate"
    date_at: Located | None = None
    place: Located | None = None
    outlet: Located | None = None
    # Every structured date found, strongest first (what --print-article can show to explain the choice).
    date_candidates: list[DateCandidate] = field(default_factory=list)


# --- ranks of the date signals (lower wins) ---------------------------------------------------------------
_R_JSONLD = 0  # datePublished of the article object
_R_META = 1  # article:published_time and the other publication-date meta names
_R_ITEMPROP = 2
_R_TIME = 3  # <time pubdate> / the article's first <time datetime>
_R_JSONLD_WEAK = 4  # dateCreated, datePublished of a non-article object (WebPage)
_R_META_WEAK = 5  # loose meta names ("date", "timestamp")
_R_URL = 6
STRONG_RANK = _R_META  # the page-level statements of the publication date (the story's JSON-LD, the meta tags)

# Article types of schema.org (and the common subtypes) whose datePublished is the story's.
_ARTICLE_TYPES = frozenset(
    "article newsarticle reportagenews reportagenewsarticle analysisnewsarticle opinionnewsarticle backgroundnewsarticle reviewnewsarticle "
    "askpublicnewsarticle blogposting liveblogposting socialmediaposting report scholarlyarticle techarticle "
    "satiricalarticle advertisercontentarticle medicalscholarlyarticle discussionforumposting".split()
)
# Meta names/properties that state the publication date (after htmldate's DATE_ATTRIBUTES, Open Graph, Dublin Core).
_META_DATE = frozenset(
    "article:published_time article:published article:published_date article:publicationdate article:post_date "
    "article.published article.created article_date_original og:published_time og:article:published_time "
    "og:article:published og:pubdate og:publish_date og:datepublished pubdate publishdate publish-date publish_date "
    "publish_time published-date published_date published_time publisheddate publication_date datepublished "
    "date_published dateposted dc.date dc.date.issued dc.date.created dc.date.publication dc.created dc:date "
    "dc:created dcterms.date dcterms.issued dcterms.created sailthru.date parsely-pub-date citation_publication_date "
    "citation_date originalpublicationdate cxenseparse:recs:publishtime rnews:datepublished bt:pubdate "
    "dcsext.articlefirstpublished analyticsattributes.articledate displaydate rbpubdate shareaholic:article_published_time "
    "vr:published_time mediator_published_time twt-published-at content_create_date".split()
)
_META_DATE_WEAK = frozenset("date created datecreated date_created timestamp gentime doc_date pdate ptime".split())
_META_TITLE = ("og:title", "twitter:title", "dc.title", "dcterms.title", "title", "sailthru.title", "parsely-title")
_META_DESC = ("description", "og:description", "twitter:description", "dc.description", "dcterms.description")
_META_AUTHOR = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author", "sailthru.author", "og:article:author")
_META_OUTLET = ("og:site_name", "application-name", "twitter:app:name:iphone")

_WS = " \t\n\r\f"
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_ANY_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_ATTR_NAME = re.compile(r"[^\s\"'>/=][^\s\"'>/=]*")
_SPACE = re.compile(r"[ \t\n\r\f]*")
_UNQUOTED = re.compile(r"[^\s>]*")
_NL = re.compile(r"\r\n?")
_WSRUN = re.compile(r"\s+")
_TAG_RES: dict[str, re.Pattern[str]] = {}

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![0-9])")
_SLASHED = re.compile(r"\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?![0-9])")
_COMPACT = re.compile(r"\s*(\d{4})(\d{2})(\d{2})(?:$|[T\s])")
_EPOCH = re.compile(r"\s*(\d{10}|\d{13})\s*$")
_DMY = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?![0-9])")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "jan january", "feb february", "mar march", "apr april", "may", "jun june",
            "jul july", "aug august", "sep sept september", "oct october", "nov november", "dec december",
        ]
    )
    for m in names.split()
}
_MDY_WORDS = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY_WORDS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:by-?line|author|authors|writtenby|byline-?name|author-?name)(?:$|[\s_-])", re.I)
_BY = re.compile(r"^\s*(?:by|par|por|von|di|door|av|af|de)\s*[:\s]\s*", re.I)
# Class/id words of elements about the author that hold no name line (dates, photos, biographies, follow buttons).
_BYLINE_NOT = re.compile(
    r"(?:^|[\s_-])(?:date|time|photo|avatar|image|img|pic|picture|thumb|bio|title|desc|description|social|follow|hovercard|"
    r"dropdown|tab|more|label|source|box|list|email|twitter|contact|comments?|column|kicker|section)(?:$|[\s_-])",
    re.I,
)
# Class/id words of the page's parts around the story (other people's names are there).
_AROUND = re.compile(r"(?:^|[^a-z])(?:comments?|related|aside|sidebar|recommend\w*|promo|trending|popular|most-?read)(?:$|[^a-z])", re.I)
_TITLE_SEP = re.compile(r"\s+[|\-–—_:»·•/]{1,2}\s+")
_NOT_NAME = re.compile(r"[0-9@/:;|#{}<>=：]|https?|\bwww\.")
_BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 header li ol p section table td th tr ul".split())
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg"})
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|&|\|)\s*")


def page_meta(source: str, root: Any, *, use_htmldate: bool = True) -> PageMeta:
    """The metadata of the page ``source`` (its lxml document ``root``; an empty PageMeta when it is None).

    ``use_htmldate=False`` leaves htmldate out (the date is then None when the page states none in its markup)."""
    meta = PageMeta()
    if root is None:
        return meta
    page = _Page(source)
    page.collect(root)
    page.fill(meta)
    if meta.date is None and use_htmldate:
        _htmldate(source, meta)
    return meta


# ---------------------------------------------------------------------------------------------------------
# Dates


def parse_date(text: str) -> dt.date | None:
    """The calendar day a date string states, as written (its own time zone), or None.

    ISO 8601 (with or without time, T or space), 2020/10/09, 20201009, epoch seconds or milliseconds (UTC),
    9.10.2020 / 09-10-2020 (day first), "October 9, 2020", "9 Oct 2020". Years 1990 to next year only."""
    s = text.strip()
    if not s:
        return None
    ymd: tuple[int, int, int] | None = None
    m = _ISO.match(s) or _SLASHED.match(s) or _COMPACT.match(s)
    if m:
        ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif (m := _EPOCH.match(s)) is not None:
        n = int(m.group(1))
        try:
            d = dt.datetime.fromtimestamp(n / 1000 if len(m.group(1)) == 13 else n, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
        ymd = (d.year, d.month, d.day)
    elif (m := _DMY.match(s)) is not None:
        ymd = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    elif (m := _MDY_WORDS.search(s)) is not None and m.group(1).lower() in _MONTHS:
        ymd = (int(m.group(3)), _MONTHS[m.group(1).casefold()], int(m.group(2)))
    elif (m := _DMY_WORDS.search(s)) is not None and m.group(2).lower() in _MONTHS:
        ymd = (int(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1)))
    if ymd is None:
        return None
    y, mo, d_ = ymd
    if not 1990 <= y <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(y, mo, d_)
    except ValueError:
        return None


def _htmldate(source: str, meta: PageMeta) -> None:
    try:
        from htmldate import find_date  # optional: lazily, and skipped when it is not installed
    except Exception:
        return
    try:
        # The fast search first: the extensive one ends in dateparser, whose first call in a process costs
        # about 2 s (it compiles the patterns of some 200 locales); on the 90 gold pages it found the same
        # date wherever the fast one found one, and 4 more where it found none.
        found = (find_date(source, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
                 or find_date(source, original_date=True, extensive_search=True, outputformat="%Y-%m-%d"))
    except Exception:
        return
    if found:
        try:
            meta.date = dt.date.fromisoformat(found)
        except ValueError:
            return
        meta.date_source = "htmldate"
        meta.date_at = Located(found)


# ---------------------------------------------------------------------------------------------------------
# JSON with string positions


class _JStr(str):
    """A JSON string value that knows its raw characters' span (inside the quotes) in the parsed text."""

    start: int
    end: int


def _scan_string(s: str, end: int, strict: bool) -> tuple[str, int]:
    value, after = json.decoder.scanstring(s, end, strict)  # type: ignore[attr-defined]
    js = _JStr(value)
    js.start, js.end = end, after - 1
    return js, after


class _Decoder(json.JSONDecoder):
    def __init__(self) -> None:
        super().__init__(strict=False)
        self.parse_string = _scan_string
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]  # the Python scanner calls parse_string


_DECODER: _Decoder | None = None
_JSON_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_JSON_WRAP = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_MAX_BYLINES = 200  # marked elements looked at for the byline
_MAX_REPAIRED = 200  # tags on one line looked through for an attribute lxml read from repaired markup
_MAX_LOCATED_JSON = 400_000  # bigger scripts are parsed by the C decoder (no positions)


def _json_values(text: str) -> list[Any]:
    """The JSON values in ``text`` (a script's raw content), strings as _JStr with spans into ``text``.

    Lenient the way pages need: comment/CDATA wrappers, several values one after another, trailing commas
    (each replaced by a space of the same length, so spans stay right). Nothing raises."""
    global _DECODER
    text = _JSON_WRAP.sub(lambda m: " " * len(m.group(0)), text)
    located = len(text) <= _MAX_LOCATED_JSON
    if located and _DECODER is None:
        _DECODER = _Decoder()
    dec: json.JSONDecoder = _DECODER if located and _DECODER is not None else json.JSONDecoder(strict=False)
    for attempt in range(2):
        out: list[Any] = []
        i, n = 0, len(text)
        try:
            while True:
                i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
                while i < n and text[i] in ";,":
                    i = _SPACE.match(text, i + 1).end()  # type: ignore[union-attr]
                if i >= n:
                    return out
                value, i = dec.raw_decode(text, i)
                out.append(value)
        except (ValueError, RecursionError):
            if out or attempt:
                return out
            text = _TRAILING_COMMA.sub(lambda m: " " + m.group(1), text)
    return []


def _json_trim(raw: str) -> tuple[int, int]:
    """The span, in the raw characters of a JSON string, of its decoded value stripped of surrounding whitespace."""
    if "\\" not in raw:
        a = len(raw) - len(raw.lstrip())
        b = len(raw.rstrip())
        return (a, b) if a < b else (0, 0)
    spans: list[tuple[str, int, int]] = []  # decoded character, raw start, raw end
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == "\\" and i + 1 < n:
            e = raw[i + 1]
            if e == "u" and i + 6 <= n:
                spans.append((chr(int(raw[i + 2 : i + 6], 16)), i, i + 6))
                i += 6
            else:
                spans.append((_JSON_ESCAPES.get(e, e), i, i + 2))
                i += 2
        else:
            spans.append((c, i, i + 1))
            i += 1
    lo, hi = 0, len(spans)
    while lo < hi and spans[lo][0].isspace():
        lo += 1
    while hi > lo and spans[hi - 1][0].isspace():
        hi -= 1
    return (spans[lo][1], spans[hi - 1][2]) if lo < hi else (0, 0)


# ---------------------------------------------------------------------------------------------------------
# The page


@dataclass
class _StartTag:
    start: int  # offset of "<"
    end: int  # offset of ">"
    attrs: dict[str, tuple[int, int]]  # name (lower case) -> raw value span (first occurrence)


def _tag_re(tag: str) -> re.Pattern[str]:
    r = _TAG_RES.get(tag)
    if r is None:
        r = _TAG_RES[tag] = re.compile(r"<" + re.escape(tag) + r"(?=[\s/>])", re.I)
    return r


def _class_tokens(el: Any) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")


class _Page:
    def __init__(self, source: str):
        self.src = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._tags: dict[tuple[str, int], list[_StartTag]] = {}
        self._index: dict[tuple[str, int], dict[tuple, _StartTag]] = {}  # (tag, line) -> attributes -> start tag
        self.metas: dict[str, list[Any]] = {}  # lower-case name/property -> meta elements, in order
        self.meta_order: list[tuple[str, Any]] = []  # (name/property, element) in document order
        self.ld: list[tuple[Any, int]] = []  # (JSON value, offset of the script's content in source)
        self.itemprops: dict[str, list[Any]] = {}
        self.times: list[Any] = []
        self.title: Any = None
        self.h1s: list[Any] = []
        self.articles: list[Any] = []
        self.mains: list[Any] = []
        self.bylines: list[Any] = []
        self.links: dict[str, list[Any]] = {}
        self.cands: list[DateCandidate] = []

    # --- placing things in the source ---------------------------------------------------------------------

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def _parse_start_tag(self, p: int, name_len: int) -> _StartTag | None:
        src, n = self.src, len(self.src)
        i = p + 1 + name_len
        attrs: dict[str, tuple[int, int]] = {}
        while True:
            while i < n and (src[i] in _WS or src[i] == "/"):
                i += 1
            if i >= n:
                return None
            if src[i] == ">":
                return _StartTag(p, i, attrs)
            m = _ATTR_NAME.match(src, i)
            if m is None:  # a stray quote or '=': HTML takes it into a name; skip it
                i += 1
                continue
            name = m.group(0).lower()
            i = _SPACE.match(src, m.end()).end()  # type: ignore[union-attr]
            if i < n and src[i] == "=":
                i = _SPACE.match(src, i + 1).end()  # type: ignore[union-attr]
                if i < n and src[i] in "\"'":
                    close = src.find(src[i], i + 1)
                    if close < 0:
                        return None
                    span = (i + 1, close)
                    i = close + 1
                else:
                    e = _UNQUOTED.match(src, i).end()  # type: ignore[union-attr]
                    span = (i, e)
                    i = e
            else:
                span = (i, i)
            attrs.setdefault(name, span)

    def _tags_ending_on(self, tag: str, line: int) -> list[_StartTag]:
        key = (tag, line)
        got = self._tags.get(key)
        if got is not None:
            return got
        ls = self.line_starts
        if line > len(ls):
            self._tags[key] = []
            return []
        capped = line >= 65535  # libxml2 stops counting there
        lo = ls[max(0, line - 21)] if not capped else ls[65534 - 20]
        hi = ls[line] if line < len(ls) and not capped else len(self.src)
        out: list[_StartTag] = []
        rx = _tag_re(tag)
        for m in rx.finditer(self.src, lo, hi):
            t = self._parse_start_tag(m.start(), len(tag))
            if t is not None and (self._line_of(t.end) == line or (capped and self._line_of(t.end) >= 65535)):
                out.append(t)
        self._tags[key] = out
        return out

    def start_tag(self, el: Any) -> _StartTag | None:
        """The start tag of element ``el`` in the source, or None (an implied element, or one not found)."""
        line = el.sourceline
        tag = el.tag
        if not line or not isinstance(tag, str):
            return None
        tag = tag.lower()
        key = (tag, line)
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = {}
            for t in self._tags_ending_on(tag, line):
                sig = tuple(sorted((k, _NL.sub("\n", unescape(self.src[a:b]))) for k, (a, b) in t.attrs.items()))
                index.setdefault(sig, t)  # the first of identical tags
        return index.get(tuple(sorted((k.lower(), v) for k, v in el.attrib.items())))

    def attr(self, el: Any, name: str) -> Located | None:
        """Attribute ``name`` of ``el``, stripped, with the span of its characters (None when absent or blank)."""
        value = el.get(name)
        if value is None or not value.strip():
            return None
        t = self.start_tag(el)
        if t is None:  # markup lxml repaired differently from the tokeniser: the tag on that line with the same value
            key = [(k, el.get(k)) for k in ("name", "property", "itemprop", "rel", "http-equiv") if el.get(k) is not None and k != name]
            for c in self._tags_ending_on(el.tag.lower(), el.sourceline or 0)[:_MAX_REPAIRED]:
                if name in c.attrs and self._reads(c.attrs[name], value) and all(k in c.attrs and self._reads(c.attrs[k], v) for k, v in key):
                    t = c
                    break
        if t is not None and name in t.attrs:
            span = _trim(self.src, *t.attrs[name])
            if span is not None:
                return Located(unescape(self.src[span[0] : span[1]]), *span)
        return Located(value.strip())

    def _reads(self, span: tuple[int, int], value: str) -> bool:
        return _NL.sub("\n", unescape(self.src[span[0] : span[1]])) == value

    def text(self, el: Any) -> Located | None:
        """The text of ``el`` (whitespace runs collapsed when it cannot be placed), with its span when it is one run."""
        while len(el) == 1 and not (el.text or "").strip() and not (el[0].tail or "").strip() and isinstance(el[0].tag, str):
            el = el[0]
        full = _visible(el)
        if not full:
            return None
        if len(el) == 0 and el.text:
            t = self.start_tag(el)
            if t is not None:
                a = t.end + 1
                b = self.src.find("<", a)
                if b < 0:
                    b = len(self.src)
                if self._reads((a, b), el.text):
                    span = _trim(self.src, a, b)
                    if span is not None:
                        return Located(unescape(self.src[span[0] : span[1]]), *span)
        return Located(full)

    def jstr(self, value: Any, base: int) -> Located | None:
        """A JSON-LD string value (stripped; HTML references resolved when it has any) with its span in the source."""
        if not isinstance(value, str) or not value.strip():
            return None
        text = value.strip()
        if _ENTITY.search(text):
            text = unescape(text).strip()
        if isinstance(value, _JStr) and base >= 0:
            a, b = _json_trim(self.src[base + value.start : base + value.end])
            if a < b:
                return Located(text, base + value.start + a, base + value.start + b)
        return Located(text)

    # --- one walk over the tree ---------------------------------------------------------------------------

    def collect(self, root: Any) -> None:
        article_depth: list[Any] = []
        for el in root.iter():
            tag = el.tag
            if not isinstance(tag, str):
                continue
            tag = tag.lower()
            if tag == "meta":
                content = el.get("content")
                if content is None:
                    continue
                for a in ("property", "name", "itemprop", "http-equiv"):
                    k = el.get(a)
                    if k:
                        self.metas.setdefault(k.strip().lower(), []).append(el)
                        self.meta_order.append((k.strip().lower(), el))
            elif tag == "script":
                if (el.get("type") or "").strip().lower() == "application/ld+json":
                    self._read_ld(el)
            elif tag == "title":
                if self.title is None and not _in(el, "svg"):
                    self.title = el
            elif tag == "h1":
                self.h1s.append(el)
            elif tag == "time":
                self.times.append(el)
            elif tag == "article":
                self.articles.append(el)
            elif tag == "main":
                self.mains.append(el)
            elif tag == "link":
                rel = (el.get("rel") or "").lower()
                for r in rel.split():
                    self.links.setdefault(r, []).append(el)
            ip = el.get("itemprop")
            if ip:
                for k in ip.lower().split():
                    self.itemprops.setdefault(k, []).append(el)
            if tag not in ("meta", "link", "script", "html", "body") and (
                el.get("rel") == "author" or "author" in (el.get("itemprop") or "").lower() or _BYLINE_CLASS.search(_class_tokens(el))
            ):
                self.bylines.append(el)
        del article_depth

    def _read_ld(self, el: Any) -> None:
        t = self.start_tag(el)
        if t is not None:
            a = t.end + 1
            m = re.compile(r"</script", re.I).search(self.src, a)
            b = m.start() if m else len(self.src)
            raw, base = self.src[a:b], a
        else:
            raw, base = el.text or "", -1  # not placed: the values get no spans
        for v in _json_values(raw):
            self.ld.append((v, base))

    # --- the JSON-LD objects --------------------------------------------------------------------------------

    def _ld_objects(self) -> Iterator[tuple[dict, int, dict[str, dict]]]:
        """Every JSON-LD object (top-level values, lists, @graph, mainEntity; breadth first per script), with its
        script's base offset and the @id index."""
        for value, base in self.ld:
            ids: dict[str, dict] = {}
            queue: deque[Any] = deque([value])
            seen: list[dict] = []
            while queue:
                v = queue.popleft()
                if isinstance(v, list):
                    queue.extend(v)
                elif isinstance(v, dict):
                    seen.append(v)
                    i = v.get("@id")
                    if isinstance(i, str) and len(v) > 1:
                        ids.setdefault(i, v)
                    for k in ("@graph", "mainEntity"):  # not an ItemList's items: other stories
                        if k in v:
                            queue.append(v[k])
            for obj in seen:
                yield obj, base, ids

    def _articles_ld(self) -> tuple[list[tuple[dict, int, dict]], list[tuple[dict, int, dict]]]:
        arts, others = [], []
        for obj, base, ids in self._ld_objects():
            types = obj.get("@type")
            names = [types] if isinstance(types, str) else [t for t in types if isinstance(t, str)] if isinstance(types, list) else []
            if any(_article_type(t) for t in names):
                arts.append((obj, base, ids))
            else:
                others.append((obj, base, ids))
        return arts, others

    # --- assembling -------------------------------------------------------------------------------------------

    def _meta(self, names: tuple[str, ...] | frozenset[str]) -> Iterator[tuple[str, Any]]:
        """Meta elements named ``names``: in the tuple's order of preference, or in document order for a set."""
        if isinstance(names, frozenset):
            yield from ((k, el) for k, el in self.meta_order if k in names)
            return
        for k in names:
            for el in self.metas.get(k, ()):
                yield k, el

    def _first_meta(self, names: tuple[str, ...]) -> Located | None:
        for _k, el in self._meta(names):
            loc = self.attr(el, "content")
            if loc is not None:
                return loc
        return None

    def _date(self, source: str, key: str, loc: Located | None, rank: int) -> None:
        if loc is None:
            return
        d = parse_date(loc.value)
        if d is not None:
            self.cands.append(DateCandidate(source, key, d, loc, rank))

    def _scope(self) -> Any:
        """The element holding the article: the <article> with the page's h1, else the first <article>, else <main>."""
        for a in self.articles[:50]:
            for h in self.h1s[:50]:
                if _within(h, a):
                    return a
        if self.articles:
            return self.articles[0]
        return self.mains[0] if self.mains else None

    def fill(self, meta: PageMeta) -> None:
        arts, others = self._articles_ld()
        art = arts[0] if arts else None

        # dates
        for obj, base, _ids in arts[:1]:
            typ = obj.get("@type")
            typ = typ if isinstance(typ, str) else "Article"
            self._date("json-ld", f"{typ}.datePublished", self.jstr(obj.get("datePublished"), base), _R_JSONLD)
            self._date("json-ld", f"{typ}.dateCreated", self.jstr(obj.get("dateCreated"), base), _R_JSONLD_WEAK)
        for obj, base, _ids in others:
            self._date("json-ld", "datePublished", self.jstr(obj.get("datePublished"), base), _R_JSONLD_WEAK)
        for k, el in self._meta(_META_DATE):
            if (el.get("itemprop") or "").strip().lower() == k:  # <meta itemprop="datePublished" content=...>
                self._date("itemprop", "datePublished", self.attr(el, "content"), _R_ITEMPROP)
            else:
                self._date("meta", k, self.attr(el, "content"), _R_META)
        for k, el in self._meta(_META_DATE_WEAK):
            self._date("meta", k, self.attr(el, "content"), _R_META_WEAK)
        for el in self.itemprops.get("datepublished", ()):
            if el.tag == "meta":
                continue  # already a meta candidate
            loc = self.attr(el, "datetime") or self.attr(el, "content") or self.text(el)
            self._date("itemprop", "datePublished", loc, _R_ITEMPROP)
        scope = self._scope()
        times = [t for t in self.times if t.get("datetime")]
        pub = [t for t in times if t.get("pubdate") is not None]
        first_in = [t for t in times if scope is not None and _within(t, scope)][:1]
        for t in pub or first_in:
            self._date("time", "time[pubdate]" if pub else "time", self.attr(t, "datetime"), _R_TIME)
        for el in self.links.get("canonical", [])[:1] + [el for _k, el in self._meta(("og:url",))][:1]:
            href = self.attr(el, "href" if el.tag == "link" else "content")
            if href is None:
                continue
            m = _URL_DATE.search(href.value)
            if m:
                d = parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
                if d is not None:
                    at = Located(m.group(0)[1:])
                    raw = self.src[href.start : href.end] if href.start >= 0 else ""
                    if raw == href.value:  # no references in the URL: the match's offsets are the source's
                        at = Located(m.group(0)[1:], href.start + m.start() + 1, href.start + m.end())
                    self.cands.append(DateCandidate("url", "url", d, at, _R_URL))
        self.cands.sort(key=lambda c: c.rank)  # stable: document order within a rank
        meta.date_candidates = self.cands
        best = _choose(self.cands)
        if best is not None:
            meta.date, meta.date_source, meta.date_at = best.date, best.source, best.at

        # headline
        hl = None
        if art is not None:
            hl = self.jstr(art[0].get("headline"), art[1]) or self.jstr(art[0].get("name"), art[1])
        meta.headline = hl or self._first_meta(_META_TITLE) or self._page_headline(scope)

        # standfirst
        sf = self.jstr(art[0].get("description"), art[1]) if art is not None else None
        meta.standfirst = sf or self._first_meta(_META_DESC)

        # authors and byline
        authors: list[Located] = []
        if art is not None:
            authors = self._ld_people(art[0].get("author"), art[1], art[2])
        if not authors:
            for _k, el in self._meta(_META_AUTHOR):
                loc = self.attr(el, "content")
                if loc is None:
                    continue
                if not _is_url(loc.value):
                    authors.append(loc)
                elif "|" in loc.value:  # "www.site.example | Name": the parts that are no address
                    authors.extend(Located(p.strip()) for p in loc.value.split("|") if p.strip() and not _is_url(p))
        meta.byline = self._byline(scope)
        names: list[str] = []
        for a in authors:
            names.extend(_split_names(a.value))
        if not names and meta.byline is not None:
            names = byline_names(meta.byline.value)
        meta.authors = _dedupe(names)
        if meta.byline is None and authors:
            distinct = {a.value.casefold(): a for a in reversed(authors)}  # the first of each name
            meta.byline = authors[0] if len(distinct) == 1 else Located(", ".join(_dedupe([a.value for a in authors])))

        # place
        if art is not None:
            obj, base, _ids = art
            place = self.jstr(obj.get("dateline"), base)
            if place is None:
                loc = obj.get("contentLocation")
                if isinstance(loc, list) and loc:
                    loc = loc[0]
                place = self.jstr(loc.get("name"), base) if isinstance(loc, dict) else self.jstr(loc, base)
            meta.place = place

        # outlet
        outlet = None
        if art is not None:
            pub_obj = art[0].get("publisher")
            if isinstance(pub_obj, list) and pub_obj:
                pub_obj = pub_obj[0]
            if isinstance(pub_obj, dict):
                ref = pub_obj.get("@id")
                if "name" not in pub_obj and isinstance(ref, str):
                    pub_obj = art[2].get(ref, pub_obj)
                outlet = self.jstr(pub_obj.get("name"), art[1])
        meta.outlet = outlet or self._first_meta(_META_OUTLET)

    def _page_headline(self, scope: Any) -> Located | None:
        """The headline from the page itself: the article's h1 when the <title> holds it (or there is no title; a
        page's first h1 is often a section's name), else the title without its site-name part."""
        title = self.text(self.title) if self.title is not None else None
        h1s = [h for h in self.h1s if scope is not None and _within(h, scope)] or self.h1s
        for h in h1s:
            loc = self.text(h)
            if loc is not None and (title is None or _WSRUN.sub(" ", loc.value).casefold() in _WSRUN.sub(" ", title.value).casefold()):
                return loc
        if title is None:
            return None
        return self._title_part(title)

    def _title_part(self, title: Located) -> Located:
        """A <title> less its last part after a separator ("Headline | Site", "Headline - Site"), when what is left
        still reads as a headline (three words or more, or ten characters of a script without spaces)."""
        seps = list(_TITLE_SEP.finditer(title.value))
        if not seps:
            return title
        head = title.value[: seps[-1].start()].rstrip()
        if len(head.split()) < 3 and len(head) < 10:
            return title
        if title.start >= 0:
            raw = self.src[title.start : title.end]
            for k in range(len(raw), 0, -1):  # the raw prefix that reads as the head
                if unescape(raw[:k]) == head:
                    return Located(head, title.start, title.start + k)
        return Located(head)

    def _ld_people(self, value: Any, base: int, ids: dict[str, dict]) -> list[Located]:
        out: list[Located] = []
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                ref = v.get("@id")
                if "name" not in v and isinstance(ref, str):
                    v = ids.get(ref, v)
                loc = self.jstr(v.get("name"), base)
            else:
                loc = self.jstr(v, base)
            if loc is not None and not _is_url(loc.value):
                out.append(loc)
        return out

    def _byline(self, scope: Any) -> Located | None:
        """The author line as the page shows it: the first element marked as byline or author (in the article when
        one holds any) whose text reads as a name line. Marked elements nest (a byline box holding the names and the
        date, the names in it), and document order visits the box before the names: a box with a date is passed over
        for the name line inside it."""
        marked = [el for el in self.bylines if not _BYLINE_NOT.search(_class_tokens(el))]
        inside = [el for el in marked if scope is not None and _within(el, scope)]
        pool = inside or marked
        pool = [el for el in pool if not _in(el, "nav", "aside", "form") and not _page_footer(el) and not _around(el)]
        for el in pool[:_MAX_BYLINES]:
            if _name_line(_visible(el, 200)):
                return self.text(el)
        return None


def _choose(cands: list[DateCandidate]) -> DateCandidate | None:
    """The publication date: the earliest the page's strong statements give (a later one is an update restated as
    the publication, or a day shifted to UTC), else the strongest weaker one. ``cands`` are sorted by rank."""
    strong = [c for c in cands if c.rank <= STRONG_RANK]
    if not strong:
        return cands[0] if cands else None
    day = min(c.date for c in strong)
    return next(c for c in strong if c.date == day)


def _article_type(t: str) -> bool:
    """Whether a JSON-LD @type (``NewsArticle``, ``schema:Article``, ``http://schema.org/BlogPosting``) is a story."""
    t = re.split(r"[/:#]", t)[-1].strip().lower()
    return t in _ARTICLE_TYPES or t.endswith(("article", "posting"))


def _trim(src: str, a: int, b: int) -> tuple[int, int] | None:
    """The span inside ``src[a:b]`` (raw HTML text) whose decoded text is the decoded whole stripped of whitespace,
    literal or written as references (``&#xa;``); None when there is none or the decoded text is blank."""
    want = unescape(src[a:b]).strip()
    if not want:
        return None
    i, j = a, b
    while i < j:
        if src[i] in _WS:
            i += 1
            continue
        m = _ANY_REF.match(src, i, j) if src[i] == "&" else None
        if m is not None and not unescape(m.group(0)).strip():
            i = m.end()
            continue
        break
    while j > i:
        if src[j - 1] in _WS:
            j -= 1
            continue
        if src[j - 1] == ";":
            amp = src.rfind("&", i, j)
            if amp >= 0 and _ANY_REF.fullmatch(src, amp, j) and not unescape(src[amp:j]).strip():
                j = amp
                continue
        break
    return (i, j) if i < j and unescape(src[i:j]) == want else None


def _within(el: Any, anc: Any) -> bool:
    while el is not None:
        if el is anc:
            return True
        el = el.getparent()
    return False


def _in(el: Any, *tags: str) -> bool:
    el = el.getparent()
    while el is not None:
        if isinstance(el.tag, str) and el.tag.lower() in tags:
            return True
        el = el.getparent()
    return False


def _visible(el: Any, limit: int = 0) -> str:
    """The element's text without script/style contents, whitespace collapsed (its start only when ``limit``:
    the first ``limit`` characters or a few more)."""
    parts: list[str] = []
    stack = [(el, False)]
    size = 0
    while stack:
        if limit and size > limit:
            break
        e, tail_only = stack.pop()
        if tail_only:
            if e.tail:
                parts.append(e.tail)
            continue
        tag = e.tag if isinstance(e.tag, str) else ""
        if e is not el:
            stack.append((e, True))
        if tag.lower() in _NOT_TEXT or not tag:
            continue
        if tag.lower() in _BLOCKS:  # a block's text is apart from what is around it
            parts.append(" ")
            stack.append((_SPACER, True))
        if e.text:
            parts.append(e.text)
            size += len(e.text)
        for child in reversed(list(e)):
            stack.append((child, False))
    return _WSRUN.sub(" ", "".join(parts)).strip()


class _Spacer:
    tail = " "


_SPACER = _Spacer()


def _name_line(text: str) -> bool:
    """Whether ``text`` reads as a byline (names, perhaps "By"), not a date, a handle or a paragraph."""
    rest = _BY.sub("", text)
    return 2 < len(rest) <= 80 and any(c.isalpha() for c in rest) and not _NOT_NAME.search(rest)


def _page_footer(el: Any) -> bool:
    """Whether ``el`` is inside the page's footer: a <footer> that is not a story's own (inside an <article>,
    <main> or <header>, where pages put the byline and the date)."""
    x = el.getparent()
    while x is not None:
        if isinstance(x.tag, str) and x.tag.lower() == "footer":
            return not _in(x, "article", "main", "header")
        x = x.getparent()
    return False


_DATE_TAIL = re.compile(
    r"\s*(?:[-–—|•·,@]\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"(?:last\s+)?(?:updated|published|posted)\b|(?<![^\W\d_])\d).*$|\s+[—|]\s+.*$",
    re.I | re.S,
)
_LABEL = re.compile(
    r"^\s*(?:(?:written|words|reporting|text)\s+by\s*:?\s*|(?:редактор|автор|author|autor|text|texto|texte|reporter|reporting)\s*:\s*)", re.I
)


def byline_names(text: str) -> list[str]:
    """The names in a byline as a page shows it: "By" or a label ("Author:") dropped, a date or time after the names
    cut off ("Joe Wee Monday, February 29, 2016", "By Jane Roe March 11, 2015 3:46 PM"), split on commas and "and";
    only the parts that read as names (no digits, handles, URLs). [] for a date line or a label alone."""
    rest = _LABEL.sub("", _BY.sub("", _WSRUN.sub(" ", text)).strip()).strip()
    rest = _DATE_TAIL.sub("", rest).strip(" ,|-–—•·")
    return _dedupe([n for n in _split_names(rest) if _name_line(n)])


def _around(el: Any) -> bool:
    """Whether ``el`` is inside a comments, related-stories or sidebar part of the page (by class or id)."""
    el = el.getparent()
    while el is not None:
        if isinstance(el.tag, str) and _AROUND.search(_class_tokens(el)):
            return True
        el = el.getparent()
    return False


def _is_url(s: str) -> bool:
    return bool(re.match(r"\s*(?:https?:)?//|\s*www\.", s)) or ("/" in s and " " not in s.strip())


def _split_names(s: str) -> list[str]:
    s = _BY.sub("", _WSRUN.sub(" ", s)).strip()
    if not s or _is_url(s):
        return []
    return [p.strip(" .·|-–—") for p in _NAME_SPLIT.split(s) if p.strip(" .·|-–—")]


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = n.casefold()
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out
