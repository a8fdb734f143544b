"""The cache of compiled rules (lint/rule_cache.py) and selecting before compiling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lint import api, rule_cache
from lint.engine import lint_article
from lint.readers import read_article
from lint.rules import RuleError, builtin_rules_dir, load_rules

SEED = Path(__file__).resolve().parents[1] / "seeds" / "belarus-russia-security-ties.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(d))
    monkeypatch.setattr(rule_cache, "_enabled", True)
    return d


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "rules" / "P"
    pack.mkdir(parents=True)
    (pack / "data").mkdir()
    (pack / "data" / "words.yml").write_text("- alpha\n- beta\n", encoding="utf-8")
    (pack / "Words.yml").write_text(
        "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [gamma]\n", encoding="utf-8")
    return pack


def _findings(rules, text: str) -> list[tuple[int, int, str, str]]:
    art = read_article("a.txt", text)
    return [(d.start, d.end, d.rule, d.message) for d in lint_article(art, rules)]


def test_hit_gives_the_same_rules_and_findings(cache):
    text = SEED.read_text(encoding="utf-8")
    cold = load_rules(builtin_rules_dir())
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 0
    entries = rule_cache.PackCache(builtin_rules_dir() / "News").entries
    assert len(entries) == len(cold)
    warm = load_rules(builtin_rules_dir())
    assert [r.id for r in warm] == [r.id for r in cold]
    assert [r.spec for r in warm] == [r.spec for r in cold]
    assert _findings(warm, text) == _findings(cold, text)
    assert _findings(warm, text)  # the seed has findings: the comparison means something


def test_hit_does_not_compile(cache, tmp_path, monkeypatch):
    pack = _pack(tmp_path)
    load_rules(pack)
    from lint import rules as rules_mod

    def boom(*a, **k):
        raise AssertionError("compiled on a cache hit")

    monkeypatch.setattr(rules_mod, "parse_rule_file", boom)
    assert [r.id for r in load_rules(pack)] == ["P.Words"]


def test_changed_rule_file_invalidates(cache, tmp_path):
    pack = _pack(tmp_path)
    first = load_rules(pack)
    assert _findings(first, "gamma and delta\n")
    (pack / "Words.yml").write_text(
        "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [delta]\n", encoding="utf-8")
    second = load_rules(pack)
    assert [f[:2] for f in _findings(second, "gamma and delta\n")] == [(10, 15)]


def test_changed_data_file_invalidates(cache, tmp_path):
    pack = tmp_path / "rules" / "News"
    shutil.copytree(builtin_rules_dir() / "News", pack)
    load_rules(pack)
    known = pack / "data" / "known-names.yml"
    before = rule_cache.PackCache(pack)
    deps = {d for e in before.entries.values() for d, _ in e[1]}
    assert str(known.resolve()) in deps
    known.write_text(known.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    rule_cache._file_digests.clear()  # a new process would read the file afresh
    from lint import rules as rules_mod

    calls = []
    real = rules_mod.parse_rule_file
    rules_mod.parse_rule_file = lambda *a: calls.append(a[2]) or real(*a)
    try:
        load_rules(pack)
    finally:
        rules_mod.parse_rule_file = real
    assert "News.NameVariant" in calls  # it reads known-names.yml: recompiled
    assert "News.GluedDash" not in calls  # it reads no data file: still cached


def test_unwritable_cache_dir_is_harmless(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(rule_cache, "_enabled", True)
    assert [r.id for r in load_rules(_pack(tmp_path))] == ["P.Words"]


def test_corrupt_cache_is_ignored(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    (f,) = cache.iterdir()
    f.write_bytes(b"garbage")
    assert [r.id for r in load_rules(pack)] == ["P.Words"]


def test_disabled_cache_writes_nothing(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(rule_cache, "_enabled", False)
    load_rules(_pack(tmp_path))
    assert not cache.exists()


def test_unselected_rules_are_not_compiled(tmp_path, monkeypatch):
    monkeypatch.setattr(rule_cache, "_enabled", False)
    pack = _pack(tmp_path)
    (pack / "Broken.yml").write_text("extends: existence\ntokens: ['(']\nraw: 3\n", encoding="utf-8")
    with pytest.raises(RuleError):
        api.load([tmp_path / "rules"], builtin=False)
    keep = api.selector(["P.Words"], [])
    assert [r.id for r in api.load([tmp_path / "rules"], builtin=False, keep=keep)] == ["P.Words"]
    assert [r.id for r in api.load([tmp_path / "rules"], builtin=False, keep=api.selector([], ["P.Broken"]))] == ["P.Words"]
    assert api.selector([], []) is None


def test_duplicates_found_among_unselected_rules(tmp_path, monkeypatch):
    monkeypatch.setattr(rule_cache, "_enabled", False)
    _pack(tmp_path)
    other = tmp_path / "more" / "P"
    other.mkdir(parents=True)
    (other / "Words.yml").write_text("extends: existence\nmessage: x\ntokens: [x]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="duplicate rule id P.Words"):
        api.load([tmp_path / "rules", tmp_path / "more"], builtin=False, keep=api.selector(["Q"], []))


def test_cli_select_and_no_cache(cache, tmp_path):
    from typer.testing import CliRunner

    from lint.cli import app

    r = CliRunner().invoke(app, ["--isolated", "--no-cache", "--select", "News.GluedDash", "--list-rules"])
    assert r.exit_code == 0 and r.output.split("\t")[0] == "News.GluedDash"
    assert not cache.exists()
    r = CliRunner().invoke(app, ["--isolated", "--select", "News.GluedDash", "--explain", "News.NameVariant"])
    assert r.exit_code == 0 and r.output.startswith("News.NameVariant (name_variants")
