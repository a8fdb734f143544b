"""Vale's sub-commands (issue 15, item 1): ls-config, ls-dirs, ls-metrics, sync, fix."""

from __future__ import annotations

import json
import zipfile

import pytest

from helpers import newslint


@pytest.fixture
def project(tmp_path):
    style = tmp_path / "styles" / "Mine"
    style.mkdir(parents=True)
    (style / "Simply.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [simply]\n",
                                      encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = warning\n[formats]\nmdx = md\n"
                                        "[*.md]\nBasedOnStyles = Mine\nMine.Simply = error\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Title\n\nOne simple sentence here. Another one.\n", encoding="utf-8")
    return tmp_path


def test_ls_config_prints_the_configuration_as_vale_names_it(project):
    r = newslint("ls-config", cwd=project)
    assert r.returncode == 0, r.stderr
    cfg = json.loads(r.stdout)
    assert cfg["StylesPath"] == str((project / "styles").resolve()) and cfg["MinAlertLevel"] == 1
    assert cfg["SBaseStyles"] == {"*.md": ["Mine"]} and cfg["RuleToLevel"] == {"Mine.Simply": "error"}
    assert cfg["Formats"] == {"mdx": "md"}


def test_ls_dirs_says_where_and_whether_it_exists(project):
    r = newslint("ls-dirs", cwd=project, env={"VALE_STYLES_PATH": str(project / "nowhere")})
    lines = {line.split()[0]: line for line in r.stdout.splitlines()}
    assert str(project / "styles") in r.stdout and lines["StylesPath"].endswith("exists")
    assert "nowhere" in r.stdout and "missing" in r.stdout


def test_ls_metrics_counts_the_document(project):
    r = newslint("ls-metrics", "a.md", cwd=project)
    m = json.loads(r.stdout)
    assert m["sentences"] == 3 and m["words"] == 7 and m["heading_h1"] == 1, m  # the heading is one


def test_a_path_named_like_a_command_is_a_path(project):
    (project / "sync").mkdir()
    (project / "sync" / "b.md").write_text("simply\n", encoding="utf-8")
    r = newslint("--format", "line", "--no-builtin", "sync", cwd=project)
    assert "Mine.Simply" in r.stdout, r.stderr


@pytest.mark.parametrize(("action", "match", "expected"), [
    ({"Name": "replace", "Params": ["use", "utilize"]}, "employ", ["use", "utilize"]),
    ({"Name": "remove", "Params": []}, "very", [""]),
    ({"Name": "edit", "Params": ["regex", "(\\w+)ly", "$1"]}, "simply", ["simp"]),
    ({"Name": "edit", "Params": ["trim_right", "."]}, "end..", ["end"]),
    ({"Name": "edit", "Params": ["split", "-", "1"]}, "a-b", ["b"]),
])
def test_fix_gives_the_suggestions_of_an_alert(project, action, match, expected):
    r = newslint("fix", json.dumps({"Action": action, "Match": match}), cwd=project)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["suggestions"] == expected


def test_fix_says_what_it_cannot_do(project):
    r = newslint("fix", json.dumps({"Action": {"Name": "suggest", "Params": ["spellings"]}, "Match": "teh"}), cwd=project)
    assert r.returncode == 2 and "'suggest'" in r.stderr


def test_sync_installs_a_local_package_with_its_config(project):
    pkg = project / "House.zip"
    with zipfile.ZipFile(pkg, "w") as z:
        z.writestr("House/styles/House/Very.yml", "extends: existence\nmessage: \"No '%s'.\"\nlevel: error\ntokens: [very]\n")
        z.writestr("House/styles/config/vocabularies/House/accept.txt", "Zapad\n")
        z.writestr("House/.vale.ini", "[*.md]\nBasedOnStyles = House\n")
    (project / ".vale.ini").write_text("StylesPath = styles\nPackages = House.zip\n[*.md]\nBasedOnStyles = Mine\n",
                                       encoding="utf-8")
    r = newslint("sync", cwd=project)
    assert r.returncode == 0, r.stderr
    assert (project / "styles" / "House" / "Very.yml").is_file()
    assert (project / "styles" / "config" / "vocabularies" / "House" / "accept.txt").is_file()
    assert (project / "styles" / ".vale-config" / "0-House.ini").is_file()
    (project / "b.md").write_text("A very simply thing.\n", encoding="utf-8")
    r = newslint("--format", "line", "--no-builtin", "b.md", cwd=project)
    # the package's own .vale.ini is read before the project's: both styles run
    assert [line.split(":")[3] for line in r.stdout.splitlines()] == ["House.Very", "Mine.Simply"], r.stderr


def test_sync_refuses_an_archive_that_writes_outside_its_folder(project):
    pkg = project / "Evil.zip"
    with zipfile.ZipFile(pkg, "w") as z:
        z.writestr("../../escaped.txt", "x")
    (project / ".vale.ini").write_text("StylesPath = styles\nPackages = Evil.zip\n", encoding="utf-8")
    r = newslint("sync", cwd=project)
    assert r.returncode == 2 and "outside" in r.stderr
    assert not (project.parent / "escaped.txt").exists()


def test_sync_names_a_package_it_cannot_get(project):
    (project / ".vale.ini").write_text("StylesPath = styles\nPackages = ./NoSuchFolder.zip\n", encoding="utf-8")
    r = newslint("sync", cwd=project, env={"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"})
    assert r.returncode == 2 and "NoSuchFolder" in r.stderr
