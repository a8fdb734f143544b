"""Org (``.org``), read line by line.

Vale converts Org with go-org (``#+KEYWORD:`` lines and property drawers
turned into verbatim text first) and lints the HTML's prose; this reader
gives the same prose as blocks with exact offsets (lint/readers/_markup.py):

* headlines (``*`` ... ``******``): scope "heading", level = the number of
  stars plus one (go-org writes a top-level headline as ``<h2>``); the TODO
  keyword stays (go-org shows it), trailing ``:tags:`` are masked;
* paragraphs, ``#+BEGIN_QUOTE`` (quoted), ``#+BEGIN_VERSE``/``CENTER``
  contents: "paragraph"; list items (``-``, ``+``, indented ``*``, ``1.``,
  ``1)``; ``term :: text``): "list";
* table cells: "paragraph", recorded as table cells (the rows above the
  first ``|---`` rule are the header).

Never in a block: ``#+BEGIN_SRC``/``EXAMPLE``/``EXPORT``/``COMMENT`` ...
``#+END`` blocks, ``#+KEYWORD:`` lines, comments (``# ``), drawers
(``:PROPERTIES:`` ... ``:END:``), planning lines (``CLOSED:``,
``SCHEDULED:``, ``DEADLINE:``), fixed-width lines (``: text``), rules.

Masked inside blocks: ``~code~`` and ``=verbatim=``, emphasis marks
(``*b*``, ``/i/``, ``_u_``, ``+s+``), link targets (``[[url][text]]`` keeps
``text``; ``[[url]]`` is all masked), footnote references, checkboxes,
bare URLs.
"""

from __future__ import annotations

import regex

from lint import regexes
from lint.readers._markup import BARE_URL, Builder, MarkupArticle, spans_of
from lint.readers.text import split_lines

_HEADLINE = regexes.compile(r"(?P<stars>\*+)[ \t]+(?P<title>.*?)(?P<tags>[ \t]+:[\w@#%:]+:)?[ \t]*$")
_BEGIN = regexes.compile(r"(?i)[ \t]*#\+begin_(?P<kind>\w+)")
_KEYWORD = regexes.compile(r"[ \t]*#(?:\+|[ \t]|$)")
_DRAWER = regexes.compile(r"[ \t]*:(?P<name>[\w-]+):[ \t]*$")
_PLANNING = regexes.compile(r"[ \t]*(?:CLOSED|SCHEDULED|DEADLINE):")
_FIXED = regexes.compile(r"[ \t]*:(?:[ \t]|$)")
_RULE = regexes.compile(r"[ \t]*-{5,}[ \t]*$")
_LIST = regexes.compile(r"(?P<ind>[ \t]*)(?P<m>[-+]|(?<=[ \t])\*|\d+[.)]|[a-zA-Z][.)])[ \t]+(?:\[[ xX-]\][ \t]+)?(?:(?P<term>.*?)[ \t]+::(?:[ \t]+|$))?")
_TABLE = regexes.compile(r"[ \t]*\|")
_TABLE_RULE = regexes.compile(r"[ \t]*\|[-+]+\|?[ \t]*$")
_PROSE_BLOCKS = ("quote", "verse", "center")

_CODE = regexes.compile(r"(?<![\w~=])(?P<d>[~=])(?=\S)[^\n]*?(?<=\S)(?P=d)(?![\w])")
_LINKS = regexes.compile(r"(?P<lo>\[\[[^\]]*\]\[)(?P<ltext>[^\]]*)(?P<lc>\]\])|(?P<bare>\[\[[^\]]*\]\])|(?P<fn>\[fn:[^\]]*\])")
_EMPH = regexes.compile(r"(?<![\w*/_+])(?P<d>[*/_+])(?=[^\s*/_+])[^\n]*?(?<=[^\s])(?P<e>(?P=d))(?![\w*/_+])")


def _inline(text: str) -> list[tuple[int, int]]:
    out = spans_of(_CODE, text)
    for m in _LINKS.finditer(text):
        if m.start("ltext") != -1:
            out += [m.span("lo"), m.span("lc")]
        else:
            out.append(m.span())
    out += spans_of(BARE_URL, text)
    chars = list(text)
    for a, b in out:
        for k in range(a, b):
            if chars[k] not in "\r\n":
                chars[k] = " "
    out += spans_of(_EMPH, "".join(chars), "d", "e")
    return out


