"""``--format junit``: JUnit XML, for CI test-report views (GitLab
``artifacts: reports: junit:``, Jenkins, Azure DevOps).

One ``<testsuite>`` per linted file (``name`` = the path). Each finding is a
``<testcase>`` (``classname`` = the path, ``name`` = ``Rule.Id line:col``,
``file`` and ``line`` attributes). A finding at or above ``fail_level``
(a ``lint.model.Severity``, default warning, the CLI's ``--fail-level``)
holds a ``<failure>`` whose ``type`` is the severity and counts in
``failures``; a finding below it is a passing testcase with the finding in
its ``<system-out>``, so that the report fails exactly when the exit code
does. Given ``paths=`` (the reported path of each entry of ``results``, in
order), a file without findings is a suite with one passing testcase, so the
report lists every file checked; without it such files, whose path the
results do not carry, are left out. A file that could not be read
(``errors=``, ``(path, message)`` pairs) is a suite with one testcase
``Newslint.ReadError`` holding an ``<error>``, counted in ``errors``.
Lines and columns are 1-based, columns in code points. Written with
``xml.etree``; characters XML 1.0 forbids (C0 controls other than tab and
line breaks) are dropped from the text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lint import regexes
from lint.formats._shared import READ_ERROR, repo_path
from lint.model import Severity
from lint.positions import index_of

_NOT_XML = regexes.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    return _NOT_XML.sub("", s)


def _suite(top, path: str) -> ET.Element:
    return ET.SubElement(top, "testsuite", name=_x(path), tests="0", failures="0", errors="0", skipped="0")


def render(results, out, *, root=None, paths=None, fail_level=None, errors=()) -> None:
    if fail_level is None:
        fail_level = Severity.WARNING
    elif isinstance(fail_level, str):
        fail_level = Severity.parse(fail_level)
    top = ET.Element("testsuites", name="newslint")
    total = failed = broken = 0
    for i, (text, diags) in enumerate(results):
        name = diags[0].path if diags else (paths[i] if paths is not None and i < len(paths) else None)
        if name is None:
            continue
        index = index_of(text)
        path = repo_path(name, root)[0]
        suite = _suite(top, path)
        n_failed = 0
        for d in diags:
            line, col = index.line_col(d.start)
            case = ET.SubElement(suite, "testcase", name=f"{d.rule} {line}:{col}", classname=_x(path),
                                 file=_x(path), line=str(line))
            report = _x(f"{path}:{line}:{col}: {d.severity} {d.rule} {d.message}")
            if d.severity >= fail_level:
                failure = ET.SubElement(case, "failure", message=_x(d.message), type=str(d.severity))
                failure.text = report
                n_failed += 1
            else:
                ET.SubElement(case, "system-out").text = report
        if not diags:
            ET.SubElement(suite, "testcase", name="newslint", classname=_x(path), file=_x(path))
        n = max(1, len(diags))
        suite.set("tests", str(n))
        suite.set("failures", str(n_failed))
        total, failed = total + n, failed + n_failed
    for name, message in errors or ():
        path = repo_path(name, root)[0]
        suite = _suite(top, path)
        suite.set("tests", "1")
        suite.set("errors", "1")
        case = ET.SubElement(suite, "testcase", name=READ_ERROR, classname=_x(path), file=_x(path))
        error = ET.SubElement(case, "error", message=_x(message), type=READ_ERROR)
        error.text = _x(f"{path}: {message}")
        total, broken = total + 1, broken + 1
    top.set("tests", str(total))
    top.set("failures", str(failed))
    top.set("errors", str(broken))
    ET.indent(top)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(top, encoding="unicode"))
    out.write("\n")
