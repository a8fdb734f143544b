"""quotes: quotation marks, as an editor reads them.

One check type, three ``kind``\\ s:

* ``mixed``: straight ("...", '...') and curly (“...”, ‘...’) quotations
  in one article. The style of most body quotations is the article's
  style; each quotation of the other style is reported, with a safe fix
  that converts its two marks. Quotations in the headline are left out
  unless ``headlines: true`` (then compared with the body and reported as
  suggestions): headlines conventionally take single quotes and often come
  from another field of the CMS, with its own typography. Apostrophes
  (Nato’s, Belarus’ forces, don't) are never quotation marks; with
  ``apostrophes: true`` their own mix (Russia's / Nato’s) is reported at
  suggestion level.
* ``unbalanced``: a paragraph with an opening mark that is never closed,
  or a closing mark that was never opened. A quotation continued in the
  next paragraph (no closing mark, the next paragraph opens with a mark
  again) is correct news style and is not reported.
* ``unattributed``: a direct quotation (at least ``min_words`` words,
  starting with a capital, not a title) whose paragraph names no speaker
  (none of the ``attribution`` cues outside the quotations, no "Name: “...")
  and does not continue the quotation or the speaker of the paragraph
  before.

Quotations are found by :func:`lint.segment.quotations`; this module only
locates their marks around them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from lint.article import Article, Block
from lint.model import Edit, Finding, Fix, Severity, Span
from lint.positions import LineIndex
from lint.rules import CompileError, RuleBase
from lint.segment import quotations

DATA_KEYS = ("attribution",)

STRAIGHT = {'"': '"', "'": "'"}
CURLY_OPEN = {"“": "”", "‘": "’"}
DOUBLE_MARKS = frozenset('"“”')
SINGLE_MARKS = frozenset("'‘’")


class Attribution(BaseModel):
    """Cues that name a speaker (``data/quote-attribution.yml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    verbs: list[str] = Field(default_factory=list)  # said, says, told ...
    phrases: list[str] = Field(default_factory=list)  # according to, in a statement ...


class Params(RuleBase):
    extends: Literal["quotes"]
    kind: Literal["mixed", "unbalanced", "unattributed"]
    # mixed
    apostrophes: bool = False  # also report mixed apostrophes, at suggestion level
    headlines: bool = False  # also compare quotations in the headline (suggestion level)
    # unattributed
    attribution: Attribution = Field(default_factory=Attribution)
    min_words: int = Field(default=6, ge=1)  # shorter quotations are phrases, not speech


# --------------------------------------------------------------------------
# Marks around quotations


class Quote:
    """A quotation: its text block and the offsets of its marks (or -1)."""

    __slots__ = ("block", "open", "close", "container")

    def __init__(self, block: Block, open_: int, close: int, container: Block):
        self.block, self.open, self.close, self.container = block, open_, close, container

    @property
    def start(self) -> int:
        return self.open if self.open >= 0 else self.block.start

    @property
    def end(self) -> int:
        return self.close + 1 if self.close >= 0 else self.block.end


def _quotes_of(block: Block, text: str, article: Article | None = None) -> list[Quote]:
    out: list[Quote] = []
    lo, hi = block.start, block.end
    for q in (article.quotes_of(block) if article is not None else quotations(block)):
        i = q.start - 1
        while i >= lo and text[i].isspace():
            i -= 1
        j = q.end
        while j < hi and text[j].isspace():
            j += 1
        o = i if i >= lo and (text[i] in DOUBLE_MARKS or text[i] in SINGLE_MARKS) else -1
        c = j if j < hi and (text[j] in DOUBLE_MARKS or text[j] in SINGLE_MARKS) else -1
        if o < 0:
            continue
        out.append(Quote(q, o, c, block))
    return out


def _is_straight(mark: str) -> bool:
    return mark in STRAIGHT


def _line(index: LineIndex, offset: int) -> int:
    return index.line_col(offset)[0]


def _excerpt(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


# --------------------------------------------------------------------------
# mixed


_APOSTROPHE = regex.compile(r"(?<=[\p{L}\p{N}])['’](?=\p{L})|(?<=[sSzZ])['’](?=[\s,.;:!?)\-–—]|$)")


class Mixed:
    def __init__(self, p: Params):
        self.p = p

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        body: list[Quote] = []
        head: list[Quote] = []
        for b in blocks:
            if b.scope == "byline" or (b.scope == "headline" and not self.p.headlines):
                continue
            (head if b.scope == "headline" else body).extend(_quotes_of(b, text, article))
        index = article.line_index
        yield from self._quotes(text, index, body, head)
        if self.p.apostrophes:
            marks = {q.open for q in body + head} | {q.close for q in body + head}
            yield from self._apostrophes(text, index, blocks, marks)

    def _quotes(self, text: str, index: LineIndex, body: list[Quote], head: list[Quote]) -> Iterator[Finding]:
        straight = [q for q in body if _is_straight(text[q.open])]
        curly = [q for q in body if not _is_straight(text[q.open]) and text[q.open] in CURLY_OPEN]
        if not body:
            return
        if len(straight) > len(curly):
            major, minor_style, level = straight, "curly", None
        elif len(curly) > len(straight):
            major, minor_style, level = curly, "straight", None
        else:
            if not straight:
                return
            # no majority: straight is the minority of typeset copy, reported mildly
            major, minor_style, level = curly, "straight", Severity.SUGGESTION
        major_style = "straight" if minor_style == "curly" else "curly"
        first = _line(index, major[0].open)
        total = len(straight) + len(curly)
        for q in body + head:
            mark = text[q.open]
            style = "straight" if _is_straight(mark) else ("curly" if mark in CURLY_OPEN else "")
            if style != minor_style:
                continue
            lvl = level
            where = ""
            if q.container.scope == "headline":
                lvl = Severity.SUGGESTION
                where = " in the headline"
            shown = _excerpt(text[q.start : q.end])
            msg = (
                f"{minor_style.capitalize()} quotes{where} in '{shown}', but this article's quotations "
                f"are mostly {major_style} ({len(major)} of {total} in the body, first at line {first})."
            )
            yield Finding(Span(q.start, q.end), msg, self._fix(text, q, to_curly=minor_style == "straight"), lvl)

    def _fix(self, text: str, q: Quote, *, to_curly: bool) -> Fix | None:
        mark = text[q.open]
        double = mark in DOUBLE_MARKS
        if to_curly:
            new_open, new_close = ("“", "”") if double else ("‘", "’")
        else:
            new_open = new_close = '"' if double else "'"
        edits = [Edit(Span(q.open, q.open + 1), new_open)]
        if q.close >= 0:
            edits.append(Edit(Span(q.close, q.close + 1), new_close))
        title = f"Use {new_open}…{new_close}"
        return Fix(tuple(edits), "safe", title)

    def _apostrophes(self, text: str, index: LineIndex, blocks: list[Block], quote_marks: set[int]) -> Iterator[Finding]:
        found: list[tuple[int, str]] = []
        for b in blocks:
            if b.scope == "byline":
                continue
            for m in _APOSTROPHE.finditer(b.text):
                pos = b.start + m.start()
                if pos not in quote_marks:
                    found.append((pos, m.group()))
        straight = [p for p, c in found if c == "'"]
        curly = [p for p, c in found if c == "’"]
        if not straight or not curly:
            return
        if len(curly) >= len(straight):
            minor, major, repl, style, other = straight, curly, "’", "straight", "curly"
        else:
            minor, major, repl, style, other = curly, straight, "'", "curly", "straight"
        first = _line(index, major[0])
        for pos in minor:
            ws = pos
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
            we = pos + 1
            while we < len(text) and text[we].isalnum():
                we += 1
            word = text[ws:we]
            msg = (
                f"{style.capitalize()} apostrophe in '{word}', but this article's apostrophes are mostly "
                f"{other} ({len(major)} of {len(found)}, first at line {first})."
            )
            yield Finding(Span(ws, we), msg, Fix((Edit(Span(pos, pos + 1), repl),), "safe", f"Use {repl}"), Severity.SUGGESTION)


# --------------------------------------------------------------------------
# unbalanced

_OPEN_CONTEXT = set(" \t\r\n([{—–-/\u00a0")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]")


def _before(t: str, i: int) -> str:
    return t[i - 1] if i > 0 else " "


def _after(t: str, i: int) -> str:
    return t[i + 1] if i + 1 < len(t) else " "


def _opener_like(t: str, i: int) -> bool:
    return _before(t, i) in _OPEN_CONTEXT and not _after(t, i).isspace()


def _closer_like(t: str, i: int) -> bool:
    return not _before(t, i).isspace() and not _WORD.match(_after(t, i))


def _inch_mark(t: str, i: int) -> bool:
    """5'10" or a 32" screen: a straight double mark after a digit."""
    return _before(t, i).isdigit() and not _WORD.match(_after(t, i))


def _double_marks(t: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Unmatched double marks of one paragraph (offsets in ``t``).

    Returns the unclosed openers, each with the offset of the opener that
    came while it was still open (-1 if none), and the stray closers.
    """
    stray_open: list[tuple[int, int]] = []
    stray_close: list[int] = []
    open_at = -1
    for i, c in enumerate(t):
        if c not in DOUBLE_MARKS:
            continue
        if c == "“":
            if open_at >= 0:
                stray_open.append((open_at, i))
            open_at = i
        elif c == "”":
            if open_at >= 0:
                open_at = -1
            else:
                stray_close.append(i)
        else:  # straight: its role from the state and its context
            if open_at < 0:
                if _inch_mark(t, i):
                    continue
                if _closer_like(t, i) and not _opener_like(t, i):
                    stray_close.append(i)
                else:
                    open_at = i
            elif _opener_like(t, i) and not _closer_like(t, i) and t[open_at] == '"':
                stray_open.append((open_at, i))
                open_at = i
            else:
                open_at = -1
    if open_at >= 0:
        stray_open.append((open_at, -1))
    return stray_open, stray_close


_ELISION = regex.compile(r"(?i)‘(?:\d0s|\d\d\b|em\b|n\b|til\b|tis\b|twas\b|cause\b|bout\b)")


def _single_marks(t: str) -> list[int]:
    """Curly ‘ never followed by a ’ that can close it."""
    last_close = max((j for j, c in enumerate(t) if c == "’" and _closer_like(t, j)), default=-1)
    out = []
    for m in regex.finditer("‘", t):
        i = m.start()
        if _ELISION.match(t, i) or not _opener_like(t, i):
            continue
        if i > last_close:
            out.append(i)
    return out


_SENTENCE_BEFORE = regex.compile(r"[.!?…]\s+$")


class Unbalanced:
    def __init__(self, p: Params):
        self.p = p

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        index: LineIndex | None = None
        paras = [b for b in blocks if b.scope in ("paragraph", "standfirst", "list", "headline", "heading")]
        for k, b in enumerate(paras):
            t = b.text
            if not any(c in t for c in '"“”‘'):
                continue
            opens, closes = _double_marks(t)
            singles = _single_marks(t) if "‘" in t else []
            if not opens and not closes and not singles:
                continue
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            index = index or article.line_index
            last = max((i for i, _ in opens), default=-1)
            for i, reopen in opens:
                if i == last and reopen < 0 and nxt is not None and self._continues(t, i, nxt):
                    continue
                what = "is never closed in its paragraph"
                if reopen >= 0:
                    col = index.line_col(b.start + reopen)[1]
                    what = f"is still open when another quotation opens at column {col}"
                    if _SENTENCE_BEFORE.search(t, 0, reopen):
                        what += ": a paragraph break may be missing there, or a closing mark"
                yield self._finding(text, index, b, i, "opening", what)
            for i in closes:
                yield self._finding(text, index, b, i, "closing", "closes no opening mark in its paragraph")
            for i in singles:
                if nxt is not None and nxt.text.startswith("‘") and i == max(singles):
                    continue
                yield self._finding(text, index, b, i, "opening", "is never closed in its paragraph")

    @staticmethod
    def _continues(t: str, i: int, nxt: Block) -> bool:
        """A quotation left open to the end, and the next paragraph reopens one."""
        if _nothing_after(t, i):
            return False
        first = nxt.text[:1]
        return first == "“" if t[i] == "“" else first in '"“'

    @staticmethod
    def _finding(text: str, index: LineIndex, b: Block, i: int, role: str, what: str) -> Finding:
        pos = b.start + i
        mark = text[pos]
        if role == "opening":
            ctx = _excerpt(b.text[i : i + 41], 40)
        else:
            ctx = _excerpt(b.text[max(0, i - 39) : i + 1], 40)
            ctx = ("…" + ctx) if i > 39 else ctx
        line, col = index.line_col(pos)
        msg = f"The {role} quotation mark {mark} at line {line}, column {col} ('{ctx}') {what}."
        return Finding(Span(pos, pos + 1), msg)


def _nothing_after(t: str, i: int) -> bool:
    """Nothing but spaces after the mark: a stray mark at the end, not a quotation."""
    return not t[i + 1 :].strip()


# --------------------------------------------------------------------------
# unattributed

_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}’'\-]*")
_SMALL = frozenset("a an and at by for from in of on or the to with as but nor".split())


class Unattributed:
    def __init__(self, p: Params):
        if not p.attribution.verbs and not p.attribution.phrases:
            raise CompileError(("attribution",), "an unattributed rule needs `attribution` verbs or phrases")
        parts = [regex.escape(v) for v in p.attribution.verbs] + [
            r"\s+".join(regex.escape(w) for w in ph.split()) for ph in p.attribution.phrases
        ]
        self.cue = regex.compile(r"(?i)\b(?:%s)\b" % "|".join(sorted(parts, key=len, reverse=True)))
        self.p = p

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        paras = [b for b in blocks if b.scope in ("paragraph", "list", "standfirst")]
        index: LineIndex | None = None
        speaker = False  # the previous paragraph named a speaker who may go on talking
        left_open = False  # the previous paragraph left a quotation open
        for b in paras:
            quotes = _quotes_of(b, text, article)
            if not quotes:
                speaker = left_open = False
                continue
            outside = self._outside(b, quotes)
            named = bool(self.cue.search(outside)) or self._colon_intro(text, b, quotes)
            pure = not outside.strip(" \t\r\n,.;:—–-")
            continued = quotes[0].open == b.start and (left_open or (pure and speaker))
            if not named and not continued:
                for q in quotes:
                    if self._speech(text, q):
                        index = index or article.line_index
                        yield self._finding(text, index, q)
            speaker = named or continued
            last = quotes[-1]
            left_open = last.close < 0 and text[last.open] in '“"'

    @staticmethod
    def _outside(b: Block, quotes: list[Quote]) -> str:
        parts, pos = [], b.start
        for q in quotes:
            if q.start < pos:
                continue  # nested
            parts.append(b.text[pos - b.start : q.start - b.start])
            pos = q.end
        parts.append(b.text[pos - b.start :])
        return " ".join(parts)

    @staticmethod
    def _colon_intro(text: str, b: Block, quotes: list[Quote]) -> bool:
        """'Lee: “...”' or 'The statement read: “...”': the speaker precedes a colon."""
        for q in quotes:
            i = q.open - 1
            while i >= b.start and text[i].isspace():
                i -= 1
            if i >= b.start and text[i] == ":":
                return True
        return False

    def _speech(self, text: str, q: Quote) -> bool:
        """A full-sentence quotation, not a scare-quoted phrase or a title."""
        words = _WORDS.findall(q.block.text)
        if len(words) < self.p.min_words:
            return False
        first = q.block.text.lstrip("[(…. ")[:1]
        if not first.isupper():
            return False
        content = [w for w in words if w.lower() not in _SMALL]
        caps = sum(1 for w in content if w[:1].isupper())
        if content and caps / len(content) > 0.6:
            return False  # “Once Upon A Time in Hollywood”
        return True

    @staticmethod
    def _finding(text: str, index: LineIndex, q: Quote) -> Finding:
        line = index.line_col(q.start)[0]
        shown = _excerpt(q.block.text, 50)
        msg = (
            f"The quotation '{shown}' (line {line}) names no speaker: no 'said', 'told', "
            "'according to' or name in its paragraph, and it does not continue a quotation before it."
        )
        return Finding(Span(q.start, q.end), msg)


def compile(p: Params):
    if p.kind == "mixed":
        return Mixed(p)
    if p.kind == "unbalanced":
        return Unbalanced(p)
    return Unattributed(p)
