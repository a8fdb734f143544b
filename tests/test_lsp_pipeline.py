"""The language server runs the command line's pipeline: each document's
configuration is found from its own folder, and rapid edits are linted once."""

from __future__ import annotations

import json

import pytest

from conftest import run_newslint
from test_lsp import _initialize, client_factory  # noqa: F401 - the fixture

pytest.importorskip("pygls")

HOUSE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [very]\n"
TEXT = "Drills\n\nThe very big Zapad drills. Zapad ended. Zapod began.\n"


def test_document_config_is_found_from_its_folder_not_the_server_cwd(client_factory, tmp_path):
    proj = tmp_path / "proj"
    (proj / "styles" / "House").mkdir(parents=True)
    (proj / "styles" / "House" / "Very.yml").write_text(HOUSE, encoding="utf-8")
    (proj / ".vale.ini").write_text("StylesPath = styles\n[*.txt]\nBasedOnStyles = House\n", encoding="utf-8")
    (proj / "newslint.yaml").write_text("ignore: [News.MissingByline]\nper-file-ignores: {'a.txt': [News.MissingDate]}\n",
                                        encoding="utf-8")
    (proj / "a.txt").write_text(TEXT, encoding="utf-8")
    cli = json.loads(run_newslint("a.txt", "--format", "json", cwd=proj).stdout)
    want = sorted((d["rule"], d["start"]["line"] - 1) for d in cli)
    assert ("House.Very", 2) in want and not any(r in ("News.MissingByline", "News.MissingDate") for r, _ in want)

    client = client_factory()  # started in tmp_path: no configuration there
    _initialize(client, tmp_path, None)
    uri = (proj / "a.txt").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": TEXT}})
    got = sorted((d["code"], d["range"]["start"]["line"]) for d in client.diagnostics(uri))
    assert got == want


def test_rapid_edits_are_linted_once_they_pause(client_factory, tmp_path):
    client = client_factory("--isolated")
    _initialize(client, tmp_path, None)
    uri = (tmp_path / "big.txt").as_uri()
    body = "Drills\n\n" + "The Zapad drills went on and on without pause. " * 2000 + "\n"  # about 100 KB
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": body}})
    client.diagnostics(uri)
    for v in range(2, 32):  # 30 quick edits, the last one adds a misspelling
        text = body + ("Zapod.\n" if v == 31 else f"edit {v}\n")
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                                 "contentChanges": [{"text": text}]})
    published = []
    while True:
        msg = client.receive(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        published.append(msg["params"])
        if msg["params"].get("version") == 31:
            break
    assert len(published) <= 3, [p.get("version") for p in published]  # not one lint per keystroke
    assert any(d["code"] == "News.NameVariant" for d in published[-1]["diagnostics"])


def test_places_a_finding_refers_to_are_related_information(client_factory, tmp_path):
    client = client_factory("--isolated", "--select", "News.NameVariant")
    _initialize(client, tmp_path, None)
    uri = (tmp_path / "a.txt").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": TEXT}})
    (d,) = client.diagnostics(uri)
    assert "line" not in d["message"]  # the places are data, not words
    first = TEXT.split("\n")[2].index("Zapad")
    rel = d["relatedInformation"][0]
    assert rel["location"] == {"uri": uri, "range": {"start": {"line": 2, "character": first},
                                                     "end": {"line": 2, "character": first + 5}}}
