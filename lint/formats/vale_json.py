"""``--output=JSON`` (Vale's flag): Vale's own JSON report, for tools that read Vale's.

One object keyed by file path; each file's alerts in order::

    {"doc.md": [{"Action": {"Name": "", "Params": null}, "Span": [12, 16],
                 "Check": "Pack.Rule", "Description": "", "Link": "",
                 "Message": "...", "Severity": "warning", "Match": "speling",
                 "Line": 3}]}

``Line`` is 1-based; ``Span`` is the first and last column of the match on
that line, 1-based and inclusive, in code points, as Vale counts them (a
match over a line break ends at its line's end). ``Action`` names the
rule's fix action as Vale would ("replace" with its replacement for a
finding with a fix). Files without findings are left out, as Vale leaves
them out.
"""

from __future__ import annotations

from lint.formats._shared import dump_json, each


def render(results, out) -> None:
    dump_json(alerts(results), out, indent=2)  # control and bidirectional characters escaped, undecodable names kept


def alerts(results) -> dict[str, list[dict]]:
    """Each file's alerts, as Vale's JSON report has them (also the data of ``--output=X.tmpl``)."""
    report: dict[str, list[dict]] = {}
    for _, index, d in each(results):
        line, col = index.line_col(d.start)
        end_line, end_col = index.line_col(max(d.start, d.end - 1))
        last = end_col if end_line == line else max(col, len(index.line_text(line)) if index.text is not None else col)
        match = ""
        if index.text is not None:
            match = index.text[d.start:d.end]
        action: dict[str, object] = {"Name": "", "Params": None}
        if d.fix is not None and d.fix.edits:
            action = {"Name": "replace", "Params": [e.replacement for e in d.fix.edits]}
        report.setdefault(d.path, []).append({
            "Action": action, "Span": [col, last], "Check": d.rule, "Description": "", "Link": d.link,
            "Message": d.message, "Severity": str(d.severity), "Match": match, "Line": line,
        })
    return report
