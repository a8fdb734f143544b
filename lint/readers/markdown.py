"""Markdown articles with optional YAML front matter.

Front matter (``---`` ... ``---`` or ``...`` at the very start) gives the
metadata: ``title`` (headline), ``date`` (a YAML date or a string in any
form ``lint.dates`` understands), ``author`` (string or list), ``dateline``
or ``location`` (place), ``source``, ``standfirst``/``description``. It is
not prose and yields no block. TOML front matter (``+++``) is skipped.

Blocks (a line-based subset of CommonMark, enough for articles):

* headline: the front-matter ``title`` (no block); without a title, the
  first level-1 heading is the headline (scope "headline"). A level-1
  heading equal to the title is a repeated headline (scope "headline",
  recorded in ``meta.repeated_headlines``);
* other headings (ATX and setext): scope "heading";
* list items: scope "list", one block per item (lazy continuation lines
  included);
* paragraphs and blockquote text: scope "paragraph";
* a short paragraph right after the headline that reads like a byline
  (see ``lint.readers.text.looks_like_byline``): scope "byline";
  front matter, when present, wins for author and date.

Not prose, never in a block: front matter, fenced and indented code, display
math (``$$`` lines), HTML blocks and comments, link reference definitions,
thematic breaks.

**Block.text may be masked.** Each block spans ``[start, end)`` of the
source and ``len(block.text) == end - start``, but characters that are not
prose are replaced by spaces: inline code spans (with their backticks),
inline HTML tags and comments, autolinks and bare URLs, the brackets and destination of
links and images (``[label](url)`` keeps only ``label``), emphasis
delimiters (``*a*``, ``**a**``, ``_a_``; not ``snake_case``), and the ``>``
markers of continued blockquote lines. Offsets therefore stay exact.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import regex
import yaml

from lint import regexes, safe_yaml
from lint.article import Article, Block, Metadata
from lint.dates import parse_date
from lint.readers import ReadError
from lint.readers.text import (
    apply_byline,
    find_dateline,
    looks_like_byline,
    normalize,
    split_lines,
)

_BQ = regexes.compile(r" {0,3}> ?")
_FENCE = regexes.compile(r"[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)")
_ATX = regexes.compile(r" {0,3}(?P<hashes>#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = regexes.compile(r"(?:[ \t]+#+)?[ \t]*$")
_SETEXT = regexes.compile(r" {0,3}(?P<ch>=+|-+)[ \t]*$")
_HR = regexes.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST = regexes.compile(r"(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HTML_COMMENT_START = regexes.compile(r" {0,3}<!--")
_HTML_BLOCK = regexes.compile(r" {0,3}</?[A-Za-z][\w-]*(?:[\s/>]|$)")
_LINK_DEF = regexes.compile(r" {0,3}\[[^\]\n]+\]:\s*\S")
_MATH_FENCE = regexes.compile(r" {0,3}\$\$[ \t]*$")
# a bare URL (GFM's autolink extension): a link, not prose
_BARE_URL = regexes.compile(r"(?<![\w/@.:-])(?:https?://|www\.)[^\s<>]*[^\s<>?!.,:;*_~'\")\]]")

_CODE_SPAN = regexes.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)
_INLINE_HTML = regexes.compile(
    r"<!--.*?-->|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>",
    regex.DOTALL,
)
_LINK = regexes.compile(
    r"(?P<open>!?\[)(?P<label>[^\[\]\n]*)(?P<dest>\]\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\))"
)

# emphasis: "*a*", "**a**", "_a_" (not inside words), bodies without their delimiter character
_EMPHASIS = regexes.compile(
    r"(?<![\\\w*])(?P<d>\*{1,3})(?=[^\s*])[^*]*?(?<=[^\s*\\])(?P<e>(?P=d))(?!\*)"
    r"|(?<![\\\w])(?P<d>_{1,3})(?=[^\s_])[^_]*?(?<=[^\s_\\])(?P<e>(?P=d))(?!\w)"
)


def _mask(chars: list[str], s: int, e: int) -> None:
    for k in range(s, e):
        if chars[k] not in "\r\n":
            chars[k] = " "


class _Raw:
    """A block being built: scope and the content span of each line."""

    __slots__ = ("level", "lines", "scope")

    def __init__(self, scope: str, start: int, end: int, level: int = 0):
        self.scope = scope
        self.lines = [(start, end)]
        self.level = level


def _front_matter(path: str, text: str, lines: list[tuple[int, int]]) -> tuple[int, dict]:
    """(index of the first line after the front matter, its mapping)."""
    if not lines or lines[0][0] != 0:
        return 0, {}
    first = text[lines[0][0] : lines[0][1]].rstrip()
    if first not in ("---", "+++"):
        return 0, {}
    closers = ("---", "...") if first == "---" else ("+++",)
    for j in range(1, len(lines)):
        if text[lines[j][0] : lines[j][1]].rstrip() in closers:
            break
    else:
        return 0, {}  # no closing line: not front matter (a thematic break)
    if first == "+++":
        return j + 1, {}
    source = text[lines[1][0] : lines[j][0]] if j > 1 else ""
    try:
        data, node = safe_yaml.load_with_node(source, safe_yaml.FRONT_MATTER)
    except safe_yaml.LimitError as exc:  # an alias bomb, deep nesting, a huge block
        raise ReadError(path, exc.line + 1 if exc.line else 2, f"front matter: {exc.problem}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ReadError(path, line, f"front matter: {problem}") from None
    except ValueError as exc:  # a date that does not exist: 2024-09-31
        from lint.dates import yaml_date_error

        where = yaml_date_error(source)
        if where is None:
            raise ReadError(path, 2, f"front matter: {exc}") from None
        raise ReadError(path, where[0] + 1, f"front matter: {where[1]}: {where[2]}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReadError(path, 2, "front matter: expected a mapping of keys to values")
    _check_types(path, data, node)
    return j + 1, data


# the keys the reader takes, and what each may hold (other keys are not read)
_SCALAR_KEYS = ("title", "date", "dateline", "location", "source", "standfirst", "description", "summary")
_LIST_KEYS = ("author", "authors")  # also a list, or a mapping with a ``name`` (Jekyll, Hugo)


def _check_types(path: str, data: dict, node: yaml.Node | None) -> None:
    """Each key the reader takes holds what it allows: a scalar (the author
    also a list of them, or a mapping whose ``name`` is one); else a
    ReadError naming the key and its line."""
    for key in (*_SCALAR_KEYS, *_LIST_KEYS):
        value = data.get(key)
        if _is_scalar(value):
            continue
        if key in _LIST_KEYS and (_is_person(value) or (isinstance(value, list) and all(_is_person(v) for v in value))):
            continue
        allowed = "text or a list of names" if key in _LIST_KEYS else "text" if key != "date" else "a date"
        line = _key_line(node, key)
        raise ReadError(path, line + 1 if line else 2, f"front matter: {key}: expected {allowed}, not {_kind(value)}")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, dt.date))  # bool is an int, datetime a date


def _is_person(value: Any) -> bool:
    return _is_scalar(value) or (isinstance(value, dict) and _is_scalar(value.get("name")))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if all(_is_scalar(v) for v in value) else "a nested list"
    return type(value).__name__


def _key_line(node: yaml.Node | None, key: str) -> int | None:
    """The 1-based line of a top-level key in the front matter's node tree."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k.start_mark.line + 1
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):  # authors (only scalars or persons: see _check_types)
        return ", ".join(t for t in map(_as_text, value) if t) or None
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    return str(value).strip() or None


