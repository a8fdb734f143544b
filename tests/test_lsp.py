"""``newslint --lsp`` as a separate process, driven over stdio by a minimal
JSON-RPC client (Content-Length framing). Every read has a timeout, and the
process is killed at the end whatever happened, so the test cannot hang."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("pygls")

TIMEOUT = 30  # seconds for any one message (start-up loads the rules)

LINE = "Ёлка 🙂 café “Zapod 2025” – the drills begin."
ARTICLE = f"Drills near the border\n\nBy Leon Aris in Berlin September 17, 2024\n\n{LINE}\n"
RULE = "News.NameVariant"


class Client:
    def __init__(self, *args: str, cwd: Path):
        env = {**os.environ, "NO_COLOR": "1"}
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lint", "--lsp", *args],
            cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self) -> None:
        for chunk in iter(lambda: self.proc.stderr.read1(4096), b""):
            self.stderr += chunk

    def _read(self) -> None:
        out = self.proc.stdout
        try:
            while True:
                headers = {}
                while True:
                    line = out.readline()
                    if not line:
                        self.inbox.put(None)  # end of stream
                        return
                    line = line.strip()
                    if not line:
                        break
                    key, _, value = line.decode("ascii").partition(":")
                    headers[key.strip().lower()] = value.strip()
                body = out.read(int(headers["content-length"]))
                self.inbox.put(json.loads(body.decode("utf-8")))
        except Exception as exc:  # surfaced by the next receive
            self.inbox.put(exc)

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, **({"params": params} if params is not None else {})})

    def receive(self, accept) -> dict:
        """The next message that ``accept`` takes; answers server requests on the way."""
        while True:
            try:
                msg = self.inbox.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"no message within {TIMEOUT}s; server stderr:\n{self.stderr.decode(errors='replace')[-3000:]}")
            if msg is None or isinstance(msg, Exception):
                raise AssertionError(f"server stream ended ({msg!r}); stderr:\n{self.stderr.decode(errors='replace')[-3000:]}")
            if "method" in msg and "id" in msg:  # a request from the server (e.g. registerCapability)
                self.send({"id": msg["id"], "result": None})
                continue
            if accept(msg):
                return msg

    def request(self, method: str, params: dict | None) -> dict:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        msg = self.receive(lambda m: m.get("id") == rid and "method" not in m)
        assert "error" not in msg, msg
        return msg["result"]

    def diagnostics(self, uri: str) -> list[dict]:
        msg = self.receive(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return msg["params"]["diagnostics"]

    def close(self) -> None:
        try:
            self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def client_factory(tmp_path):
    made: list[Client] = []

    def make(*args: str) -> Client:
        c = Client(*args, cwd=tmp_path)
        made.append(c)
        return c

    yield make
    for c in made:
        if c.proc.poll() is None:
            c.proc.kill()
            c.proc.wait()


def _initialize(client: Client, tmp_path: Path, encodings: list[str] | None) -> dict:
    caps: dict = {"textDocument": {"publishDiagnostics": {}, "codeAction": {}}}
    if encodings is not None:
        caps["general"] = {"positionEncodings": encodings}
    result = client.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": caps})
    client.notify("initialized", {})
    return result


def test_lsp_session_utf16_ranges_code_action_and_clearing(client_factory, tmp_path):
    client = client_factory("--isolated")
    init = _initialize(client, tmp_path, None)
    caps = init["capabilities"]
    assert caps["textDocumentSync"]["change"] == 1  # full sync
    assert caps["textDocumentSync"]["openClose"] is True
    assert caps.get("positionEncoding", "utf-16") == "utf-16"
    assert "quickfix" in caps["codeActionProvider"]["codeActionKinds"]
    assert init["serverInfo"]["name"] == "newslint"

    uri = (tmp_path / "article.txt").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": ARTICLE}})
    diags = [d for d in client.diagnostics(uri) if d["code"] == RULE]
    assert len(diags) == 1, diags
    d = diags[0]
    # "Ёлка 🙂 café “" is 13 code points but 14 UTF-16 code units (the emoji is a surrogate pair)
    assert LINE.index("Zapod") == 13
    assert d["range"] == {"start": {"line": 4, "character": 14}, "end": {"line": 4, "character": 19}}
    assert d["severity"] == 1  # Error
    assert d["source"] == "newslint"
    assert "'Zapad'" in d["message"] and "'Zapod'" in d["message"]

    # a quick fix at the cursor (an empty range) inside the finding
    cursor = {"line": 4, "character": 16}
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": cursor, "end": cursor},
        "context": {"diagnostics": [d], "only": ["quickfix"]}})
    fixes = [a for a in actions if a["diagnostics"][0]["code"] == RULE]
    assert len(fixes) == 1, actions
    fix = fixes[0]
    assert fix["kind"] == "quickfix" and fix["isPreferred"] is True
    assert fix["edit"]["changes"] == {uri: [{"range": d["range"], "newText": "Zapad"}]}

    # no quick fix away from the finding
    elsewhere = {"line": 0, "character": 0}
    assert client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": elsewhere, "end": elsewhere},
        "context": {"diagnostics": [], "only": ["quickfix"]}}) == []

    # fix-all gives the whole fixed text
    fix_all = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": elsewhere, "end": elsewhere},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    assert [a["kind"] for a in fix_all] == ["source.fixAll.newslint"]
    assert fix_all[0]["edit"]["changes"][uri][0]["newText"] == ARTICLE.replace("Zapod", "Zapad")

    # the editor applies the edit and sends the full new text: the finding goes away
    fixed = ARTICLE.replace("Zapod", "Zapad")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    assert [d for d in client.diagnostics(uri) if d["code"] == RULE] == []

    # a change that brings it back, then a save: published again
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": ARTICLE}]})
    assert [d["range"] for d in client.diagnostics(uri) if d["code"] == RULE] == [d["range"]]
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["range"] for d in client.diagnostics(uri) if d["code"] == RULE] == [d["range"]]

    # closing clears
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []

    assert client.request("shutdown", None) is None
    client.notify("exit")
    client.close()
    assert client.proc.returncode == 0, client.stderr.decode(errors="replace")


@pytest.mark.parametrize(("offered", "unit", "start"), [
    (["utf-8", "utf-16"], "utf-8", len(LINE[:13].encode("utf-8"))),
    (["utf-32"], "utf-32", 13),
])
def test_lsp_negotiated_position_encoding(client_factory, tmp_path, offered, unit, start):
    client = client_factory("--isolated", "--select", RULE)
    assert _initialize(client, tmp_path, offered)["capabilities"]["positionEncoding"] == unit
    uri = (tmp_path / "a.md").as_uri()  # Markdown reader, picked by the extension
    text = f"---\ntitle: Drills\ndate: 2024-09-17\n---\n\n{LINE}\n"
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    diags = client.diagnostics(uri)
    assert [(d["code"], d["range"]) for d in diags] == [
        (RULE, {"start": {"line": 5, "character": start}, "end": {"line": 5, "character": start + 5}})]
    assert client.request("shutdown", None) is None
    client.notify("exit")
    client.close()
    assert client.proc.returncode == 0


def test_lsp_broken_front_matter_is_one_diagnostic_not_a_crash(client_factory, tmp_path):
    client = client_factory("--isolated", "--select", RULE)
    _initialize(client, tmp_path, None)
    uri = (tmp_path / "b.md").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": "---\ntitle: [unclosed\n---\n\nZapod\n"}})
    diags = client.diagnostics(uri)
    assert len(diags) == 1 and diags[0]["severity"] == 1 and diags[0]["message"].startswith("newslint:"), diags
    # the server is still alive and lints the repaired text
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": "---\ntitle: ok\n---\n\nZapod 2025\n"}]})
    assert [d["code"] for d in client.diagnostics(uri)] == [RULE]
    assert client.request("shutdown", None) is None
    client.notify("exit")
    client.close()
