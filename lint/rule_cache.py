"""A cache of validated rules, so that a run on one file starts fast.

Reading a rule file costs PyYAML, and validating it pydantic (importing
pydantic and building its models: about 0.3 s for the built-in pack). A
rule file seen before is neither read as YAML nor validated: the cache
holds its validated spec in plain form (JSON, ``lint.spec.to_plain``: the
rule's keys and the data files it read, never a pickle, never code), and
the rule is compiled from that spec (its patterns restored by
``lint.regexes``, whose cache of compiled ``regex`` programs lives in the
same folder and is kept the same way).

One file per pack folder, under ``$NEWSLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``. It holds, per rule
file, a digest of the rule's path and text, the digests of the data files it
read, its check type and its spec. The whole file is ignored when the
environment differs: newslint's version and source files (name, size,
mtime), Python's version, the installed ``regex``, ``pydantic``,
``pydantic_core`` and PyYAML, which optional packages (spylls, textblob) are
installed. A rule whose check type reads files while compiling
(``READS_FILES``) or whose spec has no plain form is simply not cached.
Nothing here may fail a run: an unreadable, corrupt or unwritable cache is
ignored (``--no-cache`` turns it off).

A cache file is only used once it is known to be one this user wrote (the
plain form builds nothing but data and this module's declared classes, and
the compiled programs of ``lint.regexes`` go to the C engine). The cache
folder is often not private (a shared folder, a CI cache restored from a
pull request's run), so:

- each file carries an HMAC-SHA256 of its header (format, environment) and
  its payload, under a per-user secret key kept outside any cache
  folder: ``$NEWSLINT_CACHE_KEY``, else ``$XDG_CONFIG_HOME/newslint/cache.key``,
  else ``~/.config/newslint/cache.key`` (32 random bytes, created 0600 in a
  folder created 0700, published with a hard link so no process reads half
  a key). A key that is not a regular file of ours, is readable by others,
  or lies inside the cache folder (or holds it) turns the cache off. The
  MAC is checked with ``hmac.compare_digest`` before anything is parsed;
  a file that fails it is a miss, replaced by a valid one (one note on
  stderr per process);
- the folder (the target, if it is a symlink) and the file must be owned by
  the current user and not writable by group or others, else the cache is
  not used; the folder is opened once and every file in it is opened
  relative to that descriptor, the cache file with ``O_NOFOLLOW`` and
  ``O_NONBLOCK`` (a FIFO, a device or a link is refused without blocking),
  regular files only, at most ``MAX_BYTES``;
- writes go to a fresh temporary file (``O_EXCL``, 0600) renamed over the
  cache file, so concurrent runs each leave a whole, valid file.

POSIX only (ownership, ``O_NOFOLLOW``, ``dir_fd``): elsewhere there is no
cache. HMAC over the built-in pack's file (~130 KB) costs about 0.1 ms.

The folder does not grow without bound: a file's mtime says when it was
last used (a hit refreshes it, at most once a day: one ``utime``), and each
write (after compiling, which costs far more) drops the files unused for
``MAX_AGE_DAYS`` and then the least recently used beyond ``MAX_FILES``. A run
whose rules all come from the cache never lists the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import Any

_FORMAT = "newslint-rule-cache-3"
_MAGIC = _FORMAT.encode() + b"\n"
_OPTIONAL = ("spylls", "textblob")
_VALIDATES = ("regex", "pydantic", "pydantic_core", "yaml")  # packages whose versions shape a validated rule
_POSIX = os.name == "posix" and hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd
_enabled = _POSIX and os.environ.get("NEWSLINT_NO_CACHE", "") in ("", "0")
_env: str | None = None
_file_digests: dict[str, str] = {}
_key: bytes | None = None
_noted = False

MAX_FILES = 100  # pack folders' caches kept, the most recently used
MAX_AGE_DAYS = 30  # a pack's cache not used for this long is dropped
MAX_BYTES = 64 << 20  # a cache file larger than this is not read (the built-in pack's is ~130 KB)
_KEY_BYTES = 32
_TOUCH_AFTER = 86400.0  # seconds: how stale a hit's mtime may get before it is refreshed
_ORPHAN_AFTER = 3600.0  # seconds: a temporary file this old is an interrupted write
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def disable() -> None:
    """Neither read nor write the cache for the rest of this process."""
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled


def _note(message: str) -> None:
    """One line on stderr, at most once per process: the cache is never the run's subject."""
    global _noted
    if not _noted:
        _noted = True
        with contextlib.suppress(Exception):
            print(f"newslint: note: {message}", file=sys.stderr)