def _parse_blocks(text: str, lines: list[tuple[int, int]], first: int, *, indented_code: bool = True) -> list[_Raw]:
    raws: list[_Raw] = []
    cur: _Raw | None = None  # open paragraph or list item
    fence: str | None = None
    in_list = False
    in_comment = False
    in_html = False
    prev_bq = False
    prev_blank = True

    def close() -> None:
        nonlocal cur
        if cur is not None:
            raws.append(cur)
            cur = None

    for ls, le in lines[first:]:
        line = text[ls:le]
        # Container: blockquote markers.
        off = 0
        bq = False
        while True:
            m = _BQ.match(line, off)
            if m is None:
                break
            off, bq = m.end(), True
        rest = line[off:]
        blank = not rest.strip()

        if fence is not None:
            stripped = rest.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if cur is None and _MATH_FENCE.match(rest):
            fence = "$$"  # display math, up to the closing "$$" line
            prev_blank = False
            continue
        if in_comment:
            if "-->" in rest:
                in_comment = False
            continue
        if in_html:
            if blank:
                in_html = False
            continue
        if bq != prev_bq:
            close()
        prev_bq = bq

        if blank:
            close()
            prev_blank = True
            continue
        indent = len(rest) - len(rest.lstrip(" \t"))
        content_start = ls + off + indent
        if in_list and indent < 2 and (prev_blank or _ATX.match(rest)) and not _LIST.match(rest):
            in_list = False  # the list ended

        m = _FENCE.match(rest)
        if m and not (m["fence"][0] == "`" and "`" in m["info"]):
            close()
            fence = m["fence"]
            prev_blank = False
            continue
        if cur is None and indent >= 4 and not in_list and indented_code:
            prev_blank = False
            continue  # indented code
        if _HTML_COMMENT_START.match(rest):
            close()
            in_comment = "-->" not in rest[rest.index("<!--") + 4 :]
            prev_blank = False
            continue
        if cur is None and _HTML_BLOCK.match(rest):
            in_html = True
            prev_blank = False
            continue
        m = _SETEXT.match(rest)
        if m and cur is not None and cur.scope == "paragraph" and indent < 4:
            cur.scope = "heading"
            cur.level = 1 if m["ch"][0] == "=" else 2
            close()
            prev_blank = False
            continue
        if _HR.match(rest):
            close()
            in_list = False
            prev_blank = False
            continue
        m = _ATX.match(rest)
        if m:
            close()
            s = ls + off + m.end()
            body = text[s:le]
            atx_close = _ATX_CLOSE.search(body)
            assert atx_close is not None  # the pattern's "$" always matches
            e = s + atx_close.start()
            if e > s:
                raws.append(_Raw("heading", s, e, level=len(m["hashes"])))
            prev_blank = False
            continue
        m = _LIST.match(rest)
        if m and (indent <= 3 or in_list):
            close()
            s = ls + off + m.end()
            if s < le:
                cur = _Raw("list", s, le)
            in_list = True
            prev_blank = False
            continue
        if cur is None and _LINK_DEF.match(rest):
            prev_blank = False
            continue
        if cur is not None:
            cur.lines.append((content_start, le))  # continuation (also lazy)
        elif in_list and not prev_blank:
            cur = _Raw("list", content_start, le)
        elif in_list and indent >= 2:
            cur = _Raw("list", content_start, le)  # a later paragraph of an item
        else:
            in_list = False
            cur = _Raw("paragraph", content_start, le)
        prev_blank = False
    close()
    return raws


