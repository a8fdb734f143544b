"""Finding and parsing calendar dates in news copy.

Used by the readers (publication date from a byline or front matter) and
reusable by date checks. The standard library's ``re``, patterns compiled
once, with RE2 gates (``lint.gate``) in front of them.

Recognised forms (month names full or abbreviated, with or without a dot:
Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Sept, Oct, Nov, Dec; an
optional weekday in front is part of the match)::

    September 17, 2024   Sept. 17, 2024   Nov 8, 2023   Sept 17 (no year)
    17 September 2024    8th Nov 2023     Mon 20 Jan 2020   17 September
    2023-11-07           11/8/2023        08/11/2023        08.11.2023
    September 2024 (month and year only)

Numeric dates with slashes or hyphens (``a/b/yyyy``) are ambiguous between
the US (month first) and most of the world (day first). Heuristic, in order:

1. ``a > 12``: day first;  2. ``b > 12``: month first;
3. both written with two digits, zero-padded (``08/11/2023``): day first,
   since US copy rarely pads (AP writes ``11/8/2023``);
4. otherwise month first.

Dotted numeric dates (``08.11.2023``) are European: day first unless the
second number is above 12.

Month names are matched only in Title case or ALL CAPS, so that the verb
"may" or the word "march" in lower case are not taken for months.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from lint.gate import compile_source
from lint.regexes import longest_first as _longest_first

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = (
    "monday mon tuesday tues tue wednesday wed thursday thurs thur thu "
    "friday fri saturday sat sunday sun"
).split()


def _alternation(words: list[str]) -> str:
    # Longest first so that "Sept" wins over "Sep", "June" over "Jun".
    return "|".join(sorted(words, key=_longest_first))


_MONTH = rf"(?P<mon>(?i:{_alternation(list(MONTHS))}))\.?"
_WEEKDAY = rf"(?:(?i:{_alternation(WEEKDAYS)})\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

# "September 17, 2024", "Sept. 17", "Mon, Nov 8, 2023", "November 8th 2023"
_MONTH_DAY = re.compile(
    rf"\b{_WEEKDAY}?{_MONTH}\s+{_DAY}(?!\d|:|\.\d)\b(?:,?\s+{_YEAR}\b)?"
)
# "17 September 2024", "8th Nov 2023", "Mon 20 Jan 2020", "17 September"
_DAY_MONTH = re.compile(
    rf"\b{_WEEKDAY}?{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w])(?:,?\s+{_YEAR}\b)?"
)
# "September 2024"
_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?![\w])\s+{_YEAR}\b")
# "2023-11-07" (also the date part of "2023-11-07T10:00:00Z")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<a>\d{1,2})-(?P<b>\d{1,2})(?![\d-])")
# "11/8/2023", "08/11/2023", "08-11-2023", "08.11.2023"
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")


# RE2 gates (lint.gate) in front of the patterns above: cheap necessary
# conditions, searched once per string. A date with a month name has a month
# name (any key of MONTHS) after a non-word character or the string's start
# and before one or the end ("\b", "\s+", "(?![\w])" and a dot in the
# patterns), written in Title case or ALL CAPS (``_month_ok``), so with an
# ASCII capital first (every other letter a month name has folds only to
# itself or to "ſ", "İ", "ı", spelt out: ``re``'s IGNORECASE folds s with
# "ſ", i with "İ" and "ı"; RE2's (?i) folds "ſ" but not the dotted and
# dotless i). A numeric date has a digit, a separator, a digit (DIGIT_RE2).
_FOLDS = {"s": "[sSſ]", "i": "[iIİı]"}
_NOT_WORD = "[^0-9A-Za-z_]"  # a character that is no word character for re is none in ASCII either
# (RE2) a month name as _month_ok takes it, a weekday name in any case
MONTH_NAME_RE2 = "(?:" + "|".join(
    m[0].upper() + "(?i:" + "".join(_FOLDS.get(c, c) for c in m[1:]) + ")" for m in sorted(MONTHS, key=_longest_first)
) + ")"
WEEKDAY_RE2 = "(?i:" + "|".join("".join(_FOLDS.get(c, c) for c in w) for w in sorted(WEEKDAYS, key=_longest_first)) + ")"
# (RE2) a digit of ``re`` or ``regex`` (``\d``: Unicode's decimal digits): an ASCII one, or a
# character outside ASCII (not RE2's \p{Nd}: its Unicode tables may be older than theirs)
DIGIT_RE2 = r"(?:[0-9]|[^\x00-\x7f])"
# (RE2) what a date find_dates reads can start with: a digit, a month name, a weekday name
DATE_START_RE2 = rf"(?:{DIGIT_RE2}|{MONTH_NAME_RE2}|{WEEKDAY_RE2})"
_MONTH_GATE = compile_source(f"(?:^|{_NOT_WORD}){MONTH_NAME_RE2}(?:{_NOT_WORD}|$)")
_NUMERIC_GATE = compile_source(rf"{DIGIT_RE2}[/.\-]{DIGIT_RE2}")


class DateMatch(NamedTuple):
    """One date mention in a string.

    ``start``/``end`` are code-point offsets into the searched string,
    half-open. ``year``/``month``/``day`` are what the text says (``None``
    when absent: "Sept 17" has no year). ``date`` is set only when all three
    are present and form a real calendar date ("February 30, 2024" has
    ``date=None`` but ``year, month, day == 2024, 2, 30``).
    """

    start: int
    end: int
    date: dt.date | None
    year: int | None
    month: int | None
    day: int | None

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None


def _month_ok(token: str) -> bool:
    """Title case or ALL CAPS only: "May", "MAY", "Sept" but not "may"."""
    return token[0].isupper() and (token[1:].islower() or token.isupper())


def _make(start: int, end: int, y: int | None, m: int | None, d: int | None) -> DateMatch:
    date = None
    if y is not None and m is not None and d is not None:
        try:
            date = dt.date(y, m, d)
        except ValueError:
            date = None
    return DateMatch(start, end, date, y, m, d)


def numeric_day_month(a: str, b: str, sep: str = "/") -> tuple[int, int]:
    """(day, month) of the numeric date ``a<sep>b<sep>year`` (see module doc)."""
    x, y = int(a), int(b)
    if x > 12:
        return x, y
    if y > 12:
        return y, x
    if sep == "." or (len(a) == 2 and len(b) == 2):
        return x, y  # day first
    return y, x  # month first


def find_dates(s: str) -> list[DateMatch]:
    """Every date mention in ``s``, in order, without overlaps (longest wins)."""
    found: list[DateMatch] = []
    if _NUMERIC_GATE is None or _NUMERIC_GATE.search(s):
        for m in _ISO.finditer(s):
            found.append(_make(m.start(), m.end(), int(m["year"]), int(m["a"]), int(m["b"])))
        for m in _NUMERIC.finditer(s):
            day, month = numeric_day_month(m["a"], m["b"], m["sep"])
            found.append(_make(m.start(), m.end(), int(m["year"]), month, day))
    if _MONTH_GATE is None or _MONTH_GATE.search(s):  # a month name in Title case or capitals
        for rx in (_MONTH_DAY, _DAY_MONTH):
            for m in rx.finditer(s):
                if not _month_ok(m["mon"]):
                    continue
                day = int(m["day"])
                if not 1 <= day <= 31:
                    continue
                year = int(m["year"]) if m["year"] else None
                found.append(_make(m.start(), m.end(), year, MONTHS[m["mon"].casefold()], day))
        for m in _MONTH_YEAR.finditer(s):
            if _month_ok(m["mon"]):
                found.append(_make(m.start(), m.end(), int(m["year"]), MONTHS[m["mon"].casefold()], None))
    # Keep the longest of overlapping matches, then order by position.
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end:
            if d.end - d.start > out[-1].end - out[-1].start:
                out[-1] = d
            continue
        out.append(d)
    return out


def parse_date(s: str) -> dt.date | None:
    """The first full, valid date in ``s`` (any recognised form), else None."""
    for d in find_dates(s):
        if d.date is not None:
            return d.date
    return None


# Words that say what the following date is, in bylines and date lines.
_STAMP = re.compile(
    r"(?i)\b(?P<kind>published|posted|written|first\s+published|created|"
    r"last\s+updated|last\s+modified|updated|modified|edited)\b"
)
_UPDATE_KINDS = ("last updated", "last modified", "updated", "modified", "edited")


def parse_publication_date(line: str) -> dt.date | None:
    """The publication date stated on a byline or date line, else None.

    The first full date on the line, except that a date introduced by
    "Updated"/"Last updated"/"Modified" is skipped when another full date
    (a "Published" one, or one with no label) is on the line.
    ``"By X Published 8th Nov 2023 Updated 9th Nov 2023"`` gives 2023-11-08;
    ``"By X Last updated Nov 8, 2023"`` gives 2023-11-08.
    Never looks at the clock.
    """
    dates = [d for d in find_dates(line) if d.date is not None]
    if not dates:
        return None
    stamps = [(m.start(), " ".join(m["kind"].lower().split())) for m in _STAMP.finditer(line)]
    first_update = None
    for d in dates:
        label = None
        for pos, kind in stamps:
            if pos < d.start:
                label = kind
            else:
                break
        if label in _UPDATE_KINDS:
            first_update = first_update or d.date
            continue
        return d.date
    return first_update


def yaml_date_error(source: str) -> tuple[int, str, str] | None:
    """Where a YAML text holds a date that does not exist (``2024-09-31``):
    ``(1-based line, key path, problem)``, or None.

    YAML loaders turn ``2024-09-31`` into a date and raise a bare
    ``ValueError`` (no line, no key) when it does not exist; this finds it
    from the node tree, which is built without constructing any value."""
    import yaml

    try:
        root = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None

    def walk(node, path: str):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                found = walk(v, f"{path}.{k.value}" if path else str(k.value))
                if found:
                    return found
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                found = walk(v, f"{path}[{i}]")
                if found:
                    return found
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
            except ValueError as exc:
                return node.start_mark.line + 1, path or "(top level)", f"{node.value!r} is not a date ({exc})"
        return None

    return walk(root, "") if root is not None else None
