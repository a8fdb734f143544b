"""Vale's configuration plumbing and the rest of its command line (issue 15, items 1 and 4):
line continuations and triple-quoted values, patterns split at commas as Vale splits them,
sections named twice, configuration packages in StylesPath/.vale-config, Vale's default
StylesPath (VALE_STYLES_PATH) and VALE_CONFIG_PATH, a config named vale.ini, [formats]
associations, and --ext, --glob, --filter, --no-global."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import newslint
from lint import vale_config


def _style(root: Path, style: str, name: str, token: str, level: str = "warning") -> None:
    folder = root / style
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yml").write_text(
        f"extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: {level}\ntokens:\n  - {token}\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    _style(tmp_path / "styles", "Mine", "Simply", "simply")
    _style(tmp_path / "styles", "Mine", "Really", "really", "suggestion")
    (tmp_path / "doc.md").write_text("# Notes\n\nJust simply do it, really.\n", encoding="utf-8")
    return tmp_path


def _ini(project: Path, text: str, name: str = ".vale.ini") -> Path:
    f = project / name
    f.write_text(text, encoding="utf-8")
    return f


def _rules(r) -> list[str]:
    return [line.split(":")[3] for line in r.stdout.splitlines()]


def test_a_line_ending_in_a_backslash_continues_on_the_next(project):
    cfg = vale_config.load(_ini(project, "StylesPath = styles\n[*.md]\nTokenIgnores = (foo), \\\n(bar)\nBasedOnStyles = Mine\n"))
    (sec,) = cfg.sections
    assert sec.ignores == ["(foo)", "(bar)"]
    assert sec.base_styles == ["Mine"]


def test_a_triple_quoted_value_runs_to_its_closing_quotes(project):
    cfg = vale_config.load(_ini(project, 'StylesPath = styles\n[*.md]\nBlockIgnores = """(?s)<x>.*?</x>,\n(?s)<y>.*?</y>"""\n'))
    assert cfg.sections[0].ignores == ["(?s)<x>.*?</x>", "(?s)<y>.*?</y>"]


def test_patterns_split_at_every_comma_as_vale_splits_them(project):
    # go-ini splits "x{1,3}" too: Vale then fails on the halves; an escaped comma stays
    cfg = vale_config.load(_ini(project, "StylesPath = styles\n[*.md]\nTokenIgnores = a\\,b, (c), , (c)\n"))
    assert cfg.sections[0].ignores == ["a,b", "(c)"]
    with pytest.raises(vale_config.ValeConfigError, match=r"\.vale\.ini:3: TokenIgnores: invalid regular expression"):
        vale_config.load(_ini(project, "StylesPath = styles\n[*.md]\nTokenIgnores = (x{1,3})\n"))


def test_a_section_named_twice_is_one_section(project):
    cfg = vale_config.load(_ini(project, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\n[*.txt]\nMine.Simply = NO\n"
                                         "[*.md]\nMine.Really = NO\n"))
    assert [s.name for s in cfg.sections] == ["*.md", "*.txt"]
    md = cfg.sections[0]
    assert md.base_styles == ["Mine"] and md.checks == {"Mine.Really": "NO"}


def test_configuration_packages_are_read_before_the_project(project):
    pipe = project / "styles" / ".vale-config"
    pipe.mkdir()
    (pipe / "0-Mine.ini").write_text("[*.md]\nBasedOnStyles = Mine\nMine.Really = NO\n", encoding="utf-8")
    _ini(project, "StylesPath = styles\n")
    r = newslint("--no-builtin", "--format", "line", "doc.md", cwd=project)
    assert _rules(r) == ["Mine.Simply"], r.stderr
    _ini(project, "StylesPath = styles\n[*.md]\nMine.Really = YES\n")  # the project's own settings win
    r = newslint("--no-builtin", "--format", "line", "doc.md", cwd=project)
    assert _rules(r) == ["Mine.Simply", "Mine.Really"], r.stderr


def test_without_stylespath_vales_default_one_is_used(project, tmp_path_factory):
    default = tmp_path_factory.mktemp("data") / "styles"
    _style(default, "Shared", "Do", "do")
    _ini(project, "[*.md]\nBasedOnStyles = Shared\n")
    r = newslint("--no-builtin", "--format", "line", "doc.md", cwd=project, env={"VALE_STYLES_PATH": str(default)})
    assert r.stdout.splitlines() == ["doc.md:3:13:Shared.Do:Avoid 'do'."], r.stderr
    # beside a project's StylesPath the default one is searched too, unless --no-global
    _ini(project, "StylesPath = styles\n[*.md]\nBasedOnStyles = Shared, Mine\n")
    r = newslint("--no-builtin", "--format", "line", "doc.md", cwd=project, env={"VALE_STYLES_PATH": str(default)})
    assert _rules(r) == ["Mine.Simply", "Shared.Do", "Mine.Really"], r.stderr
    r = newslint("--no-builtin", "--format", "line", "--no-global", "doc.md", cwd=project,
                 env={"VALE_STYLES_PATH": str(default)})
    assert r.returncode == 2 and "style 'Shared' not found" in r.stderr


def test_vale_config_path_overrides_the_search(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cfg") / "team.ini"
    elsewhere.write_text(f"StylesPath = {project / 'styles'}\n[*.md]\nBasedOnStyles = Mine\nMine.Really = NO\n",
                         encoding="utf-8")
    _ini(project, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\n")
    r = newslint("--no-builtin", "--format", "line", "doc.md", cwd=project, env={"VALE_CONFIG_PATH": str(elsewhere)})
    assert _rules(r) == ["Mine.Simply"], r.stderr


def test_a_config_named_vale_ini_is_found(project):
    _ini(project, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\n", name="vale.ini")
    r = newslint("--no-builtin", "--format", "line", "doc.md", cwd=project)
    assert _rules(r) == ["Mine.Simply", "Mine.Really"], r.stderr


def test_formats_associates_an_extension_with_a_reader(project):
    (project / "notes.xyz").write_text("```\nsimply\n```\n\nreally\n", encoding="utf-8")
    _ini(project, "StylesPath = styles\n[formats]\nxyz = md\n[*]\nBasedOnStyles = Mine\n")
    r = newslint("--no-builtin", "--format", "line", ".", cwd=project)
    # read as Markdown: the fenced code is no prose; the .xyz file is walked because [formats] names it
    assert "./notes.xyz:5:1:Mine.Really:Avoid 'really'." in r.stdout.splitlines(), r.stdout + r.stderr
    assert not any(line.startswith("./notes.xyz:2:") for line in r.stdout.splitlines())


def test_ext_reads_a_file_as_another_format(project):
    (project / "notes.xyz").write_text("```\nsimply\n```\n", encoding="utf-8")
    _ini(project, "StylesPath = styles\n[*]\nBasedOnStyles = Mine\n")
    plain = newslint("--no-builtin", "--format", "line", "notes.xyz", cwd=project)
    assert _rules(plain) == ["Mine.Simply"]
    as_md = newslint("--no-builtin", "--format", "line", "--ext=.md", "notes.xyz", cwd=project)
    assert as_md.stdout == "" and as_md.returncode == 0, as_md.stderr


def test_glob_keeps_the_files_it_matches(project):
    (project / "other.txt").write_text("simply\n", encoding="utf-8")
    _ini(project, "StylesPath = styles\n[*]\nBasedOnStyles = Mine\n")
    r = newslint("--no-builtin", "--format", "line", "--glob=*.txt", ".", cwd=project)
    assert {line.split(":")[0] for line in r.stdout.splitlines()} == {"./other.txt"}, r.stderr
    r = newslint("--no-builtin", "--format", "line", "--glob=!*.txt", ".", cwd=project)
    assert {line.split(":")[0] for line in r.stdout.splitlines()} == {"./doc.md"}, r.stderr


@pytest.mark.parametrize(("expr", "rules"), [
    ('.Name == "Mine.Simply"', ["Mine.Simply"]),
    ('.Level in ["suggestion"]', ["Mine.Really"]),
    ('!(.Name matches "Simp")', ["Mine.Really"]),
    ('.Extends == "existence" and .Level != "error"', ["Mine.Simply", "Mine.Really"]),
    ('.Name == "Mine.Simply" || .Name == "Mine.Really"', ["Mine.Simply", "Mine.Really"]),
])
def test_filter_keeps_the_rules_its_expression_is_true_of(project, expr, rules):
    _ini(project, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\n")
    r = newslint("--no-builtin", "--format", "line", f"--filter={expr}", "doc.md", cwd=project)
    assert _rules(r) == rules, r.stderr


def test_a_filter_from_a_file_and_a_broken_one(project):
    _ini(project, "StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\n")
    (project / "only.expr").write_text('.Name == "Mine.Really"\n', encoding="utf-8")
    r = newslint("--no-builtin", "--format", "line", "--filter=@only.expr", "doc.md", cwd=project)
    assert _rules(r) == ["Mine.Really"], r.stderr
    # Vale reads a --filter that names an existing file from it (Grafana's Makefile: --filter ./filter.expr)
    r = newslint("--no-builtin", "--format", "line", "--filter", "./only.expr", "doc.md", cwd=project)
    assert _rules(r) == ["Mine.Really"], r.stderr
    r = newslint("--no-builtin", "--format", "line", '--filter=.Name == ', "doc.md", cwd=project)
    assert r.returncode == 2 and "--filter" in r.stderr and "expected a value" in r.stderr
