"""Checks a mapped block against its raw source (shared by tests/test_html_map.py and tests/html_map_report.py)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_REF = re.compile(r"&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|[A-Za-z][A-Za-z0-9]*;?)")
_WS = " \t\n\f\r"


def char_ok(source: str, off: int, ch: str) -> bool:
    """Does the raw source at ``off`` begin with ``ch``, a reference resolving to a string containing it, or (for a space) whitespace or a <br>?"""
    if off < 0 or off >= len(source):
        return False
    raw = source[off]
    if raw == ch:
        return True
    if ch == " " and (raw in _WS or source[off : off + 3].lower() == "<br" or source[off : off + 4].lower() == "</br"):
        return True
    if (ch == "\n" and raw == "\r") or (ch == "\ufffd" and raw == "\x00"):
        return True
    if raw == "&":
        m = _REF.match(source, off)
        if m:
            if m.group(1) or m.group(2):  # numeric, by HTML's rules (html.unescape drops &#11; and fails on 4,300+ digits)
                digits = m.group(1) or m.group(2)
                n = 0x110000 if len(digits.lstrip("0")) > 8 else int(digits, 16 if m.group(1) else 10)
                got = "\ufffd" if n == 0 or n > 0x10FFFF or 0xD800 <= n <= 0xDFFF else unescape("&#%d;" % n) if 0x80 <= n <= 0x9F else chr(n)
            else:
                got = unescape(m.group(0))
            if ch in got or (ch == " " and any(c in _WS for c in got)):
                return True
    return False


def block_ok(source: str, block) -> bool:
    """Every character of the block maps to a source position that shows it, and offsets never go backwards."""
    if len(block.text) != len(block.offsets):
        return False
    prev = -1
    for ch, off in zip(block.text, block.offsets):
        if off < prev or not char_ok(source, off, ch):
            return False
        prev = off
    return True


_SPAN_SKIP = {"script", "style", "noscript", "template", "svg", "math", "select", "textarea", "title", "iframe", "object", "canvas", "video", "audio"}


class _SpanText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SPAN_SKIP:
            self.skip += 1
        elif tag == "br" and not self.skip:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self.skip:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _SPAN_SKIP:
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def span_reads_back(source: str, block) -> bool:
    """A stronger check than block_ok: the raw source from the block's first character to its last, read as HTML
    (tags dropped, references resolved, whitespace collapsed), is the block's text. It catches a character mapped to a
    look-alike somewhere else. It can fail on a correct map where markup in the span reads differently out of context."""
    a, last = block.offsets[0], block.offsets[-1]
    m = _REF.match(source, last) if source[last] == "&" else None
    b = m.end() if m else last + 1
    p = _SpanText()
    p.feed(source[a:b])
    p.close()
    text = re.sub(r"[ \t\n\f\r]+", " ", "".join(p.parts).replace("\x00", "\ufffd")).strip(" ")
    return text == block.text