def _to_block(text: str, raw: _Raw, inline: list[Block] | None = None) -> Block | None:
    """The block of ``raw``; with ``inline``, also append to it the texts Vale lints
    again as ``link``, ``strong`` and ``emphasis`` (see ``inline_blocks``)."""
    start, end = raw.lines[0][0], raw.lines[-1][1]
    chars = list(text[start:end])
    # Mask what lies between one line's content and the next (">" markers).
    for (_, pe), (ns, _) in zip(raw.lines, raw.lines[1:]):
        _mask(chars, pe - start, ns - start)
    joined = "".join(chars)
    # inline: (scope, start, end) of each element's text (relative); "whole": the source
    # text (an autolink's or a bare URL's), else the text up to the element's first markup
    runs: list[tuple[str, int, int, bool]] = []
    markup: list[tuple[int, int]] = []
    for rx in (_CODE_SPAN, _INLINE_HTML):
        for m in rx.finditer(joined):
            _mask(chars, m.start(), m.end())
            if inline is not None:
                markup.append(m.span())
                if rx is _INLINE_HTML:
                    _inline_tag(m, runs, len(joined))
        joined = "".join(chars)
    for m in _LINK.finditer(joined):
        _mask(chars, m.start("open"), m.end("open"))
        _mask(chars, m.start("dest"), m.end("dest"))
        if inline is not None:
            markup += [m.span("open"), m.span("dest")]
            if m.group("open") == "[":
                runs.append(("link", m.start("label"), m.end("label"), False))
    masked = "".join(chars)
    if "://" in masked or "www." in masked:
        for m in _BARE_URL.finditer(masked):
            _mask(chars, m.start(), m.end())
            if inline is not None:
                markup.append(m.span())
                runs.append(("link", m.start(), m.end(), True))  # GFM's autolink extension: an <a>
        masked = "".join(chars)
    for _ in range(3):  # emphasis delimiters, innermost first ("**a *b* c**")
        found = False
        for m in _EMPHASIS.finditer(masked):
            found = True
            _mask(chars, m.start("d"), m.end("d"))
            _mask(chars, m.start("e"), m.end("e"))
            if inline is not None:
                markup += [m.span("d"), m.span("e")]
                # "*a*": <em>; "**a**", "***a***" (<em><strong>): <strong>
                runs.append(("emphasis" if len(m.group("d")) == 1 else "strong", m.end("d"), m.start("e"), False))
        if not found:
            break
        masked = "".join(chars)
    if inline is not None and runs:
        _inline_runs(text, start, masked, runs, markup, inline)
    s, e = 0, len(masked)
    while s < e and masked[s].isspace():
        s += 1
    while e > s and masked[e - 1].isspace():
        e -= 1
    if s == e:
        return None
    return Block(raw.scope, start + s, masked[s:e])


