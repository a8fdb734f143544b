"""HTML the way Vale reads it (under a Vale configuration only).

Without a ``.vale.ini`` an ``.html`` file is a news page (lint/readers/html.py
picks the article body and drops the page furniture). Vale instead lints every
visible text of the page: it walks the HTML tokens (errata-ai/vale,
internal/lint/ast.go, ``lintHTMLTokens``) and lints each run of text that ends at
a closing tag that is not inline as one block. This reader walks the tokens the
same way, with the stdlib ``html.parser`` tokenizer (a tokenizer like Go's, no
tree building, so no tags are implied or moved):

* skipped elements (``SkippedScopes``, default ``script, style, pre, figure,
  noscript, iframe``) and elements of an ignored class (``IgnoredClasses``, added
  to ``problematic, pre, code``) give no text; inline elements of an ignored class
  hide the text right after their start tag;
* the text right after the start tag of an ignored scope (``IgnoredScopes``,
  default ``tt, code, kbd``) is kept as ``*`` runs, as Vale keeps it (lengths and
  sentence starts stay), and so is a link's text that is its own ``href``;
* a block's scope is that of the first start tag since the last closing block tag
  that has one: ``h1``..``h6`` (``heading.hN``), ``li`` (``list``), ``th``/``td``/
  ``caption`` (``table.header``/``table.cell``/``table.caption``), ``blockquote``;
  every other block is a paragraph (the page's ``<title>`` too, as in Vale);
* ``<img alt>`` values are the ``alt`` scope (not when ``alt`` is skipped);
* the text right after the start tag of ``a`` (scope ``link``), ``strong``/``b``
  (``strong``) and ``em``/``i`` (``emphasis``) is linted once more with that scope,
  up to the next tag (``<a>see <em>this</em></a>``: ``see`` is the link's text,
  ``this`` emphasis), inside skipped elements too, as Vale does; blocks of
  ``figcaption`` are ``figure.caption`` (a ``figure`` is skipped by default).

Blocks follow lint/readers/_markup.py: each spans ``[start, end)`` of the file and
``len(block.text) == end - start``; tags and other non-prose characters are blanks
(line breaks kept), an entity (``&#160;``) is its character at the entity's first
position followed by blanks, so positions are the file's own.

XML (``.xml``) with a ``Transform`` stylesheet, and DITA (``.dita``, with
newslint's own stylesheet: Vale needs DITA-OT for it), are made HTML with XSLT
(lint/readers/vale_xml.py) and read the same way; their text is then found in the
XML file, as Vale finds it (internal/lint/walk.go: each text searched for in the
source), so positions are in the XML file itself.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, fields
from html.parser import HTMLParser
from itertools import pairwise

from lint.article import Block
from lint.readers._markup import Builder, MarkupArticle
from lint.readers.html_map import feed_all

SKIP_TAGS = ("script", "style", "pre", "figure", "noscript", "iframe")  # Vale's skipTags
SKIP_CLASSES = ("problematic", "pre", "code")  # Vale's skipClasses
IGNORED_TAGS = ("tt", "code", "kbd")  # Vale's default IgnoredScopes for HTML
INLINE_TAGS = frozenset((
    "b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd", "strong", "a", "br", "img", "span",
    "sub", "sup", "code", "tt", "del",
))
# block tags with a scope of their own: (newslint scope, table cell kind, quoted)
_SCOPED = {"th": ("paragraph", "header", False), "td": ("paragraph", "cell", False),
           "caption": ("paragraph", "caption", False), "li": ("list", None, False),
           "blockquote": ("paragraph", None, True), "figcaption": ("paragraph", None, False)}
# Vale's tagToScope for inline tags (its "code" scope reads nothing in newslint)
_INLINE_SCOPES = {"a": "link", "strong": "strong", "b": "strong", "em": "emphasis", "i": "emphasis", "code": ""}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_STARTERS = frozenset(".?!,:;")


@dataclass(frozen=True)
class HtmlOptions:
    """What a Vale configuration says about reading one HTML (or XML) file."""

    skipped: tuple[str, ...] = SKIP_TAGS  # elements whose content is not read
    ignored: tuple[str, ...] = IGNORED_TAGS  # elements whose text is kept as "*" runs
    classes: tuple[str, ...] = SKIP_CLASSES  # elements of these classes are skipped
    transform: str | None = None  # an XSLT stylesheet for XML files (absolute path)
    skip_alt: bool = False  # "alt" in SkippedScopes: image alt texts are not read

    @classmethod
    def from_config(cls, skipped: list[str], ignored: list[str], classes: list[str],
                    transform: str | None) -> HtmlOptions:
        """From ``SkippedScopes`` and ``IgnoredScopes`` (each replaces Vale's default when
        given), ``IgnoredClasses`` (added to the default) and ``Transform``."""
        sk = tuple(s.lower() for s in skipped) or SKIP_TAGS
        ig = tuple(s.lower() for s in ignored) or IGNORED_TAGS
        return cls(sk, ig, SKIP_CLASSES + tuple(c for c in classes if c not in SKIP_CLASSES), transform,
                   "alt" in sk)


@dataclass(slots=True)
class _Token:
    kind: str  # "start" | "self" | "end" | "text" | "other"
    name: str = ""  # the tag name (lower case)
    attrs: dict[str, str] | None = None
    start: int = 0  # source offset of the token (HTML read directly)
    end: int = 0
    raw: str = ""  # a start tag as written (for attribute offsets)
    pieces: list[tuple[int, int, bool]] | None = None  # text: (start, end, is_reference) spans

    def attr(self, key: str) -> str:
        return (self.attrs or {}).get(key) or ""


class _Tokenizer(HTMLParser):
    """HTML tokens with source offsets; adjacent text and character references are one text token."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for k, c in enumerate(text):
            if c == "\n":
                self.line_starts.append(k + 1)
        self.events: list[tuple[str, int, object]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _tag(self, tag, attrs) -> tuple[int, tuple[str, list, str]]:
        at, raw = self._at(), self.get_starttag_text() or ""
        if "\x01" in raw and self.text[at:at + len(raw)] != raw:
            # feed_all made a "&#" that is no reference "\x01#" (the same length), attribute values too: the
            # tag as written, read on its own (no stall inside a tag)
            raw = self.text[at:at + len(raw)]
            attrs = _attrs_of(raw)
        return at, (tag, attrs, raw)

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", *self._tag(tag, attrs)))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("self", *self._tag(tag, attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", self._at(), (tag, None, "")))

    def handle_data(self, data):
        self.events.append(("data", self._at(), None))

    def handle_entityref(self, name):
        self.events.append(("ref", self._at(), None))

    def handle_charref(self, name):
        self.events.append(("ref", self._at(), None))

    def handle_comment(self, data):
        self.events.append(("other", self._at(), None))

    def handle_decl(self, decl):
        self.events.append(("other", self._at(), None))

    def handle_pi(self, data):
        self.events.append(("other", self._at(), None))

    def unknown_decl(self, data):
        self.events.append(("other", self._at(), None))

    def tokens(self) -> list[_Token]:
        # a "&#" that is no reference is text, and the rest of the file is read (html.parser alone would stall there)
        feed_all(self, self.text, lambda: self.events.append(("data", self._at(), None)))
        ev = self.events
        out: list[_Token] = []
        n = len(self.text)
        for k, (kind, start, data) in enumerate(ev):
            end = ev[k + 1][1] if k + 1 < len(ev) else n
            if end <= start and kind in ("data", "ref"):
                continue
            if kind in ("data", "ref"):
                piece = (start, end, kind == "ref")
                if out and out[-1].kind == "text":
                    assert out[-1].pieces is not None
                    out[-1].pieces.append(piece)
                    out[-1].end = end
                else:
                    out.append(_Token("text", start=start, end=end, pieces=[piece]))
            elif kind == "other":
                out.append(_Token("other", start=start, end=end))
            else:
                tag: str
                attrs: list[tuple[str, str | None]]
                raw: str
                tag, attrs, raw = data  # type: ignore[misc]
                out.append(_Token(kind, tag, {k2: v or "" for k2, v in (attrs or [])}, start, end, raw))
        return out


