"""What newslint says about the seed article, pinned and reviewed.

A change here is a change in what newslint tells an editor about a real
article: look at the diff before accepting it. To rewrite on purpose:

    NEWSLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot.py
"""

from __future__ import annotations

import os

from conftest import ROOT

SNAPSHOT = ROOT / "tests" / "snapshots" / "seeds.txt"


def test_seed_output_matches_snapshot(newslint):
    proc = newslint("seeds/")
    got = f"exit {proc.returncode}\n{proc.stdout}"
    if os.environ.get("NEWSLINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(got, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with NEWSLINT_UPDATE_SNAPSHOTS=1 and review it"
    assert got == SNAPSHOT.read_text(encoding="utf-8")
