"""``newslint --server`` and ``newslint-client`` (lint/server.py, lint/client.py).

Each server runs in a subprocess on a runtime folder of its own
(``XDG_RUNTIME_DIR``), and is killed at the end. The client is run through
a driver that exits 99 when ``lint.client.run`` returns None, so a test
that compares with the plain command knows the server answered."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import ROOT, SEED, shared_or_skip

PY = sys.executable
TIMEOUT = 180  # seconds for one command, on a loaded machine
START_TIMEOUT = 120  # seconds for a server to listen
FALLBACK = 99
DRIVER = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import lint.client as c; "
          f"code = c.run(sys.argv[1:]); sys.exit({FALLBACK} if code is None else code)")
ARGS = ("--date", "2024-06-01")


def environment(runtime: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONUNBUFFERED", None)
    env.update(extra)
    return env


@pytest.fixture
def runtime():
    d = Path(tempfile.mkdtemp(prefix="nls-"))  # short: a socket's path has at most ~100 bytes
    os.chmod(d, 0o700)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _sockets(runtime: Path) -> list[Path]:
    return sorted((runtime / "newslint").glob("*.sock")) if (runtime / "newslint").is_dir() else []


def _answers(path: Path) -> bool:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.settimeout(5)
        s.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        s.close()


@contextlib.contextmanager
def server(runtime: Path, *options: str, code: str | None = None, env: dict[str, str] | None = None):
    """A server in a subprocess, listening; killed at the end."""
    env = env or environment(runtime)
    log = runtime / "server.log"
    cmd = [PY, "-c", code, "--server", *options] if code else [PY, "-m", "lint", "--server", *options]
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=str(runtime), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (_sockets(runtime) and "listening" in log.read_text(errors="replace")):
            if proc.poll() is not None:
                pytest.fail(f"the server exited {proc.returncode}: {log.read_text(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail("the server did not start listening")
            time.sleep(0.1)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(20)


def plain(args, cwd, env, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "lint", *args], cwd=str(cwd), env=env, input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)


def client(args, cwd, env, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-S", "-c", DRIVER, *args], cwd=str(cwd), env=env, input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)


def same(args, cwd, env, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The client through the server gives what the plain command gives, byte for byte."""
    want = plain(args, cwd, env, stdin)
    got = client(args, cwd, env, stdin)
    assert got.returncode != FALLBACK, got.stderr.decode(errors="replace")
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
    return got


