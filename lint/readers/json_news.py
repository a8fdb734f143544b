"""Newsroom JSON files: IPTC ninjs (1.x to 3.x), WordPress REST posts and schema.org NewsArticle JSON-LD.

``extract_json(source)`` returns the article of a JSON file as an
:class:`~lint.readers.mapped.Extracted` (format "json", ``flavour`` "ninjs",
"wordpress" or "json-ld"), each character of each text block mapped to the
characters of the file it was decoded from.

Which format, by shape (checked in this order):

* **JSON-LD**: an object (or a list of objects, or an object's ``@graph``)
  whose ``@type`` is ``NewsArticle``, one of its subtypes, ``Article``,
  ``BlogPosting`` or ``Report`` (``schema:``/URL prefixes allowed).
  ``headline`` (headline), ``description`` (standfirst), ``articleBody``
  (paragraphs), ``datePublished`` (else ``dateCreated``), ``author``
  (string, object, list, or an ``@id`` reference to a node of the graph),
  ``publisher.name`` (outlet), ``dateline`` (place). Strings that contain
  HTML tags or character references are read as HTML.
* **WordPress REST post** (``/wp-json/wp/v2/posts/ID``, with or without
  ``?_embed``): ``title`` is an object with ``rendered``. ``title.rendered``
  (headline, HTML), ``excerpt.rendered`` (standfirst, HTML),
  ``content.rendered`` (body, HTML), ``date`` (the site's local time, as
  written; else ``date_gmt``), ``_embedded.author[].name`` (authors; else
  ``yoast_head_json.author``), ``yoast_head_json.og_site_name`` (outlet).
  ``_embedded["wp:term"]`` (categories, tags) is not article text.
* **ninjs**: an object with ``headline``, ``headlines``, ``bodies``, a
  ``body_*`` property, or ``standard.name``/``$standard.name`` "ninjs". One
  reader for 1.x, 2.x and 3.x: property names are matched without regard to
  case (3.x writes ``versionCreated``, ``contentType``, ``copyrightHolder``),
  and both the 1.x properties (``headline``, ``body_text``/``body_html``/any
  ``body_*``, ``description_text``/``description_html``/any
  ``description_*``, ``byline``) and the 2.x/3.x arrays (``headlines``,
  ``bodies``, ``descriptions``: objects with ``value``, ``role``,
  ``contenttype``; ``by``) are read. The headline is the one with role
  "main" (or no role), else the first; the body is the first with an HTML or
  XML content type (the richest rendering: 2.x/3.x files often carry the
  same text as text/plain and as HTML), else the one with role "main" (or no
  role), else the first; the standfirst is a description with role summary,
  abstract, standfirst, lead, teaser, description, main or no role.
  ``byline``/``by``: byline block and authors. Date: ``embargoed``, else
  ``firstcreated``, ``versioncreated``, ``contentcreated``. ``located``:
  place. Outlet: ``copyrightholder``, else ``provider`` (string or
  ``{name}``), else the first ``infosource(s)`` name. ``places``,
  ``people``, ``organisations``, ``subjects`` are what the story is about,
  not metadata of the article, and are not read.

A list of several articles (a WordPress ``/posts`` page) is refused: one
article per file. A standfirst that is only the start of the body (a
WordPress excerpt made from the first words, a JSON-LD description copied
from the first paragraph) is dropped, as it is not shown twice when the
article is published.

Text: HTML strings (``content.rendered``, ``body_html``, bodies with an HTML
or XML content type, and the detected ones) are read with the HTML mapper
(``lint.readers.html_map.map_html``, each character's range as the HTML
reader's ``piece_of`` gives it): a body's blocks with kinds by tag, minus
the boxes CMS plugins add to the content (see ``_html_pieces``); a short
HTML field (headline, standfirst) is one block. The body's first block is
the byline when the file has no byline field and it reads "By ...". Plain
text bodies become paragraphs: at blank lines when the text has any, else
at each line break; the line breaks left inside a paragraph become a space.

Positions. ``json.loads`` gives none, so the file is also scanned by a small
tokenizer (``_scan``) that records, for every string value, the span of its
raw characters between the quotes and its JSON pointer (RFC 6901:
``/content/rendered``, ``/headlines/0/value``; ``~`` and ``/`` in keys
written ``~0`` and ``~1``). A string's decoder (``_decode``) gives each
decoded character its source range: ``\\"`` two characters, ``\\u00e9``
six, a surrogate pair ``\\ud83d\\ude00`` one code point over twelve (a lone
surrogate escape is read as U+FFFD).
For HTML inside a string, the HTML reader's offsets (into the decoded
string) are mapped through that string's table: a character's start is the
start of the first decoded character it came from, its end the end of the
last. ``Extracted.pointer(offset)`` gives (pointer, offset in the decoded
string) for an offset inside a string value. Metadata ``Located`` spans are
the raw characters of the string's value (inside the quotes), with the
decoded value. Dates keep the calendar date as written (no time-zone
conversion).

Fixes: a replacement is written JSON-escaped (``Extracted.escape``); in a
block that came from HTML it is first HTML-escaped (& < >) then
JSON-escaped, which each such block says in its own ``Piece.escape``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import json
import re
from array import array
from collections.abc import Callable, Iterator
from typing import Any

from lint.readers.mapped import Extracted, Located, Piece

__all__ = ["JsonReadError", "NotNewsJSON", "extract_json", "html_escape_json", "json_escape", "split_authors"]

NOT_NEWS = "not a news article JSON (expected ninjs, WordPress REST post or schema.org NewsArticle)"

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_SCALAR = re.compile(r"[^,\]} \t\n\r]+")
_SHORT_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
_LOOKS_HTML = re.compile(
    r"<(?:p|div|br|hr|h[1-6]|ul|ol|li|em|strong|b|i|a|span|blockquote|figure|img|section|article)\b[^<>]*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});",
    re.I,
)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n|\r[ \t\f\v]*\r")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\bog\b|\boch\b)\s*")
_BY_WORD = re.compile(r"(?i)^(?:by|von|par|por|door|av|af)[:\s]\s*(?=[^\W\d_])")  # "By", and the word in de, fr, es/pt, nl, sv/no/da
# the last word of a byline part that is an outlet or a role, not a person: "Coastal Wire", "Reuters Staff", "AP Writer"
_NOT_NAME_ENDS = frozenset(
    "wire news press agency staff writer writers editor editors correspondent correspondents reporter reporters columnist "
    "journalist contributor service services media newsroom desk team bureau online".split()
)
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*$")

# schema.org types read as an article
_ARTICLE_TYPES = frozenset(
    "article newsarticle reportagenews analysisnewsarticle opinionnewsarticle backgroundnewsarticle reviewnewsarticle "
    "asknewsarticle askpublicnewsarticle satiricalarticle blogposting liveblogposting report".split()
)
_STANDFIRST_ROLES = frozenset("summary abstract standfirst lead teaser description main intro".split())


class JsonReadError(ValueError):
    """A JSON file that cannot be read: invalid JSON (``lineno``/``colno`` 1-based, as json.JSONDecodeError has them),
    several articles in one list."""

    def __init__(self, problem: str, lineno: int | None = None, colno: int | None = None):
        self.problem, self.lineno, self.colno = problem, lineno, colno
        super().__init__(f"{problem} (line {lineno}, column {colno})" if lineno is not None else problem)


class NotNewsJSON(JsonReadError):
    """Well-formed JSON that is none of the article formats (a folder's package.json): not an error in a folder."""


def json_escape(s: str) -> str:
    """``s`` written as the content of a JSON string literal."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def html_escape_json(s: str) -> str:
    """``s`` written as HTML text (& < > escaped) inside a JSON string literal."""
    return json_escape(html.escape(s, quote=False))


# --------------------------------------------------------------------------
# The tokenizer: where each string value is, and its JSON pointer.


def _pointer_token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _scan(src: str, i: int) -> list[tuple[int, int, str]]:
    """For every string value of the (valid) JSON text ``src`` from ``i``: (content start, content end, JSON pointer).

    Content start/end are the offsets just inside the quotes. Keys are not listed. ``src`` must be valid JSON
    (``json.loads`` has accepted it): the scanner does not check the grammar."""
    out: list[tuple[int, int, str]] = []
    string, scalar = _STRING.match, _SCALAR.match

    def ws(j: int) -> int:
        m = _WS.match(src, j)
        return m.end() if m is not None else j

    stack: list[list[Any]] = []  # [is_array, pointer of the container, index of the current item]

    def key_at(j: int) -> tuple[str, int]:
        m = string(src, j)
        if m is None:  # cannot happen on valid JSON
            raise AssertionError(f"no key at {j}")
        k = json.loads(m.group())
        j = ws(m.end())  # at ":"
        return k, ws(j + 1)

    ptr = ""
    i = ws(i)
    while True:
        c = src[i]
        if c == "{" or c == "[":
            j = ws(i + 1)
            if src[j] in "}]":
                i = j + 1
            else:
                if c == "[":
                    stack.append([True, ptr, 0])
                    ptr += "/0"
                    i = j
                else:
                    k, i = key_at(j)
                    stack.append([False, ptr, 0])
                    ptr = ptr + "/" + _pointer_token(k)
                continue
        elif c == '"':
            m = string(src, i)
            if m is None:
                raise AssertionError(f"no string at {i}")
            out.append((i + 1, m.end() - 1, ptr))
            i = m.end()
        else:
            m = scalar(src, i)
            if m is None:
                raise AssertionError(f"no value at {i}")
            i = m.end()
        # after a value: the next item of the container, or the container's end
        while True:
            i = ws(i)
            if not stack:
                return out
            top = stack[-1]
            if src[i] == ",":
                j = ws(i + 1)
                if top[0]:
                    top[2] += 1
                    ptr = top[1] + "/" + str(top[2])
                    i = j
                else:
                    k, i = key_at(j)
                    ptr = top[1] + "/" + _pointer_token(k)
                break
            i += 1  # '}' or ']'
            stack.pop()


def _decode(src: str, a: int, b: int) -> tuple[str, array, array]:
    """The decoded value of the JSON string whose raw content is ``src[a:b]``, with each character's source range."""
    if src.find("\\", a, b) < 0:
        return src[a:b], array("q", range(a, b)), array("q", range(a + 1, b + 1))
    chars: list[str] = []
    starts, ends = array("q"), array("q")
    i = a
    while i < b:
        j = src.find("\\", i, b)
        if j < 0:
            j = b
        if j > i:
            chars.append(src[i:j])
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
        if j >= b:
            break
        e = src[j + 1]
        if e != "u":
            chars.append(_SHORT_ESCAPES[e])
            starts.append(j)
            ends.append(j + 2)
            i = j + 2
            continue
        n = int(src[j + 2 : j + 6], 16)
        end = j + 6
        if 0xD800 <= n <= 0xDBFF and src.startswith("\\u", end) and end + 6 <= b:
            low = int(src[end + 2 : end + 6], 16)
            if 0xDC00 <= low <= 0xDFFF:
                n = 0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00)
                end += 6
        if 0xD800 <= n <= 0xDFFF:  # a lone surrogate (json.loads keeps it; no output could print it)
            n = 0xFFFD
        chars.append(chr(n))
        starts.append(j)
        ends.append(end)
        i = end
    return "".join(chars), starts, ends


