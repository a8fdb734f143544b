"""An HTML page's text blocks, each character mapped to its offset in the raw source.

``map_html(source)`` parses ``source`` (a ``str``) with lxml and returns the
page's text blocks (paragraphs, headings, list items, table cells ...) in
document order. Every character of a block's text carries the offset, in code
points, of the source character it came from, so a finding on the text can be
reported at the exact line and column of the original file.

How (lxml gives elements a line number, never an offset):

1. The raw source is tokenised once with the standard library's
   ``html.parser.HTMLParser`` (``convert_charrefs=False``); each token's
   ``getpos()`` becomes an offset through a table of line starts (the parser
   counts LF only, and so does the table). Text tokens make a *stream*: the
   text characters of the page, in order, each with its source offset. A
   character or entity reference gives all its resolved characters the offset
   of its ``&`` (named references without ``;`` resolve by the longest legacy
   prefix, as HTML does in text); CR LF and a lone CR become one LF at the
   offset of the CR, a NUL becomes U+FFFD. The contents of script, style,
   iframe, noembed, noframes, xmp and plaintext, comments, declarations and
   processing instructions are not text; title and textarea are (references
   resolved, tags inside them literal). Where html.parser and HTML disagree the
   tokeniser follows HTML, as libxml2 2.14 (lxml 6) does: ``<![CDATA[`` is a
   bogus comment that ends at the first ``>``, ``<!-->`` is an empty comment
   and ``--!>`` closes one, numeric references keep control characters, and a
   ``&#`` that is no reference is text (html.parser would stall there and take
   the rest of the page as text).
2. lxml's ``.text`` and ``.tail`` strings are the same characters in the same
   order, modulo the parser's repairs. They are aligned to the stream in
   document order: each string is looked up at the stream's current position
   (whitespace the parser dropped is skipped). Where they diverge the string is
   aligned by a bounded sequence match instead, characters that find no partner
   get offset -1, and the block is marked ``exact = False`` (``HtmlText``
   counts them). Nothing fails.
3. Blocks: every text run whose nearest block-level ancestor is one element
   (p, h1-h6, li, blockquote, figcaption, pre, td, th, dd, dt, div with direct
   text ...; inline tags such as a, em, span are part of the run) becomes one
   block, tagged with that ancestor. A nested block element splits its
   parent's text (the parent's text before and after it are two blocks).
   head, script, style, noscript, template, svg, math, title, textarea,
   select/option, object, canvas, video, audio and the raw-text elements give
   no blocks (their strings are still aligned). pre is collapsed like the rest. Runs of ASCII whitespace (space, tab, LF, FF, CR,
   also when they come from a reference) collapse to one space that keeps the
   offset of the run's first character, and the text is stripped. U+00A0 is
   kept as it is. A ``<br>`` inside a block is a space (unless whitespace is
   beside it), mapped to the ``<`` of the tag.

lxml is imported inside ``map_html``: the rest of newslint does not need it.
"""

from __future__ import annotations

import bisect
import difflib
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from html.entities import html5
from html.parser import HTMLParser

__all__ = ["HtmlText", "MappedBlock", "map_html"]

# Elements whose content HTMLParser and libxml2 both take as raw text that is not page text.
_RAW_SKIP = frozenset({"script", "style", "iframe", "noembed", "noframes", "xmp", "plaintext"})
# Elements libxml2 reads as RCDATA: tags inside are literal, references resolve.
_RCDATA = frozenset({"title", "textarea"})
# Elements (with their subtree) that give no blocks.
_NO_BLOCKS = _RAW_SKIP | {"noscript", "template", "svg", "math", "head", "title", "textarea", "select", "option", "object", "canvas", "video", "audio"}
# Elements that start a new block (their text runs are blocks of their own).
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul "
    "legend frameset".split()
)
_WS = " \t\n\f\r"
_WS_FIX = re.compile(r"[\t\n\f\r][ \t\n\f\r]*| [ \t\n\f\r]+")  # whitespace runs that are not one space
_REF = re.compile(r"&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*;?))")
_COMMENT_END = re.compile(r"--!?>")
_NO_CHARREF = re.compile(r"&#(?![0-9]|[xX][0-9a-fA-F])")  # an "&#" that html.parser cannot read as a reference
_SPECIAL = re.compile(r"[&\r\x00]")
_MAX_LEGACY = max(len(k) for k in html5 if not k.endswith(";"))
_FUZZY_WINDOW = 256  # how far past a diverging string the sequence match looks
_FIND_SLACK = 4096  # how much dropped stream text a direct look-up may skip


