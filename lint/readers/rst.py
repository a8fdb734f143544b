"""reStructuredText (``.rst``, ``.rest``), read line by line.

Vale converts reStructuredText with docutils' rst2html (Sphinx's
``code-block``/``code``/``raw`` and ``glossary`` directives turned into
literal blocks first) and lints the HTML's prose; this reader gives the same
prose as blocks with exact offsets (lint/readers/_markup.py), without
docutils:

* section titles (a line with an underline, or an overline and an underline,
  of one punctuation character): scope "heading"; levels in the order in
  which the adornment styles first appear; a first section whose style
  never comes back is the document title: the headline (heading.h1 for
  Vale), and the levels below it start again at 1, as rst2html numbers them;
* paragraphs, line blocks (``| text``), definition lists, footnote and
  citation bodies, the bodies of admonitions and other prose directives
  (``note``, ``warning``, ``topic``, ``sidebar`` ...), figure captions:
  "paragraph"; an indented block that no ``::`` introduces is a block
  quotation (its blocks are quoted);
* bullet and enumerated list items: "list";
* grid and simple table cells and ``list-table`` cells: "paragraph",
  recorded as table cells (header rows by ``=`` borders or ``:header-rows:``).

Never in a block: literal blocks (after ``::``), code and unknown directives
with their bodies, directive options (``:alt:`` of an image is its alt
text), comments, hyperlink targets, substitution definitions, field lists,
transitions, doctest blocks (``>>>``).

Masked inside blocks: inline literals (````x````), roles (``:role:`x```),
substitution references (``|name|``), footnote references (``[1]_``),
hyperlink syntax (```text <url>`_`` keeps ``text``), emphasis and strong
marks, bare URLs, escaping backslashes that open a word (one inside a word
stays, as docutils makes ``a\\Mautic\\Templating`` one word), the ``:`` of a
closing ``::``.
"""

from __future__ import annotations

import regex

from lint import regexes
from lint.article import Block
from lint.readers._markup import BARE_URL, Builder, MarkupArticle, front_matter, spans_of
from lint.readers.text import split_lines

_ADORN_CHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ADORNMENT = regexes.compile(r"(?P<c>[%s])(?P=c){1,}[ \t]*$" % regex.escape(_ADORN_CHARS))
_EXPLICIT = regexes.compile(r"\.\.(?:[ \t]+|$)")
_DIRECTIVE = regexes.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?(?P<name>[\w][\w:+.-]*)::(?:[ \t]+(?P<arg>.*))?$")
_BULLET = regexes.compile(r"(?P<m>[-*+\u2022\u2023\u2043])(?:[ \t]+|$)")
_ENUM = regexes.compile(r"(?P<m>(?:\d+|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]|\((?:\d+|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+)\))[ \t]+")
_FIELD = regexes.compile(r":(?![ \t])[^:\n]*(?<![ \t]):(?:[ \t]+|$)")
_OPTION = regexes.compile(r":[\w][\w -]*:(?:[ \t]+(?P<v>.*))?$")
_LINE_BLOCK = regexes.compile(r"\|(?:[ \t]+|$)")
_GRID_BORDER = regexes.compile(r"\+(?:[-=]+\+)+[ \t]*$")
_SIMPLE_BORDER = regexes.compile(r"=+(?:[ \t]+=+)+[ \t]*$")

# directives whose body is prose (all others, and unknown ones, are read as code, as Vale reads them)
_PROSE_DIRECTIVES = frozenset((
    "note", "warning", "tip", "hint", "important", "caution", "danger", "error", "attention", "admonition",
    "topic", "sidebar", "epigraph", "highlights", "pull-quote", "compound", "container", "rubric",
    "seealso", "versionadded", "versionchanged", "deprecated", "only", "centered", "hlist", "tab", "tabs",
    "figure", "table", "list-table", "csv-table", "tabularcolumns", "class", "line-block", "parsed-literal",
))
_ARG_IS_PROSE = frozenset(("note", "warning", "tip", "hint", "important", "caution", "danger", "error",
                           "attention", "admonition", "topic", "sidebar", "rubric", "seealso", "centered",
                           "versionadded", "versionchanged", "deprecated", "table", "list-table", "csv-table"))

