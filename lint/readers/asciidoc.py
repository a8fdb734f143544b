"""AsciiDoc (``.adoc``, ``.asciidoc``, ``.asc``), read line by line.

Vale converts AsciiDoc with Asciidoctor (``-s -a notitle! -a
attribute-missing=drop``) and lints the HTML's prose; this reader gives the
same prose as blocks with exact offsets (lint/readers/_markup.py), without
Asciidoctor:

* section titles (``= Title`` ... ``====== Title``, also ``#``): scope
  "heading", level = the number of ``=``; the document title (a level-0
  ``= Title`` first in the file) is the headline (heading.h1 for Vale);
* paragraphs, admonition paragraphs (the ``NOTE:`` label masked), block
  titles (``.Title``), quote/example/sidebar/open block contents: "paragraph"
  (inside ``____`` or after ``[quote]``/``[verse]``: a block quotation);
* list items (``*``, ``-``, ``.``, ``1.``, ``a.``, ``term::``): "list";
* table cells (``|===`` tables): "paragraph", recorded as table cells, the
  first row a header when a blank line follows it or ``options="header"``.

Never in a block: the document header's author and attribute lines,
attribute entries (``:name: value``), block attribute lines (``[source]``,
``[[id]]``), line comments (``//``) and comment blocks (``////``), listing,
literal, passthrough and fenced blocks (``----``, ``....``, ``++++``,
``````), paragraphs styled ``[source]``/``[listing]``/``[literal]``/
``[pass]``/``[comment]``, indented literal paragraphs, block macros
(``include::``, ``toc::``; ``image::`` gives its alt text), breaks.

Masked inside blocks: monospace (`` `x` ``), passthroughs (``+x+``,
``pass:[x]``), attribute references (``{name}``: Vale sees nothing with
``attribute-missing=drop``), formatting marks (``*b*``, ``_i_``, ``#m#``),
link targets (``https://x[text]`` keeps ``text``), cross references
(``<<id,text>>`` keeps ``text``), anchors, index terms, hard breaks (`` +``).
"""

from __future__ import annotations

import regex

from lint import regexes
from lint.article import Block
from lint.readers._markup import Builder, MarkupArticle, front_matter, spans_of
from lint.readers.text import split_lines

_SECTION = regexes.compile(r"(?P<marks>={1,6}|#{1,6})[ \t]+(?P<title>\S.*?)(?:[ \t]+(?P=marks))?[ \t]*$")
_VERBATIM = regexes.compile(r"(?:-{4,}|\.{4,}|\+{4,}|/{4,}|`{3}[\w+-]*)[ \t]*$")
_CONTAINER = regexes.compile(r"(?:={4,}|\*{4,}|_{4,}|--)[ \t]*$")
_TABLE = regexes.compile(r"[|!,:]={3,}[ \t]*$")
_ATTR_ENTRY = regexes.compile(r":!?[\w][\w-]*!?:(?:[ \t].*)?$")
_BLOCK_ATTR = regexes.compile(r"\[[^\]]*\](?:[ \t]*)$|\[\[[^\]]*\]\][ \t]*$")
_BLOCK_TITLE = regexes.compile(r"\.(?P<t>[^\s.].*?)[ \t]*$")
_LIST = regexes.compile(r"[ \t]*(?P<marker>\*{1,5}|-|\.{1,5}|\d+\.|[a-zA-Z]\.|[ivxIVX]+\))[ \t]+(?:\[[ xX*]\][ \t]+)?(?P<body>\S.*)$")
_DLIST = regexes.compile(r"[ \t]*(?P<term>\S.*?)(?::{2,4}|;;)(?:[ \t]+(?P<body>\S.*))?$")
_ADMONITION = regexes.compile(r"(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+")
_BLOCK_MACRO = regexes.compile(r"(?P<name>[a-z][\w-]*)::(?P<target>[^\s\[]*)\[(?P<attrs>.*)\][ \t]*$")
_BREAK = regexes.compile(r"(?:'{3,}|<{3,}|\*[ \t]*\*[ \t]*\*[ \t]*|-[ \t]*-[ \t]*-[ \t]*)$")
_INLINE_IMAGE = regexes.compile(r"(?<![\w:])image:[^\s\[:][^\s\[]*\[(?P<alt>[^\],]*)")
_CODE_STYLES = ("source", "listing", "literal", "pass", "comment", "stem", "latexmath", "asciimath")
_QUOTE_STYLES = ("quote", "verse")

