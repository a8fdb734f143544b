"""``newslint --lsp`` against a hostile or broken client (issue 11): bad
framing, requests before ``initialize``, unknown methods, lone surrogates,
per-document state on close. Driven over stdio as tests/test_lsp.py does
(every read has a timeout; the process is killed at the end)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import test_lsp
from test_lsp import ARTICLE, RULE, TIMEOUT, _initialize

client_factory = test_lsp.client_factory  # the fixture

pytest.importorskip("pygls")


def _raw(client, data: bytes) -> None:
    client.proc.stdin.write(data)
    client.proc.stdin.flush()


def _exits_cleanly(client) -> None:
    try:
        client.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise AssertionError("the server hangs on a malformed header") from None
    client.stderr_done = True
    err = client.stderr.decode(errors="replace")
    assert client.proc.returncode == 1, err
    assert "Traceback" not in err, err


@pytest.mark.parametrize("length", [b"99999999999999999999", b"-5", b"ten", b"1e3", b""])
def test_a_malformed_content_length_is_rejected_not_a_crash_or_a_hang(client_factory, tmp_path, length):
    client = client_factory("--isolated")
    _initialize(client, tmp_path, None)
    _raw(client, b"Content-Length: " + length + b"\r\n\r\n{}")
    _exits_cleanly(client)
    import time

    time.sleep(0.2)  # the stderr reader thread
    assert "malformed message" in client.stderr.decode(errors="replace")


def test_a_header_line_without_a_colon_or_without_a_length_is_rejected(client_factory, tmp_path):
    client = client_factory("--isolated")
    _initialize(client, tmp_path, None)
    _raw(client, b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}")
    _exits_cleanly(client)


def test_a_request_before_initialize_is_server_not_initialized(client_factory):
    client = client_factory("--isolated")
    client.send({"id": 1, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": "file:///x.txt"}, "range": {"start": {"line": 0, "character": 0},
                                                           "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}}})
    msg = client.receive(lambda m: m.get("id") == 1)
    assert msg["error"]["code"] == -32002, msg
    assert "Traceback" not in json.dumps(msg)
    # and the server still initializes afterwards
    client.next_id = 1
    assert client.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})["serverInfo"]


def test_an_unknown_request_is_method_not_found(client_factory, tmp_path):
    client = client_factory("--isolated")
    _initialize(client, tmp_path, None)
    client.send({"id": 99, "method": "newslint/doesNotExist", "params": {}})
    msg = client.receive(lambda m: m.get("id") == 99)
    assert msg["error"]["code"] == -32601, msg


def test_a_lone_surrogate_before_a_finding_on_its_line_still_publishes(client_factory, tmp_path):
    client = client_factory("--isolated")
    _initialize(client, tmp_path, None)
    uri = (tmp_path / "article.txt").as_uri()
    text = ARTICLE.replace("Ёлка", "\ud800Ёлка")
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}).encode("ascii")  # "\ud800" escaped
    assert b"\\ud800" in body
    _raw(client, b"Content-Length: %d\r\n\r\n" % len(body) + body)
    diags = [d for d in client.diagnostics(uri) if d["code"] == RULE]
    assert len(diags) == 1, diags
    # the surrogate is one UTF-16 unit in the client's string: 14 + 1
    assert diags[0]["range"]["start"] == {"line": 4, "character": 15}


def test_closing_a_document_keeps_nothing_and_reads_nothing_from_disk(client_factory, tmp_path):
    client = client_factory("--isolated")
    _initialize(client, tmp_path, None)
    path = tmp_path / "article.txt"
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                            "text": ARTICLE}})
    assert client.diagnostics(uri)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    path.write_text(ARTICLE, encoding="utf-8")  # on disk now: a closed document must not be linted from there
    zero = {"line": 0, "character": 0}
    assert client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": zero, "end": zero},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}}) == []
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    # a save of a closed document publishes nothing: the next message is the answer to this request
    client.send({"id": 50, "method": "newslint/ping", "params": {}})
    msg = client.receive(lambda m: m.get("id") == 50 or m.get("method") == "textDocument/publishDiagnostics")
    assert msg.get("id") == 50, msg


def test_per_document_state_is_released_on_close_in_process(tmp_path):
    """The server's own dictionaries and pygls's workspace after didClose."""
    from lint.lsp import build_server
    from lint.pipeline import Settings

    server = build_server(Settings(isolated=True))
    sent: list[bytes] = []

    class Writer:
        def write(self, data):
            sent.append(data)

        def close(self):
            pass

    server.protocol.set_writer(Writer())

    def message(obj):
        server.protocol.handle_message(json.loads(json.dumps({"jsonrpc": "2.0", **obj}),
                                                  object_hook=server.protocol.structure_message))

    message({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": tmp_path.as_uri(),
                                                         "capabilities": {}}})
    message({"method": "initialized", "params": {}})
    uri = (tmp_path / "a.txt").as_uri()
    message({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": ARTICLE}}})
    state = server.newslint_state
    assert uri in state["linted"] and uri in state["languages"]
    message({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
    assert all(uri not in kept for kept in state.values()), state
    assert uri not in server.workspace.text_documents
