"""Offsets (code points) -> line and column, in the unit each format wants.

Lines break at ``\\r\\n``, ``\\r`` and ``\\n`` alike, so CRLF and lone-CR
files get the same line numbers an editor shows.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence

import regex

_BREAK = regex.compile(r"\r\n|\r|\n")


class LineIndex:
    def __init__(self, text: str):
        self.text: str | None = text  # None in an index of positions only
        self.starts: Sequence[int] = [0] + [m.end() for m in _BREAK.finditer(text)]

    @classmethod
    def positions_only(cls, text: str) -> LineIndex:
        """An index that answers ``line_col`` only, without keeping ``text``:
        a run over thousands of files keeps this much per file for formats
        that print lines and columns in code points (a few bytes a line)."""
        idx = cls.__new__(cls)
        idx.text = None
        starts = array("q", [0])
        starts.extend(m.end() for m in _BREAK.finditer(text))
        idx.starts = starts
        return idx

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line, 1-based column in code points."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def _text(self) -> str:
        if self.text is None:  # the TypeError indexing None would raise
            raise TypeError("an index of positions only keeps no text")
        return self.text

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self._text())
        return self._text()[start:end].rstrip("\r\n")

    def column(self, offset: int, unit: str = "codepoint") -> int:
        """1-based column of ``offset`` in ``codepoint``, ``utf-16`` or ``utf-8`` units."""
        line, col = self.line_col(offset)
        if unit == "codepoint":
            return col
        prefix = self._text()[self.starts[line - 1] : offset]
        if unit == "utf-16":
            return len(prefix.encode("utf-16-le")) // 2 + 1
        if unit == "utf-8":
            return len(prefix.encode("utf-8")) + 1
        raise ValueError(unit)

    def position(self, offset: int, unit: str = "utf-16") -> tuple[int, int]:
        """0-based line and 0-based character of ``offset``, the character
        counted in ``codepoint``, ``utf-16`` (LSP's default) or ``utf-8`` units."""
        line, _ = self.line_col(offset)
        return line - 1, self.column(offset, unit) - 1


def index_of(source: str | LineIndex) -> LineIndex:
    """The ``LineIndex`` of a result's source: its text, or an index kept instead (see ``positions_only``)."""
    return source if isinstance(source, LineIndex) else LineIndex(source)
