"""sequence: a run of words and part-of-speech tags, such as "would be great write" (Vale).

Each entry of ``tokens`` names a word (``pattern``, matched against the whole
word), a Penn Treebank tag (``tag``, a regular expression searched in the
word's tag, so ``NN`` also accepts ``NNS``), or both; ``negate`` turns an
entry into "not this"; ``skip: n`` lets up to ``n`` words come before it;
``min: n`` asks for it ``n`` times; ``target`` narrows the reported span to
the marked entries. The first entry with a ``pattern`` is the anchor: every
place the anchor matches in a sentence is tried, the entries before it are
checked leftwards and the ones after it rightwards, as Vale does. The
message takes the matched words: ``%s`` in order, ``%[2]s`` by position.
``exceptions`` are regular expressions over the sentence; a match that
begins inside one is dropped. Rules run on sentences (``scope`` narrows
which ones).

Tags come from the Brill tagger of the pattern library as bundled in
TextBlob (``pip install 'newslint[sequence]'``), loaded the first time a
sequence rule reads a sentence. Vale uses the averaged perceptron of its
prose library; the two agree on common words and may differ on rare ones.
Without TextBlob a sequence rule loads and is skipped, saying so once.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.checks.patterns import WORD_TEMPLATE, compile_pattern
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import BaseModel, ConfigDict, Field, field_validator


class Token(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str = ""
    tag: str = ""
    negate: bool = False
    skip: int = Field(default=0, ge=0)
    min: int = Field(default=0, ge=0)
    target: bool = False


class Params(RuleBase):
    extends: Literal["sequence"]
    tokens: list[Token] = Field(default_factory=list)
    ignorecase: bool = False
    exceptions: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=lambda: ["sentence"])

    @field_validator("scope")
    @classmethod
    def _sentences(cls, v: list[str]) -> list[str]:
        """Vale's sentenceScope: tags are read a sentence at a time, so every scope narrows to its sentences."""
        out = []
        for s in v:
            if s in ("text", "paragraph") or s.startswith(("paragraph.", "text.")):
                out.append("sentence" + s.partition(".")[1] + s.partition(".")[2])
            else:
                out.append(s)
        return out


# --------------------------------------------------------------------------
# Words and tags

# Treebank-style words: "endpoint's" is "endpoint" + "'s", "don't" is "do" +
# "n't", "meet-up" and "30,000" stay whole, other punctuation stands alone.
_WORDS = regexes.compile(
    r"[\p{L}\p{M}\p{N}_]+?(?=n['’]t\b)|(?i:n['’]t)\b|['’](?i:s|re|ve|ll|d|m)\b"
    r"|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}_]+(?:[-‐][\p{L}\p{M}\p{N}_]+)*|\S"
)

_ARTICLES = frozenset(("a", "an", "the"))
_TAGGER: object = None  # the TextBlob parser once loaded; False when it cannot be


def _tagger():
    global _TAGGER
    if _TAGGER is None:
        try:
            from textblob.en import parser  # the pattern library's Brill tagger and lexicon

            _TAGGER = parser
        except Exception:  # not installed, or its data unreadable: the rule is skipped
            _TAGGER = False
    return _TAGGER


def _tagger_available() -> bool:
    """Whether tags can be had, without importing TextBlob (0.4 s) to find out."""
    if _TAGGER is None:
        return importlib.util.find_spec("textblob") is not None
    return bool(_TAGGER)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    tag: str
    start: int


def tag_words(text: str) -> list[Word]:
    """The words of one sentence with their Penn Treebank tags and offsets."""
    found = [(m.group(), m.start()) for m in _WORDS.finditer(text)]
    if not found:
        return []
    parser = _tagger()
    if parser:
        tags = [t[1] for t in parser.find_tags([w.replace("’", "'") for w, _ in found])]
        # A base-form verb right after an article is a noun ("a meet up",
        # "the release"): the Brill rules miss this, Vale's perceptron does not.
        for i in range(1, len(tags)):
            if tags[i] in ("VB", "VBP") and found[i - 1][0].lower() in _ARTICLES:
                tags[i] = "NN"
    else:
        tags = [""] * len(found)
    return [Word(w, t, s) for (w, s), t in zip(found, tags)]


# --------------------------------------------------------------------------
# Matching


@dataclass(slots=True)
class _Step:
    pattern: str
    tag: str
    negate: bool
    skip: int
    target: bool
    token_re: regex.Pattern | None
    tag_re: regex.Pattern | None
    group: int
    optional: bool = False
    start: bool = False
    end: bool = False

    def matches(self, word: Word) -> bool:
        tag_ok = self.tag_re is None or self.tag_re.search(word.tag) is not None
        failed_tag = tag_ok == self.negate
        failed_tok = self.token_re is not None and (self.token_re.match(word.text) is not None) == self.negate
        if not self.pattern and failed_tag:
            return False
        if not self.tag and failed_tok:
            return False
        return not (self.tag and self.pattern and (failed_tag or failed_tok))


