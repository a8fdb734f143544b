"""``newslint --server``: the command kept warm, for many small runs.

A one-file run of ``newslint`` spends most of its time importing and
loading rules. The server does both once and then runs commands sent by
``newslint-client`` (lint/client.py, where the protocol and the socket's
place are described) over a Unix socket, one at a time, until it has
been idle for ``--idle-timeout`` seconds (default 900; 0: never).

Each request is the plain command, run in this process as the client's
process would run it: the client's argv, current folder, umask and whole
environment, on the client's own standard input, output and error
(passed as descriptors and put in place of this process's 0, 1 and 2),
with the client's stream encodings; so the output is byte for byte the
plain command's, written where it would be, as it would be (terminal
detection, progress, ``--fix`` on standard input, a closed pipe).
A request the server cannot run exactly is answered ``FALLBACK`` and the
client runs newslint itself: ``--lsp``, ``--server``, a different
installation, environment variables read when modules were imported
(``PYTHONPATH``, ``TERMINAL_WIDTH`` ...) that differ from the server's,
or another locale encoding.

What is kept between requests, and how it stays right:

- the imports, and the click command typer builds from ``lint.cli.app``;
- loaded projects (``lint.pipeline.load_project``: configuration, Vale
  setup, compiled rules). While one loads, every file and folder it
  opens, lists or stats, and every environment variable it reads, is
  recorded; the project is reused only while all of them are as they
  were (files and listed folders: type, inode, size, mtime, ctime;
  folders only stat-ed: type and inode; absent ones still absent). A
  load that printed something (a rule-cache note), or that read a file
  changed in the last second (mtime granularity), is not kept. A new
  ``newslint.yaml`` above the file, an edited rule or data file, a new
  rule in a pack: the project is loaded again;
- nothing of a run: after each request every check's cross-article state
  is emptied (``finish()``), and the per-process caches of file contents
  (``lint.rules._DATA_CACHE``, the rule cache's digests and flags) are
  reset before each load.

newslint's own source (every file of the package) and the folders of
``sys.path`` (an install or upgrade changes them) are checked before each
request: when they changed, the request is answered ``FALLBACK`` and the
server exits. A request that raises is answered by ``lint.cli.main`` as
the plain command would (exit 2, one line); an error of the server's own
is answered ``ERROR 2 newslint: server error ...``; the server goes on.
A client that goes away (Ctrl-C) interrupts its run.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import socket
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from lint import client as proto

DEFAULT_IDLE_TIMEOUT = 900.0  # seconds
ACK = proto.ACK  # the first byte the server sends on a connection
READ_TIMEOUT = 30.0  # seconds to send a whole request once connected
MAX_ENTRIES = 16  # configurations whose loaded projects are kept (the least recently used go)
_FRESH = 1.0  # seconds: a file changed this recently may change again within one mtime tick

# environment variables read once, when Python starts or a module is
# imported: a request whose value differs is not run here
STARTUP_ENV = (
    "PYTHONPATH", "PYTHONHOME", "PYTHONNOUSERSITE", "PYTHONUSERBASE", "PYTHONSAFEPATH", "PYTHONPLATLIBDIR",
    "PYTHONUTF8", "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONINTMAXSTRDIGITS", "PYTHONOPTIMIZE",
    "TYPER_USE_RICH", "TYPER_STANDARD_TRACEBACK", "_TYPER_STANDARD_TRACEBACK", "TERMINAL_WIDTH",
    "_TYPER_FORCE_DISABLE_TERMINAL", "GITHUB_ACTIONS", "FORCE_COLOR", "PY_COLORS",
)
REFUSED_OPTIONS = ("--server", "--lsp")


def log(message: str) -> None:
    """A line on the server's own standard error (never a client's)."""
    with contextlib.suppress(OSError):
        os.write(_OWN_FDS[2] if _OWN_FDS else 2, f"newslint: server: {message}\n".encode("utf-8", "replace"))


_OWN_FDS: list[int] = []


# --------------------------------------------------------------------------
# What a load looked at


_stat, _lstat = os.stat, os.lstat  # the real ones: _tracing() replaces them for a while


def _sig(path: str, follow: bool, contents: bool) -> tuple | None:
    """What may change about ``path``: None when absent; a folder's listing
    (``contents``) by its mtime, else only that it is a folder."""
    try:
        st = _stat(path) if follow else _lstat(path)
    except (OSError, ValueError):
        return None
    if stat.S_ISDIR(st.st_mode) and not contents:
        return (st.st_mode, st.st_ino, st.st_dev)
    if stat.S_ISDIR(st.st_mode):
        return (st.st_mode, st.st_ino, st.st_dev, st.st_mtime_ns)
    return (st.st_mode, st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class _Trace:
    """Records the files, folders and environment variables that code reads."""

    ALL = "\0all"

    def __init__(self) -> None:
        self.paths: dict[tuple[str, bool, bool], tuple | None] = {}
        self.env: dict[str, str | None] = {}

    def path(self, p: Any, follow: bool = True, contents: bool = True) -> None:
        if isinstance(p, int) or (p is None and not contents):
            return
        try:
            name = os.path.abspath(os.fsdecode(p if p is not None else "."))
        except (TypeError, ValueError):
            return
        key = (name, follow, contents)
        if key not in self.paths:  # the state before it was read: a change after that is seen
            self.paths[key] = _sig(name, follow, contents)

    def fresh(self, now: float) -> bool:
        limit = int((now - _FRESH) * 1e9)
        return any(s is not None and len(s) > 3 and s[-2 if len(s) == 6 else -1] >= limit for s in self.paths.values())

    def valid(self, environ) -> bool:
        if self.ALL in self.env:
            if dict(environ) != self.env[self.ALL]:
                return False
        elif any(environ.get(k) != v for k, v in self.env.items()):
            return False
        return all(_sig(name, follow, contents) == s for (name, follow, contents), s in self.paths.items())


class _EnvProxy(MutableMapping):
    """``os.environ`` while a load runs: reads are recorded."""

    def __init__(self, real, trace: _Trace):
        self.real, self.trace = real, trace

    def _read(self, k):
        self.trace.env.setdefault(k, self.real.get(k))

    def _all(self):
        self.trace.env[_Trace.ALL] = dict(self.real)

    def __getitem__(self, k):
        self._read(k)
        return self.real[k]

    def get(self, k, default=None):
        self._read(k)
        return self.real.get(k, default)

    def __contains__(self, k):
        self._read(k)
        return k in self.real

    def __setitem__(self, k, v):
        self.real[k] = v

    def __delitem__(self, k):
        del self.real[k]

    def __iter__(self):
        self._all()
        return iter(self.real)

    def __len__(self):
        self._all()
        return len(self.real)

    def copy(self):
        self._all()
        return dict(self.real)

    def __repr__(self):
        return repr(self.real)


_TRACE: _Trace | None = None


def _audit(event: str, args: tuple) -> None:
    t = _TRACE
    if t is None:
        return
    if event == "open":  # a folder opened (for dir_fd) is not listed: only that it is one counts
        t.path(args[0], contents=False)
    elif event in ("os.listdir", "os.scandir"):
        t.path(args[0] if args else None)


@contextlib.contextmanager
def _tracing() -> Iterator[_Trace]:
    """Record what the code in the block reads: opened files, listed
    folders (audit hooks), stat-ed paths (``os.stat``/``os.lstat``, as
    pathlib and os.path call them), environment variables."""
    global _TRACE
    trace = _Trace()
    real_stat, real_lstat, real_env = _stat, _lstat, os.environ

    def traced_stat(path, *args, dir_fd=None, follow_symlinks=True, **kw):
        if dir_fd is None:
            trace.path(path, follow=follow_symlinks, contents=False)
        return real_stat(path, *args, dir_fd=dir_fd, follow_symlinks=follow_symlinks, **kw)

    def traced_lstat(path, *args, dir_fd=None, **kw):
        if dir_fd is None:
            trace.path(path, follow=False, contents=False)
        return real_lstat(path, *args, dir_fd=dir_fd, **kw)

    os.stat, os.lstat = traced_stat, traced_lstat
    os.environ = _EnvProxy(real_env, trace)  # type: ignore[assignment]  # noqa: B003  (put back below)
    _TRACE = trace
    try:
        yield trace
    finally:
        _TRACE = None
        os.stat, os.lstat, os.environ = real_stat, real_lstat, real_env


# --------------------------------------------------------------------------
# Loaded projects, kept


class _Projects:
    """``lint.pipeline.load_project``, memoised while what it read is unchanged."""

    def __init__(self, load: Callable[..., Any]):
        self.load = load
        self.entries: dict[tuple, list[tuple[_Trace, Any]]] = {}
        self.order: list[tuple] = []

    def __call__(self, settings, start):
        from lint import rule_cache

        key = self.key(settings, start)
        if key is None:  # the configuration cannot be found: the load says why
            return self.load(settings, start)
        for trace, project in self.entries.get(key, ()):
            if trace.valid(os.environ):
                return project
        reset_file_caches()
        noted = rule_cache._noted
        began = time.time()
        with _tracing() as trace:
            project = self.load(settings, start)
        kept = rule_cache._noted == noted and not trace.fresh(max(began, time.time()))
        if kept:
            self.remember(key, trace, project)
        log(f"loaded the rules for {key[2] or os.path.abspath(start)} in {(time.time() - began) * 1000:.0f} ms"
            f"{'' if kept else ' (not kept: a file it read changed just now)'}")
        return project

    @staticmethod
    def key(settings, start) -> tuple | None:
        """What a project depends on besides the files it read: the
        settings, the current folder and the configuration files found for
        ``start`` (files of one configuration share one project, as in
        ``Projects.for_path``)."""
        from lint import config as configuration
        from lint.files import VALE_CONFIG_NAMES, find_upward

        s = settings
        try:
            cfg = s.config or (None if s.isolated else configuration.find(start))
            vale = s.vale_config or (None if s.isolated else find_upward(start, VALE_CONFIG_NAMES))
        except Exception:
            return None
        return (settings, os.getcwd(), str(cfg) if cfg is not None else None, str(vale) if vale is not None else None)

    def remember(self, key, trace, project) -> None:
        kept = [e for e in self.entries.get(key, []) if e[1] is not project][:3]
        self.entries[key] = [(trace, project), *kept]
        if key in self.order:
            self.order.remove(key)
        self.order.append(key)
        while len(self.order) > MAX_ENTRIES:
            self.entries.pop(self.order.pop(0), None)

    def projects(self) -> Iterator[Any]:
        for entries in self.entries.values():
            for _, p in entries:
                yield p

    def clear(self) -> None:
        self.entries.clear()
        self.order.clear()


def reset_file_caches() -> None:
    """The per-process caches of file contents and of the rule cache's
    state, as a fresh process has them (a load reads the files again)."""
    from lint import rule_cache, rules

    rules._DATA_CACHE.clear()
    rule_cache._file_digests.clear()
    rule_cache._key = None
    spelling = sys.modules.get("lint.checks.spelling")
    if spelling is not None:
        spelling._DICTS.clear()


def reset_process_state() -> None:
    """What a fresh process starts with, for the parts of newslint that
    keep state per process (read from the request's environment)."""
    from lint import rule_cache

    rule_cache._enabled = rule_cache._POSIX and os.environ.get("NEWSLINT_NO_CACHE", "") in ("", "0")
    rule_cache._noted = False
    rule_cache._key = None


def drain(projects: _Projects) -> None:
    """Empty every check's cross-article state (a run that stopped half-way,
    ``--test-examples`` ...): the next run starts from nothing."""
    seen: set[int] = set()
    for p in projects.projects():
        for r in [*p.loaded, *p.rules]:
            finish = getattr(r.checker, "finish", None)
            if finish is not None and id(r.checker) not in seen:
                seen.add(id(r.checker))
                with contextlib.suppress(Exception):
                    for _ in finish():
                        pass


# --------------------------------------------------------------------------
# newslint's own files


def _site_folders() -> list[str]:
    """The folders of sys.path that packages are installed into."""
    return [p for p in sys.path if p and ("site-packages" in p or "dist-packages" in p)]


def own_state() -> tuple:
    """The package's files (name, size, mtime) and the site-packages folders
    of sys.path (an install, an upgrade or a removal changes them)."""
    root = proto.package_dir()
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for n in sorted(names):
            if n.endswith((".py", ".pyi", ".so")):
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.join(folder, n))
                    files.append((os.path.join(folder, n), st.st_size, st.st_mtime_ns))
    paths = []
    for p in _site_folders():
        with contextlib.suppress(OSError, TypeError, ValueError):
            paths.append((p, os.stat(p).st_mtime_ns))
    return tuple(files), tuple(paths)