_INLINE = regexes.compile(
    r"(?P<code>(?<![\w`])`(?=\S)[^`\n]*?(?<=\S)`(?![\w`])|``.+?``)"
    r"|(?P<pass>\+\+\+.+?\+\+\+|\+\+.+?\+\+|(?<![\w+])\+(?=\S)[^+\n]*?(?<=\S)\+(?![\w+])|pass:[a-z,]*\[[^\]]*\])"
    r"|(?P<attr>\{[\w][\w-]*\})"
    r"|(?P<anchor>\[\[[^\]]*\]\]|\[#[^\]]*\]|anchor:[^\s\[]+\[[^\]]*\])"
    r"|(?P<index>\(\(\(.*?\)\)\)|\(\(|\)\))"
    r"|(?P<xref><<[^,>]*,)(?P<xtext>[^>]*)(?P<xend>>>)|(?P<xonly><<[^>]*>>)"
    r"|(?P<image>image:[^\s\[:][^\s\[]*\[)(?P<alt>[^\],]*)(?P<aend>[^\]]*\])"
    r"|(?P<link>(?:(?:link|xref|mailto|kbd|btn|menu|footnote|footnoteref):[^\s\[]*|(?:https?|ftp|file|irc)://[^\s\[]+)\[)(?P<ltext>[^\]]*)(?P<lend>\])"
    r"|(?P<url>(?<![\w/@.:-])(?:https?|ftp|file|irc)://[^\s<>\[\]]*[^\s<>\[\]?!.,:;*_~'\")])"
    r"|(?P<hard>[ \t]\+[ \t]*$)"
    r"|(?P<role>\[\.?[\w.#-]+\](?=[#*_]))",
    regex.MULTILINE,
)
# formatting marks: unconstrained (doubled) anywhere, constrained (single) at word edges
_MARKS = regexes.compile(
    r"(?P<d>\*\*|__|##|\^|~)(?=\S)(?:(?!(?P=d)).)+?(?<=\S)(?P<e>(?P=d))"
    r"|(?<![\w*_#])(?P<d>[*_#])(?=\S)[^*_#\n]*?(?<=\S)(?P<e>(?P=d))(?![\w*_#])"
)


