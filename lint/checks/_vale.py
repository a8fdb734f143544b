"""Helpers shared by the Vale-compatible check types.

* ``ScopeFilter``: what newslint's block scopes cannot say on their own --
  Vale's whole-file scopes (``raw``: the file as one block; ``summary``: the
  document's prose as one block) and heading levels (``heading.h2``,
  ``~heading.h1``). ``lint.rules.resolve_scopes`` hands a rule every heading
  (and the headline, a Markdown ``#`` heading); the filter keeps the levels
  the rule names.
* ``heading_level``: a heading block's level, read from the source
  (``#`` count, setext underline); a headline is level 1. The AsciiDoc,
  reStructuredText and Org readers record their levels (and table cells,
  quoted blocks, alt texts) in ``article.markup`` (lint/readers/_markup.py).
* ``exceptions_search``: Vale's ``updateExceptions`` regex (a word-bounded
  *search*, each term case-sensitive unless it starts with ``(?i)``).
* ``vale_text``: a block's text as Vale sees it -- the Markdown reader
  masks markup with spaces; Vale drops link syntax (``(API)`` for
  ``([API](https://...))``) and keeps inline code as ``*`` runs.
* ``alt_blocks``, ``frontmatter_blocks``: Vale's ``alt`` and
  ``text.frontmatter.<key>`` scopes.
* ``inline_blocks``: Vale's ``link``, ``strong`` and ``emphasis`` scopes -- the
  text of those elements, which Vale lints a second time with that scope only
  (so no ``text`` or ``paragraph`` rule sees it twice); ``figure.caption``: the
  blocks of HTML ``<figcaption>`` elements.
* ``action_fixes``: what Vale's ``FixAlert`` makes of a rule's ``action``
  for one match (``replace``, ``remove``, ``edit`` with ``regex``,
  ``trim``/``trim_left``/``trim_right``, ``truncate``, ``split``).
* comment kinds: ``comment.line`` and ``comment.block`` (also written
  ``text.comment.line``; ``~comment.block``) keep the comments of a source
  file of that kind (``Article.comment_kinds``, lint/readers/code.py).
"""

from __future__ import annotations

import bisect

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks.patterns import compile_pattern

_ATX = regexes.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = regexes.compile(r"[ \t]{0,3}(=+|-+)[ \t]*$")
_LEVEL = regexes.compile(r"h([1-6])$")


def heading_level(article: Article, block: Block) -> int:
    """The level (1-6) of a heading or headline block; 0 for other blocks."""
    if block.scope not in ("heading", "headline"):
        return 0
    info = _markup(article)
    if info is not None:
        return info.levels.get(block.start, 1 if block.scope == "headline" else 2)
    text = article.text
    line_start = text.rfind("\n", 0, block.start) + 1
    m = _ATX.match(text, line_start)
    if m is not None and m.end() <= block.start + 1:
        return len(m.group(1))
    nl = text.find("\n", block.end)
    if nl != -1:
        nxt_end = text.find("\n", nl + 1)
        nxt = text[nl + 1 : nxt_end if nxt_end != -1 else len(text)].rstrip("\r")
        m = _SETEXT.match(nxt)
        if m is not None:
            return 1 if m.group(1)[0] == "=" else 2
    return 1 if block.scope == "headline" else 2


_QUOTE_MARK = regexes.compile(r"[ \t]{0,3}>")

# the formats whose headings Vale knows (a plain-text file has none)
_MARKUP = ("md", "adoc", "rst", "org", "html", "xml", "dita")


def _markup(article: Article):
    """The ``MarkupInfo`` of an AsciiDoc, reStructuredText or Org article, else None."""
    return getattr(article, "markup", None)


def in_blockquote(article: Article, block: Block) -> bool:
    """Whether a Markdown block starts on a "> " line (Vale's ``blockquote`` scope);
    for the other markup formats, whether the reader found it in a block quotation."""
    info = _markup(article)
    if info is not None:
        return block.start in info.quoted
    if article.format != "md" or block.scope not in ("paragraph", "list", "standfirst"):
        return False
    line_start = article.text.rfind("\n", 0, block.start) + 1
    return _QUOTE_MARK.match(article.text, line_start, block.start + 1) is not None


_FORMATS = {"md": "md", "markdown": "md", "mdx": "mdx", "txt": "txt", "text": "txt", "rst": "rst",
            "html": "html", "adoc": "adoc", "asciidoc": "adoc", "org": "org", "dita": "dita", "xml": "xml"}
