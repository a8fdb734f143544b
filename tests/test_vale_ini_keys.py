"""The remaining ``.vale.ini`` keys and rule keys (issue 15, items 4 and 6): ``WordTemplate``,
``CommentDelimiters``, ``Lang``, ``matchcase`` (and ``capitalize``), and the ``Action`` that
``--output=JSON`` prints.

Each expectation is what current Vale (vale-cli/vale: internal/core/ini.go, internal/check/
definition.go, substitution.go, the matchCase of its casing helpers) prints."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from helpers import cli


def project(root: Path, rules: dict[str, str], files: dict[str, str], *, core: str = "", section: str = "") -> Path:
    ini = f"StylesPath = styles\nMinAlertLevel = suggestion\n{core}\n[*.md]\nBasedOnStyles = T\n{section}\n"
    for name, text in {".vale.ini": ini, **{f"styles/T/{n}.yml": r for n, r in rules.items()}, **files}.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def lines(root: Path, monkeypatch, *files: str) -> tuple[list[str], str]:
    _, out, err = cli("--config=.vale.ini", "--output=line", *(files or ("a.md",)), cwd=root, monkeypatch=monkeypatch)
    return out.splitlines(), err


def alerts(root: Path, monkeypatch, name: str = "a.md") -> list[dict]:
    _, out, _ = cli("--config=.vale.ini", "--output=JSON", name, cwd=root, monkeypatch=monkeypatch)
    return json.loads(out).get(name, [])


FOO = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [foo]\n"
FOO_NONWORD = "extends: existence\nmessage: \"Raw '%s'.\"\nlevel: error\nnonword: true\ntokens: [foo]\n"
SWAP = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nswap:\n  foo: bar\n"

# --------------------------------------------------------------------------
# WordTemplate


def test_word_template_wraps_the_tokens_of_word_rules(tmp_path, monkeypatch):
    # a template that wants blanks around a word: "x-foo-y" and "foo." no longer match, " foo " does
    project(tmp_path, {"Foo": FOO, "Raw": FOO_NONWORD, "Swap": SWAP},
            {"a.md": "# Title\n\nA foo bar, x-foo-y and foo.\n"}, core=r"WordTemplate = (?:\s)(?:%s)(?:\s)")
    out, _ = lines(tmp_path, monkeypatch)
    assert out == [
        "a.md:3:2:T.Foo:Avoid ' foo '.",  # the match is the template's, blanks and all (Vale's)
        "a.md:3:3:T.Raw:Raw 'foo'.",  # nonword rules keep (?m)(?:%s): every "foo"
        "a.md:3:3:T.Swap:Use 'bar' instead of 'foo'.",  # a substitution's match is its swap key's group
        "a.md:3:14:T.Raw:Raw 'foo'.",
        "a.md:3:24:T.Raw:Raw 'foo'.",
    ]


def test_without_word_template_the_default_word_boundaries(tmp_path, monkeypatch):
    # near miss: the same files without the key: every whole word "foo"
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA foo bar, x-foo-y and foo.\n"})
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:3:T.Foo:Avoid 'foo'.", "a.md:3:14:T.Foo:Avoid 'foo'.", "a.md:3:24:T.Foo:Avoid 'foo'."]


def test_word_template_in_a_section_is_no_option(tmp_path, monkeypatch):
    # Vale reads WordTemplate in the core section only; in [*.md] it is a key it ignores
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA foo bar, x-foo-y.\n"},
            section=r"WordTemplate = (?:\s)(?:%s)(?:\s)")
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:3:T.Foo:Avoid 'foo'.", "a.md:3:14:T.Foo:Avoid 'foo'."]


def test_word_template_without_a_verb_keeps_the_default_with_a_note(tmp_path, monkeypatch):
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA foo.\n"}, core=r"WordTemplate = \b\b")
    out, err = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:3:T.Foo:Avoid 'foo'."]
    assert "WordTemplate '\\\\b\\\\b' has no '%s'" in err


def test_a_broken_word_template_is_a_configuration_error(tmp_path, monkeypatch):
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA foo.\n"}, core="WordTemplate = (%s")
    code, _, err = cli("--config=.vale.ini", "--output=line", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 2
    assert ".vale.ini:3: WordTemplate: invalid regular expression '(%s'" in err


def test_fill_template_is_go_sprintf_with_one_string():
    from lint.vale_config import fill_template

    assert fill_template(r"\b(?:%s)\b", "a|b") == r"\b(?:a|b)\b"
    assert fill_template("100%% (?:%s)", "x") == "100% (?:x)"
    assert fill_template("(?:%s)%s", "x") == "(?:x)%s"  # only the first verb takes the tokens


# --------------------------------------------------------------------------
# CommentDelimiters

DOC = """\
    # Title

    A foo here.

    <%-- vale off --%>

    A foo hidden.

    <%-- vale on --%>

    A foo again.

    <%-- vale T.Foo = NO --%>

    A foo hidden too.
    """


def test_comment_delimiters_make_vale_comments(tmp_path, monkeypatch):
    project(tmp_path, {"Foo": FOO}, {"a.md": DOC}, section="CommentDelimiters = <%--, --%>")
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:3:T.Foo:Avoid 'foo'.", "a.md:11:3:T.Foo:Avoid 'foo'."]


def test_without_comment_delimiters_those_are_no_comments(tmp_path, monkeypatch):
    # near miss: another section's delimiters do not apply to a.md
    (tmp_path / "b.txt").write_text("x")
    project(tmp_path, {"Foo": FOO}, {"a.md": DOC}, section="[*.txt]\nCommentDelimiters = <%--, --%>")
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:3:T.Foo:Avoid 'foo'.", "a.md:7:3:T.Foo:Avoid 'foo'.", "a.md:11:3:T.Foo:Avoid 'foo'.",
                   "a.md:15:3:T.Foo:Avoid 'foo'."]


def test_html_comments_still_work_beside_custom_delimiters(tmp_path, monkeypatch):
    doc = "# Title\n\n<!-- vale off -->\n\nA foo.\n\n<!-- vale on -->\n\nB foo.\n"
    project(tmp_path, {"Foo": FOO}, {"a.md": doc}, section="CommentDelimiters = <%--, --%>")
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:9:3:T.Foo:Avoid 'foo'."]


@pytest.mark.parametrize("value, items", [("<%--", 1), ("a, b, c", 3)])
def test_comment_delimiters_need_two(tmp_path, monkeypatch, value, items):
    project(tmp_path, {"Foo": FOO}, {"a.md": "x\n"}, section=f"CommentDelimiters = {value}")
    code, _, err = cli("--config=.vale.ini", "--output=line", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 2
    assert f"CommentDelimiters must be a comma-separated list of two delimiters, but got {items} items" in err


def test_suppress_parse_with_delimiters():
    from lint import suppress

    text = "a\n{{! vale off }}\nb\n{{! vale on }}\n"
    (s,) = suppress.parse(text, "x.md", ("{{!", "}}"))
    assert text[s.start:s.end] == "\nb\n"
    assert suppress.parse(text, "x.md") == []  # near miss: not without the pair


# --------------------------------------------------------------------------
# Lang


def test_lang_is_read_and_another_language_says_what_vale_does_with_it(tmp_path, monkeypatch):
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA foo.\n"}, section="Lang = de")
    out, err = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:3:T.Foo:Avoid 'foo'."]  # the rules run as in Vale
    assert ".vale.ini:6: Lang = de for [*.md]: Vale uses Lang only to ask an NLPEndpoint" in err
    assert "Vale.Spelling still checks its default en_US dictionary" in err


def test_an_english_lang_needs_no_note(tmp_path, monkeypatch):
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA foo.\n"}, section="Lang = en_GB")
    _, err = lines(tmp_path, monkeypatch)
    assert "Lang" not in err


def test_lang_for_a_file():
    from lint.vale_config import ValeConfig, _parse

    cfg = ValeConfig(Path("/x/.vale.ini"), Path("/x"))
    _parse(cfg, "[*]\nLang = fr\n[*.md]\nLang = de\n", Path("/x/.vale.ini"), {})
    assert cfg.lang("a.md") == "fr"  # Vale: the first section that matches
    cfg2 = ValeConfig(Path("/x/.vale.ini"), Path("/x"))
    _parse(cfg2, "[*.md]\nLang = de\n", Path("/x/.vale.ini"), {})
    assert (cfg2.lang("a.md"), cfg2.lang("a.txt")) == ("de", "en")


# --------------------------------------------------------------------------
# matchcase (and capitalize)

MC = ("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nignorecase: true\n"
      "{extra}swap:\n  did not: didn't\n  a ok: A-OK\n")
REPLACE = "action:\n  name: replace\n"


def test_matchcase_recases_the_suggestion_like_the_match(tmp_path, monkeypatch):
    project(tmp_path, {"Mc": MC.format(extra="matchcase: true\n" + REPLACE)},
            {"a.md": "# Title\n\nDid not go. We did not stay. I am a ok. A OK then. A ok.\n"})
    out, _ = lines(tmp_path, monkeypatch)
    assert out == [
        "a.md:3:1:T.Mc:Use 'Didn't' instead of 'Did not'.",
        "a.md:3:16:T.Mc:Use 'didn't' instead of 'did not'.",  # near miss: lower case stays lower
        "a.md:3:35:T.Mc:Use 'a-ok' instead of 'a ok'.",  # the rule's 'A-OK' made lower case
        "a.md:3:41:T.Mc:Use 'A-OK' instead of 'A OK'.",
        "a.md:3:52:T.Mc:Use 'A-ok' instead of 'A ok'.",  # word by word
    ]
    js = alerts(tmp_path, monkeypatch)
    assert [a["Action"] for a in js][:3] == [{"Name": "replace", "Params": ["Didn't"]},
                                            {"Name": "replace", "Params": ["didn't"]},
                                            {"Name": "replace", "Params": ["a-ok"]}]
    cli("--config=.vale.ini", "--fix", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert (tmp_path / "a.md").read_text() == "# Title\n\nDidn't go. We didn't stay. I am a-ok. A-OK then. A-ok.\n"


def test_without_matchcase_the_swap_as_written(tmp_path, monkeypatch):
    project(tmp_path, {"Mc": MC.format(extra=REPLACE)}, {"a.md": "# Title\n\nDid not go. I am a ok.\n"})
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:1:T.Mc:Use 'didn't' instead of 'Did not'.", "a.md:3:18:T.Mc:Use 'A-OK' instead of 'a ok'."]


def test_matchcase_without_a_replace_action_keeps_vales_message(tmp_path, monkeypatch):
    # Vale recases the replace action's params only; newslint's fix is cased all the same
    project(tmp_path, {"Mc": MC.format(extra="matchcase: true\n")}, {"a.md": "# Title\n\nI am a ok.\n"})
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:6:T.Mc:Use 'A-OK' instead of 'a ok'."]
    assert alerts(tmp_path, monkeypatch)[0]["Action"] == {"Name": "", "Params": None}
    cli("--config=.vale.ini", "--fix", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert (tmp_path / "a.md").read_text() == "# Title\n\nI am a-ok.\n"


def test_matchcase_on_an_existence_replace_action(tmp_path, monkeypatch):
    rule = ("extends: existence\nmessage: \"'%s': write '%s'.\"\nlevel: error\nignorecase: true\nmatchcase: true\n"
            "tokens: [e-mail]\naction:\n  name: replace\n  params: [Email]\n")
    project(tmp_path, {"Mail": rule}, {"a.md": "# Title\n\nAn e-mail. E-MAIL. E-mail.\n"})
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:4:T.Mail:'e-mail': write 'email'.", "a.md:3:12:T.Mail:'E-MAIL': write 'EMAIL'.",
                   "a.md:3:20:T.Mail:'E-mail': write 'Email'."]
    assert [a["Action"]["Params"] for a in alerts(tmp_path, monkeypatch)] == [["email"], ["EMAIL"], ["Email"]]


def test_capitalize_with_a_replace_action_capitalises_every_option(tmp_path, monkeypatch):
    rule = ("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nignorecase: true\n"
            "capitalize: true\naction:\n  name: replace\nswap:\n  utilise: use|employ\n")
    project(tmp_path, {"Cap": rule}, {"a.md": "# Title\n\nUtilise it. We utilise it.\n"})
    out, _ = lines(tmp_path, monkeypatch)
    assert out == ["a.md:3:1:T.Cap:Use 'Use' or 'Employ' instead of 'Utilise'.",
                   "a.md:3:16:T.Cap:Use 'use' or 'employ' instead of 'utilise'."]
    assert [a["Action"]["Params"] for a in alerts(tmp_path, monkeypatch)] == [["Use", "Employ"], ["use", "employ"]]


def test_matchcase_is_a_rule_key_of_every_type(tmp_path, monkeypatch):
    rule = "extends: occurrence\nmessage: \"Too many.\"\nmatchcase: true\nmax: 1\ntoken: x\n"
    project(tmp_path, {"Occ": rule}, {"a.md": "# Title\n\nx x.\n"})
    code, _, err = cli("--config=.vale.ini", "--output=line", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code != 2, err


@pytest.mark.parametrize("replacement, observed, expected", [
    ("didn't", "Did not", "Didn't"),
    ("didn't", "DID NOT", "DIDN'T"),
    ("A-OK", "a ok", "a-ok"),
    ("A-OK", "A ok", "A-ok"),
    ("blu-ray", "BLU ray", "BLU-ray"),
    ("back out", "backout", "back out"),
    ("to back out", "To backout", "To back out"),
    ("poor showing", "Bad rep", "Poor showing"),  # title case is the phrase's, not each word's
    ("Poor Showing", "Bad Rep", "Poor Showing"),  # every word capitalised: each gets one
    ("there is an", "THERE AN", "THERE IS AN"),  # an inserted word: cased like the word after it
    ("some of the", "Some the", "Some of the"),
    ("iPhone", "iphone", "iphone"),
    ("McDonald", "mcdonald", "mcdonald"),
    ("x", "A", "X"),  # one capital letter is a capitalised word
    ("a-ok", "123", "a-ok"),  # nothing to read the case from
])
def test_match_case_as_vale_computes_it(replacement, observed, expected):
    from lint.checks._vale import match_case

    assert match_case(replacement, observed) == expected


# --------------------------------------------------------------------------
# --output=JSON: the rule's own Action


def test_json_action_is_the_rules_own(tmp_path, monkeypatch):
    edit = ("extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens: ['\\w+!']\n"
            "action:\n  name: edit\n  params: [trim_right, '!']\n")
    remove = "extends: existence\nmessage: \"'%s'\"\ntokens: [very]\naction:\n  name: remove\n"
    project(tmp_path, {"Foo": FOO, "Edit": edit, "Rm": remove, "Swap": SWAP},
            {"a.md": "# Title\n\nA foo is very nice!\n"})
    got = {a["Check"]: a["Action"] for a in alerts(tmp_path, monkeypatch)}
    assert got == {
        "T.Foo": {"Name": "", "Params": None},  # no action: none, whatever fix newslint offers
        "T.Swap": {"Name": "", "Params": None},  # a substitution without an action: none either
        "T.Edit": {"Name": "edit", "Params": ["trim_right", "!"]},
        "T.Rm": {"Name": "remove", "Params": None},
    }


def test_json_action_of_a_substitution_replace_is_its_options(tmp_path, monkeypatch):
    rule = ("extends: substitution\nmessage: \"Use %s instead of '%s'.\"\nlevel: error\n"
            "action:\n  name: replace\nswap:\n  foo: bar|baz\n")
    project(tmp_path, {"Swap": rule}, {"a.md": "# Title\n\nA foo.\n"})
    (a,) = alerts(tmp_path, monkeypatch)
    assert a["Action"] == {"Name": "replace", "Params": ["bar", "baz"]}
    assert a["Message"] == "Use 'bar' or 'baz' instead of 'foo'."


def test_json_action_of_vale_spelling(tmp_path, monkeypatch):
    project(tmp_path, {"Foo": FOO}, {"a.md": "# Title\n\nA speling error.\n"}, section="Vale.Spelling = YES")
    (a,) = [x for x in alerts(tmp_path, monkeypatch) if x["Check"] == "Vale.Spelling"]
    assert a["Action"] == {"Name": "suggest", "Params": ["spellings"]}
