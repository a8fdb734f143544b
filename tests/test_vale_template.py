"""Vale's --output=path/to/template.tmpl (issue 15, item 1): Go text/template with sprig's and
Vale's functions (lint/formats/vale_template.py), over the data Vale gives a template."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from helpers import newslint
from lint.formats.vale_template import GoStruct, Template, TemplateError, renderer
from lint.pipeline import UsageError

SHARED = Path(__file__).resolve().parents[2] / "shared"
CONFORMANCE = SHARED / "vale-conformance" / "testdata"
GRAFANA = SHARED / "vale-packages" / "grafana+writers-toolkit" / "vale"

DATA = {"Files": [{"Path": "a.md", "Alerts": [{"Line": 3, "Span": [1, 4], "Message": "m <1>"}]},
                  {"Path": "b.md", "Alerts": []}],
        "N": 5, "S": "héllo", "Empty": "", "L": ["x", "y", "z"]}


def render(src: str, data=DATA) -> str:
    return Template(src, "t.tmpl").execute(data)


@pytest.mark.parametrize(("src", "out"), [
    # text, trimming, comments
    ("a {{- 1 -}} b", "a1b"),
    ("a {{1}} b", "a 1 b"),
    ("a {{-1}} b", "a -1 b"),  # `{{-1` is the number -1, not a trim marker
    ("x\n{{- /* a comment */ -}}\n  y", "xy"),
    ("{{/* kept around */}}|", "|"),
    # fields, variables, scope
    ("{{ .N }} {{ .S }} {{ (index .Files 0).Path }}", "5 héllo a.md"),
    ("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2"),
    ("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "21"),
    ("{{ range .Files }}{{ $.N }}{{ .Path }};{{ end }}", "5a.md;5b.md;"),
    ("{{ $f := index .Files 0 }}{{ $f.Path }}", "a.md"),
    # pipelines and parenthesised calls
    ('{{ .S | upper | printf "<%s>" }}', "<HÉLLO>"),
    ('{{ .N | printf "%d-%d" 1 }}', "1-5"),
    ('{{ printf "%s" (index .L (len (slice .L 1))) }}', "z"),
    # literals
    ("{{ \"a\\tb\" }}|{{ `r\\n` }}|{{ 1.5 }}|{{ 1e6 }}|{{ 0x1F }}|{{ 'a' }}|{{ true }}", "a\tb|r\\n|1.5|1e+06|31|97|true"),
    # if / else if / else, with / else
    ('{{ if eq .N 4 }}four{{ else if eq .N 5 }}five{{ else }}other{{ end }}', "five"),
    ('{{ if .Empty }}yes{{ else }}no{{ end }}', "no"),
    ("{{ with .Missing }}has{{ else }}none{{ end }}|{{ with .S }}{{ . }}{{ end }}", "none|héllo"),
    ("{{ with $x := .N }}{{ $x }}{{ end }}", "5"),
    # range: index and element, else, break, continue, maps in key order
    ("{{ range $i, $e := .L }}{{ $i }}{{ $e }}{{ end }}", "0x1y2z"),
    ("{{ range .Nothing }}x{{ else }}empty{{ end }}", "empty"),
    ("{{ range $e := list 1 2 3 4 }}{{ if eq $e 2 }}{{ continue }}{{ end }}{{ if eq $e 4 }}{{ break }}{{ end }}"
     "{{ $e }}{{ end }}", "13"),
    ('{{ range $k, $v := dict "b" 2 "a" 1 }}{{ $k }}={{ $v }} {{ end }}', "a=1 b=2 "),
    # define / template
    ('{{ define "T" }}[{{ . }}]{{ end }}{{ template "T" .N }}', "[5]"),
    # builtins
    ("{{ and 1 0 2 }} {{ or 0 \"\" \"z\" }} {{ not 0 }} {{ ne 1 2 }} {{ lt 1 2 }} {{ ge \"b\" \"a\" }}",
     "0 z true true true true"),
    ("{{ eq .N 1 2 5 }} {{ len .S }} {{ len .L }}", "true 6 3"),  # len counts a string's UTF-8 bytes, as Go
    ('{{ print 1 2 "a" "b" 3 }}|{{ println 1 "a" }}|', "1 2ab3|1 a\n|"),
    ('{{ printf "%s|%d|%v|%q|%%|%5d|%-4s|%x" "a" 3 .L "q\\"" 7 "b" 255 }}', 'a|3|[x y z]|"q\\""|%|    7|b   |ff'),
    ('{{ printf "%d" "x" }} {{ printf "%s" 3 }} {{ printf "%s" }} {{ printf "a" 1 }}',
     "%!d(string=x) %!s(int=3) %!s(MISSING) a%!(EXTRA int=1)"),
    ("{{ html \"<a href='x'>&\" }} {{ js \"a'b<\" }} {{ urlquery \"a b&c\" }}",
     "&lt;a href=&#39;x&#39;&gt;&amp; a\\'b\\u003C a+b%26c"),
    ("{{ .Missing }}", "<no value>"),
    # sprig
    ('{{ splitList ", " "a, b, c" | join "+" }} {{ first .L }} {{ last .L }} {{ rest .L }}', "a+b+c x z [y z]"),
    ('{{ upper "ab" }} {{ lower "AB" }} {{ title "hello wide world" }} {{ trim "  x " }} {{ trimAll "$" "$$a$" }}',
     "AB ab Hello Wide World x a"),
    ('{{ replace "a" "o" "banana" }} {{ contains "an" "banana" }} {{ hasPrefix "ba" "banana" }} '
     '{{ hasSuffix "x" "banana" }} {{ repeat 3 "ab" }} {{ trimPrefix "ba" "banana" }} {{ trimSuffix "na" "banana" }}',
     "bonono true true false ababab nana bana"),
    ('{{ default "d" "" }} {{ default "d" "v" }} {{ default "d" .Missing }} {{ empty .L }} {{ coalesce "" 0 "c" }}',
     "d v d false c"),
    ("{{ add 1 2 3 }} {{ add1 1 }} {{ sub 5 7 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ div -7 2 }} {{ mod 7 3 }} "
     "{{ max 1 9 3 }} {{ min 4 2 }}", "6 2 -2 24 3 -3 1 9 2"),
    ('{{ list 1 "a" }} {{ dict "k" 1 }} {{ $d := dict }}{{ $_ := set $d "x" 1 }}{{ get $d "x" }}{{ get $d "y" }} '
     '{{ hasKey $d "x" }} {{ keys (dict "b" 1 "a" 2) }}', "[1 a] map[k:1] 1 true [a b]"),
    ('{{ toJson .L }} {{ toJson (dict "b" "<&>" "a" 1.5) }}', '["x","y","z"] {"a":1.5,"b":"\\u003c\\u0026\\u003e"}'),
    ('{{ toPrettyJson (dict "a" (list 1)) }}', '{\n  "a": [\n    1\n  ]\n}'),
    ('{{ quote "a\\"b" }} {{ squote "x" }} {{ cat "a" 1 }} {{ indent 2 "a\\nb" }} {{ plural "file" "files" 2 }}',
     "\"a\\\"b\" 'x' a 1   a\n  b files"),
    ('{{ regexReplaceAll "(a)(n)" "banana" "${2}$1" }} {{ regexMatch "^b" "banana" }} {{ regexFind "n." "banana" }}',
     "bnanaa true na"),
    ('{{ substr 1 3 "hello" }} {{ trunc 3 "hello" }} {{ uniq (list 1 1 2) }} {{ has 2 (list 1 2) }} '
     '{{ until 3 }} {{ toString 5 }} {{ atoi "12" }} {{ int "7" }}', "el hel [1 2] true [0 1 2] 5 12 7"),
    # Vale's own: jsonEscape is encoding/json's string body, with its HTML escapes
    ('{{ jsonEscape "a\\"b\\n<c> é" }}', 'a\\"b\\n\\u003cc\\u003e é'),
    ('{{ "x" | red }}{{ "y" | underline }}', "xy"),  # colours only on a terminal
])
def test_construct(src, out):
    assert render(src) == out


def test_struct_fields_and_go_printing():
    alert = GoStruct("core.Alert", {"Line": 3, "Span": [1, 4]})
    data = GoStruct("main.Data", {"Files": [alert]})
    assert render("{{ range .Files }}{{ .Line }}:{{ index .Span 1 }} {{ . }} {{ printf \"%+v\" . }}{{ end }}",
                  data) == "3:4 {3 [1 4]} {Line:3 Span:[1 4]}"
    with pytest.raises(TemplateError, match=r"t\.tmpl:1: executing: can't evaluate field Nope in type core\.Alert"):
        render("{{ range .Files }}{{ .Nope }}{{ end }}", data)


@pytest.mark.parametrize(("src", "message"), [
    ("{{ foo 1 }}", 't.tmpl:1: function "foo" not defined'),
    ("a\nb\n{{ nosuch }}", 't.tmpl:3: function "nosuch" not defined'),
    ("{{ if 1 }}x", "t.tmpl:1: unexpected EOF: {{if}} has no {{end}}"),
    ("x\n{{ end }}", "t.tmpl:2: unexpected {{end}}"),
    ("{{ $x = 1 }}", 't.tmpl:1: undefined variable "$x"'),
    ("{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}", 't.tmpl:1: undefined variable "$y"'),
    ("{{ (1 }}", "t.tmpl:1: unclosed left paren"),
    ('{{ "abc }}', "t.tmpl:1: unterminated quoted string"),
    ("{{ /* not a comment */ }}", "t.tmpl:1: unrecognized character in action: '/'"),
    ("{{ nil }}", "t.tmpl:1: nil is not a command"),
    ("{{ 1 ", "t.tmpl:1: unclosed action"),
    # execution
    ('{{ eq 1 "a" }}', "t.tmpl:1: executing: error calling eq: incompatible types for comparison"),
    ("{{ index .L 3 }}", "t.tmpl:1: executing: error calling index: index out of range: 3"),
    ('{{ join "," }}', "t.tmpl:1: executing: wrong number of args for join: want 2 got 1"),
    ("\n{{ upper 3 }}", "t.tmpl:2: executing: wrong type for value; expected string; got int"),
    ("{{ 3 4 }}", "t.tmpl:1: executing: can't give argument to non-function 3"),
    ("{{ div 1 0 }}", "t.tmpl:1: executing: error calling div: runtime error: integer divide by zero"),
    ('{{ fail "stop here" }}', "t.tmpl:1: executing: error calling fail: stop here"),
    ("{{ .S.X }}", "t.tmpl:1: executing: can't evaluate field X in type string"),
])
def test_errors_name_the_file_and_line(src, message):
    with pytest.raises(TemplateError) as exc:
        render(src)
    assert str(exc.value) == message


# --------------------------------------------------------------------------
# The command line


# A template must not take the process down: bounded nesting, printf widths, sizes (each well under a second).
LIMITS = [
    ('{{define "a"}}x{{template "a" .}}{{end}}\n{{template "a" .}}',
     "t.tmpl:1: executing: exceeded maximum template depth (100)"),
    ('{{define "a"}}{{if 1}}{{with 1}}{{range list 1}}{{template "a" .}}{{end}}{{end}}{{end}}{{end}}{{template "a"}}',
     "t.tmpl:1: executing: exceeded maximum template depth (100)"),
    ("\n" + "{{ if 1 }}" * 3000 + "{{ end }}" * 3000, "t.tmpl:2: template nested too deeply"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "t.tmpl:1: template nested too deeply"),
    ('\n{{ repeat 1000000000 "ab" }}',
     "t.tmpl:2: executing: error calling repeat: result would be 2000000000 characters, more than 10000000"),
    ('{{ indent 1000000000 "a" }}',
     "t.tmpl:1: executing: error calling indent: result would be 1000000001 characters, more than 10000000"),
    ("{{ until 1000000000 }}",
     "t.tmpl:1: executing: error calling until: result would have 1000000000 elements, more than 1000000"),
    ("{{ untilStep 0 -1000000000 -1 }}",
     "t.tmpl:1: executing: error calling untilStep: result would have 1000000000 elements, more than 1000000"),
    ("{{ range 1000000000 }}x{{ end }}", "t.tmpl:1: executing: range over 1000000000: more than 1000000 iterations"),
]


@pytest.mark.parametrize(("src", "message"), LIMITS)
def test_limits_are_template_errors(src, message):
    start = time.process_time()
    with pytest.raises(TemplateError) as exc:
        render(src)
    assert str(exc.value) == message
    # refused before the work, not after it: a billion iterations or characters would take minutes
    # (a bound loose enough for a loaded machine; the benchmark script measures speed)
    assert time.process_time() - start < 5


@pytest.mark.parametrize(("src", "message"), LIMITS)
def test_limits_are_usage_errors(src, message):
    """What the command line reports (exit 2), in process: loading raises a TemplateError (the
    command line's "template: ..."), or the render a UsageError."""
    try:
        render_it = renderer(Template(src, "t.tmpl"))
    except TemplateError as exc:
        assert f"template: {exc}" == f"template: {message}"
        return
    with pytest.raises(UsageError) as exc_info:
        render_it([], io.StringIO(), paths=[])
    assert str(exc_info.value) == f"template: {message}"


@pytest.mark.parametrize(("src", "out"), [
    # fmt refuses a width or precision beyond 1e6: from an argument, %!(BADWIDTH) / %!(BADPREC) and
    # the verb without it; written out, the number overflows and the rest of the format is %!(NOVERB)
    ('{{ printf "%*d|" 1000000000 1 }}', "%!(BADWIDTH)1|"),
    ('{{ printf "%.*f|" 1000000000 1.0 }}', "%!(BADPREC)1.000000|"),
    ('{{ printf "%*d|%.*d" -1000001 1 -1 2 }}', "%!(BADWIDTH)1|%!(BADPREC)2"),
    ('{{ printf "%1000000000d|" 1 }}', "%!(NOVERB)%!(EXTRA int=1)"),
    ('{{ printf "a%.1000000000f|" 1.0 }}', "a%!(NOVERB)%!(EXTRA float64=1)"),
    ('{{ printf "%*d|%-*d|%.*f|%*d" 3 1 -3 2 2 1.0 "x" 4 }}', "  1|2  |1.00|%!(BADWIDTH)4"),
])
def test_printf_refuses_huge_widths(src, out):
    start = time.process_time()
    assert render(src) == out
    assert time.process_time() - start < 5  # refused, not padded to a billion characters


def test_vale_line_template_case():
    """Vale's own CLI.feature case: `I test template "line.tmpl"` (found in StylesPath/config/templates)."""
    case = next(c for c in json.loads((CONFORMANCE.parent / "cases.json").read_text(encoding="utf-8"))
                if c["step"] == 'I test template "line.tmpl"')
    r = newslint("--config=.vale.ini", "--output=line.tmpl", "test.md", cwd=CONFORMANCE / "fixtures" / "templates")
    assert r.returncode == case["exit_status"] == 0, r.stderr
    assert r.stdout.splitlines() == case["expected"]


def _project(tmp_path: Path) -> Path:
    styles = tmp_path / "styles" / "Mine"
    styles.mkdir(parents=True)
    (styles / "Simply.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\n"
                                       "link: https://example.com/simply\ntokens:\n  - simply\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*.md]\nBasedOnStyles = Mine\n", encoding="utf-8")
    (tmp_path / "doc.md").write_text("# Notes\n\nJust simply do it.\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Notes\n\nJust do it.\n", encoding="utf-8")
    return tmp_path


def test_template_sees_vales_data(tmp_path):
    p = _project(tmp_path)
    (p / "t.tmpl").write_text(
        "{{ .LintedTotal }} linted\n{{ range .Files }}{{ .Path }}\n{{ range .Alerts }}"
        "{{ .Line }}:{{ index .Span 0 }}-{{ index .Span 1 }} {{ .Check }} {{ .Severity }} {{ .Match | quote }} "
        "{{ .Message }} <{{ .Link }}> [{{ .Action.Name }}] {{ len .Action.Params }}\n{{ end }}{{ end }}",
        encoding="utf-8")
    r = newslint("--config=.vale.ini", "--output=t.tmpl", "doc.md", "clean.md", cwd=p)
    assert r.stdout == ("2 linted\ndoc.md\n3:6-11 Mine.Simply error \"simply\" Avoid 'simply'. "
                        "<https://example.com/simply> [] 0\n"), r.stderr
    assert r.returncode == 1  # an error-level alert, as Vale


def test_template_found_in_styles_path_config_templates(tmp_path):
    p = _project(tmp_path)
    (p / "styles" / "config" / "templates").mkdir(parents=True)
    (p / "styles" / "config" / "templates" / "mine.tmpl").write_text(
        "{{ range .Files }}{{ range .Alerts }}{{ .Check }}{{ end }}{{ end }}\n", encoding="utf-8")
    r = newslint("--config=.vale.ini", "--output=mine.tmpl", "doc.md", cwd=p)
    assert (r.stdout, r.returncode) == ("Mine.Simply\n", 1), r.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("{{ range .Files }}\n{{ nosuch .Path }}{{ end }}", 'newslint: template: bad.tmpl:2: function "nosuch" not defined'),
    ("{{ range .Files }}{{ .Nope }}{{ end }}",
     "newslint: template: bad.tmpl:1: executing: can't evaluate field Nope in type main.ProcessedFile"),
    # once a RecursionError, "internal error"
    ('{{ define "a" }}x{{ template "a" . }}{{ end }}\n{{ template "a" . }}',
     "newslint: template: bad.tmpl:1: executing: exceeded maximum template depth (100)"),
])
def test_broken_template_is_exit_2(tmp_path, text, message):
    p = _project(tmp_path)
    (p / "bad.tmpl").write_text(text, encoding="utf-8")
    r = newslint("--config=.vale.ini", "--output=bad.tmpl", "doc.md", cwd=p)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.strip().splitlines()[-1] == message


