"""``--format json``: one JSON array of findings, documented in the README
(which holds the JSON Schema of the array; tests/test_readme_schema.py
checks the output against it).

Each element (schema version 1)::

    {"rule": "Names.Zapad", "severity": "error", "path": "seeds/a.txt",
     "start": {"line": 7, "column": 175, "offset": 420},
     "end":   {"line": 7, "column": 180, "offset": 425},
     "message": "...", "link": "",
     "fix": {"applicability": "safe", "title": "...",
             "edits": [{"start": {...}, "end": {...}, "replacement": "Zapad"}]} | null,
     "related": [{"start": {...}, "end": {...}, "message": "first spelling"}]}

Lines and columns are 1-based, columns in code points; offsets are
0-based code points into the file's text (after a BOM). ``related`` lists
the other places the finding refers to, in the same file and the same
convention (``[]`` when none). In a newsroom JSON file a finding also has
``"pointer": {"path": "/content/rendered", "offset": 120}``: the JSON
pointer of the string that holds it and its offset in the decoded string.

Text is UTF-8 as is, except DEL, C0 and C1 controls, bidirectional
controls, U+2028/U+2029 and lone surrogates, which are ``\\uXXXX`` escapes
(``lint.formats._shared.json_safe``): a path that is not UTF-8 keeps its
bytes as ``os.fsdecode`` gives them (``\\udcff``; ``os.fsencode`` of the
parsed string is the original name).

The findings come file by file, in the order the files were linted (each
file's sorted by position and rule), then one element per file that could
not be read (``errors=``, ``(path, message)`` pairs): ``"rule":
"Newslint.ReadError"``, ``"severity": "error"``, start and end at line 1,
column 1, offset 0, ``"fix": null``, ``"related": []``, ``"link": ""``.

``--format json-lines`` (lint/formats/json_lines.py) writes the same object,
one per line, with ``"version": 1`` (this schema version) as its first key.
"""

from __future__ import annotations

from lint.formats._shared import READ_ERROR, dump_json
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
    out = {
        "rule": d.rule,
        "severity": str(d.severity),
        "path": d.path,
        "start": _pos(index, d.start),
        "end": _pos(index, d.end),
        "message": d.message,
        "link": d.link,
        "fix": fix,
        "related": [
            {"start": _pos(index, r.span.start), "end": _pos(index, r.span.end), "message": r.message}
            for r in d.related
        ],
    }
    if d.pointer is not None:  # a newsroom JSON file: where in the JSON document
        out["pointer"] = {"path": d.pointer[0], "offset": d.pointer[1]}
    return out


def error_dict(path: str, message: str) -> dict:
    """The element of a file that could not be read."""
    origin = {"line": 1, "column": 1, "offset": 0}
    return {"rule": READ_ERROR, "severity": "error", "path": path, "start": dict(origin), "end": dict(origin),
            "message": message, "link": "", "fix": None, "related": []}


def render(results, out, *, errors=()) -> None:
    items: list[dict] = []
    for text, diags in results:
        if diags:
            index = index_of(text)
            items.extend(diagnostic_dict(index, d) for d in diags)
    items.extend(error_dict(path, message) for path, message in errors or ())
    dump_json(items, out, indent=2)


def render_sourcing(results, out, *, paths=None, errors=()) -> None:
    """``--format json-sourcing``: one JSON object, the findings of ``--format
    json`` grouped by file, each file with its ``sourcing`` section
    (``lint.sourcing.summarize``), and the run's ``sourcing``
    (``lint.sourcing.summarize_run``); schema in the README::

        {"version": 1,
         "files": [{"path": "seeds/a.txt", "findings": [...], "sourcing": {...}}],
         "errors": [{...Newslint.ReadError finding...}],
         "sourcing": {"articles": 1, "sources": [...], "outlets": [...],
                      "without_named_source": [...], "counts": {...}}}
    """
    from lint.sourcing import summarize, summarize_run

    files: list[dict] = []
    per: dict[str, dict] = {}
    for i, (text, diags) in enumerate(results):
        path = paths[i] if paths is not None and i < len(paths) else (diags[0].path if diags else f"<file {i + 1}>")
        index = index_of(text)
        entry: dict = {"path": path, "findings": [diagnostic_dict(index, d) for d in diags]}
        if isinstance(text, str):
            entry["sourcing"] = per[path] = summarize(path, text, diags)
        files.append(entry)
    doc = {"version": SCHEMA_VERSION, "files": files,
           "errors": [error_dict(path, message) for path, message in errors or ()],
           "sourcing": summarize_run(per)}
    dump_json(doc, out, indent=2)
