"""The pre-commit hook (``.pre-commit-hooks.yaml``), through the real
``pre-commit`` tool, configured with the README's snippet.

pre-commit installs a hook repository from a git commit. ``try-repo`` on a
dirty checkout commits only tracked changes (``git add -u``), so an
uncommitted new file would be missing; instead this test snapshots the
working tree (tracked and untracked, not ignored) into a throw-away
repository and commits it. That gives the same result in CI (a fresh clone)
and in a development tree with uncommitted work.

pre-commit builds a virtual environment and pip-installs newslint into it
(network to the package index): slow.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("pre_commit")

BAD = ("Drills near the border\n\nBy Leon Aris in Berlin September 17, 2024\n\n"
       "The exercises Zapod 2025 will take place later this year.\n")
GOOD = BAD.replace("Zapod", "Zapad")


def _git(*args: str, cwd: Path) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=newslint tests", "-c", "user.email=tests@example.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout


def readme_snippet() -> str:
    """The YAML block of the README's "pre-commit" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## pre-commit\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert section, "README.md has no '## pre-commit' section"
    block = re.search(r"^```yaml\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, "the README's pre-commit section has no ```yaml block"
    return block.group(1)


def _snapshot(dest: Path) -> str:
    """Commit the working tree of this checkout into ``dest``; return the commit."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs git and a git checkout of newslint")
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    dest.mkdir()
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():  # tracked files deleted in the working tree are skipped
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return _git("rev-parse", "HEAD", cwd=dest).strip()


@pytest.mark.slow
def test_precommit_hook_fails_on_a_finding_and_passes_clean(tmp_path):
    hook_repo = tmp_path / "newslint"
    rev = _snapshot(hook_repo)

    snippet = readme_snippet()
    assert re.search(r"^\s*-\s*id:\s*newslint\s*$", snippet, re.M), snippet
    config, n_repo = re.subn(r"^(\s*-\s*repo:\s*)\S+", lambda m: m.group(1) + str(hook_repo), snippet, flags=re.M)
    config, n_rev = re.subn(r"^(\s*rev:\s*)\S+", lambda m: m.group(1) + rev, config, flags=re.M)
    assert n_repo == 1 and n_rev == 1, snippet

    project = tmp_path / "newsroom"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "bad.txt").write_text(BAD, encoding="utf-8")
    (project / "articles" / "good.md").write_text("---\ntitle: Drills\ndate: 2024-09-17\n---\n\n" + GOOD.split("\n\n")[-1],
                                                 encoding="utf-8")
    (project / "notes.md").write_text(BAD, encoding="utf-8")  # not an article: outside the snippet's files
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    # one rule, so that rules added later cannot make the clean article fail
    (project / "newslint.yaml").write_text("select: [News.NameVariant]\n", encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never", NO_COLOR="1")

    def pre_commit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=project, env=env,
                              capture_output=True, text=True, timeout=900)

    bad = pre_commit("run", "newslint", "--files", "articles/bad.txt")  # installs the hook's environment
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert re.search(r"articles/bad\.txt:5:\d+: error News\.NameVariant .*'Zapad'", bad.stdout), bad.stdout

    good = pre_commit("run", "newslint", "--files", "articles/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"newslint\.+Passed", good.stdout), good.stdout

    outside = pre_commit("run", "newslint", "--files", "notes.md")
    assert outside.returncode == 0, outside.stdout + outside.stderr
    assert "Skipped" in outside.stdout, outside.stdout

    # try-repo, as one would before pinning a rev: the hook as the repository defines it
    tried = pre_commit("try-repo", str(hook_repo), "newslint", "--files", "articles/bad.txt", "notes.md")
    assert tried.returncode == 1, tried.stdout + tried.stderr
    assert "articles/bad.txt:5:" in tried.stdout and "notes.md:" in tried.stdout, tried.stdout
