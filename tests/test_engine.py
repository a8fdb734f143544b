from __future__ import annotations

from lint.article import Article, Block, Metadata
from lint.engine import lint_article, select_rules
from lint.model import Severity
from lint.rules import parse_rule_file


def _article(text: str) -> Article:
    blocks, pos = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, part))
        pos += len(part) + 2
    return Article("a.txt", text, "txt", Metadata(), blocks)


def _rule(rid: str, tokens: str, level="warning", extra=""):
    return parse_rule_file(f"{rid}.yml", f"extends: existence\nmessage: '%s'\nlevel: {level}\ntokens: [{tokens}]\n{extra}", rid)


def test_offsets_point_into_source_and_order_is_stable():
    text = "Alpha beta.\n\nGamma alpha beta."
    diags = lint_article(_article(text), [_rule("P.B", "beta"), _rule("P.A", "alpha", extra="ignorecase: true\n")])
    assert [(text[d.start:d.end], d.rule) for d in diags] == [("Alpha", "P.A"), ("beta", "P.B"), ("alpha", "P.A"), ("beta", "P.B")]
    assert diags[0].severity is Severity.WARNING


def test_limit_and_selection():
    rules = [_rule("P.B", "beta", extra="limit: 1\n"), _rule("Q.A", "alpha")]
    diags = lint_article(_article("beta beta beta"), rules)
    assert len(diags) == 1
    assert [r.id for r in select_rules(rules, select=["P"])] == ["P.B"]
    assert [r.id for r in select_rules(rules, ignore=["P.B"])] == ["Q.A"]
