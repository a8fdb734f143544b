"""Bad input never crashes, hangs or loses a byte; the run goes on."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT


def _no_traceback(proc):
    assert "Traceback" not in proc.stderr, proc.stderr


def test_odd_files_are_reported_and_the_run_goes_on(tmp_path, newslint):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 Zapod\n".encode("latin-1"))
    (tmp_path / "long.txt").write_text("Headline\n\n" + "word " * 200_000 + "Zapod.\n", encoding="utf-8")
    (tmp_path / "z.txt").write_text("Headline\n\nThe Zapod drills.\n", encoding="utf-8")
    proc = newslint(str(tmp_path), "--select", "News.NameVariant", "-q")
    _no_traceback(proc)
    assert proc.returncode == 2  # files were not read: the run does not pass
    err = proc.stderr.splitlines()
    assert any("binary.txt: binary file, skipped" in l for l in err)
    assert any("latin1.txt: not valid UTF-8" in l for l in err)
    out = proc.stdout.splitlines()
    assert [l.split(":")[0].rsplit("/", 1)[-1] for l in out] == ["long.txt", "z.txt"]
    assert out[0].startswith(f"{tmp_path / 'long.txt'}:3:1000001:")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_exact_with_any_line_ending_and_bom(tmp_path, newslint, newline):
    body = newline.join(["Headline", "", "By A Writer, 2 March 2024", "", "One.", "", "Then “Zapod” came."]) + newline
    f = tmp_path / "a.txt"
    f.write_bytes(("\ufeff" + body).encode("utf-8"))
    proc = newslint(str(f), "--select", "News.NameVariant")
    assert proc.stdout.startswith(f"{f}:7:7: error News.NameVariant"), proc.stdout


def test_unreadable_missing_and_symlink_loop(tmp_path, newslint):
    (tmp_path / "ok.txt").write_text("Headline\n\nZapod.\n", encoding="utf-8")
    (tmp_path / "loop").mkdir()
    os.symlink(tmp_path / "loop", tmp_path / "loop" / "again")
    secret = tmp_path / "secret.txt"
    secret.write_text("Headline\n\nZapod.\n", encoding="utf-8")
    secret.chmod(0)
    missing = newslint(str(tmp_path), str(tmp_path / "missing.txt"), "--select", "News.NameVariant")
    _no_traceback(missing)
    assert "missing.txt: no such file or directory" in missing.stderr and missing.returncode == 2
    proc = newslint(str(tmp_path), "--select", "News.NameVariant")
    _no_traceback(proc)
    if os.geteuid() != 0:  # root reads anything
        assert "secret.txt: Permission denied" in proc.stderr
    assert f"{tmp_path / 'ok.txt'}:3:1:" in proc.stdout
    assert proc.returncode == (1 if os.geteuid() == 0 else 2)


def test_broken_front_matter_is_reported_not_a_traceback(tmp_path, newslint):
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\n\nZapod.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# T\n\nZapod.\n", encoding="utf-8")
    proc = newslint(str(tmp_path), "--select", "News.NameVariant")
    _no_traceback(proc)
    assert "a.md" in proc.stderr and "b.md:3:1:" in proc.stdout


def test_output_pipe_closed_early(tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02d}.txt").write_text("Headline\n\nZapod. " * 50, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = f"{sys.executable} -m lint {tmp_path} | head -1"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, env=env, timeout=120)
    assert proc.stdout.count("\n") == 1
    _no_traceback(proc)
    assert "Exception ignored" not in proc.stderr


def test_catastrophic_user_regex_is_stopped_and_reported(tmp_path, newslint):
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "Slow.yml").write_text("extends: existence\nmessage: x\nnonword: true\nraw: ['(a|aa)+$']\n", encoding="utf-8")
    (pack / "Fine.yml").write_text("extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [reportedly]\n", encoding="utf-8")
    # the last paragraph ends in "a": the rule's whole-text gate passes (without
    # it the gate proves that nothing can match, and the pattern never runs)
    (tmp_path / "a.txt").write_text("Headline\n\n" + "a" * 60 + "b reportedly\n\nIt ends in a\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Headline\n\nIt was reportedly fine.\n", encoding="utf-8")
    import time

    start = time.monotonic()
    proc = newslint("--isolated", "--no-builtin", "--rules", str(tmp_path / "styles"), str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert time.monotonic() - start < 30
    _no_traceback(proc)
    assert f"{tmp_path / 'a.txt'}:1:1: error House.Slow Rule House.Slow was stopped after" in proc.stdout
    assert f"{tmp_path / 'a.txt'}:3:" in proc.stdout and "House.Fine 'reportedly'" in proc.stdout
    assert f"{tmp_path / 'b.txt'}:3:8: warning House.Fine" in proc.stdout
    assert proc.returncode == 1


def _many(tmp_path, n=60):
    for i in range(n):
        (tmp_path / f"a{i:03d}.txt").write_text("Headline\n\nBy A Writer, 2 March 2024\n\nQuiet text.\n", encoding="utf-8")


def test_progress_on_a_terminal_only(tmp_path):
    import pty

    _many(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "lint", "-j1", str(tmp_path)], stdout=slave, stderr=slave, env=env, timeout=120)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"newslint: 60/60 files" in seen
    piped = subprocess.run([sys.executable, "-m", "lint", "-j1", str(tmp_path)], capture_output=True, text=True, env=env, timeout=120)
    assert "files" not in piped.stderr and piped.stdout == "No findings in 60 files.\n"


@pytest.mark.slow
def test_a_50_mb_article(tmp_path, newslint):
    """One 50 MB file: linted to the end, linear in time, no traceback."""
    import random

    from conftest import shared_or_skip

    paras = [l for l in shared_or_skip("corpus", "lee", "lee_background.cor").read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]
    rng = random.Random(1)
    out, size = ["Big headline", "", "By A Writer in Sydney March 3, 2005", ""], 0
    while size < 50_000_000:
        p = rng.choice(paras)
        out += [p, ""]
        size += len(p) + 2
    f = tmp_path / "big.txt"
    f.write_text("\n".join(out) + "\nThe Zapod drills.\n", encoding="utf-8")
    proc = newslint("--isolated", "--select", "News.NameVariant,News.ScraperResidue,News.GluedDash", str(f))
    _no_traceback(proc)
    assert proc.returncode == 1
    assert f"{f}:{len(out) + 1}:5: error News.NameVariant" in proc.stdout
