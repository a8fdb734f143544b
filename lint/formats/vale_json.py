"""``--output=JSON`` (Vale's flag): Vale's own JSON report, for tools that read Vale's.

One object keyed by file path; each file's alerts in order::

    {"doc.md": [{"Action": {"Name": "", "Params": null}, "Span": [12, 16],
                 "Check": "Pack.Rule", "Description": "", "Link": "",
                 "Message": "...", "Severity": "warning", "Match": "speling",
                 "Line": 3}]}

``Line`` is 1-based; ``Span`` is the first and last column of the match on
that line, 1-based and inclusive, in code points, as Vale counts them (a
match over a line break ends at its line's end). ``Action`` is the rule's
own ``action``, as Vale prints it: ``{"Name": "edit", "Params": ["trim_right",
"!"]}``; a rule without one ``{"Name": "", "Params": null}`` (whatever fix
newslint offers); a substitution's ``replace`` without params gets the
finding's options (cased with ``capitalize``/``matchcase``), and a
``replace`` with ``matchcase`` its params cased like the match; Vale.Spelling
``{"Name": "suggest", "Params": ["spellings"]}``. Files without findings are
left out, as Vale leaves them out.
"""

from __future__ import annotations

from lint.formats._shared import dump_json, each

_NO_ACTION: dict[str, object] = {"Name": "", "Params": None}
# Vale's built-in rules whose action newslint's rule data leaves out (internal/check/definition.go)
_BUILTIN_ACTIONS: dict[str, dict[str, object]] = {"Vale.Spelling": {"Name": "suggest", "Params": ["spellings"]}}


def render(results, out, *, rules=None) -> None:
    dump_json(alerts(results, rules), out, indent=2)  # control and bidirectional characters escaped, undecodable names kept


def alerts(results, rules=None) -> dict[str, list[dict]]:
    """Each file's alerts, as Vale's JSON report has them (also the data of ``--output=X.tmpl``)."""
    by_id = {r.id: r for r in rules or ()}
    report: dict[str, list[dict]] = {}
    for _, index, d in each(results):
        line, col = index.line_col(d.start)
        end_line, end_col = index.line_col(max(d.start, d.end - 1))
        last = end_col if end_line == line else max(col, len(index.line_text(line)) if index.text is not None else col)
        match = ""
        if index.text is not None:
            match = index.text[d.start:d.end]
        report.setdefault(d.path, []).append({
            "Action": _action(by_id.get(d.rule), d.rule, match), "Span": [col, last], "Check": d.rule,
            "Description": "", "Link": d.link, "Message": d.message, "Severity": str(d.severity),
            "Match": match, "Line": line,
        })
    return report


def _action(rule, rule_id: str, match: str) -> dict[str, object]:
    """The ``Action`` Vale prints for a finding of ``rule`` on ``match``."""
    action = getattr(getattr(rule, "spec", None), "action", None)
    if action is None or not action.name:
        return dict(_BUILTIN_ACTIONS.get(rule_id, _NO_ACTION))
    params: list[str] | None = list(action.params)
    if action.name == "replace":
        if not params and rule.spec.extends == "substitution":
            suggest = getattr(rule.checker, "suggestions", None)
            params = (suggest(match) if suggest is not None else None) or []
        elif params and getattr(rule.spec, "matchcase", False):
            from lint.checks._vale import recase

            params = recase(params, match)
    return {"Name": action.name, "Params": params if params else None}
