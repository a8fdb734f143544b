"""``--format gitlab``: a GitLab Code Quality report (a JSON array), for
``artifacts: reports: codequality:`` in ``.gitlab-ci.yml``::

    [{"description": "News.NameVariant: Use 'Zapad' ...", "check_name": "News.NameVariant",
      "fingerprint": "…32 hex…", "severity": "major", "type": "issue", "categories": ["Style"],
      "location": {"path": "seeds/a.txt", "lines": {"begin": 7, "end": 7}}}]

Severity: suggestion -> ``info``, warning -> ``minor``, error -> ``major``.
``location.path`` is relative to ``root`` (default: the working directory,
the checkout in GitLab CI) with forward slashes. The fingerprint hashes the
rule, path, flagged text, its line's text and its rank among identical
findings: stable when lines are inserted elsewhere, unique in the report.
A location gives ``lines`` (Code Climate allows ``lines`` or ``positions``,
not both; GitLab shows lines).

A file that could not be read (``errors=``, ``(path, message)`` pairs) is
an issue too: ``check_name`` ``Newslint.ReadError``, severity ``critical``,
category ``Compatibility``, line 1, its fingerprint a hash of the rule and
the path.
"""

from __future__ import annotations

import hashlib

from lint.formats._shared import READ_ERROR, dump_json, fingerprints, repo_path
from lint.model import Severity
from lint.positions import LineIndex

SEVERITY = {Severity.SUGGESTION: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def _error_issue(name: str, message: str, root) -> dict:
    path = repo_path(name, root)[0]
    return {
        "description": f"{READ_ERROR}: {message}",
        "check_name": READ_ERROR,
        "fingerprint": hashlib.sha256(f"{READ_ERROR}\x1f{path}".encode("utf-8", "surrogatepass")).hexdigest()[:32],
        "severity": "critical",
        "type": "issue",
        "categories": ["Compatibility"],
        "location": {"path": path, "lines": {"begin": 1, "end": 1}},
    }


def render(results, out, *, root=None, errors=()) -> None:
    items = []
    for text, diags in results:
        if not diags:
            continue
        index = LineIndex(text)
        for d, fp in zip(diags, fingerprints(text, diags)):
            begin, _ = index.line_col(d.start)
            end, _ = index.line_col(max(d.start, d.end - 1))
            items.append({
                "description": f"{d.rule}: {d.message}",
                "check_name": d.rule,
                "fingerprint": fp,
                "severity": SEVERITY[d.severity],
                "type": "issue",
                "categories": ["Style"],
                "location": {"path": repo_path(d.path, root)[0], "lines": {"begin": begin, "end": end}},
            })
    items.extend(_error_issue(path, message, root) for path, message in errors or ())
    dump_json(items, out, indent=2)
