"""Plain-text articles, as newsrooms and scrapers export them.

Layout recognised (every part but the headline optional)::

    Headline                                  <- first non-empty line
    Headline                                  <- repeated headline (residue)
    Summary paragraph ... / Outlet            <- standfirst
    By Leon Aris in Berlin September 17, 2024 <- byline / date line
    Updated: 9.45pm                           <- more byline ("Updated ...")
    Headline                                  <- repeated headline (residue)

    MOSCOW, Sept 17 (Reuters) - Body ...      <- body, dateline at its start

Line endings may be LF, CRLF or a lone CR (only these three end a line).
Every block is an exact slice of the source: ``block.text ==
text[block.start:block.end]``, without the surrounding whitespace of its
lines. Body paragraphs are blank-line separated; inside such a block, when
any line is longer than 100 characters each line is its own paragraph (one
extracted paragraph per line), otherwise the block is one hard-wrapped
paragraph.

A file of a single line longer than ``MAX_HEADLINE`` characters has no
headline: it is one paragraph of body text (a story exported without its
headline, as the ABC stories of the Lee corpus are).

Heuristics (header region = at most ``HEADER_WINDOW`` non-empty lines after
the headline):

* repeated headline: a line equal to the headline after whitespace
  normalisation; scope "headline", offsets in ``meta.repeated_headlines``.
* byline: searched past at most three lines of prose (lines of more than
  ``SHORT_LINE`` words; shorter ones are chrome or credits): a line of at most 250 characters that starts with "By"/"by:"
  followed by a capital, or holds a full date, or starts with
  "Published/Updated/Posted/Written" and holds a date; and that does not
  read like a sentence (ending in . ! ? other than "a.m."/"p.m."), unless
  it holds a full date and starts with "By".
* standfirst: the non-repeated lines between headline and byline (at most
  3, contiguous, at least 6 words or ending with "/ Outlet"); a line
  ending with "/ Outlet" right after the headline is a standfirst even with
  no byline. The " / Outlet" suffix is left out of the standfirst block.
* dateline: "PLACE[, State][, Mon DD] [(Source)] -|--|–|—" at the start of
  one of the first three body paragraphs; the paragraph stays a paragraph.
"""

from __future__ import annotations

import functools
import itertools

import regex

from lint import regexes
from lint.article import Article, Block, Metadata
from lint.dates import DateMatch, parse_publication_date
from lint.dates import find_dates as _find_dates

LONG_LINE = 100  # a block with a longer line has one paragraph per line
MAX_HEADLINE = 250  # a lone line longer than this is body text, not a headline
SHORT_LINE = 5  # words: a header line this short is chrome or a credit, not prose
HEADER_WINDOW = 6  # non-empty lines after the headline searched for a byline

_NEWLINE = regexes.compile(r"\r\n|\r|\n")
_SPACES = regexes.compile(r"\s+")

_BY = regexes.compile(r"(?i:by)(?::\s*|\s+)(?=[\p{Lu}\d@])")
_BY_ANYWHERE = regexes.compile(r"(?:^|(?<=\s))(?i:by)(?::\s*|\s+)(?=[\p{Lu}\d])")
_STAMP_START = regexes.compile(
    r"(?i)^(?:first\s+)?(?:published|updated|posted|written|last\s+updated|modified)\b"
)
_TIME = regexes.compile(r"(?i)\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)|\b\d{1,2}[:.]\d{2}\b")
_SENTENCE_END = regexes.compile(r"[.!?][\"”’')]*$")
# a credit after a caption's full stop: "... on June 16, 2008. (AFP)"
_CREDIT_TAIL = regexes.compile(r"\s*\([^()]{1,40}\)$")
CAPTION_WORDS = 10  # a line this long ending ". (Credit)" is a captioned sentence
_SAFE_END = regexes.compile(r"(?i)(?:\b[ap]\.m\.|\b\p{Lu}\.)$")
_OUTLET_SUFFIX = regexes.compile(r"\s+/\s*(?P<outlet>[^/\s][^/]{0,59}?)\s*$")

