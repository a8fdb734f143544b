"""``--format rdjson``: reviewdog's Diagnostic JSON (``reviewdog -f=rdjson``)::

    {"source": {"name": "newslint", "url": "..."},
     "diagnostics": [{"message": "...", "severity": "ERROR",
       "location": {"path": "seeds/a.txt",
                    "range": {"start": {"line": 7, "column": 612}, "end": {"line": 7, "column": 617}}},
       "code": {"value": "News.NameVariant", "url": "<the rule's link, when it has one>"},
       "suggestions": [{"range": {...}, "text": "Zapad"}]}]}

Lines are 1-based; columns are 1-based and count UTF-8 bytes, as reviewdog
wants; ``end`` is exclusive. Severity: ERROR, WARNING, INFO (suggestion).
Every diagnostic carries its own severity, so the result-wide default is
left out. Paths are relative to ``root`` (default: the working directory).
Each edit of a fix is one suggestion.
"""

from __future__ import annotations

import json

from lint.formats._shared import HOMEPAGE, each, position, repo_path
from lint.model import Severity

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.SUGGESTION: "INFO"}
SOURCE = {"name": "newslint", **({"url": HOMEPAGE} if HOMEPAGE else {})}


def _range(index, start: int, end: int) -> dict:
    sl, sc = position(index, start, "utf-8")
    el, ec = position(index, end, "utf-8")
    return {"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}}


def render(results, out, *, root=None) -> None:
    diagnostics = []
    for _, index, d in each(results):
        code = {"value": d.rule}
        if d.link:
            code["url"] = d.link
        item = {
            "message": d.message,
            "location": {"path": repo_path(d.path, root)[0], "range": _range(index, d.start, d.end)},
            "severity": SEVERITY[d.severity],
            "code": code,
        }
        if d.fix is not None:
            item["suggestions"] = [{"range": _range(index, e.span.start, e.span.end), "text": e.replacement}
                                   for e in d.fix.edits]
        diagnostics.append(item)
    json.dump({"source": SOURCE, "diagnostics": diagnostics}, out, ensure_ascii=False, indent=2)
    out.write("\n")
