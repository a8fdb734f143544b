"""``--format line``: Vale's ``--output=line``, ``path:line:col:Pack.Rule:message``.

Lines and columns are 1-based; columns count code points (characters), as
Vale's line output does. Tools that read Vale's output (editor plugins,
``errorformat=%f:%l:%c:%m``) read this unchanged.
"""

from __future__ import annotations

from lint.formats._shared import each


def render(results, out) -> None:
    for _, index, d in each(results):
        line, col = index.line_col(d.start)
        # one finding, one line: line breaks become spaces (Vale's WhitespaceToSpace), other spacing stays
        message = d.message.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        out.write(f"{d.path}:{line}:{col}:{d.rule}:{message}\n")
