"""A cache of compiled rules, so that a run on one file starts fast.

Compiling the built-in pack costs about 0.2 s, mostly the ``regex`` module's
pure-Python pattern parser; unpickling the compiled rules costs about 3 ms
(``regex`` pickles a pattern as its compiled program, not as its source).

One file per pack folder, under ``$NEWSLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``. It holds, per rule
file, a digest of the rule's path and text, the digests of the data files it
read, and the pickled rule. The whole file is ignored when the environment
differs: newslint's version and source files (name, size, mtime), Python's,
``regex``'s, ``pydantic``'s and PyYAML's versions, which optional packages
(spylls, textblob) are installed. A rule whose check type reads
files while compiling (``READS_FILES``) or that does not pickle is
simply not cached. Nothing here may fail a run: an unreadable, corrupt or
unwritable cache is ignored (``--no-cache`` turns it off).

The folder does not grow without bound: a file's mtime says when it was
last used (a hit refreshes it, at most once a day: one ``utime``), and each
write (after compiling, which costs far more) drops the files unused for
``MAX_AGE_DAYS`` and then the least recently used beyond ``MAX_FILES``. A run
whose rules all come from the cache never lists the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_FORMAT = "newslint-rule-cache-1"
_OPTIONAL = ("spylls", "textblob")
_enabled = os.environ.get("NEWSLINT_NO_CACHE", "") in ("", "0")
_env: str | None = None
_file_digests: dict[str, str] = {}

MAX_FILES = 100  # pack folders' caches kept, the most recently used
MAX_AGE_DAYS = 30  # a pack's cache not used for this long is dropped
_TOUCH_AFTER = 86400.0  # seconds: how stale a hit's mtime may get before it is refreshed
_ORPHAN_AFTER = 3600.0  # seconds: a temporary file this old is an interrupted write


def disable() -> None:
    """Neither read nor write the cache for the rest of this process."""
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled


def cache_dir() -> Path:
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "newslint" if xdg else Path.home() / ".cache" / "newslint"


def environment() -> str:
    """What a cached rule depends on besides its own files."""
    global _env
    if _env is None:
        import pydantic
        import regex
        import yaml

        from lint import __version__

        h = hashlib.sha256()
        h.update(f"{_FORMAT}|{__version__}|{sys.version}|{regex.__version__}|{pydantic.VERSION}|{yaml.__version__}".encode())
        # optional packages a check type needs: installing one later must not leave its rules skipped
        import importlib.util

        h.update(",".join(m for m in _OPTIONAL if importlib.util.find_spec(m) is not None).encode())
        src = Path(__file__).resolve().parent
        for root, dirs, files in os.walk(src):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and d != "_rules")
            for name in sorted(files):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(root, name))
                    h.update(f"{os.path.relpath(os.path.join(root, name), src)}:{st.st_size}:{st.st_mtime_ns};".encode())
        _env = h.hexdigest()
    return _env


def digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: str) -> str | None:
    """The digest of a data file's bytes (memoised per process), None if unreadable."""
    d = _file_digests.get(path)
    if d is None:
        try:
            with open(path, "rb") as f:
                d = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return None
        _file_digests[path] = d
    return d


class PackCache:
    """The cached rules of one pack folder."""

    def __init__(self, folder: Path):
        self.entries: dict[str, tuple[str, tuple[tuple[str, str], ...], bytes]] = {}
        self.dirty = False
        self.path: Path | None = None
        if not _enabled:
            return
        try:
            key = digest(str(folder.resolve()))[:24]
            self.path = cache_dir() / f"rules-{key}.pickle"
            with open(self.path, "rb") as f:
                mtime = os.fstat(f.fileno()).st_mtime
                data = pickle.load(f)
            if isinstance(data, tuple) and len(data) == 2 and data[0] == environment() and isinstance(data[1], dict):
                self.entries = data[1]
                if time.time() - mtime > _TOUCH_AFTER:  # still in use: not to be pruned as stale
                    os.utime(self.path)
        except Exception:  # missing, unreadable or corrupt: start empty
            pass

    def get(self, name: str, path: str, text: str) -> Any:
        """The cached rule of file ``name`` if its text and data files are unchanged."""
        e = self.entries.get(name)
        if e is None or e[0] != digest(path, text):
            return None
        for dep, d in e[1]:
            if file_digest(dep) != d:
                return None
        try:
            return pickle.loads(e[2])
        except Exception:
            return None

    def put(self, name: str, path: str, text: str, deps: list[str], rule: Any) -> None:
        if self.path is None:
            return
        try:
            digests: list[tuple[str, str]] = []
            for dep in deps:
                d = file_digest(dep)
                if d is None:
                    return
                digests.append((dep, d))
            blob = pickle.dumps(rule, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.loads(blob)  # a rule that does not come back is not cached
        except Exception:
            return
        self.entries[name] = (digest(path, text), tuple(digests), blob)
        self.dirty = True

    def keep_only(self, names: set[str]) -> None:
        """Forget the entries of rule files that no longer exist."""
        gone = [n for n in self.entries if n not in names]
        for n in gone:
            del self.entries[n]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".rules-", dir=self.path.parent)
            with os.fdopen(fd, "wb") as f:
                pickle.dump((environment(), self.entries), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            tmp = None
            prune(self.path.parent, keep=self.path.name)
        except Exception:  # read-only home, full disk ...: run without a cache
            pass
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self.dirty = False


def prune(folder: Path, keep: str | None = None, now: float | None = None) -> int:
    """Delete the pack caches in ``folder`` unused for ``MAX_AGE_DAYS``, then
    the least recently used beyond ``MAX_FILES`` (never the file ``keep``),
    and interrupted writes; return how many files went. Called after a write
    only: it lists the folder."""
    now = time.time() if now is None else now
    oldest = now - MAX_AGE_DAYS * 86400.0
    caches: list[tuple[float, str]] = []
    doomed: list[str] = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                name = e.name
                ours = name.startswith("rules-") and name.endswith(".pickle")
                if name == keep or not (ours or name.startswith(".rules-")):
                    continue
                try:
                    mtime = e.stat(follow_symlinks=False).st_mtime
                except OSError:  # gone meanwhile
                    continue
                if not ours:
                    if mtime < now - _ORPHAN_AFTER:
                        doomed.append(name)
                elif mtime < oldest:
                    doomed.append(name)
                else:
                    caches.append((mtime, name))
    except OSError:
        return 0
    room = MAX_FILES - (1 if keep is not None else 0)
    if len(caches) > room:
        caches.sort(reverse=True)  # most recently used first
        doomed.extend(name for _, name in caches[max(room, 0):])
    gone = 0
    for name in doomed:
        with contextlib.suppress(OSError):  # another process pruned it first, or a read-only folder
            os.unlink(os.path.join(folder, name))
            gone += 1
    return gone
