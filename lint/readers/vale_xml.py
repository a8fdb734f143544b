"""XML and DITA the way Vale reads them: made HTML with XSLT, then read as HTML.

Vale runs ``xsltproc`` with the section's ``Transform`` stylesheet on an ``.xml``
file (with ``use.extensions=0`` and ``generate.toc=nop``, internal/lint/xml.go) and
DITA-OT's ``dita`` command on a ``.dita`` file (internal/lint/dita.go), and lints
the HTML that comes out (lint/readers/vale_html.py). newslint applies the
stylesheet with lxml's XSLT (no external program); for DITA, which needs DITA-OT
(Java) in Vale, it applies a small stylesheet of its own (``DITA_XSL``) that maps
DITA's elements to the HTML that DITA-OT's ``html5`` output gives for them (topic
titles ``h1``, section titles ``h2``, ``p``, lists, tables, notes, ``codeblock`` as
``pre``, ``codeph`` as ``code``; the prolog and index terms give nothing).

Positions are in the XML file: as Vale, each text of the HTML is searched for in
the file (the whole text from where the previous one was found, else each of its
words); text that the stylesheet made up ("Table of Contents") is not in the file
and is dropped.

An ``.xml`` file whose ``Transform`` is not given or cannot be read is read as
plain text, as newslint read it before (Vale stops with an error there).
"""

from __future__ import annotations

from lint.readers.vale_html import HtmlOptions, read_html_as

# The string parameters Vale gives xsltproc.
XSLT_PARAMS = {"use.extensions": "0", "generate.toc": "nop"}

_DITA_XSL = """<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:template match="/"><html><body><xsl:apply-templates/></body></html></xsl:template>
  <xsl:template match="*[contains(TOPICS, concat('|', local-name(), '|'))]">
    <article><xsl:apply-templates/></article>
  </xsl:template>
  <xsl:template match="*[contains(TOPICS, concat('|', local-name(), '|'))]/title">
    <xsl:variable name="depth" select="count(ancestor::*[contains(TOPICS, concat('|', local-name(), '|'))])"/>
    <xsl:element name="{concat('h', string(($depth &gt; 6) * 6 + ($depth &lt;= 6) * $depth))}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="section/title|example/title|refsyn/title">
    <xsl:variable name="depth" select="count(ancestor::*[contains(TOPICS, concat('|', local-name(), '|'))]) + 1"/>
    <xsl:element name="{concat('h', string(($depth &gt; 6) * 6 + ($depth &lt;= 6) * $depth))}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="fig/title|table/title"><caption><xsl:apply-templates/></caption></xsl:template>
  <xsl:template match="prolog|titlealts|indexterm|draft-comment|required-cleanup|data|data-about|related-links
      |navtitle|searchtitle|keywords|metadata"/>
  <xsl:template match="p|shortdesc|abstract|context|result|postreq|prereq|stepresult|info|cmd|stepxmp|div|lines
      |dd|desc|ddhd|dthd|glossdef|glossterm|title|linktext|bodydiv|sectiondiv">
    <p><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="section|example|refsyn|body|conbody|taskbody|refbody|glossBody|steps|steps-unordered|substeps|note|hazardstatement|fn">
    <div><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="ul|sl|choices"><ul><xsl:apply-templates/></ul></xsl:template>
  <xsl:template match="ol"><ol><xsl:apply-templates/></ol></xsl:template>
  <xsl:template match="li|sli|step|substep|choice"><li><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="dl"><dl><xsl:apply-templates/></dl></xsl:template>
  <xsl:template match="dt"><dt><xsl:apply-templates/></dt></xsl:template>
  <xsl:template match="lq"><blockquote><xsl:apply-templates/></blockquote></xsl:template>
  <xsl:template match="codeblock|pre|screen|msgblock"><pre><xsl:apply-templates/></pre></xsl:template>
  <xsl:template match="fig"><figure><xsl:apply-templates/></figure></xsl:template>
  <xsl:template match="codeph|varname|parmname|apiname|option|synph|msgph|systemoutput|userinput"><code><xsl:apply-templates/></code></xsl:template>
  <xsl:template match="tt"><tt><xsl:apply-templates/></tt></xsl:template>
  <xsl:template match="b"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="i"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="term"><dfn><xsl:apply-templates/></dfn></xsl:template>
  <xsl:template match="xref|link"><a><xsl:apply-templates/></a></xsl:template>
  <xsl:template match="sup"><sup><xsl:apply-templates/></sup></xsl:template>
  <xsl:template match="sub"><sub><xsl:apply-templates/></sub></xsl:template>
  <xsl:template match="image">
    <img><xsl:if test="alt"><xsl:attribute name="alt"><xsl:value-of select="alt"/></xsl:attribute></xsl:if></img>
  </xsl:template>
  <xsl:template match="table|simpletable|properties"><table><xsl:apply-templates/></table></xsl:template>
  <xsl:template match="thead|sthead|prophead">
    <thead><tr><xsl:for-each select=".//entry|stentry|*"><th><xsl:apply-templates/></th></xsl:for-each></tr></thead>
  </xsl:template>
  <xsl:template match="thead/row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="row|strow|property"><tr><xsl:for-each select="entry|stentry|*"><td><xsl:apply-templates/></td></xsl:for-each></tr></xsl:template>
  <xsl:template match="*"><span><xsl:apply-templates/></span></xsl:template>
</xsl:stylesheet>
"""
DITA_XSL = _DITA_XSL.replace("TOPICS", "'|topic|concept|task|reference|glossentry|glossgroup|troubleshooting|'")


