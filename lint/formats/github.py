"""``--format github``: GitHub Actions workflow commands, one per finding::

    ::error file=seeds/a.txt,line=7,col=255,endLine=7,endColumn=259,title=News.NameVariant::Use 'Zapad' ...

error -> ``error``, warning -> ``warning``, suggestion -> ``notice``. Lines
and columns are 1-based, columns in code points; ``endColumn`` is the last
column of the span (inclusive: GitHub defaults it to ``col`` for a
one-character annotation). GitHub accepts columns only on one-line
annotations, so a span over several lines gives lines only. Paths are
relative to ``root`` (default: the working directory, which on GitHub is
the checkout) with forward slashes.

GitHub shows at most 10 errors and 10 warnings (and 10 notices) per step,
so when ``GITHUB_STEP_SUMMARY`` names a file (``environ=``, default
``os.environ``), a Markdown summary is appended to it: counts per rule and
every finding.

A file that could not be read (``errors=``, ``(path, message)`` pairs) is a
file-level ``::error file=<path>,title=Newslint.ReadError::<message>``
annotation, and the summary lists it.

Text and paths are escaped as GitHub reads them (``%``, ``\\r``, ``\\n``, and
in properties ``:`` and ``,``, as ``%25``, ``%0D``, ``%0A``, ``%3A``,
``%2C``); other control characters, bidirectional controls and a file
name's undecodable bytes are written as ``\\x1b``, ``\\u202e``, ``\\xff``
(``lint.formats._shared.terminal_safe``), in the annotations and the summary.
"""

from __future__ import annotations

import os
from collections import Counter

from lint.formats._shared import READ_ERROR, each, repo_path, terminal_safe
from lint.model import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}
SUMMARY_ROWS = 1000  # the step summary is capped at 1 MiB by GitHub


def escape_data(s: str) -> str:
    s = terminal_safe(s, breaks=True)
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _command(index, d, root) -> str:
    path, _ = repo_path(d.path, root)
    line, col = index.line_col(d.start)
    end_line, end_col = index.line_col(max(d.start, d.end - 1)) if d.end > d.start else (line, col)
    props = [("file", path), ("line", line)]
    if end_line == line:
        props += [("col", col), ("endLine", end_line), ("endColumn", end_col)]
    else:
        props += [("endLine", end_line)]
    props.append(("title", d.rule))
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{COMMAND[d.severity]} {head}::{escape_data(d.message)}\n"


_MD = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


def _cell(s: str) -> str:
    """Plain text in a Markdown table cell: one line, markup escaped."""
    return terminal_safe(" ".join(s.split())).translate(_MD)


def _unread(errors) -> list[str]:
    if not errors:
        return []
    out = ["", f"{len(errors)} file(s) could not be read:", "", "| file | problem |", "| --- | --- |"]
    return out + [f"| {_cell(path)} | {_cell(message)} |" for path, message in errors[:SUMMARY_ROWS]]


def summary(rows, errors=()) -> str:
    """The Markdown step summary of ``rows`` = [(path, line, col, diagnostic)]
    and ``errors`` = [(path, message)], the files that could not be read."""
    errors = list(errors)
    if not rows:
        return "\n".join(["### newslint", "", "No findings.", *_unread(errors)]) + "\n\n"
    per_rule = Counter((d.rule, str(d.severity)) for *_, d in rows)
    out = ["### newslint", "", f"{len(rows)} finding(s).", "", "| rule | level | count |", "| --- | --- | ---: |"]
    out += [f"| `{terminal_safe(rule)}` | {level} | {n} |" for (rule, level), n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
    out += ["", "| where | level | rule | message |", "| --- | --- | --- | --- |"]
    for path, line, col, d in rows[:SUMMARY_ROWS]:
        out.append(f"| {_cell(path)}:{line}:{col} | {d.severity} | `{terminal_safe(d.rule)}` | {_cell(d.message)} |")
    if len(rows) > SUMMARY_ROWS:
        out.append(f"\n… and {len(rows) - SUMMARY_ROWS} more.")
    out += _unread(errors)
    return "\n".join(out) + "\n\n"


def render(results, out, *, root=None, environ=None, errors=()) -> None:
    environ = os.environ if environ is None else environ
    rows = []
    for _, index, d in each(results):
        out.write(_command(index, d, root))
        line, col = index.line_col(d.start)
        rows.append((repo_path(d.path, root)[0], line, col, d))
    unread = [(repo_path(name, root)[0], message) for name, message in errors or ()]
    for path, message in unread:
        out.write(f"::error file={escape_property(path)},title={escape_property(READ_ERROR)}::{escape_data(message)}\n")
    target = environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(summary(rows, unread))