_FM_END = regexes.compile(r"(?m)^(?:---|\.\.\.)[ \t]*$")


def frontmatter_blocks(article: Article, keys: list[str]) -> list[Block]:
    """Blocks for the values of top-level front-matter keys (quotes excluded)."""
    text = article.text
    if not text.startswith("---"):
        return []
    m = _FM_END.search(text, 3)
    if m is None:
        return []
    out = []
    for key in keys:
        km = regexes.compile(r"(?m)^%s:[ \t]*(?P<q>[\"']?)(?P<v>[^\n]*?)(?P=q)[ \t]*\r?$" % regex.escape(key)).search(text, 0, m.start())
        if km is not None and km.group("v") and km.group("v") not in ("|", ">"):
            out.append(Block("headline", km.start("v"), km.group("v")))
    return out


_FM_VALUE = regexes.compile(
    r"(?m)^[A-Za-z_][\w-]*:[ \t]*(?:(?P<q>[\"']?)(?P<v>[^\n|>]*?)(?P=q)|[|>][-+]?[ \t]*\r?\n(?P<b>(?:[ \t]+[^\n]*(?:\n|$)|[ \t]*\r?\n)+))[ \t]*\r?$"
)


def frontmatter_text_blocks(article: Article) -> list[Block]:
    """The top-level string values of a Markdown file's YAML front matter (Vale lints them as text)."""
    text = article.text
    if article.format != "md" or not text.startswith("---"):
        return []
    end = _FM_END.search(text, 3)
    if end is None:
        return []
    out = []
    for m in _FM_VALUE.finditer(text, 3, end.start()):
        if m.group("v") and m.group("v")[0] not in "[{&*!":
            out.append(Block("paragraph", m.start("v"), m.group("v")))
        elif m.group("b"):
            for line in regex.finditer(r"(?m)^[ \t]+(?P<t>\S[^\n]*?)[ \t]*\r?$", m.group("b")):
                out.append(Block("paragraph", m.start("b") + line.start("t"), line.group("t")))
    return out


