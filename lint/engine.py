"""The engine: rules over one article -> sorted diagnostics.

Checks find; the engine stamps the rule id and severity, applies a rule's
``limit``, and sorts. Data flows one way: Article + rules -> diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lint.article import Article
from lint.model import Diagnostic, Severity
from lint.rules import Rule


def lint_article(article: Article, rules: Sequence[Rule]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    blocks_cache: dict[frozenset[str], list] = {}
    for rule in rules:
        blocks = blocks_cache.get(rule.scopes)
        if blocks is None:
            blocks = blocks_cache[rule.scopes] = article.blocks_for(rule.scopes)
        found: list[Diagnostic] = []
        try:
            found.extend(_stamp(rule, article.path, rule.checker.check(article, blocks)))
        except TimeoutError:
            from lint.checks.base import TIME_LIMIT

            found.append(Diagnostic(
                article.path, 0, 0, rule.id, Severity.ERROR,
                f"Rule {rule.id} was stopped after {TIME_LIMIT:g} s on this file: its pattern backtracks "
                f"catastrophically ({rule.path}); the file was not fully checked by it.", None, rule.spec.link))
        out.extend(found)
    out.sort()
    return out


def _stamp(rule: Rule, path: str, findings: Iterable) -> Iterable[Diagnostic]:
    severity = rule.severity
    limit = rule.spec.limit
    seen: set[tuple[int, int, str]] = set()
    for f in findings:
        key = (f.span.start, f.span.end, f.message)
        if key in seen:  # a span seen through two overlapping scopes
            continue
        seen.add(key)
        yield Diagnostic(path, f.span.start, f.span.end, rule.id, f.level or severity, f.message, f.fix, rule.spec.link, f.related)
        if limit and len(seen) >= limit:
            return


def select_rules(rules: Iterable[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """Keep rules named (by id or pack) in ``select`` and not in ``ignore``."""

    def named(rule: Rule, names: Sequence[str]) -> bool:
        return rule.id in names or rule.pack in names

    return [r for r in rules if (not select or named(r, select)) and not named(r, ignore)]


def at_least(diags: Iterable[Diagnostic], level: Severity) -> list[Diagnostic]:
    return [d for d in diags if d.severity >= level]
