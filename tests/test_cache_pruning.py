"""The cache of compiled rules stays bounded (lint/rule_cache.py: prune)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from lint import rule_cache
from lint.rules import load_rules

DAY = 86400.0


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(d))
    monkeypatch.setattr(rule_cache, "_enabled", True)
    return d


def _pack(root: Path, name: str = "P") -> Path:
    pack = root / name / "P"
    pack.mkdir(parents=True)
    (pack / "Words.yml").write_text(
        "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [gamma]\n", encoding="utf-8")
    return pack


def _files(folder: Path, now: float, ages_in_days: dict[str, float]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, age in ages_in_days.items():
        p = folder / name
        p.write_bytes(b"x")
        os.utime(p, (now - age * DAY, now - age * DAY))


def test_the_test_session_does_not_use_the_users_cache():
    assert rule_cache.cache_dir() != Path.home() / ".cache" / "newslint"


def test_prune_by_count_keeps_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setattr(rule_cache, "MAX_FILES", 3)
    now = time.time()
    _files(tmp_path, now, {f"rules-{i}.pickle": float(i) for i in range(6)})
    assert rule_cache.prune(tmp_path, now=now) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules-0.pickle", "rules-1.pickle", "rules-2.pickle"]


def test_prune_never_drops_the_file_just_written(tmp_path, monkeypatch):
    monkeypatch.setattr(rule_cache, "MAX_FILES", 2)
    now = time.time()
    _files(tmp_path, now, {"rules-new.pickle": 5.0, "rules-a.pickle": 1.0, "rules-b.pickle": 2.0})
    rule_cache.prune(tmp_path, keep="rules-new.pickle", now=now)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules-a.pickle", "rules-new.pickle"]


def test_prune_by_age_and_interrupted_writes(tmp_path):
    now = time.time()
    _files(tmp_path, now, {
        "rules-old.pickle": rule_cache.MAX_AGE_DAYS + 1,
        "rules-recent.pickle": rule_cache.MAX_AGE_DAYS - 1,
        ".rules-crashed": 1.0,  # a temporary file left by a killed write
        ".rules-writing": 0.0,  # another process is writing it now
        "notes.txt": 400.0,  # not ours
    })
    assert rule_cache.prune(tmp_path, now=now) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".rules-writing", "notes.txt", "rules-recent.pickle"]


def test_a_missing_folder_prunes_nothing(tmp_path):
    assert rule_cache.prune(tmp_path / "nowhere") == 0


def test_writes_keep_the_folder_bounded(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(rule_cache, "MAX_FILES", 2)
    for i in range(5):  # five pack folders, as five test runs in fresh tmp folders would give
        load_rules(_pack(tmp_path, f"run{i}"))
    assert len(list(cache.iterdir())) == 2
    # the last one written is among them: its next run is a hit
    key = rule_cache.digest(str((tmp_path / "run4" / "P").resolve()))[:24]
    assert (cache / f"rules-{key}.json").exists()


def test_a_hit_refreshes_a_stale_mtime_at_most_once_a_day(cache, tmp_path):
    pack = _pack(tmp_path)
    load_rules(pack)
    (f,) = cache.iterdir()
    now = time.time()
    os.utime(f, (now - 3600, now - 3600))
    load_rules(pack)
    assert f.stat().st_mtime == pytest.approx(now - 3600, abs=1)  # used within the day: not touched
    os.utime(f, (now - 10 * DAY, now - 10 * DAY))
    load_rules(pack)
    assert f.stat().st_mtime > now - 60  # used again: not stale any more, not pruned for age


def test_a_hit_lists_no_folder_and_writes_nothing(cache, tmp_path, monkeypatch):
    pack = _pack(tmp_path)
    load_rules(pack)
    (f,) = cache.iterdir()
    before = f.stat().st_mtime_ns
    listed: list[str] = []
    real_scandir, real_listdir = os.scandir, os.listdir

    def scandir(path="."):
        listed.append(os.fspath(path))
        return real_scandir(path)

    def listdir(path="."):
        listed.append(os.fspath(path))
        return real_listdir(path)

    def no_prune(*a, **k):
        raise AssertionError("pruned on a cache hit")

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(rule_cache, "prune", no_prune)
    monkeypatch.setattr(rule_cache.PackCache, "save", lambda self: no_prune() if self.dirty else None)
    assert [r.id for r in load_rules(pack)] == ["P.Words"]
    assert not any(Path(p).resolve() == cache.resolve() for p in listed)
    assert f.stat().st_mtime_ns == before and [p.name for p in cache.iterdir()] == [f.name]
