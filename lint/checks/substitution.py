"""substitution: flag a pattern and suggest its replacement (Vale).

Each ``swap`` key is a pattern, its value the preferred form; ``a|b`` offers
alternatives. The replacement is carried as a fix: safe when there is one
replacement, unsafe when the user must choose among several.

``message`` substitutions, in order: the replacement (several joined as
Vale's ToSentence does: 'a', 'b' or 'c'), then the matched text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import regex

from lint import regexes
from lint.checks._vale import exceptions_search, recase, vale_message, word_pattern
from lint.checks.base import DEFAULT_CONTEXT, BlockChecker, CompileContext
from lint.checks.patterns import check_regexes, compile_pattern
from lint.gate import gate
from lint.model import Edit, Finding, Fix, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field, field_validator


def _weak_string(v: Any) -> Any:
    """A scalar as Go's mapstructure.WeakDecode makes it a string: ``1`` -> "1",
    ``1.5`` -> "1.5", ``true`` -> "1"; other values as they are (pydantic judges them)."""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v) if v != int(v) else str(int(v))
    return v


def weak_string_map(v: Any) -> Any:
    """A before-validator for a ``swap``-like mapping read as Vale reads it (mapstructure's
    WeakDecode): a list of mappings is merged into one mapping, in order (``- a: b``, as
    several styles write it), and scalar keys and values become strings (``one: 1``)."""
    if v is None:
        return {}
    if isinstance(v, list) and all(isinstance(x, dict) for x in v):
        merged: dict[Any, Any] = {}
        for x in v:
            merged.update(x)
        v = merged
    if isinstance(v, dict):
        return {_weak_string(k): _weak_string(x) for k, x in v.items()}
    return v


class Params(RuleBase):
    extends: Literal["substitution"]
    swap: dict[str, str] = Field(default_factory=dict)
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False
    capitalize: bool = False
    vocab: bool = True
    pos: str = ""  # part-of-speech filters are not supported; accepted and ignored

    _weak_swap = field_validator("swap", mode="before")(weak_string_map)


_CAPTURE_OPEN = regexes.compile(r"(?<!\\)\((?!\?)")
_UNESCAPED_PIPE = regexes.compile(r"(?<!\\)\|")
_GROUP_REF = regexes.compile(r"\$(\d+)")


def _noncapturing(pattern: str) -> str:
    """Vale rewrites user groups as non-capturing so group i is swap key i."""
    opens = pattern.count("(")
    if opens != pattern.count("(?") + pattern.count(r"\("):
        pattern = _CAPTURE_OPEN.sub("(?:", pattern)
    return pattern


def _options(expected: str) -> list[str]:
    """Vale's getOptions: split at each unescaped ``|``, drop empties, unescape ``\\|``."""
    return [o.replace(r"\|", "|") for o in _UNESCAPED_PIPE.split(expected) if o]


def _cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def _is_phrase(s: str) -> bool:
    """Vale's core.IsPhrase: letters, digits, spaces and hyphens only."""
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


def _to_sentence(words: list[str], conj: str = "or") -> str:
    """Vale's core.ToSentence: each option quoted, joined by commas and `conj`."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {conj} '{words[1]}'"
    return ", ".join(f"'{w}'" for w in words[:-1]) + f", {conj} '{words[-1]}'"


def _convert_message(msg: str) -> str:
    """Vale's convertMessage: with a quoted pair of ``%s``, unquote the first (ToSentence quotes)."""
    for spec in ("'%s'", '"%s"'):
        if msg.count(spec) == 2:
            msg = msg.replace(spec, "%s", 1)
    return msg


# what a replacement may not write into an article: C0 controls but the tab
# (a CR or LF inside a one-line swap too), DEL, C1 controls, the bidirectional
# controls that reorder what a reader sees (Trojan Source), line and paragraph
# separators, and lone surrogates (which cannot be written as UTF-8)
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = regexes.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029" + _BIDI + "\ud800-\udfff]")


def control_character(text: str) -> str | None:
    """``U+001B`` for the first character of ``text`` a fix may not write, else None."""
    m = _CONTROL.search(text)
    return f"U+{ord(m[0]):04X}" if m else None


