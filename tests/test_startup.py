"""Start-up without typer, pydantic or PyYAML: the fast command-line parser
(lint/cli.py), rule specs in plain form (lint/spec.py, lint/rule_cache.py)
and regex programs restored from the cache (lint/regexes.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from helpers import ROOT
from lint import cli, regexes, rule_cache, spec
from lint.rules import builtin_rules_dir, parse_rule_file

SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env["NEWSLINT_CACHE_DIR"] = str(tmp_path / "cache")
    env["NEWSLINT_CACHE_KEY"] = str(tmp_path / "key" / "cache.key")
    env.update(extra)
    return env


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          env=_env(tmp_path, **env), timeout=120)


# -- the command line ----------------------------------------------------------


def _typer_params():
    import typer.main

    from lint.command import app

    return typer.main.get_command(app).params


def test_the_fast_parser_knows_every_option_typer_declares_and_no_other():
    declared: dict[str, tuple[str, str]] = {}
    for p in _typer_params():
        if p.name in ("paths", "version"):
            continue
        if p.is_flag:
            kinds = ["flag"] * len(p.opts) + ["no"] * len(p.secondary_opts)
        else:
            kind = {"str": "value", "Path": "path", "int": "int", "float": "float", "list[str]": "many",
                    "list[Path]": "many-path"}[p.bare_type()]
            kinds = [kind] * len(p.opts)
        for opt, kind in zip([*p.opts, *p.secondary_opts], kinds, strict=True):
            declared[opt] = (p.name, kind)
    assert declared == cli.OPTIONS
    assert set(cli.DEFAULTS) == {p.name for p in _typer_params()} - {"version"}


def _through_typer(argv: list[str], monkeypatch) -> dict | None:
    """The arguments typer hands to ``cli.run`` for ``argv`` (None: typer stopped first)."""
    from typer.testing import CliRunner

    from lint.command import app

    got: dict = {}

    def capture(**kwargs):
        got.update(kwargs)

    monkeypatch.setattr(cli, "run", capture)
    CliRunner().invoke(app, argv, catch_exceptions=False)
    return got or None


@pytest.mark.parametrize("argv", [
    [],
    ["seeds/"],
    ["-", "--stdin-filename", "a.txt"],
    ["a.txt", "--format", "json", "-o", "out.json", "b.md"],
    ["--format=sarif", "--min-level=warning", "--fail-level", "error", "x"],
    ["--select", "News.GluedDash,News.NameVariant", "--select", "News", "--ignore", "News.X", "x"],
    ["--rules", "styles", "--rules", "more", "--no-builtin", "x"],
    ["--builtin", "--config", "c.yaml", "--isolated", "--vale-config", "v.ini", "x"],
    ["--date", "2024-09-17", "--ignore-syntax", "--force-exclude", "--follow-links", "x"],
    ["--fix", "--unsafe-fixes", "--diff", "--statistics", "--report-unused-suppressions", "x"],
    ["--baseline", "b.json", "--write-baseline", "w.json", "--exit-zero", "-q", "x"],
    ["--list-rules"], ["--explain", "News.NameVariant"], ["--test-examples", "--no-cache"],
    ["-j", "2", "x", "--jobs", "0"], ["--format", "json", "--format", "text", "x"],
    ["--", "--not-an-option", "-"], ["--server", "--idle-timeout", "2.5"],
])
def test_the_fast_parser_reads_a_command_line_as_typer_does(argv, monkeypatch):
    fast = cli.parse(argv)
    assert fast is not None
    assert fast == _through_typer(argv, monkeypatch)


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["--version"], ["--bogus", "x"], ["--jobs", "x"], ["--jobs", "-1"], ["--format"],
    ["--quiet=yes", "x"], ["-j2", "x"], ["-qf", "json"], ["--select", "-x"],
])
def test_anything_else_is_left_to_typer(argv):
    assert cli.parse(argv) is None


def test_a_usage_error_is_typers(tmp_path):
    r = _run(tmp_path, "--jobs", "x", str(SEED))
    assert r.returncode == 2 and "Invalid value for '--jobs'" in r.stderr


def test_the_same_run_through_either_parser_prints_the_same(tmp_path):
    fast = _run(tmp_path, "--isolated", "-j", "1", str(SEED))
    slow = _run(tmp_path, "--isolated", "-j1", str(SEED))  # an attached short value: typer parses it
    assert fast.returncode == slow.returncode == 1
    assert (fast.stdout, fast.stderr) == (slow.stdout, slow.stderr) and fast.stdout


_PROBE = """
import sys
from lint import cli
sys.argv = ["newslint", "--isolated", "-q", sys.argv[1]]
try:
    cli.main()
except SystemExit:
    pass
