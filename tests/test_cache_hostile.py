"""The cache of compiled rules against a hostile or broken cache folder (lint/rule_cache.py).

The folder is often not private (a shared folder, a CI cache restored from a
pull request's run): nothing found there may run code, hang the run, or
change its findings. Root here: "someone else" is uid 65534 (``os.chown``).
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from lint import rule_cache
from lint.engine import lint_article
from lint.readers import read_article
from lint.rules import builtin_rules_dir, load_rules

OTHER_UID = 65534  # nobody
TEXT = "gamma and delta\n"
ARTICLE = "A gamma ray.\n\nNothing else.\n"

root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.chown to another user needs root")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder and key (the key in a folder of its own), this process's key forgotten."""
    d = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(d))
    monkeypatch.setenv("NEWSLINT_CACHE_KEY", str(tmp_path / "config" / "newslint" / "cache.key"))
    monkeypatch.setattr(rule_cache, "_enabled", True)
    monkeypatch.setattr(rule_cache, "_key", None, raising=False)
    monkeypatch.setattr(rule_cache, "_noted", False, raising=False)
    return d


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "rules" / "P"
    pack.mkdir(parents=True)
    (pack / "Words.yml").write_text(
        "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [gamma]\n", encoding="utf-8")
    return pack


def _cache_file(pack: Path) -> Path:
    return rule_cache.cache_dir() / f"rules-{rule_cache.digest(str(pack.resolve()))[:24]}.json"


def _findings(rules, text: str = TEXT) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.rule) for d in lint_article(read_article("a.txt", text), rules)]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env["NEWSLINT_CACHE_DIR"] = os.environ["NEWSLINT_CACHE_DIR"]
    env["NEWSLINT_CACHE_KEY"] = os.environ["NEWSLINT_CACHE_KEY"]
    env.update(extra)
    return env


def _run(tmp_path: Path, *args: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lint", "--isolated", *args], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", env=_env(tmp_path, **env), timeout=timeout)


