"""Configuration, suppressions, fixes, diff and baseline, as a user runs them."""

from __future__ import annotations

import json
import os

from conftest import ROOT

SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"


def _seed_copy(tmp_path, name="a.txt"):
    f = tmp_path / name
    f.write_bytes(SEED.read_bytes())
    return f


def test_fix_corrects_zapod_and_nothing_else_then_is_stable(tmp_path, newslint):
    """The safe fixes on the seed: the known spelling and the quote style.

    Deleting the repeated headline removes text, so it is unsafe and stays.
    """
    f = _seed_copy(tmp_path)
    before = f.read_text(encoding="utf-8")
    expected = (before.replace("Zapod", "Zapad")
                .replace('"direct clash"', "“direct clash”").replace('"Union Determination"', "“Union Determination”"))
    diff = newslint("--diff", str(f))
    assert diff.returncode == 1
    assert f.read_text(encoding="utf-8") == before  # --diff changes nothing
    removed = [l[1:] for l in diff.stdout.splitlines() if l.startswith("-") and not l.startswith("---")]
    added = [l[1:] for l in diff.stdout.splitlines() if l.startswith("+") and not l.startswith("+++")]
    assert [l for l in before.splitlines() if l not in expected.splitlines()] == removed
    assert [l for l in expected.splitlines() if l not in before.splitlines()] == added
    assert len(removed) == 3  # lines 4, 7 and 21

    proc = newslint("--fix", str(f))
    assert f.read_text(encoding="utf-8") == expected
    assert "NameVariant" not in proc.stdout and "MixedQuoteStyle" not in proc.stdout
    assert "RepeatedHeadline" in proc.stdout  # unsafe: left for a person
    mtime = os.stat(f).st_mtime_ns
    again = newslint("--fix", str(f))
    assert f.read_text(encoding="utf-8") == expected and os.stat(f).st_mtime_ns == mtime  # a second --fix changes nothing
    assert "fixed" not in again.stderr
    assert newslint("--diff", str(f)).stdout == ""
    unsafe = newslint("--diff", "--unsafe-fixes", str(f)).stdout
    assert "-Belarus and Russia strengthen security ties amid rising tensions" in unsafe


def test_fix_keeps_bom_and_crlf_and_leaves_clean_files_alone(tmp_path, newslint):
    f = tmp_path / "crlf.txt"
    f.write_bytes("\ufeffHeadline\r\n\r\nBy A Writer, 2 March 2024\r\n\r\nThe Zapod 2025 drills.\r\n".encode("utf-8"))
    clean = tmp_path / "clean.txt"
    clean.write_bytes(b"Headline\n\nBy A Writer, 2 March 2024\n\nThe Zapad 2025 drills.\n")
    clean_mtime = os.stat(clean).st_mtime_ns
    newslint("--fix", str(tmp_path))
    assert f.read_bytes() == "\ufeffHeadline\r\n\r\nBy A Writer, 2 March 2024\r\n\r\nThe Zapad 2025 drills.\r\n".encode("utf-8")
    assert os.stat(clean).st_mtime_ns == clean_mtime
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".newslint-")]


def test_suppressions_in_txt_and_md(tmp_path, newslint):
    (tmp_path / "a.txt").write_text(
        "Headline\n\nBy A Writer, 2 March 2024\n\n<!-- newslint-disable-next-line News.NameVariant -->\n"
        "The Zapod 2025 drills.\n\nZapod again.\n\n<!-- newslint-disable News -->\nZapod off.\n<!-- newslint-enable -->\n\nZapod on.\n",
        encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title\n\n<!-- newslint-disable -->\n\nZapod 2025.\n", encoding="utf-8")
    proc = newslint(str(tmp_path), "--select", "News.NameVariant", "-q")
    lines = [l.split(":")[0:2] for l in proc.stdout.splitlines()]
    assert lines == [[str(tmp_path / "a.txt"), "8"], [str(tmp_path / "a.txt"), "14"]]


def test_unused_suppressions_are_reported(tmp_path, newslint):
    f = tmp_path / "a.txt"
    f.write_text("Headline\n\n<!-- newslint-disable-next-line News.GluedDash -->\nThe Zapad drills.\n", encoding="utf-8")
    proc = newslint(str(f), "--report-unused-suppressions")
    assert f"{f}:3:1: warning Newslint.UnusedSuppression" in proc.stdout
    assert "UnusedSuppression" not in newslint(str(f)).stdout


def test_configuration_found_upward(tmp_path, newslint):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newslint]\nselect = ["News.NameVariant", "News.ScraperResidue", "News.GluedDash"]\n'
        'ignore = ["News.GluedDash"]\nfail-level = "error"\n'
        'per-file-ignores = {"archive/*" = ["News.ScraperResidue"]}\nexclude = ["drafts/*"]\n'
        'levels = {"News.NameVariant" = "warning"}\n', encoding="utf-8")
    for sub in ("archive", "drafts", "desk"):
        (tmp_path / sub).mkdir()
        _seed_copy(tmp_path / sub)
    proc = newslint(".", cwd=tmp_path)
    out = proc.stdout
    assert "GluedDash" not in out and "drafts/" not in out
    assert "desk/a.txt:25:1: warning News.ScraperResidue" in out and "archive/a.txt:25" not in out
    assert "desk/a.txt:7:255: warning News.NameVariant" in out
    assert proc.returncode == 0  # nothing at error level remains
    assert newslint(".", "--isolated", cwd=tmp_path).returncode == 1


def test_invalid_configuration_is_one_error_exit_2(tmp_path, newslint):
    (tmp_path / "newslint.yaml").write_text("select: [News]\nfail_levle: error\n", encoding="utf-8")
    _seed_copy(tmp_path)
    proc = newslint("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"newslint: {tmp_path / 'newslint.yaml'}:2: fail_levle: unknown key"]


def test_baseline_reports_only_new_findings_and_survives_inserted_lines(tmp_path, newslint):
    f = _seed_copy(tmp_path)
    base = tmp_path / "baseline.json"
    proc = newslint(str(f), "--write-baseline", str(base))
    assert proc.returncode == 0 and json.loads(base.read_text())["findings"]
    assert newslint(str(f), "--baseline", str(base), "-q").stdout == ""
    text = f.read_text(encoding="utf-8")
    f.write_text("Headline\n\nInserted paragraph.\n\n" + text + "\n\nA new Zapod line.\n", encoding="utf-8")
    proc = newslint(str(f), "--baseline", str(base), "--select", "News.NameVariant")
    assert proc.stdout.count("News.NameVariant") == 1 and "A new" not in proc.stdout
    assert proc.stdout.split(":")[1] == str(text.count("\n") + 4 + 3)
