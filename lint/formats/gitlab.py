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
"""

from __future__ import annotations

import json

from lint.formats._shared import fingerprints, repo_path
from lint.model import Severity
from lint.positions import LineIndex

SEVERITY = {Severity.SUGGESTION: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(results, out, *, root=None) -> None:
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
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
