"""Configuration the Vale way (.vale.ini) and Vale's inline comments."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lint import suppress, vale_config
from lint.cli import app
from lint.model import Diagnostic, Severity


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


STYLE = {
    "styles/House/Very.yml": "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [very]\n",
    "styles/House/Utilize.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nignorecase: true\nswap: {utilize: use}\n",
    "styles/House/Tengo.yml": "extends: script\nmessage: x\nscript: 'f := func(a) { return a }'\n",
    "styles/config/vocabularies/Newsroom/accept.txt": "# names we spell our way\nZapad\nvery good\n",
    "styles/config/vocabularies/Newsroom/reject.txt": "Zapod\n",
}


def run(root: Path, *args: str, monkeypatch, builtin: bool = False) -> tuple[int, str, str]:
    """The Vale styles alone unless ``builtin`` (the News pack stays on beside a .vale.ini)."""
    monkeypatch.chdir(root)
    res = CliRunner().invoke(app, ["--format", "line", *([] if builtin else ["--no-builtin"]), *args])
    return res.exit_code, res.stdout, res.stderr


def test_a_newsroom_with_a_vale_ini_gets_its_findings(tmp_path, monkeypatch):
    write(tmp_path, {**STYLE, ".vale.ini": """\
        StylesPath = styles
        MinAlertLevel = suggestion
        Vocab = Newsroom

        [*.md]
        BasedOnStyles = House, Vale
        Vale.Spelling = NO
        Vale.Repetition = NO
        """, "a.md": "It is very hot. Utilize Zapod and ZAPAD, very good.\n"})
    code, out, err = run(tmp_path, "a.md", monkeypatch=monkeypatch, builtin=True)
    assert [line for line in out.splitlines() if ":News." not in line] == [
        "a.md:1:7:House.Very:Avoid 'very'.",
        "a.md:1:17:House.Utilize:Use 'use' instead of 'Utilize'.",
        "a.md:1:25:Vale.Avoid:Avoid using 'Zapod'.",
        "a.md:1:35:Vale.Terms:Use 'Zapad' instead of 'ZAPAD'.",
    ]  # "very good" is an accepted phrase
    assert "a.md:1:25:News.NameVariant:" in out  # the .vale.ini does not name News: it stays on
    assert code == 1
    # the script rule loads and is skipped, once, with its reason
    assert err.count("skipped House.Tengo") == 1 and "func" in err


def test_glob_sections_toggles_and_levels(tmp_path, monkeypatch):
    write(tmp_path, {**STYLE, ".vale.ini": """\
        StylesPath = styles
        [*]
        BasedOnStyles = House
        [*.{md,txt}]
        House.Very = error
        [notes/*.txt]
        House = NO
        """, "a.txt": "very\n", "notes/b.txt": "very\n"})
    code, out, _ = run(tmp_path, "--format", "json", "a.txt", "notes/b.txt", monkeypatch=monkeypatch)
    import json

    got = [(d["path"], d["rule"], d["severity"]) for d in json.loads(out)]
    assert got == [("a.txt", "House.Very", "error")]


def test_min_alert_level_and_builtin(tmp_path, monkeypatch):
    write(tmp_path, {**STYLE, "_vale.ini": "StylesPath = styles\nMinAlertLevel = error\n[*]\nBasedOnStyles = House\n",
                     "a.txt": "Very utilize.\n"})
    _, out, _ = run(tmp_path, "a.txt", monkeypatch=monkeypatch)
    assert [line.split(":")[3] for line in out.splitlines()] == ["House.Utilize"]
    _, out, _ = run(tmp_path, "--builtin", "--list-rules", monkeypatch=monkeypatch)
    assert "News.NameVariant" in out and "House.Very" in out


def test_vale_config_option_and_invalid_files(tmp_path, monkeypatch):
    write(tmp_path, {**STYLE, "conf/vale.ini": "StylesPath = ../styles\n[*]\nBasedOnStyles = House\n", "a.txt": "very\n"})
    _, out, _ = run(tmp_path, "--vale-config", "conf/vale.ini", "a.txt", monkeypatch=monkeypatch)
    assert out == "a.txt:1:1:House.Very:Avoid 'very'.\n"
    for bad, problem in [
        ("MinAlertLevel = loud\n", "MinAlertLevel: must be suggestion, warning or error"),
        ("StylesPath = nowhere\n", "StylesPath: no such folder"),
        ("StylesPath = styles\n[*]\nBasedOnStyles = Missing\n", "style 'Missing' not found"),
        ("this is not ini\n", "expected 'key = value'"),
    ]:
        (tmp_path / ".vale.ini").write_text(bad, encoding="utf-8")
        code, out, err = run(tmp_path, "a.txt", monkeypatch=monkeypatch)
        assert code == 2 and out == "" and problem in err and err.count("\n") == 1, (bad, err)


def test_globs_as_vale_reads_them():
    g = vale_config.glob_regex
    assert g("*.{md,txt}").match("docs/a.md") and g("*.{md,txt}").match("a.txt")
    assert not g("*.{md,txt}").match("a.rst")
    assert g("test.md").match("test.md") and not g("test.md").match("test.mdx")
    assert g("docs/**/*.md").match("docs/x/y.md") and not g("docs/*.md").match("a.md")


WORDS = ["one", "two", "three", "four", "five", "six", "seven"]


def _diags(text: str, rule: str) -> list[Diagnostic]:
    """A finding on "ACT" in each line "ACT <word>."."""
    out = []
    for w in WORDS:
        start = text.index(f"ACT {w}.")
        out.append(Diagnostic("a.md", start, start + 3, rule, Severity.WARNING, "m"))
    return out


def _kept(text: str, rule: str) -> list[str]:
    kept = suppress.apply(_diags(text, rule), suppress.parse(text))
    return [text[d.start + 4 : text.index(".", d.start)] for d in kept]


def test_vale_comments_and_newslint_comments_are_one_mechanism():
    text = (
        "ACT one.\n<!-- vale off -->\nACT two.\n<!-- vale on -->\n"
        "<!-- vale vale.Redundancy = NO -->\nACT three.\n<!-- vale vale.Redundancy = YES -->\n"
        "<!-- vale demo = NO -->\nACT four.\n<!-- newslint-enable demo -->\n"
        '<!-- vale vale.Redundancy["ACT", "X"] = NO -->\nACT five.\n<!-- vale vale.Redundancy["ACT"] = YES -->\n'
        "ACT six.\n<!-- vale style = demo -->\nACT seven.\n"
    )
    assert _kept(text, "vale.Redundancy") == ["one", "four", "six"]
    # vale off hides "two", demo = NO hides "four"; from "styles = demo" on, demo is the style left
    assert _kept(text, "demo.Rule") == ["one", "three", "five", "six", "seven"]


def test_vale_comments_in_the_command(tmp_path, monkeypatch):
    write(tmp_path, {**STYLE, ".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = House\n",
                     "a.md": "*Note*: <!-- vale off -->very<!-- vale on --> and very.\n\n<!-- vale House.Very = NO -->\n\nvery\n"})
    _, out, _ = run(tmp_path, "a.md", monkeypatch=monkeypatch)
    assert out == "a.md:1:51:House.Very:Avoid 'very'.\n"


@pytest.mark.parametrize("name", [".vale.ini", "_vale.ini", ".vale", "_vale"])
def test_found_upward_under_every_name(tmp_path, name):
    write(tmp_path, {name: "MinAlertLevel = warning\n", "a/b/c.md": "x\n"})
    assert vale_config.find(tmp_path / "a" / "b" / "c.md") == tmp_path / name
