"""Output formats, each checked against what its consumer expects.

Positions are checked on a line with Cyrillic, accents, curly quotes and an
emoji before the flagged word, where the units differ: code points, UTF-16
code units (the emoji counts 2) and UTF-8 bytes (it counts 4).
"""

from __future__ import annotations

import inspect
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lint.formats import FORMATS, renderer, statistics
from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# Line 3: 24 code points before "Zapod" = 25 UTF-16 units (🙂 is 2) = 40 UTF-8
# bytes (П..т 2 each, « » é 2 each, “ ” 3 each, 🙂 4).
PREFIX = "Привет «café» “quote” 🙂 "
TEXT = f"Headline\n\n{PREFIX}Zapod, 100% sure.\nNews\nDismiss\n"
PATH = "articles/a.txt"
AT = TEXT.index("Zapod")


def diags(text: str = TEXT, path: str = PATH) -> list[Diagnostic]:
    at = text.index("Zapod")
    news = text.index("News\n")
    return sorted([
        Diagnostic(path, at, at + 5, "News.NameVariant", Severity.ERROR, "Use 'Zapad' instead of 'Zapod'.",
                   Fix((Edit(Span(at, at + 5), "Zapad"),), "safe", "Replace with 'Zapad'"), "https://example.org/zapad"),
        Diagnostic(path, at + 7, at + 16, "News.Figure", Severity.SUGGESTION, "100% of what?\nSay, so."),
        Diagnostic(path, news, news + 12, "News.ScraperResidue", Severity.WARNING, "'News | Dismiss' is residue."),
    ])


def render(name: str, results=None, **context) -> str:
    """Render as the CLI does: a renderer gets only the keywords it declares."""
    out = io.StringIO()
    fn = renderer(name)
    params = inspect.signature(fn).parameters
    renderer(name)(results if results is not None else [(TEXT, diags())], out,
                   **{k: v for k, v in context.items() if k in params})
    return out.getvalue()


def test_every_format_is_registered_and_renders_nothing_for_no_findings():
    assert set(FORMATS) >= {"text", "json", "json-lines", "full", "line", "sarif", "github", "gitlab", "junit", "rdjson"}
    for name in FORMATS:
        render(name, [(TEXT, [])])  # no crash on a clean file
    assert render("line", [(TEXT, [])]) == render("json-lines", [(TEXT, [])]) == ""
    assert json.loads(render("gitlab", [(TEXT, [])])) == []


# ---------------------------------------------------------------- line / json-lines


def test_line_is_vale_line_output_with_code_point_columns():
    lines = render("line").splitlines()
    assert lines[0] == "articles/a.txt:3:25:News.NameVariant:Use 'Zapad' instead of 'Zapod'."
    assert lines[1] == "articles/a.txt:3:32:News.Figure:100% of what? Say, so."  # one finding, one line
    assert lines[2] == "articles/a.txt:4:1:News.ScraperResidue:'News | Dismiss' is residue."


def test_json_lines_is_one_json_object_per_line_with_the_json_fields_and_a_version():
    d = diags()
    d[0] = Diagnostic(PATH, d[0].start, d[0].end, d[0].rule, d[0].severity, "a\u2028b\x85c")
    text = render("json-lines", [(TEXT, d)])
    lines = text.split("\n")[:-1]
    assert len(lines) == 3 and text.splitlines() == lines  # no stray line breaks for any splitter
    objs = [json.loads(line) for line in lines]
    array = json.loads(render("json", [(TEXT, d)]))
    for obj, item in zip(objs, array):
        assert obj.pop("version") == 1
        assert obj == item
    assert objs[0]["message"] == "a\u2028b\x85c"
    assert objs[0]["start"] == {"line": 3, "column": 25, "offset": AT}


# ---------------------------------------------------------------- SARIF


class FakeSpec:
    def __init__(self, **kw):
        self.__dict__.update({"description": "", "message": "", "link": "", "level": "warning", **kw})


class FakeRule:
    def __init__(self, id, **kw):
        self.id, self.spec = id, FakeSpec(**kw)


