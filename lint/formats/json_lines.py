"""``--format json-lines``: one JSON object per line (JSON Lines), for
streaming consumers (``jq -c``, log shippers) that read a finding at a time.

Each line is the object of ``--format json`` (see lint/formats/json.py)
plus ``"version": 1``, the schema version, since a line travels alone::

    {"version": 1, "rule": "News.NameVariant", "severity": "error", "path": "seeds/a.txt",
     "start": {"line": 7, "column": 255, "offset": 638}, "end": {...},
     "message": "...", "link": "", "fix": {...} | null, "related": [...]}

then one line per file that could not be read (``errors=``), the element
of ``--format json`` for it (``"rule": "Newslint.ReadError"``). No findings
and no errors, no lines. Non-ASCII text is written as is (UTF-8), except the
characters that some line splitters take for line breaks (U+0085, U+2028,
U+2029), which are escaped so that one line is always one finding, and the
other characters ``--format json`` escapes.
"""

from __future__ import annotations

import json

from lint.formats._shared import each, json_safe
from lint.formats.json import SCHEMA_VERSION, diagnostic_dict, error_dict


def _write(out, obj: dict) -> None:
    obj = {"version": SCHEMA_VERSION, **obj}
    out.write(json_safe(json.dumps(obj, ensure_ascii=False, separators=(",", ":"))) + "\n")


def render(results, out, *, errors=()) -> None:
    for _, index, d in each(results):
        _write(out, diagnostic_dict(index, d))
    for path, message in errors or ():
        _write(out, error_dict(path, message))
