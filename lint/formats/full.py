"""``--format full``: each finding with its source line, the span underlined
and the fix, as ruff and rustc show them::

    seeds/a.txt:7:255: error News.NameVariant Use 'Zapad' instead of 'Zapod': ...
      |
    7 | …of their joint exercises, Zapod 2025, later this…
      |                            ^^^^^
      = related: 4:12: known spelling
      = help: Replace with 'Zapad' (safe fix: newslint --fix)

The header is the ``text`` format's line (columns in code points); a
``related`` note (``line:column: message``, same columns) names each other
place the finding refers to. Long lines (a news paragraph is one line) are
cut to a window around the span; carets follow the terminal width of
characters (wide CJK and emoji take 2 cells, combining marks 0). Colour
only when ``out`` is a terminal and ``NO_COLOR`` is unset or empty
(``environ=``, default ``os.environ``); ``color=True/False`` forces it.
Ends with a count of findings. Control characters, bidirectional controls
and a file name's undecodable bytes, in the path, the message, the line
shown and the fix, are written as escapes (``\\x1b``, ``\\u202e``, ``\\xff``;
``lint.formats._shared.terminal_safe``), a tab in the line as a space.
"""

from __future__ import annotations

import os
import unicodedata

from lint.formats._shared import each, terminal_safe
from lint.model import Severity

CONTEXT = 40  # characters kept on each side of the span on a long line
WIDE = 100  # lines up to this many cells are shown whole

_SEVERITY_COLOUR = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.SUGGESTION: "1;36"}


def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(s: str) -> int:
    return sum(_cells(ch) for ch in s)


def _printable(s: str) -> str:
    """A tab as one space (keeps carets aligned), other control characters,
    bidirectional controls and the like as visible escapes (``\\x1b``)."""
    return terminal_safe(s.replace("\t", " "))


def _excerpt(line: str, a: int, b: int, long: bool) -> tuple[str, int, int]:
    """``(shown, caret_from, caret_width)`` for the span ``[a, b)`` of
    ``line``; ``long``: the line is cut to a window around the span (and a
    span longer than ``WIDE`` characters to its first ``WIDE``)."""
    left, right = 0, len(line)
    if long:
        b = min(b, a + WIDE)
        left, right = max(0, a - CONTEXT), min(len(line), max(b, a + 1) + CONTEXT)
    head = ("…" if left > 0 else "") + _printable(line[left:a])
    shown = head + _printable(line[a:right]) + ("…" if right < len(line) else "")
    return shown, _width(head), max(1, _width(_printable(line[a:b])))


class _Paint:
    def __init__(self, on: bool):
        self.on = on

    def __call__(self, code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.on and s else s


def _fix_lines(d, text: str) -> list[str]:
    fix = d.fix
    how = "safe fix: newslint --fix" if fix.applicability == "safe" else "unsafe fix: newslint --fix --unsafe-fixes"
    edits = [terminal_safe(f"'{text[e.span.start:e.span.end]}' -> '{e.replacement}'") for e in fix.edits]
    if fix.title:
        out = [f"{terminal_safe(fix.title)} ({how})"]
        if len(fix.edits) > 1:
            out += edits
    else:
        out = [f"replace {edits[0]} ({how})"] + edits[1:] if edits else [f"({how})"]
    return out


def render(results, out, *, environ=None, color: bool | None = None) -> None:
    environ = os.environ if environ is None else environ
    if color is None:
        color = bool(getattr(out, "isatty", lambda: False)()) and not environ.get("NO_COLOR")
    paint = _Paint(color)
    counts = {s: 0 for s in Severity}
    fixable = 0
    lines: dict[int, tuple[str, bool]] = {}  # line -> (its text, cut to a window), in this file
    last_index = None
    for text, index, d in each(results):
        if index is not last_index:  # the next file: its lines only are needed now
            lines.clear()
            last_index = index
        counts[d.severity] += 1
        fixable += d.fix is not None and d.fix.applicability == "safe"
        line, col = index.line_col(d.start)
        end_line, _ = index.line_col(d.end)
        known = lines.get(line)
        if known is None:  # once per line, however many findings it has
            source = index.line_text(line)
            known = lines[line] = (source, len(source) > WIDE or _width(source) > WIDE)
        source, long = known
        line_start = index.starts[line - 1]
        a = d.start - line_start
        b = min(d.end - line_start, len(source))
        shown, at, width = _excerpt(source, a, b, long)
        gutter = " " * len(str(line))
        sev = _SEVERITY_COLOUR[d.severity]
        more = ""
        if end_line > line and d.end > index.starts[end_line - 1]:
            more = f" (continues to line {end_line})"
        out.write(f"{paint('1', terminal_safe(f'{d.path}:{line}:{col}:'))} {paint(sev, str(d.severity))} "
                  f"{paint('1', terminal_safe(d.rule))} {terminal_safe(d.message)}\n")
        out.write(f"{gutter} {paint('34', '|')}\n")
        out.write(f"{paint('34', str(line))} {paint('34', '|')} {shown}\n")
        out.write(f"{gutter} {paint('34', '|')} {' ' * at}{paint(sev, '^' * width)}{more}\n")
        for r in d.related:
            r_line, r_col = index.line_col(r.span.start)
            out.write(f"{gutter} {paint('34', '=')} {paint('1', 'related')}: {r_line}:{r_col}: {terminal_safe(r.message)}\n")
        if d.fix is not None:
            first, *rest = _fix_lines(d, text)
            out.write(f"{gutter} {paint('34', '=')} {paint('1', 'help')}: {first}\n")
            for rest_line in rest:
                out.write(f"{gutter}     {rest_line}\n")
        if d.link:
            out.write(f"{gutter} {paint('34', '=')} {paint('1', 'see')}: {terminal_safe(d.link)}\n")
        out.write("\n")
    total = sum(counts.values())
    if not total:
        out.write("No findings.\n")
        return
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(counts.items(), reverse=True) if n]
    tail = f"; {fixable} fixable with `newslint --fix`" if fixable else ""
    out.write(f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}){tail}.\n")