class Sequence:
    def __init__(self, p: Params):
        if not p.tokens:
            raise CompileError(("tokens",), "a sequence rule needs `tokens`")
        flags = "(?i)" if p.ignorecase else ""
        steps: list[_Step] = []
        group = 0
        for i, tok in enumerate(p.tokens):
            if not tok.pattern and not tok.tag:
                raise CompileError(("tokens", i), "a sequence token needs a `pattern` or a `tag`")
            token_re = compile_pattern(flags + r"^(?:%s)$" % tok.pattern, ("tokens", i, "pattern")) if tok.pattern else None
            tag_re = compile_pattern(tok.tag, ("tokens", i, "tag")) if tok.tag else None
            for _ in range(max(tok.min, 1)):
                group += 1
                for j in range(tok.skip, 0, -1):
                    steps.append(_Step(tok.pattern, tok.tag, tok.negate, tok.skip, tok.target, token_re, tag_re, group,
                                       optional=True, start=j == tok.skip))
                steps.append(_Step(tok.pattern, tok.tag, tok.negate, tok.skip, tok.target, token_re, tag_re, group, end=True))
        self.steps = steps
        anchors = [i for i, s in enumerate(steps) if s.pattern and not s.negate and not s.optional]
        if not anchors:
            anchors = [i for i, s in enumerate(steps) if s.tag and not s.negate and not s.optional]
        if not anchors:
            raise CompileError(("tokens",), "a sequence rule needs one token that is neither negated nor skipped")
        self.anchor = anchors[0]
        self.targets = [i for i, s in enumerate(steps) if s.target]
        a = steps[self.anchor]
        self.anchor_re = compile_pattern(flags + WORD_TEMPLATE % a.pattern, ("tokens",)) if a.pattern else None
        self.needs_tags = any(s.tag for s in steps)
        self.exceptions = [compile_pattern(e, ("exceptions", i)) for i, e in enumerate(p.exceptions)]
        self.message = p.message
        self.scope = ScopeFilter(p.scope)
        self.skipped_reason = ""
        if self.needs_tags and not _tagger_available():
            self.skipped_reason = ("the 'sequence' check type reads part-of-speech tags, from the optional package "
                                   "textblob (pip install 'newslint[sequence]'), which is not installed")

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if self.skipped_reason:
            return
        for block in self.scope.blocks(article, blocks):
            vt = vale_text(article, block)
            for start, end, words in self._matches(vt.text):
                yield Finding(Span(*vt.vale_span(start, end, article.text)), format_message(self.message, *words))

    def _matches(self, text: str) -> Iterator[tuple[int, int, list[str]]]:
        candidates = -1  # a tag-only anchor: every word is a candidate
        if self.anchor_re is not None:
            candidates = sum(1 for _ in self.anchor_re.finditer(text))
            if not candidates:  # rule the sentence out before tagging it
                return
        words = tag_words(text)
        if candidates < 0:
            candidates = len(words)
        excluded = [m.span() for r in self.exceptions for m in r.finditer(text)]
        history: set[int] = set()
        for _ in range(candidates):
            found = self._walk(words, history)
            if found is None:
                continue
            lo, hi, texts, word_at = found
            t = [word_at[i] for i in self.targets if i in word_at]
            if t and len(t) == len(self.targets):  # every marked token matched a word: narrow to them
                lo, hi = min(t), max(t)
            start, end = words[lo].start, words[hi].start + len(words[hi].text)
            if any(x <= start < y for x, y in excluded):
                continue
            yield start, end, texts

    def _walk(self, words: list[Word], history: set[int]):
        steps, idx = self.steps, self.anchor
        anchor = steps[idx]
        for jdx, word in enumerate(words):
            if jdx in history or not anchor.matches(word):
                continue
            history.add(jdx)
            texts: list[str] = []
            word_at: dict[int, int] = {}
            lo = hi = -1
            ti, wi = idx - 1, jdx - 1
            while ti >= 0:  # leftwards from the anchor
                if wi < 0:
                    if all(s.negate for s in steps[:ti + 1]):
                        break
                    return None
                s = steps[ti]
                texts.insert(0, words[wi].text)
                lo = wi
                word_at[ti] = wi
                optional = (s.optional or s.end) and not s.start if s.skip > 0 else s.optional
                hit = s.matches(words[wi])
                if not hit and not optional:
                    return None
                if hit and optional:  # found inside its window: the window is done
                    g = s.group
                    while ti >= 0 and steps[ti].group == g:
                        ti -= 1
                else:
                    ti -= 1
                wi -= 1
            ti, wi = idx, jdx
            while ti < len(steps):  # rightwards from the anchor itself
                if wi >= len(words):
                    if all(s.negate for s in steps[ti:]):
                        break
                    return None
                s = steps[ti]
                texts.append(words[wi].text)
                if lo < 0:  # nothing to the left: the match starts at the anchor
                    lo = wi
                hi = wi
                word_at[ti] = wi
                hit = s.matches(words[wi])
                if not hit and not s.optional:
                    return None
                if hit and s.optional:
                    g = s.group
                    while ti < len(steps) and steps[ti].group == g:
                        ti += 1
                else:
                    ti += 1
                wi += 1
            if lo < 0 or hi < lo:
                return None
            return lo, hi, texts, word_at
        return None


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Sequence:
    return Sequence(p)