class ScopeFilter:
    """Compiled once from a rule's ``scope`` list."""

    def __init__(self, scope: list[str]):
        names = [s.strip() for s in scope]
        # "paragraph.rst", "text.md": only files of that format
        quals = [s.split(".")[1] for s in names if not s.startswith("~") and "." in s]
        fmts = {_FORMATS[q] for q in quals if q in _FORMATS}
        self.formats = fmts if fmts and len(fmts) == len([q for q in quals if not _LEVEL.match(q) and q != "frontmatter"]) else None
        # "text.frontmatter.title": the value of a front-matter key
        self.frontmatter = [s.split(".", 2)[2] for s in names if s.startswith("text.frontmatter.") and s.count(".") >= 2]
        self.raw = any(s.lstrip("~").split(".")[0] == "raw" and not s.startswith("~") for s in names)
        self.summary = any(s == "summary" for s in names)
        self.alt = bool(names) and all(s.split(".")[0] == "alt" for s in names)
        # "link", "strong", "emphasis": the text of those inline elements, read apart from the
        # blocks (a qualified "link.md" matches nothing: Vale's block is scoped "link" alone)
        self.inline = {s for s in names if s in INLINE_SCOPES}
        self.inline_only = bool(names) and all(s.split(".")[0] in INLINE_SCOPES for s in names)
        # "figure.caption" ("figure"): the blocks of HTML <figcaption> elements, which are no paragraph
        self.captions = bool(names) and all(s.split(".")[0] == "figure" for s in names)
        self.no_captions = bool(names) and all(s.lstrip("~").split(".")[0] == "paragraph" for s in names)
        # "table", "table.header", "table.cell", "table.caption": Markdown table cells
        self.table = (
            {s.partition(".")[2] or "*" for s in names}
            if names and all(s.split(".")[0] == "table" for s in names) else None
        )
        self.include_levels: set[int] = set()
        self.exclude_levels: set[int] = set()
        plain_heading = False
        for s in names:
            neg = s.startswith("~")
            parts = s.lstrip("~").split(".")
            if parts[0] != "heading":
                continue
            m = _LEVEL.match(parts[1]) if len(parts) > 1 else None
            if m is None:
                if not neg:
                    plain_heading = True
                continue
            (self.exclude_levels if neg else self.include_levels).add(int(m.group(1)))
        if plain_heading:
            self.include_levels = set()  # every level
        self.levels = bool(self.include_levels or self.exclude_levels)
        # "blockquote" / "~blockquote": blocks inside a Markdown "> " quote, or outside one
        positive = [s.split(".")[0] for s in names if not s.startswith("~")]
        self.only_quoted = bool(positive) and all(p == "blockquote" for p in positive)
        # headings only: a plain-text file has none in Vale (its first line is no heading)
        self.headings_only = bool(positive) and all(p == "heading" for p in positive)
        # Vale's sentences are those of paragraphs, lists and cells: a Markdown heading is none
        self.sentences_only = bool(positive) and all(p == "sentence" for p in positive)
        self.no_quoted = "~blockquote" in names
        # "~alt": every block but image alt texts; "~table" ("~table.header", "~table.cell",
        # "~table.caption"): every block but (those) table cells -- Vale's negated selectors
        self.no_alt = "~alt" in names
        self.no_table = {s[1:].partition(".")[2] or "*" for s in names if s.split(".")[0] == "~table"}
        self.text = "text" in names  # Vale also lints the front matter's values as text
        # "comment.line", "~comment.block", "text.comment.line": one kind of a source file's comments
        self.comment_kinds: set[str] = set()
        self.no_comment_kinds: set[str] = set()
        for s in names:
            neg = s.startswith("~")
            name = s.lstrip("~")
            name = name[5:] if name.startswith("text.comment.") else name
            if name in ("comment.line", "comment.block"):
                (self.no_comment_kinds if neg else self.comment_kinds).add(name)
        if any(s.lstrip("~") in ("comment", "text.comment") and not s.startswith("~") for s in names):
            self.comment_kinds = set()  # every comment

    def blocks(self, article: Article, blocks: list[Block]) -> list[Block]:
        if self.formats is not None and article.format not in self.formats:
            return []
        if (self.comment_kinds or self.no_comment_kinds) and article.comment_kinds:
            kinds = article.comment_kinds
            blocks = [b for b in blocks if b.scope != "comment" or (
                (not self.comment_kinds or kinds.get(b.start) in self.comment_kinds)
                and kinds.get(b.start) not in self.no_comment_kinds)]
        if self.headings_only and article.format not in _MARKUP:
            return []
        if self.sentences_only and article.format in _MARKUP:
            heads = sorted((h.start, h.end) for h in article.blocks if h.scope in ("heading", "headline"))
            if heads:
                starts = [a for a, _ in heads]
                blocks = [b for b in blocks
                          if (k := bisect.bisect_right(starts, b.start) - 1) < 0 or b.start >= heads[k][1]]
        if self.frontmatter:
            return frontmatter_blocks(article, self.frontmatter)
        if self.raw:
            return [Block("raw", 0, article.text)] if article.text else []
        if self.alt:
            return alt_blocks(article)
        if self.inline_only:
            return inline_blocks(article, self.inline)
        if self.captions:
            info = _markup(article)
            return [b for b in blocks if b.start in info.captions] if info is not None else []
        if self.no_captions and (info := _markup(article)) is not None and info.captions:
            blocks = [b for b in blocks if b.start not in info.captions]
        if self.inline:
            blocks = sorted([*self._narrow(article, blocks), *inline_blocks(article, self.inline)], key=lambda b: b.start)
            return blocks
        return self._narrow(article, blocks)

    def _narrow(self, article: Article, blocks: list[Block]) -> list[Block]:
        if self.table is not None:
            return table_blocks(article, blocks, self.table)
        if self.text and article.format == "md" and article.text.startswith("---"):
            blocks = frontmatter_text_blocks(article) + list(blocks)
        if self.only_quoted or self.no_quoted:
            blocks = [b for b in blocks if in_blockquote(article, b) == self.only_quoted]
        if self.no_alt:
            blocks = cut(blocks, [(a.start, a.end) for a in alt_blocks(article)])
        if self.no_table:
            blocks = without_cells(article, blocks, self.no_table)
        if not self.levels:
            return blocks
        out = []
        for b in blocks:
            if b.scope in ("heading", "headline"):
                level = heading_level(article, b)
                if self.include_levels and level not in self.include_levels:
                    continue
                if level in self.exclude_levels:
                    continue
            out.append(b)
        return out


