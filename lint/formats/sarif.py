"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning uploads it.

One run; ``tool.driver.rules`` describes every loaded rule (``rules=``, the
``lint.rules.Rule`` list) and any other rule id a finding carries. Columns
are 1-based code points (``columnKind: unicodeCodePoints``), ``endColumn``
exclusive as SARIF says. URIs are relative to ``%SRCROOT%`` (the repository
root: ``root=``, default the working directory) with forward slashes; a file
outside it gets an absolute ``file://`` URI. ``partialFingerprints``
(``newslint/v1``) hash the rule, path, flagged text, its line's text and its
rank among identical findings, so lines inserted elsewhere do not change it.
Safe and unsafe fixes both appear as SARIF ``fixes``. The other places a
finding refers to (``Diagnostic.related``) are its ``relatedLocations``
(``id`` 0, 1, ..., a region in the same file and ``message.text``).

``invocations[0]`` says whether every file could be read: a file that could
not (``errors=``, ``(path, message)`` pairs) is a
``toolExecutionNotifications`` entry (level ``error``, the message, the
file's artifact location, descriptor ``Newslint.ReadError`` from
``tool.driver.notifications``) and makes ``executionSuccessful`` false.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.formats._shared import HOMEPAGE, READ_ERROR, dump_json, fingerprints, repo_path
from lint.model import Severity
from lint.positions import LineIndex

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            return text[: i + 1]
    return text


def _descriptor(rule_id: str, description: str, message: str, link: str, level: str) -> dict:
    full = " ".join(description.split()) or " ".join(message.replace("%s", "…").split()) or rule_id
    d = {
        "id": rule_id,
        "name": rule_id.rsplit(".", 1)[-1],
        "shortDescription": {"text": _first_sentence(full)},
        "fullDescription": {"text": full},
        "help": {
            "text": full + (f"\n\nMore: {link}" if link else ""),
            "markdown": f"**{rule_id}**\n\n{full}" + (f"\n\n[More about this rule]({link})" if link else ""),
        },
        "defaultConfiguration": {"level": LEVEL[Severity.parse(level)]},
        "properties": {"tags": [rule_id.split(".", 1)[0]]},
    }
    if link:
        d["helpUri"] = link
    return d


def _location(path: str, root) -> dict:
    rel, inside = repo_path(path, root)
    if inside:
        # percent-encoded from the name's bytes: a name that is not UTF-8 keeps them
        return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": SRCROOT}
    return {"uri": Path(rel).as_uri()}


def _region(index: LineIndex, text: str, start: int, end: int) -> dict:
    sl, sc = index.line_col(start)
    el, ec = index.line_col(end)
    return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
            "snippet": {"text": text[start:end]}}


def _related(index: LineIndex, text: str, artifact: dict, related) -> list[dict]:
    return [{"id": i,
             "physicalLocation": {"artifactLocation": artifact,
                                  "region": _region(index, text, r.span.start, r.span.end)},
             "message": {"text": r.message}}
            for i, r in enumerate(related)]


_READ_ERROR_DESCRIPTOR = {
    "id": READ_ERROR,
    "name": "ReadError",
    "shortDescription": {"text": "A file could not be read (binary, not UTF-8, or no permission) and was skipped."},
    "defaultConfiguration": {"level": "error"},
}


def _invocation(errors, root) -> dict:
    inv: dict = {"executionSuccessful": not errors}
    if errors:
        inv["toolExecutionNotifications"] = [{
            "level": "error",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": _location(path, root)}}],
            "descriptor": {"id": READ_ERROR, "index": 0},
        } for path, message in errors]
    return inv


def sarif_log(results, *, rules=None, root=None, errors=()) -> dict:
    descriptors: list[dict] = []
    rule_index: dict[str, int] = {}
    for r in rules or ():
        rule_index[r.id] = len(descriptors)
        descriptors.append(_descriptor(r.id, r.spec.description, r.spec.message, r.spec.link, r.spec.level))
    out = []
    for text, diags in results:
        if not diags:
            continue
        index = LineIndex(text)
        for d, fp in zip(diags, fingerprints(text, diags)):
            if d.rule not in rule_index:  # e.g. Newslint.UnusedSuppression
                rule_index[d.rule] = len(descriptors)
                descriptors.append(_descriptor(d.rule, "", d.message, d.link, str(d.severity)))
            artifact = _location(d.path, root)
            res = {
                "ruleId": d.rule,
                "ruleIndex": rule_index[d.rule],
                "level": LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact,
                                                    "region": _region(index, text, d.start, d.end)}}],
                "partialFingerprints": {"newslint/v1": fp},
            }
            if d.related:
                res["relatedLocations"] = _related(index, text, artifact, d.related)
            if d.pointer is not None:  # a newsroom JSON file: the string's JSON pointer, the offset in its value
                res["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": d.pointer[0], "kind": "member"}]
                res["properties"] = {"jsonPointer": d.pointer[0], "offsetInString": d.pointer[1]}
            if d.fix is not None:
                res["fixes"] = [{
                    "description": {"text": d.fix.title or f"Apply the {d.fix.applicability} fix"},
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": [
                            {"deletedRegion": _region(index, text, e.span.start, e.span.end),
                             "insertedContent": {"text": e.replacement}}
                            for e in d.fix.edits
                        ],
                    }],
                }]
            out.append(res)
    errors = list(errors or ())
    driver = {"name": "newslint", "version": __version__, "semanticVersion": __version__,
              **({"informationUri": HOMEPAGE} if HOMEPAGE else {}), "rules": descriptors}
    if errors:
        driver["notifications"] = [_READ_ERROR_DESCRIPTOR]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [_invocation(errors, root)],
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    }


def render(results, out, *, rules=None, root=None, errors=()) -> None:
    dump_json(sarif_log(results, rules=rules, root=root, errors=errors), out, indent=2)
