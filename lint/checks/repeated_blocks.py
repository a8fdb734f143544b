"""repeated_blocks: text that a scrape or a paste left twice.

``kind: headline``: the headline repeated later in the article (the reader
records repeated headline lines in ``article.meta.repeated_headlines``; a
body paragraph equal to the headline counts too). ``kind: paragraph``: a
body paragraph that repeats an earlier one word for word, after whitespace
normalisation; paragraphs of fewer than ``min_words`` words ("News",
"Loading...", a one-line subheading) are left to other rules.

Both carry a fix that deletes the repetition with its line break, always
unsafe (``--unsafe-fixes``): a fix that removes text is never applied
without asking (a Markdown H1 equal to the front-matter title may be the
page's only visible title, and a repeated paragraph may be the one to keep).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field

from lint.article import Article, Block
from lint.model import Edit, Finding, Fix, Severity, Span
from lint.positions import LineIndex
from lint.rules import RuleBase

_SPACES = regex.compile(r"\s+")
_BREAK = regex.compile(r"\r\n|\r|\n")
_BLANK_LINE = regex.compile(r"[ \t]*(?:\r\n|\r|\n)")


class Params(RuleBase):
    extends: Literal["repeated_blocks"]
    kind: Literal["headline", "paragraph"]
    min_words: int = Field(default=8, ge=1)  # paragraph: shorter ones are not compared


_NOT_SPACE_TO_REGEX = frozenset("\x1c\x1d\x1e\x1f")  # str.isspace() but not regex's \s


def _norm(s: str) -> str:
    # ``_SPACES.sub(" ", s).strip()``; str.split() is the same, and faster,
    # when no character is a space to str but not to regex
    if _NOT_SPACE_TO_REGEX.isdisjoint(s):
        return " ".join(s.split())
    return _SPACES.sub(" ", s).strip()


def _excerpt(s: str, n: int = 50) -> str:
    s = _norm(s)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _delete_line(text: str, index: LineIndex, start: int, end: int) -> Span:
    """``[start, end)`` widened to whole lines with the line break after them;
    with the blank line after too when a blank line (or the file start) is
    before, so that no double blank line is left behind."""
    line, col = index.line_col(start)
    start -= col - 1
    pos = end
    m = _BREAK.search(text, pos)
    pos = m.end() if m is not None else len(text)
    before_blank = line == 1 or not index.line_text(line - 1).strip()
    if before_blank:
        m = _BLANK_LINE.match(text, pos)
        if m is not None:
            pos = m.end()
    return Span(start, pos)


class RepeatedHeadline:
    def __init__(self, p: Params):
        self.p = p

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        meta = article.meta
        if not meta.headline:
            return
        text = article.text
        repeats = sorted(set(meta.repeated_headlines))
        seen = set(repeats)
        key = _norm(meta.headline)
        # headline text that came back as a body paragraph
        for b in article.blocks:
            if b.scope == "paragraph" and (b.start, b.end) not in seen and _norm(b.text) == key:
                repeats.append((b.start, b.end))
        if not repeats:
            return
        index = article.line_index
        first = next(
            (b for b in article.blocks if b.scope == "headline" and (b.start, b.end) not in seen), None
        )
        where = f"line {index.line_col(first.start)[0]}" if first is not None else "the front-matter title"
        md = article.format == "md"
        for s, e in sorted(repeats):
            line = index.line_col(s)[0]
            msg = (
                f"The headline ({where}) is repeated at line {line}: residue of the page "
                "the article was copied from."
            )
            fix = Fix((Edit(_delete_line(text, index, s, e), ""),), "unsafe", "Delete the repeated headline")
            yield Finding(Span(s, e), msg, fix, Severity.SUGGESTION if md and first is None else None)


class RepeatedParagraph:
    def __init__(self, p: Params):
        self.p = p

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        first: dict[str, Block] = {}
        index: LineIndex | None = None
        for b in blocks:
            if b.scope != "paragraph":
                continue
            key = _norm(b.text)
            if len(key.split()) < self.p.min_words:
                continue
            earlier = first.get(key)
            if earlier is None:
                first[key] = b
                continue
            index = index or article.line_index
            line = index.line_col(earlier.start)[0]
            msg = (
                f"This paragraph repeats the one at line {line} word for word "
                f"('{_excerpt(b.text)}')."
            )
            fix = Fix((Edit(_delete_line(text, index, b.start, b.end), ""),), "unsafe", "Delete the repeated paragraph")
            yield Finding(Span(b.start, b.end), msg, fix)


def compile(p: Params):
    return RepeatedHeadline(p) if p.kind == "headline" else RepeatedParagraph(p)
