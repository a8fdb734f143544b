"""capitalization: a block's case must follow ``match`` (Vale).

``match`` is ``$title`` (``style: AP`` or ``Chicago``), ``$sentence``,
``$lower``, ``$upper`` or a regular expression. Title and sentence case
convert the block and compare it word by word with what is written: the
block passes when at least ``threshold`` (default 0.8) of its words agree
(all-capital words and ``exceptions`` always agree; for sentence case a
first word that is not capitalised fails outright). ``exceptions`` are
regular expressions, matched case-sensitively, also kept as written by the
converters; ``indicators`` are suffixes (default ``:``) after which sentence
case expects a capital; ``prefix`` is a pattern stripped from the start
(``a. ``). A failing block is reported whole, ``%s`` being the text and
then the expected form. Vale's AP style asks a part-of-speech tagger
whether "to" precedes a noun; here a following capitalised word,
determiner or number counts as a noun. ``vocab`` (Vale's accepted terms)
is accepted and has no effect: newslint has no vocabularies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, exceptions_search, vale_message, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.checks.patterns import check_regexes, compile_pattern
from lint.model import Finding, Span
from lint.rules import RuleBase
from lint.spec import Field


class Params(RuleBase):
    extends: Literal["capitalization"]
    match: str = "$title"
    style: Literal["AP", "Chicago", ""] = "AP"
    exceptions: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    threshold: float = 0.0
    prefix: str = ""
    vocab: bool = True


SMALL_WORDS = frozenset("a an and as at but by en for if in nor of on or per the to vs vs. via v v.".split())
PREPOSITIONS = frozenset(
    """with from into during including until against among throughout despite towards upon
    concerning about over through before between after since without under within along
    following across beyond around down near above""".split()
)
_DETERMINERS = frozenset("the a an this that these those my your his her its our their every each".split())
_WORD = r"[\p{N}\p{L}*]+[^\s]*"
_SPLIT = regexes.compile(r"[\p{N}\p{L}]+[^\s\-/]*")
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})
_NUMBER_LIST = regexes.compile(r"\d+\.")


def _to_title(word: str, lower: bool) -> str:
    if lower:
        word = word.lower()
    return word[:1].upper() + word[1:]


def _go_title(s: str) -> str:
    """Go's strings.Title: upper-case the first letter after each separator."""
    out = []
    prev = " "
    for c in s:
        sep = prev.isspace() or (prev.isascii() and not (prev.isalnum() or prev == "_"))
        out.append(c.upper() if sep else c)
        prev = c
    return "".join(out)


def _char_at(s: str, i: int) -> str:
    return s[i] if 0 <= i < len(s) else ""


def _words(pattern: regex.Pattern, s: str) -> list[str]:
    """The whole matches of ``pattern`` in ``s``, as Go's FindAllString gives them
    (not ``findall``, which gives a group's text when an exception has a group)."""
    return [m.group() for m in pattern.finditer(s)]


class _Vocab:
    """Vale's exceptions as the converters see them: case-sensitive patterns."""

    def __init__(self, terms: list[str]):
        self.terms = sorted(terms, key=len, reverse=True)
        self.patterns = []
        for t in self.terms:
            try:
                self.patterns.append(regexes.compile(t[4:] if t.startswith("(?i)") else t, regex.I if t.startswith("(?i)") else 0))
            except regex.error:
                continue

    def find(self, token: str) -> str:
        for p in self.patterns:
            if p.search(token):
                return token
        return ""