class _Attrs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.attrs = attrs

    handle_startendtag = handle_starttag


def _attrs_of(tag: str) -> list[tuple[str, str | None]]:
    """The attributes of a start tag (its text)."""
    p = _Attrs()
    p.feed(tag)
    p.close()
    return p.attrs


def decoded_chars(text: str, pieces: list[tuple[int, int, bool]]) -> list[tuple[int, str]]:
    """A text token as (source offset, character) pairs, references decoded (each
    character of a reference's value at the reference's first offsets)."""
    out: list[tuple[int, str]] = []
    for s, e, ref in pieces:
        if not ref:
            out.extend((s + i, c) for i, c in enumerate(text[s:e]))
            continue
        value = html.unescape(text[s:e])
        for i, c in enumerate(value[: e - s]):
            out.append((s + i, c))
    return out


def joined_words(chars: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The pairs with each word made contiguous: a reference inside a word
    (``doesn&#8217;t``) leaves a gap that would split it for the checks; the word's
    longest part keeps its offsets and the others move next to it."""
    out: list[tuple[int, str]] = []
    k, n = 0, len(chars)
    while k < n:
        if chars[k][1].isspace():
            out.append(chars[k])
            k += 1
            continue
        j = k
        while j < n and not chars[j][1].isspace():
            j += 1
        word = chars[k:j]
        segs: list[list[tuple[int, str]]] = [[word[0]]]
        for prev, cur in pairwise(word):
            if cur[0] == prev[0] + 1:
                segs[-1].append(cur)
            else:
                segs.append([cur])
        if len(segs) == 1:
            out.extend(word)
        else:
            a = max(range(len(segs)), key=lambda x: len(segs[x]))
            before: list[list[tuple[int, str]]] = []  # the parts before the longest, last first (one reversal)
            at = segs[a][0][0]
            for seg in reversed(segs[:a]):
                at -= len(seg)
                before.append([(at + i, c) for i, (_, c) in enumerate(seg)])
            for part in reversed(before):
                out.extend(part)
            out.extend(segs[a])
            at = segs[a][-1][0] + 1
            for seg in segs[a + 1:]:
                out.extend((at + i, c) for i, (_, c) in enumerate(seg))
                at += len(seg)
        k = j
    return out


def _trim(chars: list[tuple[int, str]]) -> list[tuple[int, str]]:
    a, b = 0, len(chars)
    while a < b and chars[a][1].isspace():
        a += 1
    while b > a and chars[b - 1][1].isspace():
        b -= 1
    return chars[a:b]


class Walker:
    """Vale's ``lintHTMLTokens`` over tokens: blocks of ``(offset, char)`` pairs.

    ``locate``: a function giving the pairs of a text token (trimmed, decoded) when
    the tokens are not the source's own (XML made HTML); else they are read from
    the source.
    """

    def __init__(self, source: str, options: HtmlOptions, locate=None):
        self.source = source
        self.opt = options
        self.locate = locate
        self.builder = Builder(source)
        self.title: Block | None = None
        self.vale_texts: dict[tuple[int, int], tuple[str, list[int]]] = {}

    def run(self, tokens: list[_Token], html_text: str) -> Builder:
        opt = self.opt
        skipped, ignored, classes = set(opt.skipped), set(opt.ignored), set(opt.classes)
        in_block = inline = skip = False
        parent_class = href = ""
        active_tag = ""
        active_cls, begin, end = "", 0, 0
        history: list[str] = []
        buf: list[tuple[bool, list[tuple[int, str]]]] = []  # text tokens: (Vale puts a space before, pairs)

        def has_class(value: str) -> bool:
            return any(c in classes for c in value.split(" "))

        for tok in tokens:
            kind, name = tok.kind, tok.name
            if kind in ("start", "end") and name == active_cls:
                if kind == "start":
                    begin += 1
                else:
                    end += 1
            closed = active_cls != "" and begin == end and begin > 0
            block_skip = has_class(tok.attr("class")) and name not in INLINE_TAGS and kind == "start"
            if kind == "start" and (name in skipped or block_skip):
                if block_skip:
                    active_cls, begin, end = name, 1, 0
                in_block = True
            elif in_block and kind in ("start", "end", "self") and (name in skipped or closed):
                in_block = False
                if closed:
                    active_cls, begin, end = "", 0, 0
            elif kind == "start":
                if name in ("em", "b") and (history[-1] if history else active_tag) == "code":
                    name = "code"
                inline = name in INLINE_TAGS
                skip = name in ignored
                history.append(name)
                active_tag = name
            elif kind == "end" and name in INLINE_TAGS:
                active_tag = ""
            elif kind == "text":
                inline_scope = _INLINE_SCOPES.get(active_tag)
                chars = self._text(tok, html_text) if not in_block or inline_scope else []
                if inline_scope is not None:
                    if inline_scope and chars:
                        self._inline(inline_scope, chars)
                    active_tag = ""
                if chars and not in_block:
                    word = "".join(c for _, c in chars)
                    if skip or has_class(parent_class) or word == href:
                        chars = [(o, c if c.isspace() else "*") for o, c in chars]
                        skip = False
                    buf.append((inline and word[0] not in _STARTERS, chars))
            if kind == "end" and name not in INLINE_TAGS:
                if buf:
                    self._block(buf, history)
                buf = []
                history = []
            href, parent_class = tok.attr("href"), tok.attr("class")
            if name == "img" and kind in ("start", "self") and not opt.skip_alt and tok.attrs and "alt" in tok.attrs:
                self._alt(tok, html_text)
        return self.builder

    def _text(self, tok: _Token, html_text: str) -> list[tuple[int, str]]:
        assert tok.pieces is not None
        chars = _trim(decoded_chars(html_text, tok.pieces))
        if not chars or self.locate is None:
            return joined_words(chars)
        return self.locate("".join(c for _, c in chars))

    def _block(self, tokens: list[tuple[bool, list[tuple[int, str]]]], history: list[str]) -> None:
        """One block of text tokens: ``block.text`` has each token's characters at their
        offsets (blanks elsewhere); Vale's text joins the tokens, with a space where the
        file has white space between them or Vale puts one (``HtmlArticle.vale_texts``)."""
        scope, cell, quoted, level, caption = "paragraph", None, False, 0, False
        for tag in history:
            if tag in _SCOPED and tag not in INLINE_TAGS:
                scope, cell, quoted = _SCOPED[tag]
                caption = tag == "figcaption"  # Vale's text.figure.caption
                break
            if tag in _HEADINGS:
                scope, level = "heading", _HEADINGS[tag]
                break
        src = self.source
        text: list[str] = []
        offsets: list[int] = []
        last = -1
        for space, chars in tokens:
            if not chars:
                continue
            first = chars[0][0]
            if offsets and last + 1 < first:
                gap = src[last + 1 : first]
                ws = next((k for k, c in enumerate(gap) if c.isspace()), -1)
                if ws != -1 or space:
                    text.append(" ")
                    offsets.append(last + 1 + max(ws, 0))
            for o, c in chars:
                text.append(c)
                offsets.append(o)
            last = max(last, chars[-1][0])
        if not any(not c.isspace() for c in text):
            return
        start, stop = min(offsets), max(offsets) + 1
        body = [c if c in "\r\n" else " " for c in src[start:stop]]
        for o, c in zip(offsets, text):
            if c != " ":
                body[o - start] = c
        block = Block(scope, start, "".join(body))
        b = self.builder
        b.blocks.append(block)
        self.vale_texts[(block.start, block.end)] = ("".join(text), offsets)
        if level:
            b.info.levels[start] = level
            if level == 1 and self.title is None:
                self.title = block
        if cell is not None:
            b.info.cells[start] = cell
        if quoted:
            b.info.quoted.add(start)
        if caption:
            b.info.captions.add(start)

    def _chars_block(self, scope: str, chars: list[tuple[int, str]]) -> Block:
        """A block of ``(offset, char)`` pairs (blanks between them), its Vale text recorded."""
        start = min(o for o, _ in chars)
        stop = max(o for o, _ in chars) + 1
        out = [c if c in "\r\n" else " " for c in self.source[start:stop]]
        for o, c in chars:
            out[o - start] = c
        block = Block(scope, start, "".join(out))
        self.vale_texts[(block.start, block.end)] = ("".join(c for _, c in chars), [o for o, _ in chars])
        return block

    def _inline(self, scope: str, chars: list[tuple[int, str]]) -> None:
        """The text right after an inline tag's start, linted again with its scope (Vale's ``lintBlock``
        of the text token, ast.go): a ``link``, ``strong`` or ``emphasis`` block."""
        self.builder.info.inlines.append(self._chars_block(scope, chars))

    def _alt(self, tok: _Token, html_text: str) -> None:
        value = tok.attr("alt").strip()
        if not value:
            return
        if self.locate is not None:
            chars = self.locate(value)
        else:
            import regex

            m = regex.search(r"""\salt\s*=\s*(?:"(?P<v>[^"]*)"|'(?P<v>[^']*)'|(?P<v>[^\s"'=<>`]+))""", tok.raw, regex.I)
            if m is None:
                return
            s = tok.start + m.start("v")
            chars = joined_words(_trim(decoded_chars(html_text, _pieces(html_text, s, tok.start + m.end("v")))))
        if chars:
            self.builder.info.alts.append(self._chars_block("alt", chars))


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """``text[s:e]`` (an attribute value) as text and character-reference pieces."""
    import regex

    out: list[tuple[int, int, bool]] = []
    k = s
    for m in regex.finditer(r"&(?:#[0-9]+;?|#[xX][0-9A-Fa-f]+;?|[A-Za-z][A-Za-z0-9]*;?)", text[s:e]):
        a, b = s + m.start(), s + m.end()
        if a > k:
            out.append((k, a, False))
        out.append((a, b, True))
        k = b
    if k < e:
        out.append((k, e, False))
    return out


