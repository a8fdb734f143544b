"""Word files (``.docx``), read with python-docx (the ``docx`` extra).

Two steps, as the pipeline reads a file and then builds its article:

* ``docx_text(data)``: the document as a *virtual text*, one paragraph per
  line. Every paragraph of the body in reading order, empty ones included, so
  that line N is paragraph N: a table's paragraphs come where the table is,
  row by row and cell by cell (a nested table inside its cell), and so do
  those of block-level content controls. In a paragraph: text runs, also
  inside hyperlinks, fields (their result, not the field code), smart tags
  and tracked insertions; a tab, a line or page break and a carriage return
  are a space; a non-breaking hyphen is "-", a soft hyphen nothing. Not read:
  deleted and moved-away text of tracked changes, text boxes and shapes,
  headers, footers, footnotes, endnotes and comments.
* ``extract_docx(text, data=None)``: the article (format "docx"). Pieces are
  the non-empty paragraphs (stripped), their positions offsets into the
  virtual text, so a finding is at line = paragraph number, column =
  character in the paragraph + 1. Kinds from the paragraph style (its name,
  following "based on" to a built-in style; the names in the file are
  English whatever the language of Word): Title, or Heading 1, as the first
  non-empty paragraph is the headline (else the first Title paragraph);
  Subtitle is the standfirst; other Title and Heading N paragraphs (and an
  outline level) are headings; List ... styles and numbered or bulleted
  paragraphs are list items; the rest are paragraphs. The first paragraph
  after the headline and standfirst is the byline when it reads like one
  ("By ...", or a short date line; ``lint.readers.text.looks_like_byline``).
  Metadata: the byline's author, date and place; the core properties' title
  (the headline when no paragraph is), author (authors, when no byline
  names one; ";" separates several) and created (the date when the byline
  gives none, ``date_source`` "docx core properties"; not the author and
  time that python-docx's default template carries, nor the title and time
  python-docx makes up for a file without core properties). ``escape`` is
  None: Word files take no fixes.

``extract_docx`` needs the styles, which are not in the text: given
``data`` (the file's bytes) it parses them; without it, it finds the parse
that ``docx_text`` made of the same text in a small cache of the last
files read in this process (keyed by the text). When neither is at hand the
styles are unknown: the first non-empty paragraph is the headline (as line 1
of a text file is) and the others are paragraphs.

python-docx is imported inside the functions: it is only needed for Word
files. Without it they raise ``DocxMissing`` (an ImportError and a
ValueError) saying how to install it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from lint.readers.mapped import Extracted, Located, Piece

__all__ = ["DocxMissing", "docx_text", "extract_docx"]

INSTALL = "reading .docx needs the docx extra: pip install 'newslint[docx]'"
_CACHE_SIZE = 8
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15)  # the creation time in python-docx's default template
_HEADING = re.compile(r"heading ([1-9])")
_LINE_CHARS = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# paragraph content that is not the paragraph's text (their whole subtree)
_SKIP = frozenset(_W + t for t in "pPr rPr del moveFrom delText delInstrText instrText txbxContent rt footnoteReference endnoteReference "
                  "commentReference".split()) | {_MC_FALLBACK}
_SPACE = frozenset(_W + t for t in "tab br cr ptab".split())
# block-level containers whose paragraphs are read in place
_BLOCK_CONTAINERS = frozenset(_W + t for t in "sdt sdtContent customXml ins moveTo".split())


class DocxMissing(ImportError, ValueError):
    """python-docx is not installed."""

    def __init__(self) -> None:
        super().__init__(INSTALL, name="docx")


@dataclass
class _Para:
    text: str
    category: str = "normal"  # title, subtitle, heading, list, normal
    level: int = 0  # heading level
    in_table: bool = False


@dataclass
class _Parsed:
    text: str
    digest: str
    paras: list[_Para] = field(default_factory=list)
    title: str = ""
    author: str = ""
    created: dt.datetime | None = None


_cache: OrderedDict[str, _Parsed] = OrderedDict()


def _remember(p: _Parsed) -> None:
    _cache[p.text] = p
    _cache.move_to_end(p.text)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


def docx_text(data: bytes) -> str:
    """The Word file ``data`` as text, one paragraph per line (see the module doc). Raises ValueError for a file
    that is not a readable .docx, :class:`DocxMissing` without python-docx."""
    parsed = _parse(data)
    _remember(parsed)
    return parsed.text


def extract_docx(text: str, data: bytes | None = None) -> Extracted:
    """The article of a Word file whose virtual text is ``text`` (``docx_text``'s), its styles from ``data`` or
    from the cache."""
    parsed = _cache.get(text)
    if data is not None and (parsed is None or parsed.digest != hashlib.sha1(data).hexdigest()):
        parsed = _parse(data)
        _remember(parsed)
    if parsed is not None and parsed.text != text:
        parsed = None
    lines = text.split("\n")
    paras = parsed.paras if parsed is not None else [_Para(line) for line in lines]
    return _article(lines, paras, parsed)


# --------------------------------------------------------------------------
# Reading the file.


def _parse(data: bytes) -> _Parsed:
    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
    except ImportError:
        raise DocxMissing() from None
    import io
    import zipfile

    from lint.files import MAX_FILE_BYTES

    try:  # a small zip may unpack to gigabytes: its declared sizes decide before anything is unpacked
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValueError("not a .docx file (not a zip archive)") from None
    if unpacked > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB unpacked")
    try:
        document: Any = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a file that is not a Word document
        m = re.search(r"content type is '([^']*)'", str(exc))
        if m:  # a template, a macro-enabled document, another Office file
            raise ValueError(f"not a Word document (content type {m[1]})") from None
        raise ValueError(f"not a .docx file ({type(exc).__name__}: {exc})") from None
    styles = _style_table(document)
    paras: list[_Para] = []
    _read_blocks(document.element.body, styles, paras, False)
    text = "\n".join(p.text for p in paras)
    out = _Parsed(text, hashlib.sha1(data).hexdigest(), paras)
    try:
        core_part = document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:  # no docProps/core.xml: python-docx would make up "Word Document" and a modified time
        core_part = None
    if core_part is not None:
        core = core_part.core_properties
        out.title = (core.title or "").strip()
        out.author = (core.author or "").strip()
        try:
            out.created = core.created
        except ValueError:
            out.created = None
        if out.author == "python-docx":  # python-docx's default template: its author and creation time, not the story's
            out.author = ""
            if out.created is not None and out.created.replace(tzinfo=None) == _TEMPLATE_CREATED:
                out.created = None
    return out


def _style_table(document: Any) -> dict[str | None, tuple[str, int]]:
    """styleId -> (category, heading level) of every paragraph style, "based on" followed; None -> the default style."""
    raw: dict[str, tuple[str, str | None, int | None, bool]] = {}  # id -> (name, based on, outline level, numbered)
    default = None
    root = document.styles.element
    for s in root.iterfind(_W + "style"):
        if s.get(_W + "type", "paragraph") != "paragraph":
            continue
        sid = s.get(_W + "styleId")
        if sid is None:
            continue
        name_el = s.find(_W + "name")
        based = s.find(_W + "basedOn")
        ppr = s.find(_W + "pPr")
        outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
        numbered = ppr is not None and _numbered(ppr)
        level = int(outline.get(_W + "val", "9")) if outline is not None and outline.get(_W + "val", "").isdigit() else None
        raw[sid] = ((name_el.get(_W + "val", "") if name_el is not None else "").lower(),
                    based.get(_W + "val") if based is not None else None, level, numbered)
        if s.get(_W + "default") in ("1", "true", "on"):
            default = sid

    def category(sid: str | None, depth: int = 0) -> tuple[str, int]:
        if sid is None or sid not in raw or depth > 20:
            return "normal", 0
        name, based, level, numbered = raw[sid]
        if name == "title":
            return "title", 1
        if name == "subtitle":
            return "subtitle", 0
        m = _HEADING.fullmatch(name)
        if m:
            return "heading", int(m[1])
        if name.startswith("list") or numbered:
            return "list", 0
        if level is not None and level < 9:
            return "heading", level + 1
        return category(based, depth + 1)

    table: dict[str | None, tuple[str, int]] = {sid: category(sid) for sid in raw}
    table[None] = category(default)
    return table


def _numbered(ppr: Any) -> bool:
    num = ppr.find(_W + "numPr")
    if num is None:
        return False
    nid = num.find(_W + "numId")
    return nid is None or nid.get(_W + "val", "1") != "0"  # numId 0 switches numbering off


def _read_blocks(container: Any, styles: dict[str | None, tuple[str, int]], out: list[_Para], in_table: bool) -> None:
    for el in container:
        tag = el.tag
        if tag == _W + "p":
            out.append(_paragraph(el, styles, in_table))
        elif tag == _W + "tbl":
            for row in el.iterfind(_W + "tr"):
                for cell in row.iterfind(_W + "tc"):
                    _read_blocks(cell, styles, out, True)
        elif tag in _BLOCK_CONTAINERS:
            _read_blocks(el, styles, out, in_table)


def _paragraph(p: Any, styles: dict[str | None, tuple[str, int]], in_table: bool) -> _Para:
    parts: list[str] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag in _SPACE:
            parts.append(" ")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        else:
            stack.extend(reversed(el))
    text = _LINE_CHARS.sub(" ", "".join(parts))
    ppr = p.find(_W + "pPr")
    sid = None
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        sid = ps.get(_W + "val") if ps is not None else None
    cat, level = styles.get(sid) or styles[None]
    if ppr is not None:
        if cat == "normal" and _numbered(ppr):
            cat = "list"
        outline = ppr.find(_W + "outlineLvl")
        val = outline.get(_W + "val", "") if outline is not None else ""
        if cat == "normal" and val.isdigit() and int(val) < 9:
            cat, level = "heading", int(val) + 1
    return _Para(text, cat, level, in_table)


# --------------------------------------------------------------------------
# The article.


def _article(lines: list[str], paras: list[_Para], parsed: _Parsed | None) -> Extracted:
    from lint.dates import parse_publication_date
    from lint.readers.json_news import split_authors
    from lint.readers.text import byline_place, looks_like_byline

    out = Extracted("docx", flavour=None, escape=None)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    nonempty = [k for k, p in enumerate(paras) if p.text.strip()]
    known = parsed is not None
    headline = None
    if nonempty:
        first = paras[nonempty[0]]
        if not known or first.category == "title" or (first.category == "heading" and first.level == 1):
            headline = nonempty[0]
        else:
            headline = next((k for k in nonempty if paras[k].category == "title"), None)
    kinds: dict[int, str] = {}
    standfirst_seen = False
    for k in nonempty:
        p = paras[k]
        if k == headline:
            kinds[k] = "headline"
        elif p.category == "subtitle" and not standfirst_seen:
            kinds[k] = "standfirst"
            standfirst_seen = True
        elif p.category in ("title", "heading", "subtitle"):
            kinds[k] = "heading"
        elif p.category == "list":
            kinds[k] = "list"
        else:
            kinds[k] = "paragraph"
    # the byline: the first paragraph after the headline and standfirst, when it reads like one
    header = [k for k in nonempty if (headline is None or k > headline) and kinds[k] != "standfirst"]
    byline_lines: list[str] = []
    for k in header[:2]:
        if kinds[k] != "paragraph" or paras[k].in_table or not looks_like_byline(paras[k].text):
            break
        kinds[k] = "byline"
        byline_lines.append(paras[k].text.strip())
    for k in nonempty:
        text = lines[k]
        a, b = len(text) - len(text.lstrip()), len(text.rstrip())
        base = starts[k]
        out.pieces.append(Piece(kinds[k], text[a:b], array("q", range(base + a, base + b)), array("q", range(base + a + 1, base + b + 1))))
    for line in byline_lines:
        if not out.authors and re.match(r"(?i)by\b", line):
            out.authors = split_authors(line)
        date = parse_publication_date(line)
        if date is not None and out.date is None:
            out.date, out.date_source, out.date_at = date, "byline", _date_at(line, date, lines, starts)
        place = byline_place(line)
        if place and out.place is None:
            out.place = Located(place)
    if parsed is not None:
        if headline is None and parsed.title:
            out.headline = Located(parsed.title)
        if not out.authors and parsed.author:
            out.authors = split_authors(parsed.author)
        if out.date is None and parsed.created is not None:
            out.date, out.date_source = parsed.created.date(), "docx core properties"
            out.date_at = Located(parsed.created.isoformat())
    return out


def _date_at(line: str, date: dt.date, lines: list[str], starts: list[int]) -> Located:
    """Where in the virtual text the date of a byline line is written."""
    from lint.dates import find_dates

    for d in find_dates(line):
        if d.date == date:
            value = line[d.start : d.end]
            for k, text in enumerate(lines):
                i = text.find(line)
                if i >= 0:
                    return Located(value, starts[k] + i + d.start, starts[k] + i + d.end)
            return Located(value)
    return Located(line)
