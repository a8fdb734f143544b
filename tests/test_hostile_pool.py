"""The worker pool under hostile input: a worker that dies is noticed, its
file reported, the run goes on; the time limit holds in workers."""

from __future__ import annotations

import os
import signal

import pytest

from lint import pipeline
from lint.pipeline import Settings, lint_paths, load_project

ARTICLE = "Drills {i}\n\nBy Leon Aris in Berlin September 17, 2024\n\nThe Zapad drills began. Zapad. Zapod {i}.\n"


@pytest.fixture
def deadline():
    """Fail instead of hanging: the bug was a parent waiting forever."""
    def expired(*_):
        raise AssertionError("the run hung")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(90)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _files(tmp_path, n=12):
    for i in range(n):
        (tmp_path / f"a{i:02d}.txt").write_text(ARTICLE.format(i=i), encoding="utf-8")


def test_a_killed_worker_is_reported_and_the_run_goes_on(tmp_path, monkeypatch, deadline):
    _files(tmp_path)
    (tmp_path / "a05.txt").write_text("KILL ME\n", encoding="utf-8")
    real = pipeline._process

    def process(path, project):  # forked workers inherit this: the OOM killer, as far as the parent can tell
        if path.endswith("a05.txt"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, project)

    monkeypatch.setattr(pipeline, "_process", process)
    project = load_project(Settings(isolated=True, jobs=2, select=("News.NameVariant",), use_cache=False), tmp_path)
    report = lint_paths([str(tmp_path)], project)
    assert [p.rsplit("/", 1)[-1] for p, _ in report.errors] == ["a05.txt"]
    assert "worker process linting it died" in report.errors[0][1]
    assert len(report.files) == 11 and all(f.diags for f in report.files)
    assert [f.name for f in report.files] == sorted(f.name for f in report.files)  # order kept
    assert report.exit_code() == 2


def test_pool_and_one_process_agree(tmp_path, deadline):
    _files(tmp_path, 20)
    one = lint_paths([str(tmp_path)], load_project(Settings(isolated=True, jobs=1), tmp_path))
    two = lint_paths([str(tmp_path)], load_project(Settings(isolated=True, jobs=2), tmp_path))
    assert [(f.name, f.diags) for f in one.files] == [(f.name, f.diags) for f in two.files]


def test_the_time_limit_holds_in_workers(tmp_path, deadline):
    from lint.checks import base

    _files(tmp_path)
    rules = tmp_path / "styles" / "My"
    rules.mkdir(parents=True)
    (rules / "Slow.yml").write_text("extends: occurrence\nmessage: m\nmax: 1\ntoken: '(a|aa)+$'\n", encoding="utf-8")
    (tmp_path / "a03.txt").write_text("a" * 60 + "b\n", encoding="utf-8")
    old, base.TIME_LIMIT = base.TIME_LIMIT, 0.5
    try:
        project = load_project(Settings(rules=(tmp_path / "styles",), builtin=False, isolated=True, jobs=2,
                                        use_cache=False), tmp_path)
        report = lint_paths([str(tmp_path)], project)
    finally:
        base.TIME_LIMIT = old
    stopped = [d for d in report.diagnostics if "was stopped" in d.message]
    assert [d.path.rsplit("/", 1)[-1] for d in stopped] == ["a03.txt"]


def test_output_file_is_written_atomically(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from lint.cli import app

    (tmp_path / "a.txt").write_text(ARTICLE.format(i=1), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("previous report\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def full_disk(fd):  # the disk fills up: the data cannot be made to stick
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    res = CliRunner().invoke(app, ["--isolated", "a.txt", "--format", "json", "-o", str(out)])
    monkeypatch.undo()
    assert res.exit_code == 2 and "No space left on device" in res.stderr
    assert out.read_text(encoding="utf-8") == "previous report\n"  # the old report, whole
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".newslint-report-")] == []


def test_a_catastrophic_vocabulary_term_is_stopped(tmp_path):
    from lint.checks import base

    (tmp_path / "styles" / "My").mkdir(parents=True)
    (tmp_path / "styles" / "My" / "Word.yml").write_text("extends: existence\nmessage: m\ntokens: [b]\n", encoding="utf-8")
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Desk"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("(a|aa)+$\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nVocab = Desk\n[*]\nBasedOnStyles = My\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    old, base.TIME_LIMIT = base.TIME_LIMIT, 0.3
    try:
        report = lint_paths([str(tmp_path / "a.txt")], load_project(Settings(builtin=False, use_cache=False), tmp_path))
    finally:
        base.TIME_LIMIT = old
    assert [d.rule for d in report.diagnostics] == ["My.Word"] and "was stopped" in next(report.diagnostics).message