def read_org(path: str, text: str, *, body_only: bool = False) -> MarkupArticle:
    """Read an Org file (never fails: what is not understood is read as prose)."""
    b = Builder(text)
    lines = split_lines(text)
    n = len(lines)
    i = 0
    quoted = 0
    while i < n:
        ls, le = lines[i]
        line = text[ls:le]
        if not line.strip():
            i += 1
            continue
        m = _BEGIN.match(line)
        if m is not None:
            kind = m.group("kind").lower()
            if kind in _PROSE_BLOCKS:
                quoted += kind == "quote"
                i += 1
                continue
            end = regex.compile(r"(?i)[ \t]*#\+end_%s\b" % regex.escape(kind))
            i += 1
            while i < n and end.match(text, lines[i][0], lines[i][1]) is None:
                i += 1
            i += 1
            continue
        em = regex.match(r"(?i)[ \t]*#\+end_(\w+)", line)
        if em is not None:
            if em.group(1).lower() == "quote" and quoted:
                quoted -= 1
            i += 1
            continue
        if _KEYWORD.match(line) or _PLANNING.match(line) or _FIXED.match(line) or _RULE.match(line):
            i += 1
            continue
        dm = _DRAWER.match(line)
        if dm is not None and dm.group("name").upper() != "END":
            i += 1
            while i < n and text[lines[i][0]:lines[i][1]].strip().upper() != ":END:":
                i += 1
            i += 1
            continue
        m = _HEADLINE.match(line)
        if m is not None:
            b.add("heading", [(ls + m.start("title"), ls + m.end("title"))], level=min(len(m.group("stars")) + 1, 6),
                  inline=_inline)
            i += 1
            continue
        if _TABLE.match(line):
            i = _table(b, text, lines, i, n, quoted > 0)
            continue
        m = _LIST.match(line)
        if m is not None:
            ind = len(m.group("ind"))
            if m.group("term") is not None:
                b.add("list", [(ls + m.start("term"), ls + m.end("term"))], quoted=quoted > 0, inline=_inline)
            spans = [(ls + m.end(), le)]
            i += 1
            while i < n:
                s, e = lines[i]
                cont = text[s:e]
                if not cont.strip() or len(cont) - len(cont.lstrip()) <= ind or _LIST.match(cont) or _BEGIN.match(cont) \
                        or _KEYWORD.match(cont) or _DRAWER.match(cont):
                    break
                spans.append((s + len(cont) - len(cont.lstrip()), e))
                i += 1
            b.add("list", spans, quoted=quoted > 0, inline=_inline)
            continue
        spans = []
        while i < n:
            s, e = lines[i]
            cont = text[s:e]
            if spans and (not cont.strip() or _HEADLINE.match(cont) or _BEGIN.match(cont) or _KEYWORD.match(cont)
                          or _LIST.match(cont) or _TABLE.match(cont) or _DRAWER.match(cont) or _FIXED.match(cont)):
                break
            spans.append((s + len(cont) - len(cont.lstrip()), e))
            i += 1
            if regex.match(r"(?i)[ \t]*#\+end_", cont):
                break
        b.add("paragraph", spans, quoted=quoted > 0, inline=_inline)
    return b.article(path, "org", body_only=body_only)


def _table(b: Builder, text: str, lines: list[tuple[int, int]], i: int, n: int, quoted: bool) -> int:
    """The cells of a table from line ``i``: rows above the first ``|---`` rule are the header."""
    k = i
    while k < n and _TABLE.match(text, lines[k][0], lines[k][1]):
        k += 1
    rule = next((r for r in range(i, k) if _TABLE_RULE.match(text, lines[r][0], lines[r][1])), None)
    has_header = rule is not None and rule > i
    for r in range(i, k):
        ls, le = lines[r]
        if _TABLE_RULE.match(text, ls, le):
            continue
        kind = "header" if has_header and r < rule else "cell"  # type: ignore[operator]
        line = text[ls:le]
        for m in regex.finditer(r"\|(?P<c>[^|]*)(?=\|)", line):
            b.add("paragraph", [(ls + m.start("c"), ls + m.end("c"))], cell=kind, quoted=quoted, inline=_inline)
    return k
