"""Offsets (code points) -> line and column, in the unit each format wants.

Lines break at ``\\r\\n``, ``\\r`` and ``\\n`` alike, so CRLF and lone-CR
files get the same line numbers an editor shows.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from itertools import accumulate

from lint import regexes

_BREAK = regexes.compile(r"\r\n|\r|\n")
_KEEP = 16  # lines whose column tables are kept (findings come sorted: mostly the same line)


def _line_starts(text: str) -> list[int]:
    """0 and the offset after each line break."""
    if "\r" not in text:  # LF only: the lengths of str.split's lines, added up
        starts = [0]
        starts.extend(accumulate(len(line) + 1 for line in text.split("\n")))
        starts.pop()  # past the last line
        return starts
    return [0] + [m.end() for m in _BREAK.finditer(text)]


class LineIndex:
    def __init__(self, text: str):
        self.text: str | None = text  # None in an index of positions only
        self.starts: Sequence[int] = _line_starts(text)
        self._tables: dict[tuple[int, str], array | None] = {}

    @classmethod
    def positions_only(cls, text: str) -> LineIndex:
        """An index that answers ``line_col`` only, without keeping ``text``:
        a run over thousands of files keeps this much per file for formats
        that print lines and columns in code points (a few bytes a line)."""
        idx = cls.__new__(cls)
        idx.text = None
        idx.starts = array("q", _line_starts(text))
        idx._tables = {}
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
        if unit not in ("utf-16", "utf-8"):
            raise ValueError(unit)
        table = self._table(line, unit)
        return col if table is None else table[min(col - 1, len(table) - 1)] + 1

    def _table(self, line: int, unit: str) -> array | None:
        """The ``unit`` count before each code point of ``line`` (with its
        break), or None when they equal code points: computed once per line,
        so columns of many findings on one long line cost linear time. A lone
        surrogate (an editor buffer may hold one) counts 1 UTF-16 unit and 3
        UTF-8 bytes, as the client's string has it, instead of failing."""
        key = (line, unit)
        if key in self._tables:
            return self._tables[key]
        text = self._text()
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        s = text[start:end]
        table: array | None = None
        if unit == "utf-8" and not s.isascii():
            table = array("q", accumulate((len(c.encode("utf-8", "surrogatepass")) for c in s), initial=0))
        elif unit == "utf-16" and s and max(s) > "\uffff":
            table = array("q", accumulate((2 if c > "\uffff" else 1 for c in s), initial=0))
        if len(self._tables) >= _KEEP:
            self._tables.clear()
        self._tables[key] = table
        return table

    def position(self, offset: int, unit: str = "utf-16") -> tuple[int, int]:
        """0-based line and 0-based character of ``offset``, the character
        counted in ``codepoint``, ``utf-16`` (LSP's default) or ``utf-8`` units."""
        line, _ = self.line_col(offset)
        return line - 1, self.column(offset, unit) - 1


def index_of(source: str | LineIndex) -> LineIndex:
    """The ``LineIndex`` of a result's source: its text, or an index kept instead (see ``positions_only``)."""
    return source if isinstance(source, LineIndex) else LineIndex(source)