@dataclass
class MappedBlock:
    """One text block: ``offsets[i]`` is the source offset of ``text[i]`` (-1 where unknown)."""

    tag: str
    text: str
    offsets: array
    exact: bool = True
    element: object = None  # the lxml element the block belongs to (its nearest block-level ancestor)

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else -1

    @property
    def end(self) -> int:
        """The source offset just past the block's last character (its reference's end if it came from one)."""
        return self.offsets[-1] + 1 if self.offsets else -1


@dataclass
class HtmlText:
    """What ``map_html`` made of a page."""

    blocks: list[MappedBlock] = field(default_factory=list)
    diverged_strings: int = 0  # lxml strings that did not match the stream directly
    root: object = None  # the lxml document (None when lxml refused the page)

    @property
    def inexact_blocks(self) -> int:
        return sum(1 for b in self.blocks if not b.exact)


def feed_all(parser: HTMLParser, source: str, stalled_amp: Callable[[], object]) -> None:
    """Feed all of ``source`` to ``parser`` and close it. html.parser stops at a "&#" that is no reference (it waits
    for more input, and at close() takes the rest of the page as text): such an "&" is text (``stalled_amp`` is called
    where the parser stands, before it steps over it), and parsing goes on after it."""
    # Each such "&" would stall goahead() once (and it copies the rest of the page each time: quadratic
    # on a page full of them): the parser reads a copy in which they are "\x01", as long, so every
    # position is the same; callers take the text from the source itself, not from handle_data's argument.
    parser.rawdata = _NO_CHARREF.sub("\x01#", source) if "&#" in source else source
    while parser.rawdata:
        before = len(parser.rawdata)
        parser.goahead(False)
        if len(parser.rawdata) < before:  # progress (it may have stopped again further on)
            continue
        if not parser.rawdata.startswith("&"):  # an unfinished tag or comment at the end: close() reads it
            break
        stalled_amp()
        parser.updatepos(0, 1)
        parser.rawdata = parser.rawdata[1:]
    parser.close()


class _Tokens(HTMLParser):
    """Records where each token starts and whether it is text."""

    CDATA_CONTENT_ELEMENTS = tuple(sorted(_RAW_SKIP | _RCDATA))  # type: ignore[misc]  # raw text as libxml2 reads it

    def __init__(self, line_starts: list[int]):
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.starts: list[int] = []  # token start offsets
        self.is_text: list[bool] = []
        self.brs: list[int] = []

    def _at(self, text: bool) -> int:
        line, col = self.getpos()
        off = self.line_starts[line - 1] + col
        self.starts.append(off)
        self.is_text.append(text)
        return off

    def run(self, source: str) -> None:
        """Tokenise all of ``source`` (``feed_all``: a "&#" that is no reference is text)."""
        feed_all(self, source, lambda: self._at(True))

    def handle_data(self, data: str) -> None:
        self._at(self.cdata_elem is None or self.cdata_elem in _RCDATA)

    def handle_entityref(self, name: str) -> None:
        self._at(True)

    def handle_charref(self, name: str) -> None:
        self._at(True)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        off = self._at(False)
        if tag == "br":
            self.brs.append(off)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._at(False)  # "</br>": a <br> in HTML5, but libxml2 drops it, so it is not one here

    def handle_comment(self, data: str) -> None:
        self._at(False)

    def handle_decl(self, decl: str) -> None:
        self._at(False)

    def handle_pi(self, data: str) -> None:
        self._at(False)

    def unknown_decl(self, data: str) -> None:
        self._at(False)

    def parse_comment(self, i: int, report: bool = True) -> int:
        # HTML's comment ends (as libxml2 reads them): "<!-->" and "<!--->" are empty comments, "--!>" also closes one,
        # "-- >" does not (html.parser thinks it does).
        raw = self.rawdata
        if raw.startswith("<!-->", i):
            end = i + 5
        elif raw.startswith("<!--->", i):
            end = i + 6
        else:
            m = _COMMENT_END.search(raw, i + 4)
            if m is None:
                return -1
            end = m.end()
        if report:
            self.handle_comment(raw[i + 4 : end])
        return end

    def parse_html_declaration(self, i: int) -> int:
        # HTML (and libxml2) read "<![CDATA[" outside foreign content as a bogus comment that ends at the first ">";
        # html.parser would run it to "]]>".
        if self.rawdata.startswith("<![", i):
            j = self.rawdata.find(">", i + 3)
            if j < 0:
                return -1
            self.unknown_decl(self.rawdata[i + 3 : j])
            return j + 1
        return super().parse_html_declaration(i)


