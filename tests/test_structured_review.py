"""Review of issue 13 (HTML / newsroom JSON / Word readers): counterexamples.

Each test shows one bug through what a user has (the ``newslint`` command,
or ``read_article``/``lint_text``); each fails on main at e010096 and says in
its docstring what the right behaviour is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from helpers import ROOT

BODY = ("<div><p>The first minister met pupils on Monday to talk about the new budget for next year.</p>\n"
        "<p>She said the school had done well, and that more money would come soon.</p></div>")


def _run(*args: str, cwd: Path | str = ROOT, stdin: bytes | None = None, timeout: float = 120,
         preexec=None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=env, timeout=timeout, preexec_fn=preexec)


def _json_findings(proc: subprocess.CompletedProcess[bytes]) -> list[dict]:
    return json.loads(proc.stdout.decode("utf-8"))


# -- a visible HTML byline names its author -----------------------------------


def test_html_visible_byline_gives_the_author(tmp_path):
    """A page whose byline element reads "By Jane Smith, 3 March 2024" (and no author
    meta tag) is the same Article as the text file: it has an author, so
    News.MissingByline must not say the byline "names nobody". The .txt of the
    same article is not flagged. (build.to_article takes meta.author from
    ex.authors only; the byline piece is never read with text.byline_author.)"""
    page = ("<html><head><title>Council opens new library</title></head><body><article>\n"
            "<h1>Council opens new library</h1>\n"
            '<p class="byline">By Jane Smith, 3 March 2024</p>\n'
            "<p>The council opened the new library on Monday, and officials said it would open daily.</p>\n"
            "<p>The mayor said the building had cost less than planned, and thanked the builders.</p>\n"
            "</article></body></html>\n")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Council opens new library\n\nBy Jane Smith, 3 March 2024\n\n"
                                    "The council opened the new library on Monday, and officials said it would open daily.\n\n"
                                    "The mayor said the building had cost less than planned, and thanked the builders.\n",
                                    encoding="utf-8")
    txt = _json_findings(_run("--select", "News.MissingByline", "--format", "json", str(tmp_path / "a.txt")))
    assert txt == []
    html = _json_findings(_run("--select", "News.MissingByline", "--format", "json", str(tmp_path / "a.html")))
    assert html == [], [d["message"] for d in html]
    desc = json.loads(_run("--print-article", str(tmp_path / "a.html")).stdout)[0]
    assert desc["authors"] == ["Jane Smith"]


# -- a fix in a JSON-LD headline is written as HTML ------------------------------


def test_fix_in_jsonld_headline_is_not_html_escaped_inside_the_script(tmp_path):
    """The headline only in <script type=application/ld+json>: an (unsafe)
    News.MisspeltKnownName fix "Michelle O'Neil" -> "Michelle O'Neill" must
    leave valid JSON-LD whose headline decodes to the replacement. It writes
    ``O&#x27;Neill`` (HTML attribute escaping, html.py _located_piece sets
    _attr_escape for every metadata piece), which a script's raw text keeps
    literally. Right: JSON-escape there (or refuse the fix): the reader
    refuses it (a value inside a script takes no fix); the finding stays."""
    ld = '{"@type":"NewsArticle","headline":"Michelle O\'Neil visits Belfast school","datePublished":"2024-03-01"}'
    page = f'<html><head><script type="application/ld+json">{ld}</script></head><body>\n{BODY}\n</body></html>\n'
    f = tmp_path / "a.html"
    f.write_text(page, encoding="utf-8")
    found = _json_findings(_run("--select", "News.MisspeltKnownName", "--format", "json", str(f)))
    assert any(page[d["start"]["offset"]:d["end"]["offset"]].startswith("Michelle O'Neil") for d in found)
    _run("--select", "News.MisspeltKnownName", "--fix", "--unsafe-fixes", str(f))
    fixed = f.read_text(encoding="utf-8")
    script = fixed.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(script)["headline"] in ("Michelle O'Neill visits Belfast school",
                                              "Michelle O'Neil visits Belfast school"), script


# -- a literal "<" in page text --------------------------------------------------


def _pack(tmp_path: Path, name: str, body: str) -> Path:
    pack = tmp_path / "pack" / "Mine"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / f"{name}.yml").write_text(body, encoding="utf-8")
    return tmp_path / "pack"


def test_literal_less_than_in_html_text_keeps_the_span_and_the_fix(tmp_path):
    """"x < y" in a paragraph (a "<" that is text, as HTML reads it): a
    finding on "x <" must end just after the "<", not at the next ">" of the
    page; and a substitution fix over "x < y" applies as in the .txt file.
    html.py source_ends treats every source "<" as a <br> tag
    (``elif c == "<": e = source.find(">", s) + 1``): the span runs to
    "</p>" and the fix is refused (that find is also a scan to the next ">"
    for each such character)."""
    pack = _pack(tmp_path, "Ex", "extends: existence\nmessage: \"Found '%s'.\"\nlevel: warning\nnonword: true\n"
                                 "tokens:\n  - 'x <'\n")
    _pack(tmp_path, "Lt", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
                          "swap:\n  'x < y': x is less than y\n")
    page = "<html><body><h1>Maths news today</h1><p>We know that x < y here, said the teacher.</p></body></html>\n"
    f = tmp_path / "g.html"
    f.write_text(page, encoding="utf-8")
    out = {d["rule"]: d for d in _json_findings(_run("--rules", str(pack), "--select", "Mine", "--format", "json", str(f)))}
    ex = out["Mine.Ex"]
    assert page[ex["start"]["offset"]:ex["end"]["offset"]] == "x <"
    lt = out["Mine.Lt"]
    assert page[lt["start"]["offset"]:lt["end"]["offset"]] == "x < y"
    assert lt["fix"] is not None  # the .txt file of the same text has it


# -- a fix into an unquoted attribute ---------------------------------------------


def test_fix_in_unquoted_og_title_keeps_the_attribute_whole(tmp_path):
    """og:title written without quotes (content=Hello): a replacement with a
    space (a house swap Hello -> 'Say "hi"') must not split the attribute
    into two. It writes ``content=Say &quot;hi&quot;`` (the value is now
    "Say", and a stray attribute follows). Right: quote the value, or refuse
    a replacement with white space or quotes in an unquoted value."""
    import lxml.html

    pack = _pack(tmp_path, "Hi", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
                                 "ignorecase: false\nswap:\n  Hello: 'Say \"hi\"'\n")
    page = f"<html><head><meta property=og:title content=Hello></head><body>\n{BODY}\n</body></html>\n"
    f = tmp_path / "f.html"
    f.write_text(page, encoding="utf-8")
    _run("--rules", str(pack), "--select", "Mine", "--fix", str(f))
    fixed = f.read_text(encoding="utf-8")
    meta = lxml.html.document_fromstring(fixed).find(".//meta[@property='og:title']")
    assert meta.get("content") in ("Hello", 'Say "hi"'), fixed.splitlines()[0]


# -- across articles: positions in the file ---------------------------------------


def test_across_articles_finding_in_html_is_at_the_file_position(tmp_path):
    """News.NameVariant across the files of a run (reported from finish()):
    in an HTML file the finding must be at the flagged name in the file
    (here line 10), and its fix's edits too. It is reported at the article
    text's offsets (c.html:6:3, inside "<body>"); its unsafe fix would
    replace "ody>\\n<articl". pipeline._finish_files stamps finish()'s
    findings without the file's SourceMap (suppressions are matched there
    at the wrong offsets too)."""
    def page(title: str, day: int, text: str) -> str:
        return (f"<!DOCTYPE html>\n<html>\n<head>\n<title>{title}</title>\n</head>\n<body>\n<article>\n<h1>{title}</h1>\n"
                f"<p>By A Writer September {day}, 2024</p>\n<p>{text}</p>\n</article>\n</body>\n</html>\n")
    (tmp_path / "a.html").write_text(page("Siarhei Tsikhanouski jailed", 17,
                                          "Opposition figure Siarhei Tsikhanouski was jailed on Monday, officials said."))
    (tmp_path / "b.html").write_text(page("Rally in Vilnius", 18,
                                          "Supporters of Siarhei Tsikhanouski met in Vilnius on Tuesday, officials said."))
    c = page("Prison move", 19, "A court moved Siarhei Tsikhanovski to another prison on Wednesday, officials said.")
    (tmp_path / "c.html").write_text(c)
    got = _json_findings(_run("--select", "News.NameVariant", "--format", "json", ".", cwd=tmp_path))
    assert len(got) == 1
    d = got[0]
    assert c[d["start"]["offset"]:d["end"]["offset"]] == "Tsikhanovski", (d["start"], d["end"])
    assert d["start"]["line"] == 10
    for e in d["fix"]["edits"]:
        assert c[e["start"]["offset"]:e["end"]["offset"]] == "Tsikhanovski"


# -- hostile pages ----------------------------------------------------------------


def test_deeply_nested_jsonld_is_not_an_internal_error(tmp_path):
    """A page whose JSON-LD script is 50,000 nested arrays: the page is read
    (the JSON-LD ignored), not "internal error, file skipped (RecursionError
    ...)". html_body._jsonld_headlines catches ValueError around json.loads,
    not RecursionError (html_meta's reader catches both)."""
    page = ('<html><head><script type="application/ld+json">' + "[" * 50000 + "]" * 50000 +
            "</script></head><body><h1>Council opens library</h1>"
            "<p>The council opened the new build- ing on Monday, officials said.</p></body></html>\n")
    f = tmp_path / "deep.html"
    f.write_text(page, encoding="utf-8")
    proc = _run(str(f))
    assert b"internal error" not in proc.stderr, proc.stderr.decode()
    assert b"BrokenHyphenation" in proc.stdout


def test_ampersand_hash_that_is_no_reference_is_linear():
    """"&# " (an "&#" that is no character reference) many times: reading the
    page must stay linear. Each one costs a copy of the rest of the page
    (html_map._Tokens.run: ``self.rawdata = self.rawdata[1:]`` and a new
    goahead): 150 KB 0.8 s, 600 KB 9.5 s, 1 MB 35 s for the command."""
    from lint.readers import read_article

    def cost(n: int) -> float:
        src = "<html><body><h1>Council opens library</h1><p>" + "&# " * n + "</p></body></html>"
        t = time.perf_counter()
        read_article("x.html", src)
        return time.perf_counter() - t

    cost(1000)
    small, big = cost(50_000), cost(200_000)
    assert big < 8 * small + 0.5, (small, big)  # linear: about 4x; it is about 12x


def test_docx_that_expands_past_the_size_limit_is_refused(tmp_path):
    """A 400 KB .docx whose document.xml expands to 150 MB took 93 s and
    7.7 GB of memory: the 64 MB limit on a file (files.MAX_FILE_BYTES)
    must hold for what a Word file expands to (refuse it as too large,
    skipped, exit 2), as it does for a .txt of that text. docx_text reads
    any expanded size. (Run under a 3 GB address-space limit, so that the
    failure is quick.)"""
    import docx

    d = docx.Document()
    d.add_paragraph("Council opens new library")
    small = tmp_path / "small.docx"
    d.save(str(small))
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                para = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
                data = data.replace(b"<w:body>", b"<w:body>" + para * 70_000)  # 70 MB of text
            zout.writestr(item.filename, data)
    assert big.stat().st_size < 1024 * 1024

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    proc = _run("-q", str(big), preexec=limit, timeout=60)
    assert proc.returncode == 2 and b"internal error" not in proc.stderr, proc.stderr.decode()[-400:]
    assert b"larger than" in proc.stderr or b"too large" in proc.stderr, proc.stderr.decode()[-400:]


# -- standard input in another charset --------------------------------------------


def test_stdin_fix_of_a_windows_1252_page_does_not_reencode_it(tmp_path):
    """--fix on standard input (--stdin-filename page.html) of a page read as
    windows-1252 (not valid UTF-8, <meta charset="windows-1252">): the bytes
    written must stay windows-1252 (or be passed through unchanged, as
    --fix refuses such a file on disk: "read as cp1252 ... not fixed"). It
    writes UTF-8 ("Caf\\xc3\\xa9") under the page's windows-1252 declaration:
    every non-ASCII character is garbled. pipeline._process drops
    decode_article's encoding for "-"."""
    page = (b'<html><head><meta charset="windows-1252"></head><body><h1>Caf\xe9 opens library</h1>'
            b"<p>The caf\xe9 council opened the new build- ing on Monday.</p></body></html>")
    proc = _run("--fix", "--stdin-filename", "page.html", "-", stdin=page)
    assert b"\xc3\xa9" not in proc.stdout
    assert b"Caf\xe9 opens library" in proc.stdout


# -- --print-article on a folder ---------------------------------------------------


def test_print_article_on_a_folder_skips_a_non_news_json(tmp_path):
    """A folder with an article and a package.json: a lint run skips the
    package.json with a note (exit by the findings); --print-article on the
    same folder must skip it the same way, not fail the run (exit 2,
    "not a news article JSON"). cli._print_articles ignores whether the file
    was named."""
    (tmp_path / "a.txt").write_text("Council opens library\n\nThe council met on Monday.\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}\n', encoding="utf-8")
    assert _run("--exit-zero", ".", cwd=tmp_path).returncode == 0
    proc = _run("--print-article", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert [Path(x["path"]).name for x in json.loads(proc.stdout)] == ["a.txt"]


# -- the language server: an unsaved HTML buffer -------------------------------------


def test_language_server_reads_an_unsaved_html_buffer_as_html():
    """An unsaved editor buffer (untitled:Untitled-1) whose language is
    "html" must be read by the HTML reader, as a "markdown" one is by the
    Markdown reader; lsp.document_name maps only markdown, so the page is
    linted as plain text, tags and all."""
    from lint.lsp import document_name

    assert document_name("untitled:Untitled-1", "html").lower().endswith((".html", ".htm"))
