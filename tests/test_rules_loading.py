"""Broken rule files: one error naming file, line and key; exit 2."""

from __future__ import annotations

import pytest

from lint.rules import RuleError, load_rules, parse_rule_file

GOOD = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens:\n  - reportedly\n"


def test_good_rule_loads():
    rule = parse_rule_file("x/P/R.yml", GOOD, "P.R")
    assert rule.id == "P.R" and str(rule.severity) == "warning"


@pytest.mark.parametrize(
    "text, line, key, words",
    [
        (GOOD.replace("level:", "levle:"), 3, "levle", "unknown key"),
        (GOOD + "ignorcase: true\n", 6, "ignorcase", "unknown key"),
        (GOOD.replace("level: warning", "level: severe"), 3, "level", "suggestion"),
        (GOOD.replace("existence", "existance"), 1, "extends", "unknown check type"),
        ("extends: existence\nmessage: x\ntokens:\n  - ok\n  - '(unclosed'\n", 5, "tokens.1", "invalid regular expression"),
        ("extends: existence\nmessage: x\ntokens: []\n", None, "tokens", "needs"),
        ("extends: substitution\nmessage: x\nswap:\n  a: [b]\n", 4, "swap.a", "string"),
        ("extends: existence\nmessage: x\ntokens: reportedly\n", 3, "tokens", "list"),
        ("extends: existence\n  message: x: y\n", 2, None, "invalid YAML"),
        ("- just\n- a list\n", 1, None, "mapping"),
        ("message: x\n", 1, "extends", "missing"),
        (GOOD.replace("level: warning", "level: warning\nscope: headlines"), 4, "scope", "unknown scope"),
    ],
)
def test_broken_rule_names_file_line_key(text, line, key, words):
    with pytest.raises(RuleError) as info:
        parse_rule_file("styles/P/R.yml", text, "P.R")
    err = info.value
    assert err.path == "styles/P/R.yml"
    if line is not None:
        assert err.line == line
    assert err.key == key
    assert words in str(err)


def test_cli_typo_in_key_one_error_line_exit_2(tmp_path, newslint):
    pack = tmp_path / "House"
    pack.mkdir()
    (pack / "Weasel.yml").write_text(GOOD.replace("tokens:", "tokns:"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\nIt was reportedly fine.\n", encoding="utf-8")
    proc = newslint("--rules", str(tmp_path), str(tmp_path / "a.txt"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0] == f"newslint: {pack / 'Weasel.yml'}:4: tokns: unknown key"
    assert proc.stdout == ""


def test_duplicate_ids_across_folders(tmp_path, newslint):
    for top in ("a", "b"):
        (tmp_path / top / "P").mkdir(parents=True)
        (tmp_path / top / "P" / "R.yml").write_text(GOOD, encoding="utf-8")
    proc = newslint("--no-builtin", "--rules", str(tmp_path / "a"), "--rules", str(tmp_path / "b"), "--list-rules")
    assert proc.returncode == 2 and "duplicate rule id P.R" in proc.stderr


def test_pack_subfolders_hold_data_not_rules(tmp_path):
    (tmp_path / "P" / "data").mkdir(parents=True)
    (tmp_path / "P" / "R.yml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "P" / "data" / "names.yml").write_text("names: [Zapad]\n", encoding="utf-8")
    assert [r.id for r in load_rules(tmp_path)] == ["P.R"]
    assert [r.id for r in load_rules(tmp_path / "P")] == ["P.R"]