def exceptions_search(exceptions: list[str], loc: tuple = ("exceptions",)) -> regex.Pattern | None:
    """Vale's exception regex: ``(?m)\\b(?:(?-i)t1|(?-i)t2)\\b``, longest first."""
    if not exceptions:
        return None
    terms = sorted(exceptions, key=len, reverse=True)
    terms = ["(?i:" + t[4:] + ")" if t.startswith("(?i)") else t for t in terms]
    return compile_pattern(r"(?m)\b(?:%s)\b" % "|".join(terms), loc)


class ValeText:
    """A block's text as Vale sees it, with a map back to source offsets.

    The Markdown reader masks markup with spaces and trims masked runs at the
    block's edges. Vale keeps inline code as a run of ``*`` (so a heading
    that starts with code still starts there, and code counts towards
    lengths) and drops link syntax (``[label](url)`` reads ``label``). Here:
    masked code spans become ``*`` runs, other masked characters are
    dropped, and code spans trimmed from the block's edges are put back.
    ``offsets[i]`` is the source offset of ``text[i]``.
    """

    __slots__ = ("offsets", "start", "text")

    def __init__(self, text: str, offsets: list[int] | None, start: int):
        self.text, self.offsets, self.start = text, offsets, start

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets of the half-open range [i, j) of ``text``."""
        if self.offsets is None:
            return self.start + i, self.start + j
        if i >= j:
            a = self.offsets[i] if i < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else self.start)
            return a, a
        return self.offsets[i], self.offsets[j - 1] + 1

    def vale_span(self, i: int, j: int, source: str) -> tuple[int, int]:
        """``span``, placed as Vale places a match that markup interrupts.

        Vale finds a match's position by searching its text in the source;
        when markup splits it ("Mermaid [Mermaid", "use _use_"), the search
        fails and Vale reports column 1 of the line. Same here.
        """
        s, e = self.span(i, j)
        if self.offsets is not None and j - i > 1 and self.offsets[j - 1] - self.offsets[i] != j - 1 - i:
            s = source.rfind("\n", 0, s) + 1
        return s, e


_CODE_RUN = regexes.compile(r"`+")


def _edge_code(src: str, pos: int, step: int) -> int:
    """Extend ``pos`` over code spans (and blanks) on the same line, left (-1) or right (+1)."""
    best = pos
    i = pos
    n = len(src)
    while True:
        j = i - 1 if step < 0 else i
        while 0 <= j < n and src[j] in " \t":
            j += step
        if not (0 <= j < n) or src[j] != "`":
            return best
        # a backtick run: find the matching run on the same line
        k = j
        while 0 <= k + step < n and src[k + step] == "`":
            k += step
        run = abs(k - j) + 1
        line_lo = src.rfind("\n", 0, min(j, k)) + 1
        line_hi = src.find("\n", max(j, k))
        line_hi = n if line_hi == -1 else line_hi
        if step < 0:
            close_start = k  # leftmost char of the closing run
            opener = src.rfind("`" * run, line_lo, close_start)
            if opener == -1:
                return best
            i = best = opener
        else:
            open_end = k + 1
            closer = src.find("`" * run, open_end, line_hi)
            if closer == -1:
                return best
            i = best = closer + run


def vale_text(article: Article, block: Block) -> ValeText:
    src = article.text
    if block.scope != "raw" and _markup(article) is not None:
        own = getattr(article, "vale_texts", None)  # HTML: the reader's own (lint/readers/vale_html.py)
        hit = own.get((block.start, block.end)) if own else None
        if hit is not None:
            return ValeText(hit[0], hit[1], block.start)
        return _markup_text(src, block)
    if block.scope == "raw" or article.format != "md":
        return ValeText(block.text, None, block.start)
    s = _edge_code(src, block.start, -1)
    e = _edge_code(src, block.end, +1)
    region = src[s:e]
    if s == block.start and e == block.end and region == block.text:
        return ValeText(block.text, None, block.start)
    masked = " " * (block.start - s) + block.text + " " * (e - block.end)
    code = [False] * len(region)
    for m in _CODE_SPAN.finditer(region):
        for k in range(m.start(), m.end()):
            code[k] = True
    chars: list[str] = []
    offsets: list[int] = []
    # a blank inside markup ("<!-- vale off -->") goes with it: dropped when the
    # nearest characters on both sides are dropped markup
    gone = [c != o and c.isspace() and not o.isspace() and not code[k] for k, (c, o) in enumerate(zip(masked, region))]
    inner: list[bool] = [False] * len(region)
    left = False
    for k, o in enumerate(region):
        if o == " " and not gone[k]:
            inner[k] = left
        else:
            left = gone[k]
    right = False
    for k in range(len(region) - 1, -1, -1):
        if region[k] == " " and not gone[k]:
            inner[k] = inner[k] and right
        else:
            right = gone[k]
    for k, (c, o) in enumerate(zip(masked, region)):
        if inner[k]:
            continue
        if c == o or not c.isspace() or o.isspace():
            chars.append(c)
        elif code[k]:
            chars.append("*")
        else:
            continue
        offsets.append(s + k)
    return ValeText("".join(chars), offsets, s)


def _markup_text(src: str, block: Block) -> ValeText:
    """An AsciiDoc, reStructuredText or Org block as Vale sees it: the markup
    that the reader blanked is dropped (Vale reads the HTML's text, where
    ``*bold*`` is ``bold``), line breaks and the source's own blanks kept."""
    region = src[block.start : block.end]
    if region == block.text:
        return ValeText(block.text, None, block.start)
    chars: list[str] = []
    offsets: list[int] = []
    for k, (c, o) in enumerate(zip(block.text, region)):
        if c != o and c == " ":
            continue
        chars.append(c)
        offsets.append(block.start + k)
    return ValeText("".join(chars), offsets, block.start)