# --------------------------------------------------------------------------
# One request


class _Stopped(BaseException):
    """SIGTERM: stop serving (a run in progress stops too)."""


class Refused(Exception):
    """The request is not for this server to run: the client runs it."""


class _Request:
    def __init__(self, fields: list[str]):
        if len(fields) < 12 or fields[0] != proto.PROTOCOL:
            raise Refused("another protocol")
        if fields[1] != proto.installation():
            raise Refused("another installation")
        self.cwd, self.umask, self.encodings = fields[2], int(fields[3]), fields[4]
        self.streams = [(fields[5], fields[6]), (fields[7], fields[8]), (fields[9], fields[10])]
        n = int(fields[11])
        self.argv = fields[12:12 + n]
        if len(self.argv) != n:
            raise ValueError("a truncated argv")
        self.env = dict(f.split("=", 1) for f in fields[12 + n:] if "=" in f)


def _encodings() -> str:
    import _locale

    preferred = _locale.getencoding() if hasattr(_locale, "getencoding") else ""
    return f"{sys.getfilesystemencoding()}|{sys.flags.utf8_mode}|{preferred}"


def _check(req: _Request, startup_env: dict[str, str]) -> None:
    head = req.argv[:req.argv.index("--")] if "--" in req.argv else req.argv
    if any(a in REFUSED_OPTIONS or a.startswith("--idle-timeout") for a in head):
        raise Refused("not an option the server runs")
    if req.encodings != _encodings():
        raise Refused("another locale encoding")
    for name in STARTUP_ENV:
        if req.env.get(name) != startup_env.get(name):
            raise Refused(f"{name} differs from the server's")


