"""The one path from text to diagnostics, shared by the CLI, the language
server and the examples: read -> lint -> suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from lint.model import Diagnostic
from lint.rules import Rule


def load(folders: Sequence[Path] = (), builtin: bool = True, keep: Callable[[str], bool] | None = None) -> list[Rule]:
    """The built-in packs (unless ``builtin`` is false) and ``folders``.

    ``keep``: a predicate on rule ids; rules it rejects are not compiled
    (their ids still count for duplicate checks)."""
    from lint.rules import RuleError, builtin_rules_dir, load_rules

    out: list[Rule] = []
    skipped: list[tuple[str, str]] = []
    if builtin:
        out.extend(load_rules(builtin_rules_dir(), keep, skipped))
    if folders:
        from lint.vale_config import _scoped  # Vale's qualified scopes, as with a .vale.ini

        for folder in folders:
            out.extend(_scoped(r) for r in load_rules(Path(folder), keep, skipped))
    ids: dict[str, str] = {}
    for rid, path in [(r.id, r.path) for r in out] + skipped:
        if rid in ids:
            raise RuleError(path, 1, None, f"duplicate rule id {rid} (also {ids[rid]})")
        ids[rid] = path
    return out


def selector(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Callable[[str], bool] | None:
    """A predicate on rule ids: named (by id or pack) in ``select`` (when
    given) and not in ``ignore``; None when it keeps everything. The same
    choice as ``lint.engine.select_rules``, made before compiling."""
    if not select and not ignore:
        return None
    sel, ign = frozenset(select), frozenset(ignore)

    def keep(rule_id: str) -> bool:
        pack = rule_id.split(".", 1)[0]
        return (not sel or rule_id in sel or pack in sel) and rule_id not in ign and pack not in ign

    return keep


def lint_text(name: str, text: str, rules: Sequence[Rule], *, date: dt.date | None = None,
              unused: list | None = None, plain: bool = False) -> list[Diagnostic]:
    """Lint one article's text. ``name`` picks the reader by its extension.

    When ``unused`` is a list, suppression comments that suppressed nothing
    are appended to it as ``(start, end)`` spans of the comments. ``plain``
    reads every file as plain text (Vale's ``--ignore-syntax``).
    """
    from lint import suppress
    from lint.engine import lint_article
    from lint.readers import read_article

    if plain:
        from lint.readers import read_text

        article = read_text(name, text, body_only=False)
        if date is not None:
            article.meta.date, article.meta.date_source = date, "option"
    else:
        article = read_article(name, text, date=date)
    diags = lint_article(article, rules)
    sups = suppress.parse(text)
    diags = suppress.apply(diags, sups, {r.id for r in rules if "raw" in r.spec.scope})
    if unused is not None:
        unused.extend(s.comment for s in sups if not s.used)
    return diags
