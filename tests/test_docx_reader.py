"""lint/readers/docx.py: Word files as a virtual text (one paragraph per line) and their article.

The documents are built here with python-docx (as Word writes them: styles by name, core properties), plus the XML
that python-docx has no API for (tracked changes, fields, text boxes, content controls, outline levels)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from copy import deepcopy

import pytest

docx = pytest.importorskip("docx")

from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

from helpers import cli as run_cli  # noqa: E402
from lint.readers import docx as reader  # noqa: E402
from lint.readers.docx import DocxMissing, docx_text, extract_docx  # noqa: E402
from lint.readers.mapped import Extracted  # noqa: E402


def _save(d) -> bytes:
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def _article_doc():
    d = docx.Document()
    d.add_paragraph("Ferry fares to rise by 8% in April", style="Title")
    d.add_paragraph("Islanders say the increase will hit commuters hardest", style="Subtitle")
    d.add_paragraph("By Morag Campbell in Oban, March 3, 2025")
    d.add_paragraph("")
    p = d.add_paragraph("OBAN — CalMac will raise fares ")
    p.add_run("on 1 April").bold = True
    p.add_run(",\tthe operator said.")
    d.add_heading("Who pays", level=2)
    d.add_paragraph("Foot passengers, who pay £4.20 now", style="List Bullet")
    d.add_paragraph("Car drivers", style="List Number")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Route"
    t.cell(0, 1).text = "Rise"
    q = d.add_paragraph("  Line one")
    q.add_run().add_break()
    q.add_run("line two.  ")
    d.add_heading("Reaction", level=1)
    d.add_paragraph("The council said it would object.")
    d.core_properties.title = "Ferry fares (draft 3)"
    d.core_properties.author = "Morag Campbell; News Desk"
    d.core_properties.created = dt.datetime(2025, 3, 2, 18, 0)
    return d


def check_positions(text: str, x: Extracted) -> None:
    """Every character of every piece is the virtual text's character at starts[i], one character long."""
    lines = text.split("\n")
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    for p in x.pieces:
        assert p.exact
        for i, ch in enumerate(p.text):
            assert p.ends[i] == p.starts[i] + 1 and text[p.starts[i]] == ch
        # a block never spans two lines: line = paragraph number
        first, last = p.starts[0], p.ends[-1] - 1
        assert text.count("\n", 0, first) == text.count("\n", 0, last)


def test_virtual_text_one_paragraph_per_line():
    d = _article_doc()
    text = docx_text(_save(d))
    lines = text.split("\n")
    # every paragraph of the body, the empty one too, the table's cells in place
    assert len(lines) == len(d.paragraphs) + 2
    assert lines[3] == ""
    assert lines[4] == "OBAN — CalMac will raise fares on 1 April, the operator said."  # a tab is a space
    assert lines[8:10] == ["Route", "Rise"]
    assert lines[10] == "  Line one line two.  "  # a line break is a space
    assert [line for k, line in enumerate(lines) if k not in (4, 8, 9, 10)] == [
        p.text for k, p in enumerate(d.paragraphs) if k not in (4, 8)
    ]


def test_article_kinds_and_metadata():
    data = _save(_article_doc())
    text = docx_text(data)
    x = extract_docx(text)  # the styles from the parse docx_text made (the pipeline's two steps)
    assert x.format == "docx" and x.escape is None and x.pointer is None
    assert [(p.kind, p.text) for p in x.pieces] == [
        ("headline", "Ferry fares to rise by 8% in April"),
        ("standfirst", "Islanders say the increase will hit commuters hardest"),
        ("byline", "By Morag Campbell in Oban, March 3, 2025"),
        ("paragraph", "OBAN — CalMac will raise fares on 1 April, the operator said."),
        ("heading", "Who pays"),
        ("list", "Foot passengers, who pay £4.20 now"),
        ("list", "Car drivers"),
        ("paragraph", "Route"),
        ("paragraph", "Rise"),
        ("paragraph", "Line one line two."),
        ("heading", "Reaction"),  # Heading 1 that is not the first paragraph
        ("paragraph", "The council said it would object."),
    ]
    check_positions(text, x)
    assert x.authors == ["Morag Campbell"]  # the byline's, before the core property's
    assert x.place is not None and x.place.value == "Oban"
    # the byline's date, before the file's creation time
    assert x.date == dt.date(2025, 3, 3) and x.date_source == "byline"
    assert x.date_at is not None and text[x.date_at.start : x.date_at.end] == "March 3, 2025"
    assert x.headline is None  # a Title paragraph is the headline; the core title is not needed
    body = x.pieces[3]
    assert (text.count("\n", 0, body.starts[0]) + 1, body.starts[0] - text.rfind("\n", 0, body.starts[0])) == (5, 1)  # line 5, column 1


