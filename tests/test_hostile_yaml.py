"""Hostile YAML, TOML, JSON and data files (issue 11): every text a user
supplies is read with limits (lint/safe_yaml.py), and each way past a limit
is a one-line error naming the file and line, never a hang or a traceback.

The inputs that made the old code hang or eat memory run in a subprocess
with a timeout and an address-space limit, so a regression fails quickly
instead of taking the machine down."""

from __future__ import annotations

import builtins
import io
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, cli
from lint.readers import ReadError, read_markdown
from lint.rules import RuleError, load_rules

MEMORY = 1536 * 1024 * 1024  # bytes of address space for a hostile run (the old code wanted several GB)


def hostile(*args: str, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """``newslint *args`` in a subprocess with a timeout and a memory limit."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout, preexec_fn=limit)


def bomb(levels: int = 9, width: int = 9, last: str = "title") -> str:
    """A "billion laughs": ``width ** levels`` values from a few hundred bytes."""
    names = "abcdefghijklmnopqrstuvwxyz"
    out = [f"{names[0]}: &{names[0]} [{', '.join(['x'] * width)}]"]
    for k in range(1, levels):
        out.append(f"{names[k]}: &{names[k]} [{', '.join([f'*{names[k - 1]}'] * width)}]")
    out.append(f"{last}: *{names[levels - 1]}")
    return "\n".join(out) + "\n"


def one_line(stderr: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return lines


GOOD_RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [very]\n"
NAMES_RULE = "extends: name_variants\nmessage: \"'%s': spelled '%s' elsewhere\"\nlevel: warning\nnames: {}\n"


# -- front matter ---------------------------------------------------------------


def test_front_matter_alias_bomb_is_a_read_error_and_the_run_goes_on(tmp_path):
    text = "---\n" + bomb() + "---\nIt is very hot.\n"
    assert len(text.encode()) < 450
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text("It is very hot.\n", encoding="utf-8")
    (tmp_path / "P").mkdir()
    (tmp_path / "P" / "Very.yml").write_text(GOOD_RULE, encoding="utf-8")
    proc = hostile("--isolated", "--no-builtin", "--rules", str(tmp_path / "P"), "--format", "line", "a.md", "b.md", cwd=tmp_path, timeout=15)
    lines = one_line(proc.stderr)
    assert proc.returncode == 2
    assert "a.md:6: front matter: aliases expand to more than 20000 values" in proc.stderr, lines
    assert "b.md:1:7:P.Very:Avoid 'very'." in proc.stdout  # the other file was linted


def test_front_matter_alias_bomb_over_the_language_server(tmp_path):
    """The server answers with a diagnostic for the bad front matter and stays up."""
    import json

    text = "---\n" + bomb() + "---\nBody.\n"

    def frame(msg: dict) -> bytes:
        body = json.dumps(msg).encode()
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    uri = (tmp_path / "a.md").as_uri()
    stdin = b"".join([
        frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": tmp_path.as_uri(), "capabilities": {}}}),
        frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
        frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        frame({"jsonrpc": "2.0", "method": "exit"}),
    ])

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "lint", "--lsp"], cwd=tmp_path, input=stdin, capture_output=True,
                          env=env, timeout=20, preexec_fn=limit)
    out = proc.stdout.decode("utf-8", "replace")
    assert "aliases expand to more than 20000 values" in out
    assert '"id": 2' in out or '"id":2' in out  # shutdown answered: the server kept going


@pytest.mark.parametrize(("front", "line", "problem"), [
    ("title: [a, b]\n", 2, "title: expected text, not a list"),
    ("x: 1\ntitle: {a: b}\n", 3, "title: expected text, not a mapping"),
    ("date: [2024-09-17]\n", 2, "date: expected a date, not a list"),
    ("dateline: {city: Minsk}\n", 2, "dateline: expected text, not a mapping"),
    ("location: [Minsk]\n", 2, "location: expected text, not a list"),
    ("source: [a]\n", 2, "source: expected text, not a list"),
    ("standfirst: {a: b}\n", 2, "standfirst: expected text, not a mapping"),
    ("author: [[a, b]]\n", 2, "author: expected text or a list of names, not a nested list"),
    ("author: {name: [a]}\n", 2, "author: expected text or a list of names, not a mapping"),
    ("a: &a [x, x, x]\ntitle: *a\n", 3, "title: expected text, not a list"),
])
def test_front_matter_keys_take_only_their_types(front, line, problem):
    with pytest.raises(ReadError) as info:
        read_markdown("a.md", "---\n" + front + "---\nBody.\n")
    assert str(info.value) == f"a.md:{line}: front matter: {problem}"


def test_front_matter_keys_still_take_what_they_did():
    art = read_markdown("a.md", "---\ntitle: 2024\nauthor: [Ann Lee, Bo Ma]\ndate: 2024-09-17\nsource: Reuters\n"
                                "dateline: MINSK\ntags: [a, {b: c}]\n---\nBody.\n")
    assert (art.meta.headline, art.meta.author, str(art.meta.date), art.meta.source, art.meta.place) == (
        "2024", "Ann Lee, Bo Ma", "2024-09-17", "Reuters", "MINSK")
    assert read_markdown("a.md", "---\nauthor: {name: Ann Lee, email: a@b.c}\n---\nBody.\n").meta.author == "Ann Lee"
    assert read_markdown("a.md", "---\nauthors: [{name: Ann Lee}, Bo Ma]\n---\nBody.\n").meta.author == "Ann Lee, Bo Ma"


@pytest.mark.parametrize(("front", "line", "problem"), [
    ("title: ok\nx: " + "[" * 70 + "]" * 70 + "\n", 3, "nested too deep (limit 64)"),
    ("title: ok\nx: &a [*a]\n", 3, "recursive alias (a collection that contains itself)"),
    ("v: &v 1\nx: [" + ", ".join(["*v"] * 101) + "]\n", 2, "too many aliases (limit 100)"),
    ("title: ok\nx: '" + "y" * (256 * 1024) + "'\n", 2, "too large (limit 256 KB)"),
])
def test_front_matter_limits(front, line, problem):
    with pytest.raises(ReadError) as info:
        read_markdown("a.md", "---\n" + front + "---\nBody.\n")
    assert str(info.value) == f"a.md:{line}: front matter: {problem}"


# -- newslint.yaml, pyproject.toml -------------------------------------------------


def test_config_alias_bomb(tmp_path):
    (tmp_path / "newslint.yaml").write_text(bomb(last="select"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Body.\n", encoding="utf-8")
    proc = hostile("a.txt", cwd=tmp_path, timeout=15)
    assert proc.returncode == 2
    assert one_line(proc.stderr) == [f"newslint: {tmp_path / 'newslint.yaml'}:6: aliases expand to more than 100000 values"]


@pytest.mark.parametrize(("name", "text", "problem"), [
    ("newslint.yaml", "[" * 100_000 + "]" * 100_000, "newslint.yaml:1: invalid YAML: exceeded maximum nesting depth"),
    ("newslint.yaml", "select: " + "[" * 100 + "]" * 100 + "\n", "newslint.yaml:1: nested too deep (limit 64)"),
    ("pyproject.toml", "[tool.newslint]\nbuiltin = true\n[other]\na = " + "[" * 100_000 + "]" * 100_000 + "\n",
     "pyproject.toml: invalid TOML: nested too deep"),
])
def test_config_nested_deep_is_one_line(tmp_path, name, text, problem):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Body.\n", encoding="utf-8")
    res = cli("a.txt", cwd=tmp_path)
    assert res.code == 2
    assert one_line(res.stderr) == [f"newslint: {tmp_path / problem}"]


def _unreadable(monkeypatch, name: str) -> None:
    """Reading a file called ``name`` fails as it does without permission (root ignores chmod 000)."""
    def deny(path) -> bool:
        return isinstance(path, (str, os.PathLike)) and os.path.basename(os.fspath(path)) == name

    real_open, real_os_open = builtins.open, os.open

    def fake_open(file, *args, **kwargs):
        if deny(file):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        if deny(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)


def test_unreadable_pyproject_above_the_path_is_one_line(tmp_path, monkeypatch):
    """The nearest candidate cannot be read: an error (exit 2), not skipped,
    since skipping would silently apply the newslint.yaml further up."""
    (tmp_path / "newslint.yaml").write_text("select: [News.GluedDash]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.newslint]\nselect = []\n", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Body.\n", encoding="utf-8")
    _unreadable(monkeypatch, "pyproject.toml")
    res = cli("sub/a.txt", cwd=tmp_path)
    assert res.code == 2
    assert one_line(res.stderr) == [
        f"newslint: {tmp_path / 'sub' / 'pyproject.toml'}: cannot read while looking for [tool.newslint]: Permission denied"]


def test_a_pyproject_that_is_no_file_is_no_candidate(tmp_path):
    """A FIFO or a folder named pyproject.toml is never opened (a FIFO would block): the next one up applies."""
    (tmp_path / "newslint.yaml").write_text("format: line\n", encoding="utf-8")
    for sub, make in (("fifo", os.mkfifo), ("dir", os.mkdir)):
        (tmp_path / sub).mkdir()
        make(tmp_path / sub / "pyproject.toml")
        (tmp_path / sub / "a.txt").write_text("It is very hot.\n", encoding="utf-8")
    proc = hostile("fifo/a.txt", "dir/a.txt", cwd=tmp_path, timeout=15)
    assert proc.returncode in (0, 1), proc.stderr
    assert not one_line(proc.stderr)


# -- rule files and rule data files ----------------------------------------------


def _pack(tmp_path: Path, rule: str) -> Path:
    (tmp_path / "P" / "data").mkdir(parents=True)
    (tmp_path / "P" / "R.yml").write_text(rule, encoding="utf-8")
    return tmp_path / "P"


def test_rule_file_alias_bomb(tmp_path):
    _pack(tmp_path, GOOD_RULE + bomb(last="zz"))
    proc = hostile("--isolated", "--no-builtin", "--rules", str(tmp_path / "P"), "--list-rules", cwd=tmp_path, timeout=15)
    assert proc.returncode == 2
    assert one_line(proc.stderr) == [f"newslint: {tmp_path / 'P' / 'R.yml'}:10: aliases expand to more than 100000 values"]


def test_rule_file_too_large(tmp_path):
    _pack(tmp_path, GOOD_RULE + ("# " + "x" * 1000 + "\n") * 4200)
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path / "P")
    assert "R.yml: cannot read: too large" in str(info.value) and "limit 4 MB" in str(info.value)


def test_data_file_alias_bomb(tmp_path):
    pack = _pack(tmp_path, NAMES_RULE.format("data/names.yml"))
    (pack / "data" / "names.yml").write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                                             + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
                                                       for p, c in zip("abcdefgh", "bcdefghi")), encoding="utf-8")
    proc = hostile("--isolated", "--no-builtin", "--rules", str(tmp_path / "P"), "--list-rules", cwd=tmp_path, timeout=15)
    assert proc.returncode == 2
    assert one_line(proc.stderr) == [f"newslint: {pack / 'data' / 'names.yml'}:7: aliases expand to more than 2000000 values"]


@pytest.mark.parametrize("where", ["/etc/passwd", "../../outside.yml", "../outside.yml", "data/link.yml"])
def test_data_file_outside_the_pack_is_refused(tmp_path, where):
    work = tmp_path / "w"
    work.mkdir()
    pack = _pack(work, NAMES_RULE.format(where))
    for f in (tmp_path / "outside.yml", work / "outside.yml"):
        f.write_text("Zapad: [Zapod]\n", encoding="utf-8")
    (pack / "data" / "link.yml").symlink_to(work / "outside.yml")
    with pytest.raises(RuleError) as info:
        load_rules(pack)
    message = str(info.value)
    assert message.startswith(f"{pack / 'R.yml'}:4: names: data file {str(pack / where)!r} ")
    assert message.endswith(f" is outside the pack folder {str(pack)!r}")
    assert ("(it leads to" in message) == (where == "data/link.yml")


@pytest.mark.parametrize(("kind", "problem"), [
    ("fifo", "cannot read data file '{}': not a regular file"),
    ("folder", "cannot read data file '{}': not a regular file"),
    ("too-large", "cannot read data file '{}': too large (8388614 bytes, limit 8 MB)"),
    ("dev-zero", "data file '{}' (it leads to '/dev/zero') is outside the pack folder"),  # the link is resolved
])
def test_data_file_must_be_a_small_regular_file(tmp_path, kind, problem):
    pack = _pack(tmp_path, NAMES_RULE.format("data/names.yml"))
    target = pack / "data" / "names.yml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "folder":
        target.mkdir()
    else:
        target.write_text("x: '" + "y" * (8 * 1024 * 1024) + "'\n", encoding="utf-8")
    proc = hostile("--isolated", "--no-builtin", "--rules", str(tmp_path / "P"), "--list-rules", cwd=tmp_path, timeout=15)
    assert proc.returncode == 2
    lines = one_line(proc.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"newslint: {pack / 'R.yml'}:4: names: {problem.format(target)}"), lines


# -- Vale vocabularies ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "folder", "too-large"])
def test_vocab_file_must_be_a_small_regular_file(tmp_path, kind):
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Newsroom"
    vocab.mkdir(parents=True)
    (tmp_path / "styles" / "House").mkdir()
    (tmp_path / "styles" / "House" / "Very.yml").write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nVocab = Newsroom\n[*]\nBasedOnStyles = House\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("It is very hot.\n", encoding="utf-8")
    accept = vocab / "accept.txt"
    if kind == "fifo":
        os.mkfifo(accept)
    elif kind == "folder":
        accept.mkdir()
    else:
        accept.write_text("Zapad\n" * 800_000, encoding="utf-8")
    proc = hostile("--no-builtin", "a.txt", cwd=tmp_path, timeout=15)
    assert proc.returncode == 2
    problem = "too large" if kind == "too-large" else "not a regular file"
    assert one_line(proc.stderr) == [f"newslint: {accept}: cannot read: {problem}"
                                     + (" (4800000 bytes, limit 4 MB)" if kind == "too-large" else "")]


# -- baselines ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "problem"), [
    ("[" * 100_000 + "]" * 100_000, "not a newslint baseline: nested too deep"),
    ('{"version": 1, "findings": [{"fingerprint": ["x"]}]}', "not a newslint baseline (version 1)"),
])
def test_baseline_nested_deep_is_one_line(tmp_path, text, problem):
    (tmp_path / "b.json").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Body.\n", encoding="utf-8")
    res = cli("--isolated", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert res.code == 2
    assert one_line(res.stderr) == [f"newslint: cannot read baseline b.json: {problem}"]


def test_baseline_fifo_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "b.json")
    (tmp_path / "a.txt").write_text("Body.\n", encoding="utf-8")
    proc = hostile("--isolated", "--baseline", "b.json", "a.txt", cwd=tmp_path, timeout=15)
    assert proc.returncode == 2
    assert one_line(proc.stderr) == ["newslint: cannot read baseline b.json: not a regular file"]