def cache_dir() -> Path:
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "newslint" if xdg else Path.home() / ".cache" / "newslint"


def environment() -> str:
    """What a cached rule depends on besides its own files: newslint's
    version and source files, Python's version, and the installed
    ``regex``, ``pydantic``, ``pydantic_core`` and PyYAML (each known by its
    package file's path, size and mtime, found without importing it: an
    upgrade rewrites the file), and which optional packages are there."""
    global _env
    if _env is None:
        import importlib.util

        from lint import __version__

        h = hashlib.sha256()
        h.update(f"{_FORMAT}|{__version__}|{sys.version}".encode())
        for name in _VALIDATES:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            with contextlib.suppress(OSError, TypeError):
                st = os.stat(origin)  # type: ignore[arg-type]
                h.update(f"|{name}:{origin}:{st.st_size}:{st.st_mtime_ns}".encode())
        # optional packages a check type needs: installing one later must not leave its rules skipped
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
    """The digest of a data file's bytes (memoised per process), None if it
    is not a regular file of at most ``MAX_BYTES`` (a FIFO does not block:
    the rule is then compiled, and its loader says what is wrong)."""
    d = _file_digests.get(path)
    if d is None:
        data = _read_regular(path, None, MAX_BYTES)
        if data is None:
            return None
        d = hashlib.sha256(data).hexdigest()
        _file_digests[path] = d
    return d


def key_path() -> Path:
    explicit = os.environ.get("NEWSLINT_CACHE_KEY")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "newslint" / "cache.key"


def _untrusted(st: os.stat_result) -> str | None:
    """Why a file or folder with this status may have been written by someone else (None: it may not)."""
    if st.st_uid != os.geteuid():
        return f"owned by uid {st.st_uid}, not {os.geteuid()}"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "writable by group or others"
    return None


def _read_regular(name: str, dir_fd: int | None, limit: int, *, owned: bool = False) -> bytes | None:
    """The bytes of a regular file (never a link's target, a FIFO or a
    device: no blocking), None if it is missing, not one, over ``limit``,
    or (``owned``) not ours and private to us in writing."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit or (owned and _untrusted(st) is not None):
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _inside(a: str, b: str) -> bool:
    return a == b or a.startswith(b.rstrip(os.sep) + os.sep)


def _load_key(folder: Path) -> bytes | None:
    """The user's cache key (made on first use), None when there is no safe
    one: then there is no cache. ``folder``: the cache folder, which must
    neither hold the key nor lie in the key's folder."""
    global _key
    if _key is not None:
        return _key
    path = key_path()
    try:
        kdir = os.path.realpath(path.parent)
        if _inside(kdir, os.path.realpath(folder)) or _inside(os.path.realpath(folder), kdir):
            _note(f"rule cache off: its key {path} must not share a folder with the cache {folder}")
            return None
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        dfd = os.open(path.parent, _DIR_FLAGS)
    except (OSError, ValueError, RuntimeError):
        return None
    try:
        why = _untrusted(os.fstat(dfd))
        if why is not None:
            _note(f"rule cache off: the key's folder {path.parent} is {why}")
            return None
        key = _read_key(path.name, dfd)  # None: there is none; b"": there is one, not usable
        if key is None:
            key = _make_key(path.name, dfd)
        if not key:
            _note(f"rule cache off: {path} is not a private file of {_KEY_BYTES} bytes (remove it to make a new key)")
            return None
        _key = key
        return key
    finally:
        os.close(dfd)


def _read_key(name: str, dfd: int) -> bytes | None:
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dfd)
    except FileNotFoundError:
        return None
    except OSError:
        return b""  # there, but not readable as a file: not replaced, not used
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077 or st.st_size != _KEY_BYTES:
            return b""
        key = os.read(fd, _KEY_BYTES + 1)
        return key if len(key) == _KEY_BYTES else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def _make_key(name: str, dfd: int) -> bytes | None:
    """A new key, published whole (a hard link fails if another process was first: its key wins)."""
    tmp = f".{name}-{secrets.token_hex(8)}"
    key = secrets.token_bytes(_KEY_BYTES)
    try:
        fd = os.open(tmp, _NEW_FLAGS, 0o600, dir_fd=dfd)
        try:
            os.write(fd, key)
        finally:
            os.close(fd)
        try:
            os.link(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=False)
        except FileExistsError:
            key = _read_key(name, dfd) or b""
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dfd)
    return key if len(key) == _KEY_BYTES else None


