"""Sentences and quotations inside a block, by regular expressions only.

Both functions return Blocks whose offsets are exact code points in the
source: ``sub.start = block.start + offset in block.text``, and
``sub.text`` is the matching slice of ``block.text`` (masked characters of
a Markdown block stay masked).

Sentences: a boundary is a run of ``. ! ? …`` (optionally followed by
closing quotes or brackets) then whitespace, then an optional opening
quote/bracket and an upper-case letter or a digit. A boundary whose space
was lost when markup was stripped counts too: ``. ! ?`` right after a word
with two lower-case letters or a number and right before a capitalised
word ("said.Professor Smith", "closed.”The next", "June 18.This"), but not
a title-case domain ("Example.Com"), a decimal, initials or a dotted
abbreviation (the rules below apply to it as well). Not a boundary:

* known abbreviations: titles (Mr., Dr., Gov. ...), "St.", "vs.", "etc.",
  "e.g." ...;
* "No." "Fig." "Art." "Vol." and month abbreviations ("Sept.") when a
  digit follows ("No. 2", "Sept. 17");
* single-letter initials ("H.J.", "George W. Bush") and dotted acronyms
  ("U.S.", "U.K.");
* "a.m."/"p.m." followed by a lower-case word, a weekday, a month or a time
  zone ("3 a.m. Wednesday", "10 p.m. ET"); before any other capitalised
  word ("at 9 p.m. Police said") they do end a sentence.

Quotations: the text between “ and ”, « and », ‘ and ’, and straight "..."
and '...' pairs. An apostrophe inside a word (Nato’s, don't) never closes
a quote; a possessive after "s" (Belarus’ forces, the actors' union) does
not either when a later closing mark exists. A curly “ left open at the end
of a paragraph (a quotation continued in the next paragraph) quotes to the
end of the block. Quote blocks exclude the marks and surrounding spaces.
"""

from __future__ import annotations

import re

import regex

from lint import regexes
from lint.article import Block

_BOUNDARY = regexes.compile(
    r"[.!?…]+[\"”’')\]»]*(?=\s+[\"“‘'(\[«]*[\p{Lu}\p{Lt}\d])"
)
_NEXT_WORD = regexes.compile(r"\s*[\"“‘'(\[«]*([\p{L}\p{M}\d]+)")
# A boundary that lost its space with the markup: "said.Professor",
# "closed.”The", "June 18.This" (a word with two lower-case letters, or a
# number, right before the mark; a capitalised word right after).
_GLUED = regexes.compile(
    r"(?<=(?<![\p{L}\p{M}\d.@/\\_#-])[\p{L}\p{M}\d'’-]*\p{Ll}{2}[\"”’]?|(?<![\p{L}\p{M}\d.,])\d{2,4})"
    r"[.!?][\"”’)]?(?=\p{Lu}\p{Ll}*(?:[\s,;]|$))"
)
# "Example.Com", "Gov.Uk": a title-case domain, not two sentences.
_DOMAINS = frozenset("com org net gov edu info io co uk biz tv in".split())

ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev hon sen rep gov gen lt col maj capt cpl sgt adm
    cmdr supt insp det atty pres st ste mt ft jr sr messrs mme mlle
    vs etc e.g i.e cf al approx ca est dept univ assn bros
    """.split()
)
# Abbreviations that do not end a sentence only when a number follows.
BEFORE_NUMBER = frozenset(
    """
    no nos fig figs art arts vol vols p pp ch sec para op ed
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_TIME_FOLLOWERS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thurs fri sat sun
    january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt bst cet cest utc ist
    aest jst kst local
    """.split()
)
_ACRONYM = regexes.compile(r"^(?:\p{L}\.){2,}$")  # U.S. H.J. e.g.
_INITIAL = regexes.compile(r"^\p{Lu}\.$")
_AMPM = regexes.compile(r"(?i)^[ap]\.m\.$")


def _is_boundary(text: str, m: regex.Match) -> bool:
    punct = m.group()
    if not punct.startswith("."):
        return True  # ! ? … and "..." followed by a capital
    if punct.startswith(".."):
        return True
    k = m.start()
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in ".'’"):
        k -= 1
    token = text[k : m.start() + 1]  # the word before, with its dots: "Mr." "U.S."
    bare = token.rstrip(".").lower()
    if "." not in token[:-1]:  # no inner dot: no "a.m.", no acronym (the same tests, fewer of them)
        if bare.replace("’", "'") in ABBREVIATIONS or token.lower() in ABBREVIATIONS:
            return False
        if bare in BEFORE_NUMBER:
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt is not None and nxt.group(1)[:1].isdigit():
                return False
        return not (len(token) == 2 and _INITIAL.match(token))
    nxt = _NEXT_WORD.match(text, m.end())
    next_word = nxt.group(1) if nxt else ""
    if _AMPM.match(token):
        return next_word.lower() not in _TIME_FOLLOWERS
    if bare.replace("’", "'") in ABBREVIATIONS or token.lower() in ABBREVIATIONS:
        return False
    if bare in BEFORE_NUMBER and next_word[:1].isdigit():
        return False
    return not (_ACRONYM.match(token) or _INITIAL.match(token))


def _stripped(b: Block, s: int, e: int, scope: str) -> Block | None:
    t = b.text
    while s < e and t[s].isspace():
        s += 1
    while e > s and t[e - 1].isspace():
        e -= 1
    if s == e:
        return None
    return Block(scope, b.start + s, t[s:e])


def _may_glue(text: str) -> bool:
    """False when _GLUED cannot match: no ``. ! ?`` (maybe then a closing
    mark) right before a character that is neither white space nor lower case."""
    for mark in ".!?":
        i = text.find(mark)
        while i != -1:
            j = i + 1
            if j < len(text) and text[j] in "\"”’)":
                j += 1
            if j < len(text) and not text[j].isspace() and not text[j].islower():
                return True
            i = text.find(mark, i + 1)
    return False


def _boundaries(text: str):
    """Candidate boundaries in order: spaced ones, then glued ones merged in."""
    spaced = list(_BOUNDARY.finditer(text))
    if not _may_glue(text):
        return spaced
    glued = [
        m for m in _GLUED.finditer(text)
        if (nxt := _NEXT_WORD.match(text, m.end())) is None or nxt.group(1).lower() not in _DOMAINS
    ]
    if not glued:
        return spaced
    return sorted(spaced + glued, key=lambda m: m.start())


def sentences(block: Block) -> list[Block]:
    """The sentences of ``block`` (scope "sentence"), without outer spaces."""
    text = block.text
    out: list[Block] = []
    start = 0
    for m in _boundaries(text):
        if _is_boundary(text, m):
            sb = _stripped(block, start, m.end(), "sentence")
            if sb is not None:
                out.append(sb)
            start = m.end()
    sb = _stripped(block, start, len(text), "sentence")
    if sb is not None:
        out.append(sb)
    return out


# --------------------------------------------------------------------------
# Quotations

_WORDCHAR = regexes.compile(r"[\p{L}\p{M}\d]")
_OPEN_CONTEXT = set(" \t\r\n([{—–-/\u00a0“‘\"'«")
_ELISIONS = regexes.compile(r"(?i)(?:\d0s|til|tis|twas|em|n|cause|bout)\b")


def _is_word(c: str) -> bool:
    return bool(c) and bool(_WORDCHAR.match(c))


def _opens(text: str, i: int) -> bool:
    """A straight or single quote at ``i`` that can open a quotation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPEN_CONTEXT and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _is_word(after)


