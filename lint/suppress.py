"""Inline suppressions, in .txt and .md alike.

    <!-- newslint-disable -->                 every rule, until enabled again
    <!-- newslint-disable News.X, Names -->   these rules or packs
    <!-- newslint-enable -->                  end every disabled range
    <!-- newslint-enable News.X -->           end this one
    <!-- newslint-disable-next-line News.X --> the next line that has text

Vale's comments mean the same and go through the same parser:

    <!-- vale off -->  /  <!-- vale on -->     newslint-disable / newslint-enable
    <!-- vale Style.Rule = NO -->  (or off)    newslint-disable Style.Rule
    <!-- vale Style.Rule = YES --> (or on)     newslint-enable Style.Rule
    <!-- vale Style = NO -->                   newslint-disable Style
    <!-- vale Style.Rule["a", "b"] = NO -->    only findings whose text is "a" or "b"
    <!-- vale style = A -->, <!-- vale styles = A, B -->   from here on only these styles

A suppression that suppressed nothing can be reported
(``--report-unused-suppressions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from lint.model import Diagnostic

_COMMENT = regex.compile(
    r"<!--\s*(?:newslint-(disable-next-line|disable|enable)\b([^>]*?)|vale\s+(?P<vale>[^>]*?))\s*-->"
)
# the body of a Vale comment: "off", "on", "styles = A, B", 'Name["a","b"] = NO'
_VALE_SET = regex.compile(r'(?P<name>[\w-]+(?:\.[\w-]+)?)\s*(?:\[(?P<matches>[^\]]*)\])?\s*=\s*(?P<value>[^=]+?)\s*$')
_VALE_VALUES = {"no": "disable", "off": "disable", "yes": "enable", "on": "enable"}
_NEXT_TEXT_LINE = regex.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n[ \t]*)*(?=\S)")
_LINE_END = regex.compile(r"\r\n|\r|\n|$")


@dataclass
class Suppression:
    start: int  # code points: findings starting in [start, end) are suppressed
    end: int
    names: tuple[str, ...]  # rule ids or packs; empty: every rule
    comment: tuple[int, int]  # the comment's own span
    used: bool = field(default=False)
    matches: tuple[str, ...] = ()  # Vale's Rule["a","b"]: only findings whose text is one of these
    keep: tuple[str, ...] = ()  # Vale's "styles = A, B": every rule outside these packs
    source: str = field(default="", repr=False)  # the article text (for ``matches`` only)
    vale: bool = False  # a Vale comment (unknown names are left alone, as Vale does)

    def covers(self, d: Diagnostic) -> bool:
        if not (self.start <= d.start < self.end):
            return False
        if self.keep:
            return d.rule.split(".", 1)[0] not in self.keep
        if self.matches and self.source[d.start : d.end].strip() not in self.matches:
            return False
        return not self.names or d.rule in self.names or d.rule.split(".", 1)[0] in self.names


def _names(raw: str) -> tuple[str, ...]:
    return tuple(n for n in regex.split(r"[\s,]+", raw.strip()) if n)


def _vale(body: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """A Vale comment's body as (kind, names, matches); None when it is not one."""
    body = body.strip()
    if body.lower() in ("off", "on"):
        return ("disable" if body.lower() == "off" else "enable"), (), ()
    m = _VALE_SET.match(body)
    if m is None:
        return None
    name, value = m["name"], m["value"].strip()
    if name.lower() in ("style", "styles"):
        return "styles", _names(value), ()
    kind = _VALE_VALUES.get(value.lower())
    if kind is None:
        return None
    matches = tuple(regex.findall(r'"([^"]*)"', m["matches"] or ""))
    return kind, (name,), matches


def parse(text: str) -> list[Suppression]:
    if "newslint-" not in text and "vale" not in text:
        return []
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    keep: Suppression | None = None
    for m in _COMMENT.finditer(text):
        matches: tuple[str, ...] = ()
        vale = False
        if m.group("vale") is not None:
            parsed = _vale(m.group("vale"))
            if parsed is None:
                continue
            kind, names, matches = parsed
            vale = True
            if kind == "styles":  # from here on only these styles
                if keep is not None:
                    keep.end = m.start()
                keep = Suppression(m.end(), len(text), (), m.span(), keep=names)
                out.append(keep)
                continue
        else:
            kind, names = m.group(1), _names(m.group(2))
        if kind == "disable-next-line":
            nxt = _NEXT_TEXT_LINE.search(text, m.end())
            if nxt is None:
                continue
            start = nxt.end()
            line_end = _LINE_END.search(text, start)
            assert line_end is not None  # the pattern's "$" always matches
            end = line_end.start()
            out.append(Suppression(start, end, names, m.span(), vale=vale))
        elif kind == "disable":
            s = Suppression(m.end(), len(text), names, m.span(), matches=matches, source=text if matches else "", vale=vale)
            out.append(s)
            open_ranges.append(s)
        else:  # enable
            for s in list(open_ranges):
                if not names or set(s.names) & set(names):
                    if matches and s.matches and not set(s.matches) <= set(matches):
                        # Rule["a"] = YES ends "a" only: the rest stays disabled
                        rest = Suppression(m.end(), len(text), s.names, m.span(),
                                           matches=tuple(x for x in s.matches if x not in matches), source=text, vale=vale)
                        out.append(rest)
                        open_ranges.append(rest)
                    elif matches and not s.matches:
                        continue  # Rule["a"] = YES does not end Rule = NO
                    s.end = m.start()
                    open_ranges.remove(s)
            if not names and keep is not None:  # "vale on" / newslint-enable: every style again
                keep.end = m.start()
                keep = None
    return out


def apply(diags: list[Diagnostic], sups: list[Suppression], exempt: frozenset[str] | set[str] = frozenset()) -> list[Diagnostic]:
    """Drop what the comments suppress; rules in ``exempt`` (Vale's ``raw``
    scope, which Vale lints without reading its comments) are kept."""
    if not sups:
        return diags
    kept = []
    for d in diags:
        if d.rule in exempt:
            kept.append(d)
            continue
        hit = False
        for s in sups:
            if s.covers(d):
                s.used = hit = True
        if not hit:
            kept.append(d)
    return kept