_INLINE = regexes.compile(
    r"(?P<lit>``(?=\S).+?(?<=\S)``)"
    r"|(?P<role>:[\w][\w:+.-]*:`[^`]*`)|(?P<rrole>`[^`]*`:[\w][\w:+.-]*:)"
    r"|(?P<lo>`)(?P<ltext>[^`<]*?)(?P<lt>[ \t\n]*<[^`>]*>`__?)"
    r"|(?P<ro>`)(?P<rtext>[^`]+)(?P<rc>`__?)"
    r"|(?P<io>_`)(?P<itext>[^`]+)(?P<ic>`)"
    r"|(?P<co>`)(?P<ctext>[^`]+)(?P<cc>`)"
    r"|(?P<sub>(?<![\w|])\|(?=\S)[^|\n]*(?<=\S)\|(?:__?)?(?![\w|]))"
    r"|(?P<fn>[ \t]*\[(?:\d+|#[\w-]*|\*|[\w.-]+)\]_(?!\w))"
    r"|(?P<refu>(?<=\w)__?(?![\w`]))"
    r"|(?<!\S)(?P<esc>\\)(?=.)"  # inside a word kept: docutils joins the parts into one word
    r"|(?P<strong>\*\*)(?=\S)(?P<stext>.+?)(?<=\S)(?P<se>\*\*)"
    r"|(?<![\w*])(?P<em>\*)(?=[^\s*])(?P<etext>[^*]+?)(?<=\S)(?P<ee>\*)(?![\w*])",
    regex.DOTALL,
)
_KEEP = {"ltext": ("lo", "lt"), "rtext": ("ro", "rc"), "itext": ("io", "ic"), "ctext": ("co", "cc"),
         "stext": ("strong", "se"), "etext": ("em", "ee")}


