"""``newslint-client``: the thin client of ``newslint --server``.

It takes the same arguments as ``newslint`` and gives the same output
and exit code. With a server of this installation answering, the run
happens in the server (rules already loaded: a one-file run costs a few
milliseconds more than the linting); without one it runs ``newslint`` in
this process, so the result is always the plain command's.

Standard library only, and as little of it as possible: this module
imports ``_socket`` (not ``socket``, whose enums alone cost ~15 ms),
``os`` and ``sys``, and no part of newslint. It runs as a file
(``python -S /path/to/lint/client.py ARGS``: without a server, it execs
``python -m lint ARGS`` with this package first on the path) and as a
function: ``run(argv)`` returns the exit code, or None when no server
answered (the caller then runs newslint itself).

The protocol (shared with lint/server.py, which imports this module):
the client sends one frame, a 4-byte big-endian length and NUL-separated
fields (argv, cwd, the whole environment, the umask, the encodings of
its standard streams ...), with its standard input, output and error
attached as file descriptors (``SCM_RIGHTS``). The server runs the
command on those descriptors (so the output is written, streamed, where
the plain command would write it, terminal or pipe, and standard input
is read only if the run reads it). The server's first byte, ``+``, says it
takes the request: the client sends it only then, and a server that does
not say so within ``CONNECT_TIMEOUT`` (busy with a long run) is taken as
absent. At the end the server answers one frame: ``EXIT code``,
``FALLBACK reason`` (not for this server: run in process) or ``ERROR
code message``. No pickle: strings only.

The socket: ``$XDG_RUNTIME_DIR/newslint/`` (else ``newslint-UID`` in the
temporary folder), a folder of this user's, created 0700; a folder not
owned by the user, not a folder (a link) or writable by group or others
is refused, by the server and by the client; the socket must be owned by
the user, and where the system tells (``SO_PEERCRED``) each side checks
that the other runs as the same user. One socket per installation and
Python: its name is a digest of the package's real path, the version and
the interpreter, so two checkouts never answer for each other.
"""

from __future__ import annotations

import os
import sys

PROTOCOL = "newslint-server-1"
CONNECT_TIMEOUT = 5.0  # seconds: a server that does not take the request by then is taken as absent
MAX_FRAME = 1 << 30  # bytes
ACK = b"+"  # the server's first byte: it took the request


# --------------------------------------------------------------------------
# Where the server of this installation listens


def package_dir() -> str:
    return os.path.dirname(os.path.realpath(__file__))


