"""Where Vale is lenient, a Vale user's configuration runs (issue 15): an unknown
scope in a Vale style's rule matches nothing, with a note, instead of aborting."""

from __future__ import annotations

from helpers import newslint

RULE_OK = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens:\n  - simply\n"


def _styles(tmp_path, scope_rule: str):
    styles = tmp_path / "styles" / "Mine"
    styles.mkdir(parents=True)
    (styles / "Simply.yml").write_text(RULE_OK, encoding="utf-8")
    (styles / "Odd.yml").write_text(scope_rule, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nBasedOnStyles = Mine\n", encoding="utf-8")
    (tmp_path / "doc.md").write_text("# Notes\n\nJust simply do it, really.\n", encoding="utf-8")


def test_an_unknown_scope_in_a_vale_style_matches_nothing_and_is_noted(tmp_path):
    _styles(tmp_path, "extends: existence\nmessage: \"Found '%s'.\"\nlevel: error\nscope: $paragraph\n"
                      "tokens:\n  - really\n")
    r = newslint("--no-cache", "--select", "Mine", "--format", "line", "doc.md", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "Mine.Simply" in r.stdout  # the pack loaded
    assert "Mine.Odd" not in r.stdout  # the rule with the unknown scope reads nothing
    assert "Mine.Odd" in r.stderr and "'$paragraph'" in r.stderr and "matches nothing" in r.stderr


def test_a_qualified_unknown_scope_too(tmp_path):
    _styles(tmp_path, "extends: existence\nmessage: \"Found '%s'.\"\nlevel: error\nscope: sidebar.caption\n"
                      "tokens:\n  - really\n")
    r = newslint("--no-cache", "--select", "Mine", "--format", "line", "doc.md", cwd=tmp_path)
    assert r.returncode == 1 and "Mine.Simply" in r.stdout and "Mine.Odd" not in r.stdout


def test_newslint_packs_stay_strict_about_scopes(tmp_path):
    pack = tmp_path / "packs" / "Mine"
    pack.mkdir(parents=True)
    (pack / "Odd.yml").write_text("extends: existence\nmessage: \"Found '%s'.\"\nlevel: error\nscope: headlines\n"
                                  "tokens:\n  - really\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Really\n\nIt is really so.\n", encoding="utf-8")
    r = newslint("--no-cache", "--isolated", "--rules", str(tmp_path / "packs"), "a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "unknown scope 'headlines'" in r.stderr


def test_rule_files_are_read_as_yaml_1_2(tmp_path):
    """Vale reads rule files with a YAML 1.2 parser: ``on``, ``yes``, ``off`` are strings there
    (YAML 1.1 made them booleans, and the pack aborted: "Input should be a valid string")."""
    styles = tmp_path / "styles" / "Mine"
    styles.mkdir(parents=True)
    (styles / "Upon.yml").write_text("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
                                     "swap:\n  upon: on\n  affirmative: yes\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nBasedOnStyles = Mine\n", encoding="utf-8")
    (tmp_path / "doc.md").write_text("# Notes\n\nWe rely upon it; the answer was affirmative.\n", encoding="utf-8")
    r = newslint("--no-cache", "--select", "Mine", "--format", "line", "doc.md", cwd=tmp_path)
    assert "Use 'on' instead of 'upon'." in r.stdout, r.stderr
    assert "Use 'yes' instead of 'affirmative'." in r.stdout


def test_yaml_1_2_booleans_in_rule_files_and_1_1_elsewhere():
    from lint import safe_yaml

    got = safe_yaml.load("a: on\nb: [yes, no, off, true, False, 1, null]\n", safe_yaml.RULE)
    assert got == {"a": "on", "b": ["yes", "no", "off", True, False, 1, None]}
    assert safe_yaml.load("a: on\n", safe_yaml.CONFIG) == {"a": True}  # newslint.yaml: as it always was


def _lenient_project(tmp_path, ini: str):
    style = tmp_path / "styles" / "Mine"
    style.mkdir(parents=True)
    (style / "Simply.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [simply]\n", encoding="utf-8")
    (style / "Really.yml").write_text("extends: existence\nmessage: \"Drop '%s'.\"\nlevel: warning\ntokens: [really]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("simply, really\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    return newslint("--no-builtin", "--format", "line", "a.md", cwd=tmp_path)


def test_a_rule_the_style_does_not_have_is_noted_and_the_rest_run(tmp_path):
    r = _lenient_project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\nMine.Ranges = YES\n")
    assert [line.split(":")[3] for line in r.stdout.splitlines()] == ["Mine.Simply", "Mine.Really"], r.stderr
    assert "Mine.Ranges: no such rule" in r.stderr and r.returncode == 1


def test_a_rule_named_in_a_style_that_is_not_there_is_noted(tmp_path):
    r = _lenient_project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\nMicrosoft.Ranges = YES\n")
    assert r.returncode == 1 and "Microsoft.Ranges: no style 'Microsoft'" in r.stderr


def test_a_rule_turned_on_by_name_outside_basedonstyles_runs_alone(tmp_path):
    r = _lenient_project(tmp_path, "StylesPath = styles\n[*.md]\nMine.Really = YES\nMine.Gone = YES\n")
    assert [line.split(":")[3] for line in r.stdout.splitlines()] == ["Mine.Really"], r.stderr
    assert "Mine.Gone: no such rule" in r.stderr


def test_a_value_that_is_no_level_turns_the_rule_off_as_in_vale(tmp_path):
    r = _lenient_project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\nMine.Simply = suggest\n")
    assert [line.split(":")[3] for line in r.stdout.splitlines()] == ["Mine.Really"], r.stderr
    assert "Mine.Simply = 'suggest' is not YES, NO" in r.stderr


def test_a_missing_base_style_stays_an_error(tmp_path):
    r = _lenient_project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine, Nowhere\n")
    assert r.returncode == 2 and "style 'Nowhere' not found" in r.stderr
