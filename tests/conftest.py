from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from helpers import ROOT, SHARED, shared_or_skip
from helpers import newslint as run_newslint

__all__ = ["ROOT", "SHARED", "run_newslint", "shared_or_skip"]

# One cache of compiled rules per test session, not the user's ~/.cache/newslint:
# tests compile packs in fresh tmp folders, each a new cache file. Set here, at
# import, so that rules loaded while collecting and the commands run in
# subprocesses use it too; removed at the end of the session.
_CACHE_DIR = tempfile.mkdtemp(prefix="newslint-test-cache-")
os.environ["NEWSLINT_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def newslint():
    return run_newslint
