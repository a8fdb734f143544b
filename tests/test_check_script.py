"""The ``script`` check type: Vale's Tengo rules (lint/checks/script.py)."""

from __future__ import annotations

import pytest

from lint.article import Article, Block, Metadata
from lint.checks import REGISTRY, script
from lint.checks.base import DEFAULT_CONTEXT


def rule(src: str, message: str = "found '%s'", scope: str = "raw") -> script.Script:
    return script.compile(script.Params(extends="script", script=src, message=message, scope=[scope]), DEFAULT_CONTEXT)


def run(src: str, text: str) -> list[tuple[str, str]]:
    """(matched text, message) of each finding on ``text`` (raw scope, a plain-text article)."""
    checker = rule(src)
    assert not checker.skipped_reason, checker.skipped_reason
    art = Article("t.txt", text, "txt", Metadata(), [Block("paragraph", 0, text)])
    return [(text[f.span.start:f.span.end], f.message) for f in checker.check(art, [Block("paragraph", 0, text)])]


def matched(src: str, text: str) -> list[str]:
    return [m for m, _ in run(src, text)]


FIND = 'text := import("text")\nmatches := []\nfor m in text.re_find(`%s`, scope, -1) {\n  matches = append(matches, {begin: m[0].begin, end: m[0].end})\n}\n'


def test_registry_runs_scripts():
    assert REGISTRY.get("script") is script


def test_re_find_must_fire_and_near_miss():
    src = FIND % r"!\[\]\(.*?\)"
    assert matched(src, "see ![](a.png) and ![alt](b.png)") == ["![](a.png)"]
    assert matched(src, "see ![alt](b.png)") == []  # no match: re_find is undefined, iterating it does nothing


def test_message_substitutes_matched_text():
    assert run(FIND % "b+", "abbbc") == [("bbb", "found 'bbb'")]


def test_byte_offsets_with_non_ascii_text():
    # Go's offsets are bytes: "é" is two, "“" three; the findings land on code points
    text = "é “x” ça"
    assert matched(FIND % "[“”]", text) == ["“", "”"]
    assert matched('matches := [{begin: 6, end: 7}]', text) == ["x"]  # byte 6 is "x" (é=2, space, “=3)
    assert matched('matches := [{begin: 3, end: 6}]', text) == ["“"]


def test_offsets_into_original_scope_even_when_script_rewrites_it():
    src = 'text := import("text")\nscope = text.re_replace("X+", scope, "")\nmatches := [{begin: 0, end: len(scope)}]'
    assert matched(src, "XXabc") == ["XXa"]  # len of the rewritten scope, offsets into the given one


def test_message_key_overrides_rule_message():
    assert run('matches := [{begin: 0, end: 1, message: "own %s"}]', "ab") == [("a", "own a")]


def test_assignments_and_operators():
    src = '''
x := 1
x += 2
x++
x *= 3
s := "a" + x + "b"
matches := []
if s == "a12b" && x % 5 == 2 && 7 / 2 == 3 && -7 / 2 == -3 { matches = append(matches, {begin: 0, end: 1}) }
if s != "a12b" || x == 11 { matches = append(matches, {begin: 1, end: 2}) }
'''
    assert matched(src, "abc") == ["a"]


def test_if_else_chain_and_ternary():
    src = '''
n := len(scope)
matches := []
if n > 10 { matches = append(matches, {begin: 0, end: 1})
} else if n > 2 { matches = append(matches, {begin: 1, end: 2})
} else { matches = append(matches, {begin: 0, end: 0}) }
k := n > 2 ? 2 : 0
matches = append(matches, {begin: k, end: k + 1})
'''
    assert matched(src, "abcd") == ["b", "c"]
    assert matched(src, "ab") == ["", "a"]


def test_for_forms_break_continue():
    src = '''
matches := []
for i := 0; i < len(scope); i++ {
  if i == 1 { continue }
  if i == 3 { break }
  matches = append(matches, {begin: i, end: i + 1})
}
j := 0
for j < 2 { j++ }
for { j += 10; if j > 30 { break } }
for i, x in [7, 8] { if i == 1 && x == 8 && j == 32 { matches = append(matches, {begin: 4, end: 5}) } }
for k, v in {a: 1} { if k == "a" && v == 1 { matches = append(matches, {begin: 5, end: 6}) } }
'''
    assert matched(src, "abcdef") == ["a", "c", "e", "f"]