# --------------------------------------------------------------------------
# The document: the decoded tree, where its strings are, and blocks cut from them.


class _Str:
    """One string value of the file: its raw content span, decoded lazily with each character's source range."""

    __slots__ = ("_table", "a", "b", "pointer", "src")

    def __init__(self, src: str, a: int, b: int, pointer: str):
        self.src, self.a, self.b, self.pointer = src, a, b, pointer
        self._table: tuple[str, array, array] | None = None

    @property
    def table(self) -> tuple[str, array, array]:
        if self._table is None:
            self._table = _decode(self.src, self.a, self.b)
        return self._table


def _slice(kind: str, table: tuple[str, array, array], i: int, j: int, escape: Callable[[str], str]) -> Piece:
    text, st, en = table
    return _piece(kind, text[i:j], st[i:j], en[i:j], True, escape)


def _piece(kind: str, text: str, starts: array, ends: array, exact: bool, escape: Callable[[str], str]) -> Piece:
    p = Piece(kind, text, starts, ends, exact and -1 not in starts)
    p.escape = escape
    return p


def _strip_span(text: str, i: int, j: int) -> tuple[int, int]:
    while i < j and text[i].isspace():
        i += 1
    while j > i and text[j - 1].isspace():
        j -= 1
    return i, j


def _collapse_breaks(kind: str, table: tuple[str, array, array], i: int, j: int) -> Piece | None:
    """The stripped text of ``table[i:j]`` as one block, each run of white space with a line break in it one space."""
    text, st, en = table
    i, j = _strip_span(text, i, j)
    if i >= j:
        return None
    seg = text[i:j]
    if "\n" not in seg and "\r" not in seg:
        return _slice(kind, table, i, j, json_escape)
    out: list[str] = []
    starts, ends = array("q"), array("q")
    k = i
    for m in re.finditer(r"[ \t\f\v]*[\r\n][ \t\r\n\f\v]*", text[i:j]):
        a, b = m.start() + i, m.end() + i
        out.append(text[k:a])
        starts.extend(st[k:a])
        ends.extend(en[k:a])
        out.append(" ")
        starts.append(st[a])
        ends.append(en[b - 1])
        k = b
    out.append(text[k:j])
    starts.extend(st[k:j])
    ends.extend(en[k:j])
    return _piece(kind, "".join(out), starts, ends, True, json_escape)