def version() -> str:
    """newslint's version, read from lint/__init__.py (not imported: as a
    file under ``python -S`` the package is not importable)."""
    try:
        with open(os.path.join(package_dir(), "__init__.py"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("__version__"):
                    return line.split("=", 1)[1].strip().strip("\"'")
    except OSError:
        pass
    return "unknown"


def python_id() -> str:
    """The interpreter: its folder as named (a virtualenv's bin), the binary it is, its version."""
    exe = sys.executable or ""
    return f"{os.path.dirname(os.path.abspath(exe))}|{os.path.realpath(exe)}|{sys.version}"


def installation() -> str:
    """What one server stands for: package path, version, interpreter."""
    return f"{package_dir()}\n{version()}\n{python_id()}"


def _digest(text: str) -> str:
    try:
        import _sha256 as sha  # type: ignore[import-not-found]  # C, no OpenSSL to load
    except ImportError:
        try:
            import _sha2 as sha  # type: ignore[import-not-found]  # Python 3.12+
        except ImportError:
            import hashlib as sha
    return sha.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _tempdir() -> str:
    for name in ("TMPDIR", "TEMP", "TMP"):
        d = os.environ.get(name)
        if d and os.path.isabs(d) and os.path.isdir(d):
            return d
    return "/tmp"


def socket_folder() -> str:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return os.path.join(runtime, "newslint")
    return os.path.join(_tempdir(), f"newslint-{os.geteuid()}")


def socket_path() -> str:
    return os.path.join(socket_folder(), _digest(installation())[:20] + ".sock")


def folder_problem(folder: str) -> str | None:
    """Why ``folder`` may not hold the socket (None: it may): it must be a
    folder (not a link) of this user's, not writable by group or others."""
    import stat

    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISDIR(st.st_mode):
        return "not a folder (a link or a file)"
    if st.st_uid != os.geteuid():
        return f"owned by uid {st.st_uid}, not {os.geteuid()}"
    if st.st_mode & 0o022:
        return "writable by group or others"
    return None


def peer_uid(sock) -> int | None:
    """The uid of the process at the other end, where the system tells (Linux)."""
    import _socket

    opt = getattr(_socket, "SO_PEERCRED", None)
    if opt is None:
        return None
    try:
        cred = sock.getsockopt(_socket.SOL_SOCKET, opt, 12)  # struct ucred: pid, uid, gid
    except OSError:
        return None
    return int.from_bytes(cred[4:8], sys.byteorder)


# --------------------------------------------------------------------------
# Frames


def encode(fields: list[str]) -> bytes:
    """One frame: a 4-byte length, then the fields separated by NUL (no OS
    string holds one); str through the file system encoding, undecodable
    bytes kept (surrogateescape)."""
    payload = b"\0".join(os.fsencode(f) for f in fields)
    return len(payload).to_bytes(4, "big") + payload


def decode(payload: bytes) -> list[str]:
    return [os.fsdecode(f) for f in payload.split(b"\0")]


def recv_exact(sock, n: int, first: bytes = b"") -> bytes:
    chunks, got = [first], len(first)
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise ConnectionError("the connection closed inside a frame")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_frame(sock, first: bytes = b"") -> list[str]:
    head = recv_exact(sock, 4, first[:4])
    n = int.from_bytes(head, "big")
    if n > MAX_FRAME:
        raise ConnectionError(f"a frame of {n} bytes")
    return decode(recv_exact(sock, n, first[4:]))


def _stream(stream, default_errors: str) -> tuple[int, str, str]:
    """The descriptor, encoding and error handler of a standard stream."""
    fd = stream.fileno()  # raises when it has none (closed, a StringIO): no server then
    return fd, getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or default_errors


def request(argv: list[str]) -> tuple[list[str], list[int]]:
    """The request's fields and the descriptors that go with it."""
    streams = [_stream(sys.stdin, "strict"), _stream(sys.stdout, "strict"), _stream(sys.stderr, "backslashreplace")]
    mask = os.umask(0)
    os.umask(mask)
    try:
        import _locale

        preferred = _locale.getencoding() if hasattr(_locale, "getencoding") else ""
    except ImportError:
        preferred = ""
    fields = [PROTOCOL, installation(), os.getcwd(), str(mask),
              f"{sys.getfilesystemencoding()}|{sys.flags.utf8_mode}|{preferred}"]
    for _, enc, errors in streams:
        fields += [enc, errors]
    fields.append(str(len(argv)))
    fields += argv
    fields += [f"{k}={v}" for k, v in os.environ.items()]
    return fields, [fd for fd, _, _ in streams]


# --------------------------------------------------------------------------
# The client


def connect():
    """A connection to this installation's server, or None (no server, or
    none that may be trusted)."""
    import _socket

    folder = socket_folder()
    if folder_problem(folder) is not None:
        return None
    path = socket_path()
    try:
        st = os.lstat(path)
    except OSError:
        return None
    import stat

    if not stat.S_ISSOCK(st.st_mode) or st.st_uid != os.geteuid():
        return None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.settimeout(CONNECT_TIMEOUT)
        sock.connect(path)
        uid = peer_uid(sock)
        if uid is not None and uid != os.geteuid():
            sock.close()
            return None
    except OSError:
        sock.close()
        return None
    return sock


def run(argv: list[str]) -> int | None:
    """Run ``newslint ARGV`` in this installation's server, on this
    process's standard streams; return its exit code, or None when no
    server answered (nothing was written or read: run newslint here).

    None also when a standard stream has no file descriptor (a StringIO
    in its place), and for ``--server``, ``--lsp`` and ``--idle-timeout``,
    which the server does not run."""
    import _socket

    head = argv[:argv.index("--")] if "--" in argv else argv
    if any(a in ("--server", "--lsp") or a.startswith("--idle-timeout") for a in head):
        return None
    try:
        fields, fds = request(argv)
    except (OSError, ValueError, AttributeError):
        return None
    sock = connect()
    if sock is None:
        return None
    try:
        if sock.recv(1) != ACK:  # the server takes the request: only then are the descriptors sent
            sock.close()
            return None
        for s in (sys.stdout, sys.stderr):
            s.flush()
        frame = encode(fields)
        fd_bytes = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in fds)
        sent = sock.sendmsg([frame], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fd_bytes)])
        if sent < len(frame):
            sock.sendall(frame[sent:])
        sock.settimeout(None)  # a long run is answered when it is done
    except (OSError, ValueError):
        sock.close()
        return None  # the server went away (or is busy with another run) before it had the request: nothing ran
    try:
        answer = read_frame(sock)
    except (OSError, ConnectionError) as exc:  # it took the request and may have written: no second run here
        sys.stderr.write(f"newslint: the server stopped during the run ({exc}); run the command again\n")
        sys.stderr.flush()
        return 2
    finally:
        sock.close()
    kind = answer[0] if answer else ""
    if kind == "EXIT" and len(answer) == 2 and answer[1].lstrip("-").isdigit():
        return int(answer[1])
    if kind == "ERROR" and len(answer) == 3 and answer[1].isdigit():
        sys.stderr.write(answer[2] + "\n")
        sys.stderr.flush()
        return int(answer[1])
    return None  # FALLBACK, or an answer this client does not know


def main() -> None:
    """The console script ``newslint-client``: through the server when one
    answers, else ``newslint`` in this process."""
    try:
        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit(130)
    if code is not None:
        sys.exit(code)
    from lint.cli import main as newslint

    sys.argv[0] = "newslint"
    newslint()


def _main_as_file() -> None:
    """``python [-S] lint/client.py ARGS``: without a server, exec ``python
    -m lint ARGS`` (with site-packages) with this package first on the path."""
    try:
        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit(130)
    if code is not None:
        sys.exit(code)
    for s in (sys.stdout, sys.stderr):
        s.flush()
    parent = os.path.dirname(package_dir())
    boot = f"import sys; sys.path.insert(0, {parent!r}); sys.argv[0] = 'newslint'; from lint.cli import main; main()"
    os.execv(sys.executable, [sys.executable, "-c", boot, *sys.argv[1:]])


if __name__ == "__main__":
    _main_as_file()