def _std_streams(req: _Request) -> tuple[Any, Any, Any]:
    """sys.stdin, sys.stdout, sys.stderr on descriptors 0, 1, 2, as Python
    makes them at start-up, with the client's encodings."""
    buffered = not req.env.get("PYTHONUNBUFFERED")
    (ie, ierr), (oe, oerr), (ee, eerr) = req.streams
    stdin = io.TextIOWrapper(open(0, "rb", closefd=False), ie, ierr, newline="\n",  # noqa: SIM115
                             line_buffering=buffered and os.isatty(0))
    out: list[Any] = []
    for fd, enc, errors, line in ((1, oe, oerr, os.isatty(1)), (2, ee, eerr, True)):
        raw = open(fd, "wb", buffering=-1 if buffered else 0, closefd=False)  # noqa: SIM115  (detached after the run)
        out.append(io.TextIOWrapper(raw, enc, errors, newline="\n", line_buffering=buffered and line,
                                    write_through=not buffered))
    return stdin, out[0], out[1]


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(Exception):
        print(code, file=sys.stderr)
    return 1


class Server:
    def __init__(self, idle_timeout: float = DEFAULT_IDLE_TIMEOUT):
        self.idle_timeout = idle_timeout
        self.startup_env = dict(os.environ)
        self.own = own_state()
        self.running: int | None = None  # the id of the request that runs
        self.count = 0
        self.stop = False
        from lint import pipeline

        self.projects = _Projects(pipeline.load_project)

    # the warm state

    def install(self) -> None:
        """Import what a run imports, keep typer's command, route loads through the memo."""
        import importlib

        from lint import checks, cli, pipeline

        for module in list(checks._MODULES.values()) + ["lint.formats", "lint.readers", "lint.files", "lint.config",
                                                         "lint.api", "lint.engine", "lint.suppress", "lint.fixes"]:
            with contextlib.suppress(Exception):  # an optional dependency missing: imported (and failing) when used
                importlib.import_module(module)
        with contextlib.suppress(Exception):
            from lint import formats

            for name in formats.FORMATS:
                formats.renderer(name)
        # the plain command's '' on sys.path is its own folder; requests run in their clients'
        sys.path[:] = [os.path.abspath(p) if isinstance(p, str) else p for p in sys.path]
        pipeline.load_project = self.projects
        sys.addaudithook(_audit)
        try:
            import typer.main as typer_main
        except ImportError:
            return
        make = typer_main.get_command
        kept: dict[int, Any] = {}

        def get_command(typer_instance):
            if typer_instance is not cli.app:
                return make(typer_instance)
            if id(typer_instance) not in kept:
                kept[id(typer_instance)] = make(typer_instance)
            return kept[id(typer_instance)]

        typer_main.get_command = get_command

    # the socket

    def serve(self) -> int:
        folder = proto.socket_folder()
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            log(f"cannot create {folder}: {exc.strerror}")
            return 2
        why = proto.folder_problem(folder)
        if why is not None:
            log(f"refusing {folder}: it is {why}")
            return 2
        path = proto.socket_path()
        import fcntl

        lock = os.open(path[:-5] + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            log(f"a server of this installation is already running on {path}")
            os.close(lock)
            return 0
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # a server that died left it; the lock says none is running
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o177)
        try:
            sock.bind(path)
        finally:
            os.umask(mask)
        sock.listen(64)
        ino = os.stat(path).st_ino
        self.install()
        _OWN_FDS[:] = [os.dup(fd) for fd in (0, 1, 2)]
        for s in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                s.flush()
        signal.signal(signal.SIGUSR1, self._interrupted)
        signal.signal(signal.SIGTERM, self._terminated)
        timeout = f"exits after {self.idle_timeout:g} s idle" if self.idle_timeout > 0 else "no idle timeout"
        log(f"listening on {path} ({timeout})")
        try:
            self.loop(sock)
        except (KeyboardInterrupt, _Stopped):
            log("stopped")
        finally:
            with contextlib.suppress(OSError):
                if os.stat(path).st_ino == ino:
                    os.unlink(path)
            sock.close()
            os.close(lock)
        return 0

    def loop(self, sock: socket.socket) -> None:
        last = time.monotonic()
        while not self.stop:
            if self.idle_timeout > 0:
                left = self.idle_timeout - (time.monotonic() - last)
                if left <= 0:
                    log(f"idle for {self.idle_timeout:g} s: exiting")
                    return
                sock.settimeout(left)
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            except OSError as exc:
                if exc.errno in (errno.EINTR, errno.ECONNABORTED):
                    continue
                raise
            try:
                self.connection(conn)
            finally:
                conn.close()
                last = time.monotonic()

    def _terminated(self, signum, frame) -> None:
        raise _Stopped

    def _interrupted(self, signum, frame) -> None:
        if self.running is not None:
            raise KeyboardInterrupt

    def connection(self, conn: socket.socket) -> None:
        uid = proto.peer_uid(conn)
        if uid is not None and uid != os.geteuid():
            log(f"refused a connection from uid {uid}")
            return
        fds: list[int] = []
        try:
            conn.settimeout(READ_TIMEOUT)
            conn.sendall(ACK)  # taken: from here on, the client does not run the command itself
            flags = getattr(socket, "MSG_CMSG_CLOEXEC", 0)
            first, anc, _, _ = conn.recvmsg(1 << 16, socket.CMSG_SPACE(3 * 4), flags)
            for level, kind, data in anc:
                if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                    usable = len(data) - len(data) % 4
                    fds += [int.from_bytes(data[i:i + 4], sys.byteorder, signed=True) for i in range(0, usable, 4)]
            if not first:
                return
            fields = proto.read_frame(conn, first)
            conn.settimeout(None)
            answer = self.request(conn, fields, fds)
        except Refused as exc:
            answer = ["FALLBACK", str(exc)]
        except Exception as exc:  # the request could not be read or run: one line, and on with the next
            log(f"error in a request: {type(exc).__name__}: {exc}")
            answer = ["ERROR", "2", f"newslint: server error ({type(exc).__name__}: {exc}); run `newslint` without the server"]
        finally:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        with contextlib.suppress(OSError):
            conn.settimeout(READ_TIMEOUT)
            conn.sendall(proto.encode(answer))

    def request(self, conn: socket.socket, fields: list[str], fds: list[int]) -> list[str]:
        if len(fds) != 3:
            raise ValueError(f"{len(fds)} file descriptors with the request, not 3")
        req = _Request(fields)
        _check(req, self.startup_env)
        if own_state() != self.own:
            self.stop = True
            raise Refused("newslint or its environment changed: the server exits")
        code = self.run(req, fds, conn)
        return ["EXIT", str(code)]

    def run(self, req: _Request, fds: list[int], conn: socket.socket) -> int:
        """The command, as the client's process would run it."""
        from lint import cli

        cwd, env, mask = os.getcwd(), dict(os.environ), os.umask(req.umask)
        saved = sys.stdin, sys.stdout, sys.stderr, sys.argv
        streams: tuple[Any, ...] = ()
        watcher = None
        try:
            os.chdir(req.cwd)
        except OSError as exc:
            os.umask(mask)
            raise Refused(f"cannot enter {req.cwd}: {exc.strerror}") from None
        code = 2
        try:
            for i, fd in enumerate(fds):
                os.dup2(fd, i)
            streams = sys.stdin, sys.stdout, sys.stderr = _std_streams(req)
            os.environ.clear()
            os.environ.update(req.env)
            sys.argv = ["newslint", *req.argv]
            reset_process_state()
            self.count += 1
            watcher = threading.Thread(target=self._watch, args=(conn, self.count), daemon=True)
            self.running = self.count
            watcher.start()
            try:
                cli.main()
                code = 0
            except SystemExit as exc:
                code = _exit_code(exc)
            except KeyboardInterrupt:
                code = 130
            finally:
                self.running = None
            for s in streams[1:]:
                try:
                    s.flush()
                except BrokenPipeError:  # as at the exit of the plain command
                    code = 120
                except OSError:
                    pass
        finally:
            self.running = None
            if watcher is not None:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RD)  # the watcher wakes up and sees the run is over
                watcher.join(5)
            for s in streams:
                with contextlib.suppress(Exception):
                    s.detach()
            sys.stdin, sys.stdout, sys.stderr, sys.argv = saved
            for i, fd in enumerate(_OWN_FDS):
                os.dup2(fd, i)
            os.environ.clear()
            os.environ.update(env)
            os.chdir(cwd)
            os.umask(mask)
            drain(self.projects)
        return code

    def _watch(self, conn: socket.socket, rid: int) -> None:
        """The client going away (Ctrl-C) while its run goes on: interrupt the run."""
        try:
            dup = conn.dup()
        except OSError:
            return
        try:
            dup.settimeout(None)
            dup.recv(1)  # EOF when the client closes (or the run ends: SHUT_RD); it sends nothing more
        except OSError:
            return
        finally:
            dup.close()
        if self.running == rid:
            with contextlib.suppress(Exception):
                signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGUSR1)


def serve(idle_timeout: float | None = None) -> int:
    """``newslint --server``: serve until idle for ``idle_timeout`` seconds."""
    if sys.platform == "win32" or not hasattr(socket, "AF_UNIX"):
        print("newslint: --server needs Unix sockets", file=sys.stderr)
        return 2
    return Server(DEFAULT_IDLE_TIMEOUT if idle_timeout is None else idle_timeout).serve()
