"""One pipeline for every run: a run never passes by mistake.

Each test is something a CI maintainer or a new user tried on 8f0a3d1 and
got exit 0, a traceback or a silently different answer."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import ROOT

SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"
CLEAN = "Drills\n\nBy Leon Aris in Berlin September 17, 2024\n\nThe drills began on Monday.\n"
ZAPOD = "Drills\n\nBy Leon Aris in Berlin September 17, 2024\n\nThe Zapad drills began. Zapad was big. Zapod ended.\n"


def write(folder, name, text, encoding="utf-8"):
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding)) if isinstance(text, str) else p.write_bytes(text)
    return p


# -- unknown rule ids -------------------------------------------------------


def test_unknown_rule_in_select_is_exit_2_with_a_suggestion(newslint):
    proc = newslint("seeds/", "--select", "News.NameVarient")
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("newslint: unknown rule or pack 'News.NameVarient' in --select; "
                                   "did you mean 'News.NameVariant'?")
    assert proc.stdout == ""


def test_unknown_pack_in_pyproject_is_exit_2(tmp_path, newslint):
    write(tmp_path, "pyproject.toml", '[tool.newslint]\nselect = ["Nws"]\n')
    write(tmp_path, "a.txt", ZAPOD)
    proc = newslint("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown rule or pack 'Nws' in select in" in proc.stderr and "did you mean 'News'?" in proc.stderr


@pytest.mark.parametrize("yaml_text, where", [
    ("ignore: [News.GluedDahs]\n", "ignore in"),
    ("levels: {News.Scraper: error}\n", "levels in"),
    ("per-file-ignores: {'*.txt': [News.MissingBylin]}\n", "per-file-ignores '*.txt' in"),
])
def test_unknown_rule_anywhere_in_the_configuration_is_exit_2(tmp_path, newslint, yaml_text, where):
    write(tmp_path, "newslint.yaml", yaml_text)
    write(tmp_path, "a.txt", ZAPOD)
    proc = newslint("a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert where in proc.stderr and "did you mean" in proc.stderr


def test_unknown_rule_in_a_suppression_comment_is_a_finding_and_exit_2(tmp_path, newslint):
    write(tmp_path, "a.md", "# Drills\n\n<!-- newslint-disable News.NameVarient -->\n\nThe Zapad drills. Zapad. Zapod.\n")
    proc = newslint("a.md", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    found = [d for d in json.loads(proc.stdout) if d["rule"] == "Newslint.UnknownRule"]
    assert len(found) == 1 and found[0]["start"]["line"] == 3
    assert "did you mean 'News.NameVariant'?" in found[0]["message"]
    # Vale's own comments name rules of other styles: left alone, as Vale does
    write(tmp_path, "b.md", "# Drills\n\n<!-- vale Microsoft.Foo = NO -->\n\nThe drills began on Monday.\n")
    assert "Newslint.UnknownRule" not in newslint("b.md", cwd=tmp_path).stdout


# -- paths and files ------------------------------------------------------


def test_missing_path_is_exit_2_and_nothing_is_linted(tmp_path, newslint):
    write(tmp_path, "clean.txt", CLEAN)
    proc = newslint("clean.txt", "articles-typo/", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "newslint: articles-typo/: no such file or directory"
    assert newslint("", cwd=tmp_path).returncode == 2


def test_undecodable_file_fails_the_run_and_is_reported(tmp_path, newslint):
    write(tmp_path, "clean.txt", CLEAN)
    write(tmp_path, "latin1.txt", "Caf\u00e9 drills\n\nThe drills began.\n", encoding="latin-1")
    proc = newslint("clean.txt", "latin1.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "latin1.txt: not valid UTF-8" in proc.stderr
    assert proc.stdout == "No findings in 1 file; 1 file could not be read.\n"


def test_no_lintable_file_is_a_warning(tmp_path, newslint):
    (tmp_path / "empty").mkdir()
    write(tmp_path, "pages/a.csv", "a,b\n1,2\n")
    for folder in ("empty", "pages"):
        proc = newslint(folder, cwd=tmp_path)
        assert proc.returncode == 0
        assert "warning: no article files" in proc.stderr


def test_bad_jobs_is_a_usage_error(newslint):
    proc = newslint("seeds/", "--jobs", "-3")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_a_file_named_explicitly_is_linted_even_if_excluded(tmp_path, newslint):
    write(tmp_path, "newslint.yaml", "exclude: ['drafts/*']\n")
    write(tmp_path, "drafts/a.txt", ZAPOD)
    assert "News.NameVariant" in newslint("drafts/a.txt", cwd=tmp_path).stdout
    assert "News.NameVariant" not in newslint(".", cwd=tmp_path).stdout  # found in a folder: excluded
    assert "News.NameVariant" not in newslint("--force-exclude", "drafts/a.txt", cwd=tmp_path).stdout


def test_stdin_filename_without_paths_lints_standard_input(tmp_path, newslint):
    write(tmp_path, "other.txt", ZAPOD)  # in the folder, must not be linted
    proc = newslint("--stdin-filename", "x.txt", cwd=tmp_path, stdin=CLEAN.replace("Monday", "Monday. Zapad, Zapad, Zapod"))
    assert "x.txt:" in proc.stdout and "other.txt" not in proc.stdout


# -- dates and output files -------------------------------------------------


def test_output_file_that_cannot_be_written_is_one_line_exit_2(tmp_path, newslint):
    write(tmp_path, "clean.txt", CLEAN)
    proc = newslint("clean.txt", "--format", "json", "-o", "/nonexistent/out.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("newslint: cannot write /nonexistent/out.json") and proc.stderr.count("\n") == 1


def test_impossible_front_matter_date_names_file_line_and_key(tmp_path, newslint):
    write(tmp_path, "a.md", "---\ntitle: Drills\ndate: 2024-09-31\n---\n\nThe drills began.\n")
    proc = newslint("a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "a.md:3: front matter: date: '2024-09-31' is not a date" in proc.stderr
    assert "internal error" not in proc.stderr


def test_impossible_date_in_configuration_names_file_line_and_key(tmp_path, newslint):
    write(tmp_path, "newslint.yaml", "select: [News]\ndate: 2024-02-30\n")
    write(tmp_path, "a.txt", CLEAN)
    proc = newslint("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith(f"newslint: {tmp_path / 'newslint.yaml'}:2: date: '2024-02-30' is not a date")
    assert "Traceback" not in proc.stderr


def test_date_option_must_exist(newslint):
    proc = newslint("seeds/", "--date", "2024-02-30")
    assert proc.returncode == 2 and "--date must be a date" in proc.stderr


# -- exit codes and summary -------------------------------------------------


def test_summary_exit_zero_and_quiet(newslint):
    proc = newslint("seeds/")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1].startswith("Found 13 findings (") and proc.stdout.endswith(" in 1 file.\n")
    assert newslint("seeds/", "--exit-zero").returncode == 0
    quiet = newslint("seeds/", "-q")
    assert quiet.stdout.splitlines() == proc.stdout.splitlines()[:-1] and quiet.stderr == ""


# -- Vale configuration and the News pack -----------------------------------


def test_vale_ini_above_does_not_switch_off_news(tmp_path, newslint):
    write(tmp_path, ".vale.ini", "StylesPath = styles\n\n[*]\nBasedOnStyles = Vale\n")
    (tmp_path / "styles").mkdir()
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "seed.txt")
    proc = newslint("sub/seed.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert "News.NameVariant" in proc.stdout


def test_news_in_based_on_styles_and_toggles(tmp_path, newslint):
    (tmp_path / "styles").mkdir()
    shutil.copy(SEED, tmp_path / "seed.txt")
    write(tmp_path, ".vale.ini", "StylesPath = styles\n\n[*.txt]\nBasedOnStyles = News\nNews.NameVariant = NO\n")
    proc = newslint("seed.txt", cwd=tmp_path)
    assert "not found" not in proc.stderr and proc.returncode == 1, proc.stderr
    assert "News.ScraperResidue" in proc.stdout and "News.NameVariant" not in proc.stdout
    write(tmp_path, ".vale.ini", "StylesPath = styles\n\n[*.md]\nBasedOnStyles = News\n")
    assert "News." not in newslint("seed.txt", cwd=tmp_path).stdout  # based on News for Markdown only
    write(tmp_path, ".vale.ini", "StylesPath = styles\n\n[*]\nNews.ScraperResidue = NO\n")
    out = newslint("seed.txt", cwd=tmp_path).stdout  # named in a toggle only: the rest stays on
    assert "News.NameVariant" in out and "News.ScraperResidue" not in out


# -- cross-article findings through the same steps ----------------------------

NAMES = {
    "a.txt": "Siarhei Tsikhanouski jailed\n\nBy A Writer September 17, 2024\n\nOpposition figure Siarhei Tsikhanouski was jailed.\n",
    "b.txt": "Rally\n\nBy A Writer September 18, 2024\n\nSupporters of Siarhei Tsikhanouski met.\n",
}
VARIANT = "Prison\n\nBy B Writer September 19, 2024\n\nA court moved Siarhei Tsikhanovski.\n"


def _names(tmp_path, c_text):
    for name, text in NAMES.items():
        write(tmp_path, name, text)
    write(tmp_path, "c.md", c_text)


def test_cross_article_findings_obey_suppression_comments(tmp_path, newslint):
    _names(tmp_path, VARIANT)
    assert "c.md:5" in newslint("--select", "News.NameVariant", ".", cwd=tmp_path).stdout
    _names(tmp_path, "<!-- newslint-disable News.NameVariant -->\n" + VARIANT)
    proc = newslint("--select", "News.NameVariant", "--report-unused-suppressions", ".", cwd=tmp_path)
    assert "News.NameVariant" not in proc.stdout and "UnusedSuppression" not in proc.stdout, proc.stdout


def test_cross_article_findings_obey_the_baseline(tmp_path, newslint):
    _names(tmp_path, VARIANT)
    assert newslint("--select", "News.NameVariant", "--write-baseline", "bl.json", ".", cwd=tmp_path).returncode == 0
    proc = newslint("--select", "News.NameVariant", "--baseline", "bl.json", ".", cwd=tmp_path)
    assert "News.NameVariant" not in proc.stdout, proc.stdout


def test_baseline_works_from_another_folder(tmp_path, newslint):
    shutil.copytree(ROOT / "seeds", tmp_path / "pp" / "seeds")
    assert newslint("seeds", "--write-baseline", "bl.json", cwd=tmp_path / "pp").returncode == 0
    proc = newslint("pp/seeds", "--baseline", "pp/bl.json", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == "No findings in 1 file.\n", proc.stdout


# -- the time limit applies to every check type -------------------------------

SLOW = "(a|aa)+$"
SLOW_RULES = {
    "occurrence": f"extends: occurrence\nmessage: m\nmax: 1\ntoken: '{SLOW}'\n",
    "conditional": f"extends: conditional\nmessage: m\nfirst: '{SLOW}'\nsecond: 'b'\n",
    "consistency": f"extends: consistency\nmessage: m\neither:\n  '{SLOW}': 'b'\n",
    "repetition": f"extends: repetition\nmessage: m\ntokens: ['{SLOW}']\n",
    "capitalization": f"extends: capitalization\nmessage: m\nmatch: $title\nexceptions: ['{SLOW}']\n",
}


@pytest.mark.parametrize("kind", sorted(SLOW_RULES))
def test_catastrophic_patterns_are_stopped_in_every_check_type(tmp_path, kind):
    from lint.checks import base
    from lint.pipeline import Settings, lint_paths, load_project

    write(tmp_path, "styles/My/Slow.yml", SLOW_RULES[kind])
    write(tmp_path, "a.txt", "a" * 60 + "b\n")
    old, base.TIME_LIMIT = base.TIME_LIMIT, 0.3
    try:
        settings = Settings(rules=(tmp_path / "styles",), builtin=False, isolated=True, use_cache=False)
        report = lint_paths([str(tmp_path / "a.txt")], load_project(settings, tmp_path))
    finally:
        base.TIME_LIMIT = old
    (d,) = list(report.diagnostics)
    assert d.rule == "My.Slow" and "was stopped after 0.3 s" in d.message


# -- the library: one call, the same answer as the command line ---------------


def test_library_and_cli_agree_on_the_seed(newslint, monkeypatch):
    from lint.model import Severity
    from lint.pipeline import Settings, lint_paths, load_project

    monkeypatch.chdir(ROOT)
    report = lint_paths(["seeds/"], load_project(Settings(), ROOT / "seeds"))
    printed = json.loads(newslint("seeds/", "--format", "json").stdout)
    assert [(d.rule, d.start) for d in report.diagnostics] == [(d["rule"], d["start"]["offset"]) for d in printed]
    assert report.exit_code(Severity.WARNING) == 1 and report.exit_code(Severity.WARNING, exit_zero=True) == 0


def test_unreadable_baseline_is_one_line_exit_2(tmp_path, newslint):
    write(tmp_path, "a.txt", CLEAN)
    proc = newslint("a.txt", "--baseline", str(tmp_path / "nope.json"), cwd=tmp_path)
    assert proc.returncode == 2 and "cannot read baseline" in proc.stderr and "Traceback" not in proc.stderr


def test_unreadable_file_in_every_machine_format(tmp_path, newslint):
    import xml.etree.ElementTree as ET

    write(tmp_path, "clean.txt", CLEAN)
    write(tmp_path, "latin1.txt", "Caf\u00e9\n", encoding="latin-1")
    run = lambda fmt: newslint("clean.txt", "latin1.txt", "--format", fmt, cwd=tmp_path)  # noqa: E731
    sarif = json.loads(run("sarif").stdout)["runs"][0]["invocations"][0]
    assert sarif["executionSuccessful"] is False
    assert "latin1.txt" in json.dumps(sarif["toolExecutionNotifications"])
    junit = ET.fromstring(run("junit").stdout)
    assert [e.get("message") for e in junit.iter("error")] == ["not valid UTF-8 (byte 3), skipped"]
    assert any(i["check_name"] == "Newslint.ReadError" for i in json.loads(run("gitlab").stdout))
    assert "::error file=latin1.txt" in run("github").stdout
    assert all(run(fmt).returncode == 2 for fmt in ("json", "line"))


def test_junit_failures_agree_with_the_exit_code(tmp_path, newslint):
    import xml.etree.ElementTree as ET

    write(tmp_path, "a.txt", "The drills began on Monday.\n")  # no headline or byline: suggestions only
    proc = newslint("a.txt", "--format", "junit", cwd=tmp_path)
    assert proc.returncode == 0
    root = ET.fromstring(proc.stdout)
    assert root.get("failures") == "0" and not list(root.iter("failure"))
    proc = newslint("a.txt", "--format", "junit", "--fail-level", "suggestion", cwd=tmp_path)
    assert proc.returncode == 1 and ET.fromstring(proc.stdout).get("failures") != "0"


def test_impossible_date_in_a_rule_example_names_file_line_and_key(tmp_path, newslint):
    write(tmp_path, "styles/My/R.yml", "extends: existence\nmessage: m\ntokens: [x]\nexamples:\n  fire:\n"
                                       "    - text: x\n      date: 2024-02-30\n")
    write(tmp_path, "a.txt", CLEAN)
    proc = newslint("--isolated", "--rules", "styles", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "My/R.yml:7: examples.fire[0].date: '2024-02-30' is not a date" in proc.stderr


def test_catastrophic_token_ignores_are_stopped(tmp_path, newslint):
    write(tmp_path, "styles/My/Word.yml", "extends: existence\nmessage: m\ntokens: [b]\n")
    write(tmp_path, ".vale.ini", f"StylesPath = styles\n[*]\nBasedOnStyles = My\nTokenIgnores = {SLOW}\n")
    write(tmp_path, "a.txt", "a" * 40 + "b\n")
    from lint.checks import base
    from lint.pipeline import Settings, lint_paths, load_project

    old, base.TIME_LIMIT = base.TIME_LIMIT, 0.3
    try:
        report = lint_paths([str(tmp_path / "a.txt")], load_project(Settings(builtin=False, use_cache=False), tmp_path))
    finally:
        base.TIME_LIMIT = old
    (d,) = list(report.diagnostics)
    assert d.rule == "My.Word" and "was stopped" in d.message


def test_fix_on_standard_input_exits_on_what_remains(newslint):
    proc = newslint("-", "--fix", "--select", "News.NameVariant", stdin="The Zapad drills. Zapad. Zapod.\n")
    assert proc.stdout == "The Zapad drills. Zapad. Zapad.\n" and proc.returncode == 0


# -- found in review --------------------------------------------------------


def test_a_file_named_twice_or_in_its_folder_is_linted_once(tmp_path, newslint):
    write(tmp_path, "ex/c.txt", ZAPOD)
    proc = newslint("ex/c.txt", str(tmp_path / "ex" / "c.txt"), "./ex/c.txt", "ex", "--select", "News.NameVariant", cwd=tmp_path)
    assert proc.stdout.endswith("in 1 file.\n"), proc.stdout


def test_excluded_file_named_after_its_folder_is_still_linted(tmp_path, newslint):
    write(tmp_path, "newslint.yaml", "exclude: ['ex/drafts/*']\n")
    write(tmp_path, "ex/drafts/a.txt", ZAPOD)
    assert "ex/drafts/a.txt:" in newslint("ex", "ex/drafts/a.txt", cwd=tmp_path).stdout
    proc = newslint("ex", cwd=tmp_path)
    assert "(1 excluded by the configuration)" in proc.stderr


def test_unknown_rule_in_a_comment_survives_baseline_and_diff(tmp_path, newslint):
    write(tmp_path, "sup.txt", "Drills\n\n<!-- newslint-disable News.Nope -->\nThe drills began.\n")
    assert newslint("sup.txt", "--write-baseline", "b.json", cwd=tmp_path).returncode == 2
    proc = newslint("sup.txt", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2 and "Newslint.UnknownRule" in proc.stdout
    assert newslint("sup.txt", "--diff", cwd=tmp_path).returncode == 2


def test_configured_level_wins_over_the_level_a_check_gives(tmp_path, newslint):
    _names(tmp_path, VARIANT)
    assert newslint("--select", "News.NameVariant", ".", cwd=tmp_path).returncode == 0  # across articles: suggestion
    write(tmp_path, "newslint.yaml", "levels: {News.NameVariant: error}\n")
    proc = newslint("--select", "News.NameVariant", ".", cwd=tmp_path)
    assert proc.returncode == 1 and ": error News.NameVariant" in proc.stdout


def test_newslint_levels_win_over_the_vale_ini(tmp_path, newslint):
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "styles").mkdir()
    write(tmp_path, ".vale.ini", "StylesPath = styles\n[*]\nNews.ScraperResidue = suggestion\nNews.GluedDahs = NO\n")
    out = newslint("seed.txt", cwd=tmp_path)
    assert "suggestion News.ScraperResidue" in out.stdout
    assert "News.GluedDahs: no such rule; did you mean 'News.GluedDash'?" in out.stderr
    write(tmp_path, "newslint.yaml", "levels: {News.ScraperResidue: error}\n")
    assert "error News.ScraperResidue" in newslint("seed.txt", cwd=tmp_path).stdout


def test_the_engine_leaves_a_host_timer_alone():
    import signal

    from lint.api import lint_text
    from lint.pipeline import Settings, load_project

    rules = load_project(Settings(isolated=True), ROOT).rules
    signal.signal(signal.SIGALRM, lambda *a: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        lint_text("a.txt", ZAPOD, rules)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert 0 < left <= 30


def test_fix_on_unreadable_standard_input_gives_the_bytes_back(newslint, tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "lint", "--fix", "--stdin-filename", "x.txt"], input=b"caf\xe9\n",
                          capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.stdout == b"caf\xe9\n" and proc.returncode == 2 and b"not valid UTF-8" in proc.stderr
    ok = newslint("--fix", "--stdin-filename", "x.txt", "--select", "News.NameVariant", stdin="Zapad. Zapad. Zapod. Zapod2\n")
    assert ok.stdout.startswith("Zapad. Zapad. Zapad.") and "No findings" not in ok.stdout  # the report goes to stderr


def test_force_exclude_applies_to_the_stdin_filename(tmp_path, newslint):
    write(tmp_path, "newslint.yaml", "exclude: ['drafts/*']\n")
    (tmp_path / "drafts").mkdir()
    proc = newslint("--stdin-filename", "drafts/a.txt", "--force-exclude", cwd=tmp_path, stdin=ZAPOD)
    assert "NameVariant" not in proc.stdout and "1 excluded" in proc.stderr


def test_each_file_gets_the_configuration_of_its_own_folder(tmp_path, newslint):
    write(tmp_path, "clean.txt", ZAPOD)
    write(tmp_path, "ex/newslint.yaml", "ignore: [News.NameVariant]\n")
    write(tmp_path, "ex/archive/b.txt", ZAPOD)
    out = newslint("clean.txt", "ex/archive/b.txt", "-q", cwd=tmp_path).stdout
    assert "clean.txt:5:" in out and "b.txt" not in out.replace("ex/archive/b.txt:1", "")
    assert not any(line.startswith("ex/archive/b.txt") and "NameVariant" in line for line in out.splitlines())


def test_selecting_a_builtin_pack_that_is_off_says_so(newslint):
    proc = newslint("--no-builtin", "--select", "News", "seeds/")
    assert proc.returncode == 2 and "built-in pack, which is off" in proc.stderr


def test_per_file_ignores_give_one_rule_list_per_set(tmp_path):
    from lint.pipeline import Settings, load_project

    write(tmp_path, "newslint.yaml", "per-file-ignores: {'*.txt': [News.GluedDash]}\n")
    project = load_project(Settings(), tmp_path)
    assert project.rules_for(str(tmp_path / "a.txt")) is project.rules_for(str(tmp_path / "b.txt"))
    assert "News.GluedDash" not in [r.id for r in project.rules_for(str(tmp_path / "a.txt"))]