def _numeric(n: int) -> str:
    """A numeric reference as HTML (and libxml2) reads it: html.unescape would drop control characters such as &#11;."""
    if n == 0 or n > 0x10FFFF or 0xD800 <= n <= 0xDFFF:
        return "\ufffd"
    if 0x80 <= n <= 0x9F:  # windows-1252 code points, which html.unescape knows
        return unescape("&#%d;" % n)
    return chr(n)


def _resolve(source: str, i: int, end: int) -> tuple[str, int]:
    """The characters the reference at ``source[i] == '&'`` stands for, and how many source characters it takes."""
    m = _REF.match(source, i, end)
    if m is None:
        return "&", 1
    if m.group(3) is None:
        digits = m.group(1) or m.group(2)
        n = 0x110000 if len(digits.lstrip("0")) > 8 else int(digits, 16 if m.group(1) else 10)  # int() refuses 4,300+ digits
        return _numeric(n), m.end() - i
    name = m.group(3)
    if name.endswith(";") and name in html5:
        return html5[name], len(name) + 1
    for k in range(min(len(name), _MAX_LEGACY), 1, -1):
        v = html5.get(name[:k])
        if v is not None:  # a legacy name without ';' (longest prefix), as HTML reads it in text
            return v, k + 1
    return "&", 1


def _stream(source: str) -> tuple[str, array, list[int]]:
    """The page's text characters, their source offsets, and the offsets of ``<br>`` tags."""
    line_starts = [0]
    find = source.find
    j = find("\n")
    while j >= 0:
        line_starts.append(j + 1)
        j = find("\n", j + 1)
    tok = _Tokens(line_starts)
    tok.run(source)
    starts, is_text = tok.starts, tok.is_text
    starts.append(len(source))
    parts: list[str] = []
    offs = array("q")
    n = len(starts) - 1
    t = 0
    while t < n:
        if not is_text[t]:
            t += 1
            continue
        a = starts[t]
        while t < n and is_text[t]:
            t += 1
        b = starts[t]
        if a == 0 and source.startswith("\ufeff"):
            a = 1
        pos = a
        for m in _SPECIAL.finditer(source, a, b):
            k = m.start()
            if k < pos:
                continue
            if k > pos:
                parts.append(source[pos:k])
                offs.extend(range(pos, k))
            if source[k] == "\x00":  # libxml2 reads NUL as U+FFFD
                parts.append("\ufffd")
                offs.append(k)
                pos = k + 1
            elif source[k] == "\r":
                parts.append("\n")
                offs.append(k)
                pos = k + 2 if k + 1 < b and source[k + 1] == "\n" else k + 1
            else:
                chars, used = _resolve(source, k, b)
                parts.append(chars)
                offs.extend([k] * len(chars))
                pos = k + used
        if pos < b:
            parts.append(source[pos:b])
            offs.extend(range(pos, b))
    return "".join(parts), offs, tok.brs


class _Aligner:
    """Walks lxml's strings through the stream, in document order."""

    def __init__(self, text: str, offs: array):
        self.text, self.offs, self.p = text, offs, 0
        self.diverged = 0

    def take(self, s: str) -> tuple[array, bool]:
        """Offsets for string ``s`` (from lxml) and whether they were found directly."""
        text, p, n = self.text, self.p, len(s)
        if text.startswith(s, p):
            self.p = p + n
            return self.offs[p : p + n], True
        # whitespace the parser dropped, or text it moved out of the way
        q = text.find(s, p, p + n + _FIND_SLACK)
        if q >= 0:
            skipped = text[p:q]
            self.p = q + n
            if skipped.strip(_WS):  # skipped real text: the match may be a look-alike
                self.diverged += 1
                return self.offs[q : q + n], False
            return self.offs[q : q + n], True
        self.diverged += 1
        out = array("q", [-1]) * n
        if n > 2000:  # the sequence match is quadratic at worst: a long diverging string is left unmapped
            return out, False
        window = text[p : p + n + _FUZZY_WINDOW]
        sm = difflib.SequenceMatcher(None, s, window, autojunk=False)
        last = -1
        for i, j, size in sm.get_matching_blocks():
            if size:
                out[i : i + size] = self.offs[p + j : p + j + size]
                last = j + size
        if last > 0:
            self.p = p + last
        return out, False


