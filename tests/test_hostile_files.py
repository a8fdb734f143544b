"""Hostile trees (issue "Hostile input", other inputs and security): the walk
reads regular files only, never blocks, never follows a link out of the
linted folders (unless --follow-links), and --fix never writes out of them.

The commands that could hang or eat memory on old code run in a subprocess
with a time limit and a memory limit, so that a regression fails instead
of stopping the suite.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

SWAP_RULE = 'extends: substitution\nmessage: "Use %s"\nlevel: warning\nscope: raw\nswap:\n  colour: color\n'


def _limits() -> None:  # the child may not take more than 1 GB (old code read /dev/zero until memory ran out)
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    try:
        return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True,
                              env=env, timeout=timeout, preexec_fn=_limits)
    except subprocess.TimeoutExpired:
        pytest.fail(f"newslint {' '.join(args)} did not finish in {timeout} s")


def project(tmp_path: Path, rule: str = SWAP_RULE) -> Path:
    """A repository with its own rule (a swap) and no built-in packs."""
    repo = tmp_path / "repo"
    (repo / "styles" / "T").mkdir(parents=True)
    (repo / "styles" / "T" / "Colour.yml").write_text(rule)
    (repo / "newslint.yaml").write_text("rules: [styles/]\nbuiltin: false\n")
    (repo / "art").mkdir()
    (repo / "art" / "a.txt").write_text("The colour of it.\n")
    return repo


def test_walk_does_not_read_a_link_to_dev_zero(tmp_path):
    repo = project(tmp_path)
    os.symlink("/dev/zero", repo / "art" / "zero.txt")
    os.symlink("/dev/urandom", repo / "art" / "random.md")
    res = run("art", cwd=repo)
    assert "art/zero.txt: a symbolic link out of the linted folders (to /dev/zero), not followed" in res.stderr
    assert "art/random.md: a symbolic link out of the linted folders" in res.stderr
    assert "art/a.txt:1:5: warning T.Colour" in res.stdout
    assert res.returncode == 1, res.stderr


def test_follow_links_still_reads_regular_files_only(tmp_path):
    repo = project(tmp_path)
    os.symlink("/dev/zero", repo / "art" / "zero.txt")
    res = run("--follow-links", "art", cwd=repo)
    assert "art/zero.txt: a character device, not a regular file, skipped" in res.stderr
    assert "art/a.txt:1:5" in res.stdout
    assert res.returncode == 2


def test_walk_does_not_block_on_a_fifo(tmp_path):
    repo = project(tmp_path)
    os.mkfifo(repo / "art" / "f.txt")
    res = run("art", cwd=repo)
    assert "art/f.txt: a FIFO, not a regular file, skipped" in res.stderr
    assert "art/a.txt:1:5" in res.stdout
    assert res.returncode == 2


def test_walk_skips_a_socket(tmp_path):
    repo = project(tmp_path)
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(repo / "art" / "s.md"))
        res = run("art", cwd=repo)
    finally:
        sock.close()
    assert "art/s.md: a socket, not a regular file, skipped" in res.stderr
    assert "art/a.txt:1:5" in res.stdout


def test_a_file_named_on_the_command_line_gets_the_same_checks(tmp_path):
    repo = project(tmp_path)
    os.mkfifo(repo / "art" / "f.txt")
    res = run("art/f.txt", "/dev/zero", "art/a.txt", cwd=repo)
    assert "art/f.txt: a FIFO, not a regular file, skipped" in res.stderr
    assert "/dev/zero: a character device, not a regular file, skipped" in res.stderr
    assert "art/a.txt:1:5" in res.stdout
    assert res.returncode == 2


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    repo = project(tmp_path)
    big = repo / "art" / "big.txt"
    with open(big, "wb") as fh:  # sparse: 65 MB that take no disk
        fh.write(b"The colour.\n")
        fh.truncate(65 * 1024 * 1024)
    res = run("art", cwd=repo)
    assert "art/big.txt: larger than 64 MB (68157440 bytes), skipped" in res.stderr
    assert "art/a.txt:1:5" in res.stdout


def test_fix_does_not_follow_a_folder_link_out_of_the_tree(tmp_path):
    """The issue's case: `docs -> ../outside` and a raw swap; --fix rewrote ../outside/notes.md."""
    repo = project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text("The colour outside.\n")
    os.symlink("../../outside", repo / "art" / "docs")
    res = run("--fix", "art", cwd=repo)
    assert (outside / "notes.md").read_text() == "The colour outside.\n"
    assert (repo / "art" / "a.txt").read_text() == "The color of it.\n"
    assert f"art/docs: a symbolic link out of the linted folders (to {outside}), not followed" in res.stderr
    assert "(--follow-links follows it)" in res.stderr
    assert res.returncode == 0, res.stderr


def test_follow_links_follows_a_folder_link_out_of_the_tree(tmp_path):
    repo = project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text("The colour outside.\n")
    os.symlink("../../outside", repo / "art" / "docs")
    res = run("--follow-links", "art", cwd=repo)
    assert "in 2 files" in res.stdout  # notes.md is linted (with its own folder's configuration: none)
    assert "not followed" not in res.stderr
    assert "in 1 file." in run("art", cwd=repo).stdout


def test_a_file_link_out_of_the_tree_is_not_read(tmp_path):
    """A link to a file elsewhere (an ~/.ssh key, say) would print its lines in CI logs."""
    repo = project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("The colour of the secret.\n")
    os.symlink(secret, repo / "art" / "leak.txt")
    res = run("art", cwd=repo)
    assert "leak.txt" not in res.stdout
    assert "art/leak.txt: a symbolic link out of the linted folders" in res.stderr


def test_a_folder_link_inside_the_tree_is_followed(tmp_path):
    repo = project(tmp_path)
    (repo / "art" / "real").mkdir()
    (repo / "art" / "real" / "b.txt").write_text("More colour.\n")
    os.symlink("real", repo / "art" / "alias")
    os.symlink("..", repo / "art" / "real" / "loop")  # a loop stays harmless
    res = run("art", cwd=repo)
    assert "not followed" not in res.stderr
    # one file once, under the first name the walk meets
    assert res.stdout.count("b.txt:1:6: warning T.Colour") == 1, res.stdout
    assert res.returncode == 1
