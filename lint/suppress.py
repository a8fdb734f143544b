"""Inline suppressions, in .txt and .md alike.

    <!-- newslint-disable -->                 every rule, until enabled again
    <!-- newslint-disable News.X, Names -->   these rules or packs
    <!-- newslint-enable -->                  end every disabled range
    <!-- newslint-enable News.X -->           end this one
    <!-- newslint-disable-next-line News.X --> the next line that has text

A suppression that suppressed nothing can be reported
(``--report-unused-suppressions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from lint.model import Diagnostic

_COMMENT = regex.compile(r"<!--\s*newslint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
_NEXT_TEXT_LINE = regex.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n[ \t]*)*(?=\S)")
_LINE_END = regex.compile(r"\r\n|\r|\n|$")


@dataclass
class Suppression:
    start: int  # code points: findings starting in [start, end) are suppressed
    end: int
    names: tuple[str, ...]  # rule ids or packs; empty: every rule
    comment: tuple[int, int]  # the comment's own span
    used: bool = field(default=False)

    def covers(self, d: Diagnostic) -> bool:
        if not (self.start <= d.start < self.end):
            return False
        return not self.names or d.rule in self.names or d.rule.split(".", 1)[0] in self.names


def _names(raw: str) -> tuple[str, ...]:
    return tuple(n for n in regex.split(r"[\s,]+", raw.strip()) if n)


def parse(text: str) -> list[Suppression]:
    if "newslint-" not in text:
        return []
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for m in _COMMENT.finditer(text):
        kind, names = m.group(1), _names(m.group(2))
        if kind == "disable-next-line":
            nxt = _NEXT_TEXT_LINE.search(text, m.end())
            if nxt is None:
                continue
            start = nxt.end()
            end = _LINE_END.search(text, start).start()
            out.append(Suppression(start, end, names, m.span()))
        elif kind == "disable":
            s = Suppression(m.end(), len(text), names, m.span())
            out.append(s)
            open_ranges.append(s)
        else:  # enable
            for s in list(open_ranges):
                if not names or set(s.names) & set(names):
                    s.end = m.start()
                    open_ranges.remove(s)
    return out


def apply(diags: list[Diagnostic], sups: list[Suppression]) -> list[Diagnostic]:
    if not sups:
        return diags
    kept = []
    for d in diags:
        hit = False
        for s in sups:
            if s.covers(d):
                s.used = hit = True
        if not hit:
            kept.append(d)
    return kept