class Locator:
    """Finds the texts of the HTML in the XML source, in order (Vale's ``walker.advance``)."""

    # A text or word not in the file (an entity in it, text made by the stylesheet) was searched for in the whole
    # file once per text: quadratic on a file full of them. The same answers, bounded: the first occurrence of each
    # string (fixed) and the last forward look-up are kept, a miss after the cursor searches only before it, and
    # after _GRAMS_AFTER misses a string with a 3-gram the file does not have is known to be missing at once.
    _GRAMS_AFTER = 64

    def __init__(self, source: str):
        self.source = source
        self.cursor = 0
        self._first: dict[str, int] = {}  # string -> its first offset in the file (-1: none)
        self._next: dict[str, tuple[int, int]] = {}  # string -> (c, k): its first offset at or after c is k
        self._misses = 0
        self._grams: set[str] | None = None

    def _missing(self, s: str) -> bool:
        """Whether ``s`` is known not to be in the file without searching it."""
        if self._grams is None:
            if self._misses < self._GRAMS_AFTER:
                return False
            src = self.source
            self._grams = {src[i:i + 3] for i in range(len(src) - 2)}
        grams = self._grams
        return any(s[i:i + 3] not in grams for i in range(len(s) - 2))

    def _find(self, s: str) -> int:
        """``source.find(s, cursor)``, else ``source.find(s)``."""
        first = self._first.get(s)
        if first == -1:
            return -1
        c = self.cursor
        if first is not None and c <= first:
            return first
        got = self._next.get(s)
        if got is not None and got[0] <= c and (got[1] == -1 or c <= got[1]):
            k = got[1]
        else:
            if first is None and self._missing(s):
                self._first[s] = -1
                return -1
            k = self.source.find(s, c)
            self._next[s] = (c, k)
        if k != -1:
            return k
        if first is None:  # not at or after the cursor: the first one starts before it
            first = self.source.find(s, 0, c + len(s) - 1)
            self._first[s] = first
            if first == -1:
                self._misses += 1
        return first

    def __call__(self, text: str) -> list[tuple[int, str]]:
        k = self._find(text)
        if k != -1:
            self.cursor = k + len(text)
            return [(k + i, c) for i, c in enumerate(text)]
        out: list[tuple[int, str]] = []
        for word in text.split():
            k = self._find(word)
            if k == -1:
                continue  # made by the stylesheet, or written differently in the source (an entity)
            self.cursor = k + len(word)
            out.extend((k + i, c) for i, c in enumerate(word))
        return out


def to_html(text: str, stylesheet: str | None, *, dita: bool) -> str:
    """``text`` transformed with the XSLT ``stylesheet`` (a path; DITA: newslint's own)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=False, huge_tree=False)
    data = text.encode("utf-8")
    if text.lstrip().startswith("<?xml"):  # the declaration may name another encoding: the text is decoded already
        end = text.find("?>")
        data = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + text[end + 2:]).encode("utf-8") if end != -1 else data
    doc = etree.fromstring(data, parser).getroottree()
    access = etree.XSLTAccessControl(read_network=False, write_file=False, create_dir=False, write_network=False)
    if dita:
        xslt = etree.XSLT(etree.fromstring(DITA_XSL.encode("utf-8")), access_control=access)
        result = xslt(doc)
    else:
        assert stylesheet is not None
        xslt = etree.XSLT(etree.parse(stylesheet), access_control=access)
        result = xslt(doc, **{k: etree.XSLT.strparam(v) for k, v in XSLT_PARAMS.items()})
    return str(result)


def read_vale_xml(path: str, text: str, options: HtmlOptions, *, dita: bool, body_only: bool = False):
    """An XML file (through its ``Transform``) or a DITA file, read as Vale reads the HTML made of it."""
    import os

    from lint.readers import ReadError
    from lint.readers.text import read_text

    if not dita and (options.transform is None or not os.path.isfile(options.transform)):
        return read_text(path, text, body_only=body_only)
    try:
        out = to_html(text, options.transform, dita=dita)
    except Exception as exc:  # lxml's XMLSyntaxError, XSLTParseError, XSLTApplyError ...
        line = getattr(exc, "lineno", None)
        raise ReadError(path, line if isinstance(line, int) and line > 0 else None,
                        f"cannot be made HTML with {'XSLT' if not dita else 'the DITA stylesheet'}: {exc}") from None
    return read_html_as(path, text, out, options, "dita" if dita else "xml", Locator(text), body_only=body_only)