_INLINE_TAG = regexes.compile(r"<(?P<name>[A-Za-z][\w-]*)")
_TAG_SCOPES = {"a": "link", "strong": "strong", "b": "strong", "em": "emphasis", "i": "emphasis"}
_AUTOLINK = regexes.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>")


def _inline_tag(m: regex.Match, runs: list[tuple[str, int, int, bool]], n: int) -> None:
    """An inline HTML start tag ``<a>``, ``<strong>``, ``<em>`` ...: its text follows it;
    an autolink ``<https://...>`` is a link whose text is the URL."""
    if _AUTOLINK.fullmatch(m.group()):
        runs.append(("link", m.start() + 1, m.end() - 1, True))
        return
    t = _INLINE_TAG.match(m.group())
    scope = _TAG_SCOPES.get(t.group("name").lower()) if t is not None and not m.group().endswith("/>") else None
    if scope is not None:
        runs.append((scope, m.end(), n, False))


def _inline_runs(text: str, start: int, masked: str, runs: list[tuple[str, int, int, bool]],
                 markup: list[tuple[int, int]], out: list[Block]) -> None:
    """Blocks for the runs of one block: Vale lints the text token right after an
    inline element's start tag, so an element's text ends at its first markup
    (``[see *this*](u)``: the link's text is ``see``, ``this`` is emphasis)."""
    marked = [False] * len(masked)
    for a, b in markup:
        for k in range(a, b):
            marked[k] = True
    for scope, a, b, whole in runs:
        if whole:
            piece, at = text[start + a : start + b], a
        else:
            k = a
            while k < b and not marked[k]:
                k += 1
            piece, at = masked[a:k], a
        s = len(piece) - len(piece.lstrip())
        e = len(piece.rstrip())
        if e > s:
            out.append(Block(scope, start + at + s, piece[s:e]))


def inline_blocks(text: str, *, mdx: bool = False) -> list[Block]:
    """The texts of a Markdown file's links, strong and emphasised text, in source
    order: Vale renders the file as HTML and, after the block pass, lints the text
    right after the start tag of each ``a`` (scope ``link``: inline links, autolinks,
    bare URLs, inline ``<a>``), ``strong``/``b`` (``strong``: ``**a**``) and
    ``em``/``i`` (``emphasis``: ``*a*``, ``_a_``) once more with that scope. Read
    again on demand (only rules so scoped need them); offsets are the file's."""
    lines = split_lines(text)
    try:
        first, _ = _front_matter("-", text, lines)
    except ReadError:  # the file was read; a rule run on text made elsewhere
        first = 0
    body = mdx_mask(text, lines, first) if mdx else text
    out: list[Block] = []
    for raw in _parse_blocks(body, lines, first, indented_code=not mdx):
        _to_block(body, raw, out)
    out.sort(key=lambda b: b.start)
    return out