def _possessive_like(text: str, i: int) -> bool:
    """’ after "s" and before a word: Belarus’ forces, the actors' union."""
    before = text[i - 1] if i > 0 else ""
    rest = text[i + 1 : i + 3]
    return before.lower() == "s" and len(rest) == 2 and rest[0] == " " and rest[1].islower()


_STOPS: dict[tuple[str, str], re.Pattern] = {}  # (open, close) -> the characters _pair_single stops at


def _pair_single(text: str, mark_open: str, mark_close: str) -> list[tuple[int, int]]:
    """Spans inside single quotes, skipping apostrophes (see module doc)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    stops = _STOPS.get((mark_open, mark_close))
    if stops is None:
        stops = _STOPS[(mark_open, mark_close)] = re.compile("[" + re.escape(mark_open + mark_close) + "\n]")
    i = text.find(mark_open)
    while 0 <= i < n:
        if _opens(text, i) and not (
            mark_open == "'" and _ELISIONS.match(text, i + 1)
        ):
            close = None
            fallback = None
            j = i + 1
            while j < n:
                found = stops.search(text, j)  # the next mark or line break: nothing else matters
                if found is None:
                    break
                j = found.start()
                cj = text[j]
                if cj == "\n" and j + 1 < n and text[j + 1] in "\r\n":
                    break  # never across a blank line
                if cj == mark_close and _closes(text, j):
                    if _possessive_like(text, j):
                        fallback = fallback if fallback is not None else j
                    else:
                        close = j
                        break
                elif cj == mark_open and mark_open != mark_close and _opens(text, j):
                    break  # a new quotation opens: this one closed earlier
                j += 1
            if close is None:
                close = fallback
            if close is not None:
                spans.append((i + 1, close))
                i = text.find(mark_open, close + 1)
                continue
        i = text.find(mark_open, i + 1)
    return spans


def _pair_double(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # Curly and guillemets: an opener, then the next closer.
    for o, c in (("“", "”"), ("«", "»")):
        i = text.find(o)
        while i != -1:
            j = text.find(c, i + 1)
            nxt = text.find(o, i + 1)
            if j == -1 or (nxt != -1 and nxt < j):
                end = nxt if nxt != -1 else len(text)
                if nxt == -1 and o == "“":
                    spans.append((i + 1, end))  # continued in the next paragraph
                i = nxt
                continue
            spans.append((i + 1, j))
            i = text.find(o, j + 1)
    # Straight double quotes: opener in opening context, next closer.
    i = 0
    while True:
        i = text.find('"', i)
        if i == -1:
            break
        if not _opens(text, i):
            i += 1
            continue
        j = i + 1
        while True:
            j = text.find('"', j)
            if j == -1 or _closes(text, j):
                break
            j += 1
        if j == -1:
            break
        spans.append((i + 1, j))
        i = j + 1
    return spans


def quotations(block: Block) -> list[Block]:
    """Quoted passages in ``block`` (scope "quote"), marks excluded."""
    text = block.text
    if not any(q in text for q in "“\"‘'«"):
        return []
    spans = _pair_double(text)
    if "‘" in text:
        spans += _pair_single(text, "‘", "’")
    if "'" in text:
        spans += _pair_single(text, "'", "'")
    out: list[Block] = []
    for s, e in sorted(set(spans)):
        q = _stripped(block, s, e, "quote")
        if q is not None:
            out.append(q)
    return out