def _inline(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _INLINE.finditer(text):
        if m.group("xtext") is not None:
            out += [m.span("xref"), m.span("xend")]
        elif m.group("alt") is not None:
            out += [m.span("image"), m.span("aend")]
        elif m.group("ltext") is not None:
            if m.group("ltext").strip():
                out += [m.span("link"), m.span("lend")]
            else:
                out.append(m.span())  # "https://x[]": the URL is the text, not prose
        else:
            out.append(m.span())
    chars = list(text)
    for a, b in out:
        for k in range(a, b):
            if chars[k] not in "\r\n":
                chars[k] = " "
    masked = "".join(chars)
    for _ in range(2):  # nested marks: "*_both_*"
        found = spans_of(_MARKS, masked, "d", "e")
        if not found:
            break
        out += found
        for a, b in found:
            masked = masked[:a] + " " * (b - a) + masked[b:]
    return out


def read_asciidoc(path: str, text: str, *, body_only: bool = False) -> MarkupArticle:
    """Read an AsciiDoc file (never fails: what is not understood is read as prose)."""
    b = Builder(text)
    lines = split_lines(text)
    n = len(lines)
    title: Block | None = None
    i = 0
    # the document header: "= Title", then author/revision/attribute lines up to a blank line
    while i < n and (not text[lines[i][0]:lines[i][1]].strip() or text.startswith("//", lines[i][0])) \
            and not text.startswith("////", lines[i][0]):
        i += 1
    if i == 0:
        i = front_matter(b, lines) or i
    if i < n:
        ls, le = lines[i]
        m = _SECTION.match(text, ls, le)
        if m is not None and m.group("marks") in ("=", "#"):
            title = b.add("heading", [(m.start("title"), m.end("title"))], level=1, inline=_inline)
            i += 1
            while i < n and text[lines[i][0]:lines[i][1]].strip():
                i += 1
    _Parser(b, text, lines).run(i, n)
    for blk in list(b.blocks):  # inline images: their alt texts (Vale's alt scope)
        if "image:" in blk.text:
            for m in _INLINE_IMAGE.finditer(text, blk.start, blk.end):
                b.alt(m.start("alt"), m.end("alt"))
    return b.article(path, "adoc", body_only=body_only, title=title)


class _Parser:
    def __init__(self, b: Builder, text: str, lines: list[tuple[int, int]]):
        self.b, self.text, self.lines = b, text, lines
        self.containers: list[tuple[str, bool]] = []  # open delimited prose blocks (delimiter, quoted)

    def quoted(self) -> bool:
        return any(q for _, q in self.containers)

    def run(self, i: int, n: int) -> None:
        text, lines, b = self.text, self.lines, self.b
        style: str | None = None  # the first positional attribute of the last block attribute line
        header_opt = False
        while i < n:
            ls, le = lines[i]
            line = text[ls:le]
            stripped = line.strip()
            if not stripped:
                i += 1
                continue
            if _VERBATIM.match(line) or (line.startswith("////") and set(stripped) == {"/"}):
                delim = stripped
                if delim.startswith("```"):
                    delim = "```"
                i += 1
                while i < n and text[lines[i][0]:lines[i][1]].strip() != delim:
                    i += 1
                i += 1
                style = None
                continue
            if line.startswith("//"):
                i += 1
                continue
            if _CONTAINER.match(line):
                if self.containers and self.containers[-1][0] == stripped:
                    self.containers.pop()
                elif style in _CODE_STYLES:  # "[source]" on an open block: verbatim
                    i += 1
                    while i < n and text[lines[i][0]:lines[i][1]].strip() != stripped:
                        i += 1
                else:
                    self.containers.append((stripped, stripped.startswith("_") or style in _QUOTE_STYLES))
                style = None
                i += 1
                continue
            if _TABLE.match(line):
                i = self.table(i + 1, n, stripped, header_opt)
                style, header_opt = None, False
                continue
            if _ATTR_ENTRY.match(line):
                i += 1
                continue
            if _BLOCK_ATTR.match(line):
                inner = stripped[1:-1].strip()
                if not inner.startswith("["):
                    first = inner.split(",", 1)[0].strip()
                    style = first.split("#", 1)[0].split(".", 1)[0].split("%", 1)[0].lower() or None
                    header_opt = "header" in inner and ("options" in inner or "%header" in inner)
                i += 1
                continue
            m = _SECTION.match(line)
            if m is not None:
                b.add("heading", [(ls + m.start("title"), ls + m.end("title"))], level=len(m.group("marks")),
                      inline=_inline)
                style = None
                i += 1
                continue
            m = _BLOCK_TITLE.match(line)
            if m is not None:
                b.add("paragraph", [(ls + m.start("t"), ls + m.end("t"))], quoted=self.quoted(), inline=_inline,
                      cell="caption" if self.before_table(i + 1, n) else None)
                i += 1
                continue
            m = _BLOCK_MACRO.match(line)
            if m is not None:
                if m.group("name") == "image":
                    alt = m.group("attrs").split(",", 1)[0]
                    if "=" not in alt:
                        b.alt(ls + m.start("attrs"), ls + m.start("attrs") + len(alt))
                style = None
                i += 1
                continue
            if _BREAK.match(line) and not _LIST.match(line):
                i += 1
                continue
            if line[0] in " \t" and not _LIST.match(line):
                i = self.skip_paragraph(i, n)  # a literal paragraph
                style = None
                continue
            if style in _CODE_STYLES:
                i = self.skip_paragraph(i, n)
                style = None
                continue
            m = _LIST.match(line)
            if m is not None:
                i = self.paragraph(i, n, "list", ls + m.start("body"))
                style = None
                continue
            m = _DLIST.match(line)
            if m is not None and not stripped.startswith(("http:", "https:")):
                b.add("list", [(ls + m.start("term"), ls + m.end("term"))], quoted=self.quoted(), inline=_inline)
                if m.group("body") is not None:
                    i = self.paragraph(i, n, "list", ls + m.start("body"))
                else:
                    i += 1
                style = None
                continue
            start = ls
            m = _ADMONITION.match(line)
            if m is not None:
                start = ls + m.end()
            i = self.paragraph(i, n, "paragraph", start, quoted=style in _QUOTE_STYLES)
            style = None

    def before_table(self, i: int, n: int) -> bool:
        """Whether a table starts at line ``i`` (after block attribute lines): a title is its caption."""
        while i < n:
            line = self.text[self.lines[i][0]:self.lines[i][1]]
            if _TABLE.match(line):
                return True
            if not _BLOCK_ATTR.match(line):
                return False
            i += 1
        return False

    def skip_paragraph(self, i: int, n: int) -> int:
        while i < n and self.text[self.lines[i][0]:self.lines[i][1]].strip():
            i += 1
        return i

    def paragraph(self, i: int, n: int, scope: str, start: int, quoted: bool = False) -> int:
        """A paragraph (or list item) from line ``i``, its content from ``start``: up to a blank
        line, a delimiter, a list item, a block attribute line or a comment."""
        text, lines = self.text, self.lines
        spans = [(start, lines[i][1])]
        i += 1
        while i < n:
            ls, le = lines[i]
            line = text[ls:le]
            if not line.strip() or line.strip() == "+":
                break
            if line.startswith("//") and not line.startswith("////"):
                i += 1
                continue
            if (_VERBATIM.match(line) or _CONTAINER.match(line) or _TABLE.match(line) or _LIST.match(line)
                    or (scope == "list" and _DLIST.match(line))):
                break
            if scope == "list" and _BLOCK_ATTR.match(line):
                break
            s = ls + len(line) - len(line.lstrip())
            spans.append((s, le))
            i += 1
        self.b.add(scope, spans, quoted=quoted or self.quoted(), inline=_inline)
        return i

    def table(self, i: int, n: int, delim: str, header_opt: bool) -> int:
        """The cells of a table from line ``i`` up to its closing ``delim`` line."""
        text, lines, b = self.text, self.lines, self.b
        sep = delim[0] if delim[0] != "|" else "|"
        if delim[0] in ",:":
            sep = delim[0]
        rows: list[list[tuple[int, int]]] = []  # cells of each source row
        first_blank = False
        k = i
        while k < n:
            ls, le = lines[k]
            line = text[ls:le]
            if line.strip() == delim:
                break
            if not line.strip():
                if len(rows) == 1:
                    first_blank = True
                k += 1
                continue
            cells: list[tuple[int, int]] = []
            if delim[0] in ",:":
                pos = ls
                for part in line.split(sep):
                    cells.append((pos, pos + len(part)))
                    pos += len(part) + 1
            elif sep in line:
                for m in regex.finditer(r"(?:^|(?<=[^\\]))(?:\d*(?:\.\d+)?[*+]?[<^>]?(?:\.[<^>])?[a-z]?)?\|(?P<c>[^|]*)", line):
                    cells.append((ls + m.start("c"), ls + m.end("c")))
            else:
                cells.append((ls, le))  # a cell's continuation line
            rows.append(cells)
            k += 1
        header = header_opt or (first_blank and len(rows) > 1)
        for r, cells in enumerate(rows):
            for s, e in cells:
                b.add("paragraph", [(s, e)], cell="header" if header and r == 0 else "cell",
                      quoted=self.quoted(), inline=_inline)
        return k + 1