_CODE_SPAN = regexes.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)
_ALT = regexes.compile(r"!\[(?P<alt>[^\]\n]*)\]\(")


def alt_blocks(article: Article) -> list[Block]:
    """Image alt texts of a Markdown article (Vale's ``alt`` scope), or those a markup reader found."""
    info = _markup(article)
    if info is not None:
        return list(info.alts)
    if article.format != "md":
        return []
    return [Block("alt", m.start("alt"), m.group("alt")) for m in _ALT.finditer(article.text) if m.group("alt")]


INLINE_SCOPES = ("link", "strong", "emphasis")


def inline_blocks(article: Article, scopes: set[str]) -> list[Block]:
    """The link, strong and emphasis texts (``scopes``) of a Markdown or markup article."""
    info = _markup(article)
    if info is not None:
        found = info.inlines
    elif article.format == "md":
        from lint.readers.markdown import inline_blocks as md_inline_blocks

        found = md_inline_blocks(article.text, mdx=article.path.lower().endswith(".mdx"))
    else:
        return []
    return [b for b in found if b.scope in scopes]


_ALNUM = regexes.compile(r"[\p{L}\p{N}]")


def cut(blocks: list[Block], spans: list[tuple[int, int]]) -> list[Block]:
    """``blocks`` with the source spans ``spans`` taken out: a block that
    overlaps one is split around it, and the pieces left with no letter or
    digit (a table's pipes and rules, the ``![`` of an image) are dropped."""
    if not spans:
        return blocks
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    out: list[Block] = []
    for b in blocks:
        k = max(bisect.bisect_right(starts, b.start) - 1, 0)
        pos = b.start
        pieces: list[tuple[int, int]] = []
        while k < len(spans) and spans[k][0] < b.end:
            a, z = spans[k]
            if z > pos:
                if a > pos:
                    pieces.append((pos, a))
                pos = max(pos, z)
            k += 1
        if pos == b.start and not pieces:
            out.append(b)
            continue
        if pos < b.end:
            pieces.append((pos, b.end))
        for a, z in pieces:
            text = b.text[a - b.start : z - b.start]
            s = len(text) - len(text.lstrip())
            e = len(text.rstrip())
            if e > s and _ALNUM.search(text):
                out.append(Block(b.scope, a + s, text[s:e]))
    return out


def without_cells(article: Article, blocks: list[Block], kinds: set[str]) -> list[Block]:
    """``blocks`` without the table cells of ``kinds`` (``header``, ``cell``,
    ``caption``, ``*``: all): Vale's ``~table`` selectors."""
    info = _markup(article)
    if info is not None:
        return [b for b in blocks if (k := info.cells.get(b.start)) is None or not ("*" in kinds or k in kinds)]
    if article.format != "md":
        return blocks
    return cut(blocks, [(c.start, c.end) for c in table_blocks(article, blocks, kinds)])


