"""Inline suppressions, in .txt and .md alike.

    <!-- newslint-disable -->                 every rule, until enabled again
    <!-- newslint-disable News.X, Names -->   these rules or packs
    <!-- newslint-enable -->                  end every disabled range
    <!-- newslint-enable News.X -->           end this one
    <!-- newslint-disable-next-line News.X --> the next line that has text

Vale's comments mean the same and go through the same parser (in MDX also
written ``{/* vale off */}``):

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

import functools
import heapq
from dataclasses import dataclass, field

import regex

from lint import regexes
from lint.model import Diagnostic

_COMMENT = regexes.compile(  # also as MDX comments: {/* vale off */} (lint/readers/markdown.py, read_mdx)
    r"(?|<!--\s*(?:newslint-(disable-next-line|disable|enable)\b([^>]*?)|vale\s+(?P<vale>[^>]*?))\s*-->"
    r"|\{/\*\s*(?:newslint-(disable-next-line|disable|enable)\b([^>]*?)|vale\s+(?P<vale>[^>]*?))\s*\*/\})"
)
# Vale's comments in the markup formats whose comments are no HTML comments:
# reStructuredText ".. vale off", Org "# vale off" (AsciiDoc's pass:[<!-- vale off -->] is one)
_FORMAT_COMMENTS = {
    ".rst": regexes.compile(_COMMENT.pattern + r"|(?m:^[ \t]*\.\.[ \t]+vale[ \t]+(?P<vale>[^\r\n]*?)[ \t]*$)"),
    ".rest": regexes.compile(_COMMENT.pattern + r"|(?m:^[ \t]*\.\.[ \t]+vale[ \t]+(?P<vale>[^\r\n]*?)[ \t]*$)"),
    ".org": regexes.compile(_COMMENT.pattern + r"|(?m:^[ \t]*#[ \t]+vale[ \t]+(?P<vale>[^\r\n]*?)[ \t]*$)"),
}
# the body of a Vale comment: "off", "on", "styles = A, B", 'Name["a","b"] = NO'
_VALE_SET = regexes.compile(r'(?P<name>[\w-]+(?:\.[\w-]+)?)\s*(?:\[(?P<matches>[^\]]*)\])?\s*=\s*(?P<value>[^=]+?)\s*$')
_VALE_VALUES = {"no": "disable", "off": "disable", "yes": "enable", "on": "enable"}
_NEXT_TEXT_LINE = regexes.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n[ \t]*)*(?=\S)")
_LINE_END = regexes.compile(r"\r\n|\r|\n|$")


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


@functools.lru_cache(maxsize=32)
def _with_delimiters(base: str, opening: str, closing: str) -> regex.Pattern:
    """``base`` and comments written between ``opening`` and ``closing`` (a ``.vale.ini``'s
    ``CommentDelimiters = {/*, */}``)."""
    o, c = regex.escape(opening), regex.escape(closing)
    body = r"(?:(?!%s)[^\r\n])*?" % c
    custom = (r"%s[ \t]*(?:newslint-(disable-next-line|disable|enable)\b(%s)|vale[ \t]+(?P<vale>%s))[ \t]*%s"
              % (o, body, body, c))
    return regexes.compile(r"(?|%s|%s)" % (base, custom))


def parse(text: str, path: str = "", delimiters: tuple[str, str] | None = None) -> list[Suppression]:
    """The suppression comments of ``text`` (``path``: its name, whose extension says
    which comment syntax Vale reads besides HTML comments; ``delimiters``: the opening
    and closing of the comments that a ``.vale.ini``'s ``CommentDelimiters`` names)."""
    if "newslint-" not in text and "vale" not in text:
        return []
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    keep: Suppression | None = None
    dot = path.rfind(".")
    comment = _FORMAT_COMMENTS.get(path[dot:].lower(), _COMMENT) if dot != -1 else _COMMENT
    if delimiters is not None and all(delimiters):
        comment = _with_delimiters(comment.pattern, delimiters[0], delimiters[1])
    for m in comment.finditer(text):
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
    scope, which Vale lints without reading its comments) are kept.

    Every suppression that covers a finding is marked ``used`` (not only the
    first), as ``Suppression.covers`` says."""
    if not sups:
        return diags
    if len(diags) <= _FEW:
        return _apply_each(diags, sups, exempt)
    return _apply_sweep(diags, sups, exempt)


_FEW = 4  # findings for which trying every suppression is cheaper than sorting them


def _apply_each(diags: list[Diagnostic], sups: list[Suppression], exempt: frozenset[str] | set[str]) -> list[Diagnostic]:
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


def _apply_sweep(diags: list[Diagnostic], sups: list[Suppression], exempt: frozenset[str] | set[str]) -> list[Diagnostic]:
    """``_apply_each`` in time that grows with findings plus suppressions.

    The findings are taken in order of their start, the suppressions opened
    (in order of theirs) and closed (by a heap of ends) as the sweep passes,
    and the open ones are filed under the names they suppress ("*" for
    every rule, "keep" for Vale's ``styles``). A plain suppression (no
    ``matches``, no ``keep``) covers every finding of its names while it is
    open, so once used it is only counted; one not yet used is marked and
    counted at the first finding it covers. Suppressions with ``matches`` or
    ``keep`` are asked each time (``covers``)."""
    order = sorted(range(len(sups)), key=lambda i: sups[i].start)
    keys = [("keep",) if s.keep else tuple(dict.fromkeys(s.names or ("*",))) for s in sups]
    plain = [not s.keep and not s.matches for s in sups]
    unused: dict[str, dict[int, Suppression]] = {}  # open plain ones, not used yet
    used_count: dict[str, int] = {}  # open plain ones already used
    other: dict[str, dict[int, Suppression]] = {}  # open ones with matches or keep
    ends: list[tuple[int, int]] = []
    nxt = 0
    drop = [False] * len(diags)
    for j in sorted(range(len(diags)), key=lambda j: diags[j].start):
        d = diags[j]
        pos = d.start
        while nxt < len(order) and sups[order[nxt]].start <= pos:
            i = order[nxt]
            nxt += 1
            heapq.heappush(ends, (sups[i].end, i))
            for k in keys[i]:
                if not plain[i]:
                    other.setdefault(k, {})[i] = sups[i]
                elif sups[i].used:
                    used_count[k] = used_count.get(k, 0) + 1
                else:
                    unused.setdefault(k, {})[i] = sups[i]
        while ends and ends[0][0] <= pos:
            _, i = heapq.heappop(ends)
            for k in keys[i]:
                if not plain[i]:
                    del other[k][i]
                elif i in unused.get(k, ()):
                    del unused[k][i]
                else:
                    used_count[k] -= 1
        if d.rule in exempt:
            continue
        pack = d.rule.split(".", 1)[0]
        names = ("*", d.rule) if pack == d.rule else ("*", d.rule, pack)
        hit = False
        for k in names:
            waiting = unused.get(k)
            if waiting:
                for i, s in list(waiting.items()):
                    s.used = True
                    for k2 in keys[i]:
                        del unused[k2][i]
                        used_count[k2] = used_count.get(k2, 0) + 1
            if used_count.get(k, 0) > 0:
                hit = True
        for k in (*names, "keep"):
            for s in other.get(k, {}).values():
                if s.covers(d):
                    s.used = hit = True
        drop[j] = hit
    return [d for j, d in enumerate(diags) if not drop[j]]
