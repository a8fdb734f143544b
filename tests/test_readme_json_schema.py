"""The JSON Schema that README.md gives for ``--format json`` describes
what newslint prints: the real command on ``seeds/`` and an unreadable
file, the renderer with related locations and read errors, and the README's
own example all validate against it."""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest

from conftest import ROOT, run_newslint
from lint.formats import renderer
from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span

jsonschema = pytest.importorskip("jsonschema")

INTRO = "The schema of `--format json`"
BAD_BYTES = "caf\u00e9 au lait\n".encode("latin-1")  # not UTF-8: newslint cannot read it


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def validator():
    after = _readme().split(INTRO, 1)
    assert len(after) == 2, f"README.md has no line starting {INTRO!r}"
    block = re.search(r"```json\n(.*?)\n```", after[1], re.S)
    assert block, "no ```json block after the schema's sentence"
    schema = json.loads(block.group(1))
    cls = jsonschema.validators.validator_for(schema)
    assert cls in (jsonschema.Draft202012Validator, jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return cls(schema)


def _valid(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def _bad_item(validator, item) -> bool:
    return any(True for _ in validator.iter_errors([item]))


def test_the_readme_example_follows_the_readme_schema(validator):
    section = _readme().split("`--format json` prints one JSON array", 1)[1].split(INTRO, 1)[0]
    example = json.loads(re.search(r"```json\n(.*?)\n```", section, re.S).group(1))
    _valid(validator, example)
    assert {item["rule"] for item in example} >= {"Newslint.ReadError"}
    assert any(item["related"] for item in example)


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("json-schema")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    (work / "scan.txt").write_bytes(BAD_BYTES)
    return run_newslint("seeds/", "scan.txt", "--format", "json", cwd=work)


def test_newslint_seeds_format_json_follows_the_readme_schema(validator, seed_run):
    proc = seed_run
    assert proc.returncode == 2, proc.stderr  # the seeds have findings, and a file could not be read
    out = json.loads(proc.stdout)
    _valid(validator, out)
    assert any(item["rule"] == "News.NameVariant" and item["fix"] for item in out)
    assert "scan.txt" in proc.stderr  # the unreadable file is reported and the run goes on


def test_newslint_format_json_lists_the_unreadable_file(validator, seed_run):
    out = json.loads(seed_run.stdout)
    read_errors = [item for item in out if item["rule"] == "Newslint.ReadError"]
    assert [(item["path"], item["message"]) for item in read_errors] == [("scan.txt", "not valid UTF-8 (byte 3), skipped")]
    assert seed_run.returncode == 2


def test_related_locations_and_read_errors_follow_the_readme_schema(validator):
    text = "Zapad drills.\n\nThe Zapod exercise.\n"
    at, first = text.index("Zapod"), text.index("Zapad")
    d = Diagnostic("a.txt", at, at + 5, "News.NameVariant", Severity.ERROR, "Use 'Zapad'.",
                   Fix((Edit(Span(at, at + 5), "Zapad"),), "unsafe", "Replace"), "https://example.org",
                   (Related(Span(first, first + 5), "the known spelling"),))
    out = io.StringIO()
    renderer("json")([(text, [d])], out, errors=[("scan.txt", "not valid UTF-8 (byte 3), skipped")])
    doc = json.loads(out.getvalue())
    _valid(validator, doc)
    assert doc[0]["related"] and doc[1]["rule"] == "Newslint.ReadError"
    # the schema is not vacuous: it rejects what newslint never prints
    good = doc[0]
    for broken in (
        {k: v for k, v in good.items() if k != "related"},
        {**good, "severity": "fatal"},
        {**good, "related": [{"start": good["start"], "message": "no end"}]},
        {**good, "start": {"line": 0, "column": 1, "offset": 0}},
        {**good, "extra": 1},
        {**doc[1], "fix": good["fix"]},
    ):
        assert _bad_item(validator, broken), broken
