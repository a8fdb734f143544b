"""unbalanced_quotes: a quotation mark with no partner in its paragraph.

An opening mark that is never closed, or a closing mark that was never
opened. A quotation continued in the next paragraph (no closing mark, the
next paragraph opens with a mark again) is correct news style and is not
reported. An opening mark still open when another quotation opens has a
related location at the second one; when the second opens a sentence in a
paragraph of ``RUN_TOGETHER`` sentences or more, or in a body of one
paragraph (paragraphs run together, as in a story flattened to one line), that is news style's
quotation continued in a new paragraph whose break was lost, and is a
suggestion. Apostrophes are never counted.

``message`` substitutions, in order (``%[n]s`` picks one):

1. the mark's role: ``opening`` or ``closing``
2. the mark
3. the words next to it (after an opening mark, before a closing one)
4. what is wrong, such as ``is never closed in its paragraph``
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._quotes import DOUBLE_MARKS, excerpt
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, ends_here, format_message
from lint.model import Finding, Related, Severity, Span
from lint.rules import RuleBase

DEFAULT_MESSAGE = "The %s quotation mark %s ('%s') %s."
# sentences: a paragraph this long is several run together (a story flattened
# to one line), where a quotation reopened after a full stop is news style's
# quotation continued in a new paragraph: reported as a suggestion
RUN_TOGETHER = 6


class Params(RuleBase):
    extends: Literal["unbalanced_quotes"]


_OPEN_CONTEXT = set(" \t\r\n([{—–-/\u00a0")
_WORD = regexes.compile(r"[\p{L}\p{M}\p{N}]")


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


_DOUBLE = regexes.compile("[" + "".join(sorted(DOUBLE_MARKS)) + "]")


def _double_marks(t: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Unmatched double marks of one paragraph (offsets in ``t``).

    Returns the unclosed openers, each with the offset of the opener that
    came while it was still open (-1 if none), and the stray closers.
    """
    stray_open: list[tuple[int, int]] = []
    stray_close: list[int] = []
    open_at = -1
    for m in _DOUBLE.finditer(t):  # the marks only, not every character
        i = m.start()
        c = t[i]
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


_ELISION = regexes.compile(r"(?i)‘(?:\d0s|\d\d\b|em\b|n\b|til\b|tis\b|twas\b|cause\b|bout\b)")


def _single_marks(t: str) -> list[int]:
    """Curly ‘ never followed by a ’ that can close it."""
    last_close = t.rfind("’")  # the last ’ that can close, looked for from the end
    while last_close >= 0 and not _closer_like(t, last_close):
        last_close = t.rfind("’", 0, last_close)
    out = []
    i = t.find("‘")
    while i >= 0:
        if not _ELISION.match(t, i) and _opener_like(t, i) and i > last_close:
            out.append(i)
        i = t.find("‘", i + 1)
    return out


_SENTENCE_BEFORE = regexes.compile(r"(?r)[.!?…]\s+$")


class UnbalancedQuotes:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        paras = [b for b in blocks if b.scope in ("paragraph", "standfirst", "list", "headline", "heading")]
        # the whole body in one paragraph: a story whose paragraph breaks were lost
        alone = sum(1 for b in paras if b.scope == "paragraph") == 1
        for k, b in enumerate(paras):
            t = b.text
            if not any(c in t for c in '"“”‘'):
                continue
            opens, closes = _double_marks(t)
            singles = _single_marks(t) if "‘" in t else []
            if not opens and not closes and not singles:
                continue
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            last = max((i for i, _ in opens), default=-1)
            for i, reopen in opens:
                if i == last and reopen < 0 and nxt is not None and self._continues(t, i, nxt):
                    continue
                what = "is never closed in its paragraph"
                related: tuple[Related, ...] = ()
                level = None
                if reopen >= 0:
                    what = "is still open when another quotation opens"
                    if ends_here(_SENTENCE_BEFORE, t, reopen):
                        what += ": a paragraph break may be missing there, or a closing mark"
                        if alone or len(article.sentences_of(b)) >= RUN_TOGETHER:
                            # a story whose paragraphs were run together: the quotation
                            # continued in a new paragraph, as news style has it
                            level = Severity.SUGGESTION
                    at = b.start + reopen
                    related = (Related(Span(at, at + 1), "another quotation opens here"),)
                yield self._finding(text, b, i, "opening", what, related, level)
            for i in closes:
                yield self._finding(text, b, i, "closing", "closes no opening mark in its paragraph")
            last_single = max(singles, default=-1)
            for i in singles:
                if nxt is not None and nxt.text.startswith("‘") and i == last_single:
                    continue
                yield self._finding(text, b, i, "opening", "is never closed in its paragraph")

    @staticmethod
    def _continues(t: str, i: int, nxt: Block) -> bool:
        """A quotation left open to the end, and the next paragraph reopens one."""
        if _nothing_after(t, i):
            return False
        first = nxt.text[:1]
        return first == "“" if t[i] == "“" else first in '"“'

    def _finding(self, text: str, b: Block, i: int, role: str, what: str, related: tuple[Related, ...] = (),
                 level: Severity | None = None) -> Finding:
        pos = b.start + i
        mark = text[pos]
        if role == "opening":
            ctx = excerpt(b.text[i : i + 41], 40)
        else:
            ctx = excerpt(b.text[max(0, i - 39) : i + 1], 40)
            ctx = ("…" + ctx) if i > 39 else ctx
        msg = format_message(self.message, role, mark, ctx, what)
        return Finding(Span(pos, pos + 1), msg, None, level, related)


def _nothing_after(t: str, i: int) -> bool:
    """Nothing but spaces after the mark: a stray mark at the end, not a quotation."""
    return not t[i + 1 :].strip()


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> UnbalancedQuotes:
    return UnbalancedQuotes(p)