def read_markdown(path: str, text: str, *, body_only: bool = False, _mdx: bool = False) -> Article:
    """Read a Markdown article. Raises ReadError on broken front matter."""
    lines = split_lines(text)
    first, fm = _front_matter(path, text, lines)
    if _mdx:
        source, text = text, mdx_mask(text, lines, first)
    raws = _parse_blocks(text, lines, first, indented_code=not _mdx)
    meta = Metadata()
    title = _as_text(fm.get("title"))
    blocks: list[Block] = []
    headline_seen = False
    for raw in raws:
        b = _to_block(text, raw)
        if b is None:
            continue
        if not body_only and raw.scope == "heading" and raw.level == 1:
            if title is None and not headline_seen:
                headline_seen = True
                meta.headline = normalize(b.text)
                b = Block("headline", b.start, b.text)
            elif title is not None and normalize(b.text) == normalize(title):
                meta.repeated_headlines.append((b.start, b.end))
                b = Block("headline", b.start, b.text)
        blocks.append(b)

    if not body_only:
        _byline(blocks, meta, has_title=title is not None)
        find_dateline(meta, [b for b in blocks if b.scope == "paragraph"])
    _apply_front_matter(meta, fm, title)
    return Article(path=path, text=source if _mdx else text, format="md", meta=meta, blocks=blocks)


# -- MDX ----------------------------------------------------------------------------
#
# MDX is Markdown plus ESM (import/export statements), JSX elements and
# JavaScript expressions ``{...}``, MDX comments ``{/* ... */}`` among them.
# None of those is prose: ``mdx_mask`` blanks each one whole (a JSX element with
# its children, as Vale does), keeping line breaks, and the Markdown reader reads
# the rest. MDX has no indented code: four spaces start a paragraph. The article
# keeps the file's own text (its ``{/* vale off */}`` comments are suppressions).

