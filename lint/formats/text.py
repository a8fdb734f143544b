"""The default: ``path:line:col: severity Rule.Id message``, one per line,
then a summary line, as ruff prints it::

    Found 13 findings (2 fixable with --fix) in 1 file.

(``No findings in 3 files.`` when clean, ``; 1 file could not be read``
added for ``errors``; ``summary=False`` or ``--quiet`` leaves it out). Lines and columns are 1-based; columns count code points
(characters), as editors' error-format parsers (Vim's errorformat, VS Code
problem matchers) expect for this form; they skip the summary line.

One finding is one line: control characters, line breaks, bidirectional
controls and undecodable bytes of a file name in the path, rule or message
are written as escapes (``\\x1b``, ``\\x0a``, ``\\u202e``, ``\\xff``; see
``lint.formats._shared.terminal_safe``).
"""

from __future__ import annotations

from lint.formats._shared import terminal_safe
from lint.positions import index_of


def render(results, out, *, summary: bool = False, errors=()) -> None:
    findings = fixable = 0
    for text, diags in results:
        if not diags:
            continue
        index = index_of(text)
        for d in diags:
            line, col = index.line_col(d.start)
            out.write(terminal_safe(f"{d.path}:{line}:{col}: {d.severity} {d.rule} {d.message}") + "\n")
        findings += len(diags)
        fixable += sum(1 for d in diags if d.fix is not None and d.fix.applicability == "safe")
    if summary:
        out.write(summary_line(findings, fixable, len(results), len(errors)) + "\n")


def summary_line(findings: int, fixable: int, files: int, unread: int = 0) -> str:
    in_files = f"in {files} file{'s' if files != 1 else ''}"
    if not findings:
        line = f"No findings {in_files}"
    else:
        fix = f" ({fixable} fixable with --fix)" if fixable else ""
        line = f"Found {findings} finding{'s' if findings != 1 else ''}{fix} {in_files}"
    if unread:
        line += f"; {unread} file{'s' if unread != 1 else ''} could not be read"
    return line + "."
