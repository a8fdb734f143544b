"""Output formats against hostile article text and file names (issue 11):
terminal escape sequences, bidirectional overrides, line breaks and bytes
that are not UTF-8 in a name, and many findings on one long line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint.formats import FORMATS, renderer, statistics
from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\x7f"
TERMINAL_FORMATS = ("text", "line", "full", "github")


def _render(name: str, results, **context) -> str:
    import inspect

    out = io.StringIO()
    fn = renderer(name)
    params = inspect.signature(fn).parameters
    fn(results, out, **{k: v for k, v in context.items() if k in params})
    return out.getvalue()


def _hostile_results(path: str = "a.txt"):
    text = f"Headline\n\n“{HOSTILE} Zapod,” she said.\n"
    at = text.index(HOSTILE)
    d = Diagnostic(path, at, at + len(HOSTILE) + 6, "News.Quote", Severity.WARNING,
                   f"Quote '{HOSTILE} Zapod' has no speaker.",
                   Fix((Edit(Span(at, at + len(HOSTILE)), f"x{HOSTILE}"),), "safe", f"Drop {HOSTILE}"),
                   related=(Related(Span(0, 8), f"see {HOSTILE}"),))
    return [(text, [d])]


def _raw_controls(s: str) -> list[str]:
    bad = [c for c in s if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
           or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029" or 0xD800 <= ord(c) <= 0xDFFF]
    return bad


@pytest.mark.parametrize("name", TERMINAL_FORMATS)
def test_terminal_formats_escape_control_and_bidi_characters_of_article_text(name, tmp_path):
    out = _render(name, _hostile_results(), environ={"GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}, color=False)
    assert _raw_controls(out) == [], out
    assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out and "\\x9b" in out
    if name == "github":
        summary = (tmp_path / "s.md").read_text(encoding="utf-8")
        assert _raw_controls(summary) == [] and "x1b" in summary


def test_ordinary_text_is_left_alone_in_terminal_formats():
    text = "Ёлка café 🙂\u200d🙂 “Zapod”\tend\n"
    at = text.index("Zapod")
    d = Diagnostic("ok.txt", at, at + 5, "News.NameVariant", Severity.ERROR, "Use 'Zapad' in “Ёлка café 🙂\u200d🙂”.")
    for name in ("text", "line", "full"):
        out = _render(name, [(text, [d])], color=False)
        assert "“Ёлка café 🙂\u200d🙂”" in out, (name, out)
        assert "\\x" not in out and "\\u" not in out


@pytest.mark.parametrize("name", ("text", "line", "full"))
def test_a_newline_in_a_file_name_cannot_forge_a_second_finding(name):
    path = "a.txt:1:1: error Forged.Rule fake\nb.txt"
    text = "Zapod here\n"
    d = Diagnostic(path, 0, 5, "News.NameVariant", Severity.ERROR, "Use 'Zapad'.")
    out = _render(name, [(text, [d])], color=False)
    first = out.splitlines()[0]
    assert first.startswith("a.txt:1:1: error Forged.Rule fake\\x0ab.txt:1:1"), out
    if name != "full":
        assert len(out.splitlines()) == 1, out


def test_github_escapes_file_names_as_github_reads_properties():
    d = Diagnostic("a,b:c%d\r\ne.txt", 0, 5, "News.NameVariant", Severity.ERROR, "Use 'Zapad'.\nReally.")
    out = _render("github", [("Zapod here\n", [d])], environ={})
    assert out.count("\n") == 1, out
    assert out.startswith("::error file=a%2Cb%3Ac%25d%0D%0Ae.txt,line=1,"), out
    assert out.rstrip("\n").endswith("::Use 'Zapad'.%0AReally."), out


UNDECODABLE = os.fsdecode(b"bad-\xff\xfe-name.txt")  # 'bad-\udcff\udcfe-name.txt'


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_survives_a_file_name_that_is_not_utf8(name, tmp_path):
    text = "Zapod here\n"
    d = Diagnostic(UNDECODABLE, 0, 5, "News.NameVariant", Severity.ERROR, "Use 'Zapad'.")
    out = _render(name, [(text, [d])], root=os.getcwd(), environ={"GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")},
                  errors=[(UNDECODABLE, "not UTF-8")], paths=[UNDECODABLE], color=False)
    out.encode("utf-8")  # valid UTF-8: no lone surrogate left
    if name in ("text", "line", "full", "github"):
        assert "bad-\\xff\\xfe-name.txt" in out, out
    if name in ("json", "json-lines", "gitlab", "rdjson", "sarif"):
        docs = [json.loads(x) for x in out.splitlines()] if name == "json-lines" else [json.loads(out)]
        flat = json.dumps(docs, ensure_ascii=False)
        if name in ("json", "json-lines"):
            # the name's bytes survive: os.fsencode of the parsed path gives them back
            assert os.fsencode(docs[0][0]["path"] if name == "json" else docs[0]["path"]) == b"bad-\xff\xfe-name.txt"
        if name == "sarif":
            uri = docs[0]["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri == "bad-%FF%FE-name.txt"
        assert flat


def test_statistics_escape_a_rule_id():
    d = Diagnostic("a.txt", 0, 1, "Pack.\x1b[2JRule", Severity.ERROR, "m")
    out = io.StringIO()
    statistics([("Zapod", [d])], out)
    assert "\x1b" not in out.getvalue() and "\\x1b[2J" in out.getvalue()


def test_json_formats_escape_c1_bidi_and_line_separators_but_keep_the_values():
    text = f"{HOSTILE}\u2028\u2029 Zapod\n"
    d = Diagnostic("a.txt", 0, len(text) - 1, "News.X", Severity.ERROR, f"m {HOSTILE}\u2028\u2029")
    for name in ("json", "json-lines", "sarif", "rdjson", "gitlab"):
        out = _render(name, [(text, [d])], root=os.getcwd())
        assert _raw_controls(out.replace("\n", "")) == [], (name, out)
        parsed = json.loads(out.splitlines()[0] if name == "json-lines" else out)
        assert any(HOSTILE in s for s in _strings(parsed)), name  # the same value once parsed


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


@pytest.mark.slow
def test_cli_with_a_file_name_that_is_not_utf8(tmp_path):
    """The real run: sarif and gitlab crashed, json/text/github printed invalid UTF-8."""
    name = b"bad-\xff.txt"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as fh:
        fh.write(b"Drills near the border\n\nBy Leon Aris in Berlin September 17, 2024\n\nThe drills, Zapod 2025, begin.\n")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "PYTHONIOENCODING": "utf-8:surrogateescape"}
    for fmt in ("text", "json", "sarif", "gitlab", "github", "line", "full", "rdjson", "junit", "json-lines"):
        proc = subprocess.run([sys.executable, "-m", "lint", "--isolated", "--format", fmt, "."], cwd=tmp_path,
                              capture_output=True, env=env, timeout=120)
        assert proc.returncode == 1, (fmt, proc.stderr.decode(errors="replace"))
        assert b"Traceback" not in proc.stderr, (fmt, proc.stderr.decode(errors="replace"))
        proc.stdout.decode("utf-8")  # strict: valid UTF-8
        assert b"NameVariant" in proc.stdout, fmt


# -- linear time ----------------------------------------------------------------


def _many_on_one_line(n: int):
    word = "Zapod é "
    text = "Headline\n\n" + word * n + "\n"
    at = text.index(word)
    diags = [Diagnostic("a.txt", at + i * len(word), at + i * len(word) + 5, "News.NameVariant", Severity.ERROR,
                        "Use 'Zapad'.", Fix((Edit(Span(at + i * len(word), at + i * len(word) + 5), "Zapad"),), "safe"))
             for i in range(n)]
    return [(text, diags)]


def _seconds(name: str, n: int) -> float:
    results = _many_on_one_line(n)
    t0 = time.perf_counter()
    _render(name, results, root=os.getcwd(), color=False, environ={})
    return time.perf_counter() - t0


@pytest.mark.slow
@pytest.mark.parametrize("name", ("full", "sarif", "gitlab", "rdjson"))
def test_renderers_are_linear_in_findings_on_one_line(name):
    n = 2000
    small = min(_seconds(name, n) for _ in range(3))
    large = min(_seconds(name, 4 * n) for _ in range(2))
    # linear: about 4x; quadratic: about 16x (before: full took 206 s for 5,000 findings, sarif and gitlab 42 s for 10,000)
    assert large < 8 * small + 0.1, (name, small, large)