_MDX_ESM = regexes.compile(r"(?:import|export)\b")
_MDX_NAME = frozenset(".-_$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def read_mdx(path: str, text: str, *, body_only: bool = False) -> Article:
    """Read an MDX file: Markdown with its JSX, ESM and expressions blanked (see ``mdx_mask``)."""
    return read_markdown(path, text, body_only=body_only, _mdx=True)


def _opens_jsx(text: str, i: int) -> bool:
    """Whether a JSX tag starts at ``i``: "<" and a name, "</" or "<>" (not "<!", "<?", "<https:")."""
    if not text.startswith("<", i) or i + 1 >= len(text):
        return False
    c = text[i + 1]
    if c in ">/":
        return True
    if c not in _MDX_NAME:
        return False
    for ch in text[i + 1 : i + 200]:
        if ch in " \t>/\n\r{":
            return True
        if ch not in _MDX_NAME:
            return False  # a scheme ("https:") or an e-mail address: an autolink
    return True


def _blank_line_at(text: str, i: int) -> bool:
    """Whether a blank line starts after the line break at ``i``."""
    j = i + (2 if text.startswith("\r\n", i) else 1)
    while j < len(text) and text[j] in " \t":
        j += 1
    return j >= len(text) or text[j] in "\r\n"


def _js_end(text: str, i: int, *, inline: bool) -> int:
    """The offset after the "}" that closes the "{" at ``i`` (strings and comments known), or -1."""
    depth = 0
    n = len(text)
    k = i
    while k < n:
        c = text[k]
        if c in "'\"`":
            e = k + 1
            while e < n and text[e] != c:
                e += 2 if text[e] == "\\" else 1
            k = e + 1
            continue
        if text.startswith("/*", k):
            e = text.find("*/", k + 2)
            if e == -1:
                return -1
            k = e + 2
            continue
        if text.startswith("//", k):
            while k < n and text[k] not in "\r\n":
                k += 1
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
            if depth <= 0:
                return k + 1
        elif c in "\r\n" and inline and _blank_line_at(text, k):
            return -1  # an inline expression ends in its paragraph
        k += 1
    return -1


def _jsx_end(text: str, i: int, *, inline: bool) -> int:
    """The offset after the JSX element (children included) that starts at ``i``, or -1."""
    stack: list[str] = []
    n = len(text)
    k = i
    while k < n:
        c = text[k]
        if c == "<" and _opens_jsx(text, k):
            closing = text.startswith("</", k)
            j = k + (2 if closing else 1)
            s = j
            while j < n and text[j] in _MDX_NAME:
                j += 1
            name = text[s:j]
            self_end = False
            while j < n and text[j] != ">":  # the attributes
                ch = text[j]
                if ch in "'\"":
                    e = text.find(ch, j + 1)
                    j = n if e == -1 else e + 1
                    continue
                if ch == "{":
                    e = _js_end(text, j, inline=False)
                    if e == -1:
                        return -1
                    j = e
                    continue
                self_end = ch == "/"
                j += 1
            if j >= n:
                return -1
            if closing:
                if stack:
                    stack.pop()
            elif not self_end:
                stack.append(name)
            k = j + 1
            if not stack:
                return k
            continue
        if c == "{":
            e = _js_end(text, k, inline=False)
            if e == -1:
                return -1
            k = e
            continue
        if c in "\r\n" and inline and _blank_line_at(text, k):
            return -1
        k += 1
    return -1


def mdx_mask(text: str, lines: list[tuple[int, int]], first: int) -> str:
    """``text`` with MDX's ESM blocks, JSX elements and ``{...}`` expressions blanked
    (line breaks kept), outside fenced code; lines before ``first`` (front matter) untouched."""
    if "{" not in text and "<" not in text and "import" not in text and "export" not in text:
        return text
    chars = list(text)
    fence: str | None = None
    k = first
    covered = -1  # offsets before this are blanked already
    while k < len(lines):
        ls, le = lines[k]
        k += 1
        if ls < covered:
            continue
        line = text[ls:le]
        indent = len(line) - len(line.lstrip(" \t"))
        rest = line[indent:]
        if fence is not None:
            if rest.startswith(fence) and set(rest.strip()) == {fence[0]}:
                fence = None
            continue
        m = _FENCE.match(line)
        if m and indent <= 3:
            fence = m["fence"]
            continue
        at = ls + indent
        end = -1
        if indent == 0 and _MDX_ESM.match(line):
            end = le  # a statement, and those that run on (open brackets) or follow directly
            while True:
                depth = sum(text.count(b, ls, end) for b in "{([") - sum(text.count(b, ls, end) for b in "})]")
                if k < len(lines) and (depth > 0 or _MDX_ESM.match(text, lines[k][0])):
                    end = lines[k][1]
                    k += 1
                    continue
                break
        elif indent <= 3 and rest.startswith("{"):
            end = _js_end(text, at, inline=False)
        elif indent <= 3 and _opens_jsx(text, at):
            end = _jsx_end(text, at, inline=False)
        if end != -1:
            _mask(chars, at, end)
            covered = end
            continue
        # inline: {expressions} and JSX elements inside the line (outside code spans)
        j = ls
        while True:
            j = _next_inline(text, j, le)
            if j == -1:
                break
            e = _js_end(text, j, inline=True) if text[j] == "{" else _jsx_end(text, j, inline=True)
            if e == -1:
                j += 1
                continue
            _mask(chars, j, e)
            covered = j = e
    return "".join(chars)


def _next_inline(text: str, j: int, le: int) -> int:
    """The next "{" or JSX tag in ``text[j:le]`` outside inline code, or -1."""
    while j < le:
        c = text[j]
        if c == "`":
            run = j
            while run < le and text[run] == "`":
                run += 1
            close = text.find(text[j:run], run, le)
            j = run if close == -1 else close + (run - j)
            continue
        if c == "\\":
            j += 2
            continue
        if c == "{" or (c == "<" and _opens_jsx(text, j)):
            return j
        j += 1
    return -1


def _byline(blocks: list[Block], meta: Metadata, *, has_title: bool) -> None:
    """A byline among the first prose blocks after the headline."""
    if has_title:
        start = 0
    else:
        heads = [k for k, b in enumerate(blocks) if b.scope == "headline"]
        if not heads:
            return
        start = heads[0] + 1
    seen = 0
    for k in range(start, len(blocks)):
        b = blocks[k]
        if b.scope == "headline":
            continue
        if b.scope == "paragraph" and "\n" not in b.text and "\r" not in b.text and looks_like_byline(b.text):
            blocks[k] = Block("byline", b.start, b.text)
            apply_byline(meta, b.text)
            return
        seen += 1
        if seen >= 2:
            return


def _apply_front_matter(meta: Metadata, fm: dict, title: str | None) -> None:
    if title is not None:
        meta.headline = normalize(title)
    standfirst = _as_text(fm.get("standfirst") or fm.get("description") or fm.get("summary"))
    if standfirst:
        meta.standfirst = normalize(standfirst)
    author = _as_text(fm.get("author") or fm.get("authors"))
    if author:
        meta.author = author
    place = _as_text(fm.get("dateline") or fm.get("location"))
    if place:
        meta.place = place
    source = _as_text(fm.get("source"))
    if source:
        meta.source = source
    if "date" in fm:
        date = _as_date(fm["date"])
        if date is not None:
            meta.date, meta.date_source = date, "front matter"