def test_core_properties_when_the_text_says_nothing():
    d = docx.Document()
    d.add_paragraph("Storm closes the bridge")  # Normal: no headline style
    d.add_paragraph("The Forth bridge closed at noon.")
    d.core_properties.title = "Storm closes the bridge"
    d.core_properties.author = "Ewan Reid; Ann Lee"
    d.core_properties.created = dt.datetime(2024, 12, 7, 9, 30)
    data = _save(d)
    x = extract_docx(docx_text(data), data)
    assert [p.kind for p in x.pieces] == ["paragraph", "paragraph"]
    assert x.headline is not None and x.headline.value == "Storm closes the bridge"
    assert x.authors == ["Ewan Reid", "Ann Lee"]
    assert x.date == dt.date(2024, 12, 7) and x.date_source == "docx core properties"


def test_heading_1_first_is_the_headline_and_a_date_line_is_read():
    d = docx.Document()
    d.add_paragraph("")
    d.add_heading("Mill to reopen after fire", level=1)
    d.add_paragraph("12 June 2024")
    d.add_paragraph("The mill will reopen on Monday, its owners said.")
    d.add_paragraph("By the end of the year, 40 jobs will return.")  # "By" but a sentence: body
    data = _save(d)
    x = extract_docx(docx_text(data), data)
    assert [(p.kind, p.text) for p in x.pieces][:3] == [
        ("headline", "Mill to reopen after fire"), ("byline", "12 June 2024"),
        ("paragraph", "The mill will reopen on Monday, its owners said."),
    ]
    assert x.pieces[3].kind == "paragraph"
    assert x.date == dt.date(2024, 6, 12) and x.date_source == "byline" and x.authors == []


def test_python_docx_template_properties_are_not_the_story_s():
    d = docx.Document()  # python-docx's default template: author "python-docx", created 2013-12-23
    d.add_paragraph("Text only.")
    data = _save(d)
    x = extract_docx(docx_text(data), data)
    assert x.authors == [] and x.date is None
    d.core_properties.created = dt.datetime(2025, 1, 9, 8, 0)  # set by the script that wrote the file: read
    data = _save(d)
    assert extract_docx(docx_text(data), data).date == dt.date(2025, 1, 9)


def _p(xml: str):
    return parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>")


def test_what_is_text_inside_a_paragraph():
    d = docx.Document()
    body = d.element.body
    sect = body[-1]
    paras = [
        # a tracked insertion is text, a deletion is not; a moved-away run is not
        '<w:r><w:t xml:space="preserve">The </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>new</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> rule</w:t></w:r>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>gone</w:t></w:r></w:moveFrom>',
        # a field: its result, not its code; a hyperlink's text
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4 May 2025</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:hyperlink w:anchor="x"><w:r><w:t xml:space="preserve"> see the report</w:t></w:r></w:hyperlink>',
        # hyphens, a page break, a carriage return, a soft hyphen
        '<w:r><w:t>Jean</w:t><w:noBreakHyphen/><w:t>Luc</w:t><w:br w:type="page"/><w:t>after</w:t><w:cr/><w:t>re</w:t><w:softHyphen/>'
        '<w:t>turn</w:t></w:r>',
        # a text box inside a run is not this paragraph's text (nor a line of its own)
        '<w:r><w:t>Caption</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>BOXED</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>',
    ]
    for xml in paras:
        sect.addprevious(_p(xml))
    # a block-level content control: its paragraphs in place
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Inside a control</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    sect.addprevious(sdt)
    text = docx_text(_save(d))
    assert text.split("\n") == ["The new rule", "4 May 2025 see the report", "Jean-Luc after return", "Caption", "Inside a control"]
    check_positions(text, extract_docx(text))


