"""Malformed rule files: each gives ONE error line naming file, line and key, exit 2."""

from __future__ import annotations

import pytest

OK = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens:\n  - reportedly\n"
SUB = "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  utilise: use\n"

# (file text, expected line or None for "no line", expected key or None, words in the message)
CASES = {
    "yaml-bad-indent": ("extends: existence\n  message: x: y\n", 2, None, "invalid YAML"),
    "yaml-unclosed-quote": ("extends: existence\nmessage: \"Avoid\ntokens: [a]\n", None, None, "invalid YAML"),
    "yaml-tab-indent": ("extends: existence\ntokens:\n\t- a\n", None, None, "invalid YAML"),
    "yaml-unclosed-list": ("extends: existence\ntokens: [a, b\n", None, None, "invalid YAML"),
    "yaml-list-top": ("- a\n- b\n", 1, None, "mapping"),
    "yaml-scalar-top": ("just words\n", 1, None, "mapping"),
    "empty-file": ("", 1, None, "mapping"),
    "missing-extends": ("message: x\ntokens: [a]\n", 1, "extends", "missing"),
    "unknown-check": (OK.replace("existence", "existance"), 1, "extends", "unknown check type"),
    "extends-not-string": ("extends: [existence]\ntokens: [a]\n", 1, "extends", "unknown check type"),
    "unknown-key": (OK + "ignorcase: true\n", 6, "ignorcase", "unknown key"),
    "unknown-key-typo-level": (OK.replace("level:", "levle:"), 3, "levle", "unknown key"),
    "unknown-key-nested-action": (SUB + "action:\n  nme: replace\n", 6, "action.nme", "unknown key"),
    "unknown-key-examples": (OK + "examples:\n  fires: ['x']\n", 7, "examples.fires", "unknown key"),
    "bad-level": (OK.replace("level: warning", "level: severe"), 3, "level", "suggestion"),
    "level-number": (OK.replace("level: warning", "level: 3"), 3, "level", "suggestion"),
    "message-list": (OK.replace("message: \"Avoid '%s'.\"", "message: [a, b]"), 2, "message", "string"),
    "tokens-string": ("extends: existence\nmessage: x\ntokens: reportedly\n", 3, "tokens", "list"),
    "tokens-empty": ("extends: existence\nmessage: x\ntokens: []\n", 3, "tokens", "needs"),
    "tokens-mapping": ("extends: existence\nmessage: x\ntokens:\n  a: b\n", 3, "tokens", "list"),
    "token-bad-regex": ("extends: existence\nmessage: x\ntokens:\n  - ok\n  - '(unclosed'\n", 5, "tokens.1", "invalid regular expression"),
    "raw-bad-regex": ("extends: existence\nmessage: x\nraw:\n  - '[a-'\n", 3, "raw", "invalid regular expression"),
    "exception-bad-regex": (OK + "exceptions:\n  - '*x'\n", 7, "exceptions.0", "invalid regular expression"),
    "ignorecase-string": (OK + "ignorecase: sometimes\n", 6, "ignorecase", "bool"),
    "limit-string": (OK + "limit: many\n", 6, "limit", "integer"),
    "scope-unknown": (OK + "scope: headlines\n", 6, "scope", "unknown scope"),
    "swap-empty": ("extends: substitution\nmessage: x\nswap: {}\n", 3, "swap", "non-empty"),
    "swap-value-list": ("extends: substitution\nmessage: x\nswap:\n  a: [b]\n", 4, "swap.a", "string"),
    "swap-bad-regex": ("extends: substitution\nmessage: x\nswap:\n  '(a': b\n", 4, "swap.(a", "invalid regular expression"),
    "swap-list": ("extends: substitution\nmessage: x\nswap:\n  - a\n", 3, "swap", "dictionary"),
    "example-wrong-type": (OK + "examples:\n  fire: [{text: 1}]\n", 7, "examples.fire.0.text", "string"),
    "example-bad-date": (OK + "examples:\n  fire: [{text: a, date: 'soon'}]\n", 7, "examples.fire.0.date", "date"),
    "data-file-missing": ("extends: recurrence\nmessage: x\nschedules: data/none.yml\n", 3, "schedules", "cannot read data file"),
    # one check type, one set of keys: a key of another type is unknown
    "key-of-another-type": ("extends: unbalanced_quotes\nmessage: x\napostrophes: true\n", 3, "apostrophes", "unknown key"),
    "kind-on-a-split-type": ("extends: quote_style\nkind: mixed\nmessage: x\n", 2, "kind", "unknown key"),
    "split-type": ("extends: structure\nkind: byline\n", 1, "extends", "use 'missing_byline' (kind: byline)"),
}


def _write_pack(tmp_path, name: str, text: str):
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    f = pack / f"{name}.yml"
    f.write_text(text, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nIt was reportedly fine.\n", encoding="utf-8")
    return f, article


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_rule(tmp_path, newslint, name):
    text, line, key, words = CASES[name]
    f, article = _write_pack(tmp_path, "Rule", text)
    proc = newslint("--isolated", "--no-builtin", "--rules", str(tmp_path / "styles"), str(article))
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    where = f"newslint: {f}" + (f":{line}: " if line else ":")
    assert lines[0].startswith(where), lines[0]
    if key is not None:
        assert f": {key}: " in lines[0], lines[0]
    assert words in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


def test_rule_file_not_utf8(tmp_path, newslint):
    f, article = _write_pack(tmp_path, "Rule", "")
    f.write_bytes(b"extends: existence\nmessage: caf\xe9\ntokens: [a]\n")
    proc = newslint("--isolated", "--no-builtin", "--rules", str(tmp_path / "styles"), str(article))
    assert proc.returncode == 2 and str(f) in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_rules_path_that_is_not_a_folder(tmp_path, newslint):
    f = tmp_path / "Rule.yml"
    f.write_text(OK, encoding="utf-8")
    proc = newslint("--isolated", "--rules", str(f), "--list-rules")
    assert proc.returncode == 2 and proc.stderr.strip() == f"newslint: {f}: not a folder of rule packs"


def test_duplicate_ids_in_two_folders(tmp_path, newslint):
    for top in ("a", "b"):
        (tmp_path / top / "P").mkdir(parents=True)
        (tmp_path / top / "P" / "R.yml").write_text(OK, encoding="utf-8")
    proc = newslint("--isolated", "--no-builtin", "--rules", str(tmp_path / "a"), "--rules", str(tmp_path / "b"), "--list-rules")
    assert proc.returncode == 2 and "duplicate rule id P.R" in proc.stderr


def test_huge_rule_loads_and_runs(tmp_path, newslint):
    tokens = "".join(f"  - word{i}\n" for i in range(20_000))
    f, article = _write_pack(tmp_path, "Huge", "extends: existence\nmessage: \"'%s'\"\nlevel: suggestion\ntokens:\n" + tokens + "  - reportedly\n")
    proc = newslint("--isolated", "--no-builtin", "--rules", str(tmp_path / "styles"), str(article))
    assert proc.returncode == 0 and "House.Huge 'reportedly'" in proc.stdout  # a suggestion: below the failing level