_TABLE_DELIM = regexes.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?")
_TABLE_CELL = regexes.compile(r"[^|]+")
_HTML_CELL = regexes.compile(r"(?is)<(?P<tag>caption|td|th)\b[^>]*>(?P<v>[^<]*)</(?P=tag)\s*>")
_FENCE_LINE = regexes.compile(r"(?m)^[ \t]{0,3}(`{3,}|~{3,})")


def table_blocks(article: Article, blocks: list[Block], kinds: set[str]) -> list[Block]:
    """Cells of a Markdown article's tables (Vale's ``table`` scopes).

    ``kinds``: ``header`` (the header row, ``<th>``), ``cell`` (body rows,
    ``<td>``), ``caption`` (``<caption>``), ``*`` (all). A pipe table is a
    paragraph block whose second line is a delimiter row; HTML tables are
    read from the source outside fenced code. The other markup readers
    record their cells (``article.markup.cells``).
    """
    info = _markup(article)
    if info is not None:
        return [b for b in blocks if (k := info.cells.get(b.start)) is not None and ("*" in kinds or k in kinds)]
    if article.format != "md":
        return []
    every = "*" in kinds
    out: list[Block] = []
    for b in blocks:
        if b.scope != "paragraph" or "|" not in b.text:
            continue
        lines = b.text.split("\n")
        if len(lines) < 2 or "-" not in lines[1] or _TABLE_DELIM.fullmatch(lines[1]) is None:
            continue
        off = 0
        for k, line in enumerate(lines):
            kind = "header" if k == 0 else "cell"
            if k != 1 and (every or kind in kinds):
                for m in _TABLE_CELL.finditer(line):
                    v = m.group()
                    s = len(v) - len(v.lstrip())
                    e = len(v.rstrip())
                    if e > s:
                        out.append(Block("paragraph", b.start + off + m.start() + s, v[s:e]))
            off += len(line) + 1
    text = article.text
    if "<" in text:
        fenced: list[tuple[int, int]] = []
        opener = None
        for m in _FENCE_LINE.finditer(text):
            if opener is None:
                opener = m
            elif m.group(1)[0] == opener.group(1)[0] and len(m.group(1)) >= len(opener.group(1)):
                fenced.append((opener.start(), m.end()))
                opener = None
        if opener is not None:
            fenced.append((opener.start(), len(text)))
        want = {"th": "header", "td": "cell", "caption": "caption"}
        for m in _HTML_CELL.finditer(text):
            if not (every or want[m.group("tag").lower()] in kinds):
                continue
            if any(a <= m.start() < z for a, z in fenced):
                continue
            v = m.group("v")
            s = len(v) - len(v.lstrip())
            e = len(v.rstrip())
            if e > s:
                out.append(Block("paragraph", m.start("v") + s, v[s:e]))
    out.sort(key=lambda blk: blk.start)
    return out


class ActionError(ValueError):
    """A rule's action cannot be applied to a match (Vale's FixAlert error)."""


_GO_TEMPLATE = regexes.compile(r"\$(?:\$|\{(?P<b>[A-Za-z0-9_]+)\}|(?P<n>[A-Za-z0-9_]+))")


def go_expand(template: str, m: regex.Match) -> str:
    """Go's ``Regexp.ReplaceAllString`` template for one match: ``$1``, ``${1}``,
    ``$name``, ``${name}`` (``$1x`` names the group ``1x``, as in Go), ``$$``
    a dollar; a group that does not exist or did not take part is empty."""

    def one(t: regex.Match) -> str:
        if t[0] == "$$":
            return "$"
        name = t["b"] or t["n"]
        try:
            got = m.group(int(name) if name.isdigit() else name)
        except IndexError:  # no such group
            return ""
        return got or ""

    return _GO_TEMPLATE.sub(one, template)


