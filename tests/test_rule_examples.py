"""Every example of every built-in rule: fire ones fire, near misses don't."""

from __future__ import annotations

import pytest

from lint.examples import run_examples
from lint.rules import builtin_rules_dir, load_rules

RULES = load_rules(builtin_rules_dir())


def _cases():
    for rule in RULES:
        for res in run_examples(rule):
            yield pytest.param(res, id=f"{res.rule}-{res.kind}{res.index}")


@pytest.mark.parametrize("result", list(_cases()))
def test_example(result):
    assert result.ok, f"{result.rule} {result.kind} example {result.text!r}: {result.problem}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_examples_that_fire_and_near_misses(rule):
    ex = rule.spec.examples
    assert ex is not None and ex.fire and ex.ok, f"{rule.path}: needs examples that fire and near misses"


def test_user_can_run_examples_of_own_pack(tmp_path, newslint):
    pack = tmp_path / "House"
    pack.mkdir()
    (pack / "Utilise.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nswap:\n  utilise: use\n"
        "examples:\n  fire:\n    - 'We utilise it.'\n  pass:\n    - 'We use it.'\n    - 'utilised'\n",
        encoding="utf-8",
    )
    proc = newslint("--no-builtin", "--rules", str(tmp_path), "--test-examples")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed, 0 failed" in proc.stdout
    # a wrong example is reported and fails the run
    (pack / "Utilise.yml").write_text(
        "extends: substitution\nmessage: x\nswap:\n  utilise: use\nexamples:\n  pass:\n    - 'We utilise it.'\n",
        encoding="utf-8",
    )
    proc = newslint("--no-builtin", "--rules", str(tmp_path), "--test-examples")
    assert proc.returncode == 1
    assert "FAIL House.Utilise pass[0]" in proc.stdout