print(sorted(m for m in ("typer", "pydantic", "yaml", "click") if m in sys.modules), file=sys.stderr)
"""


def test_a_run_on_a_warm_cache_imports_no_typer_pydantic_or_yaml(tmp_path):
    env = _env(tmp_path)
    cold = subprocess.run([sys.executable, "-c", _PROBE, str(SEED)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert "pydantic" in cold.stderr.splitlines()[-1]  # the first run validates the rules
    warm = subprocess.run([sys.executable, "-c", _PROBE, str(SEED)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert warm.stderr.splitlines()[-1] == "[]"
    assert warm.stdout == cold.stdout and "NameVariant" in warm.stdout


def test_findings_are_the_same_from_a_warm_cache_and_without_one(tmp_path):
    folder = ROOT.parent / "shared" / "corpus" / "annotated" / "articles"
    target = str(folder) if folder.is_dir() else str(ROOT / "seeds")
    args = ("--isolated", "--format", "json-lines", "--date", "2024-06-01", target)
    none = _run(tmp_path, "--no-cache", *args)
    _run(tmp_path, *args)  # fills the cache
    warm = _run(tmp_path, *args)
    assert none.returncode == warm.returncode == 1
    assert none.stdout == warm.stdout and none.stdout.count("\n") > 10
    assert (tmp_path / "cache" / regexes.file_name()).is_file()


# -- specs in plain form -------------------------------------------------------


def _builtin_rules():
    for path in sorted((builtin_rules_dir() / "News").glob("*.yml")):
        yield parse_rule_file(str(path), path.read_text(encoding="utf-8"), f"News.{path.stem}")


def test_every_builtin_spec_comes_back_from_its_plain_form():
    for rule in _builtin_rules():
        plain = json.loads(json.dumps(spec.to_plain(rule.spec)))
        back = spec.from_plain(plain)
        assert back == rule.spec and type(back) is type(rule.spec), rule.id
        assert spec.to_plain(back) == plain


def test_a_validated_spec_is_a_light_frozen_object():
    rule = next(r for r in _builtin_rules() if r.id == "News.NameVariant")
    assert type(rule.spec).__module__ == "lint.checks.name_variants"
    assert not any(c.__module__.startswith("pydantic") for c in type(rule.spec).__mro__)
    with pytest.raises(AttributeError):
        rule.spec.level = "error"  # type: ignore[misc]
    lowered = rule.spec.model_copy(update={"level": "suggestion"})
    assert lowered.level == "suggestion" and rule.spec.level != "suggestion"
    assert lowered != rule.spec and hash(rule.spec) == hash(rule.spec.model_copy())


@pytest.mark.parametrize("plain", [
    {"$m": "os.system", "f": {}},  # a class not declared with lint.spec
    {"$m": "lint.rules.Action", "f": {"name": "x"}},  # fields missing
    {"$x": [1]},  # an unknown tag
    {"$d": [[[1], 2]]},  # an unhashable key
    {"$date": 20240101},
    {"a": 1, "b": 2, "c": 3},
])
def test_from_plain_builds_nothing_it_could_not_have_made(plain):
    with pytest.raises(spec.Unplain):
        spec.from_plain(plain)


def test_a_value_with_no_plain_form_is_refused():
    with pytest.raises(spec.Unplain):
        spec.to_plain(Path("x"))


def test_validation_errors_still_name_the_file_line_and_key():
    from lint.rules import RuleError

    with pytest.raises(RuleError, match=r"P/R\.yml:3: tokens: Input should be a valid list"):
        parse_rule_file("P/R.yml", "extends: existence\nmessage: x\ntokens: word\n", "P.R")


# -- regex programs ------------------------------------------------------------


def test_a_restored_program_matches_as_the_compiled_pattern(tmp_path):
    _run(tmp_path, "--isolated", str(SEED))
    programs: dict = {}
    for f in (tmp_path / "cache").glob("rules-*.json"):  # the global store and the built-in pack's
        data = f.read_bytes()
        head = data[:data.index(b"\n", len(rule_cache._MAGIC)) + 1]
        payload = json.loads(data[len(head) + 32:])  # past the MAC
        programs.update(payload["programs"] if "rules" in payload else payload)
    assert len(programs) > 100
    from regex import _regex  # type: ignore[attr-defined]

    text = SEED.read_text(encoding="utf-8") + "\nÉcole İstanbul straße ΣΑΣ ﬁne KELVIN 3.5% $4bn\n"
    assert any(k.startswith("~relax") for k in programs)  # the gates' relaxations are kept there too
    for key, stored in programs.items():
        if key.startswith("~"):
            continue
        flags, _, source = key.partition(":")
        restored = _regex.compile(*regexes._decode(stored))
        fresh = regex.compile(source, int(flags))
        assert [m.span() for m in restored.finditer(text)] == [m.span() for m in fresh.finditer(text)], source[:80]


@pytest.mark.parametrize("bad", [
    ["p", 0, "!!notbase64", {}, [], 0, None, 0, 1],
    ["p", "0", "", {}, [], 0, None, 0, 1],
    ["p", 0, "", {"a": "1"}, [], 0, None, 0, 1],
    ["p", 0, "", {}, [["x", "y"]], 0, None, 0, 1],
    ["p", 0, "", {}, [], 0, ["a"], 0, 1],
    ["p", 0, ""],
])
def test_a_malformed_program_is_never_handed_to_the_engine(bad):
    with pytest.raises((ValueError, TypeError)):
        regexes._decode(bad)


def test_an_altered_programs_file_is_not_used_and_the_findings_stay_right(tmp_path):
    clean = _run(tmp_path, "--isolated", "--no-cache", str(SEED))
    _run(tmp_path, "--isolated", str(SEED))
    f = tmp_path / "cache" / regexes.file_name()
    data = bytearray(f.read_bytes())
    data[-10] ^= 0x01
    f.write_bytes(bytes(data))
    r = _run(tmp_path, "--isolated", str(SEED))
    assert (r.returncode, r.stdout) == (clean.returncode, clean.stdout)
    assert "not authentic" in r.stderr


def test_no_cache_writes_no_programs(tmp_path):
    _run(tmp_path, "--isolated", "--no-cache", str(SEED))
    assert not (tmp_path / "cache").exists()


def test_alternations_built_from_sets_are_the_same_in_every_process(tmp_path):
    """A pattern that differs between processes is compiled in each and fills the cache."""
    code = ("import regex; n = [0]; compile_ = regex.compile\n"
            "def counted(*a, **k):\n    n[0] += 1\n    return compile_(*a, **k)\n"
            "regex.compile = counted\nfrom lint.api import load; load(); print(n[0])")
    env = _env(tmp_path)
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    again = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert int(first.stdout) > 50 and int(again.stdout) == 0, (first.stderr, again.stderr)


# -- review findings -------------------------------------------------------------


def test_a_closed_pipe_is_exit_1_and_no_message(tmp_path):
    p = subprocess.Popen([sys.executable, "-m", "lint", "--list-rules"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=_env(tmp_path))
    assert p.stdout is not None
    # closed before the command writes (as `| head -1` does once it has its line): reading a line first
    # let the whole listing, smaller than a pipe's buffer, be written before the close on a fast run
    p.stdout.close()
    err = p.stderr.read() if p.stderr else b""
    assert p.wait(timeout=120) == 1 and b"internal error" not in err


def test_python_m_lint_cli_runs_the_command(tmp_path):
    r = subprocess.run([sys.executable, "-m", "lint.cli", "--isolated", str(SEED)], cwd=ROOT, capture_output=True,
                       text=True, env=_env(tmp_path), timeout=120)
    assert r.returncode == 1 and "NameVariant" in r.stdout


def test_escapes_in_a_message_are_stripped_off_a_terminal(tmp_path):
    r = _run(tmp_path, "--isolated", "\x1b[31mRED")
    assert r.returncode == 2 and "\x1b" not in r.stderr and "RED" in r.stderr


def test_messages_reach_an_ascii_stream(tmp_path):
    r = _run(tmp_path, "--list-rules", PYTHONIOENCODING="ascii")
    assert r.returncode == 0 and r.stdout.count("\n") > 40, r.stderr


def test_no_cache_reads_no_cache_file(tmp_path):
    _run(tmp_path, "--isolated", str(SEED))
    for f in (tmp_path / "cache").glob("rules-*.json"):
        f.write_bytes(f.read_bytes() + b"x")  # not authentic any more: reading it would say so
    r = _run(tmp_path, "--isolated", "--no-cache", str(SEED))
    assert r.returncode == 1 and "not authentic" not in r.stderr


def test_a_float_option_takes_ascii_digits_only():
    assert cli.parse(["--server", "--idle-timeout", "١"]) is None
    assert cli.parse(["--server", "--idle-timeout", "1.5"])["idle_timeout"] == 1.5


def test_a_packs_programs_live_in_its_own_cache_file(tmp_path):
    pack = tmp_path / "styles" / "Big"
    pack.mkdir(parents=True)
    tokens = "".join(f"  - zq{i}word\n" for i in range(300))
    (pack / "Words.yml").write_text("extends: existence\nmessage: \"'%s'\"\nlevel: suggestion\ntokens:\n" + tokens, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nA zq17word here.\n", encoding="utf-8")
    args = ("--isolated", "--no-builtin", "--rules", str(tmp_path / "styles"), "-f", "line", str(tmp_path / "a.txt"))
    first, again = _run(tmp_path, *args), _run(tmp_path, *args)
    assert first.returncode == again.returncode == 0 and first.stdout == again.stdout and "zq17word" in first.stdout
    stores = {}
    for f in (tmp_path / "cache").glob("rules-*.json"):
        data = f.read_bytes()
        payload = json.loads(data[data.index(b"\n", len(rule_cache._MAGIC)) + 1 + 32:])
        stores[f.name] = payload["programs"] if "rules" in payload else payload
    own = [s for s in stores.values() if any("zq17word" in k for k in s)]
    assert len(own) == 1 and len([k for k in own[0] if "zq" in k]) >= 300  # one file holds them all: the pack's
    assert regexes.file_name() not in [n for n, s in stores.items() if s is own[0]]


def test_each_environment_has_its_own_global_store(monkeypatch):
    here = regexes.file_name()
    monkeypatch.setattr(regexes, "_env", lambda: "another installation")
    assert regexes.file_name() != here and regexes.file_name().startswith("rules-regex-")