def action_fixes(name: str, params: list[str], match: str) -> list[str] | None:
    """The suggestions Vale's ``FixAlert`` computes for an alert on ``match``
    (internal/check/action.go): ``replace`` its params, ``remove`` one empty
    string, ``edit`` the match edited, then stripped of surrounding blanks.
    None for an action whose suggestions newslint does not compute
    (``suggest`` runs a spelling check or a script, ``convert``).
    ``ActionError`` where Vale reports one (wrong number of params, bad regex,
    index out of range)."""
    if name == "replace":
        return list(params)
    if name == "remove":
        return [""]
    if name != "edit":
        return None
    if not params:
        raise ActionError("no parameters")
    op, want = params[0], {"regex": 3, "trim_right": 2, "trim_left": 2, "trim": 2, "truncate": 2, "split": 3}
    if op in want and len(params) != want[op]:
        raise ActionError("invalid number of parameters")
    out = match
    if op == "regex":
        try:
            rx = regex.compile(params[1], regex.V0)
        except (regex.error, ValueError) as exc:
            raise ActionError(str(exc)) from None
        out = rx.sub(lambda m: go_expand(params[2], m), match)
    elif op == "trim_right":  # Go's strings.TrimRight: a set of characters ("" trims nothing)
        out = match.rstrip(params[1])
    elif op == "trim_left":
        out = match.lstrip(params[1])
    elif op == "trim":
        out = match.strip(params[1])
    elif op == "truncate":  # Go's strings.Split with "" splits into characters
        out = match.split(params[1])[0] if params[1] else match[:1]
    elif op == "split":
        try:
            index = int(params[2])
        except ValueError as exc:
            raise ActionError(str(exc)) from None
        parts = match.split(params[1]) if params[1] else list(match)
        if not 0 <= index < len(parts):
            raise ActionError("index out of range")
        out = parts[index]
    return [out.strip()]


_GO_VERB = regexes.compile(r"%(?:\[(?P<i>\d+)\])?(?P<v>[sdvq%])|%$")


def vale_message(template: str, *subs: str | int) -> str:
    """A Vale rule's ``message`` with its substitutions, as current Vale
    formats it: core.FormatMessage is CondSprintf, Go's ``fmt.Sprintf`` with
    an empty argument (and a ``%[n+1]s`` that prints it) appended, so that
    unused arguments are never reported. Each ``%s`` / ``%v`` / ``%d`` takes
    the next argument; ``%[n]s`` the n-th, and the next verb the one after it;
    past the arguments Go prints ``%!s(MISSING)`` (one verb past them prints
    the appended empty string), an index out of range ``%!s(BADINDEX)``; a
    string under ``%d`` prints ``%!d(string=...)`` (a count, given as a
    number, prints under ``%d`` and ``%s`` alike, as Vale's #1048 intends);
    ``%%`` is ``%``. The news check types use
    ``lint.checks.base.format_message`` instead."""
    if "%" not in template:
        return template
    args: list[str | int] = [*subs, ""]
    k = 0

    def one(m: regex.Match) -> str:
        nonlocal k
        verb = m.group("v")
        if verb is None:
            return "%!(NOVERB)"
        if verb == "%" and m.group("i") is None:
            return "%"
        if m.group("i") is not None:
            n = int(m.group("i"))
            if not 0 < n <= len(args) or verb == "%":
                return f"%!{verb}(BADINDEX)"
            k = n - 1
        if k >= len(args):
            return f"%!{verb}(MISSING)"
        arg = args[k]
        k += 1
        if isinstance(arg, int):  # occurrence's count: "%d" or "%s" (Vale #1048)
            return str(arg)
        if verb == "d":
            return f"%!d(string={arg})"
        if verb == "q":
            return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return arg

    return _GO_VERB.sub(one, template)


# --------------------------------------------------------------------------
# WordTemplate: the .vale.ini's wrapper for a word rule's tokens


class WordTemplate:
    """The ``.vale.ini``'s ``WordTemplate`` while its styles are compiled
    (lint/vale_config.py sets it around the loading): existence and substitution
    rules that match whole words wrap their tokens in it instead of Vale's
    ``(?m)\\b(?:%s)\\b`` (Vale's makeRegexp; ``nonword`` rules keep ``(?m)(?:%s)``).
    Empty: Vale's default."""

    current: str = ""


def word_pattern(body: str, *, word: bool, ignorecase: bool, raw: str = "", append: bool = False) -> str:
    """``patterns.make_pattern`` with the configuration's ``WordTemplate`` (when one is set)."""
    from lint.checks.patterns import make_pattern

    template = WordTemplate.current
    if not template or not word:
        return make_pattern(body, word=word, ignorecase=ignorecase, raw=raw, append=append)
    from lint.vale_config import fill_template

    pattern = fill_template(template, body) if body else ""
    if raw:
        pattern = pattern + raw if append else raw + pattern
    return ("(?i)" if ignorecase else "") + pattern


