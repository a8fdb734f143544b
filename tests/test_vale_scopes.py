"""Vale scopes and options that newslint models: tables, raw rules and Vale's
comments, --ignore-syntax, SkippedScopes/IgnoredScopes, headings in plain
text, sentences, bare URLs, display math, spelling exceptions, skip notes
for rules given with --rules."""

from __future__ import annotations

import textwrap
from pathlib import Path

from typer.testing import CliRunner

from helpers import cli
from lint.cli import app

TODO = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [TODO, XXX]\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path, *args: str, monkeypatch) -> tuple[int, list[str], str]:
    code, out, err = cli("--isolated", "--no-builtin", "--format", "line", *args, cwd=root, monkeypatch=monkeypatch)
    return code, out.splitlines(), err


TABLE = """\
    # XXX heading

    | TODO | XXX |
    |:----:|:---:|
    | one  | TODO |

    TODO outside

    <table>
      <caption>XXX</caption>
      <tr><td>TODO</td></tr>
    </table>
    """


def test_table_cell_scope_reads_body_cells_only(tmp_path, monkeypatch):
    write(tmp_path, {"r/T/Cell.yml": TODO.format(scope="table.cell"), "a.md": TABLE})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    # the header row (line 3), the heading and the paragraph are not cells
    assert out == ["a.md:5:10:T.Cell:'TODO' left in text", "a.md:11:11:T.Cell:'TODO' left in text"]


def test_table_header_and_caption_scopes(tmp_path, monkeypatch):
    write(tmp_path, {"r/T/Head.yml": TODO.format(scope="table.header"),
                     "r/T/Cap.yml": TODO.format(scope="table.caption"), "a.md": TABLE, "a.txt": TABLE})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", "a.txt", monkeypatch=monkeypatch)
    assert out == [
        "a.md:3:3:T.Head:'TODO' left in text",
        "a.md:3:10:T.Head:'XXX' left in text",
        "a.md:10:12:T.Cap:'XXX' left in text",
    ]  # a plain-text file has no tables


def test_raw_scope_rules_ignore_vale_comments(tmp_path, monkeypatch):
    write(tmp_path, {
        "r/T/Raw.yml": "extends: existence\nmessage: \"raw '%s'\"\nlevel: error\nscope: raw\nraw: ['\\bTODO\\b']\n",
        "r/T/Text.yml": TODO.format(scope="text"),
        "a.md": "Start.\n\n<!-- vale off -->\n\nA TODO here.\n\n<!-- vale on -->\n",
    })
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:5:3:T.Raw:raw 'TODO'"]  # Vale lints raw text without reading its comments


def test_ignore_syntax_reads_markdown_as_plain_text(tmp_path, monkeypatch):
    write(tmp_path, {"r/T/Text.yml": TODO.format(scope="text"),
                     "a.md": "Intro line.\n\n```\ncode TODO\n```\n\nSee `XXX` here.\n"})
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == []  # code is no prose in Markdown
    _, out, _ = run(tmp_path, "--rules", "r", "--ignore-syntax", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:4:6:T.Text:'TODO' left in text", "a.md:7:6:T.Text:'XXX' left in text"]


def test_skipped_blockquote_and_ignored_strong_and_link(tmp_path, monkeypatch):
    write(tmp_path, {
        "styles/T/Todo.yml": TODO.format(scope="text"),
        ".vale.ini": """\
            StylesPath = styles
            MinAlertLevel = suggestion
            SkippedScopes = script, style, pre, figure, blockquote
            IgnoredScopes = code, tt, strong, link

            [*]
            BasedOnStyles = T
            """,
        "a.md": "TODO one.\n\n> TODO quoted.\n\nSome **TODO** bold and [TODO](https://example.com) link, XXX.\n",
        "a.txt": "Headline\n\nSome **TODO** here.\n",
    })
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["--format", "line", "--no-builtin", "a.md", "a.txt"])
    assert res.stdout.splitlines() == [
        "a.md:1:1:T.Todo:'TODO' left in text",
        "a.md:5:58:T.Todo:'XXX' left in text",
        "a.txt:3:8:T.Todo:'TODO' left in text",  # no Markdown bold in plain text
    ]


def test_heading_scope_has_nothing_in_plain_text_and_sentences_skip_headings(tmp_path, monkeypatch):
    write(tmp_path, {
        "r/T/Head.yml": "extends: existence\nmessage: \"'%s'\"\nlevel: error\nscope: heading.h1\nraw: ['^[a-z].+']\n",
        "r/T/Sent.yml": "extends: existence\nmessage: \"'%s'\"\nlevel: error\nscope: sentence\nraw: ['^T.*$']\n",
        "a.md": "# title in lower case\n\nThe first one. Then two.\n",
        "a.txt": "title in lower case\n\nThe first one.\n",
    })
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", "a.txt", monkeypatch=monkeypatch)
    assert out == [
        "a.md:1:3:T.Head:'title in lower case'",
        "a.md:3:1:T.Sent:'The first one.'",
        "a.md:3:16:T.Sent:'Then two.'",
        "a.txt:3:1:T.Sent:'The first one.'",
    ]  # no heading in plain text (newslint reads its first line as the headline: no sentence either)


def test_bare_urls_and_display_math_are_not_prose(tmp_path, monkeypatch):
    write(tmp_path, {
        "r/T/Term.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'\"\nlevel: error\nswap: {term: Term}\n",
        "a.md": "A term.\nhttps://abc.com/term and www.abc.com/term.\n\n$$\ny = term\n$$\n\nInline $term$ stays.\n",
    })
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == ["a.md:1:3:T.Term:Use 'Term' instead of 'term'", "a.md:8:9:T.Term:Use 'Term' instead of 'term'"]


def test_rules_given_with_rules_print_their_skip_note(tmp_path, monkeypatch):
    write(tmp_path, {
        "r/T/Tengo.yml": "extends: script\nmessage: x\nscript: 'f := func(a) { return a }'\n",
        "a.md": "Text.\n",
    })
    code, out, err = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    assert out == [] and code == 0
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("newslint: skipped T.Tengo (") and "func" in lines[0]


def test_spelling_exceptions_and_non_ascii_words(tmp_path, monkeypatch):
    write(tmp_path, {
        "r/T/Spell.yml": "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\nexceptions: [Zapad]\n",
        "a.md": "The Zapad drill and the ZAPADS, then オプション and a mispeled word.\n",
    })
    _, out, _ = run(tmp_path, "--rules", "r", "a.md", monkeypatch=monkeypatch)
    # exceptions match as in Vale: case-insensitive, anywhere in the word; Vale's
    # filters skip words with letters outside ASCII
    assert out == ["a.md:1:50:T.Spell:Did you really mean 'mispeled'?"]
