r"""existence: flag every occurrence of a token or raw pattern (Vale).

``message`` substitutions: ``%s`` is the matched text; with an ``action``,
a second ``%s`` is what the action makes of it (Vale's alertFor: ``edit``
``trim_right`` of ``"!"`` on ``wow!`` gives ``wow``; several suggestions as
``'a' or 'b'``), and the finding carries that as its fix.

A match's trailing blanks after a sentence's last punctuation, or at the
block's end, are not part of it: Vale reads a paragraph's sentences (each
stripped of surrounding blanks) before the paragraph itself and keeps the
first alert at a position, so ``\w+!\s`` on "Wow! Look" matches ``Wow!``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.checks._gate import compile_gate
from lint.checks._vale import exceptions_search, vale_message, word_pattern
from lint.checks.base import DEFAULT_CONTEXT, BlockChecker, CompileContext
from lint.checks.patterns import check_regexes, compile_pattern
from lint.gate import gate
from lint.model import Edit, Finding, Fix, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field


class Params(RuleBase):
    extends: Literal["existence"]
    tokens: list[str] = Field(default_factory=list)
    raw: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False
    append: bool = False
    vocab: bool = True
    # not Vale's: cheap patterns, one of which matches wherever the rule's
    # pattern can (a necessary condition); a block where none finds anything
    # is not searched with the pattern (lint/checks/_gate.py). Speed only.
    gate: str | list[str] = ""


class Existence(BlockChecker):
    def __init__(self, p: Params):
        if not p.tokens and not p.raw:
            raise CompileError(("tokens",), "an existence rule needs `tokens` or `raw`")
        check_regexes(p.tokens, "tokens")
        body = "|".join(p.tokens)
        pattern = word_pattern(
            body, word=not p.nonword and bool(p.tokens), ignorecase=p.ignorecase,
            raw="".join(p.raw), append=p.append,
        )
        self.pattern = compile_pattern(pattern, ("raw",) if p.raw else ("tokens",))
        check_regexes(p.exceptions, "exceptions")
        self.exceptions = exceptions_search(p.exceptions)  # Vale's: whole words searched in the match
        self.message = p.message
        self.prefilter = gate(self.pattern, tight=True)  # every finding is a match of the pattern
        self.edge_prefilter = gate(self.pattern, edges=True, tight=True)
        self.gate = compile_gate(p.gate)
        if self.gate is not None and not self.gate.patterns:  # plain strings: asked of the whole text too
            self.gate_literals = self.gate.literals
        # every match starts at a line start: matched there only (see _line_matches)
        self.line_anchored = not p.tokens and line_anchored(pattern)
        self.action = p.action if p.action is not None and p.action.name else None
        self.matchcase = p.matchcase

    def check_text(self, text: str) -> Iterator[Finding]:
        if self.gate is not None and not self.gate.passes(text):
            return
        matches = self._line_matches(text) if self.line_anchored else None
        if matches is None:
            matches = list(self.pattern.finditer(text, timeout=self.remaining()))
        for m in matches:
            start, end = m.span()
            if start == end:
                continue
            observed = text[start:end]
            if self.exceptions is not None and self.exceptions.search(observed.strip()):
                continue
            tail = len(observed) - len(observed.rstrip())
            if tail and tail < len(observed) and (_SENTENCE_END.search(observed, 0, len(observed) - tail) or not text[end:].strip()):
                end -= tail
                observed = observed[:-tail]
            if self.action is None:
                yield Finding(Span(start, end), vale_message(self.message, observed))  # as matched, like Vale
            else:
                yield self._with_action(start, end, observed)

    def _with_action(self, start: int, end: int, observed: str) -> Finding:
        from lint.checks._vale import ActionError, action_fixes

        assert self.action is not None
        try:
            fixed = action_fixes(self.action.name, list(self.action.params), observed)
        except ActionError:
            fixed = None
        if fixed and self.matchcase and self.action.name == "replace":  # Vale's alertFor: recase the params
            from lint.checks._vale import recase

            fixed = recase(fixed, observed)
        if not fixed:
            return Finding(Span(start, end), vale_message(self.message, observed, observed))
        repl = fixed[0] if len(fixed) == 1 else _to_sentence(fixed)
        msg = vale_message(self.message, observed, repl)
        # the edit replaces the match without its surrounding blanks (the suggestion has none)
        s, e = start, end
        if observed.strip():
            s, e = start + len(observed) - len(observed.lstrip()), start + len(observed.rstrip())
        new = fixed[0]
        if len(fixed) == 1 and observed[s - start : e - start] == new:
            return Finding(Span(start, end), msg)  # nothing to change
        safety = "safe" if len(fixed) == 1 else "unsafe"
        title = f"Replace with '{new}'" if new else "Remove it"
        return Finding(Span(start, end), msg, Fix((Edit(Span(s, e), new),), safety, title))

    def _line_matches(self, text: str) -> list | None:
        """``list(pattern.finditer(text))`` for a pattern whose every match starts
        at a line start: the pattern is tried at line starts only, not at each
        position (the ``regex`` module pays for every position it tries, even
        when ``^`` fails there at once). None, to search the usual way, when a
        match is empty (finditer's rules for what follows an empty match)."""
        out = []
        match = self.pattern.match
        pos, n = 0, len(text)
        while pos <= n:
            m = match(text, pos, timeout=self.remaining())
            if m is not None:
                if m.end() == m.start():
                    return None
                out.append(m)
                pos = m.end()
                if pos > 0 and text[pos - 1] == "\n":
                    continue  # the match ended with a line break: the next line starts here
            nl = text.find("\n", pos)
            if nl < 0:
                break
            pos = nl + 1
        return out


# the last characters of a sentence: its punctuation, then closing quotes or brackets
_SENTENCE_END = regexes.compile(r"[.!?\u2026][\"')\]\u2019\u201d]*$")


def _to_sentence(words: list[str]) -> str:
    """Vale's core.ToSentence(words, "or"): each quoted, joined by commas and "or"."""
    if len(words) == 2:
        return f"'{words[0]}' or '{words[1]}'"
    return ", ".join(f"'{w}'" for w in words[:-1]) + f", or '{words[-1]}'"


_FLAG_PREFIXES = ("(?m)^", "(?i)(?m)^")


def line_anchored(pattern: str) -> bool:
    """The pattern is ``(?m)^...`` (maybe after ``(?i)``) with no alternation
    at its top level, so that every match starts at a line start. Patterns
    with a comment or ``#`` (verbose mode) are not read here: False."""
    prefix = next((p for p in _FLAG_PREFIXES if pattern.startswith(p)), None)
    if prefix is None or "#" in pattern:
        return False
    depth = 0
    i, n = len(prefix), len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a set: up to its closing bracket (a first "]" is literal)
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                if pattern[i] == "\\":
                    i += 1
                elif pattern.startswith("[:", i):  # a POSIX class inside the set
                    end = pattern.find(":]", i + 2)
                    if end < 0:
                        return False
                    i = end + 1
                i += 1
            i += 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        elif c == "|" and depth == 0:
            return False
        i += 1
    return depth == 0


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Existence:
    checker = Existence(p)
    checker.time_limit = ctx.time_limit
    return checker
