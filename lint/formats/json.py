"""``--format json``: one JSON array of findings, documented in the README.

Each element (schema version 1)::

    {"rule": "Names.Zapad", "severity": "error", "path": "seeds/a.txt",
     "start": {"line": 7, "column": 175, "offset": 420},
     "end":   {"line": 7, "column": 180, "offset": 425},
     "message": "...", "link": "",
     "fix": {"applicability": "safe", "title": "...",
             "edits": [{"start": {...}, "end": {...}, "replacement": "Zapad"}]} | null}

Lines and columns are 1-based, columns in code points; offsets are
0-based code points into the file's text (after a BOM).

``--format json-lines`` (lint/formats/json_lines.py) writes the same object,
one per line, with ``"version": 1`` (this schema version) as its first key.
"""

from __future__ import annotations

import json

from lint.positions import LineIndex, index_of

SCHEMA_VERSION = 1


def _pos(index: LineIndex, offset: int) -> dict:
    line, col = index.line_col(offset)
    return {"line": line, "column": col, "offset": offset}


def diagnostic_dict(index: LineIndex, d) -> dict:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "title": d.fix.title,
            "edits": [
                {"start": _pos(index, e.span.start), "end": _pos(index, e.span.end), "replacement": e.replacement}
                for e in d.fix.edits
            ],
        }
    return {
        "rule": d.rule,
        "severity": str(d.severity),
        "path": d.path,
        "start": _pos(index, d.start),
        "end": _pos(index, d.end),
        "message": d.message,
        "link": d.link,
        "fix": fix,
    }


def render(results, out) -> None:
    items = []
    for text, diags in results:
        index = index_of(text)
        items.extend(diagnostic_dict(index, d) for d in diags)
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
