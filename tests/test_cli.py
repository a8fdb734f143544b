"""The command as a user runs it: paths, options, formats, exit codes."""

from __future__ import annotations

import json

from conftest import ROOT

SEED = "seeds/belarus-russia-security-ties.txt"


def test_seeds_report_zapod_on_the_right_lines_and_exit_1(newslint):
    proc = newslint("seeds/")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    zapod = [l for l in lines if "News.NameVariant" in l]
    # line 7: "... exercises Zapod 2025 (West 2025) later this year."; line 21: "Some analysts suggest the Zapod 2025 drills"
    text = (ROOT / SEED).read_text(encoding="utf-8").splitlines()
    expected = []
    for n, line in enumerate(text, 1):
        col = line.find("Zapod")
        if col >= 0:
            expected.append(f"{SEED}:{n}:{col + 1}: error News.NameVariant 'Zapod' differs from 'Zapad', the known spelling.")
    assert [n for n, l in enumerate(text, 1) if "Zapod" in l] == [7, 21]
    assert zapod == expected


def test_line_format_is_path_line_col_severity_rule_message(newslint):
    proc = newslint(SEED, "-q")
    for line in proc.stdout.splitlines():
        path, ln, col, rest = line.split(":", 3)
        assert path == SEED and int(ln) >= 1 and int(col) >= 1
        severity, rule, _msg = rest.strip().split(" ", 2)
        assert severity in ("suggestion", "warning", "error") and "." in rule


def test_json_format(newslint):
    proc = newslint("--format", "json", SEED)
    data = json.loads(proc.stdout)
    z = [d for d in data if d["rule"] == "News.NameVariant"]
    assert z[0]["start"]["line"] == 7 and z[0]["end"]["column"] - z[0]["start"]["column"] == 5
    assert z[0]["fix"]["edits"][0]["replacement"] == "Zapad"
    assert set(z[0]) == {"rule", "severity", "path", "start", "end", "message", "link", "fix", "related"}


def test_min_level_select_ignore(newslint):
    errors_only = newslint("--min-level", "error", "-q", SEED).stdout.splitlines()
    assert errors_only and all(": error " in l for l in errors_only)
    only = newslint("--select", "News.GluedDash", "-q", SEED).stdout.splitlines()
    assert only and all("News.GluedDash" in l for l in only)
    rest = newslint("--ignore", "News.GluedDash,News.ScraperResidue", SEED).stdout
    assert "GluedDash" not in rest and "ScraperResidue" not in rest and "NameVariant" in rest


def test_fail_level_decides_exit(newslint, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Headline\n\nBy A Writer, 2 March 2024\n\nThe talks ended.\n\nDismiss\n", encoding="utf-8")
    assert newslint(str(f)).returncode == 1  # residue is a warning
    assert newslint("--fail-level", "error", str(f)).returncode == 0
    f.write_text("Headline\n\nBy A Writer, 2 March 2024\n\nThe talks ended.\n", encoding="utf-8")
    assert newslint("--select", "News.ScraperResidue", str(f)).returncode == 0


def test_stdin_with_name(newslint):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    proc = newslint("-", "--stdin-filename", "copy/article.txt", stdin=text)
    assert proc.returncode == 1
    assert proc.stdout == newslint(SEED).stdout.replace(SEED, "copy/article.txt")


def test_folder_named_like_an_option_or_rules_is_a_path(newslint, tmp_path):
    d = tmp_path / "rules"
    (d / "deep").mkdir(parents=True)
    (d / "deep" / "b.md").write_text("# Title\n\nZapod 2025 was held.\n", encoding="utf-8")
    (d / "a.txt").write_text("Headline\n\nZapod 2025 was held.\n", encoding="utf-8")
    (d / "skip.csv").write_text("Zapod\n", encoding="utf-8")
    proc = newslint("rules/", "--select", "News.NameVariant", "-q", cwd=tmp_path)
    assert [l.split(":")[0] for l in proc.stdout.splitlines()] == ["rules/a.txt", "rules/deep/b.md"]


def test_list_explain_version(newslint):
    listed = newslint("--list-rules").stdout
    assert "News.NameVariant\terror\tname_variants" in listed
    explained = newslint("--explain", "News.GluedDash")
    assert explained.returncode == 0 and "Flags:" in explained.stdout and "members –further" in explained.stdout
    assert newslint("--explain", "No.Such").returncode == 2
    from lint import __version__

    assert newslint("--version").stdout.strip() == f"newslint {__version__}"


def test_missing_path_and_bad_options(newslint, tmp_path):
    proc = newslint(str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "no such file" in proc.stderr
    assert newslint("--format", "xml", SEED).returncode == 2
    assert newslint("--date", "17/09/2024", SEED).returncode == 2
    assert newslint("--no-such-option").returncode == 2


def test_unreadable_article_is_reported_and_run_goes_on(newslint, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Headline\n\n\xff\xfe broken\n")
    (tmp_path / "good.txt").write_text("Headline\n\nZapod 2025.\n", encoding="utf-8")
    proc = newslint(str(tmp_path), "--select", "News.NameVariant")
    assert proc.returncode == 2  # a file was not read: the run does not pass
    assert "bad.txt: not valid UTF-8" in proc.stderr
    assert "good.txt:3:1:" in proc.stdout