def _plain_paragraphs(table: tuple[str, array, array], kind: str = "paragraph") -> list[Piece]:
    """A plain-text body as paragraphs: split at blank lines when there are any, else at every line break."""
    text = table[0]
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    out: list[Piece] = []
    k = 0
    for m in [*splitter.finditer(text), None]:
        a = m.start() if m is not None else len(text)
        p = _collapse_breaks(kind, table, k, a)
        if p is not None:
            out.append(p)
        if m is not None:
            k = m.end()
    return out


def _html_blocks(source: str) -> list[Piece]:
    """The text blocks of a short HTML string (a headline, an excerpt) as pieces, each character's range in ``source``.

    The HTML mapper's blocks, not the HTML reader's body selection: such a field is all text, however short."""
    from lint.readers.html import piece_of
    from lint.readers.html_map import map_html

    return [piece_of(source, "paragraph", b) for b in map_html(source).blocks]


def _compose(p: Piece, table: tuple[str, array, array], kind: str | None = None) -> Piece:
    """A piece whose offsets are into a decoded string, re-mapped to the file through the string's table."""
    _, st, en = table
    n = len(st)
    starts = array("q", [st[s] if 0 <= s < n else -1 for s in p.starts])
    ends = array("q", [en[e - 1] if 0 < e <= n else -1 for e in p.ends])
    return _piece(kind or p.kind, p.text, starts, ends, p.exact, html_escape_json)