# "MOSCOW, Sept 17 (Reuters) -", "LOS ANGELES (AP) --", "KOBE –",
# "SOUTHWEST MIAMI-DADE, FLA. (WSVN) -", "AUSTIN (KXAN) —"
_DATELINE = regexes.compile(
    r"""
    (?P<place>\p{Lu}[\p{Lu}\p{M}.'’\-]*(?:\ \p{Lu}[\p{Lu}\p{M}.'’\-]*)*
        (?:,\ \p{Lu}[\p{L}\p{M}.'’\-]*(?:\ \p{Lu}[\p{L}\p{M}.'’\-]*)*?)?)
    (?:,\ (?P<date>\p{Lu}\p{Ll}{2,8}\.?\ \d{1,2}))?
    (?:\ *\((?P<source>[^()\n]{1,40})\))?
    \ *(?:--|[-–—])\ 
    """,  # noqa: W291 - the escaped space "\ " ending the pattern is part of it
    regex.VERBOSE,
)
_IN_PLACE = regexes.compile(r"\bin\s+(?P<place>\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’\-]*)*)")
_FOR_OUTLET = regexes.compile(r"\bfor\s+(?P<outlet>\p{Lu}[\w.]*(?:\s+\p{Lu}[\w.]*)*)")
_NOT_PLACE_WORDS = frozenset(
    "january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues "
    "wed thu thurs fri sat sun published updated posted last".split()
)
_AUTHOR_CUT = regexes.compile(
    r"""(?ix)
    \s+in\s+(?-i:\p{Lu})            # "in Berlin"
    | \s+for\s+(?-i:\p{Lu})         # "for SurgeZirc UK"
    | \s+(?:first\s+)?(?:published|updated|posted|written|last\s+updated|modified)\b
    | \s+[-|/–—]\s | \s*@\w | \s*\|
    """
)
# "Timothy H.J. Nerozzi Fox News", "Jessica Holly, Gail Levy, 7 News WSVN"
_AUTHOR_OUTLET = regexes.compile(r",?\s+(?:[\p{Lu}\d]\w*\s+)?News\b")
_ROLES = frozenset(
    "writer editor correspondent reporter columnist journalist producer "
    "contributor analyst".split()
)
_ROLE_MODIFIERS = frozenset(
    "political education entertainment senior chief deputy foreign economics "
    "business science health sports sport arts home diplomatic security "
    "defence defense technology tech staff special investigations "
    "environment climate world culture associate managing executive".split()
)


@functools.lru_cache(maxsize=16)
def _dates_of(line: str) -> tuple[DateMatch, ...]:
    return tuple(_find_dates(line))


def find_dates(line: str) -> tuple[DateMatch, ...]:
    """``lint.dates.find_dates``, remembered for the last few lines (the
    byline tests and the author read the same line; do not change the result)."""
    return _dates_of(line)


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its line ending."""
    out: list[tuple[int, int]] = []
    pos = 0
    if "\r" not in text:  # LF only: str.split is the same, faster
        for line in text.split("\n"):
            end = pos + len(line)
            out.append((pos, end))
            pos = end + 1
        if out and out[-1][0] == len(text):  # nothing after the last line break
            out.pop()
        return out
    for m in _NEWLINE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` so that it neither starts nor ends with whitespace."""
    seg = text[start:end]
    left = seg.lstrip()  # str.strip strips exactly what str.isspace says is white space
    start = end - len(left)
    return start, start + len(left.rstrip())


