"""``--format junit``: JUnit XML, for CI test-report views (GitLab
``artifacts: reports: junit:``, Jenkins, Azure DevOps).

One ``<testsuite>`` per linted file (``name`` = the path). Each finding is a
``<testcase>`` (``classname`` = the path, ``name`` = ``Rule.Id line:col``,
``file`` and ``line`` attributes) holding a ``<failure>`` whose ``type`` is
the severity. Given ``paths=`` (the reported path of each entry of
``results``, in order), a file without findings is a suite with one passing
testcase, so the report lists every file checked; without it such files,
whose path the results do not carry, are left out. Lines and columns are 1-based, columns in
code points. Written with ``xml.etree``; characters XML 1.0 forbids (C0
controls other than tab and line breaks) are dropped from the text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import regex

from lint.formats._shared import repo_path
from lint.positions import LineIndex

_NOT_XML = regex.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    return _NOT_XML.sub("", s)


def render(results, out, *, root=None, paths=None) -> None:
    top = ET.Element("testsuites", name="newslint")
    total = failed = 0
    for i, (text, diags) in enumerate(results):
        name = diags[0].path if diags else (paths[i] if paths is not None and i < len(paths) else None)
        if name is None:
            continue
        index = LineIndex(text)
        path = repo_path(name, root)[0]
        suite = ET.SubElement(top, "testsuite", name=_x(path), tests="0", failures="0", errors="0", skipped="0")
        for d in diags:
            line, col = index.line_col(d.start)
            case = ET.SubElement(suite, "testcase", name=f"{d.rule} {line}:{col}", classname=_x(path),
                                 file=_x(path), line=str(line))
            failure = ET.SubElement(case, "failure", message=_x(d.message), type=str(d.severity))
            failure.text = _x(f"{path}:{line}:{col}: {d.severity} {d.rule} {d.message}")
        if not diags:
            ET.SubElement(suite, "testcase", name="newslint", classname=_x(path), file=_x(path))
        n = max(1, len(diags))
        suite.set("tests", str(n))
        suite.set("failures", str(len(diags)))
        total, failed = total + n, failed + len(diags)
    top.set("tests", str(total))
    top.set("failures", str(failed))
    ET.indent(top)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(top, encoding="unicode"))
    out.write("\n")