def _inline(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _INLINE.finditer(text):
        for keep, (a, z) in _KEEP.items():
            if m.start(keep) != -1:
                out += [m.span(a), m.span(z)]
                break
        else:
            out.append(m.span())
    out += spans_of(BARE_URL, text)
    stripped = text.rstrip()
    if stripped.endswith("::"):  # "Paragraph::" reads "Paragraph:"; "text ::" reads "text"
        end = len(stripped)
        out.append((end - 1, end) if end > 2 and not stripped[end - 3].isspace() else (end - 2, end))
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def read_rst(path: str, text: str, *, body_only: bool = False) -> MarkupArticle:
    """Read a reStructuredText file (never fails: what is not understood is read as prose)."""
    b = Builder(text)
    p = _Parser(b, text, split_lines(text))
    p.block(front_matter(b, p.lines), len(p.lines), 0, "paragraph", quoted=False)
    title = p.finish()
    return b.article(path, "rst", body_only=body_only, title=title)


class _Parser:
    def __init__(self, b: Builder, text: str, lines: list[tuple[int, int]]):
        self.b, self.text, self.lines = b, text, lines
        self.sections: list[tuple[Block, tuple[str, bool]]] = []  # heading blocks and their adornment style

    def line(self, i: int) -> str:
        s, e = self.lines[i]
        return self.text[s:e]

    def blank(self, i: int) -> bool:
        return not self.line(i).strip()

    def body_end(self, i: int, n: int, indent: int) -> int:
        """The end of the indented body that starts at line ``i``: the first non-blank line
        indented ``indent`` or less."""
        j = i
        last = i
        while j < n:
            if not self.blank(j):
                if _indent(self.line(j)) <= indent:
                    break
                last = j + 1
            j += 1
        return last

    def block(self, i: int, n: int, indent: int, scope: str, quoted: bool, cell: str | None = None) -> None:
        """Read lines ``[i, n)`` whose content starts at column ``indent`` or more."""
        text, lines, b = self.text, self.lines, self.b
        while i < n:
            if self.blank(i):
                i += 1
                continue
            line = self.line(i)
            ls = lines[i][0]
            ind = _indent(line)
            content = line[ind:]
            if ind > indent:  # a block quotation (or a definition of an unbroken term: see paragraph)
                end = self.body_end(i, n, indent)
                self.block(i, end, ind, scope, True, cell)
                i = end
                continue
            # section title with overline
            if ind == 0 and i + 2 < n and _ADORNMENT.match(line) and self.line(i + 1).strip() \
                    and _ADORNMENT.match(self.line(i + 2)) and self.line(i + 2).strip() == line.strip():
                t = self.line(i + 1)
                ts = lines[i + 1][0] + _indent(t)
                blk = b.add("heading", [(ts, ts + len(t.strip()))], inline=_inline)
                if blk is not None:
                    self.sections.append((blk, (line[0], True)))
                i += 3
                continue
            # section title with underline only
            if ind == 0 and i + 1 < n and not _ADORNMENT.match(line) and _ADORNMENT.match(self.line(i + 1)) \
                    and len(self.line(i + 1).strip()) >= min(len(line.strip()), 4) and not self.blank(i):
                blk = b.add("heading", [(ls, ls + len(line.rstrip()))], inline=_inline)
                if blk is not None:
                    self.sections.append((blk, (self.line(i + 1)[0], False)))
                i += 2
                continue
            if _ADORNMENT.match(content) and len(content.strip()) >= 4 and (i + 1 >= n or self.blank(i + 1)):
                i += 1  # a transition
                continue
            if _GRID_BORDER.match(content):
                i = self.grid_table(i, n, quoted)
                continue
            if _SIMPLE_BORDER.match(content):
                i = self.simple_table(i, n, quoted)
                continue
            if _EXPLICIT.match(content):
                i = self.explicit(i, n, ind, scope, quoted, cell)
                continue
            if content.startswith(">>>"):
                while i < n and not self.blank(i):
                    i += 1
                continue
            m = _BULLET.match(content) or _ENUM.match(content)
            if m is not None:
                body = ind + m.end()
                if body >= len(line):  # "-" alone: the item's text starts on the next line
                    body = ind + 2
                end = self.item_end(i, n, ind)
                sub = cell if cell is not None else None
                self.item(i, end, ls + ind + m.end(), body, quoted, sub)
                i = end
                continue
            if _FIELD.match(content):
                i = self.body_end(i + 1, n, ind)  # a field list item (docinfo, options): not prose
                continue
            if _LINE_BLOCK.match(content):
                spans = []
                while i < n and not self.blank(i) and (_LINE_BLOCK.match(self.line(i)[ind:]) or _indent(self.line(i)) > ind):
                    s, e = lines[i]
                    lm = _LINE_BLOCK.match(text, s + ind, e)
                    spans.append((lm.end() if lm else s + _indent(self.line(i)), e))
                    i += 1
                b.add(scope, spans, quoted=quoted, cell=cell, inline=_inline)
                continue
            i = self.paragraph(i, n, ind, scope, quoted, cell)

    def item_end(self, i: int, n: int, ind: int) -> int:
        return self.body_end(i + 1, n, ind)

    def item(self, i: int, end: int, first: int, body: int, quoted: bool, cell: str | None) -> None:
        """A list item: its first line's text from ``first``, the rest indented past ``body``."""
        lines = self.lines
        # the first paragraph: the first line and its unbroken continuation
        spans = [(first, lines[i][1])]
        j = i + 1
        while j < end and not self.blank(j) and _indent(self.line(j)) >= body:
            s, e = lines[j]
            spans.append((s + _indent(self.line(j)), e))
            j += 1
        self.b.add("list", spans, quoted=quoted, cell=cell, inline=_inline)
        literal = self.line(j - 1).rstrip().endswith("::")
        if literal:
            j = self.body_end(j, end, body - 1) if j < end else j
        if j < end:
            self.block(j, end, body, "list", quoted, cell)

    def paragraph(self, i: int, n: int, ind: int, scope: str, quoted: bool, cell: str | None) -> int:
        text, lines = self.text, self.lines
        spans = []
        start = i
        while i < n and not self.blank(i) and _indent(self.line(i)) == ind:
            if i > start and (_EXPLICIT.match(self.line(i)[ind:]) or _GRID_BORDER.match(self.line(i)[ind:])):
                break
            s, e = lines[i]
            spans.append((s + ind, e))
            i += 1
        last = text[spans[-1][0]:spans[-1][1]].rstrip() if spans else ""
        if i < n and not self.blank(i) and _indent(self.line(i)) > ind and not last.endswith("::"):
            # a definition list item: the lines so far are the term, the indented block its definition
            self.b.add(scope, spans, quoted=quoted, cell=cell, inline=_inline)
            end = self.body_end(i, n, ind)
            self.block(i, end, _indent(self.line(i)), scope, quoted, cell)
            return end
        self.b.add(scope, spans, quoted=quoted, cell=cell, inline=_inline)
        if last.endswith("::"):  # a literal block follows
            j = i
            while j < n and self.blank(j):
                j += 1
            if j < n and _indent(self.line(j)) > ind:
                return self.body_end(j, n, ind)
            if j < n and self.line(j)[ind:ind + 1] in _ADORN_CHARS and self.line(j)[ind:ind + 1].strip():
                while j < n and not self.blank(j):  # a quoted literal block
                    j += 1
                return j
        return i

    def explicit(self, i: int, n: int, ind: int, scope: str, quoted: bool, cell: str | None) -> int:
        """An explicit markup block (``..``): a directive, a footnote, a target, a comment."""
        lines, b = self.lines, self.b
        ls, le = lines[i]
        content = self.line(i)[ind:]
        end = self.body_end(i + 1, n, ind)
        m = _DIRECTIVE.match(content)
        if m is not None:
            name = m.group("name").lower().rpartition(":")[2]
            if "|" in content.split("::", 1)[0]:
                return end  # a substitution definition
            if name in ("image", "figure"):
                self.alt_option(i + 1, end)
            if name not in _PROSE_DIRECTIVES:
                return end
            if m.group("arg") and name in _ARG_IS_PROSE:
                a = ls + ind + m.start("arg")
                b.add("heading" if name == "rubric" else "paragraph", [(a, le)], quoted=quoted, cell=cell, inline=_inline)
            # options, then the body
            j = i + 1
            body_ind = None
            while j < end:
                if self.blank(j):
                    break
                line = self.line(j)
                om = _OPTION.match(line, _indent(line))
                if om is None:
                    break
                j += 1
            while j < end and self.blank(j):
                j += 1
            if j >= end:
                return end
            body_ind = _indent(self.line(j))
            if name == "list-table":
                self.list_table(i + 1, j, end, body_ind, quoted)
            elif name in ("figure",):
                self.block(j, end, body_ind, "paragraph", quoted, cell)
            elif name == "parsed-literal":
                pass
            else:
                self.block(j, end, body_ind, scope, quoted, cell)
            return end
        fm = regex.match(r"\.\.[ \t]+\[(?:\d+|#[\w-]*|\*|[\w.-]+)\](?:[ \t]+|$)", content)
        if fm is not None:  # a footnote or citation: its text is prose
            spans = [(ls + ind + fm.end(), le)] if fm.end() < len(content) else []
            k = i + 1
            while k < end and not self.blank(k):
                s, e = lines[k]
                spans.append((s + _indent(self.line(k)), e))
                k += 1
            b.add("paragraph", spans, quoted=quoted, cell=cell, inline=_inline)
            if k < end:
                self.block(k, end, _indent(self.line(k)) if not self.blank(k) else ind + 1, "paragraph", quoted, cell)
            return end
        return end  # a hyperlink target, an anonymous target or a comment

    def alt_option(self, j: int, end: int) -> None:
        """The ``:alt:`` option of an image or figure: its alt text (Vale lints it as text too)."""
        while j < end and not self.blank(j):
            line = self.line(j)
            om = _OPTION.match(line, _indent(line))
            if om is None:
                return
            if om.group(0).startswith(":alt:") and om.group("v"):
                s, e = self.lines[j][0] + om.start("v"), self.lines[j][1]
                self.b.alt(s, e)
                self.b.add("paragraph", [(s, e)], inline=_inline)
            j += 1

    def list_table(self, opt_start: int, j: int, end: int, ind: int, quoted: bool) -> None:
        """The cells of a ``list-table``: a bullet list (rows) of bullet lists (cells)."""
        header_rows = 0
        for k in range(opt_start, j):
            m = regex.match(r"[ \t]*:header-rows:[ \t]*(\d+)", self.line(k))
            if m:
                header_rows = int(m.group(1))
        row = -1
        k = j
        while k < end:
            line = self.line(k)
            if self.blank(k):
                k += 1
                continue
            li = _indent(line)
            m = _BULLET.match(line, li)
            if li == ind and m is not None:
                row += 1
                rest = line[m.end():]
                if rest.strip():  # "* - cell": the first cell on the row's line
                    cell_ind = m.end()
                    k = self._cells(k, end, cell_ind, ind, row < header_rows, quoted)
                    continue
                k += 1
                continue
            if li > ind:
                k = self._cells(k, end, li, ind, row < header_rows, quoted)
                continue
            k += 1

    def _cells(self, k: int, end: int, col: int, row_ind: int, header: bool, quoted: bool) -> int:
        """Cells (``- text`` at column ``col``) from line ``k`` up to the next row."""
        kind = "header" if header else "cell"
        first = k
        while k < end:
            line = self.line(k)
            if self.blank(k):
                k += 1
                continue
            li = _indent(line)
            if k > first and li <= row_ind:
                return k  # the next row
            m = _BULLET.match(line, col) if li <= col else None
            if m is None:
                k += 1
                continue
            cell_end = self.body_end(k + 1, end, col)
            s = self.lines[k][0] + m.end()
            spans = [(s, self.lines[k][1])]
            q = k + 1
            while q < cell_end and not self.blank(q):
                ss, ee = self.lines[q]
                spans.append((ss + _indent(self.line(q)), ee))
                q += 1
            self.b.add("paragraph", spans, cell=kind, quoted=quoted, inline=_inline)
            if q < cell_end:
                self.block(q, cell_end, m.end(), "paragraph", quoted, kind)
            k = cell_end
        return k

    def grid_table(self, i: int, n: int, quoted: bool) -> int:
        """A grid table from its top border at line ``i``: the text of each cell, row by row."""
        lines = self.lines
        top = self.line(i)
        ind = _indent(top)
        cols = [k for k, c in enumerate(top) if c == "+"]
        end = i + 1
        while end < n and not self.blank(end) and self.line(end)[ind:ind + 1] in "+|":
            end += 1
        has_header = any(regex.match(r"[ \t]*\+=[=+]*\+[ \t]*$", self.line(k)) for k in range(i, end))
        header = has_header
        open_cells: dict[int, list[tuple[int, int]]] = {}  # column index -> spans of the cell being read

        def flush(col: int) -> None:
            spans = open_cells.pop(col, None)
            if spans:
                self.b.add("paragraph", spans, cell="header" if header else "cell", quoted=quoted, inline=_inline)

        for k in range(i + 1, end):
            line = self.line(k)
            ls = lines[k][0]
            for c, a in enumerate(cols[:-1]):
                if a >= len(line) or line[a] not in "|+":
                    continue  # inside a cell that spans this column
                z = next((q for q in cols[c + 1:] if q < len(line) and line[q] in "|+"), None)
                if z is None:
                    continue
                seg = line[a + 1:z]
                if seg and set(seg) <= set("-=") :
                    flush(c)  # a border under this cell: it ends here
                elif seg.strip():
                    open_cells.setdefault(c, []).append((ls + a + 1, ls + z))
            if regex.match(r"[ \t]*\+=[=+]*\+[ \t]*$", line):
                header = False
        for c in list(open_cells):
            flush(c)
        return end

    def simple_table(self, i: int, n: int, quoted: bool) -> int:
        """A simple table from its top border at line ``i`` (``=====  =====``)."""
        lines = self.lines
        top = self.line(i)
        cols = [(m.start(), m.end()) for m in regex.finditer(r"=+", top)]
        borders = [i]
        k = i + 1
        while k < n:
            line = self.line(k)
            if _SIMPLE_BORDER.match(line.strip()) and [m.start() for m in regex.finditer(r"=+", line)][:1] == [cols[0][0]]:
                borders.append(k)
                if k + 1 >= n or self.blank(k + 1):
                    break
            k += 1
        if len(borders) < 2:
            return i + 1
        last = borders[-1]
        header_end = borders[1] if len(borders) >= 3 else -1
        for r in range(i + 1, last):
            if r in borders or self.blank(r):
                continue
            line = self.line(r)
            ls = lines[r][0]
            kind = "header" if r < header_end else "cell"
            if regex.match(r"[ \t]*-+(?:[ \t]+-+)*[ \t]*$", line):
                continue
            for c, (a, _) in enumerate(cols):
                e = len(line) if c == len(cols) - 1 else min(cols[c + 1][0], len(line))
                if a < len(line):
                    self.b.add("paragraph", [(ls + a, ls + e)], cell=kind, quoted=quoted, inline=_inline)
        return last + 1

    def finish(self) -> Block | None:
        """Heading levels by adornment style (docutils' order); the document title, if any."""
        if not self.sections:
            return None
        order: list[tuple[str, bool]] = []
        for _, style in self.sections:
            if style not in order:
                order.append(style)
        title: Block | None = None
        first_blk, first_style = self.sections[0]
        first_is_title = (
            sum(1 for _, s in self.sections if s == first_style) == 1
            and all(b.start >= first_blk.start for b in self.b.blocks if b.scope != "alt")
        )
        if first_is_title:
            title = first_blk
            self.b.info.levels[first_blk.start] = 1
            order.remove(first_style)
        for blk, style in self.sections:
            if blk is title:
                continue
            self.b.info.levels[blk.start] = min(order.index(style) + 1, 6)
        return title
