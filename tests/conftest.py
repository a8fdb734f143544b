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
# Its key (lint/rule_cache.py) too, not the user's ~/.config/newslint/cache.key,
# in a folder of its own: the key must not live in the cache folder.
_CACHE_DIR = tempfile.mkdtemp(prefix="newslint-test-cache-")
_KEY_DIR = tempfile.mkdtemp(prefix="newslint-test-cache-key-")
os.environ["NEWSLINT_CACHE_DIR"] = _CACHE_DIR
os.environ["NEWSLINT_CACHE_KEY"] = os.path.join(_KEY_DIR, "cache.key")


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)
    shutil.rmtree(_KEY_DIR, ignore_errors=True)


@pytest.fixture
def newslint():
    return run_newslint