def _open_dir(folder: Path, create: bool) -> int | None:
    """A descriptor of the cache folder if it is ours and not writable by
    others (a note says why not, once), None if it is not there or not usable."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(folder, _DIR_FLAGS)
    except (OSError, ValueError):
        return None
    try:
        why = _untrusted(os.fstat(fd))
    except OSError:
        why = "not readable"
    if why is not None:
        os.close(fd)
        _note(f"rule cache {folder} not used: {why}")
        return None
    return fd


def _mac(key: bytes, env: bytes, payload: bytes) -> bytes:
    return hmac.new(key, _MAGIC + env + b"\n" + payload, hashlib.sha256).digest()


def read_authentic(name: str, env: str, touch: bool = False) -> bytes | None:
    """The payload of cache file ``name`` if it is ours, private, regular,
    written for ``env`` and authentic (its MAC checks), else None (a note
    says why when it is not ours or not authentic, once per process).
    ``touch``: refresh the file's mtime when it is stale (it is in use)."""
    if not _enabled:
        return None
    folder = cache_dir()
    if _load_key(folder) is None:
        return None
    dfd = _open_dir(folder, create=False)
    if dfd is None:
        return None
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dfd)
    except OSError:  # missing (the usual miss), a symlink, unreadable
        os.close(dfd)
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES or _untrusted(st) is not None:
            _note(f"cache file {folder / name} not used: " + (_untrusted(st) or "not a regular file or too large"))
            return None
        data = _read_all(fd, st.st_size)
        head = len(_MAGIC) + len(env) + 1
        if data[:head] != _MAGIC + env.encode() + b"\n":
            return None  # another format or environment (an upgrade): a plain miss
        mac, payload = data[head:head + 32], data[head + 32:]
        assert _key is not None
        if not hmac.compare_digest(mac, _mac(_key, env.encode(), payload)):
            _note(f"cache file {folder / name} is not authentic (written with another key, or altered): compiled again")
            return None
        if touch and time.time() - st.st_mtime > _TOUCH_AFTER:  # still in use: not to be pruned as stale
            with contextlib.suppress(OSError):
                os.utime(fd)
        return payload
    except OSError:
        return None
    finally:
        os.close(fd)
        os.close(dfd)


def write_authentic(name: str, env: str, payload: bytes, prune_others: bool = False) -> None:
    """Write cache file ``name`` whole (a fresh private file renamed over it),
    with its header and MAC; never fails (a read-only home: no cache)."""
    if not _enabled:
        return
    folder = cache_dir()
    if _load_key(folder) is None or _key is None:
        return
    dfd = tmp = None
    try:
        dfd = _open_dir(folder, create=True)
        if dfd is None:
            return
        tmp = f".rules-{secrets.token_hex(8)}"
        fd = os.open(tmp, _NEW_FLAGS, 0o600, dir_fd=dfd)
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + env.encode() + b"\n" + _mac(_key, env.encode(), payload) + payload)
        os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)  # whole or not at all
        tmp = None
        if prune_others:
            prune(dfd, keep=name)
    except Exception:  # read-only home, full disk ...: run without a cache
        pass
    finally:
        if dfd is not None:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp, dir_fd=dfd)
            os.close(dfd)