RULES = [
    FakeRule("News.NameVariant", description="Flags a known misspelling. The fix replaces it.",
             message="Use '%s' instead of '%s'.", link="https://example.org/zapad", level="error"),
    FakeRule("News.Unused", description="Never fires here.", level="suggestion"),
]


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.exists():
        pytest.skip("the SARIF schema is not beside the checkout")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _valid(validator, log):
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sarif_is_valid_and_has_what_github_code_scanning_reads(sarif_validator, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # paths are relative to the working directory by default
    log = json.loads(render("sarif", rules=RULES))
    _valid(sarif_validator, log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    # the loaded rules first, in order, then ids only findings carry
    assert ids == ["News.NameVariant", "News.Unused", "News.Figure", "News.ScraperResidue"]
    known = driver["rules"][0]
    assert known["name"] == "NameVariant"
    assert known["shortDescription"]["text"] == "Flags a known misspelling."
    assert known["fullDescription"]["text"] == "Flags a known misspelling. The fix replaces it."
    assert known["help"]["text"] and "[More about this rule](https://example.org/zapad)" in known["help"]["markdown"]
    assert known["helpUri"] == "https://example.org/zapad" and "helpUri" not in driver["rules"][1]
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == ["error", "note", "note", "warning"]

    res = run["results"]
    for r in res:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"]
        assert set(r["partialFingerprints"]) == {"newslint/v1"}
    assert [r["level"] for r in res] == ["error", "note", "warning"]
    loc = res[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "articles/a.txt", "uriBaseId": "%SRCROOT%"}
    assert {k: loc["region"][k] for k in ("startLine", "startColumn", "endLine", "endColumn")} == \
        {"startLine": 3, "startColumn": 25, "endLine": 3, "endColumn": 30}  # code points, end exclusive
    (fix,) = res[0]["fixes"]
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    assert change["artifactLocation"]["uri"] == "articles/a.txt"
    assert rep["insertedContent"] == {"text": "Zapad"}
    assert (rep["deletedRegion"]["startColumn"], rep["deletedRegion"]["endColumn"]) == (25, 30)
    # a span over two lines ends at the exclusive column on its last line
    region = res[2]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (4, 1, 5, 8)
    assert "fixes" not in res[1]


def test_sarif_uris_are_relative_to_root_with_forward_slashes_and_escaped(sarif_validator, tmp_path):
    inside = str(tmp_path / "repo" / "my dir" / "a.txt")
    outside = str(tmp_path / "elsewhere" / "b.txt")
    results = [(TEXT, diags(path=inside)), (TEXT, diags(path=outside))]
    log = json.loads(render("sarif", results, rules=RULES, root=str(tmp_path / "repo")))
    _valid(sarif_validator, log)
    locs = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert locs[0] == {"uri": "my%20dir/a.txt", "uriBaseId": "%SRCROOT%"}
    assert locs[3]["uri"].startswith("file:///") and locs[3]["uri"].endswith("/elsewhere/b.txt")
    assert "uriBaseId" not in locs[3]


def _fps(name: str, text: str) -> list[str]:
    out = json.loads(render(name, [(text, diags(text))], rules=RULES))
    if name == "sarif":
        return [r["partialFingerprints"]["newslint/v1"] for r in out["runs"][0]["results"]]
    return [item["fingerprint"] for item in out]


@pytest.mark.parametrize("name", ["sarif", "gitlab"])
def test_fingerprints_survive_lines_inserted_above_and_are_unique(name):
    before = _fps(name, TEXT)
    after = _fps(name, "An inserted line.\n\n" + TEXT)
    assert before == after and len(set(before)) == len(before)
    # the same finding twice on one line gets two fingerprints
    twice = TEXT.replace("Zapod,", "Zapod Zapod,")
    at = twice.index("Zapod")
    ds = [Diagnostic(PATH, s, s + 5, "News.NameVariant", Severity.ERROR, "m") for s in (at, at + 6)]
    out = json.loads(render(name, [(twice, ds)]))
    fps = ([r["partialFingerprints"]["newslint/v1"] for r in out["runs"][0]["results"]] if name == "sarif"
           else [i["fingerprint"] for i in out])
    assert len(set(fps)) == 2
    # a change on the flagged line changes the fingerprint of its findings
    assert _fps(name, TEXT.replace("Привет", "Пока"))[:2] != before[:2]


# ---------------------------------------------------------------- GitHub


def test_github_workflow_commands_with_escaping_and_levels(tmp_path):
    d = diags(path="dir/a,b:c%.txt")
    lines = render("github", [(TEXT, d)], environ={}).splitlines()
    assert lines[0] == ("::error file=dir/a%2Cb%3Ac%25.txt,line=3,col=25,endLine=3,endColumn=29,"
                        "title=News.NameVariant::Use 'Zapad' instead of 'Zapod'.")
    # suggestion -> notice; data escapes %, \n (but not ':' or ',')
    assert lines[1] == ("::notice file=dir/a%2Cb%3Ac%25.txt,line=3,col=32,endLine=3,endColumn=40,"
                        "title=News.Figure::100%25 of what?%0ASay, so.")
    # a span over two lines: GitHub accepts columns only on one line
    assert lines[2] == "::warning file=dir/a%2Cb%3Ac%25.txt,line=4,endLine=5,title=News.ScraperResidue::'News | Dismiss' is residue."
    assert len(lines) == 3


def test_github_appends_a_markdown_summary_when_the_step_summary_is_set(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    render("github", environ={"GITHUB_STEP_SUMMARY": str(summary)})
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("earlier step\n### newslint")  # appended, not overwritten
    assert "| `News.NameVariant` | error | 1 |" in md
    assert "| articles/a.txt:4:1 | warning | `News.ScraperResidue` | 'News \\| Dismiss' is residue. |" in md
    assert "100% of what? Say, so." in md  # one row per finding
    # no variable, no file written
    render("github", environ={})


# ---------------------------------------------------------------- GitLab, JUnit, rdjson


def test_gitlab_code_quality_report():
    items = json.loads(render("gitlab"))
    assert [i["severity"] for i in items] == ["major", "info", "minor"]
    first = items[0]
    assert first["check_name"] == "News.NameVariant" and "Zapod" in first["description"]
    assert first["location"] == {"path": "articles/a.txt", "lines": {"begin": 3, "end": 3}}
    assert items[2]["location"]["lines"] == {"begin": 4, "end": 5}
    assert all(len(i["fingerprint"]) == 32 for i in items)


def test_junit_is_well_formed_with_one_failure_per_finding():
    d = diags()
    d[1] = Diagnostic(PATH, d[1].start, d[1].end, d[1].rule, d[1].severity, 'a <b> & "c"\x0c\x00 ]]>')
    xml = render("junit", [(TEXT, d), ("clean\n", [])], paths=[PATH, "articles/clean.txt"],
                 fail_level=Severity.SUGGESTION)  # every finding fails
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "4" and root.get("failures") == "3"
    dirty, clean = root.findall("testsuite")
    assert dirty.get("name") == "articles/a.txt" and dirty.get("failures") == "3"
    cases = dirty.findall("testcase")
    assert [c.get("name") for c in cases] == ["News.NameVariant 3:25", "News.Figure 3:32", "News.ScraperResidue 4:1"]
    assert cases[1].find("failure").get("message") == 'a <b> & "c" ]]>'
    assert cases[0].find("failure").get("type") == "error"
    assert clean.get("name") == "articles/clean.txt" and clean.get("failures") == "0"
    assert clean.find("testcase").find("failure") is None
    # without paths= a clean file cannot be named and is left out
    root = ET.fromstring(render("junit", [(TEXT, d), ("clean\n", [])]))
    assert len(root.findall("testsuite")) == 1


def test_rdjson_columns_are_utf8_bytes():
    doc = json.loads(render("rdjson"))
    assert doc["source"]["name"] == "newslint"
    first, second, third = doc["diagnostics"]
    assert first["location"] == {"path": "articles/a.txt",
                                 "range": {"start": {"line": 3, "column": 41}, "end": {"line": 3, "column": 46}}}
    assert first["severity"] == "ERROR" and second["severity"] == "INFO" and third["severity"] == "WARNING"
    assert first["code"] == {"value": "News.NameVariant", "url": "https://example.org/zapad"}
    assert second["code"] == {"value": "News.Figure"}
    assert first["suggestions"] == [{"range": first["location"]["range"], "text": "Zapad"}]
    assert "suggestions" not in second
    # the byte columns cut exactly the flagged word out of the UTF-8 line
    line = TEXT.splitlines()[2].encode("utf-8")
    assert line[41 - 1:46 - 1].decode("utf-8") == "Zapod"


# ---------------------------------------------------------------- full


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_full_shows_the_line_with_the_span_underlined_and_the_fix():
    text = render("full", environ={})
    blocks = text.split("\n\n")
    first = blocks[0].splitlines()
    assert first[0] == "articles/a.txt:3:25: error News.NameVariant Use 'Zapad' instead of 'Zapod'."
    assert first[2] == f"3 | {PREFIX}Zapod, 100% sure."
    # the caret sits under Zapod in terminal cells: the emoji takes two
    caret = first[3]
    assert caret == "  | " + " " * 25 + "^^^^^"
    assert first[4] == "  = help: Replace with 'Zapad' (safe fix: newslint --fix)"
    assert first[5] == "  = see: https://example.org/zapad"
    assert "\x1b[" not in text
    assert text.rstrip().endswith("Found 3 findings (1 error, 1 warning, 1 suggestion); 1 fixable with `newslint --fix`.")
    third = blocks[2].splitlines()
    assert third[3] == "  | ^^^^ (continues to line 5)"


def test_full_cuts_long_lines_to_a_window_around_the_span():
    long = "word " * 60 + "Zapod" + " tail" * 60
    at = long.index("Zapod")
    d = [Diagnostic(PATH, at, at + 5, "News.NameVariant", Severity.ERROR, "m")]
    lines = render("full", [(long, d)], environ={}).splitlines()
    shown, caret = lines[2][len("1 | "):], lines[3][len("  | "):]
    assert shown.startswith("…") and shown.endswith("…") and len(shown) < 100
    assert shown[caret.index("^"):caret.index("^") + 5] == "Zapod"


def test_full_colours_only_a_terminal_without_no_color():
    assert "\x1b[" not in render("full", environ={})  # not a terminal
    out = Tty()
    renderer("full")([(TEXT, diags())], out, environ={})
    assert "\x1b[1;31merror\x1b[0m" in out.getvalue()
    out = Tty()
    renderer("full")([(TEXT, diags())], out, environ={"NO_COLOR": "1"})
    assert "\x1b[" not in out.getvalue()
    assert "\x1b[" in render("full", environ={}, color=True)


# ---------------------------------------------------------------- units, all formats


def test_every_position_format_points_at_the_flagged_word_in_its_unit():
    """Recover the flagged text from each format's own position and unit."""
    line = TEXT.splitlines()[2]
    by_unit = {
        "codepoint": lambda c: line[c - 1:c + 4],
        "utf-16": lambda c: line.encode("utf-16-le")[2 * (c - 1):2 * (c + 4)].decode("utf-16-le"),
        "utf-8": lambda c: line.encode("utf-8")[c - 1:c + 4].decode("utf-8"),
    }
    cols = {
        "codepoint": [
            int(render("line").split(":")[2]),
            int(render("text").split(":")[2]),
            json.loads(render("json"))[0]["start"]["column"],
            json.loads(render("json-lines").splitlines()[0])["start"]["column"],
            json.loads(render("sarif"))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"],
            int(render("github", environ={}).split("col=")[1].split(",")[0]),
            int(render("junit").split("News.NameVariant 3:")[1].split('"')[0]),
        ],
        "utf-8": [json.loads(render("rdjson"))["diagnostics"][0]["location"]["range"]["start"]["column"]],
    }
    for unit, columns in cols.items():
        for c in columns:
            assert by_unit[unit](c) == "Zapod", (unit, c)
    assert by_unit["utf-16"](26) == "Zapod"  # the emoji counts 2 in UTF-16, which no format here uses


# ---------------------------------------------------------------- statistics


def test_statistics_counts_per_rule_most_frequent_first():
    d = diags() + [Diagnostic(PATH, 0, 8, "News.Figure", Severity.WARNING, "x")]
    other = [Diagnostic("b.txt", 0, 4, "News.NameVariant", Severity.ERROR, "m",
                        Fix((Edit(Span(0, 4), "X"),)))]
    out = io.StringIO()
    statistics([(TEXT, sorted(d)), ("abcd", other), ("clean", [])], out)
    assert out.getvalue().splitlines() == [
        "2  News.Figure          warning,suggestion",
        "2  News.NameVariant     error               [*]",
        "1  News.ScraperResidue  warning",
    ]
    out = io.StringIO()
    statistics([(TEXT, diags())], out, format="json")
    assert json.loads(out.getvalue())[0] == {"rule": "News.Figure", "level": "suggestion", "count": 1, "fixable": 0}
    out = io.StringIO()
    statistics([(TEXT, [])], out)
    assert out.getvalue() == ""


# ---------------------------------------------------------------- end to end over the seed


@pytest.fixture(scope="module")
def seed_run():
    from lint.engine import lint_article
    from lint.readers import read_article
    from lint.rules import builtin_rules_dir, load_rules

    rules = load_rules(builtin_rules_dir())
    text = SEED.read_text(encoding="utf-8")
    path = os.path.relpath(SEED, ROOT)
    article = read_article(path, text)
    return rules, [(text, lint_article(article, rules))]


def test_seed_sarif_validates_against_the_official_schema(seed_run, sarif_validator, monkeypatch):
    monkeypatch.chdir(ROOT)
    rules, results = seed_run
    (text, ds), = results
    assert any(d.rule == "News.NameVariant" for d in ds)
    log = json.loads(render("sarif", results, rules=rules))
    _valid(sarif_validator, log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]][: len(rules)] == [r.id for r in rules]
    assert len(run["results"]) == len(ds)
    for d, r in zip(ds, run["results"]):
        region = r["locations"][0]["physicalLocation"]["region"]
        line = text.splitlines()[region["startLine"] - 1]
        if region["endLine"] == region["startLine"]:
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == text[d.start:d.end]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/belarus-russia-security-ties.txt"
    zapod = [r for r in run["results"] if r["ruleId"] == "News.NameVariant"]
    assert zapod and zapod[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "Zapad"


def test_seed_renders_in_every_format(seed_run, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    rules, results = seed_run
    n = len(results[0][1])
    for name in FORMATS:
        out = render(name, results, rules=rules, environ={"GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")})
        assert out, name
    assert len(render("json-lines", results).splitlines()) == n
    assert len(json.loads(render("gitlab", results))) == n
    assert len(json.loads(render("rdjson", results))["diagnostics"]) == n
    junit = ET.fromstring(render("junit", results, fail_level=Severity.SUGGESTION))
    assert len(list(junit.iter("failure"))) == n


# ---------------------------------------------------------------- JUnit agrees with the exit code


def _junit(results, **context):
    return ET.fromstring(render("junit", results, **context).encode("utf-8"))


def test_junit_findings_below_the_fail_level_are_listed_but_do_not_fail():
    only_suggestions = [d for d in diags() if d.severity is Severity.SUGGESTION]
    root = _junit([(TEXT, only_suggestions)])  # default fail level: warning, as the CLI's
    assert root.get("failures") == "0" and root.get("tests") == "1"
    (suite,) = root.findall("testsuite")
    assert suite.get("failures") == "0"
    (case,) = suite.findall("testcase")
    assert case.find("failure") is None and case.find("error") is None
    assert case.get("name") == "News.Figure 3:32"
    assert "News.Figure" in case.find("system-out").text and "100% of what?" in case.find("system-out").text
    # the three levels against each fail level: failures = findings at or above it
    for level, failing in ((Severity.SUGGESTION, 3), (Severity.WARNING, 2), (Severity.ERROR, 1)):
        root = _junit([(TEXT, diags())], fail_level=level)
        assert root.get("failures") == root.find("testsuite").get("failures") == str(failing), level
        assert root.get("tests") == "3"
        failed = [c.get("name").split()[0] for c in root.iter("testcase") if c.find("failure") is not None]
        assert len(failed) == failing
        assert all(Severity.parse(c.find("failure").get("type")) >= level
                   for c in root.iter("testcase") if c.find("failure") is not None)
    assert _junit([(TEXT, diags())], fail_level="error").get("failures") == "1"  # a level name works too


# ---------------------------------------------------------------- rdjson: one suggestion per fix


def _apply_rdjson(text: str, rng: dict, replacement: str) -> str:
    """Apply a reviewdog suggestion: lines 1-based, columns 1-based UTF-8 bytes, end exclusive."""
    data = text.encode("utf-8")
    lines = data.splitlines(keepends=True)

    def offset(pos):
        return sum(len(line) for line in lines[: pos["line"] - 1]) + pos["column"] - 1

    return (data[: offset(rng["start"])] + replacement.encode("utf-8") + data[offset(rng["end"]):]).decode("utf-8")


def test_rdjson_a_fix_with_two_edits_is_one_suggestion_that_gives_the_fixed_text():
    from lint.fixes import apply_fixes

    at = TEXT.index("Zapod")
    sure = TEXT.index("sure")
    dismiss = TEXT.index("Dismiss")
    for edits in (
        (Edit(Span(at, at + 5), "Zapad"), Edit(Span(sure, sure + 4), "certain")),  # one line
        (Edit(Span(at, at + 5), "Zapad"), Edit(Span(dismiss, dismiss + 8), "")),  # two lines, a deletion
        (Edit(Span(at, at), "the "), Edit(Span(dismiss, dismiss + 7), "Close")),  # an insertion first
    ):
        d = Diagnostic(PATH, at, at + 5, "News.NameVariant", Severity.ERROR, "m", Fix(edits, "safe", "Fix both"))
        (item,) = json.loads(render("rdjson", [(TEXT, [d])]))["diagnostics"]
        (suggestion,) = item["suggestions"]
        expected, n = apply_fixes(TEXT, [d])
        assert n == 1 and expected != TEXT
        assert _apply_rdjson(TEXT, suggestion["range"], suggestion["text"]) == expected
        # the range runs from the first edit's start to the last edit's end
        first = _apply_rdjson(TEXT, suggestion["range"], "")
        assert first == TEXT[: edits[0].span.start] + TEXT[edits[-1].span.end:]


# ---------------------------------------------------------------- related locations

HEAD = TEXT.index("Headline")
SURE = TEXT.index("sure")  # line 3, after the Cyrillic, accents, curly quotes and emoji


def related_diags() -> list[Diagnostic]:
    d = diags()
    d[0] = Diagnostic(PATH, d[0].start, d[0].end, d[0].rule, d[0].severity, d[0].message, d[0].fix, d[0].link,
                      (Related(Span(HEAD, HEAD + 8), "known spelling"), Related(Span(SURE, SURE + 4), "second place")))
    return d


def test_json_and_json_lines_give_related_locations_on_every_finding():
    items = json.loads(render("json", [(TEXT, related_diags())]))
    assert items[0]["related"] == [
        {"start": {"line": 1, "column": 1, "offset": HEAD}, "end": {"line": 1, "column": 9, "offset": HEAD + 8},
         "message": "known spelling"},
        {"start": {"line": 3, "column": 37, "offset": SURE}, "end": {"line": 3, "column": 41, "offset": SURE + 4},
         "message": "second place"},
    ]
    assert TEXT.splitlines()[2][37 - 1:41 - 1] == "sure"  # columns in code points, as the finding's
    assert items[1]["related"] == [] and items[2]["related"] == []
    lines = [json.loads(line) for line in render("json-lines", [(TEXT, related_diags())]).splitlines()]
    assert [{k: v for k, v in obj.items() if k != "version"} for obj in lines] == items


def test_sarif_related_locations_are_valid_and_in_code_points(sarif_validator):
    log = json.loads(render("sarif", [(TEXT, related_diags())], rules=RULES))
    _valid(sarif_validator, log)
    first, second, _ = log["runs"][0]["results"]
    assert "relatedLocations" not in second
    rel = first["relatedLocations"]
    assert [r["id"] for r in rel] == [0, 1]
    assert [r["message"]["text"] for r in rel] == ["known spelling", "second place"]
    assert all(r["physicalLocation"]["artifactLocation"] == {"uri": "articles/a.txt", "uriBaseId": "%SRCROOT%"}
               for r in rel)
    region = rel[1]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 37, 3, 41)
    assert region["snippet"]["text"] == "sure"


def test_rdjson_related_locations_in_utf8_bytes():
    first, second, _ = json.loads(render("rdjson", [(TEXT, related_diags())]))["diagnostics"]
    assert "related_locations" not in second
    head, sure = first["related_locations"]
    assert head == {"message": "known spelling", "location": {"path": "articles/a.txt", "range": {
        "start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 9}}}}
    rng = sure["location"]["range"]
    line = TEXT.splitlines()[2].encode("utf-8")
    assert rng["start"]["line"] == rng["end"]["line"] == 3
    assert line[rng["start"]["column"] - 1:rng["end"]["column"] - 1].decode("utf-8") == "sure"


def test_full_has_a_note_per_related_location_and_one_line_formats_stay_one_line():
    first = render("full", [(TEXT, related_diags())], environ={}).split("\n\n")[0].splitlines()
    assert first[4:7] == [
        "  = related: 1:1: known spelling",
        "  = related: 3:37: second place",
        "  = help: Replace with 'Zapad' (safe fix: newslint --fix)",
    ]
    for name in ("text", "line"):
        assert render(name, [(TEXT, related_diags())]) == render(name)
    assert render("github", [(TEXT, related_diags())], environ={}) == render("github", environ={})


# ---------------------------------------------------------------- files that could not be read

ERRORS = [("articles/bad.txt", "not valid UTF-8 (byte 3), skipped")]


def test_renderers_that_report_read_errors_declare_errors_and_the_plain_ones_do_not():
    declares = {name for name in FORMATS if "errors" in inspect.signature(renderer(name)).parameters}
    assert declares == {"json", "json-lines", "json-sourcing", "sarif", "junit", "gitlab", "github", "rdjson", "text"}  # text: in its summary
    for name in FORMATS:  # no findings at all, only a file that could not be read
        render(name, [], errors=ERRORS, environ={})


def test_json_and_json_lines_give_a_read_error_entry():
    items = json.loads(render("json", errors=ERRORS))
    assert len(items) == 4
    assert items[-1] == {
        "rule": "Newslint.ReadError", "severity": "error", "path": "articles/bad.txt",
        "start": {"line": 1, "column": 1, "offset": 0}, "end": {"line": 1, "column": 1, "offset": 0},
        "message": "not valid UTF-8 (byte 3), skipped", "link": "", "fix": None, "related": [],
    }
    assert set(items[-1]) == set(items[0])  # the same fields as a finding
    lines = render("json-lines", [], errors=ERRORS).splitlines()
    assert [json.loads(line) for line in lines] == [{"version": 1, **items[-1]}]
    assert json.loads(render("json", [(TEXT, [])], errors=[])) == []


def test_sarif_read_errors_are_tool_execution_notifications(sarif_validator, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    log = json.loads(render("sarif", errors=ERRORS, rules=RULES))
    _valid(sarif_validator, log)
    run = log["runs"][0]
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "not valid UTF-8 (byte 3), skipped"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "articles/bad.txt",
                                                                            "uriBaseId": "%SRCROOT%"}
    assert run["tool"]["driver"]["notifications"][note["descriptor"]["index"]]["id"] == "Newslint.ReadError"
    assert len(run["results"]) == 3  # the findings are still there
    # every file read: a successful invocation, no notifications
    clean = json.loads(render("sarif", rules=RULES))
    _valid(sarif_validator, clean)
    assert clean["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_junit_read_error_is_an_error_testcase():
    root = _junit([(TEXT, diags())], errors=ERRORS)
    assert root.get("errors") == "1" and root.get("tests") == "4" and root.get("failures") == "2"
    bad = root.findall("testsuite")[-1]
    assert bad.get("name") == "articles/bad.txt" and bad.get("errors") == "1" and bad.get("failures") == "0"
    (case,) = bad.findall("testcase")
    assert case.get("name") == "Newslint.ReadError" and case.find("failure") is None
    assert case.find("error").get("message") == "not valid UTF-8 (byte 3), skipped"


def test_gitlab_github_and_rdjson_report_read_errors(tmp_path):
    issue = json.loads(render("gitlab", errors=ERRORS))[-1]
    assert issue["check_name"] == "Newslint.ReadError" and issue["severity"] == "critical"
    assert issue["location"] == {"path": "articles/bad.txt", "lines": {"begin": 1, "end": 1}}
    assert issue["type"] == "issue" and len(issue["fingerprint"]) == 32
    assert "not valid UTF-8" in issue["description"]

    summary = tmp_path / "summary.md"
    lines = render("github", errors=ERRORS, environ={"GITHUB_STEP_SUMMARY": str(summary)}).splitlines()
    assert lines[-1] == "::error file=articles/bad.txt,title=Newslint.ReadError::not valid UTF-8 (byte 3), skipped"
    assert "| articles/bad.txt | not valid UTF-8 (byte 3), skipped |" in summary.read_text(encoding="utf-8")

    item = json.loads(render("rdjson", errors=ERRORS))["diagnostics"][-1]
    assert item["code"] == {"value": "Newslint.ReadError"} and item["severity"] == "ERROR"
    assert item["message"] == "not valid UTF-8 (byte 3), skipped"
    assert item["location"]["path"] == "articles/bad.txt"
    assert item["location"]["range"]["start"] == {"line": 1, "column": 1}
