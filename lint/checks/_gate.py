"""A rule's ``gate``: a cheap necessary condition for its pattern.

``gate`` is one regular expression or a list of them. A block where none
of them finds anything is not searched with the rule's pattern at all, so
a gate must find something wherever the pattern can match (the rule's
author keeps it so; the rule examples test both together). It changes no
finding, only what it costs to find none.

Why a list: the ``regex`` module searches an alternation of many branches
slowly (each position tries each branch), but a pattern that opens with a
literal or a small character set quickly; ``[a, b]`` is searched as ``a``,
then ``b``. An entry that is a plain string (no metacharacter; ``\\.``,
``\\(`` and other escaped punctuation allowed) is looked for with ``in``,
faster still, and means the same.

Entries are searched without the rule's time limit (``timeout=`` alone
costs the ``regex`` module more than a cheap search): keep them linear,
with no nested repetition; the engine's alarm still stops a run-away.
"""

from __future__ import annotations

from lint.checks.patterns import compile_pattern
from lint.rules import CompileError

_META = frozenset(".^$*+?{}[]\\|()")


def literal(pattern: str) -> str | None:
    """The string ``pattern`` matches, when it is a plain literal; else None."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                return None
            nxt = pattern[i + 1]
            if nxt.isalnum() or nxt.isspace() or nxt == "_":
                return None  # \d, \b, \p{...}, \1, ...: a class or an assertion
            out.append(nxt)
            i += 2
            continue
        if c in _META or c == "#":  # "#": no verbose mode here, but keep to the safe side
            return None
        out.append(c)
        i += 1
    return "".join(out) if out else None


class Gate:
    """Does any entry of a gate find something in a text (picklable, for the rule cache)."""

    __slots__ = ("literals", "patterns")

    def __init__(self, literals: tuple[str, ...], patterns: tuple):
        self.literals, self.patterns = literals, patterns

    def __getstate__(self):
        return (self.literals, self.patterns)

    def __setstate__(self, state):
        self.literals, self.patterns = state

    def passes(self, text: str) -> bool:
        for lit in self.literals:
            if lit in text:
                return True
        for pat in self.patterns:  # noqa: SIM110 (a plain loop: faster than any() over a generator)
            if pat.search(text) is not None:
                return True
        return False


def compile_gate(gate: str | list[str]) -> Gate | None:
    """The gate of a rule (None: no gate, every block is searched)."""
    entries = [gate] if isinstance(gate, str) else list(gate)
    if not entries or entries == [""]:
        return None
    literals: list[str] = []
    patterns = []
    for i, entry in enumerate(entries):
        loc: tuple = ("gate",) if isinstance(gate, str) else ("gate", i)
        if not entry:
            raise CompileError(loc, "an empty gate entry matches everywhere: leave it out")
        compiled = compile_pattern(entry, loc)  # validates every entry, literal or not
        lit = literal(entry)
        if lit is not None:
            literals.append(lit)
        else:
            patterns.append(compiled)
    return Gate(tuple(literals), tuple(patterns))
