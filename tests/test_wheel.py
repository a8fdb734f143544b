"""`pip install .` (not editable) in a clean virtual environment works."""

from __future__ import annotations

import os
import subprocess
import venv

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_rules_and_runs(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    pip = subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(ROOT)], capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr[-3000:]
    # run from elsewhere, so nothing of the checkout is importable or readable
    work = tmp_path / "work"
    work.mkdir()
    article = work / "a.txt"
    article.write_text((ROOT / "seeds" / "belarus-russia-security-ties.txt").read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    exe = env_dir / "bin" / "newslint"
    proc = subprocess.run([str(exe), "a.txt"], cwd=work, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "a.txt:7:" in proc.stdout and "News.NameVariant" in proc.stdout
    listed = subprocess.run([str(exe), "--list-rules"], cwd=work, capture_output=True, text=True, env=env).stdout
    assert "News.GluedDash" in listed
    where = subprocess.run([str(py), "-c", "import lint, pathlib; print(pathlib.Path(lint.__file__).parent)"],
                           cwd=work, capture_output=True, text=True, env=env).stdout.strip()
    assert str(env_dir) in where and (os.path.isdir(os.path.join(where, "_rules", "News")))
