"""Building and compiling patterns the way Vale does."""

from __future__ import annotations

import regex

from lint import regexes
from lint.rules import CompileError

# Vale's templates: tokens become a word-bounded, non-capturing group.
WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"


def make_pattern(body: str, *, word: bool, ignorecase: bool, raw: str = "", append: bool = False) -> str:
    template = WORD_TEMPLATE if word else NONWORD_TEMPLATE
    pattern = template % body if body else ""
    if raw:
        pattern = pattern + raw if append else raw + pattern
    if ignorecase:
        pattern = "(?i)" + pattern
    return pattern


def compile_pattern(pattern: str, loc: tuple) -> regex.Pattern:
    try:
        return regexes.compile(pattern, regex.V0)
    except (regex.error, ValueError, OverflowError) as exc:
        raise CompileError(loc, f"invalid regular expression: {exc}") from None


def check_regexes(items: list[str], key: str) -> None:
    """Compile each item alone so that an error names the bad entry."""
    for i, item in enumerate(items):
        compile_pattern(item, (key, i))


def exceptions_pattern(exceptions: list[str], ignorecase: bool) -> regex.Pattern | None:
    if not exceptions:
        return None
    check_regexes(exceptions, "exceptions")
    flags = "(?i)" if ignorecase else ""
    return compile_pattern(flags + r"^(?:%s)$" % "|".join(exceptions), ("exceptions",))
