from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run_newslint(*args: str, cwd: Path | str = ROOT, stdin: str | None = None, env: dict | None = None):
    """Run the real command (``python -m lint``) and return the completed process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120,
    )


@pytest.fixture
def newslint():
    return run_newslint


def shared_or_skip(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not here (CI has ../shared beside the checkout)")
    return p
