"""What repeated_headline and repeated_paragraph share: whitespace
normalisation, and the fix that deletes a repeated block with its line
break, always unsafe (``--unsafe-fixes``): a fix that removes text is never
applied without asking."""

from __future__ import annotations

from lint import regexes
from lint.model import Span
from lint.positions import LineIndex

_SPACES = regexes.compile(r"\s+")
_BREAK = regexes.compile(r"\r\n|\r|\n")
_BLANK_LINE = regexes.compile(r"[ \t]*(?:\r\n|\r|\n)")



def plain_spaces(s: str) -> bool:
    """No character of ``s`` is a space to str but not to regex (four searches
    in C: faster than ``isdisjoint``, which hashes every character)."""
    return "\x1c" not in s and "\x1d" not in s and "\x1e" not in s and "\x1f" not in s


def norm(s: str) -> str:
    # ``_SPACES.sub(" ", s).strip()``; str.split() is the same, and faster,
    # when no character is a space to str but not to regex
    if plain_spaces(s):
        return " ".join(s.split())
    return _SPACES.sub(" ", s).strip()


_NORMS: dict[str, str] = {}  # block text -> norm(text)


def norm_block(s: str) -> str:
    """``norm(s)`` of a block's text, remembered: repeated_paragraph and
    repeated_sentence both normalise every paragraph (a pure function)."""
    got = _NORMS.get(s)
    if got is None:
        if len(_NORMS) > 4096:
            _NORMS.clear()
        got = _NORMS[s] = norm(s)
    return got


def word_count(k: str) -> int:
    """``len(k.split())`` of a string normalised by ``norm`` (one space between
    words, none at the edges), counted without splitting it."""
    if not k:
        return 0
    if plain_spaces(k):
        return k.count(" ") + 1
    return len(k.split())


def excerpt(s: str, n: int = 50) -> str:
    s = norm(s)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def delete_line(text: str, index: LineIndex, start: int, end: int) -> Span:
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
