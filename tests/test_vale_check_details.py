"""Vale check-type details (issue 15, item 6): negated ``~alt`` / ``~table``
scopes, ``%[n]s`` in every check type's message, substitution case, the edit
action's ``%s`` and fix, existence matches and trailing blanks.

Each expectation is what current Vale (vale-cli/vale, internal/check/) prints."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from helpers import cli

RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\nscope: {scope}\ntokens: [bad]\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path, *args: str, monkeypatch) -> tuple[int, list[str], str]:
    code, out, err = cli("--isolated", "--no-builtin", "--format", "line", *args, cwd=root, monkeypatch=monkeypatch)
    return code, out.splitlines(), err


# --------------------------------------------------------------------------
# ~alt, ~table (and ~list, ~heading, ~blockquote still)

DOC = """\
    # A bad heading

    A bad paragraph with ![a bad image](x.png) inside.

    | bad head | two |
    | --- | --- |
    | bad cell | ok |

    > a bad quote

    - a bad item
    """

EVERY = ["1:5", "3:3", "3:26", "5:3", "7:3", "9:5", "11:5"]


def _positions(out: list[str], rule: str) -> list[str]:
    return [":".join(line.split(":")[1:3]) for line in out if f":T.{rule}:" in line]


def test_negated_scopes_read_everything_but_what_they_name(tmp_path, monkeypatch):
    scopes = {"Text": "text", "NoAlt": "'~alt'", "NoTable": "'~table'", "NoHead": "'~table.header'",
              "NoList": "'~list'", "NoHeading": "'~heading'", "NoQuote": "'~blockquote'"}
    write(tmp_path, {f"r/T/{n}.yml": RULE.format(scope=s) for n, s in scopes.items()} | {"a.md": DOC})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert _positions(out, "Text") == EVERY
    assert _positions(out, "NoAlt") == [p for p in EVERY if p != "3:26"]  # the alt text of the image
    assert _positions(out, "NoTable") == [p for p in EVERY if p not in ("5:3", "7:3")]  # both rows' cells
    assert _positions(out, "NoHead") == [p for p in EVERY if p != "5:3"]  # the body row stays
    assert _positions(out, "NoList") == [p for p in EVERY if p != "11:5"]
    assert _positions(out, "NoHeading") == [p for p in EVERY if p != "1:5"]
    assert _positions(out, "NoQuote") == [p for p in EVERY if p != "9:5"]
    assert "a.md:3:3:T.NoAlt:Avoid 'bad'." in out


def test_not_alt_keeps_the_words_around_an_image(tmp_path, monkeypatch):
    # a phrase on both sides of the image is still read; the alt text's own words are not
    rule = "extends: existence\nmessage: \"'%s'\"\nscope: '~alt'\nnonword: true\ntokens: ['with', 'inside\\.', 'image']\n"
    write(tmp_path, {"r/T/W.yml": rule, "a.md": "A paragraph with ![an image](x.png) inside.\n"})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:1:13:T.W:'with'", "a.md:1:37:T.W:'inside.'"]


def test_not_table_on_a_file_without_tables_reads_it_all(tmp_path, monkeypatch):
    write(tmp_path, {"r/T/N.yml": RULE.format(scope="'~table'"), "a.md": "# Title\n\nA bad day.\n"})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:3:3:T.N:Avoid 'bad'."]


def test_not_table_in_restructuredtext(tmp_path, monkeypatch):
    rst = """\
        Title
        =====

        A bad day.

        =====  =====
        Head   Two
        =====  =====
        bad    cell
        =====  =====
        """
    write(tmp_path, {"r/T/N.yml": RULE.format(scope="'~table'"), "r/T/T.yml": RULE.format(scope="table"), "a.rst": rst})
    _, out, _ = run(tmp_path, "--rules", "r", "a.rst", monkeypatch=monkeypatch)
    assert out == ["a.rst:4:3:T.N:Avoid 'bad'.", "a.rst:9:1:T.T:Avoid 'bad'."]


# --------------------------------------------------------------------------
# existence: trailing blanks at a sentence's end; the edit action's %s and fix

EXCLAIM = """\
    extends: existence
    message: "'%s' -> '%s'"
    nonword: true
    level: suggestion
    action:
      name: edit
      params:
        - trim_right
        - "!"
    tokens:
      - '\\w+!(?:\\s|$)'
    """


def _vale_project(root: Path, rules: dict[str, str], files: dict[str, str]) -> Path:
    ini = "StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = T\n"
    return write(root, {".vale.ini": ini} | {f"styles/T/{n}.yml": r for n, r in rules.items()} | files)


def test_edit_action_fills_the_second_verb_and_the_match_ends_at_the_sentence(tmp_path, monkeypatch):
    _vale_project(tmp_path, {"Ex": EXCLAIM}, {"a.md": "# Title\n\nThis is amazing! You should try it!\n"})
    _, out, _ = run(tmp_path, "--config=.vale.ini", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:3:9:T.Ex:'amazing!' -> 'amazing'", "a.md:3:33:T.Ex:'it!' -> 'it'"]
    code, js, _ = cli("--config=.vale.ini", "--output=JSON", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 0  # suggestions only
    alerts = json.loads(js)["a.md"]
    assert [(a["Line"], a["Match"], a["Span"]) for a in alerts] == [(3, "amazing!", [9, 16]), (3, "it!", [33, 35])]


def test_fix_applies_the_edit_action_without_eating_the_blank(tmp_path, monkeypatch):
    _vale_project(tmp_path, {"Ex": EXCLAIM}, {"a.md": "# Title\n\nThis is amazing! You should try it!\n"})
    cli("--config=.vale.ini", "--fix", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert (tmp_path / "a.md").read_text() == "# Title\n\nThis is amazing You should try it\n"


def test_trailing_blanks_mid_sentence_stay_in_the_match(tmp_path, monkeypatch):
    # near miss: "very " is not at a sentence's end, so its blank is part of the match (Vale)
    rule = "extends: existence\nmessage: \"[%s]\"\nlevel: error\nnonword: true\ntokens: ['very\\s']\n"
    _vale_project(tmp_path, {"V": rule}, {"a.md": "# Title\n\nA very good day.\n"})
    code, js, _ = cli("--config=.vale.ini", "--output=JSON", "a.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1  # an error
    (alert,) = json.loads(js)["a.md"]
    assert (alert["Match"], alert["Message"], alert["Span"]) == ("very ", "[very ]", [3, 7])


def test_an_action_without_a_second_verb_and_a_rule_without_an_action(tmp_path, monkeypatch):
    # without an action Vale formats with the match alone: a second %s prints "" (CondSprintf)
    plain = "extends: existence\nmessage: \"'%s' and '%s'\"\ntokens: [foo]\n"
    regex_edit = ("extends: existence\nmessage: \"Write '%[2]s', not '%[1]s'.\"\ntokens: ['colou?r']\n"
                  "action:\n  name: edit\n  params: [regex, 'colou?r', 'hue']\n")
    _vale_project(tmp_path, {"Plain": plain, "Re": regex_edit}, {"a.md": "# Title\n\nThe foo colour.\n"})
    _, out, _ = run(tmp_path, "--config=.vale.ini", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:3:5:T.Plain:'foo' and ''", "a.md:3:9:T.Re:Write 'hue', not 'colour'."]


@pytest.mark.parametrize("params, match, expected", [
    (["trim_right", "!"], "wow!!", ["wow"]),
    (["trim_right", "!"], "wow! ", ["wow!"]),  # Vale trims the characters, then the blanks
    (["trim_left", "#"], "##tag", ["tag"]),
    (["trim", "*"], "**bold**", ["bold"]),
    (["truncate", " "], "the the", ["the"]),
    (["split", "-", "1"], "e-mail", ["mail"]),
    (["regex", "(\\w+)-(\\w+)", "$2 $1"], "mail-e", ["e mail"]),
    (["regex", "(\\w+)", "${1}s"], "cat", ["cats"]),
    (["regex", "(\\w+)", "$1s"], "cat", [""]),  # Go reads "$1s" as the group named "1s": empty
    (["regex", "a", "$$"], "a", ["$"]),
])
def test_action_fixes_as_vale_computes_them(params, match, expected):
    from lint.checks._vale import action_fixes

    assert action_fixes("edit", params, match) == expected


@pytest.mark.parametrize("params, error", [
    (["trim_right"], "invalid number of parameters"),
    (["split", "-", "5"], "index out of range"),
    (["split", "-", "x"], "invalid literal"),
    ([], "no parameters"),
])
def test_action_errors_as_vale_reports_them(params, error):
    from lint.checks._vale import ActionError, action_fixes

    with pytest.raises(ActionError, match=error):
        action_fixes("edit", params, "e-mail")


def test_fix_subcommand_uses_the_same_actions(tmp_path, monkeypatch):
    alert = json.dumps({"Action": {"Name": "edit", "Params": ["trim_right", "!"]}, "Match": "wow! "})
    code, out, _ = cli("fix", alert, cwd=tmp_path, monkeypatch=monkeypatch)
    assert json.loads(out) == {"suggestions": ["wow!"], "error": ""}
    bad = json.dumps({"Action": {"Name": "edit", "Params": ["split", "-", "9"]}, "Match": "e-mail"})
    code, out, _ = cli("fix", bad, cwd=tmp_path, monkeypatch=monkeypatch)
    assert (code, json.loads(out)) == (0, {"suggestions": [], "error": "index out of range"})


# --------------------------------------------------------------------------
# %[n]s in every Vale check type's message (Go's fmt, through Vale's CondSprintf)

TYPES = {
    # name: (rule body without message, text, the message template, the expected message)
    "existence": ("extends: existence\ntokens: [foo]\n", "A foo day.", "'%[1]s', again '%[1]s', then [%s]",
                  "'foo', again 'foo', then []"),
    "substitution": ("extends: substitution\nswap:\n  foo: bar\n", "A foo day.", "Not '%[2]s' but '%[1]s' (%[2]s)",
                     "Not 'foo' but 'bar' (foo)"),
    "occurrence": ("extends: occurrence\nscope: paragraph\nmax: 1\ntoken: o\n", "Foo too.", "%[1]d o's, %[1]d", "4 o's, 4"),
    "repetition": ("extends: repetition\ntokens: ['[^\\s.!?]+']\n", "A day day.", "'%[1]s' twice: %[1]s", "'day' twice: day"),
    "capitalization": ("extends: capitalization\nscope: heading\nmatch: $title\n", "# a bad title\n\nText.",
                       "'%[2]s' for '%[1]s'", "'A Bad Title' for 'a bad title'"),
    "conditional": ("extends: conditional\nfirst: '\\b([A-Z]{3,})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,})\\)'\n",
                    "The ABC rule.", "%[1]s: define %[1]s", "ABC: define ABC"),
    "consistency": ("extends: consistency\neither:\n  advisor: adviser\n", "An advisor and an adviser.",
                    "%[1]s, not %[1]s", "adviser, not adviser"),
}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_explicit_argument_indexes_in_every_type(name, tmp_path, monkeypatch):
    body, text, template, expected = TYPES[name]
    rule = f"message: \"{template}\"\n" + body
    doc = text + "\n" if text.startswith("#") else "# Title\n\n" + text + "\n"
    _vale_project(tmp_path, {"R": rule}, {"a.md": doc})
    _, out, err = run(tmp_path, "--config=.vale.ini", "a.md", monkeypatch=monkeypatch)
    assert [line.split(":", 4)[4] for line in out if ":T.R:" in line] == [expected], err


@pytest.mark.parametrize("template, subs, expected", [
    ("%s, %s and %s", ("x",), "x,  and %!s(MISSING)"),  # one verb past the subs prints Vale's appended ""
    ("%[1]s %s", ("a",), "a "),
    ("%[3]s", ("a",), "%!s(BADINDEX)"),
    ("Content too short (%d).", (3,), "Content too short (3)."),
    ("More than 2 commas (%s).", (3,), "More than 2 commas (3)."),
    ("%d", ("3",), "%!d(string=3)"),
    ("50%% of '%s'", ("x",), "50% of 'x'"),
    ("No verb.", ("a",), "No verb."),
])
def test_vale_message_is_go_sprintf(template, subs, expected):
    from lint.checks._vale import vale_message

    assert vale_message(template, *subs) == expected


# --------------------------------------------------------------------------
# substitution: the case of the match (Vale's subMsg: only with `capitalize: true`)

SUB = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nignorecase: true\n{extra}swap:\n  did not: didn't\n"


def test_substitution_keeps_the_case_of_the_match_only_with_capitalize(tmp_path, monkeypatch):
    _vale_project(tmp_path, {"Cap": SUB.format(extra="capitalize: true\n"), "Plain": SUB.format(extra="")},
                  {"a.md": "# Title\n\nDid not go. We did not stay.\n"})
    _, out, _ = run(tmp_path, "--config=.vale.ini", "a.md", monkeypatch=monkeypatch)
    assert out == [
        "a.md:3:1:T.Cap:Use 'Didn't' instead of 'Did not'.",
        "a.md:3:1:T.Plain:Use 'didn't' instead of 'Did not'.",  # Vale: no capitalize, the swap as written
        "a.md:3:16:T.Cap:Use 'didn't' instead of 'did not'.",  # near miss: a lower-case match stays lower case
        "a.md:3:16:T.Plain:Use 'didn't' instead of 'did not'.",
    ]
    _vale_project(tmp_path, {"Plain": SUB.format(extra="")}, {"b.md": "# Title\n\nDid not go. We did not stay.\n"})
    (tmp_path / "styles/T/Cap.yml").unlink()
    cli("--config=.vale.ini", "--fix", "b.md", cwd=tmp_path, monkeypatch=monkeypatch)
    # the fix keeps a sentence's capital either way
    assert (tmp_path / "b.md").read_text() == "# Title\n\nDidn't go. We didn't stay.\n"


# --------------------------------------------------------------------------
# exceptions: Vale searches them in the match, as whole words, case-sensitive


def test_exceptions_are_whole_words_searched_in_the_match(tmp_path, monkeypatch):
    """RedHat.PassiveVoice: ``raw: \\b(is|was)\\b\\s*`` + ``tokens: ['\\w+ed']``, ``exceptions: [deprecated]``:
    Vale's exceptRe is searched in the trimmed match ("is deprecated"), whole words only, and the
    rule's ignorecase does not reach it (updateExceptions adds (?-i) to each term)."""
    rule = ("extends: existence\nmessage: \"'%s' is passive.\"\nlevel: error\nignorecase: true\n"
            "raw: ['\\b(is|was)\\b\\s*']\ntokens: ['\\w+ed']\nexceptions: [deprecated, '(?i)tested']\n")
    doc = "It is deprecated.\n\nIt is Deprecated.\n\nIt is TESTED.\n\nIt was undeprecated.\n\nIt is needed.\n"
    write(tmp_path, {"r/T/Passive.yml": rule, "a.md": doc})
    code, out, err = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:3:4:T.Passive:'is Deprecated' is passive.",
                   "a.md:7:4:T.Passive:'was undeprecated' is passive.",
                   "a.md:9:4:T.Passive:'is needed' is passive."], err