_TAG_KINDS = {"h1": "headline", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
              "li": "list", "dt": "list", "dd": "list"}
_CHROME_TAGS = frozenset("nav aside footer form button header dialog menu fieldset label select noscript".split())
# class or id of a box that a CMS plugin puts into the content but that is not the story (sharing, related posts ...)
_CHROME_NAMES = re.compile(
    r"shar(?:e|ing)|sharedaddy|social|related|newsletter|subscri|signup|sign-up|promo|advert|sponsor|(?:^|[\s_-])ads?(?:$|[\s_-])"
    r"|ad-slot|adsense|donat|paywall|cookie|jp-relatedposts|yarpp|wp-block-buttons|read-more|more-link|author-bio",
    re.I,
)


def _in_chrome(el: Any, cache: dict[Any, bool]) -> bool:
    """Whether the element or one of its ancestors is a box that is not the story's text."""
    path = []
    found = False
    while el is not None:
        if el in cache:
            found = cache[el]
            break
        path.append(el)
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        names = (el.get("class") or "") + " " + (el.get("id") or "")
        style = (el.get("style") or "").replace(" ", "").lower()
        if (tag in _CHROME_TAGS or _CHROME_NAMES.search(names) or el.get("hidden") is not None
                or el.get("aria-hidden") == "true" or "display:none" in style):
            found = True
            break
        el = el.getparent()
    for e in path:
        cache[e] = found
    return found


def _html_pieces(table: tuple[str, array, array]) -> list[Piece]:
    """An HTML body held in a JSON string, its blocks mapped to the file.

    The string is the article's body by declaration: all its text blocks (``map_html``), kinds by tag (h1 a headline,
    made a heading after the file's own headline; h2-h6 headings; li, dt, dd list items; the rest paragraphs), minus
    the boxes a CMS plugin adds to the content (sharing buttons, related posts, newsletter sign-ups, ads; hidden
    elements) and nav, aside, footer, form. Not the HTML reader's page-level body selection, which is made for whole
    pages: on a fragment it drops short posts and all but one of a post's ``<div>`` groups, and its page metadata
    (htmldate) has nothing to find there."""
    from lint.readers.html import piece_of
    from lint.readers.html_map import map_html

    source = table[0]
    cache: dict[Any, bool] = {}
    pieces = [piece_of(source, _TAG_KINDS.get(b.tag, "paragraph"), b) for b in map_html(source).blocks
              if b.element is None or not _in_chrome(b.element, cache)]
    return [_compose(p, table) for p in pieces if p.text.strip()]