def test_styles_based_on_headings_outline_levels_and_numbering():
    d = docx.Document()
    styles = d.styles
    custom = styles.add_style("Newsroom Head", 1)  # WD_STYLE_TYPE.PARAGRAPH
    custom.base_style = styles["Heading 2"]
    d.add_paragraph("Budget day", style="Title")
    d.add_paragraph("Section", style="Newsroom Head")
    p = d.add_paragraph("Outlined")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    n = d.add_paragraph("Numbered by hand")
    n._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    off = d.add_paragraph("Numbering off")
    off._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
    d.add_paragraph("Plain")
    data = _save(d)
    x = extract_docx(docx_text(data), data)
    assert [(p.kind, p.text) for p in x.pieces] == [
        ("headline", "Budget day"), ("heading", "Section"), ("heading", "Outlined"), ("list", "Numbered by hand"),
        ("paragraph", "Numbering off"), ("paragraph", "Plain"),
    ]


def test_without_styles_the_first_paragraph_is_the_headline():
    text = "Council backs plan\n\nBy Ann Lee\nThe council voted 9-3."
    x = extract_docx(text)  # never read by docx_text: no styles
    assert [(p.kind, p.text) for p in x.pieces] == [("headline", "Council backs plan"), ("byline", "By Ann Lee"),
                                                   ("paragraph", "The council voted 9-3.")]
    assert x.authors == ["Ann Lee"] and x.date is None
    check_positions(text, x)


def test_the_cache_keeps_the_last_files():
    texts = []
    for k in range(reader._CACHE_SIZE + 1):
        d = docx.Document()
        d.add_paragraph(f"Headline {k}", style="Title")
        d.add_paragraph("Body.")
        texts.append(docx_text(_save(d)))
    assert extract_docx(texts[-1]).pieces[0].kind == "headline"
    assert texts[0] not in reader._cache  # the oldest is gone: styles unknown, the first line still the headline
    assert len(reader._cache) == reader._CACHE_SIZE


def test_data_given_wins_over_a_stale_cache_entry():
    d = docx.Document()
    d.add_paragraph("Same words")
    d.add_paragraph("Body.")
    plain = _save(d)
    d2 = docx.Document()
    d2.add_paragraph("Same words", style="Heading 2")
    d2.add_paragraph("Body.")
    styled = _save(d2)
    text = docx_text(plain)
    assert text == docx_text(styled)
    assert extract_docx(text, plain).pieces[0].kind == "paragraph"
    assert extract_docx(text, styled).pieces[0].kind == "heading"


def test_not_a_word_file():
    with pytest.raises(ValueError, match=r"not a \.docx file"):
        docx_text(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValueError, match=r"not a \.docx file"):
        docx_text(b"plain text")


def test_without_python_docx(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx raises ImportError
    with pytest.raises(DocxMissing) as e:
        docx_text(b"")
    assert isinstance(e.value, ImportError) and isinstance(e.value, ValueError)
    assert str(e.value) == "reading .docx needs the docx extra: pip install 'newslint[docx]'"


def test_a_file_without_core_properties():
    """python-docx makes up a title ("Word Document") and a time for a file with no docProps/core.xml: not read."""
    import zipfile

    d = docx.Document()
    d.add_paragraph("Only text.")
    src = zipfile.ZipFile(io.BytesIO(_save(d)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                continue
            if item.filename == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*Target="docProps/core.xml"/>', b"", data)
                assert b"core.xml" not in data
            z.writestr(item, data)
    data = out.getvalue()
    x = extract_docx(docx_text(data), data)
    assert x.headline is None or x.headline.value != "Word Document"
    assert x.date is None and x.authors == []


def test_through_the_command(tmp_path):
    """A finding in a Word file is reported at paragraph (line) and character (column)."""
    d = deepcopy(_article_doc())
    d.add_paragraph("The Zapad drills and the Zapod drills were held.")
    f = tmp_path / "story.docx"
    f.write_bytes(_save(d))
    r = run_cli("--format", "json", "--no-cache", str(f))
    found = json.loads(r.stdout)
    text = docx_text(f.read_bytes())
    lines = text.split("\n")
    assert found, r.stderr
    for diag in found:
        line, col = diag["start"]["line"], diag["start"]["column"]
        s, e = diag["start"]["offset"], diag["end"]["offset"]
        assert lines[line - 1][col - 1 :].startswith(text[s:e])
