"""Running the ``examples:`` of rules: text that must fire, near misses that must not."""

from __future__ import annotations

from dataclasses import dataclass

from lint.engine import lint_article
from lint.rules import Example, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "fire" | "pass"
    index: int
    text: str
    ok: bool
    problem: str = ""


def example_article(ex: Example, rule_id: str):
    from lint.readers import read_article
    from lint.readers.text import read_text

    name = f"<{rule_id} example>"
    if ex.format == "md":
        return read_article(name + ".md", ex.text, date=ex.date)
    if ex.article:
        return read_article(name + ".txt", ex.text, date=ex.date)
    article = read_text(name, ex.text, body_only=True)
    if ex.date is not None:
        article.meta.date, article.meta.date_source = ex.date, "example"
    return article


def run_examples(rule: Rule) -> list[ExampleResult]:
    results: list[ExampleResult] = []
    spec = rule.spec.examples
    if spec is None:
        return results
    for kind, items in (("fire", spec.fire), ("pass", spec.ok)):
        for i, ex in enumerate(items):
            article = example_article(ex, rule.id)
            diags = lint_article(article, [rule])
            flagged = [article.text[d.start : d.end] for d in diags]
            problem = ""
            if kind == "fire" and not diags:
                problem = "expected a finding, got none"
            elif kind == "fire" and ex.flag and sorted(flagged) != sorted(ex.flag):
                problem = f"expected to flag {ex.flag}, flagged {flagged}"
            elif kind == "pass" and diags:
                problem = "expected no finding, got: " + "; ".join(f"{t!r}: {d.message}" for t, d in zip(flagged, diags))
            results.append(ExampleResult(rule.id, kind, i, ex.text, not problem, problem))
    return results