def test_arrays_maps_indexing_slicing():
    src = '''
text := import("text")
a := [1, 2, 3]
a[0] = 5
m := {x: "q"}
m.y = 2
m["x"] += "r"
parts := text.split("a,b,c", ",")
matches := []
if a[0] == 5 && a[5] == undefined && m.x == "qr" && m.y == 2 && len(a[1:]) == 2 && scope[1:3] == "bc" && parts[2] == "c" && len(parts) == 3 {
  matches = a[:1]
  matches = [{begin: 0, end: 2}]
}
'''
    assert matched(src, "abcd") == ["ab"]


def test_text_functions():
    src = '''
text := import("text")
matches := []
ok := text.re_match(`^\\d+$`, "123") && !text.re_match(`^\\d+$`, "12a")
ok = ok && text.contains("abc", "b") && text.has_prefix("abc", "ab") && text.trim_space("  x ") == "x"
ok = ok && text.count("<.> <.>", "<.>") == 2 && text.index("abc", "c") == 2 && text.itoa(4) == "4"
ok = ok && text.atoi("12") == 12 && is_error(text.atoi("x")) && text.trim_prefix("<1>", "<") == "1>"
ok = ok && text.to_upper("é") == "É" && text.replace("aaa", "a", "b", 2) == "bba" && text.join(["a", "b"], "-") == "a-b"
found := text.re_find(`<(\\d+)>`, "x <12>")
ok = ok && found[0][0].text == "<12>" && found[0][1].text == "12" && found[0][1].begin == 3
if ok { matches = append(matches, {begin: 0, end: 1}) }
'''
    assert matched(src, "ab") == ["a"]


def test_go_regex_meanings():
    # \\w is ASCII in Go; $ is the end of the text without (?m); [\\w-_] is a class with '-'
    assert matched(FIND % r"\w+", "héllo") == ["h", "llo"]
    assert matched(FIND % "a$", "a\na") == ["a"]
    assert len(matched(FIND % "(?m)a$", "a\na")) == 2
    assert matched(FIND % r"[\w-_]+", "a-b c") == ["a-b", "c"]


def test_trim_space_keeps_utf8_bytes():
    # "à" is C3 A0: a naive strip on latin-1 would drop its A0 byte (NBSP)
    src = 'text := import("text")\nt := text.trim_space(scope)\nmatches := [{begin: 0, end: len(t)}]'
    assert matched(src, " à ") == [" à"]  # 3 bytes kept: " " is byte 0 of the original scope


def test_real_red_hat_script_valid_conditions():
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "shared/vale-packages/redhat-documentation+vale-at-red-hat/.vale/styles/AsciiDoc/ValidConditions.yml"
    if not path.is_file():
        pytest.skip("Red Hat package not present")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert matched(spec["script"], "ifdef::a[]\ntext\n") == ["ifdef::a[]"]
    assert matched(spec["script"], "ifdef::a[]\ntext\nendif::[]\n") == []


def test_step_limit_stops_a_hostile_script(monkeypatch):
    monkeypatch.setattr(script, "STEP_LIMIT", 10_000)
    found = run("matches := []\nfor { }", "abc")
    assert len(found) == 1 and "steps" in found[0][1]
    assert run("matches := []\nfor i := 0; i < 100; i++ { }", "abc") == []  # under the limit: runs


def test_runtime_error_is_one_finding():
    found = run('matches := [1 / 0]', "abc")
    assert len(found) == 1 and "division by zero" in found[0][1]


def test_fmt_prints_nothing(capsys):
    assert run('fmt := import("fmt")\nfmt.println("hi")\nmatches := []', "abc") == []
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(("src", "missing"), [
    ('f := func(x) { return x }', "func"),
    ('os := import("os")', "module 'os'"),
    ('matches := [\n  1 +\n', "line"),
    ('a, b := 1, 2', "tuple"),
    ('x = 1', "unresolved reference 'x'"),
])
def test_unsupported_syntax_is_a_clear_skip(src, missing):
    checker = rule(src)
    assert missing in checker.skipped_reason
    assert list(checker.check(Article("t.txt", "abc", "txt", Metadata(), []), [])) == []


def test_invalid_match_entries_are_ignored():
    assert matched('matches := [{begin: 2, end: 1}, {begin: 0, end: 99}, {begin: "a", end: 1}, 5]', "abc") == []
