"""The one path from text to diagnostics, shared by the CLI, the language
server and the examples: read -> lint -> suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from lint.model import Diagnostic
from lint.rules import Rule


def load(folders: Sequence[Path] = (), builtin: bool = True) -> list[Rule]:
    """The built-in packs (unless ``builtin`` is false) and ``folders``."""
    from lint.rules import RuleError, builtin_rules_dir, load_rules

    out: list[Rule] = []
    if builtin:
        out.extend(load_rules(builtin_rules_dir()))
    for folder in folders:
        out.extend(load_rules(Path(folder)))
    ids: dict[str, str] = {}
    for r in out:
        if r.id in ids:
            raise RuleError(r.path, 1, None, f"duplicate rule id {r.id} (also {ids[r.id]})")
        ids[r.id] = r.path
    return out


def lint_text(name: str, text: str, rules: Sequence[Rule], *, date: dt.date | None = None,
              unused: list | None = None) -> list[Diagnostic]:
    """Lint one article's text. ``name`` picks the reader by its extension.

    When ``unused`` is a list, suppression comments that suppressed nothing
    are appended to it as ``(start, end)`` spans of the comments.
    """
    from lint import suppress
    from lint.engine import lint_article
    from lint.readers import read_article

    article = read_article(name, text, date=date)
    diags = lint_article(article, rules)
    sups = suppress.parse(text)
    diags = suppress.apply(diags, sups)
    if unused is not None:
        unused.extend(s.comment for s in sups if not s.used)
    return diags
