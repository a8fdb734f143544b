"""Output formats: one module each, ``render(results, out, **context)``.

``results`` is a list of ``(article_text, diagnostics)`` per file in the
order the files were linted. Each renderer converts offsets itself, in the
unit its consumer wants. Renderers take what else they need as optional
keyword arguments (the CLI passes only those a renderer declares):

- ``rules``: the loaded ``lint.rules.Rule`` list (sarif: rule descriptions);
- ``root``: the directory paths are made relative to (sarif, github,
  gitlab, rdjson, junit; default the working directory);
- ``paths``: the reported path of each entry of ``results`` (junit, html:
  files without findings);
- ``environ``: the environment (github: ``GITHUB_STEP_SUMMARY``; full:
  ``NO_COLOR``; default ``os.environ``);
- ``color``: force colour on or off (full);
- ``fail_level``: the ``lint.model.Severity`` at or above which a finding
  fails the run (junit: only those are ``<failure>``s; default warning);
- ``errors``: the files that could not be read, ``(path, message)`` pairs,
  possibly empty (json, json-lines, sarif, junit, gitlab, github, rdjson
  report them as ``Newslint.ReadError``; text, line and full leave them to
  the CLI's standard error).
"""

from __future__ import annotations

import importlib
from collections import Counter

FORMATS = {
    "text": "lint.formats.text",
    "json": "lint.formats.json",
    "json-lines": "lint.formats.json_lines",
    "full": "lint.formats.full",
    "line": "lint.formats.line",
    "sarif": "lint.formats.sarif",
    "github": "lint.formats.github",
    "gitlab": "lint.formats.gitlab",
    "junit": "lint.formats.junit",
    "rdjson": "lint.formats.rdjson",
    "vale-json": "lint.formats.vale_json",
    "html": "lint.formats.html",
    "sourcing": "lint.formats.sourcing",
    "json-sourcing": "lint.formats.json:render_sourcing",
}


def renderer(name: str):
    module, _, function = FORMATS[name].partition(":")  # "module" (its render) or "module:function"
    return getattr(importlib.import_module(module), function or "render")


def statistics(results, out, *, format: str = "text") -> None:
    """``--statistics``: findings per rule, most frequent first (then by id)::

        3  News.NameVariant  error    [*]
        2  News.ScraperResidue warning

    ``[*]`` marks a rule whose findings all carry a safe fix. A rule whose
    findings differ in level (a check may lower one) lists its levels,
    highest first, comma-separated. ``format="json"`` writes a JSON array of
    ``{"rule", "level", "count", "fixable"}`` instead (``fixable``: findings
    with a safe fix). No findings, no output (an empty array in JSON).
    """
    counts: Counter[str] = Counter()
    levels: dict[str, set] = {}
    fixable: Counter[str] = Counter()
    for _, diags in results:
        for d in diags:
            counts[d.rule] += 1
            levels.setdefault(d.rule, set()).add(d.severity)
            fixable[d.rule] += d.fix is not None and d.fix.applicability == "safe"
    rows = [(rule, n, ",".join(str(s) for s in sorted(levels[rule], reverse=True)), fixable[rule])
            for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if format == "json":
        from lint.formats._shared import dump_json

        dump_json([{"rule": r, "level": lv, "count": n, "fixable": f} for r, n, lv, f in rows], out, indent=2)
        return
    if not rows:
        return
    from lint.formats._shared import terminal_safe

    rows = [(terminal_safe(r), n, lv, f) for r, n, lv, f in rows]  # a rule id comes from a pack's file name
    wn = max(len(str(n)) for _, n, _, _ in rows)
    wr = max(len(r) for r, *_ in rows)
    wl = max(len(lv) for _, _, lv, _ in rows)
    for rule, n, lv, f in rows:
        out.write(f"{n:>{wn}}  {rule:<{wr}}  {lv:<{wl}}  {'[*]' if f == n else ''}".rstrip() + "\n")
