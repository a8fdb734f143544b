"""substitution: flag a pattern and suggest its replacement (Vale).

Each ``swap`` key is a pattern, its value the preferred form; ``a|b`` offers
alternatives. The replacement is carried as a fix: safe when there is one
replacement, unsafe when the user must choose among several.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from lint.checks.base import BlockChecker, format_message
from lint.checks.patterns import compile_pattern, exceptions_pattern, make_pattern
from lint.model import Edit, Finding, Fix, Span
from lint.rules import CompileError, RuleBase


class Params(RuleBase):
    extends: Literal["substitution"]
    swap: dict[str, str] = Field(default_factory=dict)
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False
    capitalize: bool = False
    vocab: bool = True
    pos: str = ""  # part-of-speech filters are not supported; accepted and ignored


def _noncapturing(pattern: str) -> str:
    """Vale rewrites user groups as non-capturing so group i is swap key i."""
    opens = pattern.count("(")
    if opens != pattern.count("(?") and opens != pattern.count(r"\("):
        pattern = pattern.replace("(", "(?:")
    return pattern


def _to_sentence(words: list[str], conj: str = "or") -> str:
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} {conj} {words[1]}"
    return ", ".join(words[:-1]) + f", {conj} " + words[-1]


class Substitution(BlockChecker):
    def __init__(self, p: Params):
        if not p.swap:
            raise CompileError(("swap",), "a substitution rule needs a non-empty `swap` mapping")
        keys = sorted(p.swap, key=len, reverse=True)  # longest first: deterministic
        for k in keys:  # an error names the swap key itself
            compile_pattern(k, ("swap", k))
        self.repl = [p.swap[k] for k in keys]
        body = "|".join("(" + _noncapturing(k) + ")" for k in keys)
        self.pattern = compile_pattern(make_pattern(body, word=not p.nonword, ignorecase=p.ignorecase), ("swap",))
        self.exceptions = exceptions_pattern(p.exceptions, p.ignorecase)
        self.p = p
        self.replace_action = p.action is not None and p.action.name == "replace" and not p.action.params

    def _same(self, expected: str, observed: str) -> bool:
        for alt in expected.split("|"):
            if alt == observed or (self.p.ignorecase and alt.casefold() == observed.casefold()):
                return True
        return False

    def check_text(self, text: str) -> Iterator[Finding]:
        for m in self.pattern.finditer(text, timeout=self.remaining()):
            idx = m.lastindex
            if idx is None:
                continue
            # the first group that took part in the match names the swap key
            for idx in range(1, len(self.repl) + 1):
                if m.start(idx) != -1:
                    break
            start, end = m.span(idx)
            observed = text[start:end].strip()
            expected = self.repl[idx - 1]
            if not observed or self._same(expected, observed):
                continue
            if self.exceptions is not None and self.exceptions.match(observed):
                continue
            options = expected.split("|")
            shown = _to_sentence(options) if self.replace_action else expected
            yield Finding(Span(start, end), format_message(self.p.message, shown, observed), self._fix(start, end, observed, options))

    def _fix(self, start: int, end: int, observed: str, options: list[str]) -> Fix:
        new = options[0]
        if (self.p.capitalize or self.p.ignorecase) and observed[:1].isupper() and new[:1].islower():
            new = new[:1].upper() + new[1:]
        return Fix((Edit(Span(start, end), new),), "safe" if len(options) == 1 else "unsafe", f"Replace with '{new}'")


def compile(p: Params) -> Substitution:
    return Substitution(p)