class _Run:
    __slots__ = ("element", "exact", "offs", "parts", "tag")

    def __init__(self, tag: str, element: object = None):
        self.tag = tag
        self.element = element
        self.parts: list[str] = []
        self.offs = array("q")
        self.exact = True

    def add(self, s: str, offs: array, exact: bool) -> None:
        self.parts.append(s)
        self.offs.extend(offs)
        self.exact = self.exact and exact


def _collapse(run: _Run) -> MappedBlock | None:
    raw = "".join(run.parts)
    if len(raw) != len(run.offs):  # cannot happen: take() returns one offset per character
        raise AssertionError("offsets out of step with text")
    out: list[str] = []
    offs = array("q")
    pos = 0
    src = run.offs
    for m in _WS_FIX.finditer(raw):  # single spaces stay as they are: only the other runs are visited
        a, b = m.span()
        if a > pos:
            out.append(raw[pos:a])
            offs.extend(src[pos:a])
        out.append(" ")
        offs.append(src[a])
        pos = b
    if pos < len(raw):
        out.append(raw[pos:])
        offs.extend(src[pos:])
    text = "".join(out)
    lead = 1 if text.startswith(" ") else 0
    trail = 1 if text.endswith(" ") and len(text) > lead else 0
    text = text[lead : len(text) - trail]
    if not text:
        return None
    offs = offs[lead : len(offs) - trail]
    return MappedBlock(run.tag, text, offs, run.exact and -1 not in offs, run.element)


def map_html(source: str) -> HtmlText:
    """The text blocks of the HTML page ``source``, each character mapped to its source offset."""
    import lxml.html  # lazily: only HTML input needs lxml

    stext, soffs, brs = _stream(source)
    result = HtmlText()
    body = source[1:] if source.startswith("\ufeff") else source
    if not body.strip():
        return result
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False)
    try:
        root = lxml.html.document_fromstring(body.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml refuses some documents (e.g. nothing but a comment)
        return result
    result.root = root
    al = _Aligner(stext, soffs)
    blocks = result.blocks

    def flush(run: _Run) -> _Run:
        if run.parts:
            b = _collapse(run)
            if b is not None:
                blocks.append(b)
        return _Run(run.tag, run.element)

    # Iterative walk: (element, state) with state 0 = enter, 1 = leave.
    runs: list[_Run] = []
    silent = 0  # depth inside elements that give no blocks
    stack: list[tuple[object, int]] = [(root, 0)]
    while stack:
        el, state = stack.pop()
        tag = el.tag  # type: ignore[attr-defined]
        if not isinstance(tag, str):  # comment, processing instruction, entity
            if state == 0:
                tail = el.tail  # type: ignore[attr-defined]
                if tail:
                    off, ok = al.take(tail)
                    if not silent and runs:
                        runs[-1].add(tail, off, ok)
            continue
        tag = tag.lower()
        if state == 0:
            quiet = tag in _NO_BLOCKS
            if quiet:
                silent += 1
            elif tag in _BLOCK_TAGS and not silent:
                if runs:
                    runs[-1] = flush(runs[-1])
                runs.append(_Run(tag, el))
            elif tag == "br" and not silent and runs:
                run = runs[-1]
                i = bisect.bisect_left(brs, _last_offset(al))
                run.add(" ", array("q", [brs[i] if i < len(brs) else -1]), i < len(brs))
            text = el.text  # type: ignore[attr-defined]
            if text and tag not in _RAW_SKIP:
                off, ok = al.take(text)
                if not silent and runs:
                    runs[-1].add(text, off, ok)
            stack.append((el, 1))
            children = list(el)  # type: ignore[call-overload]
            for child in reversed(children):
                stack.append((child, 0))
        else:
            if tag in _NO_BLOCKS:
                silent -= 1
            elif tag in _BLOCK_TAGS and not silent:
                flush(runs.pop())
                if runs:
                    runs[-1] = flush(runs[-1])
            tail = el.tail  # type: ignore[attr-defined]
            if tail and el is not root:
                off, ok = al.take(tail)
                if not silent and runs:
                    runs[-1].add(tail, off, ok)
    while runs:
        flush(runs.pop())
    result.diverged_strings = al.diverged
    return result


def _last_offset(al: _Aligner) -> int:
    """The source offset just past the last stream character the aligner took (where a following tag can start)."""
    return al.offs[al.p - 1] + 1 if al.p > 0 else 0
