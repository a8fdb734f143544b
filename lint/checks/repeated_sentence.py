"""repeated_sentence: a sentence repeated word for word inside one article.

What it catches: the standfirst (or page summary) pasted again into or as
a body paragraph, two versions of a wire paragraph merged, a caption
captured twice; and the headline repeated at the start of a paragraph or
the standfirst ("Is Britain ready for a heatwave? Is Britain ready for a
heatwave? Forecasters say ...").

Sentences come from the article's sentence blocks of the headline,
standfirst, paragraphs, lists and headings; a block of several sentences
is compared as a whole too ("A. B." pasted again, each under ten words).
Each is hashed once (linear time) on a normalised key: case folded, runs
of space folded, curly and straight quotes (and dashes) folded to one
form, and the quotation marks, brackets and end punctuation around it
dropped; a dateline before a paragraph's first sentence ("New Delhi:",
"MOSCOW (Reuters) -") is left out. Sentences of fewer than ``min_words``
words are never compared ("Police said the road was closed.").

Not reported here (no double report): blocks that repeated_headline or
repeated_paragraph report whole (a repeated headline line, a paragraph
equal to the headline or to an earlier paragraph). Consecutive repeated
sentences of one block are one finding, with a related location at each
other copy, and an unsafe fix deleting the reported copy. Which copy is
reported: the later one, unless the earlier stands alone as a block (a
standfirst, a summary line, a caption, a pull quote) and the later is
inside a longer paragraph: deleting the lone copy leaves the story whole,
deleting a lead's sentence would not.

A pull quote (a paragraph that is only a quotation, perhaps with a
"— Name" credit) repeats the story on purpose: when either copy is one,
the finding is lowered to suggestion level (in plain text it still reads
as a repeat, so it stays visible, but it does not fail a run). It is
compared without its marks and credit; a quotation inside a longer
sentence ("...,” she said.") is not the same sentence and is not compared.

The headline at the start of a paragraph (headlines of four words or
more; any paragraph, since scraped pages put chrome lines before the
lead): the paragraph's first words are the headline's, word for word,
followed by an end of sentence and a capital, or, for a headline of at
least ``min_glued_headline_words`` words, by a capitalised word other
than a month or weekday (glued on without punctuation).

``message`` substitutions: ``%s`` is what the copy repeats (``an earlier
sentence``, ``the standfirst``, ``the headline``, ``a sentence further
down``, ``a sentence of the body``), the next ``%s`` the repeated text
shortened to 50 characters.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes, segment
from lint.article import Article, Block
from lint.checks._repeated import delete_line, excerpt, norm, norm_block, plain_spaces, word_count
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Related, Severity, Span
from lint.rules import RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "This sentence repeats %s word for word ('%s')."

_SENTENCE_SCOPES = ("headline", "standfirst", "paragraph", "list", "heading")
_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ",
    }
)
_EDGE = "\"'()[]{}.!?…:;,-*_ "
_OPENING_QUOTES = frozenset(c for c, f in [(chr(k), v) for k, v in _FOLD.items()] + [('"', '"')] if f == '"')
# A paragraph that is a quotation alone, maybe with a short credit after a dash.
_PULL_QUOTE = regexes.compile(r"^\s*\"(?P<q>[^\"]+)\"(?:\s*[-|/]\s*[^.!?\"\n]{1,60})?\s*$")
# "New Delhi:", "MOSCOW, Sept 17 (Reuters) -", "LONDON —" before a lead's first sentence
_DATELINE = regexes.compile(
    r"(?:\p{Lu}[\p{L}\p{M}.'\-]*(?:,?\ \p{Lu}[\p{L}\p{M}.'\-]*){0,3})"
    r"(?:,\ \p{Lu}\p{Ll}{2,8}\.?\ \d{1,2})?(?:\ *\([^()\n]{1,40}\))?"
    r"\ *(?::|--|[-–—])\ +(?=[\"“‘'(]*\p{Lu})"
)
_MIN_HEADLINE_WORDS = 4
_WORD = regexes.compile(r"\S+")
_CAPITAL = regexes.compile(r"^[\"'(\[]*[\p{Lu}\p{Lt}\d]")
_END = regexes.compile(r"[.!?…:]+[\"')\]]*$")
_NOT_A_START = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())  # no value is a key: order does not matter


def fold(s: str) -> str:
    """``s.translate(_FOLD)``: one character for one, so offsets are kept.
    Replacing the few marks present is some 50 times faster than translate."""
    if s.isascii():
        return s.replace("`", "'") if "`" in s else s
    for a, b in _FOLD_PAIRS:
        if a in s:
            s = s.replace(a, b)
    return s


def _key_of_folded(s: str) -> str:
    return norm(s.casefold()).strip(_EDGE)


def key(s: str) -> str:
    """The comparison key of a sentence: folded case, spaces, quotes and dashes."""
    return _key_of_folded(fold(s))


def _word_key(w: str) -> str:
    return fold(w).casefold().strip(_EDGE)


class Params(RuleBase):
    extends: Literal["repeated_sentence"]
    min_words: int = Field(default=10, ge=1)  # shorter sentences are not compared
    min_glued_headline_words: int = Field(default=6, ge=1)  # headline glued on without punctuation


def _pull_quote(b: Block) -> regex.Match | None:
    """The quotation of a paragraph that is a quotation alone (offsets into ``b.text``:
    ``_FOLD`` maps one character to one)."""
    if b.scope != "paragraph" or b.text.lstrip()[:1] not in _OPENING_QUOTES:
        return None  # cheaply: a pull quote opens with a (folded) double quote
    return _PULL_QUOTE.match(fold(b.text))


def _is_pull_quote(b: Block) -> bool:
    return _pull_quote(b) is not None


class _Unit:
    """A sentence (or a whole block) with the block it is in."""

    __slots__ = ("block", "end", "index", "start")

    def __init__(self, start: int, end: int, block: Block, index: int):
        self.start, self.end, self.block, self.index = start, end, block, index

    def whole(self) -> bool:
        b = self.block
        lead = len(b.text) - len(b.text.lstrip())
        trail = len(b.text) - len(b.text.rstrip())
        return (self.start <= b.start + lead and self.end >= b.end - trail) or _is_pull_quote(b)


class RepeatedSentence:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE
        self._headline: tuple[str, list[str]] = ("\0", [])  # the last headline and its word keys

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        meta = article.meta
        skip = set(meta.repeated_headlines)
        headline_key = norm(meta.headline) if meta.headline else None
        headline = next(
            (b for b in article.blocks if b.scope == "headline" and (b.start, b.end) not in skip), None
        )
        paragraphs: set[str] = set()
        first: dict[str, _Unit | tuple] = {}  # key -> the first unit with it (its _Unit's arguments)
        pairs: list[tuple[_Unit, _Unit]] = []  # (first copy, later copy)
        out: list[Finding] = []
        source = article.text
        folded = fold(source)  # once per article: sentences are slices of it
        min_words = self.p.min_words
        # the common case, cheaper still: case folded once for the article (when
        # it maps each character to one) and no space that str and regex disagree on
        cased = folded.casefold()
        fast = len(cased) == len(folded) and plain_spaces(source)

        def key_at(start: int, end: int) -> str:
            if fast:
                return " ".join(cased[start:end].split()).strip(_EDGE)
            return _key_of_folded(folded[start:end])
        for b in article.blocks:
            if b.scope not in _SENTENCE_SCOPES or (b.start, b.end) in skip:
                continue
            if b.scope == "paragraph":
                whole = norm_block(b.text)
                if whole == headline_key or whole in paragraphs:
                    continue  # repeated_headline's or repeated_paragraph's
                paragraphs.add(whole)
            sentences = article.sentences_of(b)
            pull = _pull_quote(b)
            if pull is not None:  # compared without its marks and its credit
                sentences = segment.sentences(Block("paragraph", b.start + pull.start("q"), pull.group("q")))
            # the block as it is in the source (a plain-text block): its sentences'
            # folded text is a slice of ``folded``; else each is folded alone
            verbatim = article.edges or source.startswith(b.text, b.start)
            if len(sentences) > 1:  # the block as a whole ("A. B." pasted again)
                k = key_at(b.start, b.end) if verbatim else key(b.text)
                if word_count(k) >= min_words:
                    earlier = first.get(k)
                    if earlier is not None:
                        if isinstance(earlier, tuple):
                            earlier = first[k] = _Unit(*earlier)
                        pairs.append((earlier, _Unit(b.start, b.end, b, 0)))
                        continue
                    first[k] = (b.start, b.end, b, 0)
            covered = b.start  # source offset up to which this block is already reported
            if headline is not None and b.scope in ("standfirst", "paragraph"):
                found = self._headline_prefix(article, headline, b)
                if found is not None:
                    covered = found.span.end
                    out.append(found)
            quick = fast and verbatim  # keys sliced from ``cased``, words counted by spaces
            for i, sent in enumerate(sentences):
                text, start = sent.text, sent.start
                if start < covered:
                    continue
                if text.count(" ") + 1 < min_words and len(text.split()) < min_words:
                    continue  # too short: its key has no more words than it (cheap test first)
                end = start + len(text)  # sent.end
                if i == 0 and (":" in text or "-" in text or "–" in text or "—" in text):  # _DATELINE's separators
                    m = _DATELINE.match(text)
                    if m is not None:
                        text, start = text[m.end():], start + m.end()
                if quick:  # key_at, inline
                    k = " ".join(cased[start:end].split()).strip(_EDGE)
                    if not k or k.count(" ") + 1 < min_words:
                        continue
                else:
                    k = key_at(start, end) if verbatim else key(text)
                    if (k.count(" ") + 1 if fast and k else word_count(k)) < min_words:
                        continue
                earlier = first.get(k)
                if earlier is None:
                    first[k] = (start, end, b, i + 1)  # a _Unit made only when it has a copy
                else:
                    if isinstance(earlier, tuple):
                        earlier = first[k] = _Unit(*earlier)
                    pairs.append((earlier, _Unit(start, end, b, i + 1)))
        out.extend(self._findings(article, pairs))
        out.sort(key=lambda f: (f.span.start, f.span.end))
        yield from out

    def _findings(self, article: Article, pairs: list[tuple[_Unit, _Unit]]) -> Iterator[Finding]:
        # The copy to report: the later one, unless the earlier stands alone as a
        # block (a standfirst, a summary, a caption) and the later is part of a
        # longer paragraph: then the lone copy is the one to delete.
        reported: set[int] = set()
        runs: list[list[tuple[_Unit, _Unit]]] = []  # (reported copy, other copy)
        for a, b in pairs:
            target, other = b, a
            if a.block.scope != "headline" and a.whole() and not b.whole():
                target, other = a, b
            if target.start in reported:
                continue
            reported.add(target.start)
            prev = runs[-1][-1] if runs else None
            if (
                prev is not None and prev[0].block is target.block and target.index == prev[0].index + 1
                and target.index > 0 and (target.start > other.start) == (prev[0].start > prev[1].start)
            ):
                runs[-1].append((target, other))
            else:
                runs.append([(target, other)])
        for run in runs:
            target, other = run[0]
            later_reported = target.start > other.start
            if later_reported:
                what = {"standfirst": "the standfirst", "headline": "the headline"}.get(
                    other.block.scope, "an earlier sentence"
                )
            elif target.block.scope == "standfirst" and other.block.scope != "standfirst":
                what = "a sentence of the body"
            else:
                what = "a sentence further down"
            start, end = target.start, run[-1][0].end
            msg = format_message(self.message, what, excerpt(article.text[start:end]))
            label = "the first occurrence" if later_reported else "the repetition"
            related = tuple(dict.fromkeys(Related(Span(o.start, o.end), label) for _, o in run))
            pull = _is_pull_quote(target.block) or any(_is_pull_quote(o.block) for _, o in run)
            fix = Fix(
                (Edit(self._deletion(article, target.block, start, end), ""),), "unsafe", "Delete the repeated text"
            )
            yield Finding(Span(start, end), msg, fix, Severity.SUGGESTION if pull else None, related)

    @staticmethod
    def _deletion(article: Article, b: Block, start: int, end: int) -> Span:
        """The later copy with the spaces after it (or before it, at the block's end);
        the whole line when it is the whole block."""
        text = article.text
        lead = len(b.text) - len(b.text.lstrip())
        trail = len(b.text) - len(b.text.rstrip())
        if (start <= b.start + lead and end >= b.end - trail) or _is_pull_quote(b):
            return delete_line(text, article.line_index, b.start, b.end)
        if end < b.end - trail:
            e = end
            while e < b.end and text[e].isspace():
                e += 1
            return Span(start, e)
        s = start
        while s > b.start and text[s - 1].isspace():
            s -= 1
        return Span(s, end)

    def _headline_prefix(self, article: Article, headline: Block, b: Block) -> Finding | None:
        """The headline, word for word, at the start of ``b`` and followed by more text."""
        if self._headline[0] != headline.text:  # the headline's words, once per article
            keys = [_word_key(w) for w in headline.text.split()]
            self._headline = (headline.text, [w for w in keys if w])
        hwords = self._headline[1]
        if len(hwords) < _MIN_HEADLINE_WORDS:
            return None  # "Brexit: what next" may open a paragraph
        first = _WORD.search(b.text)
        if first is None or _word_key(first.group()) != hwords[0]:
            return None  # most paragraphs: the first word differs
        words = list(itertools.islice(_WORD.finditer(b.text), len(hwords) + 1))  # no more are compared
        if len(words) <= len(hwords):
            return None  # the block is the headline, or shorter (repeated_headline's)
        for hw, m in zip(hwords, words):
            if _word_key(m.group()) != hw:
                return None
        last = words[len(hwords) - 1].group()
        nxt = words[len(hwords)].group()
        if _CAPITAL.match(nxt) is None:
            return None  # the lead goes on from the headline's words ("... with 90mph winds")
        if _END.search(last) is None and (
            len(hwords) < self.p.min_glued_headline_words or _word_key(nxt) in _NOT_A_START
        ):
            return None  # glued on without punctuation: only a long headline, not "... Monday"
        start = b.start + words[0].start()
        end = b.start + words[len(hwords) - 1].end()
        msg = format_message(self.message, "the headline", excerpt(headline.text))
        fix = Fix((Edit(Span(start, b.start + words[len(hwords)].start()), ""),), "unsafe", "Delete the repeated headline")
        return Finding(Span(start, end), msg, fix, None, (Related(Span(headline.start, headline.end), "the headline"),))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> RepeatedSentence:
    return RepeatedSentence(p)
