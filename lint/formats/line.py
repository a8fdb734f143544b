"""``--format line``: Vale's ``--output=line``, ``path:line:col:Pack.Rule:message``.

Lines and columns are 1-based; columns count code points (characters), as
Vale's line output does. Tools that read Vale's output (editor plugins,
``errorformat=%f:%l:%c:%m``) read this unchanged. Line breaks in a message become spaces; other control
characters, line breaks in a path, bidirectional controls and undecodable
bytes of a file name are written as escapes (``\\x1b``, ``\\x0a``,
``\\u202e``, ``\\xff``), so one finding is always one line.
"""

from __future__ import annotations

from lint.formats._shared import each, terminal_safe


def render(results, out) -> None:
    for _, index, d in each(results):
        line, col = index.line_col(d.start)
        # one finding, one line: line breaks become spaces (Vale's WhitespaceToSpace), other spacing stays
        message = d.message.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        out.write(terminal_safe(f"{d.path}:{line}:{col}:{d.rule}:{message}") + "\n")