@dataclass
class HtmlArticle(MarkupArticle):
    """A MarkupArticle read from HTML: ``vale_texts`` is each block's text as Vale reads
    it, with the file offset of each character, keyed by the block's (start, end)
    (lint/checks/_vale.py ``vale_text``)."""

    vale_texts: dict[tuple[int, int], tuple[str, list[int]]] = field(default_factory=dict, repr=False, compare=False)


def _article(walker: Walker, path: str, fmt: str, body_only: bool) -> HtmlArticle:
    a = walker.builder.article(path, fmt, body_only=body_only, title=walker.title)
    return HtmlArticle(**{f.name: getattr(a, f.name) for f in fields(MarkupArticle) if f.init},
                       vale_texts=walker.vale_texts)


def read_vale_html(path: str, text: str, options: HtmlOptions, *, kind: str | None = None,
                   body_only: bool = False) -> HtmlArticle:
    """``text`` (an HTML, XML or DITA file) read as Vale reads it; ``kind``: the
    name whose extension says which (default ``path``)."""
    lower = (kind or path).lower()
    if lower.endswith((".xml", ".dita")):
        from lint.readers.vale_xml import read_vale_xml

        return read_vale_xml(path, text, options, dita=lower.endswith(".dita"), body_only=body_only)
    walker = Walker(text, options)
    walker.run(_Tokenizer(text).tokens(), text)
    return _article(walker, path, "html", body_only)


def read_html_as(path: str, source: str, html_text: str, options: HtmlOptions, fmt: str, locate, *,
                 body_only: bool = False) -> HtmlArticle:
    """``html_text`` (made from ``source``) read as Vale reads HTML, its text placed in
    ``source`` by ``locate`` (text -> (offset, char) pairs)."""
    walker = Walker(source, options, locate)
    walker.run(_Tokenizer(html_text).tokens(), html_text)
    return _article(walker, path, fmt, body_only)
