"""``--format rdjson``: reviewdog's Diagnostic JSON (``reviewdog -f=rdjson``)::

    {"source": {"name": "newslint", "url": "..."},
     "diagnostics": [{"message": "...", "severity": "ERROR",
       "location": {"path": "seeds/a.txt",
                    "range": {"start": {"line": 7, "column": 612}, "end": {"line": 7, "column": 617}}},
       "code": {"value": "News.NameVariant", "url": "<the rule's link, when it has one>"},
       "suggestions": [{"range": {...}, "text": "Zapad"}],
       "related_locations": [{"message": "first spelling", "location": {"path": "seeds/a.txt", "range": {...}}}]}]}

Lines are 1-based; columns are 1-based and count UTF-8 bytes, as reviewdog
wants; ``end`` is exclusive. Severity: ERROR, WARNING, INFO (suggestion).
Every diagnostic carries its own severity, so the result-wide default is
left out. Paths are relative to ``root`` (default: the working directory).

A fix is one suggestion, however many edits it has (reviewdog would show
each suggestion as its own, conflicting, block): its range runs from the
first edit's start to the last edit's end, and its text is the source of
that range with every edit applied. ``related_locations`` (only when the
finding has some) are the other places it refers to. A file that could not
be read (``errors=``, ``(path, message)`` pairs) is an ERROR diagnostic with
code ``Newslint.ReadError`` at line 1, column 1.
"""

from __future__ import annotations

from typing import Any

from lint.formats._shared import HOMEPAGE, READ_ERROR, dump_json, each, position, repo_path
from lint.model import Severity

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.SUGGESTION: "INFO"}
SOURCE = {"name": "newslint", **({"url": HOMEPAGE} if HOMEPAGE else {})}


def _range(index, start: int, end: int) -> dict:
    sl, sc = position(index, start, "utf-8")
    el, ec = position(index, end, "utf-8")
    return {"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}}


def _suggestion(index, text: str, fix) -> dict:
    """One suggestion for all the edits of ``fix``: the span they cover,
    rewritten with each of them."""
    edits = sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))
    start, end = edits[0].span.start, max(e.span.end for e in edits)
    parts, at = [], start
    for e in edits:
        parts += [text[at:e.span.start], e.replacement]
        at = e.span.end
    parts.append(text[at:end])
    return {"range": _range(index, start, end), "text": "".join(parts)}


def render(results, out, *, root=None, errors=()) -> None:
    diagnostics = []
    for text, index, d in each(results):
        path = repo_path(d.path, root)[0]
        code = {"value": d.rule}
        if d.link:
            code["url"] = d.link
        item: dict[str, Any] = {
            "message": d.message,
            "location": {"path": path, "range": _range(index, d.start, d.end)},
            "severity": SEVERITY[d.severity],
            "code": code,
        }
        if d.fix is not None and d.fix.edits:
            item["suggestions"] = [_suggestion(index, text, d.fix)]
        if d.related:
            item["related_locations"] = [
                {"message": r.message, "location": {"path": path, "range": _range(index, r.span.start, r.span.end)}}
                for r in d.related
            ]
        diagnostics.append(item)
    origin = {"line": 1, "column": 1}
    for name, message in errors or ():
        diagnostics.append({
            "message": message,
            "location": {"path": repo_path(name, root)[0], "range": {"start": dict(origin), "end": dict(origin)}},
            "severity": "ERROR",
            "code": {"value": READ_ERROR},
        })
    dump_json({"source": SOURCE, "diagnostics": diagnostics}, out, indent=2)
