"""The one path from text to diagnostics, shared by the pipeline
(lint/pipeline.py: the CLI and the language server) and the examples:
read -> lint -> suppressions."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lint.model import Diagnostic, Severity
from lint.rules import Rule

if TYPE_CHECKING:
    from lint.suppress import Suppression


def load(folders: Sequence[Path] = (), builtin: bool = True, keep: Callable[[str], bool] | None = None,
         ids: list[str] | None = None, data: Mapping[str, Sequence[Path]] | None = None) -> list[Rule]:
    """The built-in packs (unless ``builtin`` is false) and ``folders``.

    ``keep``: a predicate on rule ids; rules it rejects are not compiled
    (their ids still count for duplicate checks). ``ids``: when a list, the
    id of every rule found, compiled or not, is added to it. ``data``: the
    configuration's ``data:``, files that add to the packs' data files
    ("News/data/page-chrome.yml" -> [house file]); a key that names no data
    file of these packs is an error."""
    from lint import rules as rules_module
    from lint.rules import RuleError, _line_of, builtin_rules_dir, load_rules

    roots = ([builtin_rules_dir()] if builtin else []) + [Path(f) for f in folders]
    for key in data or {}:
        pack, _, rel = key.partition("/")
        packs = [r / pack for r in roots] + [r for r in roots if r.name == pack]
        places = [(d, d / rel) for d in packs]
        if not rel or not any(p.is_file() and p.resolve().is_relative_to(d.resolve()) for d, p in places):
            raise RuleError("data", None, key, "names no data file of the loaded rule packs "
                            "(a key is Pack/path/in/the/pack.yml, e.g. News/data/page-chrome.yml)")
    out: list[Rule] = []
    skipped: list[tuple[str, str]] = []
    previous = rules_module.OVERLAYS
    rules_module.OVERLAYS = {k: list(v) for k, v in (data or {}).items()}
    try:
        if builtin:
            out.extend(load_rules(builtin_rules_dir(), keep, skipped))
        if folders:
            from lint.vale_config import _scoped  # Vale's qualified scopes, as with a .vale.ini

            for folder in folders:
                out.extend(_scoped(r) for r in load_rules(Path(folder), keep, skipped))
    finally:
        rules_module.OVERLAYS = previous
    seen: dict[str, str] = {}
    for rid, path in [(r.id, r.path) for r in out] + skipped:
        if rid in seen:
            raise RuleError(path, 1, None, f"duplicate rule id {rid} (also {seen[rid]})")
        seen[rid] = path
    yields = {r.id: r.spec.yields_to for r in out if r.spec.yields_to}
    for r in out:
        for k, other in enumerate(r.spec.yields_to):
            problem = None
            if other not in seen:
                problem = f"unknown rule {other!r}"
            elif _yields_back(yields, other, r.id):
                problem = (f"{other!r} yields to this rule again: no finding of either would be reported"
                           if other != r.id else "a rule cannot yield to itself")
            if problem is not None:
                line = _line_of(r.path, Path(r.path).read_text(encoding="utf-8"), ("yields_to", k))
                raise RuleError(r.path, line, "yields_to", problem)
    if ids is not None:
        ids.extend(seen)
    return out


def _yields_back(yields: Mapping[str, Sequence[str]], start: str, target: str) -> bool:
    """Does ``start`` yield, directly or through others, to ``target``?"""
    todo, seen = [start], set()
    while todo:
        rid = todo.pop()
        if rid == target:
            return True
        if rid not in seen:
            seen.add(rid)
            todo.extend(yields.get(rid, ()))
    return False


def selector(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Callable[[str], bool] | None:
    """A predicate on rule ids: named (by id or pack) in ``select`` (when
    given) and not in ``ignore``; None when it keeps everything. The same
    choice as ``lint.pipeline.select``, made before compiling."""
    if not select and not ignore:
        return None
    sel, ign = frozenset(select), frozenset(ignore)

    def keep(rule_id: str) -> bool:
        pack = rule_id.split(".", 1)[0]
        return (not sel or rule_id in sel or pack in sel) and rule_id not in ign and pack not in ign

    return keep


def lint_text(name: str, text: str, rules: Sequence[Rule], *, date: dt.date | None = None,
              plain: bool = False, sups: list[Suppression] | None = None,
              known: frozenset[str] | None = None, maps: list | None = None,
              read_as: str | None = None, fragment: str | None = None, html=None,
              comments: tuple[str, str] | None = None) -> list[Diagnostic]:
    """Lint one article's text. ``name`` picks the reader by its extension.

    When ``sups`` is a list, the article's suppression comments are added
    to it (for findings made later, across articles, and for unused ones). ``plain`` reads every file as plain text
    (Vale's ``--ignore-syntax``). ``known``: every rule id that exists; a
    ``newslint-disable`` comment naming another is a ``Newslint.UnknownRule``
    finding. ``maps``: when a list, a structured file's ``SpanMap`` is added
    to it (cross-article findings are moved to the file's offsets with it).
    ``read_as``: the extension to read the file as (``.md``), when not its own.
    ``fragment``: source code whose comments are written in this markup (``.md``).
    ``html``: read HTML, XML and DITA files the Vale way with these options (lint/readers/vale_html.py).
    ``comments``: the opening and closing of further suppression comments (Vale's ``CommentDelimiters``).
    """
    from lint import suppress
    from lint.engine import lint_article, nothing_to_find, plan
    from lint.readers import MARKDOWN_EXTENSIONS, STRUCTURED_EXTENSIONS, other_reader, read_article

    kind = _as_path(name, read_as) if read_as else name
    if (plain or not (kind.lower().endswith(MARKDOWN_EXTENSIONS + STRUCTURED_EXTENSIONS) or other_reader(kind.lower())
                      or html is not None)) and nothing_to_find(text, rules):
        diags: list[Diagnostic] = []  # the plain-text reader's article: no rule can find anything in it
    elif plain:
        from lint.readers import read_text

        article = read_text(name, text, body_only=False)
        if date is not None:
            article.meta.date, article.meta.date_source = date, "option"
        diags = lint_article(article, rules)
    else:
        article = read_article(name, text, date=date, read_as=kind if read_as else None, fragment=fragment, html=html)
        diags = lint_article(article, rules)
        if article.source_map is not None:  # an HTML, JSON or Word file: findings at the file's offsets
            diags = article.source_map.to_source(diags)
            if maps is not None:  # for findings made later, across articles
                maps.append(article.source_map.compact())
    parsed = suppress.parse(text, name, comments)
    if parsed:
        diags = suppress.apply(diags, parsed, plan(rules).raw_ids)
        if known is not None:
            diags = sorted(diags + _unknown_names(name, parsed, known))
    if sups is not None:
        sups.extend(parsed)
    return diags


def _as_path(name: str, ext: str) -> str:
    """``name`` with its extension replaced by ``ext`` (``md`` or ``.md``): how a reader is chosen."""
    ext = ext if ext.startswith(".") else "." + ext
    base, _ = os.path.splitext(name)
    return (base or name) + ext


def _unknown_names(name: str, sups: Sequence[Suppression], known: frozenset[str]) -> list[Diagnostic]:
    """A newslint comment that names no rule or pack that exists (Vale's own
    comments are left alone, as Vale leaves them)."""
    from lint.pipeline import did_you_mean

    packs = {k.split(".", 1)[0] for k in known}
    out = []
    for s in sups:
        if s.vale:
            continue
        for n in s.names:
            if n not in known and n not in packs:
                out.append(Diagnostic(name, s.comment[0], s.comment[1], "Newslint.UnknownRule", Severity.ERROR,
                                      f"This suppression comment names {n!r}, which is no rule or pack"
                                      f"{did_you_mean(n, known | packs)}"))
    return out