class Substitution(BlockChecker):
    def __init__(self, p: Params):
        if not p.swap:
            raise CompileError(("swap",), "a substitution rule needs a non-empty `swap` mapping")
        keys = sorted(p.swap, key=len, reverse=True)  # longest first: deterministic
        for k in keys:  # an error names the swap key itself
            compile_pattern(k, ("swap", k))
            bad = control_character(p.swap[k])
            if bad is not None:
                raise CompileError(("swap", k), f"replacement contains a control character {bad}")
        self.repl = [p.swap[k] for k in keys]
        # a replacement naming groups ($1) is expanded by the swap key itself, as Vale does
        self.key_res = [compile_pattern(("(?i)" if p.ignorecase else "") + k, ("swap", k)) if _GROUP_REF.search(p.swap[k]) else None for k in keys]
        body = "|".join("(" + _noncapturing(k) + ")" for k in keys)
        self.pattern = compile_pattern(word_pattern(body, word=not p.nonword, ignorecase=p.ignorecase), ("swap",))
        check_regexes(p.exceptions, "exceptions")
        self.exceptions = exceptions_search(p.exceptions)  # Vale's: whole words searched in the match
        self.prefilter = gate(self.pattern, tight=True)  # every finding is a match of the pattern
        self.edge_prefilter = gate(self.pattern, edges=True, tight=True)
        self.p = p
        self.replace_action = p.action is not None and p.action.name == "replace" and not p.action.params
        self.message = _convert_message(p.message) if self.replace_action else p.message

    def _expected(self, i: int, observed: str) -> str:
        """Vale's subMsg: the replacement, capitalised like the observed text, groups expanded."""
        expected = self.repl[i]
        if self.p.capitalize and observed == _cap_first(observed):
            expected = _cap_first(expected)
        key_re = self.key_res[i]
        if key_re is None:
            return expected

        def expand(m: regex.Match) -> str:
            return _GROUP_REF.sub(lambda g: (m.group(int(g[1])) or "") if int(g[1]) <= (key_re.groups or 0) else g[0], expected)

        return key_re.sub(expand, observed)

    def _same(self, expected: str, observed: str) -> bool:
        """Vale: with `action: replace` the options compare literally, otherwise as a whole-token regex."""
        if self.p.action is not None and self.p.action.name == "replace":
            return observed in _options(expected)
        if _is_phrase(expected):
            return expected == observed
        try:
            return regex.fullmatch("(?:%s)" % expected, observed) is not None
        except (regex.error, ValueError):
            return expected == observed

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
            observed = text[start:end]
            if not observed.strip():
                continue
            expected = self._expected(idx - 1, observed)
            if self._same(expected, observed):
                continue
            if self.exceptions is not None and self.exceptions.search(observed.strip()):
                continue
            options = _options(expected)
            if self.replace_action:
                if self.p.capitalize and observed == _cap_first(observed):
                    options = [_cap_first(o) for o in options]
                if self.p.matchcase:  # Vale: the suggestions (message and fix) cased like the match
                    options = recase(options, observed)
                shown = _to_sentence(options)
            else:
                shown = expected  # Vale's message shows the swap as written (even with matchcase)
                if self.p.matchcase:  # newslint's fix is cased like the match
                    options = recase(options, observed)
            yield Finding(Span(start, end), vale_message(self.message, shown, observed), self._fix(start, end, observed, options))

    def suggestions(self, observed: str) -> list[str] | None:
        """The ``Params`` Vale's ``replace`` action (without params of its own) gets for a finding
        on ``observed``: its swap's options, capitalised and cased as in the message; None when
        ``observed`` alone is no match (a key whose lookaround needs its context)."""
        m = self.pattern.match(observed)
        if m is None or m.end() != len(observed) or m.lastindex is None:
            return None
        idx = next((i for i in range(1, len(self.repl) + 1) if m.start(i) != -1), None)
        if idx is None:
            return None
        options = _options(self._expected(idx - 1, observed))
        if self.p.capitalize and observed == _cap_first(observed):
            options = [_cap_first(o) for o in options]
        return recase(options, observed) if self.p.matchcase else options

    def _fix(self, start: int, end: int, observed: str, options: list[str]) -> Fix:
        new = options[0] if options else ""
        cased = not self.p.matchcase and (self.p.capitalize or self.p.ignorecase)  # matchcase: cased already
        if cased and observed[:1].isupper() and new[:1].islower():
            new = new[:1].upper() + new[1:]
        return Fix((Edit(Span(start, end), new),), "safe" if len(options) == 1 else "unsafe", f"Replace with '{new}'")


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Substitution:
    checker = Substitution(p)
    checker.time_limit = ctx.time_limit
    return checker