class Payload:
    """Unpickling this creates ``marker``: what a planted cache file could do."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


# -- code execution -------------------------------------------------------------


def test_a_planted_pickle_runs_no_code_and_the_findings_are_right(cache, tmp_path):
    pack = _pack(tmp_path)
    marker = tmp_path / "pwned"
    f = _cache_file(pack)
    f.parent.mkdir(mode=0o700, parents=True)
    f.write_bytes(pickle.dumps(Payload(marker)))
    os.chmod(f, 0o600)
    rules = load_rules(pack)
    assert not marker.exists()
    assert _findings(rules) == [(0, 5, "P.Words")]
    assert rule_cache.PackCache(pack).entries  # replaced by a valid cache: the next run is a hit
    assert not marker.exists()


def test_a_planted_pickle_in_a_subprocess(cache, tmp_path):
    """The whole command: the payload never runs, stdout is what a run without a cache prints."""
    pack = _pack(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    marker = tmp_path / "pwned"
    clean = _run(tmp_path, "--no-builtin", "--rules", str(pack.parent), "--no-cache", "a.txt")
    assert clean.returncode == 1 and "P.Words" in clean.stdout
    f = _cache_file(pack)
    f.parent.mkdir(mode=0o700, parents=True)
    f.write_bytes(pickle.dumps(Payload(marker)))
    os.chmod(f, 0o600)
    r = _run(tmp_path, "--no-builtin", "--rules", str(pack.parent), "a.txt")
    assert not marker.exists()
    assert (r.returncode, r.stdout) == (clean.returncode, clean.stdout)
    assert "Traceback" not in r.stderr


def test_a_cache_made_with_another_key_is_a_miss_replaced_with_one_note(cache, tmp_path, monkeypatch):
    """A restored CI cache, or one planted with the right header: the MAC fails, nothing is unpickled."""
    pack = _pack(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    other_key = str(tmp_path / "elsewhere" / "cache.key")
    r = _run(tmp_path, "--no-builtin", "--rules", str(pack.parent), "a.txt", NEWSLINT_CACHE_KEY=other_key)
    written = _cache_file(pack).read_bytes()
    assert r.returncode == 1 and not r.stderr
    r = _run(tmp_path, "--no-builtin", "--rules", str(pack.parent), "a.txt")  # this user's key: not authentic
    assert r.returncode == 1 and "P.Words" in r.stdout and "not authentic" not in r.stdout
    assert r.stderr.count("not authentic") == 1 and len(r.stderr.splitlines()) == 1
    assert _cache_file(pack).read_bytes() != written  # replaced by one made with this key ...
    r = _run(tmp_path, "--no-builtin", "--rules", str(pack.parent), "a.txt")
    assert r.returncode == 1 and not r.stderr  # ... which the next run accepts


def test_a_planted_file_with_a_valid_header_and_a_forged_mac_runs_no_code(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    f = _cache_file(pack)
    good = f.read_bytes()
    marker = tmp_path / "pwned"
    head = len(rule_cache._MAGIC) + len(rule_cache.environment()) + 1
    f.write_bytes(good[:head] + bytes(32) + pickle.dumps(Payload(marker)))
    assert rule_cache.PackCache(pack).entries == {}
    assert not marker.exists()


def test_a_flipped_byte_anywhere_makes_the_file_a_miss(cache, tmp_path):
    """Before, a changed byte inside a pickled rule went unnoticed until that rule was unpickled (or not at all)."""
    pack = _pack(tmp_path)
    load_rules(pack)
    f = _cache_file(pack)
    good = f.read_bytes()
    assert rule_cache.PackCache(pack).entries
    for i in range(0, len(good), max(1, len(good) // 40)):
        bad = bytearray(good)
        bad[i] ^= 0x01
        f.write_bytes(bytes(bad))
        assert rule_cache.PackCache(pack).entries == {}, f"byte {i} of {len(good)}"


@pytest.mark.parametrize("cut", [0, 1, 30, 90, 120, -1])
def test_truncated_or_garbage_cache_is_a_miss(cache, tmp_path, cut):
    pack = _pack(tmp_path)
    load_rules(pack)
    f = _cache_file(pack)
    good = f.read_bytes()
    f.write_bytes(good[:cut] if cut >= 0 else good[:len(good) // 2] + os.urandom(len(good) // 2))
    assert rule_cache.PackCache(pack).entries == {}
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]
    assert rule_cache.PackCache(pack).entries  # rewritten whole


def test_an_oversized_cache_file_is_not_read(cache, tmp_path, monkeypatch):
    pack = _pack(tmp_path)
    load_rules(pack)
    monkeypatch.setattr(rule_cache, "MAX_BYTES", _cache_file(pack).stat().st_size - 1, raising=False)
    assert rule_cache.PackCache(pack).entries == {}


# -- FIFOs, devices, links --------------------------------------------------------


@pytest.mark.slow
def test_a_fifo_as_the_cache_file_does_not_hang(cache, tmp_path):
    pack = _pack(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    f = _cache_file(pack)
    f.parent.mkdir(mode=0o700, parents=True)
    os.mkfifo(f, 0o600)
    try:
        r = _run(tmp_path, "--no-builtin", "--rules", str(pack.parent), "a.txt", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the run blocked opening the FIFO")
    assert r.returncode == 1 and "P.Words" in r.stdout and "Traceback" not in r.stderr
    assert stat.S_ISREG(os.lstat(f).st_mode)  # the FIFO was replaced by a real cache


@pytest.mark.slow
def test_a_fifo_as_a_data_file_on_a_hit_does_not_hang(tmp_path):
    """On a hit, the data files a rule read are digested again: a FIFO there must not block."""
    fifo = tmp_path / "words.yml"
    os.mkfifo(fifo)
    code = "import sys; from lint import rule_cache; print(rule_cache.file_digest(sys.argv[1]))"
    try:
        r = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=10,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail("file_digest blocked on a FIFO")
    assert r.stdout == "None\n"


def test_a_symlink_as_the_cache_file_is_not_followed(cache, tmp_path):
    """A valid cache elsewhere, linked into place: O_NOFOLLOW refuses the link (a link to /dev/zero likewise)."""
    pack = _pack(tmp_path)
    load_rules(pack)
    f = _cache_file(pack)
    elsewhere = tmp_path / "elsewhere.pickle"
    f.rename(elsewhere)
    f.symlink_to(elsewhere)
    target = elsewhere.read_bytes()
    assert rule_cache.PackCache(pack).entries == {}
    load_rules(pack)  # a miss writes a real file in place of the link, the target untouched
    assert stat.S_ISREG(os.lstat(f).st_mode) and elsewhere.read_bytes() == target
    f.unlink()
    f.symlink_to("/dev/zero")
    assert rule_cache.PackCache(pack).entries == {}
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]


# -- folders and files someone else can write ----------------------------------------


def test_a_world_writable_cache_folder_is_not_read_nor_written(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    f = _cache_file(pack)
    before = f.read_bytes()
    os.chmod(cache, 0o777)
    assert rule_cache.PackCache(pack).entries == {}
    f.unlink()
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]
    assert list(cache.iterdir()) == []  # nothing written there either
    os.chmod(cache, 0o755)
    f.write_bytes(before)
    assert rule_cache.PackCache(pack).entries  # ours again: read


def test_a_group_writable_cache_file_is_not_read(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    os.chmod(_cache_file(pack), 0o620)
    assert rule_cache.PackCache(pack).entries == {}


@root_only
def test_a_cache_folder_owned_by_someone_else_is_not_read(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    os.chown(cache, OTHER_UID, OTHER_UID)
    assert rule_cache.PackCache(pack).entries == {}
    _cache_file(pack).unlink()
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]
    assert list(cache.iterdir()) == []  # and not written


@root_only
def test_a_cache_file_owned_by_someone_else_is_not_read(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    os.chown(_cache_file(pack), OTHER_UID, OTHER_UID)
    assert rule_cache.PackCache(pack).entries == {}


@root_only
def test_a_cache_folder_linked_to_someone_elses_folder_is_not_used(tmp_path, monkeypatch):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    link = tmp_path / "cache"
    link.symlink_to(theirs)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(link))
    monkeypatch.setenv("NEWSLINT_CACHE_KEY", str(tmp_path / "config" / "cache.key"))
    monkeypatch.setattr(rule_cache, "_enabled", True)
    monkeypatch.setattr(rule_cache, "_key", None, raising=False)
    pack = _pack(tmp_path)
    load_rules(pack)
    assert rule_cache.PackCache(pack).entries  # the link's target is ours: used
    os.chown(theirs, OTHER_UID, OTHER_UID)
    assert rule_cache.PackCache(pack).entries == {}
    for p in theirs.iterdir():
        p.unlink()
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]
    assert list(theirs.iterdir()) == []


# -- the key ---------------------------------------------------------------------


def test_the_key_is_made_private_outside_the_cache_folder(cache, tmp_path):
    load_rules(_pack(tmp_path))
    key = Path(os.environ["NEWSLINT_CACHE_KEY"])
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not any(p.name.startswith(".cache.key-") for p in key.parent.iterdir())  # no temporary file left
    assert [p.name for p in cache.iterdir()] == [_cache_file(tmp_path / "rules" / "P").name]


@pytest.mark.parametrize("where", ["inside", "same", "holds"])
def test_a_key_sharing_the_cache_folder_turns_the_cache_off(cache, tmp_path, monkeypatch, where):
    """A restored CI cache or a shared folder is attacker-controlled: a key there would be the attacker's."""
    if where == "inside":
        monkeypatch.setenv("NEWSLINT_CACHE_KEY", str(cache / "keys" / "cache.key"))
    elif where == "same":
        monkeypatch.setenv("NEWSLINT_CACHE_KEY", str(cache / "cache.key"))
    else:  # the cache folder inside the key's folder
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "config" / "newslint" / "cache"))
        cache = tmp_path / "config" / "newslint" / "cache"
    pack = _pack(tmp_path)
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]
    assert not cache.exists() or not any(p.name.startswith("rules-") for p in cache.iterdir())