class Capitalization:
    def __init__(self, p: Params):
        check_regexes(p.exceptions, "exceptions")
        self.p = p
        self.threshold = p.threshold or 0.8
        self.except_re = exceptions_search(p.exceptions)
        pattern = _WORD if self.except_re is None else self.except_re.pattern + "|" + _WORD
        self.tokens = regexes.compile(pattern)
        self.vocab = _Vocab(p.exceptions)
        self.prefix = compile_pattern(p.prefix, ("prefix",)) if p.prefix else None
        vocab_alt = "|".join(self.vocab.terms)
        self.sentence_tokens = regexes.compile(
            (r"(?i)\b(?:%s)\b|%s" % ("|".join("(?-i:%s)" % t for t in self.vocab.terms), _WORD)) if vocab_alt else "(?i)" + _WORD
        )
        self.indicators = tuple(p.indicators)
        self.scope = ScopeFilter(p.scope)
        self.regex_match = None
        self.test: Callable[[str], tuple[str, bool]]
        if p.match == "$title":
            self.test = self._title
        elif p.match == "$sentence":
            self.test = self._sentence
        elif p.match == "$lower":
            self.test = lambda s: (s.lower(), s == s.lower() or self._excepted(s))
        elif p.match == "$upper":
            self.test = lambda s: (s.upper(), s == s.upper() or self._excepted(s))
        else:
            regex_match = self.regex_match = compile_pattern(p.match, ("match",))
            self.test = lambda s: (p.match, bool(regex_match.search(s)) or self._excepted(s))

    def _excepted(self, s: str) -> bool:
        return self.except_re is not None and self.except_re.search(s) is not None

    # -- converters (jdkato/prose strcase) ---------------------------------

    def _strip_prefix(self, s: str) -> tuple[str, str]:
        if self.prefix is not None:
            m = self.prefix.search(s)
            if m is not None and s.startswith(m.group()):
                return m.group(), s[m.end() :]
        return "", s

    def _ignore(self, word: str, words: list[str], idx: int, bounding: bool) -> bool:
        if self.p.style == "Chicago":
            return not bounding and (word in SMALL_WORDS or word in PREPOSITIONS)
        if word == "to" and idx + 1 < len(words):
            nxt = words[idx + 1]
            return nxt[:1].isupper() or nxt[:1].isdigit() or nxt.lower() in _DETERMINERS
        return not bounding and word in SMALL_WORDS

    def title_case(self, s: str) -> str:
        prefix, s = self._strip_prefix(s)
        t = s.translate(_SANITIZE).replace("\u2026", "...")
        end = len(t)
        words = [m.group() for m in _SPLIT.finditer(s)]
        idx = 0
        out = []
        last = 0
        for widx, m in enumerate(_SPLIT.finditer(s)):
            w = m.group()
            sm = w.lower()
            found = t.find(w, idx)
            pos = found if found != -1 else idx - 1
            prev = _char_at(t, pos - 1)
            ext = len(w)
            idx = pos + ext
            if self.vocab.find(w):
                new = w
            elif (
                self._ignore(sm, words, widx, pos == 0 or idx == end)
                and prev in (" ", "-", "/")
                and _char_at(t, pos - 2) not in (":", "-")
                and (_char_at(t, pos + ext) != "-" or _char_at(t, pos - 1) == "-")
            ):
                new = sm
            else:
                new = _to_title(w, False)
            out.append(s[last : m.start()])
            out.append(new)
            last = m.end()
        out.append(s[last:])
        return prefix + "".join(out)

    def sentence_case(self, s: str) -> str:
        prefix, s = self._strip_prefix(s)
        tokens = _words(self.sentence_tokens, s)
        made = []
        for i, tok in enumerate(tokens):
            prev = tokens[i - 1] if i else ""
            if self.vocab.find(tok):
                made.append(tok)
            elif i == 0 or self._indicator(prev, i - 1):
                made.append(_to_title(tok, True))
            else:
                made.append(tok.lower())
        return prefix + " ".join(made)

    def _indicator(self, word: str, idx: int) -> bool:
        if self.indicators:
            if word.endswith(self.indicators):
                return True
        elif word.endswith(":"):
            return True
        return idx == 0 and _NUMBER_LIST.search(word) is not None

    # -- Vale's title() and sentence() -------------------------------------

    def _title(self, s: str) -> tuple[str, bool]:
        expected = self.title_case(s)
        exp = _words(self.tokens, expected)
        count = words = 0
        for i, w in enumerate(_words(self.tokens, s)):
            if i >= len(exp) or w == exp[i] or self._excepted(w) or w == w.upper():
                count += 1
            words += 1
        return expected, words == 0 or count / words >= self.threshold

    def _sentence(self, s: str) -> tuple[str, bool]:
        expected = self.sentence_case(s)
        exp = _words(self.tokens, expected)
        count = words = 0
        for i, w in enumerate(_words(self.tokens, s)):
            if i >= len(exp) or w == exp[i] or self._excepted(w):
                count += 1
            elif i == 0 and w != _go_title(w.lower()):
                return expected, False
            words += 1
        return expected, words == 0 or count / words >= self.threshold

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        for block in self.scope.blocks(article, blocks):
            vt = vale_text(article, block)
            text = vt.text
            expected, ok = self.test(text)
            if not ok:
                yield Finding(Span(*vt.span(0, len(text))), vale_message(self.p.message, text, expected))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Capitalization:
    return Capitalization(p)