def normalize(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def block(text: str, scope: str, start: int, end: int) -> Block:
    return Block(scope, start, text[start:end])


# --------------------------------------------------------------------------
# Byline analysis (shared with the Markdown reader).


def _ends_like_sentence(line: str) -> bool:
    if _SENTENCE_END.search(line) and not _SAFE_END.search(line):
        return True
    # a photo caption with its credit: a long sentence, then "(AFP)"; not
    # "By Jane Doe. (Reuters)" nor "9:30 a.m. (EDT)"
    credit = _CREDIT_TAIL.search(line)
    if credit is None or credit.start() == 0:
        return False
    core = line[: credit.start()]
    return (len(core.split()) >= CAPTION_WORDS and bool(_SENTENCE_END.search(core))
            and not _SAFE_END.search(core))


def looks_like_byline(line: str) -> bool:
    """Whether a header line is a byline or date line (see module doc)."""
    line = line.strip()
    if not line or len(line) > 250:
        return False
    full_dates = [d for d in find_dates(line) if d.date is not None]
    by = bool(_BY.match(line))
    sentence = _ends_like_sentence(line)
    if by and full_dates:
        return True
    if sentence:
        return False
    if by:
        return len(line) <= 160
    if full_dates:
        return len(line.split()) <= 25
    return False


def looks_like_stamp(line: str) -> bool:
    """A short "Updated: 9.45pm" / "Published 12 March 2025" line."""
    line = line.strip()
    return len(line) <= 80 and bool(_STAMP_START.match(line)) and not _ends_like_sentence(line)


def byline_place(line: str) -> str | None:
    """"By Leon Aris in Berlin September 17, 2024" -> "Berlin"."""
    for m in _IN_PLACE.finditer(line):
        words = []
        for w in m["place"].split():
            if w.lower().rstrip(".,") in _NOT_PLACE_WORDS or any(c.isdigit() for c in w):
                break
            words.append(w)
        if words:
            return " ".join(words).rstrip(",.")
    return None


def byline_author(line: str) -> str | None:
    """Best-effort author name from a byline; None when there is none."""
    line = line.strip()
    m = _BY_ANYWHERE.search(line)
    if m:
        cand = line[m.end():]
    else:
        dates = find_dates(line)
        if dates and dates[0].start > 0:
            cand = line[: dates[0].start]
        elif dates:
            # "January 19, 2020 / 12:25 PM / Updated 8 hours ago Jill Serjeant":
            # a trailing run of capitalised words after the last date or time.
            tail = line[dates[-1].end:]
            times = list(_TIME.finditer(tail))
            if times:
                tail = tail[times[-1].end():]
            words = tail.split()
            name: list[str] = []
            for w in reversed(words):
                if not w[:1].isupper() or w.lower() in ("pm", "am", "gmt", "et", "updated"):
                    break
                name.insert(0, w)
            return " ".join(name[-3:]) if len(name) >= 2 else None
        else:
            cand = line
    dates = find_dates(cand)
    if dates:
        cand = cand[: dates[0].start]
    cut = _AUTHOR_CUT.search(cand)
    if cut is not None and cand[: cut.start()].strip():
        cand = cand[: cut.start()]
    cut = _AUTHOR_OUTLET.search(cand)
    if cut is not None and len(cand[: cut.start()].split()) >= 2:
        cand = cand[: cut.start()]
    words = cand.split()
    for r, w in enumerate(words):
        if w.lower().strip(",.") in _ROLES:
            k = r
            while k > 2 and (
                words[k - 1].lower() in _ROLE_MODIFIERS
                or (words[k - 1].isupper() and len(words[k - 1]) <= 3)
            ):
                k -= 1
            words = words[:k]
            break
    author = " ".join(words).strip(" ,;:-|/")
    if not author or _STAMP_START.match(author):
        return None
    return author


def apply_byline(meta: Metadata, line: str) -> None:
    """Fill byline, author, date, place and source from a byline line."""
    line = line.strip()
    if meta.byline is None:
        meta.byline = line
    if meta.author is None:
        meta.author = byline_author(line)
    if meta.date is None:
        date = parse_publication_date(line)
        if date is not None:
            meta.date, meta.date_source = date, "byline"
    if meta.place is None:
        meta.place = byline_place(line)
    if meta.source is None:
        m = _FOR_OUTLET.search(line)
        if m:
            dates = find_dates(m["outlet"])
            outlet = m["outlet"][: dates[0].start] if dates else m["outlet"]
            meta.source = outlet.strip() or None


def find_dateline(meta: Metadata, paragraphs: list[Block]) -> None:
    """Dateline at the start of one of the first three body paragraphs."""
    for b in paragraphs[:3]:
        m = _DATELINE.match(b.text)
        if m is None:
            continue
        place = m["place"].strip()
        if len(place) < 2 or not any(c.isalpha() for c in place):
            continue
        meta.place = place
        if meta.source is None and m["source"]:
            meta.source = m["source"].strip()
        return


# --------------------------------------------------------------------------


def paragraphs(text: str, lines: list[tuple[int, int]], scope: str = "paragraph") -> list[Block]:
    """Body paragraphs from stripped line spans (see module doc)."""
    out: list[Block] = []
    group: list[tuple[int, int]] = []

    def flush() -> None:
        if not group:
            return
        if any(e - s > LONG_LINE for s, e in group):
            out.extend(block(text, scope, s, e) for s, e in group)
        else:
            out.append(block(text, scope, group[0][0], group[-1][1]))
        group.clear()

    for s, e in lines:
        if s == e:
            flush()
        else:
            group.append((s, e))
    flush()
    return out


def read_text(path: str, text: str, *, body_only: bool = False) -> Article:
    """Read a plain-text article; ``body_only``: every block is a paragraph."""
    spans = [strip_span(text, s, e) for s, e in split_lines(text)]
    meta = Metadata()
    blocks: list[Block] = []
    first_body = 0
    if not body_only and _only_prose(text, spans):
        body_only = True
    if not body_only:
        first_body = _read_header(text, spans, meta, blocks)
    body = paragraphs(text, spans[first_body:])
    if not body_only:
        find_dateline(meta, body)
    blocks.extend(body)
    blocks.sort(key=lambda b: b.start)
    return Article(path=path, text=text, format="txt", meta=meta, blocks=blocks, edges=True)


def _only_prose(text: str, spans: list[tuple[int, int]]) -> bool:
    """A file of one line longer than any headline is one paragraph of
    body text (a story exported without its headline), not a headline."""
    lines = [(s, e) for s, e in spans if s < e]
    return len(lines) == 1 and lines[0][1] - lines[0][0] > MAX_HEADLINE


def _read_header(text: str, spans: list[tuple[int, int]], meta: Metadata, blocks: list[Block]) -> int:
    """Detect headline, standfirst and byline; return the first body line index."""
    nonblank = [i for i, (s, e) in enumerate(spans) if s < e]
    if not nonblank:
        return len(spans)
    h = nonblank[0]
    hs, he = spans[h]
    headline = text[hs:he]
    meta.headline = headline
    blocks.append(Block("headline", hs, headline))
    key = normalize(headline)

    def line(i: int) -> str:
        s, e = spans[i]
        return text[s:e]

    def is_repeat(i: int) -> bool:
        return normalize(line(i)) == key

    window = nonblank[1 : 1 + HEADER_WINDOW]
    byline_at = None
    others: list[int] = []
    for n, i in enumerate(window):
        if is_repeat(i):
            continue
        # past four other lines only a line that says it is one ("By ...",
        # "Last Updated ...") is taken for the byline: a dated line of the
        # story further down is not
        candidate = line(i).strip()
        if looks_like_byline(candidate) and (
            len(others) < 4 or _BY.match(candidate) or _STAMP_START.match(candidate)
        ):
            byline_at = n
            break
        others.append(i)
        # at most three lines of prose before a byline; short lines (page
        # chrome: "Donald Trump", "Share") do not count
        if sum(1 for j in others if len(line(j).split()) > SHORT_LINE) > 3:
            break

    def repeat(i: int) -> None:
        s, e = spans[i]
        meta.repeated_headlines.append((s, e))
        blocks.append(Block("headline", s, text[s:e]))

    if byline_at is None:
        # Headline, repeats right after it, maybe a "... / Outlet" standfirst.
        last = h
        for i in window:
            if is_repeat(i):
                repeat(i)
                last = i
                continue
            if _OUTLET_SUFFIX.search(line(i)) and meta.standfirst is None and len(line(i).split()) >= 6:
                _standfirst(text, spans, meta, blocks, [i])
                last = i
                continue
            break
        return last + 1

    header = window[: byline_at + 1]
    for i in header[:-1]:
        if is_repeat(i):
            repeat(i)
    if others:
        contiguous = all(b - a == 1 for a, b in itertools.pairwise(others))
        words = sum(len(line(i).split()) for i in others)
        has_outlet = bool(_OUTLET_SUFFIX.search(line(others[-1])))
        if len(others) <= 3 and contiguous and (words >= 6 or has_outlet):
            _standfirst(text, spans, meta, blocks, others)
        else:  # residue before the byline: ordinary paragraphs
            blocks.extend(block(text, "paragraph", *spans[i]) for i in others)
    b = header[-1]
    blocks.append(block(text, "byline", *spans[b]))
    apply_byline(meta, line(b))
    last = b
    # After the byline: "Updated: 9.45pm" lines and repeated headlines.
    for i in nonblank[nonblank.index(b) + 1 : nonblank.index(b) + 4]:
        if is_repeat(i):
            repeat(i)
        elif looks_like_stamp(line(i)):
            blocks.append(block(text, "byline", *spans[i]))
            apply_byline(meta, line(i))
        else:
            break
        last = i
    return last + 1


def _standfirst(
    text: str, spans: list[tuple[int, int]], meta: Metadata, blocks: list[Block], lines: list[int]
) -> None:
    s, e = spans[lines[0]][0], spans[lines[-1]][1]
    m = _OUTLET_SUFFIX.search(text, s, e)
    if m is not None and m.end() == e:
        if meta.source is None:
            meta.source = m["outlet"].strip()
        e = m.start()
    meta.standfirst = normalize(text[s:e])
    blocks.append(block(text, "standfirst", s, e))
