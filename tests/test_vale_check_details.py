"""Vale check-type details (issue 15, item 6): negated ``~alt`` / ``~table``
scopes, ``%[n]s`` in every check type's message, substitution case, the edit
action's ``%s`` and fix, existence matches and trailing blanks.

Each expectation is what current Vale (vale-cli/vale, internal/check/) prints."""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import cli

RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\nscope: {scope}\ntokens: [bad]\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path, *args: str, monkeypatch) -> tuple[int, list[str], str]:
    code, out, err = cli("--isolated", "--no-builtin", "--format", "line", *args, cwd=root, monkeypatch=monkeypatch)
    return code, out.splitlines(), err


# --------------------------------------------------------------------------
# ~alt, ~table (and ~list, ~heading, ~blockquote still)

DOC = """\
    # A bad heading

    A bad paragraph with ![a bad image](x.png) inside.

    | bad head | two |
    | --- | --- |
    | bad cell | ok |

    > a bad quote

    - a bad item
    """

EVERY = ["1:5", "3:3", "3:26", "5:3", "7:3", "9:5", "11:5"]


def _positions(out: list[str], rule: str) -> list[str]:
    return [":".join(line.split(":")[1:3]) for line in out if f":T.{rule}:" in line]


def test_negated_scopes_read_everything_but_what_they_name(tmp_path, monkeypatch):
    scopes = {"Text": "text", "NoAlt": "'~alt'", "NoTable": "'~table'", "NoHead": "'~table.header'",
              "NoList": "'~list'", "NoHeading": "'~heading'", "NoQuote": "'~blockquote'"}
    write(tmp_path, {f"r/T/{n}.yml": RULE.format(scope=s) for n, s in scopes.items()} | {"a.md": DOC})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert _positions(out, "Text") == EVERY
    assert _positions(out, "NoAlt") == [p for p in EVERY if p != "3:26"]  # the alt text of the image
    assert _positions(out, "NoTable") == [p for p in EVERY if p not in ("5:3", "7:3")]  # both rows' cells
    assert _positions(out, "NoHead") == [p for p in EVERY if p != "5:3"]  # the body row stays
    assert _positions(out, "NoList") == [p for p in EVERY if p != "11:5"]
    assert _positions(out, "NoHeading") == [p for p in EVERY if p != "1:5"]
    assert _positions(out, "NoQuote") == [p for p in EVERY if p != "9:5"]
    assert "a.md:3:3:T.NoAlt:Avoid 'bad'." in out


def test_not_alt_keeps_the_words_around_an_image(tmp_path, monkeypatch):
    # a phrase on both sides of the image is still read; the alt text's own words are not
    rule = "extends: existence\nmessage: \"'%s'\"\nscope: '~alt'\nnonword: true\ntokens: ['with', 'inside\\.', 'image']\n"
    write(tmp_path, {"r/T/W.yml": rule, "a.md": "A paragraph with ![an image](x.png) inside.\n"})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:1:13:T.W:'with'", "a.md:1:37:T.W:'inside.'"]


def test_not_table_on_a_file_without_tables_reads_it_all(tmp_path, monkeypatch):
    write(tmp_path, {"r/T/N.yml": RULE.format(scope="'~table'"), "a.md": "# Title\n\nA bad day.\n"})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:3:3:T.N:Avoid 'bad'."]


def test_not_table_in_restructuredtext(tmp_path, monkeypatch):
    rst = """\
        Title
        =====

        A bad day.

        =====  =====
        Head   Two
        =====  =====
        bad    cell
        =====  =====
        """
    write(tmp_path, {"r/T/N.yml": RULE.format(scope="'~table'"), "r/T/T.yml": RULE.format(scope="table"), "a.rst": rst})
    _, out, _ = run(tmp_path, "--rules", "r", "a.rst", monkeypatch=monkeypatch)
    assert out == ["a.rst:4:3:T.N:Avoid 'bad'.", "a.rst:9:1:T.T:Avoid 'bad'."]