def _html_inline(table: tuple[str, array, array], kind: str) -> Piece | None:
    """A short HTML field (a headline, an excerpt) as one block: its blocks joined by a space that spans what is between."""
    source = table[0]
    parts = _html_blocks(source) if "<" in source else []
    if not parts:  # character references and no tags (or no blocks): the whole string as one text run
        parts = _html_blocks("<p>" + source + "</p>")
        for p in parts:
            p.starts = array("q", (s - 3 if s >= 0 else -1 for s in p.starts))
            p.ends = array("q", (e - 3 if e >= 0 else -1 for e in p.ends))
    if not parts:
        return None
    text: list[str] = []
    starts, ends = array("q"), array("q")
    exact = True
    for p in parts:
        if text:
            text.append(" ")
            starts.append(ends[-1] if ends[-1] >= 0 else -1)
            ends.append(p.starts[0] if p.starts[0] >= 0 else -1)
        text.append(p.text)
        starts.extend(p.starts)
        ends.extend(p.ends)
        exact = exact and p.exact
    joined = Piece(kind, "".join(text), starts, ends, exact)
    return _compose(joined, table, kind)


class _Doc:
    def __init__(self, src: str, tree: Any, strings: list[tuple[int, int, str]]):
        self.src, self.tree = src, tree
        self.strings = [_Str(src, a, b, p) for a, b, p in strings]
        self.by_pointer = {s.pointer: s for s in self.strings}  # a duplicate key: the last one, as json.loads keeps
        self._starts = [s.a for s in self.strings]

    def string(self, ptr: str) -> _Str | None:
        return self.by_pointer.get(ptr)

    def located(self, ptr: str) -> Located | None:
        s = self.by_pointer.get(ptr)
        if s is None:
            return None
        value = s.table[0].strip()
        return Located(value, s.a, s.b) if value else None

    def plain(self, ptr: str, kind: str) -> Piece | None:
        """A one-block field (a headline, a byline) given as plain text."""
        s = self.by_pointer.get(ptr)
        if s is None:
            return None
        t = s.table
        if _LOOKS_HTML.search(t[0]):
            return _html_inline(t, kind)
        return _collapse_breaks(kind, t, 0, len(t[0]))

    def html_field(self, ptr: str, kind: str) -> Piece | None:
        s = self.by_pointer.get(ptr)
        return _html_inline(s.table, kind) if s is not None else None

    def body(self, ptr: str, is_html: bool | None) -> list[Piece]:
        """A body: HTML through the HTML reader, plain text as paragraphs; ``None``: HTML when it looks like it."""
        s = self.by_pointer.get(ptr)
        if s is None:
            return []
        t = s.table
        if is_html is None:
            is_html = bool(_LOOKS_HTML.search(t[0]))
        return _html_pieces(t) if is_html else _plain_paragraphs(t)

    def pointer(self, offset: int) -> tuple[str, int] | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0:
            return None
        s = self.strings[k]
        if offset > s.b:
            return None
        _, st, _ = s.table
        return s.pointer, bisect.bisect_right(st, offset) - 1 if offset < s.b else len(st)


# --------------------------------------------------------------------------
# Helpers over the decoded tree.


def _ci(obj: dict, *names: str) -> tuple[str, Any] | None:
    """The first property of ``obj`` named (case-insensitively) one of ``names``, in the order of ``names``."""
    lower = {k.lower(): k for k in obj}
    for n in names:
        k = lower.get(n)
        if k is not None and obj[k] not in (None, "", [], {}):
            return k, obj[k]
    return None


def _ptr(base: str, *keys: str | int) -> str:
    return base + "".join("/" + _pointer_token(str(k)) for k in keys)


def _date(doc: _Doc, ptr: str, source: str, out: Extracted) -> bool:
    loc = doc.located(ptr)
    if loc is None:
        return False
    m = _ISO_DATE.match(loc.value)
    d: dt.date | None = None
    if m is not None:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            d = None
    else:
        from lint.dates import parse_date

        d = parse_date(loc.value)
    if d is None:
        return False
    out.date, out.date_source, out.date_at = d, source, loc
    return True


def split_authors(byline: str) -> list[str]:
    """The names in a byline: "By Jane Roe and John Doe, AP" -> ["Jane Roe", "John Doe"] (a one-word part, an agency
    such as "AP" or "dpa", is kept only when it is all there is)."""
    from lint.readers.text import byline_author

    line = _BY_WORD.sub("By ", byline.strip(), count=1)
    name = byline_author(line) if line.startswith("By ") else line
    if not name:
        return []
    parts = [p.strip(" .,;:-|/") for p in _AUTHOR_SPLIT.split(name)]
    parts = [p for p in parts if p and any(c.isupper() for c in p) and p.split()[-1].lower() not in _NOT_NAME_ENDS]
    names = [p for p in parts if len(p.split()) >= 2] or parts[:1]
    return list(dict.fromkeys(names))


def _words(text: str) -> list[str]:
    return text.split()


