"""A fast superset test in front of an exact ``regex`` pattern.

The ``regex`` engine backtracks: a big case-insensitive alternation of
phrases ("according to media reports|sources say|...") costs it about a
millisecond per article even when nothing matches, which is nearly always.
RE2 (google-re2) runs such a pattern as an automaton, in a few
microseconds. A gate is RE2 running a *relaxed* form of the pattern, one
that matches wherever the exact pattern can match (a superset); the exact
pattern then runs only on text the gate passed. Findings are the same with
and without the gate; only the time differs.

Relaxing (:func:`relax`), token by token:

* look-arounds ``(?=...)``, ``(?!...)``, ``(?<=...)``, ``(?<!...)``,
  word boundaries ``\\b``, ``\\B``, ``\\m``, ``\\M`` and anchors ``^``,
  ``$``, ``\\A``, ``\\Z`` are dropped (they only ever remove matches; and a
  gate asked about a whole article must pass what a pattern anchored to a
  block's start would find there); so are the verbs ``(*SKIP)``, ``(*FAIL)``,
  ``(*F)``, ``(*PRUNE)``, ``(*COMMIT)`` and ``\\K`` (an ``X(*SKIP)(*FAIL)``
  branch of an alternation becomes a plain branch ``X``: more matches,
  never fewer);
* atomic groups and possessive quantifiers become plain ones; named groups
  plain groups; a back-reference any text (``(?s:.*)``); a counted
  repetition ``{n,m}`` a star;
* ``\\d``, ``\\w``, ``\\s`` (and their negations), ``\\p{...}``, negated
  classes and classes with any of these or with non-ASCII members become
  any character: RE2's shorthands are ASCII only, and its automata for
  Unicode classes are large and slow, where the literals around a class
  are what makes a gate selective.

:func:`word_gate` relaxes less (``narrow``): a class that holds no ASCII
blank (``\\p{Ll}``, ``\\w``, ``[\\p{L}'’-]``) becomes any character but an ASCII
blank, so that it stays within a word, and a small count (``{0,3}``) is
kept; with ``then``, what must follow a match (a date after "will open
in"). A gate asked about many spans of one text (the sentences of an
article) answers in one pass (:meth:`Gate.search_spans`), and
:meth:`Gate.first` says where an exact search may start.

What has no superset RE2 can run (fuzzy matching, recursion, conditional
groups, set operations in classes, verbose mode, ``\\X``, named characters,
a class holding a negated shorthand) gives no gate: the exact pattern runs
alone, as without RE2. No RE2 installed, no gates at all.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from typing import Any

import regex

from lint import regexes

try:  # an optional speed-up: without it every pattern runs exactly, alone
    import re2 as _re2  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - google-re2 is a dependency; kept for odd platforms
    _re2 = None

_ANY = "(?s:.)"  # what a Unicode class becomes: RE2 turns \p{L} into a large UTF-8 automaton
# regex's \s (Unicode White_Space), spelt out: a small class RE2 runs fast
_SPACE = r"\t\n\x0b\f\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_OUTSIDE = {**dict.fromkeys("dDwWS", _ANY), "s": f"[{_SPACE}]"}
_DROPPED_ESCAPES = frozenset("bBmMKAZz")
# under IGNORECASE (global or scoped) regex matches i and I with İ (U+0130)
# and ı (U+0131); RE2's (?i) does not: any of the four stands for all four,
# case-insensitive or not (a superset either way)
_I_FORMS = frozenset("iIİı")
# (narrow) what a class without an ASCII blank becomes: any character but one
# (the ASCII characters regex's \s matches; RE2 runs the class as fast as any character)
_NOT_BLANK = r"[^\t\n\x0b\f\r\x1c-\x1f ]"
_BLANKS = frozenset(range(0x09, 0x0E)) | frozenset(range(0x1C, 0x21))
# Unicode properties (general categories) and POSIX classes that hold no ASCII blank
_NO_BLANK_PROPERTIES = frozenset(
    "l lu ll lt lm lo l& lc m mn mc me n nd nl no letter mark number alpha alphabetic alnum "
    "uppercase_letter lowercase_letter titlecase_letter modifier_letter other_letter cased_letter "
    "nonspacing_mark spacing_mark enclosing_mark decimal_number letter_number other_number digit "
    "latin greek cyrillic han arabic hebrew".split()
)
_NO_BLANK_POSIX = frozenset("alpha alnum digit upper lower word xdigit punct graph".split())
_DOTTED_I = "[iIİı]"
_UNSUPPORTED_ESCAPES = frozenset("XNgGL")
_VERBS = ("(*SKIP)", "(*FAIL)", "(*F)", "(*PRUNE)", "(*COMMIT)", "(*ACCEPT)")


_BARE_I = regexes.compile(r"\(\?[a-zA-Z]*i[a-zA-Z]*\)")  # (?i), (?mi): IGNORECASE for the whole pattern


class Unsupported(Exception):
    """The pattern uses something RE2 cannot run as a superset."""


# ``edges``: what stands before a block's start and after its end in the
# article, when every block starts at a line's start after white space only
# and ends before white space only up to a line's end (or a "/": the outlet
# after a standfirst), the plain-text reader's top-level blocks (its lines
# end at "\\n", "\\r" or both; white space is Python's ``str.isspace``, the
# same characters as regex's ``\\s``). Zero-width at a "\\n", as regex's own
# ``(?m)^`` and ``$`` are, so that a pattern that goes on to match the
# line break still can.
_AT_START = f"(?:(?m:^)|\\r)[{_SPACE}]*"
_AT_END = f"[{_SPACE}]*(?:(?m:$)|\\r|/)"


def relax(pattern: str, ignorecase: bool = False, narrow: bool = False, edges: bool = False,
          tight: bool = False) -> str:
    """An RE2 pattern that matches wherever ``pattern`` (``regex`` syntax,
    version 0) can match; raises :class:`Unsupported`.

    ``narrow``: a class that holds no ASCII blank (``\\w``, ``\\d``, ``\\S``,
    a letter, mark or number property, a class of those and of other
    characters that are no blanks) becomes any character but an ASCII blank,
    not any character: ``\\p{Ll}+`` stays within a word (see :func:`word_gate`).

    ``edges``: the gate is asked about a whole article whose blocks each
    start at a line's start after white space only and end before white
    space only up to a line's end (see ``_AT_START``), as the plain-text
    reader's top-level blocks do: then ``^``, ``\\A`` become "a line start,
    then white space" and ``$``, ``\\Z``, ``\\z`` "white space, then a line's
    end", instead of being dropped.
    A much stronger gate for line-anchored patterns (``(?m)^[ \\t]*(?:...)[ \\t]*$``),
    not valid for sentences or quotations (they start anywhere).

    ``tight``: classes keep their ASCII members instead of becoming any
    character (see :func:`_tight_class`; ``\\d``, ``\\w``, ``\\p{L}`` ... outside a
    class too): ``\\d{1,4}`` becomes "digits or non-ASCII characters", not
    "any text", which keeps a gate with counted digits selective (it
    takes the place of ``narrow`` for classes and properties)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    hoisted: set[str] = set()
    depth_drop: list[int] = []  # stack: 1 for a dropped group, 0 for a kept one
    # with ``tight``: whether regex matches case-insensitively inside each open
    # group (i/I stand for İ/ı only there); a bare (?i) anywhere is global (V0)
    ci_global = ignorecase or bool(_BARE_I.search(pattern)) or not tight
    ci_stack: list[bool] = []

    def ci() -> bool:
        return ci_stack[-1] if ci_stack else ci_global

    def i_form(ch: str) -> str:
        return _DOTTED_I if ch in _I_FORMS and ci() else ch
    dropping = 0  # inside a dropped look-around (nested count)

    def emit(s: str) -> None:
        if not dropping:
            out.append(s)

    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise Unsupported("trailing backslash")
            e = pattern[i + 1]
            if edges and e in "AZz":
                emit(_AT_START if e == "A" else _AT_END)
                i += 2
                continue
            if e in _DROPPED_ESCAPES:
                i += 2
                continue
            if tight and e in _TIGHT_OUTSIDE:
                emit(_TIGHT_OUTSIDE[e])
                i += 2
                continue
            if e in _OUTSIDE:
                emit(_NOT_BLANK if narrow and e in "dwS" else _OUTSIDE[e])
                i += 2
                continue
            if e.isdigit() and e != "0":
                emit("(?s:.*)")  # a back-reference: any text
                i += 2
                while i < n and pattern[i].isdigit():
                    i += 1
                continue
            if e in _UNSUPPORTED_ESCAPES:
                raise Unsupported(f"\\{e}")
            if e in "pP":
                j = pattern.find("}", i) if i + 2 < n and pattern[i + 2] == "{" else i + 2
                if j < 0:
                    raise Unsupported("unclosed \\p{")
                if tight:
                    emit(_property(pattern[i:j + 1]))
                else:
                    emit(_NOT_BLANK if narrow and e == "p" and _no_blank_property(pattern[i + 2:j + 1]) else _ANY)
                i = j + 1
                continue
            if e in "xuU":
                code, i = _hex_escape(pattern, i)
                char = chr(code)
                emit(_DOTTED_I if char in _I_FORMS and ci() else f"\\x{{{ord(char):x}}}")
                continue
            emit(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            j, cls = _tight_class(pattern, i, ci()) if tight else _char_class(pattern, i, ignorecase, narrow)
            emit(cls)
            i = j
            continue
        if c == "(":
            if pattern.startswith(_VERBS, i):
                i = pattern.index(")", i) + 1
                continue
            if pattern.startswith("(*", i):
                raise Unsupported("verb")
            if pattern.startswith("(?#", i):
                i = pattern.index(")", i) + 1
                continue
            head = pattern[i:i + 4]
            ci_stack.append(ci())
            if head.startswith(("(?=", "(?!", "(?<=", "(?<!")):
                dropping += 1
                depth_drop.append(1)
                i += 4 if head.startswith(("(?<=", "(?<!")) else 3
                continue
            depth_drop.append(0)
            if head.startswith("(?>"):
                emit("(?:")
                i += 3
            elif head.startswith(("(?P<", "(?<")):
                emit("(?:")
                i = pattern.index(">", i) + 1
            elif head.startswith("(?P="):
                emit("(?s:.*)")
                depth_drop[-1] = 2  # the closing parenthesis is part of the reference
                i = pattern.index(")", i)
            elif head.startswith("(?"):
                j = i + 2
                while j < n and pattern[j] in "imsxauLVwfbre-0123456789":
                    j += 1
                flags = pattern[i + 2:j]
                if j >= n or pattern[j] not in ":)" or any(f in flags for f in "xVLauwfbre0123456789"):
                    raise Unsupported(f"group {pattern[i:j + 1]}")
                positive = flags.split("-")[0]  # turning a flag off only ever removes matches
                if pattern[j] == ")":  # a flag for the whole pattern (regex version 0)
                    hoisted.update(positive)
                    depth_drop.pop()
                    ci_stack.pop()
                else:
                    if "i" in positive:
                        ci_stack[-1] = True
                    elif "i" in flags and tight:
                        ci_stack[-1] = False
                    emit(f"(?{positive}:" if positive else "(?:")
                i = j + 1
            else:
                emit("(")
                i += 1
            continue
        if c == ")":
            if not depth_drop:
                raise Unsupported("unbalanced )")
            kind = depth_drop.pop()
            ci_stack.pop()
            if kind == 1:
                dropping -= 1
                i += 1
                # a quantifier on a dropped look-around goes with it
                i = _skip_quantifier(pattern, i)
                continue
            if kind == 2:
                i += 1
                continue
            emit(")")
            i += 1
            continue
        if c in "^$":  # anchors only ever remove matches (and a block's ^ is not the article's)
            if edges:
                emit(_AT_START if c == "^" else _AT_END)
            i += 1
            continue
        if c in "*+?":
            emit(c)
            i += 1
            if i < n and pattern[i] == "+":  # possessive
                i += 1
            elif i < n and pattern[i] == "?":
                emit("?")
                i += 1
            continue
        if c == "{":
            j = pattern.find("}", i)
            body = pattern[i + 1:j] if j > 0 else ""
            if j > 0 and _is_count(body):
                # X{n,m} is within X*: counted copies would blow up RE2's automaton
                # (narrow: a few copies kept, at most 8, from none or one: "(?:\s+\p{Lu}\w*){0,3}"
                # stays three words; from one, a dropped \b before it leaves X{1,m}, within X\b{1,m})
                # (with ``tight``: within X+ when n >= 1)
                lo, _, hi = body.partition(",") if "," in body else (body, "", body)
                if narrow and hi.isdigit() and int(hi) <= 8 and int(lo or 0) <= 1:
                    emit(f"{{{int(lo or 0)},{int(hi)}}}")
                elif tight and lo.isdigit() and int(lo) >= 1:
                    emit("+")
                else:
                    emit("*")
                i = j + 1
                if i < n and pattern[i] == "+":
                    i += 1
                elif i < n and pattern[i] == "?":
                    emit("?")
                    i += 1
                continue
            if j > 0 and any(ch in body for ch in "<=>edis"):  # fuzzy {e<=1}
                raise Unsupported("fuzzy matching")
            emit("\\{")
            i += 1
            continue
        emit(i_form(c))
        i += 1
    if depth_drop:
        raise Unsupported("unbalanced (")
    if ignorecase:
        hoisted.add("i")
    flags = "".join(sorted(hoisted))
    return (f"(?{flags})" if flags else "") + "".join(out)


def _no_blank_property(body: str) -> bool:
    """``body`` of ``\\p{body}`` (braces included, or one letter): a property
    without an ASCII blank (a letter, mark or number category, a script)?"""
    name = body.strip("{}").lower().replace(" ", "").replace("-", "_")
    for prefix in ("gc=", "general_category=", "sc=", "script=", "is"):
        if name.startswith(prefix) and name[len(prefix):] in _NO_BLANK_PROPERTIES:
            return True
    return name in _NO_BLANK_PROPERTIES and not name.startswith("^")


def _code_point(digits: str) -> int:
    try:
        return int(digits, 16)
    except ValueError:
        return -1


def _is_blank(code: int) -> bool:
    return code in _BLANKS


def _hex_escape(pattern: str, i: int) -> tuple[int, int]:
    """The code point of the escape ``\\xHH``, ``\\x{H...}``, ``\\uHHHH`` or
    ``\\UHHHHHHHH`` at ``pattern[i]`` and the index after it (``Unsupported``
    when it is unclosed or no code point)."""
    e = pattern[i + 1]
    if e == "x" and i + 2 < len(pattern) and pattern[i + 2] == "{":
        k = pattern.find("}", i)
        if k < 0:
            raise Unsupported("unclosed \\x{")
        digits, end = pattern[i + 3:k], k + 1
    else:
        width = {"x": 2, "u": 4, "U": 8}[e]
        digits, end = pattern[i + 2:i + 2 + width], i + 2 + width
    try:
        code = int(digits, 16)
        chr(code)
    except (ValueError, OverflowError):
        raise Unsupported(f"\\{e}{digits}") from None
    return code, end


def _is_count(body: str) -> bool:
    parts = body.split(",")
    return 1 <= len(parts) <= 2 and all(p.isdigit() or p == "" for p in parts) and any(parts)


def _skip_quantifier(pattern: str, i: int) -> int:
    n = len(pattern)
    if i < n and pattern[i] in "*+?":
        i += 1
    elif i < n and pattern[i] == "{":
        j = pattern.find("}", i)
        if j > 0 and _is_count(pattern[i + 1:j]):
            i = j + 1
    if i < n and pattern[i] in "+?":
        i += 1
    return i


def _char_class(pattern: str, i: int, ignorecase: bool, narrow: bool = False) -> tuple[int, str]:
    """The class starting at ``pattern[i] == "["``: (index after it, RE2 text)."""
    n = len(pattern)
    j = i + 1
    out = ["["]
    if j < n and pattern[j] == "^":
        out.append("^")
        j += 1
    if j < n and pattern[j] == "]":
        out.append("\\]")
        j += 1
    wide = out[-1] == "^"  # a negated class
    # (narrow) a member that may be an ASCII blank, or a negated class: any character
    blank = wide
    last = -1  # the code point of the last plain member (a range's low end), -1 if none
    while j < n and pattern[j] != "]":
        c = pattern[j]
        if c == "[":  # version 0: a literal "[" unless a POSIX class [:alpha:]
            k = pattern.find(":]", j) if pattern.startswith("[:", j) else -1
            if k > 0 and pattern[j + 2:k].lstrip("^").isalpha():
                wide = True
                name = pattern[j + 2:k]
                blank = blank or name.startswith("^") or name.lower() not in _NO_BLANK_POSIX
                j = k + 2
            else:
                out.append("\\[")
                last = ord("[")
                j += 1
            continue
        if c == "\\":
            e = pattern[j + 1] if j + 1 < n else ""
            if e == "s":
                out.append(_SPACE)
                blank = True
                last = -1
                j += 2
                continue
            if e in "dwDWSpP":
                wide = True
                k = j
                j = pattern.find("}", j) + 1 if e in "pP" and j + 2 < n and pattern[j + 2] == "{" else j + 2
                if j <= 0:
                    raise Unsupported("unclosed \\p{ in a class")
                if e in "DWP" or (e == "p" and not _no_blank_property(pattern[k + 2:j])):
                    blank = True
                last = -1
                continue
            if e in "uU":
                width = 4 if e == "u" else 8
                digits = pattern[j + 2:j + 2 + width]
                out.append("\\x{" + digits + "}")
                last = _code_point(digits)
                blank = blank or last < 0 or _is_blank(last)
                j += 2 + width
                continue
            if e in _UNSUPPORTED_ESCAPES or e == "":
                raise Unsupported(f"\\{e} in a class")
            out.append(pattern[j:j + 2])
            if e.isalnum():  # \t, \n, \x20, \0 ...: may be a blank
                blank = True
                last = -1
            else:
                last = ord(e)
            j += 2
            continue
        if c == "-" and last >= 0 and j + 1 < n and pattern[j + 1] != "]":
            # a range: from the last member to the next one (a blank inside it?)
            nxt = pattern[j + 1]
            hi = ord(nxt) if nxt != "\\" else -1
            if hi < 0 or (last <= 0x20 and hi >= 0x09):
                blank = True
        if ord(c) > 0x7F:
            wide = True  # non-ASCII members and ranges: RE2 builds large automata for them
        blank = blank or _is_blank(ord(c))
        last = ord(c)
        out.append(c)
        j += 1
    if j >= n:
        raise Unsupported("unclosed [")
    if wide and narrow and not blank:  # no member is an ASCII blank: any character but one
        return j + 1, _NOT_BLANK
    if wide:  # a Unicode or negated class: any character, a superset RE2 runs fast
        return j + 1, _ANY
    out.append("İı")  # regex may fold i/I with İ/ı (a scoped (?i:...) too), RE2 does not
    out.append("]")
    return j + 1, "".join(out)


_NON_ASCII = "\\x{80}-\\x{10ffff}"
# outside a class, with ``tight``: the ASCII members exactly, every non-ASCII
# character (regex's classes are Unicode; RE2's Unicode classes are slow)
_TIGHT_OUTSIDE = {
    "d": f"[0-9{_NON_ASCII}]", "w": f"[0-9A-Za-z_{_NON_ASCII}]",
    # the negations exclude the ASCII members only: a superset
    "D": "[^0-9]", "W": "[^0-9A-Za-z_]", "S": "[^\\t\\n\\x0b\\f\\r\\x1c-\\x1f ]",
}
# the ASCII members of a Unicode property (its other members are all
# non-ASCII), for the spellings the packs use; any other property: any
# character. Under IGNORECASE regex's \\p{Lu} matches "a" too, and RE2's
# (?i)[A-Z] does: RE2's case-insensitive regions hold regex's (relax keeps
# every "i" flag turned on, and none turned off)
_PROPERTY_ASCII = {
    "L": "A-Za-z", "Lu": "A-Z", "Ll": "a-z", "L&": "A-Za-z", "Letter": "A-Za-z", "Alpha": "A-Za-z",
    "Alphabetic": "A-Za-z", "Lt": "", "Lm": "", "Lo": "", "M": "", "Mn": "", "Mc": "", "Me": "", "Mark": "",
    "N": "0-9", "Nd": "0-9",
}


def _property_name(escape: str) -> str:
    """``\\p{Lu}`` -> "Lu", ``\\pL`` -> "L" (``\\P`` and ``\\p{^...}`` give "^...")."""
    name = escape[3:-1] if escape[2:3] == "{" else escape[2:]
    return ("^" + name) if escape[1] == "P" else name


def _property(escape: str) -> str:
    """A ``\\p``/``\\P`` escape outside a class, with ``tight``."""
    name = _property_name(escape)
    ascii_part = _PROPERTY_ASCII.get(name)
    if ascii_part is not None:
        return f"[{ascii_part}{_NON_ASCII}]"
    ascii_part = _PROPERTY_ASCII.get(name[1:]) if name.startswith("^") else None
    if ascii_part in _CASE_CLOSED:  # the negation: everything but the ASCII members (a superset)
        return f"[^{ascii_part}]"
    return _ANY


# ASCII sets that hold both cases of each letter: excluding them means the
# same with and without IGNORECASE
_CASE_CLOSED = frozenset(("A-Za-z", "0-9", "0-9A-Za-z_"))
_CLASS_ESCAPES = {"n": 10, "t": 9, "r": 13, "f": 12, "v": 11, "a": 7, "b": 8}


def _class_member(pattern: str, j: int) -> tuple[int, tuple]:
    """The class member at ``pattern[j]``: (index after it, member), the
    member ``("c", code point)``, ``("s", RE2 set text, has non-ASCII members)``
    or ``("wide",)`` (no ASCII-exact form)."""
    n = len(pattern)
    c = pattern[j]
    if c == "[":
        k = pattern.find(":]", j) if pattern.startswith("[:", j) else -1
        if k > 0 and pattern[j + 2:k].lstrip("^").isalpha():
            return k + 2, ("wide",)
        return j + 1, ("c", ord("["))
    if c != "\\":
        return j + 1, ("c", ord(c))
    e = pattern[j + 1] if j + 1 < n else ""
    if e == "s":
        return j + 2, ("s", _SPACE, False)
    if e in "dw":
        return j + 2, ("s", "0-9" if e == "d" else "0-9A-Za-z_", True)
    if e in "pP":
        end = pattern.find("}", j) + 1 if j + 2 < n and pattern[j + 2] == "{" else j + 3
        if end <= 0:
            raise Unsupported("unclosed \\p{ in a class")
        name = _property_name(pattern[j:end])
        ascii_part = _PROPERTY_ASCII.get(name)
        return end, (("s", ascii_part, True) if ascii_part is not None else ("wide",))
    if e in "xuU":
        code, end = _hex_escape(pattern, j)
        return end, ("c", code)
    if e in _CLASS_ESCAPES:
        return j + 2, ("c", _CLASS_ESCAPES[e])
    if e == "" or e in _UNSUPPORTED_ESCAPES:
        raise Unsupported(f"\\{e} in a class")
    if e.isalnum():  # \D, \W, \S, \0, ... : no exact ASCII form here
        return j + 2, ("wide",)
    return j + 2, ("c", ord(e))


def _caseless(code: int) -> bool:
    ch = chr(code)
    return ch.lower() == ch and ch.upper() == ch and ch.casefold() == ch


def _tight_class(pattern: str, i: int, ignorecase: bool) -> tuple[int, str]:
    # ``ignorecase``: regex matches this class case-insensitively
    """The class starting at ``pattern[i] == "["`` with ``tight``: (index
    after it, RE2 text). A class keeps its ASCII members and its non-ASCII
    characters that have no case; any other non-ASCII member (a range, a
    cased letter, ``\\d``, ``\\p{L}``) stands for every non-ASCII character.
    A negated class excludes its ASCII members and white space only
    (excluding less is a superset). POSIX classes, ``\\D``, ``\\W``, ``\\S`` and
    unknown properties make a class any character (a negated one: they are
    left out)."""
    n = len(pattern)
    j = i + 1
    negated = j < n and pattern[j] == "^"
    if negated:
        j += 1
    parts: list[str] = []
    non_ascii = wide = False
    first = True
    while j < n and (pattern[j] != "]" or first):
        first = False
        j, m = _class_member(pattern, j)
        if m[0] == "c" and j + 1 < n and pattern[j] == "-" and pattern[j + 1] != "]":
            j, hi = _class_member(pattern, j + 1)
            if hi[0] != "c" or hi[1] < m[1]:
                raise Unsupported("a range that is not one")
            lo, top = m[1], hi[1]
            if lo < 0x80:
                parts.append(f"\\x{{{lo:x}}}-\\x{{{min(top, 0x7F):x}}}")
            if top >= 0x80:
                non_ascii = True
            continue
        if m[0] == "c":
            code = m[1]
            if code < 0x80 or _caseless(code):
                parts.append(f"\\x{{{code:x}}}")
            elif not negated:
                non_ascii = True
        elif m[0] == "s":
            if negated and m[1] != _SPACE and m[1] not in _CASE_CLOSED:
                continue  # not excluded: excluding less is a superset
            parts.append(m[1])
            non_ascii = non_ascii or m[2]
        else:
            wide = True
    if j >= n:
        raise Unsupported("unclosed [")
    j += 1
    if negated:
        return j, ("[^" + "".join(parts) + "]") if parts else _ANY
    if wide:
        return j, _ANY
    if non_ascii:
        parts.append(_NON_ASCII)
    elif ignorecase:
        parts.append("İı")  # regex may fold i/I with İ/ı, RE2 does not
    return j, "[" + "".join(parts) + "]"


class Gate:
    """RE2 running the relaxed form of one or more exact patterns.

    Picklable (the rule cache keeps compiled rules): it pickles as its RE2
    source and compiles again when loaded."""

    __slots__ = ("_empty", "_re", "source")

    def __init__(self, compiled: Any, source: str) -> None:
        self._re = compiled
        self.source = source
        self._empty = compiled is None or compiled.search(b"") is not None  # it matches the empty string

    def search(self, text: str) -> bool:
        """Can any of the exact patterns match somewhere in ``text``?

        Meant for a whole article or block, once: the text is encoded for
        RE2 once and kept for the next gate that asks about the same text."""
        if self._re is None:
            return True
        encoded = _encoded(text)
        if encoded is None:  # a lone surrogate (only from the API): no gate
            return True
        return self._re.search(encoded) is not None

    def first(self, text: str, start: int = 0, end: int | None = None) -> int:
        """Where in ``text[start:end]`` the leftmost match of the relaxed
        pattern starts (an offset in ``text``), -1 if none: no match of the
        exact patterns starts before it (every place where one does is a
        place where the relaxed pattern matches). ``start`` without a gate."""
        if self._re is None:
            return start
        piece = text[start:end]
        try:
            encoded = piece.encode("utf-8")
        except UnicodeEncodeError:
            return start
        m = self._re.search(encoded)
        if m is None:
            return -1
        return start + len(encoded[: m.start()].decode("utf-8"))

    def search_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
        """For each span ``(a, b)`` of ``text`` (code-point offsets), whether
        the gate may pass ``text[a:b]``: never False where ``self.search(text[a:b])``
        is True, and one pass over the text (from the first span's start to the
        last one's end) instead of one search per span.

        The pass collects the relaxed pattern's matches over the text, left
        to right, each search starting where the last match ended. A match of
        the exact patterns inside a span is a match of the relaxed one there
        (a relaxed pattern has no anchor and no boundary), and the pass finds
        a match that overlaps it: the last match starting at or before it
        either reaches into it, or ended before it and the next search, from
        there, finds a match that starts at or before it. So a span that no
        match overlaps holds none; one that holds a whole match may (True);
        one only overlapped (a long match running across it) is searched on
        its own. A few spans are searched one by one."""
        n = len(spans)
        if self._re is None or not n:
            return [True] * n
        if n <= _FEW_SPANS or self._empty:  # (a pattern that matches the empty string matches everywhere)
            return self._each(text, spans)
        # over the part of the text the spans cover (a paragraph's sentences need no more), as its
        # own text: no anchor, no boundary, the same matches; encoded once (the last text is kept)
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        piece = text if lo == 0 and hi == len(text) else text[lo:hi]
        encoded = _encoded(piece)
        if encoded is None:  # a lone surrogate (only from the API): no gate
            return [True] * n
        found = []
        if len(encoded) == len(piece):  # ASCII: byte offsets are code-point offsets
            for m in self._re.finditer(encoded):
                found.append((lo + m.start(), lo + m.end()))
        else:  # code points counted from the last match on: linear in the text
            byte, char = 0, lo
            for m in self._re.finditer(encoded):
                p = char + len(encoded[byte : m.start()].decode("utf-8"))
                byte, char = m.end(), p + len(encoded[m.start() : m.end()].decode("utf-8"))
                found.append((p, char))
        if not found:
            return [False] * n
        starts = [p for p, _ in found]
        ends = [q for _, q in found]  # increasing too: the matches do not overlap
        out: list[bool] = []
        for a, b in spans:
            lo = bisect.bisect_right(ends, a)  # the first match ending after a
            hi = bisect.bisect_left(starts, b)  # the matches starting before b: [lo, hi)
            if lo >= hi:
                out.append(False)
            elif any(a <= found[k][0] and found[k][1] <= b for k in range(lo, hi)):
                out.append(True)
            else:
                out.append(self._each(text, [(a, b)])[0])
        return out

    def _each(self, text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
        """Each span searched on its own, with RE2's own call (no match object)."""
        raw = getattr(self._re, "_regexp", None)
        match = raw.Match if raw is not None and _UNANCHORED is not None else None
        out: list[bool] = []
        for a, b in spans:
            try:
                encoded = text[a:b].encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate (only from the API): no gate
                out.append(True)
                continue
            if match is not None:  # the span of the whole match is (-1, -1) for none
                out.append(match(_UNANCHORED, encoded, 0, len(encoded))[0][0] >= 0)
            else:  # another google-re2 than the one known: its public API
                out.append(self._re.search(encoded) is not None)
        return out

    def __getstate__(self) -> str:
        return self.source

    def __setstate__(self, state: str) -> None:
        again = compile_source(state)
        self._re = again._re if again is not None else None
        self.source = state
        self._empty = self._re is None or self._re.search(b"") is not None


# google-re2's anchor for an unanchored search, for its RE2 object's Match (None: not known)
_UNANCHORED = getattr(getattr(_re2, "_Anchor", None), "UNANCHORED", None)
_FEW_SPANS = 4  # up to this many spans, one search each is cheaper than a pass collecting matches

_last: tuple[str | None, bytes | None] = (None, b"")  # the last text encoded, and its UTF-8 bytes


def _encoded(text: str) -> bytes | None:
    """``text`` in UTF-8 for RE2, None when it holds a lone surrogate (which
    UTF-8 cannot carry: the caller then runs without the gate)."""
    global _last
    last = _last  # one read, one write: threads never pair a text with another's bytes
    if last[0] is not text:
        try:
            data: bytes | None = text.encode("utf-8")
        except UnicodeEncodeError:
            data = None
        last = _last = (text, data)
    return last[1]


def compile_source(source: str) -> Gate | None:
    """A gate for an RE2 pattern written as such (no relaxing), or None
    when RE2 is missing or refuses it."""
    if _re2 is None:
        return None
    options = _re2.Options()
    options.max_mem = 64 << 20
    options.log_errors = False  # RE2 would print to stderr (a DFA out of budget falls back quietly)
    options.never_capture = True
    try:
        compiled = _re2.compile(source, options)
    except Exception:  # RE2 refuses it (too big, a construct it lacks): no gate
        return None
    return Gate(compiled, source) if compiled.programsize <= _MAX_PROGRAM else None


# a pattern anchored at the start of its text: regex tries it at one place only
_ANCHORED = regexes.compile(r"(?:\(\?[a-z]*\))*(?:\^|\\A)")
_MAX_PROGRAM = 20_000  # RE2 program size beyond which its automaton is no faster than regex
_REFUSED_FLAGS = (regex.VERBOSE | regex.V1 | regex.BESTMATCH | regex.ENHANCEMATCH | regex.POSIX | regex.ASCII
                  | regex.LOCALE | regex.FULLCASE | regex.REVERSE)


def _relaxed(pattern: str, ignorecase: bool, narrow: bool, edges: bool = False, tight: bool = False) -> str | None:
    try:
        return relax(pattern, ignorecase, narrow, edges, tight)
    except (Unsupported, ValueError, IndexError):
        return None


def relaxed_parts(patterns: Sequence[regex.Pattern], narrow: bool = False, edges: bool = False,
                  tight: bool = False) -> list[str] | None:
    """The relaxed RE2 form of each pattern (flags applied: case, dot-all), or
    None when a pattern has none (see :func:`gate`). Each relaxation is
    computed once per environment (``lint.regexes.derived``). ``edges`` and
    ``tight``: see :func:`relax` (with ``edges`` an anchored pattern has a
    gate too: it is asked about a whole article)."""
    parts = []
    for p in patterns:
        if p.flags & _REFUSED_FLAGS or (not edges and _ANCHORED.match(p.pattern) and not p.flags & regex.MULTILINE):
            return None
        ignorecase = bool(p.flags & regex.IGNORECASE)
        key = f"relax{int(ignorecase)}{int(narrow)}" + (f"e{int(edges)}t{int(tight)}" if edges or tight else "")
        relaxed = regexes.derived(key, p.pattern,
                                  functools.partial(_relaxed, p.pattern, ignorecase, narrow, edges, tight))
        if relaxed is None:
            return None
        parts.append(relaxed)
        if p.flags & regex.DOTALL:
            parts[-1] = "(?s:" + parts[-1] + ")"
    return parts


def gate(*patterns: regex.Pattern, edges: bool = False, tight: bool = False) -> Gate | None:
    """A gate for compiled ``regex`` patterns (a match of any of them is a
    match of the gate), or None when RE2 is missing or a pattern has no
    superset RE2 can run. ``edges``: see :func:`relax` (then an anchored
    pattern has a gate too: it is asked about a whole article)."""
    if _re2 is None or not patterns:
        return None
    parts = relaxed_parts(patterns, edges=edges, tight=tight)
    return compile_source("|".join(f"(?:{p})" for p in parts)) if parts is not None else None


def word_gate(*patterns: regex.Pattern, then: str = "") -> Gate | None:
    """:func:`gate`, narrower: relaxed with ``narrow`` (a class without an
    ASCII blank stays within a word: "\\p{Ll}+ in" does not run across a
    paragraph, as "any character" does), and ``then`` (RE2 syntax, if given)
    after the patterns: what must follow any match of theirs (a superset of
    it: a relaxed pattern matches every string the exact one matches)."""
    if _re2 is None or not patterns:
        return None
    parts = relaxed_parts(patterns, narrow=True)
    if parts is None:
        return None
    return compile_source("(?:" + "|".join(f"(?:{p})" for p in parts) + ")" + then)