@pytest.mark.parametrize("problem", ["readable", "short", "fifo", "link"])
def test_a_key_that_is_not_private_turns_the_cache_off(cache, tmp_path, problem):
    key = Path(os.environ["NEWSLINT_CACHE_KEY"])
    key.parent.mkdir(mode=0o700, parents=True)
    if problem == "readable":
        key.write_bytes(os.urandom(32))
        os.chmod(key, 0o644)
    elif problem == "short":
        key.write_bytes(b"x")
        os.chmod(key, 0o600)
    elif problem == "fifo":
        os.mkfifo(key, 0o600)
    else:
        real = tmp_path / "real.key"
        real.write_bytes(os.urandom(32))
        os.chmod(real, 0o600)
        key.symlink_to(real)
    pack = _pack(tmp_path)
    assert _findings(load_rules(pack)) == [(0, 5, "P.Words")]
    assert not cache.exists()
    assert key.is_symlink() or key.exists()  # left as it is: the user's to look at


@root_only
def test_a_key_owned_by_someone_else_turns_the_cache_off(cache, tmp_path):
    key = Path(os.environ["NEWSLINT_CACHE_KEY"])
    key.parent.mkdir(mode=0o700, parents=True)
    key.write_bytes(os.urandom(32))
    os.chmod(key, 0o600)
    os.chown(key, OTHER_UID, OTHER_UID)
    load_rules(_pack(tmp_path))
    assert not cache.exists()


# -- concurrency -------------------------------------------------------------------


@pytest.mark.slow
def test_concurrent_runs_writing_the_cache_all_finish_right(tmp_path, monkeypatch):
    """Three runs compile the built-in pack at once into an empty cache: each output as without a cache, the file left valid."""
    cache = tmp_path / "cache"
    env = {"NEWSLINT_CACHE_DIR": str(cache), "NEWSLINT_CACHE_KEY": str(tmp_path / "key" / "cache.key")}
    seed = ROOT / "seeds" / "belarus-russia-security-ties.txt"
    clean = _run(tmp_path, "--no-cache", str(seed), **env)
    assert clean.returncode == 1 and clean.stdout
    procs = [subprocess.Popen([sys.executable, "-m", "lint", "--isolated", str(seed)], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_env(tmp_path, **env)) for _ in range(3)]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert (p.returncode, out, err) == (1, clean.stdout, "")
    files = sorted(p.name for p in cache.iterdir())
    assert len(files) == 2 and all(f.startswith("rules-") and f.endswith(".json") for f in files)  # the pack's and the global regex store; no temporary file left
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(cache))
    monkeypatch.setenv("NEWSLINT_CACHE_KEY", env["NEWSLINT_CACHE_KEY"])
    monkeypatch.setattr(rule_cache, "_enabled", True)
    monkeypatch.setattr(rule_cache, "_key", None, raising=False)
    assert len(rule_cache.PackCache(builtin_rules_dir() / "News").entries) == len(load_rules(builtin_rules_dir()))
    warm = _run(tmp_path, str(seed), **env)
    assert (warm.returncode, warm.stdout, warm.stderr) == (1, clean.stdout, "")
