"""Vale's command line, accepted as Vale users type it (issue 15, item 1 in part):
--config=.vale.ini, --output=line|CLI|JSON, --minAlertLevel, --no-exit, and the
flags that change nothing newslint does (--no-wrap, --sort, --normalize, --relative, --no-global)."""

from __future__ import annotations

import json

import pytest

from helpers import newslint


@pytest.fixture
def project(tmp_path):
    styles = tmp_path / "styles" / "Mine"
    styles.mkdir(parents=True)
    (styles / "Simply.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens:\n  - simply\n",
                                       encoding="utf-8")
    (styles / "Really.yml").write_text("extends: existence\nmessage: \"Maybe drop '%s'.\"\nlevel: suggestion\n"
                                       "tokens:\n  - really\n", encoding="utf-8")
    (tmp_path / "my.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Mine\n",
                                     encoding="utf-8")
    (tmp_path / "doc.md").write_text("# Notes\n\nJust simply do it, really.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("style", ["=", " "])
def test_config_names_a_vale_ini_and_output_line(project, style):
    args = ["--config=my.ini", "--output=line"] if style == "=" else ["--config", "my.ini", "--output", "line"]
    r = newslint(*args, "--select", "Mine", "doc.md", cwd=project)
    assert r.returncode == 0, r.stderr  # Vale exits 1 only for an error-level alert
    assert r.stdout.splitlines() == ["doc.md:3:6:Mine.Simply:Avoid 'simply'.", "doc.md:3:20:Mine.Really:Maybe drop 'really'."]


def test_vales_exit_code_is_1_only_for_an_error(project):
    """Vale's command line gives Vale's exit code (its suite: "Lint a file and a directory" exits 0
    with warnings; "Filter --minAlertLevel" exits 1 with errors); --fail-level still decides when given."""
    rule = project / "styles" / "Mine" / "Simply.yml"
    assert newslint("--config=my.ini", "--output=line", "doc.md", cwd=project).returncode == 0
    assert newslint("--config=my.ini", "--output=line", "--fail-level=warning", "doc.md", cwd=project).returncode == 1
    rule.write_text(rule.read_text(encoding="utf-8").replace("level: warning", "level: error"), encoding="utf-8")
    r = newslint("--config=my.ini", "--output=line", "doc.md", cwd=project)
    assert r.returncode == 1 and "Mine.Simply" in r.stdout, r.stderr
    assert newslint("--config=my.ini", "--output=line", "--no-exit", "doc.md", cwd=project).returncode == 0


def test_an_extensionless_vale_config_is_told_by_its_lines(project):
    (project / "vale-config").write_text((project / "my.ini").read_text(encoding="utf-8"), encoding="utf-8")
    r = newslint("--config", "vale-config", "--output", "line", "--select", "Mine", "doc.md", cwd=project)
    assert "Mine.Simply" in r.stdout, r.stderr


def test_min_alert_level_and_no_exit(project):
    r = newslint("--config=my.ini", "--output=line", "--minAlertLevel=warning", "--no-exit", "--select", "Mine",
                 "doc.md", cwd=project)
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["doc.md:3:6:Mine.Simply:Avoid 'simply'."]


def test_output_json_is_vales_report(project):
    r = newslint("--config=my.ini", "--output=JSON", "--select", "Mine", "doc.md", cwd=project)
    report = json.loads(r.stdout)
    (alert, second) = report["doc.md"]
    assert alert["Check"] == "Mine.Simply" and alert["Line"] == 3 and alert["Span"] == [6, 11]
    assert alert["Match"] == "simply" and alert["Severity"] == "warning" and alert["Message"] == "Avoid 'simply'."
    assert second["Severity"] == "suggestion"


def test_flags_that_change_nothing_are_accepted(project):
    r = newslint("--config=my.ini", "--output=line", "--no-wrap", "--sort", "--normalize", "--relative", "--no-global",
                 "--select", "Mine", "doc.md", cwd=project)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 2, r.stderr


def test_a_missing_template_output_is_a_clear_usage_error(project):
    # templates themselves: tests/test_vale_template.py
    r = newslint("--output=my.tmpl", "doc.md", cwd=project)
    assert r.returncode == 2 and "--output 'my.tmpl': no such template file" in r.stderr


def test_a_yaml_config_is_still_newslints(project):
    (project / "newslint.yaml").write_text("select: [Mine]\n", encoding="utf-8")
    r = newslint("--config", "newslint.yaml", "--vale-config", "my.ini", "--output", "line", "doc.md", cwd=project)
    assert r.returncode == 1 and "Mine.Simply" in r.stdout, r.stderr


def test_valeS_own_config_flag_runs_only_the_styles_it_names(project):
    """With Vale's command line (--config=.vale.ini) a Vale user gets Vale's answers: newslint's
    own packs run only where the configuration names them; a .vale.ini found upward (newslint's
    own command line) leaves them on, as before."""
    (project / "story.md").write_text("# Zapad drills begin\n\nThe Zapad drills began. The Zapod drills went on.\n",
                                      encoding="utf-8")
    r = newslint("--config=my.ini", "--output=line", "story.md", cwd=project)
    assert "News." not in r.stdout, r.stdout
    (project / ".vale.ini").write_text((project / "my.ini").read_text(encoding="utf-8"), encoding="utf-8")
    r = newslint("--format", "line", "story.md", cwd=project)
    assert "News.NameVariant" in r.stdout, r.stdout
    named = (project / "my.ini").read_text(encoding="utf-8").replace("BasedOnStyles = Mine", "BasedOnStyles = Mine, News")
    (project / "named.ini").write_text(named, encoding="utf-8")
    r = newslint("--config=named.ini", "--output=line", "story.md", cwd=project)
    assert "News.NameVariant" in r.stdout, r.stdout


def test_config_that_is_a_fifo_is_not_opened_to_look(project):
    import os

    fifo = project / "cfg"
    os.mkfifo(fifo)
    r = newslint("--config", str(fifo), "doc.md", cwd=project)  # would block if opened to sniff its first line
    assert r.returncode == 2, r.stderr


def test_with_vales_config_flag_a_json_file_is_linted_as_text_as_vale_does(project):
    (project / "api.json").write_text('{"info": {"description": "Just simply call it."}}\n', encoding="utf-8")
    (project / "my.ini").write_text("StylesPath = styles\n[*.json]\nMine.Simply = YES\n", encoding="utf-8")
    r = newslint("--config=my.ini", "--output=line", "api.json", cwd=project)
    assert r.stdout.splitlines() == ["api.json:1:32:Mine.Simply:Avoid 'simply'."], r.stderr


def test_newslints_own_fail_level_still_decides_with_vales_output(project):
    """--output=line is Vale's flag, but a newslint.yaml that sets fail-level keeps its say."""
    (project / "newslint.yaml").write_text("fail-level: suggestion\nselect: [Mine]\n", encoding="utf-8")
    r = newslint("--vale-config", "my.ini", "--output=line", "doc.md", cwd=project)
    assert r.returncode == 1 and "Mine.Really" in r.stdout, r.stderr
    (project / "newslint.yaml").write_text("select: [Mine]\n", encoding="utf-8")
    r = newslint("--vale-config", "my.ini", "--output=line", "doc.md", cwd=project)
    assert r.returncode == 0 and "Mine.Simply" in r.stdout, r.stderr  # warnings only: Vale's exit code