class PackCache:
    """The cached rules of one pack folder.

    File layout: ``_MAGIC``, the environment digest (64 hex digits) and a
    newline, the 32-byte MAC of all that and the payload, then the payload:
    JSON, ``{"rules": {rule file name: [digest of its path and text, [[data
    file, digest], ...], check type, validated spec in plain form]},
    "programs": {...}}`` (``lint.spec.to_plain``; the regex programs and
    derived strings its rules compile, ``lint.regexes.scope``)."""

    def __init__(self, folder: Path):
        self.entries: dict[str, Any] = {}
        self.programs: dict[str, Any] = {}  # the regex programs its rules compile (lint/regexes.py scope)
        self.used: set[str] = set()  # the programs looked up while this folder's rules compiled
        self.dirty = False
        self.name: str | None = None
        self._known = 0  # programs read from the file
        if not _enabled:
            return
        try:
            self.name = f"rules-{digest(str(folder.resolve()))[:24]}.json"
            if _load_key(cache_dir()) is None:
                self.name = None
                return  # no safe key: no cache, neither read nor written
            payload = read_authentic(self.name, environment(), touch=True)
            data = json.loads(payload) if payload is not None else {}
            if isinstance(data, dict) and isinstance(data.get("rules"), dict) and isinstance(data.get("programs"), dict):
                self.entries, self.programs = data["rules"], data["programs"]
        except Exception:  # anything else: start empty
            self.entries, self.programs = {}, {}
        self._known = len(self.programs)

    def finish_programs(self, whole: bool) -> None:
        """After the folder's rules compiled: new programs make the file dirty;
        ``whole`` (every rule compiled) and the store more than twice what was
        used: the programs no rule used are dropped (not at each unused one:
        a check module's own patterns are looked up in the folder loaded first)."""
        if len(self.programs) != self._known:
            self.dirty = True
        if whole and len(self.programs) > 2 * len(self.used) + 100:
            for k in [k for k in self.programs if k not in self.used]:
                del self.programs[k]
            self.dirty = True
        self._known = len(self.programs)

    @property
    def path(self) -> Path | None:
        return cache_dir() / self.name if self.name is not None else None

    def get(self, name: str, path: str, text: str) -> Any:
        """The cached spec of rule file ``name`` if its text and data files are unchanged, else None."""
        e = self.entries.get(name)
        if not isinstance(e, list) or len(e) != 4 or e[0] != digest(path, text) or not isinstance(e[1], list):
            return None
        for dep in e[1]:
            if not (isinstance(dep, list) and len(dep) == 2 and isinstance(dep[0], str)) or file_digest(dep[0]) != dep[1]:
                return None
        try:
            from lint.checks import REGISTRY
            from lint.spec import from_plain

            if not isinstance(e[2], str) or REGISTRY.get(e[2]) is None:  # imports the check module: its spec classes are known
                return None
            return from_plain(e[3])
        except Exception:
            return None

    def put(self, name: str, path: str, text: str, deps: list[str], spec: Any) -> None:
        if self.name is None:
            return
        try:
            from lint.spec import from_plain, to_plain

            digests: list[list[str]] = []
            for dep in deps:
                d = file_digest(dep)
                if d is None:
                    return
                digests.append([dep, d])
            plain = to_plain(spec)
            if from_plain(json.loads(json.dumps(plain))) != spec:  # a spec that does not come back is not cached
                return
        except Exception:
            return
        self.entries[name] = [digest(path, text), digests, spec.extends, plain]
        self.dirty = True

    def keep_only(self, names: set[str]) -> None:
        """Forget the entries of rule files that no longer exist."""
        gone = [n for n in self.entries if n not in names]
        for n in gone:
            del self.entries[n]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        if not self.dirty or self.name is None or _key is None:
            return
        self.dirty = False
        with contextlib.suppress(Exception):
            payload = json.dumps({"rules": self.entries, "programs": self.programs}, separators=(",", ":")).encode()
            write_authentic(self.name, environment(), payload, prune_others=True)


def _read_all(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while got < size:
        chunk = os.read(fd, size - got)
        if not chunk:  # truncated meanwhile: the MAC will not match
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def prune(folder: Path | int, keep: str | None = None, now: float | None = None) -> int:
    """Delete the pack caches in ``folder`` (a path, or a descriptor of the
    folder) unused for ``MAX_AGE_DAYS``, then the least recently used beyond
    ``MAX_FILES`` (never the file ``keep``), and interrupted writes; return
    how many files went. Called after a write only: it lists the folder."""
    now = time.time() if now is None else now
    oldest = now - MAX_AGE_DAYS * 86400.0
    caches: list[tuple[float, str]] = []
    doomed: list[str] = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                name = e.name
                ours = name.startswith("rules-") and name.endswith((".json", ".pickle"))
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
            if isinstance(folder, int):
                os.unlink(name, dir_fd=folder)
            else:
                os.unlink(os.path.join(folder, name))
            gone += 1
    return gone