def _drop_repeated_standfirst(out: Extracted) -> None:
    """Drop a standfirst that is only the body's first words (an automatic excerpt), with its ellipsis."""
    sf = [p for p in out.pieces if p.kind == "standfirst"]
    body = [p for p in out.pieces if p.kind not in ("headline", "standfirst", "byline")]
    if not sf or not body:
        return
    lead = _words(_TRAILING_ELLIPSIS.sub("", sf[0].text))
    if not lead:
        return
    words: list[str] = []
    for p in body:
        words.extend(_words(p.text))
        if len(words) >= len(lead):
            break
    n = len(lead)
    if words[:n] == lead or (n > 3 and words[: n - 1] == lead[:-1] and words[n - 1].startswith(lead[-1])):
        out.pieces.remove(sf[0])


def _order(pieces: list[Piece], authors: list[str]) -> list[Piece]:
    """Headline, standfirst, byline, then the body in its order. An h1 in an HTML body after the file's headline is a
    heading; the body's first block is the byline when the file has none and it reads "By ..." (its names the authors
    when the file names none)."""
    from lint.readers.text import looks_like_byline

    rank = {"headline": 0, "standfirst": 1, "byline": 2}
    out = sorted(pieces, key=lambda p: rank.get(p.kind, 3))
    for p in out[1:]:
        if p.kind == "headline" and out[0].kind == "headline":
            p.kind = "heading"
    body = [p for p in out if p.kind not in rank]
    if body and not any(p.kind == "byline" for p in out) and _BY_WORD.match(body[0].text) and looks_like_byline(body[0].text):
        body[0].kind = "byline"
        if not authors:
            authors.extend(split_authors(body[0].text))
        out = sorted(out, key=lambda p: rank.get(p.kind, 3))
    return out


# --------------------------------------------------------------------------
# The three formats.


def _type_names(node: dict) -> set[str]:
    t = node.get("@type")
    names = t if isinstance(t, list) else [t]
    out = set()
    for n in names:
        if isinstance(n, str):
            out.add(re.split(r"[/:#]", n)[-1].lower())
    return out


def _jsonld_nodes(tree: Any, base: str = "") -> Iterator[tuple[dict, str]]:
    """Every object at the top, in a top-level list, or in an ``@graph``, with its pointer."""
    if isinstance(tree, list):
        for k, item in enumerate(tree):
            yield from _jsonld_nodes(item, _ptr(base, k))
    elif isinstance(tree, dict):
        yield tree, base
        graph = tree.get("@graph")
        if isinstance(graph, (list, dict)):
            yield from _jsonld_nodes(graph, _ptr(base, "@graph"))


def _jsonld_articles(tree: Any) -> list[tuple[dict, str]]:
    return [(n, p) for n, p in _jsonld_nodes(tree) if _type_names(n) & _ARTICLE_TYPES]


def _is_wordpress(tree: Any) -> bool:
    return isinstance(tree, dict) and isinstance(tree.get("title"), dict) and "rendered" in tree["title"]


def _is_ninjs(tree: Any) -> bool:
    if not isinstance(tree, dict) or "@type" in tree or "@context" in tree:  # JSON-LD of another type
        return False
    keys = {k.lower() for k in tree}
    if keys & {"headline", "headlines", "bodies"} or any(k.startswith("body_") for k in keys):
        return True
    std = _ci(tree, "standard", "$standard")
    return std is not None and isinstance(std[1], dict) and str(std[1].get("name", "")).lower() == "ninjs"


def _read_jsonld(doc: _Doc, node: dict, base: str, out: Extracted) -> None:
    out.flavour = "json-ld"
    ids = {n.get("@id"): (n, p) for n, p in _jsonld_nodes(doc.tree) if isinstance(n.get("@id"), str)}

    def resolve(v: Any, p: str) -> tuple[Any, str]:
        if isinstance(v, dict) and set(v) <= {"@id", "@type"} and v.get("@id") in ids:
            return ids[v["@id"]]
        return v, p

    for key, kind in (("headline", "headline"), ("description", "standfirst")):
        if isinstance(node.get(key), str):
            p = doc.plain(_ptr(base, key), kind)
            if p is not None:
                out.pieces.append(p)
    if isinstance(node.get("articleBody"), str):
        out.pieces.extend(doc.body(_ptr(base, "articleBody"), None))
    for key in ("datePublished", "dateCreated"):
        if isinstance(node.get(key), str) and _date(doc, _ptr(base, key), "json-ld", out):
            break
    authors = node.get("author", node.get("creator"))
    key = "author" if "author" in node else "creator"
    items = list(enumerate(authors)) if isinstance(authors, list) else [(None, authors)]
    for k, a in items:
        ap = _ptr(base, key) if k is None else _ptr(base, key, k)
        a, ap = resolve(a, ap)
        if isinstance(a, dict) and isinstance(a.get("name"), str):
            a = a["name"]
        if isinstance(a, str):
            for name in split_authors(a):
                if name not in out.authors:
                    out.authors.append(name)
    pub = node.get("publisher")
    if isinstance(pub, list) and pub:
        pub, pp = resolve(pub[0], _ptr(base, "publisher", 0))
    else:
        pub, pp = resolve(pub, _ptr(base, "publisher"))
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        out.outlet = doc.located(_ptr(pp, "name"))
    elif isinstance(pub, str):
        out.outlet = doc.located(pp)
    if isinstance(node.get("dateline"), str):
        out.place = doc.located(_ptr(base, "dateline"))


