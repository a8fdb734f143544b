"""Small frozen value types shared by every stage of the pipeline.

All offsets are code points into the article's source text, half-open
``[start, end)``. Only formatters turn them into lines and columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Vale's three levels, ordered so that comparisons mean "at least"."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.strip().upper()]

    def __str__(self) -> str:  # "warning"
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points in the source text."""

    start: int
    end: int

    def shift(self, by: int) -> Span:
        return Span(self.start + by, self.end + by)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the code points of ``span`` with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more non-overlapping edits applied together.

    ``applicability`` is ``"safe"`` (applied by ``--fix``) or ``"unsafe"``
    (applied only with ``--unsafe-fixes``), as in ruff.
    """

    edits: tuple[Edit, ...]
    applicability: str = "safe"
    title: str = ""


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding refers to ("first at line 4"): the formatters
    turn its span into a line and column (SARIF ``relatedLocations``, LSP
    ``relatedInformation``, JSON ``related``). Messages never name lines."""

    span: Span
    message: str

    def shift(self, by: int) -> Related:
        return Related(self.span.shift(by), self.message)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports: where, what, and optionally how to fix it.

    Checks never know the rule id or severity; the engine stamps them.
    ``level`` lets a check lower or raise confidence for one finding
    (for example a cross-article variant reported below the rule's level).
    """

    span: Span
    message: str
    fix: Fix | None = None
    level: Severity | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A finding stamped with its rule and severity, in one file.

    Ordered by (path, start, end, rule) which, since offsets grow with lines
    and columns, is the documented (path, line, column, rule) order.
    """

    path: str
    start: int  # code point offset, inclusive
    end: int  # code point offset, exclusive
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    link: str = field(default="", compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)
    # in a newsroom JSON file: the JSON pointer of the string holding the
    # finding and the code point offset in its decoded value
    pointer: tuple[str, int] | None = field(default=None, compare=False)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)