@pytest.fixture(scope="module")
def shared_server():
    d = Path(tempfile.mkdtemp(prefix="nls-"))
    os.chmod(d, 0o700)
    try:
        with server(d, "--idle-timeout", "900"):
            yield d, environment(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


CASES = {
    "seed": [*ARGS, "seeds/belarus-russia-security-ties.txt"],
    "folder": [*ARGS, "seeds/"],
    "json": [*ARGS, "--format", "json", "seeds/"],
    "statistics": [*ARGS, "--statistics", "seeds/"],
    "list-rules": ["--list-rules"],
    "test-examples": ["--test-examples"],
    "explain": ["--explain", "News.MissingByline"],
    "version": ["--version"],
    "help": ["--help"],
    "unknown-format": ["--format", "nope", "seeds/"],
    "unknown-option": ["--bogus"],
    "bad-date": ["--date", "2024-02-30", "seeds/"],
    "missing-path": ["no-such-file.txt"],
    "unknown-rule": ["--select", "News.NoSuchRule", "seeds/"],
}


@pytest.mark.parametrize("case", CASES)
def test_the_client_prints_what_the_command_prints(shared_server, case):
    _, env = shared_server
    same(CASES[case], ROOT, env)


def test_many_files_with_worker_processes(shared_server):
    _, env = shared_server
    folder = shared_or_skip("corpus", "articles")
    same([*ARGS, "--format", "json-lines", "-j", "2", str(folder)], ROOT, env)


def test_standard_input(shared_server):
    _, env = shared_server
    text = SEED.read_bytes()
    got = same([*ARGS, "-", "--stdin-filename", "story.txt"], ROOT, env, stdin=text)
    assert b"story.txt" in got.stdout
    same([*ARGS, "--stdin-filename", "story.md"], ROOT, env, stdin=text)  # no path: standard input
    same([*ARGS, "--fix", "-", "--stdin-filename", "story.txt"], ROOT, env, stdin=text)


def test_fix_on_a_copy(shared_server, tmp_path):
    _, env = shared_server
    text = "Mayor opens bridge\n\nBy Ann Lee\n\nThe mayor said on Whatsapp that it was \"a great day.\n"
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
        (d / "story.txt").write_text(text, encoding="utf-8")
    args = [*ARGS, "--fix", "--unsafe-fixes", "story.txt"]
    want = plain(args, a, env)
    got = client(args, b, env)
    assert got.returncode != FALLBACK
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
    assert (a / "story.txt").read_bytes() == (b / "story.txt").read_bytes()
    assert b"WhatsApp" in (b / "story.txt").read_bytes() and b"fixed 1" in got.stderr


def test_output_file_relative_to_the_clients_folder(shared_server, tmp_path):
    _, env = shared_server
    (tmp_path / "story.txt").write_bytes(SEED.read_bytes())
    same([*ARGS, "-o", "plain.json", "--format", "json", "story.txt"], tmp_path, env)
    want = (tmp_path / "plain.json").read_bytes()
    (tmp_path / "plain.json").unlink()
    same([*ARGS, "-o", "plain.json", "--format", "json", "story.txt"], tmp_path, env)
    assert (tmp_path / "plain.json").read_bytes() == want


BROKEN = "extends: existence\nmessage: 'x'\ntokens: [unclosed\n"
RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [{word}]\n"


def test_a_broken_rule_file(shared_server, tmp_path):
    _, env = shared_server
    pack = tmp_path / "House"
    pack.mkdir()
    (pack / "Broken.yml").write_text(BROKEN, encoding="utf-8")
    got = same([*ARGS, "--rules", str(pack), str(SEED)], tmp_path, env)
    assert got.returncode == 2 and b"Broken.yml" in got.stderr


def loads(runtime: Path) -> int:
    """How many times the server loaded rules (it logs each load)."""
    return (runtime / "server.log").read_text(errors="replace").count("loaded the rules")


def write_old(path: Path, text: str, mtime: float | None = None) -> float:
    """Write ``text`` and date it a minute back (or ``mtime``): old enough for the server to keep what it loaded."""
    path.write_text(text, encoding="utf-8")
    when = time.time() - 60 if mtime is None else mtime
    os.utime(path, (when, when))
    return when


def test_a_rule_file_changed_between_requests(shared_server, tmp_path):
    runtime, env = shared_server
    pack = tmp_path / "House"
    pack.mkdir()
    write_old(tmp_path / "story.txt", "Headline here\n\nThe minister spoke on Monday. Officials agree.\n")
    args = [*ARGS, "--rules", "House", "--select", "House", "story.txt"]
    when = write_old(pack / "Avoid.yml", RULE.format(word="spoke"))
    os.utime(pack, (when, when))
    first = same(args, tmp_path, env)
    assert b"Avoid 'spoke'" in first.stdout
    n = loads(runtime)
    same(args, tmp_path, env)
    assert loads(runtime) == n  # kept: not loaded again
    write_old(pack / "Avoid.yml", RULE.format(word="agree"), when)  # the same size and mtime: the ctime tells
    second = same(args, tmp_path, env)
    assert b"Avoid 'agree'" in second.stdout and b"spoke" not in second.stdout
    assert loads(runtime) == n + 1
    write_old(pack / "More.yml", RULE.format(word="minister"))  # a new rule in the pack
    third = same(args, tmp_path, env)
    assert b"Avoid 'minister'" in third.stdout


def test_a_new_configuration_file_and_a_changed_data_file(shared_server, tmp_path):
    _, env = shared_server
    (tmp_path / "house").mkdir()
    (tmp_path / "a.txt").write_text("Mayor opens bridge\n\nDaily Horoscope\n\nThe mayor opened the new bridge "
                                    "on Monday after three years of works, the council said.\n", encoding="utf-8")
    args = [*ARGS, "--select", "News.HeaderChrome", "a.txt"]
    assert same(args, tmp_path, env).returncode == 0
    (tmp_path / "house" / "chrome.yml").write_text("labels: [horoscope]\n", encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("data:\n  News/data/page-chrome.yml: house/chrome.yml\n", encoding="utf-8")
    assert b"Daily Horoscope" in same(args, tmp_path, env).stdout
    (tmp_path / "house" / "chrome.yml").write_text("labels: [astrology]\n", encoding="utf-8")
    assert same(args, tmp_path, env).returncode == 0
    sub = tmp_path / "sub"  # a configuration nearer the file, made after the server loaded the outer one
    sub.mkdir()
    (sub / "a.txt").write_text((tmp_path / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    same([*ARGS, "sub/a.txt"], tmp_path, env)
    (sub / "newslint.yaml").write_text("ignore: [News.MissingByline]\n", encoding="utf-8")
    same([*ARGS, "sub/a.txt"], tmp_path, env)


def test_an_environment_variable_that_changes_results(shared_server, tmp_path):
    _, env = shared_server
    (tmp_path / "story.txt").write_bytes(SEED.read_bytes())
    same([*ARGS, "story.txt"], tmp_path, env)
    other = dict(env, NEWSLINT_CACHE_DIR=str(tmp_path / "cache"))
    same([*ARGS, "story.txt"], tmp_path, other)
    got = client(["--version"], tmp_path, dict(env, TERMINAL_WIDTH="50"))  # read at import: not for this server
    assert got.returncode == FALLBACK


def test_no_server_the_client_runs_in_process(runtime):
    env = environment(runtime)
    got = client(["--version"], ROOT, env)
    assert got.returncode == FALLBACK and got.stdout == b""
    want = plain([*ARGS, str(SEED)], ROOT, env)
    script = subprocess.run([PY, "-c", "from lint.client import main; main()", *ARGS, str(SEED)], cwd=str(ROOT),
                            env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert (script.returncode, script.stdout, script.stderr) == (want.returncode, want.stdout, want.stderr)
    as_file = subprocess.run([PY, "-S", str(ROOT / "lint" / "client.py"), *ARGS, str(SEED)], cwd=str(runtime),
                             env=dict(env, PYTHONPATH=""), capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert (as_file.returncode, as_file.stdout, as_file.stderr) == (want.returncode, want.stdout, want.stderr)


def test_the_client_as_a_file_through_the_server(shared_server):
    _, env = shared_server
    want = plain([*ARGS, "seeds/"], ROOT, env)
    got = subprocess.run([PY, "-S", str(ROOT / "lint" / "client.py"), *ARGS, "seeds/"], cwd=str(ROOT), env=env,
                         capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_a_folder_writable_by_others_is_refused(runtime):
    (runtime / "newslint").mkdir()
    os.chmod(runtime / "newslint", 0o777)
    env = environment(runtime)
    proc = subprocess.run([PY, "-m", "lint", "--server"], env=env, capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=TIMEOUT)
    assert proc.returncode == 2 and b"writable by group or others" in proc.stderr
    assert _sockets(runtime) == []
    # a socket someone put there is not used either
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        import lint.client

        old = os.environ.get("XDG_RUNTIME_DIR")
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        try:
            s.bind(lint.client.socket_path())
            s.listen(1)
            assert lint.client.connect() is None
            os.chmod(runtime / "newslint", 0o700)
            conn = lint.client.connect()  # the same socket, in a private folder: it would be used
            assert conn is not None
            conn.close()
        finally:
            if old is None:
                os.environ.pop("XDG_RUNTIME_DIR")
            else:
                os.environ["XDG_RUNTIME_DIR"] = old
    finally:
        s.close()
    assert client(["--version"], ROOT, env).returncode == FALLBACK


def test_a_link_in_place_of_the_folder_is_refused(runtime, tmp_path):
    os.symlink(tmp_path, runtime / "newslint")
    proc = subprocess.run([PY, "-m", "lint", "--server"], env=environment(runtime), capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert proc.returncode == 2 and b"not a folder" in proc.stderr


def test_the_server_exits_when_idle(runtime):
    with server(runtime, "--idle-timeout", "4") as proc:
        assert proc.wait(TIMEOUT) == 0
    assert _sockets(runtime) == []
    assert "idle" in (runtime / "server.log").read_text()


def test_a_second_server_leaves_the_first_alone(runtime):
    with server(runtime, "--idle-timeout", "600") as proc:
        second = subprocess.run([PY, "-m", "lint", "--server"], env=environment(runtime), capture_output=True,
                                stdin=subprocess.DEVNULL, timeout=TIMEOUT)
        assert second.returncode == 0 and b"already running" in second.stderr
        assert proc.poll() is None and _answers(_sockets(runtime)[0])


CRASHING = (
    f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
    "from lint import pipeline, cli\n"
    "real = pipeline.lint_paths\n"
    "def lint_paths(paths, *a, **k):\n"
    "    if any('CRASH' in p for p in paths):\n"
    "        raise RuntimeError('boom')\n"
    "    return real(paths, *a, **k)\n"
    "pipeline.lint_paths = lint_paths\n"
    "sys.argv[0] = 'newslint'\n"
    "cli.main()\n"
)


def test_the_server_survives_a_request_that_raises(runtime, tmp_path):
    env = environment(runtime)
    (tmp_path / "CRASH.txt").write_bytes(SEED.read_bytes())
    with server(runtime, "--idle-timeout", "600", code=CRASHING, env=env) as proc:
        got = client([*ARGS, "CRASH.txt"], tmp_path, env)
        assert got.returncode == 2
        assert got.stderr == b"newslint: internal error (RuntimeError: boom); please report it\n"
        # a request that is not one: answered, and the server goes on
        path = _sockets(runtime)[0]
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(30)
        s.connect(str(path))
        s.sendall(b"\x00\x00\x00\x05hello")
        answer = b""
        while chunk := s.recv(4096):
            answer += chunk
        s.close()
        assert answer.startswith(b"+") and b"ERROR" in answer
        same([*ARGS, str(SEED)], tmp_path, env)
        assert proc.poll() is None


def test_a_changed_newslint_makes_the_server_exit(runtime, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copytree(ROOT / "lint", copy / "lint", ignore=shutil.ignore_patterns("__pycache__"))
    os.symlink(ROOT / "rules", copy / "rules")
    env = environment(runtime, PYTHONPATH=str(copy))
    driver = DRIVER.replace(repr(str(ROOT)), repr(str(copy)))
    with server(runtime, "--idle-timeout", "600", env=env) as proc:
        def run(*args):
            return subprocess.run([PY, "-S", "-c", driver, *args], cwd=str(tmp_path), env=env, capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=TIMEOUT)

        assert run("--version").returncode == 0
        time.sleep(0.05)
        engine = copy / "lint" / "engine.py"
        engine.write_text(engine.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        assert run("--version").returncode == FALLBACK
        assert proc.wait(TIMEOUT) == 0


DRAIN = (
    "import io, sys\n"
    "from lint import cli, server\n"
    "srv = server.Server(0)\n"
    "srv.install()\n"
    "sys.argv = ['newslint', '--test-examples']\n"
    "out, sys.stdout = sys.stdout, io.StringIO()\n"
    "try:\n"
    "    cli.main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stdout = out\n"
    "def left():\n"
    "    return sum(len(getattr(r.checker, '_seen', None) or {}) for p in srv.projects.projects() for r in p.loaded)\n"
    "before = left()\n"
    "server.drain(srv.projects)\n"
    "print(before, left())\n"
)


def test_no_cross_article_state_outlives_a_request(runtime):
    """--test-examples leaves the examples' names in the cross-article checks (a
    plain process just exits): the server empties them after every request."""
    got = subprocess.run([PY, "-c", DRAIN], cwd=str(ROOT), env=environment(runtime), capture_output=True,
                         stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    before, after = map(int, got.stdout.split())
    assert before > 0 and after == 0
