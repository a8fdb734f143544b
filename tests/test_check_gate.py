"""The ``gate`` of existence and glued_text rules (lint/checks/_gate.py): a
cheap necessary condition that changes no finding, only the cost."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from lint.checks import existence, glued_text
from lint.checks._gate import compile_gate, literal
from lint.engine import lint_article
from lint.examples import example_article
from lint.readers import read_article
from lint.rules import CompileError, builtin_rules_dir, load_rules

ROOT = Path(__file__).resolve().parents[1]
GATED = [r for r in load_rules(builtin_rules_dir())
         if isinstance(r.checker, existence.Existence | glued_text.GluedText) and r.checker.gate is not None]


def test_literal_entries():
    assert literal("syndicated feed") == "syndicated feed"
    assert literal(r"\(@") == "(@"
    assert literal(r"pic\.twitter\.com") == "pic.twitter.com"
    assert literal(r" content\?") == " content?"
    for pattern in [r"a.b", r"\d+", r"(?i:with )", r"[Tt]his", r"x|y", r"\bword", "a$", r"\p{Lu}"]:
        assert literal(pattern) is None, pattern


def test_gate_passes_on_any_entry():
    gate = compile_gate(["abc", r"\d{3}"])
    assert gate is not None
    assert gate.passes("xx abc yy") and gate.passes("no 123 here")
    assert not gate.passes("ab c 12")
    assert compile_gate("") is None and compile_gate([]) is None


def test_bad_gate_entry_is_a_compile_error():
    with pytest.raises(CompileError) as exc:
        compile_gate(["ok", "(unclosed"])
    assert exc.value.loc == ("gate", 1)
    with pytest.raises(CompileError):
        compile_gate(["ok", ""])


def test_existence_gate_skips_blocks_but_changes_no_finding():
    p = existence.Params(extends="existence", message="%s", raw=[r"(?m)^Dismiss$"], nonword=True, gate="Dismiss")
    check = existence.compile(p)
    assert [f.span for f in check.check_text("Dismiss")] and not list(check.check_text("Close"))
    wrong = existence.compile(existence.Params(extends="existence", message="%s", raw=["Dismiss"], gate="Close"))
    assert not list(wrong.check_text("Dismiss"))  # a gate that is not a necessary condition hides findings


@pytest.mark.parametrize("rule", GATED, ids=[r.id for r in GATED])
def test_builtin_gates_are_necessary_conditions(rule):
    """Every example (fire and pass) and every seed article gives the same
    findings with the rule's gate and without it."""
    assert isinstance(rule.checker, existence.Existence | glued_text.GluedText)
    ungated = copy.copy(rule)
    object.__setattr__(ungated, "checker", copy.copy(rule.checker))
    ungated.checker.gate = None
    ex = rule.spec.examples
    articles = [example_article(e, rule.id) for e in [*ex.fire, *ex.ok]]
    articles += [read_article(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.*"))
                 if p.suffix in (".txt", ".md")]
    for article in articles:
        assert lint_article(article, [rule]) == lint_article(article, [ungated]), article.path


def test_line_anchored_patterns():
    from lint.checks.existence import line_anchored

    assert line_anchored(r"(?m)^[ \t]*(?:Dismiss|Close)[ \t]*$")
    assert line_anchored(r"(?i)(?m)^(?:a|[|(]b)$")
    assert not line_anchored(r"(?m)^Dismiss|Close")  # "Close" anywhere
    assert not line_anchored(r"^Dismiss")  # not multi-line: the text's start only
    assert not line_anchored(r"(?m)Dismiss$")
    assert not line_anchored(r"(?m)^a(?#|)|b")


@pytest.mark.parametrize("raw", [
    r"(?m)^[ \t]*(?:Dismiss|Close)[ \t]*$",
    r"(?m)^(?:Dismiss\n|Close)",  # a match that ends with the line break
    r"(?m)^(?:|Close)",  # empty matches: searched the usual way
    r"(?m)^[^\n]{0,3}",
])
def test_line_anchored_matches_are_finditer(raw):
    params = existence.Params(extends="existence", message="%s", raw=[raw], nonword=True)
    check, plain = existence.compile(params), existence.compile(params)
    assert check.line_anchored
    plain.line_anchored = False  # searched with finditer
    for text in ["Dismiss", "Dismiss\nClose\n", "x Dismiss\nDismiss\nDismiss\n\nClose", "\n\nClose\n", "", "Closet\nClose"]:
        assert [f.span for f in check.check_text(text)] == [f.span for f in plain.check_text(text)], text