def test_missing_template_is_exit_2(tmp_path):
    p = _project(tmp_path)
    r = newslint("--config=.vale.ini", "--output=nowhere.tmpl", "doc.md", cwd=p)
    assert r.returncode == 2
    assert "--output 'nowhere.tmpl': no such template file" in r.stderr


def test_named_outputs_are_still_formats(tmp_path):
    """A near miss: `--output=JSON` is Vale's JSON report, not a template named JSON."""
    p = _project(tmp_path)
    r = newslint("--config=.vale.ini", "--output=JSON", "doc.md", cwd=p)
    assert json.loads(r.stdout)["doc.md"][0]["Check"] == "Mine.Simply"


@pytest.mark.skipif(not (GRAFANA / "sarif.tmpl").is_file(), reason="the shared Grafana package is not here")
def test_grafana_sarif_template_validates(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    (tmp_path / ".vale.ini").write_text(f"StylesPath = {GRAFANA / 'Grafana' / 'styles'}\nMinAlertLevel = suggestion\n"
                                        "[*.md]\nBasedOnStyles = Grafana\n", encoding="utf-8")
    fixture = GRAFANA / "fixtures" / "Grafana" / "Admonitions"
    r = newslint(f"--config={tmp_path / '.vale.ini'}", f"--output={GRAFANA / 'sarif.tmpl'}", "testinvalid.md",
                 cwd=fixture)
    assert r.returncode in (0, 1), r.stderr
    sarif = json.loads(r.stdout)
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert results and all(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "testinvalid.md"
                           for x in results)
    assert {x["level"] for x in results} <= {"note", "warning", "error"}


@pytest.mark.parametrize(("name", "line"), [
    ("cli.tmpl", " 3:1    suggestion  'NOTE' left in text   vale.Annotations"),
    ("gitlab.tmpl", " Line 3, position 1 (rule vale.Annotations)"),
    ("collate.tmpl", " 34:29,36:3,44:5,46:3  suggestion  'TODO' left in text   vale.Annotations"),
])
def test_vales_other_shipped_templates_run(name, line):
    """Vale's testdata/styles/config/templates: tables (newTable/addRow/renderTable), dict/set/get/keys, plural."""
    r = newslint("--config=.vale.ini", f"--output={name}", "test.md", cwd=CONFORMANCE / "fixtures" / "templates")
    assert r.returncode == 0, r.stderr
    assert line in r.stdout.splitlines()
    assert r.stdout.rstrip().endswith("0 errors, 0 warnings" + (", and" if name == "gitlab.tmpl" else " and")
                                      + " 9 suggestions" + (" found" if name == "gitlab.tmpl" else "") + " in 1 file.")