# --------------------------------------------------------------------------
# matchcase: a replacement cased like the text it replaces (Vale's matchCase)

_LOWER, _UPPER, _TITLE, _NONE = "lower", "upper", "title", "none"


def _case_of(s: str) -> str:
    """lower, upper or title (one capital, the first letter; a lone capital letter too), else none."""
    letters = upper = lower = 0
    first_upper = seen = False
    for c in s:
        if not c.isalpha():
            continue
        letters += 1
        if c.isupper():
            upper += 1
            if not seen:
                first_upper = True
        elif c.islower():
            lower += 1
        seen = True
    if letters == 0:
        return _NONE
    if upper == 0:
        return _LOWER
    if lower == 0:
        return _TITLE if letters == 1 else _UPPER
    if first_upper and upper == 1:
        return _TITLE
    return _NONE


def _apostrophe_in_word(s: str, i: int) -> bool:
    return s[i] in "'\u2019" and 0 < i < len(s) - 1 and s[i - 1].isalpha() and s[i + 1].isalpha()


def _words(s: str) -> tuple[list[str], list[str]]:
    """The runs of letters of ``s`` (an apostrophe between letters belongs to its word) and the
    separators around them: ``seps[0] + words[0] + seps[1] + ... + seps[-1]`` is ``s``."""
    words: list[str] = []
    seps: list[str] = []
    cur: list[str] = []
    sep: list[str] = []
    for i, c in enumerate(s):
        if c.isalpha() or _apostrophe_in_word(s, i):
            if sep or not cur:
                seps.append("".join(sep))
                sep = []
            cur.append(c)
            continue
        if cur:
            words.append("".join(cur))
            cur = []
        sep.append(c)
    if cur:
        words.append("".join(cur))
    seps.append("".join(sep))
    return words, seps


def _cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def _cased(word: str, case: str) -> str:
    if case == _LOWER:
        return word.lower()
    if case == _UPPER:
        return word.upper()
    if case == _TITLE:
        return _cap_first(word.lower())
    return word


def _all_title(s: str) -> bool:
    words, _ = _words(s)
    return len(words) >= 2 and all(_case_of(w) == _TITLE for w in words)


def _match_wordwise(replacement: str, observed: str) -> str | None:
    rw, seps = _words(replacement)
    ow, _ = _words(observed)
    if not rw or not ow:
        return None
    head = 0  # words both sides share at the start (case-insensitively) and at the end
    while head < len(rw) and head < len(ow) and rw[head].casefold() == ow[head].casefold():
        head += 1
    tail = 0
    while (tail < len(rw) - head and tail < len(ow) - head
           and rw[len(rw) - 1 - tail].casefold() == ow[len(ow) - 1 - tail].casefold()):
        tail += 1
    mid_words = ow[head : len(ow) - tail]
    mid = _case_of(" ".join(mid_words))
    if not mid_words:  # an inserted word: cased like the word after it (else the one before)
        if tail > 0:
            mid = _case_of(ow[len(ow) - tail])
        elif head > 0:
            mid = _case_of(ow[head - 1])
    per_word = mid == _TITLE and _all_title(" ".join(mid_words))
    out: list[str] = []
    mid_first = True
    for i, w in enumerate(rw):
        out.append(seps[i])
        case = mid
        if i < head:
            case = _case_of(ow[i])
        elif i >= len(rw) - tail:
            case = _case_of(ow[len(ow) - (len(rw) - i)])
        in_mid = head <= i < len(rw) - tail
        if case == _TITLE and in_mid and not per_word and not mid_first:
            case = _LOWER  # a title-cased phrase: only its first word capitalised
        if in_mid:
            mid_first = False
        out.append(_cased(w, case))
    out.append(seps[len(rw)])
    return "".join(out)


def match_case(replacement: str, observed: str) -> str:
    """``replacement`` cased like ``observed`` (Vale's ``matchcase: true``): word by word
    where both have words ("Did not" -> "Didn't", "BLU ray" -> "BLU-RAY"), else by the
    observed text's uniform case; text of mixed case ("iPhone") leaves it as written."""
    out = _match_wordwise(replacement, observed)
    if out is not None:
        return out
    return _cased(replacement, _case_of(observed))


def recase(options: list[str], observed: str) -> list[str]:
    """``match_case`` for each suggestion (Vale's recase)."""
    return [match_case(o, observed) for o in options]
