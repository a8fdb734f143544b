"""The CI snippets of the README, run as written (their newslint commands)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil

import yaml

from conftest import ROOT, shared_or_skip
from helpers import newslint


def _yaml_blocks_after(heading: str) -> list[dict]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def _run(cmd: str, cwd, env):
    argv = shlex.split(cmd)
    assert argv[0] == "newslint"
    return newslint(*argv[1:], cwd=cwd, env=env, inherit_env=False)


def _workspace(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return env


def test_github_actions_job(tmp_path):
    schema = json.loads(shared_or_skip("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    import jsonschema

    github, _gitlab = _yaml_blocks_after("CI")
    steps = github["jobs"]["newslint"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and s["run"].startswith("newslint")]
    assert len(runs) == 2
    env = _workspace(tmp_path)
    env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "summary.md")
    annotations = _run(runs[0], tmp_path, env)
    assert annotations.returncode == 1  # the step fails on findings
    assert "::error file=seeds/belarus-russia-security-ties.txt,line=7,col=255" in annotations.stdout
    assert "News.NameVariant" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    sarif_run = _run(runs[1], tmp_path, env)
    assert sarif_run.returncode == 1 and sarif_run.stdout == ""
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")][0]
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/belarus-russia-security-ties.txt"
    assert result["partialFingerprints"]


def test_gitlab_code_quality_job(tmp_path):
    _github, gitlab = _yaml_blocks_after("CI")
    job = gitlab["newslint"]
    runs = [c for c in job["script"] if c.startswith("newslint")]
    env = _workspace(tmp_path)
    proc = _run(runs[0], tmp_path, env)
    assert proc.returncode == 1
    report = json.loads((tmp_path / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert report and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in report)
    assert {i["severity"] for i in report} <= {"info", "minor", "major", "critical", "blocker"}
    assert len({i["fingerprint"] for i in report}) == len(report)
    assert report[0]["location"]["path"] == "seeds/belarus-russia-security-ties.txt"