def _read_wordpress(doc: _Doc, tree: dict, base: str, out: Extracted) -> None:
    out.flavour = "wordpress"
    for key, kind in (("title", "headline"), ("excerpt", "standfirst")):
        v = tree.get(key)
        if isinstance(v, dict) and isinstance(v.get("rendered"), str):
            p = doc.html_field(_ptr(base, key, "rendered"), kind)
            if p is not None:
                out.pieces.append(p)
    content = tree.get("content")
    if isinstance(content, dict) and isinstance(content.get("rendered"), str):
        out.pieces.extend(doc.body(_ptr(base, "content", "rendered"), True))
    for key in ("date", "date_gmt"):
        if isinstance(tree.get(key), str) and _date(doc, _ptr(base, key), "wordpress", out):
            break
    embedded = tree.get("_embedded")
    if isinstance(embedded, dict) and isinstance(embedded.get("author"), list):
        for a in embedded["author"]:
            name = a.get("name") if isinstance(a, dict) else None
            if isinstance(name, str) and name.strip() and name.strip() not in out.authors:
                out.authors.append(name.strip())
    yoast = tree.get("yoast_head_json")
    if isinstance(yoast, dict):
        if not out.authors and isinstance(yoast.get("author"), str):
            out.authors.extend(split_authors(yoast["author"]))
        if isinstance(yoast.get("og_site_name"), str):
            out.outlet = doc.located(_ptr(base, "yoast_head_json", "og_site_name"))


def _is_htmlish(contenttype: Any) -> bool:
    return isinstance(contenttype, str) and any(w in contenttype.lower() for w in ("html", "xml", "nitf"))


def _field(obj: dict, name: str) -> Any:
    f = _ci(obj, name)
    return f[1] if f else None


def _pick(items: list, roles: frozenset[str], prefer_markup: bool, fallback: bool) -> int | None:
    """The index of the item to read among ninjs ``headlines``/``bodies``/``descriptions`` objects: one with markup
    (when ``prefer_markup``), else one with no role or one of ``roles``, else (when ``fallback``) the first."""
    good = [k for k, it in enumerate(items) if isinstance(it, dict) and isinstance(_field(it, "value"), str) and _field(it, "value").strip()]
    if prefer_markup:
        for k in good:
            if _is_htmlish(_field(items[k], "contenttype")):
                return k
    for k in good:
        role = _field(items[k], "role")
        if role is None or (isinstance(role, str) and role.lower() in roles):
            return k
    return good[0] if good and fallback else None


def _ninjs_array(tree: dict, base: str, name: str, roles: frozenset[str], markup: bool, fallback: bool) -> tuple[str, bool | None] | None:
    """(pointer of the chosen value, whether it is HTML: None when no content type says) in a 2.x/3.x array."""
    found = _ci(tree, name)
    if found is None or not isinstance(found[1], list):
        return None
    key, items = found
    k = _pick(items, roles, markup, fallback)
    if k is None:
        return None
    vk = _ci(items[k], "value")
    ct = _field(items[k], "contenttype")
    is_html: bool | None = None
    if isinstance(ct, str):
        is_html = True if _is_htmlish(ct) else (False if "plain" in ct.lower() else None)
    return _ptr(base, key, k, vk[0] if vk else "value"), is_html


def _ninjs_pattern(tree: dict, base: str, prefix: str, order: tuple[str, ...]) -> tuple[str, bool | None] | None:
    """1.x ``prefix_*`` properties (``body_html``, ``description_text`` ...): the first of ``order``, else any other."""
    found = {k.lower(): k for k, v in tree.items() if k.lower().startswith(prefix) and isinstance(v, str) and v.strip()}
    for suffix in order:
        if prefix + suffix in found:
            return _ptr(base, found[prefix + suffix]), suffix != "text"
    for lk in sorted(found):
        return _ptr(base, found[lk]), True if _is_htmlish(lk[len(prefix):]) else None
    return None


