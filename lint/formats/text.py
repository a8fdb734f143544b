"""The default: ``path:line:col: severity Rule.Id message``, one per line.

Lines and columns are 1-based; columns count code points (characters), as
editors' error-format parsers (Vim's errorformat, VS Code problem matchers)
expect for this form.
"""

from __future__ import annotations

from lint.positions import index_of


def render(results, out) -> None:
    for text, diags in results:
        if not diags:
            continue
        index = index_of(text)
        for d in diags:
            line, col = index.line_col(d.start)
            out.write(f"{d.path}:{line}:{col}: {d.severity} {d.rule} {d.message}\n")