def _read_ninjs(doc: _Doc, tree: dict, base: str, out: Extracted) -> None:
    out.flavour = "ninjs"

    def one(chosen: tuple[str, bool | None] | None, kind: str) -> None:
        if chosen is not None:
            p = doc.html_field(chosen[0], kind) if chosen[1] else doc.plain(chosen[0], kind)
            if p is not None:
                out.pieces.append(p)

    hl = _ci(tree, "headline")
    if hl and isinstance(hl[1], str):
        one((_ptr(base, hl[0]), None), "headline")
    else:
        one(_ninjs_array(tree, base, "headlines", frozenset({"main", "headline"}), False, True), "headline")
    if _ci(tree, "descriptions"):
        one(_ninjs_array(tree, base, "descriptions", _STANDFIRST_ROLES, False, False), "standfirst")
    else:
        one(_ninjs_pattern(tree, base, "description_", ("text", "html", "xhtml")), "standfirst")
    by = _ci(tree, "by", "byline")
    if by and isinstance(by[1], str):
        one((_ptr(base, by[0]), None), "byline")
        if out.pieces and out.pieces[-1].kind == "byline":
            out.authors.extend(split_authors(out.pieces[-1].text))
    if _ci(tree, "bodies"):
        body = _ninjs_array(tree, base, "bodies", frozenset({"main", "body", "text"}), True, True)
    else:
        body = _ninjs_pattern(tree, base, "body_", ("html", "xhtml", "text"))
    if body is not None:
        out.pieces.extend(doc.body(*body))
    for name in ("embargoed", "firstcreated", "versioncreated", "contentcreated"):
        f = _ci(tree, name)
        if f and isinstance(f[1], str) and _date(doc, _ptr(base, f[0]), "ninjs", out):
            break
    loc = _ci(tree, "located")
    if loc and isinstance(loc[1], str):
        out.place = doc.located(_ptr(base, loc[0]))
    ch, pr, inf = _ci(tree, "copyrightholder"), _ci(tree, "provider"), _ci(tree, "infosources", "infosource")
    if ch and isinstance(ch[1], str):
        out.outlet = doc.located(_ptr(base, ch[0]))
    elif pr and isinstance(pr[1], str):
        out.outlet = doc.located(_ptr(base, pr[0]))
    elif pr and isinstance(pr[1], dict) and isinstance(pr[1].get("name"), str):
        out.outlet = doc.located(_ptr(base, pr[0], "name"))
    elif inf and isinstance(inf[1], list) and isinstance(inf[1][0], dict) and isinstance(inf[1][0].get("name"), str):
        out.outlet = doc.located(_ptr(base, inf[0], 0, "name"))


def extract_json(source: str) -> Extracted:
    """The article of the newsroom JSON file ``source`` (its text as read), with each character's source range.

    Raises :class:`JsonReadError` (a ValueError) for invalid JSON (with the line and column) or a list of several
    articles, :class:`NotNewsJSON` (one too) for a JSON file that is none of the formats read here."""
    start = 1 if source.startswith("\ufeff") else 0
    try:
        tree = json.loads(source[start:])
    except json.JSONDecodeError as e:
        line, col = e.lineno, e.colno
        if start and line == 1:
            col += 1
        raise JsonReadError(f"invalid JSON: {e.msg}", line, col) from None
    except RecursionError:
        raise JsonReadError("invalid JSON: nested too deeply") from None
    read: Callable[[_Doc, dict, str, Extracted], None]
    articles = _jsonld_articles(tree)
    if articles:
        # several article nodes (a page's graph): the one with a body, else the first
        node, base = next((a for a in articles if isinstance(a[0].get("articleBody"), str)), articles[0])
        read = _read_jsonld
    else:
        items = list(enumerate(tree)) if isinstance(tree, list) else [(None, tree)]
        found = [(k, x) for k, x in items if _is_wordpress(x) or _is_ninjs(x)]
        if not found:
            raise NotNewsJSON(NOT_NEWS)
        if len(found) > 1:
            raise JsonReadError(f"{len(found)} articles in one JSON list: newslint reads one article per file")
        k, node = found[0]
        base = "" if k is None else _ptr("", k)
        read = _read_wordpress if _is_wordpress(node) else _read_ninjs
    doc = _Doc(source, tree, _scan(source, start))
    out = Extracted("json", escape=json_escape, pointer=doc.pointer)
    read(doc, node, base, out)
    _drop_repeated_standfirst(out)
    out.pieces = _order(out.pieces, out.authors)
    return out
