"""``--output=path/to/template.tmpl`` (Vale's flag): Vale's report through a
Go ``text/template`` file, with the functions Vale gives templates.

Vale executes the template with (cmd/vale/custom.go)::

    .Files        the files with findings, in order: each a ProcessedFile
      .Path       the file's path, as newslint reports it
      .Alerts     its findings: each a core.Alert with Action {Name, Params},
                  Span [first, last] (1-based columns, inclusive), Check,
                  Description, Link, Message, Severity, Match, Line (1-based),
                  and Offset, Limit, Hide (always empty)
    .LintedTotal  the number of files linted

The alerts are those of ``--output=JSON`` (lint/formats/vale_json.py).

The interpreter here covers the part of text/template that real templates
use: ``{{ }}`` actions with ``{{-``/``-}}`` trimming, comments, fields,
variables (``:=``, ``=``, scoped to their block), pipelines, parenthesised
calls, literals, ``if``/``else if``/``else``, ``range`` (``$i, $e :=``,
``else``, ``break``, ``continue``), ``with``/``else with``/``else``,
``define``/``template``/``block``; the builtins (``eq`` ... ``printf``,
``html``, ``js``, ``urlquery``); sprig's functions that templates call
(strings, lists, dicts, arithmetic, ``toJson``, regexes, ...); and Vale's own
(``jsonEscape``, ``red``, ``blue``, ``yellow``, ``underline``, ``newTable``,
``addRow``, ``renderTable``). A function outside these is a parse error
naming it, the template file and line, as Go reports an undefined function.

Values follow Go's rules where output depends on them: ``len`` of a string
counts UTF-8 bytes, ``printf`` gives Go's ``%!d(string=x)`` for a verb that
does not fit, ``toJson``/``jsonEscape`` escape ``<``, ``>`` and ``&`` as
``encoding/json`` does, maps range and print in key order. Two choices where
Vale's output is not reproducible: sprig's ``keys`` is in sorted order (Go's
is random), and the colour functions colour only when standard output is a
terminal and ``NO_COLOR`` is unset.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Bounds, so that a template cannot take the process down:
# - template calls nest at most _MAX_DEPTH deep (Go's maxExecDepth is 100000, but each level here
#   costs Python frames: measured, one for a bare `{{template}}`, one more for each enclosing if or
#   with, two for a range; so 100 levels stays well inside Python's default limit of 1000 frames);
#   source nested too deeply to parse or walk is a RecursionError, made a TemplateError;
# - a repeat, indent or nindent result is at most _MAX_OUTPUT characters, an until or untilStep
#   list and a range over an int at most _MAX_ITEMS elements.
_MAX_DEPTH = 100
_MAX_OUTPUT = 10_000_000
_MAX_ITEMS = 1_000_000


class TemplateError(Exception):
    """A template that does not parse or fails to execute: ``file:line: problem``."""


# --------------------------------------------------------------------------
# Go values


class GoStruct:
    """A Go struct value: its type name and its fields, in declaration order."""

    __slots__ = ("fields", "hidden", "type")

    def __init__(self, type: str, fields: dict[str, Any], hidden: frozenset[str] = frozenset()):
        self.type = type
        self.fields = fields
        self.hidden = hidden  # fields tagged json:"-"


class NilList(list):
    """A nil slice: empty, ``null`` in JSON."""


def _type_name(v: Any) -> str:
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, GoStruct):
        return v.type
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, _Table):
        return "*tablewriter.Table"
    return type(v).__name__


def _go_float(f: float) -> str:
    """Go's ``%v`` for a float64: strconv's shortest 'g' (an exponent from -4 to 5 is written out)."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    digits, exp = _shortest(abs(f))
    sign = "-" if f < 0 else ""
    if exp < -4 or exp >= 6:
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{m}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if exp < 0:
        return f"{sign}0.{'0' * (-exp - 1)}{digits}"
    if len(digits) <= exp + 1:
        return sign + digits + "0" * (exp + 1 - len(digits))
    return f"{sign}{digits[:exp + 1]}.{digits[exp + 1:]}"


def _shortest(a: float) -> tuple[str, int]:
    """The shortest decimal digits that give ``a`` (> 0) back, and the exponent of the first."""
    from decimal import Decimal

    _sign, ds, e = Decimal(repr(a)).as_tuple()
    text = "".join(map(str, ds)).lstrip("0")
    exp = len(ds) + int(e) - 1 - (len(ds) - len("".join(map(str, ds)).lstrip("0")))
    return text.rstrip("0") or "0", exp


def _fmt_v(v: Any, plus: bool = False, top: bool = False) -> str:
    """Go's ``%v`` (``%+v`` with field names)."""
    if v is None:
        return "<no value>" if top else "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _go_float(v)
    if isinstance(v, str):
        return v
    if isinstance(v, GoStruct):
        if plus:
            return "{" + " ".join(f"{k}:{_fmt_v(x, plus)}" for k, x in v.fields.items()) + "}"
        return "{" + " ".join(_fmt_v(x, plus) for x in v.fields.values()) + "}"
    if isinstance(v, list):
        return "[" + " ".join(_fmt_v(x, plus) for x in v) + "]"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{_fmt_v(k, plus)}:{_fmt_v(v[k], plus)}" for k in _sorted_keys(v)) + "]"
    if isinstance(v, _Table):
        return "&{...}"
    return str(v)


def _sorted_keys(d: dict) -> list:
    try:
        return sorted(d)
    except TypeError:
        return sorted(d, key=str)


def _truth(v: Any) -> bool:
    """Go template truth: false, 0, nil and empty values are false."""
    if v is None:
        return False
    if isinstance(v, (bool, int, float, str, list, dict)):
        return bool(v)
    return True


def _quote(s: str) -> str:
    """Go's strconv.Quote."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in _SHORT_ESC:
            out.append(_SHORT_ESC[ch])
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\\ufffd")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_SHORT_ESC = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


# --------------------------------------------------------------------------
# fmt.Sprintf

_VERB = re.compile(r"%([-+# 0]*)(\[\d+\])?(\d+|\*)?(?:\.(\*|\d*))?(\[\d+\])?(.|$)", re.S)
_MAX_WIDTH = 1_000_000  # fmt's tooLarge: a width or precision beyond is refused


def _parsenum(digits: str) -> int | None:
    """fmt's parsenum: None when the number overflows (Go then takes the rest of the format as
    part of the directive, and prints %!(NOVERB))."""
    num = 0
    for c in digits:
        if num > _MAX_WIDTH:
            return None
        num = num * 10 + ord(c) - 48
    return num


def _int_arg(args: list, i: int) -> int | None:
    """fmt's intFromArg: the int argument for a `*`, or None (BADWIDTH, BADPREC)."""
    if i < len(args):
        a = args[i]
        if isinstance(a, int) and not isinstance(a, bool) and -_MAX_WIDTH <= a <= _MAX_WIDTH:
            return a
    return None


def _bad(verb: str, v: Any) -> str:
    return f"%!{verb}(<nil>)" if v is None else f"%!{verb}({_type_name(v)}={_fmt_v(v)})"


def _fmt_one(verb: str, flags: str, prec: int | None, v: Any) -> str:
    if verb == "v":
        if isinstance(v, str) and "#" in flags:
            return _quote(v)
        return _fmt_v(v, plus="+" in flags)
    if verb == "T":
        return _type_name(v)
    if isinstance(v, list) and verb in "sdqxXfFeEgGtc":
        return "[" + " ".join(_fmt_one(verb, flags, prec, x) for x in v) + "]"
    if isinstance(v, GoStruct) and verb in "sdqx":
        return "{" + " ".join(_fmt_one(verb, flags, prec, x) for x in v.fields.values()) + "}"
    if verb == "s":
        if isinstance(v, str):
            return v if prec is None else v[:prec]
        return _bad(verb, v)
    if verb == "q":
        if isinstance(v, str):
            return _quote(v)
        if isinstance(v, int) and not isinstance(v, bool):
            return "'" + _quote(chr(v))[1:-1].replace("\\\"", '"') + "'"
        return _bad(verb, v)
    if verb == "t":
        return ("true" if v else "false") if isinstance(v, bool) else _bad(verb, v)
    if isinstance(v, bool) or v is None:
        return _bad(verb, v)
    if verb == "d":
        s = str(v) if isinstance(v, int) else None
        if s is None:
            return _bad(verb, v)
        return ("+" + s) if "+" in flags and v >= 0 else s
    if verb == "c":
        return chr(v) if isinstance(v, int) else _bad(verb, v)
    if verb in "xX":
        if isinstance(v, int):
            s = format(v, "x")
        elif isinstance(v, str):
            s = v.encode("utf-8", "surrogatepass").hex()
        else:
            return _bad(verb, v)
        return s.upper() if verb == "X" else s
    if verb in "fFeEgG":
        if not isinstance(v, float):
            return _bad(verb, v)
        if verb in "gG" and prec is None:
            s = _go_float(v)
            return s.upper() if verb == "G" else s
        p = 6 if prec is None else prec
        s = format(v, f"{'+' if '+' in flags else ''}.{p}{verb.lower() if verb != 'F' else 'f'}")
        return s.upper() if verb in "EG" else s
    if verb == "b" and isinstance(v, int):
        return format(v, "b")
    if verb == "o" and isinstance(v, int):
        return format(v, "o")
    return _bad(verb, v)


def sprintf(fmt: str, args: list) -> str:
    out: list[str] = []
    pos = 0
    argi = 0
    reordered = False
    for m in _VERB.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, idx1, width, prec, idx2, verb = m.groups()
        if verb == "%" and not (flags or idx1 or width or prec is not None):
            out.append("%")
            continue
        if not verb:
            out.append("%!(NOVERB)")
            continue
        if idx1 or idx2:
            argi = int((idx1 or idx2)[1:-1]) - 1
            reordered = True
        w = None
        if width == "*":
            w = _int_arg(args, argi)
            argi += 1
            if w is None:
                out.append("%!(BADWIDTH)")
            elif w < 0:
                w, flags = -w, flags + "-"
        elif width:
            w = _parsenum(width)
            if w is None:
                out.append("%!(NOVERB)")
                pos = len(fmt)
                break
        p: int | None = None
        if prec == "*":
            p = _int_arg(args, argi)
            argi += 1
            if p is None or p < 0:
                out.append("%!(BADPREC)")
                p = None
        elif prec is not None:
            p = _parsenum(prec)
            if p is None:
                out.append("%!(NOVERB)")
                pos = len(fmt)
                break
        if argi >= len(args) or argi < 0:
            out.append(f"%!{verb}(MISSING)")
            continue
        s = _fmt_one(verb, flags, p, args[argi])
        argi += 1
        if w is not None and len(s) < w:
            if "-" in flags:
                s = s.ljust(w)
            elif "0" in flags and verb in "dfFeEgGxX" and s[:1] in "+-":
                s = s[0] + s[1:].rjust(w - 1, "0")
            else:
                s = s.rjust(w, "0" if "0" in flags and verb in "dfFeEgGxXb" else " ")
        out.append(s)
    out.append(fmt[pos:])
    if not reordered and argi < len(args):
        extra = ", ".join(_bad("", a)[3:-1] if a is not None else "<nil>" for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _sprint(args: list) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    out = []
    for i, a in enumerate(args):
        if i and not isinstance(a, str) and not isinstance(args[i - 1], str):
            out.append(" ")
        out.append(_fmt_v(a))
    return "".join(out)


# --------------------------------------------------------------------------
# encoding/json, as Go marshals


def go_json(v: Any, indent: str | None = None, html: bool = True, _level: int = 0) -> str:
    if v is None or isinstance(v, NilList):
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise _ExecError(f"json: unsupported value: {_go_float(v)}")
        a = abs(v)
        if a != 0 and (a < 1e-6 or a >= 1e21):
            return repr(v).replace("e-0", "e-").replace("e+0", "e+")
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, str):
        return _json_str(v, html)
    nl = "\n" + indent * (_level + 1) if indent is not None else ""
    end = "\n" + indent * _level if indent is not None else ""
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        return "[" + ",".join(nl + go_json(x, indent, html, _level + 1) for x in v) + end + "]"
    if isinstance(v, GoStruct):
        items = [(k, x) for k, x in v.fields.items() if k not in v.hidden]
    elif isinstance(v, dict):
        items = [(str(k), v[k]) for k in _sorted_keys(v)]
    else:
        return "{}"
    if not items:
        return "{}"
    colon = ": " if indent is not None else ":"
    return "{" + ",".join(nl + _json_str(k, html) + colon + go_json(x, indent, html, _level + 1)
                          for k, x in items) + end + "}"


def _json_str(s: str, html: bool = True) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\n\r\t\b\f":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}[ch])
        elif o < 0x20 or (html and ch in "<>&") or o in (0x2028, 0x2029):
            out.append(f"\\u{o:04x}")
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _from_go(v: Any) -> Any:
    """A decoded JSON value as template values (numbers as float64, as Go decodes them)."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, list):
        return [_from_go(x) for x in v]
    if isinstance(v, dict):
        return {k: _from_go(x) for k, x in v.items()}
    return v


# --------------------------------------------------------------------------
# Lexing and parsing


@dataclass
class _Tok:
    kind: str  # str raw char num bool nil dot field var ident pipe lparen rparen decl assign comma
    value: Any
    line: int
    space: bool  # white space before it


_KEYWORDS = frozenset(("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"))
_SPACE = " \t\r\n"
_NUM = re.compile(r"[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"', "'": "'"}


def _unescape(body: str, where: Callable[[str], Exception]) -> str:
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = body[i + 1:i + 2]
        if n in _ESCAPES:
            out.append(_ESCAPES[n])
            i += 2
        elif n in ("x", "u", "U"):
            size = {"x": 2, "u": 4, "U": 8}[n]
            hexd = body[i + 2:i + 2 + size]
            if len(hexd) != size or not all(h in "0123456789abcdefABCDEF" for h in hexd):
                raise where("invalid syntax in quoted string")
            out.append(chr(int(hexd, 16)))
            i += 2 + size
        elif n and n in "01234567":
            octd = body[i + 1:i + 4]
            out.append(chr(int(octd, 8)))
            i += 4
        else:
            raise where("invalid syntax in quoted string")
    return "".join(out)


@dataclass
class _Pipe:
    decl: list[str]
    assign: bool  # `=` rather than `:=`
    cmds: list[list]  # each command: its operands
    line: int


@dataclass
class _Node:
    kind: str  # text action if range with template break continue
    line: int
    text: str = ""
    pipe: _Pipe | None = None
    body: list = field(default_factory=list)
    other: list | None = None  # else
    name: str = ""


class _Parser:
    def __init__(self, src: str, name: str, funcs: dict[str, Any]):
        self.src = src
        self.name = name
        self.funcs = funcs
        self.defines: dict[str, list] = {}
        self.items = self._lex()
        self.pos = 0
        self.vars: list[str] = ["$"]

    def error(self, line: int, msg: str) -> TemplateError:
        return TemplateError(f"{self.name}:{line}: {msg}")

    # -- lexing: text and actions (each a token list)
    def _lex(self) -> list[tuple[str, Any, int]]:
        src = self.src
        items: list[tuple[str, Any, int]] = []
        pos = 0
        line = 1
        trim_next = False
        while True:
            start = src.find("{{", pos)
            text = src[pos:] if start < 0 else src[pos:start]
            if start >= 0 and src[start + 2:start + 3] == "-" and src[start + 3:start + 4] in tuple(_SPACE):
                left_trim = True
            else:
                left_trim = False
            shown = text
            if trim_next:
                shown = shown.lstrip(_SPACE)
            if left_trim:
                shown = shown.rstrip(_SPACE)
            if shown:
                items.append(("text", shown, line + text[:len(text) - len(text.lstrip(_SPACE))].count("\n")
                              if trim_next else line))
            line += text.count("\n")
            if start < 0:
                break
            pos = start + 2 + (2 if left_trim else 0)
            action_line = line
            if src.startswith("/*", pos):
                close = src.find("*/", pos + 2)
                if close < 0:
                    raise self.error(line, "unclosed comment")
                line += src[pos:close].count("\n")
                after = close + 2
                if src.startswith("}}", after):
                    pos, trim_next = after + 2, False
                elif src[after:after + 1] in tuple(_SPACE) and src.startswith("-}}", after + 1):
                    pos, trim_next = after + 4, True
                else:
                    raise self.error(line, "comment ends before closing delimiter")
                continue
            toks, pos, line, trim_next = self._lex_action(pos, line)
            items.append(("action", toks, action_line))
        return items

    def _lex_action(self, pos: int, line: int) -> tuple[list[_Tok], int, int, bool]:
        src = self.src
        toks: list[_Tok] = []
        space = True
        while True:
            if pos >= len(src):
                raise self.error(line, "unclosed action")
            c = src[pos]
            if c in _SPACE:
                if src.startswith("-}}", pos + 1):
                    line += c == "\n"
                    return toks, pos + 4, line, True
                line += c == "\n"
                pos += 1
                space = True
                continue
            if src.startswith("}}", pos):
                return toks, pos + 2, line, False
            tok_line = line
            if c == '"':
                end = pos + 1
                while end < len(src) and src[end] != '"':
                    if src[end] == "\\":
                        end += 1
                    if end < len(src) and src[end] == "\n":
                        raise self.error(line, "unterminated quoted string")
                    end += 1
                if end >= len(src):
                    raise self.error(line, "unterminated quoted string")
                def where(m: str, ln: int = line) -> TemplateError:
                    return self.error(ln, m)
                value = _unescape(src[pos + 1:end], where)
                toks.append(_Tok("str", value, tok_line, space))
                pos = end + 1
            elif c == "`":
                end = src.find("`", pos + 1)
                if end < 0:
                    raise self.error(line, "unterminated raw quoted string")
                value = src[pos + 1:end].replace("\r", "")
                line += value.count("\n")
                toks.append(_Tok("str", value, tok_line, space))
                pos = end + 1
            elif c == "'":
                end = src.find("'", pos + 2 if src[pos + 1:pos + 2] != "\\" else pos + 3)
                if end < 0:
                    raise self.error(line, "unterminated character constant")
                def where_ch(m: str, ln: int = line) -> TemplateError:
                    return self.error(ln, m)
                ch = _unescape(src[pos + 1:end], where_ch)
                if len(ch) != 1:
                    raise self.error(line, f"malformed character constant: {src[pos:end + 1]}")
                toks.append(_Tok("num", ord(ch), tok_line, space))
                pos = end + 1
            elif c.isdigit() or (c in "+-." and src[pos + 1:pos + 2].isdigit()) or \
                    (c in "+-" and src[pos + 1:pos + 2] == "." and src[pos + 2:pos + 3].isdigit()):
                m = _NUM.match(src, pos)
                assert m is not None
                text = m.group()
                if src[m.end():m.end() + 1].isalnum():
                    raise self.error(line, f"bad number syntax: {text + src[m.end()]!r}")
                toks.append(_Tok("num", self._number(text, line), tok_line, space))
                pos = m.end()
            elif c == ".":
                m = _IDENT.match(src, pos + 1)
                if m:
                    toks.append(_Tok("field", m.group(), tok_line, space))
                    pos = m.end()
                else:
                    toks.append(_Tok("dot", None, tok_line, space))
                    pos += 1
            elif c == "$":
                m = _IDENT.match(src, pos + 1)
                name = "$" + (m.group() if m else "")
                toks.append(_Tok("var", name, tok_line, space))
                pos = m.end() if m else pos + 1
            elif c == "|":
                toks.append(_Tok("pipe", None, tok_line, space))
                pos += 1
            elif c == "(":
                toks.append(_Tok("lparen", None, tok_line, space))
                pos += 1
            elif c == ")":
                toks.append(_Tok("rparen", None, tok_line, space))
                pos += 1
            elif c == ",":
                toks.append(_Tok("comma", None, tok_line, space))
                pos += 1
            elif src.startswith(":=", pos):
                toks.append(_Tok("decl", None, tok_line, space))
                pos += 2
            elif c == "=":
                toks.append(_Tok("assign", None, tok_line, space))
                pos += 1
            elif c.isalpha() or c == "_":
                m = _IDENT.match(src, pos)
                assert m is not None
                word = m.group()
                if word in ("true", "false"):
                    toks.append(_Tok("bool", word == "true", tok_line, space))
                elif word == "nil":
                    toks.append(_Tok("nil", None, tok_line, space))
                else:
                    toks.append(_Tok("ident", word, tok_line, space))
                pos = m.end()
            else:
                raise self.error(line, f"unrecognized character in action: {c!r}")
            space = False

    def _number(self, text: str, line: int) -> int | float:
        t = text.replace("_", "")
        try:
            if re.fullmatch(r"[+-]?0[xX][0-9a-fA-F]+", t):
                return int(t, 16)
            if re.fullmatch(r"[+-]?0[bB][01]+", t):
                return int(t, 2)
            if re.fullmatch(r"[+-]?0[oO][0-7]+", t):
                return int(t, 8)
            if re.fullmatch(r"[+-]?\d+", t):
                if len(t.lstrip("+-")) > 1 and t.lstrip("+-").startswith("0"):
                    return int(t, 8)
                return int(t)
            f = float(t)
            return int(f) if f.is_integer() and "e" not in t.lower() and "." not in t else f
        except ValueError:
            raise self.error(line, f"bad number syntax: {text!r}") from None

    # -- parsing
    def parse(self) -> list:
        nodes, term, _toks, line = self._list()
        if term is not None:
            raise self.error(line, f"unexpected {{{{{term}}}}}")
        return nodes

    def _list(self) -> tuple[list, str | None, list[_Tok], int]:
        nodes: list = []
        while self.pos < len(self.items):
            kind, value, line = self.items[self.pos]
            self.pos += 1
            if kind == "text":
                nodes.append(_Node("text", line, text=value))
                continue
            toks: list[_Tok] = value
            if not toks:
                raise self.error(line, "missing value for command")
            head = toks[0]
            word = head.value if head.kind == "ident" else None
            if word in ("end", "else"):
                return nodes, word, toks[1:], line
            if word in ("if", "range", "with"):
                nodes.append(self._control(word, toks[1:], line))
            elif word in ("define", "block"):
                name = self._template_name(toks[1:], line)
                saved = self.vars
                self.vars = ["$"]
                body, term, _, tline = self._list()
                self.vars = saved
                if term != "end":
                    raise self.error(tline, f"unexpected {{{{{term or 'EOF'}}}}} in {word}")
                self.defines[name] = body
                if word == "block":
                    pipe = self._pipeline(toks[2:], line, allow_decl=False)
                    nodes.append(_Node("template", line, pipe=pipe, name=name))
            elif word == "template":
                name = self._template_name(toks[1:], line)
                arg_pipe = self._pipeline(toks[2:], line, allow_decl=False) if len(toks) > 2 else None
                nodes.append(_Node("template", line, pipe=arg_pipe, name=name))
            elif word in ("break", "continue"):
                if len(toks) > 1:
                    raise self.error(line, f"unexpected {toks[1].kind} in {{{{{word}}}}}")
                nodes.append(_Node(word, line))
            else:
                nodes.append(_Node("action", line, pipe=self._pipeline(toks, line)))
        return nodes, None, [], self.items[-1][2] if self.items else 1

    def _template_name(self, toks: list[_Tok], line: int) -> str:
        if not toks or toks[0].kind != "str":
            raise self.error(line, "template name must be a string")
        return toks[0].value

    def _control(self, word: str, toks: list[_Tok], line: int) -> _Node:
        mark = len(self.vars)
        pipe = self._pipeline(toks, line, allow_decl=True, in_range=word == "range")
        body, term, rest, tline = self._list()
        other = None
        if term == "else":
            # `else` inside the body's scope ends it; the else branch gets its own
            del self.vars[mark + len(pipe.decl) if not pipe.assign else mark:]
            if rest and rest[0].kind == "ident" and rest[0].value in ("if", "with"):
                if word == "range":
                    raise self.error(tline, f"unexpected {{{{else {rest[0].value}}}}} in range")
                nested = self._control(rest[0].value, rest[1:], tline)
                other = [nested]
                del self.vars[mark:]
                return _Node(word, line, pipe=pipe, body=body, other=other)
            if rest:
                raise self.error(tline, "unexpected tokens after else")
            other, term, rest, tline = self._list()
        if term != "end":
            raise self.error(tline, f"unexpected {'EOF' if term is None else '{{' + term + '}}'}: "
                                    f"{{{{{word}}}}} has no {{{{end}}}}")
        if rest:
            raise self.error(tline, "unexpected tokens after end")
        del self.vars[mark:]
        return _Node(word, line, pipe=pipe, body=body, other=other)

    def _pipeline(self, toks: list[_Tok], line: int, allow_decl: bool = True, in_range: bool = False) -> _Pipe:
        decl: list[str] = []
        assign = False
        i = 0
        if allow_decl and toks and toks[0].kind == "var":
            if len(toks) > 1 and toks[1].kind in ("decl", "assign"):
                decl, assign, i = [toks[0].value], toks[1].kind == "assign", 2
            elif in_range and len(toks) > 3 and toks[1].kind == "comma" and toks[2].kind == "var" \
                    and toks[3].kind in ("decl", "assign"):
                decl, assign, i = [toks[0].value, toks[2].value], toks[3].kind == "assign", 4
            elif len(toks) > 1 and toks[1].kind == "comma":
                raise self.error(line, "too many declarations in command" if not in_range else
                                 "range can only initialize variables")
        for name in decl if assign else ():
            if name not in self.vars:
                raise self.error(line, f'undefined variable "{name}"')
        cmds, j = self._commands(toks, i, line)
        for c in cmds:
            if c[0][0] == "nil":
                raise self.error(line, "nil is not a command")
        if j != len(toks):
            raise self.error(line, f"unexpected {self._show(toks[j])} in operand")
        if not cmds:
            raise self.error(line, "missing value for command")
        if not assign:
            self.vars.extend(decl)
        return _Pipe(decl, assign, cmds, line)

    def _show(self, t: _Tok) -> str:
        return {"rparen": '")"', "lparen": '"("', "pipe": '"|"', "comma": '","', "decl": '":="',
                "assign": '"="'}.get(t.kind, repr(t.value) if t.value is not None else t.kind)

    def _commands(self, toks: list[_Tok], i: int, line: int) -> tuple[list[list], int]:
        cmds: list[list] = []
        cmd: list = []
        while i < len(toks):
            t = toks[i]
            if t.kind == "rparen":
                break
            if t.kind == "pipe":
                if not cmd:
                    raise self.error(t.line, "missing command")
                cmds.append(cmd)
                cmd = []
                i += 1
                continue
            op, i = self._operand(toks, i, line)
            cmd.append(op)
        if cmd:
            cmds.append(cmd)
        elif cmds:
            raise self.error(line, "missing command")
        return cmds, i

    def _operand(self, toks: list[_Tok], i: int, line: int) -> tuple[tuple, int]:
        t = toks[i]
        i += 1
        op: tuple
        if t.kind in ("str", "num", "bool"):
            op = ("lit", t.value)
        elif t.kind == "nil":
            op = ("nil",)
        elif t.kind == "dot":
            op = ("dot",)
        elif t.kind == "field":
            names = [t.value]
            while i < len(toks) and toks[i].kind == "field" and not toks[i].space:
                names.append(toks[i].value)
                i += 1
            return ("field", names, t.line), i
        elif t.kind == "var":
            if t.value not in self.vars:
                raise self.error(t.line, f'undefined variable "{t.value}"')
            op = ("var", t.value)
        elif t.kind == "ident":
            if t.value in _KEYWORDS:
                raise self.error(t.line, f"unexpected <{t.value}> in command")
            if t.value not in self.funcs and t.value not in ("and", "or"):
                raise self.error(t.line, f'function "{t.value}" not defined')
            op = ("ident", t.value, t.line)
        elif t.kind == "lparen":
            cmds, j = self._commands(toks, i, line)
            if j >= len(toks) or toks[j].kind != "rparen":
                raise self.error(t.line, "unclosed left paren")
            if not cmds:
                raise self.error(t.line, "missing value for parenthesized pipeline")
            op = ("pipe", _Pipe([], False, cmds, t.line))
            i = j + 1
        else:
            raise self.error(t.line, f"unexpected {self._show(t)} in operand")
        names = []
        while i < len(toks) and toks[i].kind == "field" and not toks[i].space:
            names.append(toks[i].value)
            i += 1
        if names:
            if op[0] in ("lit", "nil"):
                raise self.error(t.line, "unexpected . after term")
            op = ("chain", op, names, t.line)
        return op, i


# --------------------------------------------------------------------------
# Execution


class _ExecError(Exception):
    pass


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Missing:
    """No value piped into a command."""


_NOARG = _Missing()


class Template:
    """A parsed template: ``execute(data)`` gives its output."""

    def __init__(self, src: str, name: str, color: bool = False):
        self.name = name
        self.funcs = _functions(color)
        parser = _Parser(src, name, self.funcs)
        try:
            self.nodes = parser.parse()
        except RecursionError:
            line = parser.items[min(parser.pos, len(parser.items)) - 1][2] if parser.items else 1
            raise TemplateError(f"{name}:{line}: template nested too deeply") from None
        self.defines = parser.defines

    def execute(self, data: Any) -> str:
        run = _Run(self, data)
        try:
            run.walk(self.nodes, data)
        except (_Break, _Continue):
            raise TemplateError(f"{self.name}:{run.line}: {{{{break}}}} or {{{{continue}}}} outside {{{{range}}}}") from None
        except RecursionError:  # nesting within one template's source, at most _MAX_DEPTH of them
            raise run.fail("template nested too deeply") from None
        return "".join(run.out)


class _Run:
    def __init__(self, tmpl: Template, data: Any):
        self.t = tmpl
        self.out: list[str] = []
        self.vars: list[list] = [["$", data]]
        self.line = 1
        self.depth = 0

    def fail(self, msg: str, line: int | None = None) -> TemplateError:
        return TemplateError(f"{self.t.name}:{line or self.line}: executing: {msg}")

    def walk(self, nodes: list, dot: Any) -> None:
        for n in nodes:
            self.line = n.line
            k = n.kind
            if k == "text":
                self.out.append(n.text)
            elif k == "action":
                v = self.pipeline(n.pipe, dot)
                if not n.pipe.decl:
                    self.out.append(_fmt_v(v, top=True))
            elif k == "if" or k == "with":
                mark = len(self.vars)
                v = self.pipeline(n.pipe, dot)  # its variables are seen by both branches
                if _truth(v):
                    self.walk(n.body, v if k == "with" else dot)
                elif n.other is not None:
                    self.walk(n.other, dot)
                del self.vars[mark:]
            elif k == "range":
                self.range(n, dot)
            elif k == "template":
                tpl = self.t.defines.get(n.name)
                if tpl is None:
                    raise self.fail(f'no such template "{n.name}"', n.line)
                arg = self.pipeline(n.pipe, dot) if n.pipe is not None else None
                self.depth += 1
                if self.depth > _MAX_DEPTH:
                    raise self.fail(f"exceeded maximum template depth ({_MAX_DEPTH})", n.line)
                saved = self.vars
                self.vars = [["$", arg]]
                try:
                    self.walk(tpl, arg)
                finally:
                    self.vars = saved
                    self.depth -= 1
            elif k == "break":
                raise _Break
            elif k == "continue":
                raise _Continue

    def range(self, n: _Node, dot: Any) -> None:
        pipe = n.pipe
        assert pipe is not None  # a range node always has its pipeline
        mark = len(self.vars)
        saved, pipe.decl = pipe.decl, []  # the variables are the elements, not the value
        try:
            val = self.pipeline(pipe, dot)
        finally:
            pipe.decl = saved
        if val is None:
            items: list[tuple[Any, Any]] = []
        elif isinstance(val, list):
            items = list(enumerate(val))
        elif isinstance(val, dict):
            items = [(k, val[k]) for k in _sorted_keys(val)]
        elif isinstance(val, int) and not isinstance(val, bool):
            if val > _MAX_ITEMS:
                raise self.fail(f"range over {val}: more than {_MAX_ITEMS} iterations", n.line)
            items = [(i, i) for i in range(val)]
        else:
            raise self.fail(f"range can't iterate over {_fmt_v(val)}", n.line)
        for key, elem in items:
            if pipe.decl:
                if pipe.assign:
                    self.set_var(pipe.decl[-1], elem, n.line)
                    if len(pipe.decl) == 2:
                        self.set_var(pipe.decl[0], key, n.line)
                elif len(pipe.decl) == 1:
                    self.vars.append([pipe.decl[0], elem])
                else:
                    self.vars.append([pipe.decl[0], key])
                    self.vars.append([pipe.decl[1], elem])
            try:
                self.walk(n.body, elem)
            except _Continue:
                pass
            except _Break:
                del self.vars[mark:]
                break
            del self.vars[mark:]
        if not items and n.other is not None:
            self.walk(n.other, dot)
        del self.vars[mark:]

    def set_var(self, name: str, value: Any, line: int) -> None:
        for entry in reversed(self.vars):
            if entry[0] == name:
                entry[1] = value
                return
        raise self.fail(f'undefined variable: {name}', line)

    def var(self, name: str) -> Any:
        for entry in reversed(self.vars):
            if entry[0] == name:
                return entry[1]
        raise self.fail(f"undefined variable: {name}")

    def pipeline(self, pipe: _Pipe, dot: Any) -> Any:
        value: Any = _NOARG
        for cmd in pipe.cmds:
            value = self.command(cmd, dot, value)
        for name in pipe.decl:
            if pipe.assign:
                self.set_var(name, value, pipe.line)
            else:
                self.vars.append([name, value])
        return value

    def command(self, cmd: list, dot: Any, final: Any) -> Any:
        first = cmd[0]
        if first[0] == "ident":
            return self.call(first[1], cmd[1:], dot, final, first[2])
        if first[0] == "field":
            if len(cmd) > 1 or final is not _NOARG:
                raise self.fail(f"{first[1][-1]} is not a method but has arguments", first[2])
        elif len(cmd) > 1 or final is not _NOARG:
            raise self.fail(f"can't give argument to non-function {self._show(first)}")
        return self.arg(first, dot)

    def _show(self, op: tuple) -> str:
        if op[0] == "lit":
            return _quote(op[1]) if isinstance(op[1], str) else _fmt_v(op[1])
        if op[0] == "var":
            return op[1]
        if op[0] == "dot":
            return "."
        return op[0]

    def arg(self, op: tuple, dot: Any) -> Any:
        k = op[0]
        if k == "lit":
            return op[1]
        if k == "nil":
            return None
        if k == "dot":
            return dot
        if k == "var":
            return self.var(op[1])
        if k == "field":
            return self.fields(dot, op[1], op[2])
        if k == "pipe":
            return self.pipeline(op[1], dot)
        if k == "chain":
            return self.fields(self.arg(op[1], dot), op[2], op[3])
        if k == "ident":
            return self.call(op[1], [], dot, _NOARG, op[2])
        raise self.fail(f"cannot evaluate {k}")  # pragma: no cover

    def fields(self, value: Any, names: list[str], line: int) -> Any:
        for name in names:
            if isinstance(value, GoStruct):
                if name not in value.fields:
                    raise self.fail(f"can't evaluate field {name} in type {value.type}", line)
                value = value.fields[name]
            elif isinstance(value, dict):
                value = value.get(name)
            elif value is None:
                raise self.fail(f"nil pointer evaluating interface {{}}.{name}", line)
            else:
                raise self.fail(f"can't evaluate field {name} in type {_type_name(value)}", line)
        return value

    def call(self, name: str, ops: list, dot: Any, final: Any, line: int) -> Any:
        if name in ("and", "or"):
            if not ops and final is _NOARG:
                raise self.fail(f"wrong number of args for {name}: want at least 1 got 0", line)
            v: Any = None
            for op in ops:
                v = self.arg(op, dot)
                if _truth(v) != (name == "and"):
                    return v
            if final is not _NOARG:
                v = final
            return v
        fn, spec = self.t.funcs[name]
        args = [self.arg(op, dot) for op in ops]
        if final is not _NOARG:
            args.append(final)
        args = self.check_args(name, spec, args, line)
        try:
            return fn(self, *args)
        except TemplateError:
            raise
        except _ExecError as exc:
            raise self.fail(f"error calling {name}: {exc}", line) from None
        except ZeroDivisionError:
            raise self.fail(f"error calling {name}: runtime error: integer divide by zero", line) from None
        except (IndexError, KeyError, TypeError, ValueError, re.error, RecursionError) as exc:
            raise self.fail(f"error calling {name}: {exc}", line) from None

    def check_args(self, name: str, spec: str, args: list, line: int) -> list:
        variadic = spec.endswith("*")
        fixed = spec[:-2] if variadic else spec
        if (len(args) != len(fixed)) if not variadic else len(args) < len(fixed):
            want = f"at least {len(fixed)}" if variadic else str(len(fixed))
            raise self.fail(f"wrong number of args for {name}: want {want} got {len(args)}", line)
        kinds = list(fixed) + [spec[-2]] * (len(args) - len(fixed)) if variadic else list(fixed)
        out = []
        for k, a in zip(kinds, args):
            if k == "s" and not isinstance(a, str):
                raise self.fail(f"wrong type for value; expected string; got {_type_name(a)}" if a is not None
                                else "invalid value; expected string", line)
            if k == "i" and (isinstance(a, bool) or not isinstance(a, int)):
                raise self.fail(f"wrong type for value; expected int; got {_type_name(a)}" if a is not None
                                else "invalid value; expected int", line)
            if k == "f":
                if isinstance(a, bool) or not isinstance(a, (int, float)):
                    raise self.fail(f"wrong type for value; expected float64; got {_type_name(a)}", line)
                a = float(a)
            if k == "b" and not isinstance(a, bool):
                raise self.fail(f"wrong type for value; expected bool; got {_type_name(a)}", line)
            if k == "l" and not isinstance(a, list) and a is not None:
                raise self.fail(f"wrong type for value; expected []string; got {_type_name(a)}", line)
            out.append(a)
        return out


# --------------------------------------------------------------------------
# Functions: Go's builtins, sprig's, Vale's.


def _basic(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return "other"


def _eq(run: _Run, a: Any, *bs: Any) -> bool:
    if not bs:
        raise _ExecError("missing argument for comparison")
    for b in bs:
        ka, kb = _basic(a), _basic(b)
        if a is None or b is None:
            if a is b:
                return True
            continue
        if ka == "other" or kb == "other":
            if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
                raise _ExecError(f"non-comparable type {_fmt_v(a)}: {_type_name(a)}")
            if a is b:
                return True
            continue
        if ka != kb:
            raise _ExecError("incompatible types for comparison")
        if a == b:
            return True
    return False


def _cmp(op: str) -> Callable:
    def f(run: _Run, a: Any, b: Any) -> bool:
        ka, kb = _basic(a), _basic(b)
        if ka in ("bool", "other") or kb in ("bool", "other"):
            raise _ExecError("invalid type for comparison")
        if ka != kb:
            raise _ExecError("incompatible types for comparison")
        return {"lt": a < b, "le": a <= b, "gt": a > b, "ge": a >= b}[op]
    return f


def _len(run: _Run, v: Any) -> int:
    if isinstance(v, str):
        return len(v.encode("utf-8", "surrogatepass"))
    if isinstance(v, (list, dict)):
        return len(v)
    if v is None:
        raise _ExecError("len of nil pointer")
    raise _ExecError(f"len of type {_type_name(v)}")


def _index(run: _Run, v: Any, *keys: Any) -> Any:
    for k in keys:
        if isinstance(v, (list, str)):
            if isinstance(k, bool) or not isinstance(k, int):
                raise _ExecError(f"cannot index slice/array with type {_type_name(k)}")
            seq = v.encode("utf-8", "surrogatepass") if isinstance(v, str) else v
            if not 0 <= k < len(seq):
                raise _ExecError(f"index out of range: {k}")
            v = seq[k]
        elif isinstance(v, dict):
            v = v.get(k)
        elif v is None:
            raise _ExecError("index of untyped nil")
        else:
            raise _ExecError(f"can't index item of type {_type_name(v)}")
    return v


def _html(s: str) -> str:
    return (s.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("\0", "\ufffd"))


def _js(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\\'\"":
            out.append("\\" + ch)
        elif ch in "<>&=" or ord(ch) < 0x20 or not ch.isprintable():
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _urlquery(s: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(s, safe="")


def _strval(v: Any) -> str:
    return v if isinstance(v, str) else _fmt_v(v)


def _strslice(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, list):
        return [_strval(x) for x in v if x is not None]
    return [_strval(v)]


def _int64(v: Any) -> int:
    """cast.ToInt64: numbers truncated, strings parsed (0 when they do not parse), nil 0."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    if isinstance(v, str):
        try:
            return int(v, 0) if not re.fullmatch(r"[+-]?0\d+", v) else int(v, 8)
        except ValueError:
            try:
                return int(float(v))
            except ValueError:
                return 0
    return 0


def _float64(v: Any) -> float:
    if isinstance(v, (bool, int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return 0.0
    return 0.0


def _empty(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, (bool, int, float, str, list, dict)):
        return not v
    return False


def _seq_list(name: str, v: Any) -> list:
    if isinstance(v, list):
        return v
    if v is None:
        return []
    raise _ExecError(f"Cannot find {name} on type {_type_name(v)}")


def _title(s: str) -> str:
    return re.sub(r"(?<![\w'])(\w)", lambda m: m.group(1).upper(), s)


def _go_repl(repl: str) -> str:
    """Go's regexp replacement (``$1``, ``${name}``, ``$$``) for Python's ``re``."""
    def conv(m: re.Match) -> str:
        g = m.group()
        if g == "$$":
            return "$"
        name = m.group(1) or m.group(2)
        return f"\\g<{name}>"
    return re.sub(r"\$\$|\$\{(\w+)\}|\$(\w+)", conv, repl.replace("\\", "\\\\"))


def _regex(p: str) -> re.Pattern:
    try:
        return re.compile(p)
    except re.error as exc:
        raise _ExecError(f"error parsing regexp: {exc}") from None


def _dict(*kv: Any) -> dict:
    d: dict = {}
    for i in range(0, len(kv), 2):
        d[_strval(kv[i])] = kv[i + 1] if i + 1 < len(kv) else ""
    return d


def _substr(start: int, end: int, s: str) -> str:
    if start < 0:
        return s[:end]
    if end < 0 or end > len(s):
        return s[start:]
    return s[start:end]


def _trunc(n: int, s: str) -> str:
    if n < 0 and len(s) + n > 0:
        return s[len(s) + n:]
    if n >= 0 and len(s) > n:
        return s[:n]
    return s


def _split(sep: str, s: str) -> list[str]:
    return list(s) if sep == "" else s.split(sep)


def _splitn(sep: str, n: int, s: str) -> dict:
    parts = s.split(sep, n - 1) if n > 0 else ([] if n == 0 else s.split(sep))
    return {f"_{i}": p for i, p in enumerate(parts)}


def _fail(msg: str) -> Any:
    raise _ExecError(msg)


def _json_of(v: Any, indent: str | None = None, html: bool = True) -> str:
    try:
        return go_json(v, indent, html)
    except _ExecError:
        return ""


def _from_json(s: str) -> Any:
    import json

    try:
        return _from_go(json.loads(s))
    except ValueError:
        return {}


def _bounded(r: range) -> list[int]:
    if len(r) > _MAX_ITEMS:
        raise _ExecError(f"result would have {len(r)} elements, more than {_MAX_ITEMS}")
    return list(r)


def _until(n: int) -> list[int]:
    return _bounded(range(n) if n >= 0 else range(0, n, -1))


def _until_step(start: int, stop: int, step: int) -> list[int]:
    if step == 0 or (step > 0 and start >= stop) or (step < 0 and start <= stop):
        return []
    return _bounded(range(start, stop, step))


def _check_size(size: int) -> None:
    if size > _MAX_OUTPUT:
        raise _ExecError(f"result would be {size} characters, more than {_MAX_OUTPUT}")


def _repeat(n: int, s: str) -> str:
    _check_size(len(s) * max(n, 0))
    return s * max(n, 0)


def _indent(n: int, s: str, first: str = "") -> str:
    _check_size(len(first) + len(s) + max(n, 0) * (s.count("\n") + 1))
    pad = " " * max(n, 0)
    return first + pad + s.replace("\n", "\n" + pad)


def _ext(p: str) -> str:
    base = p.rsplit("/", 1)[-1]
    i = base.rfind(".")
    return base[i:] if i >= 0 else ""


def _clean(p: str) -> str:
    import posixpath

    return posixpath.normpath(p) if p else "."


def _kind(v: Any) -> str:
    if v is None:
        return "invalid"
    return {"int": "int", "float64": "float64", "string": "string", "bool": "bool"}.get(
        _type_name(v), "slice" if isinstance(v, list) else "map" if isinstance(v, dict) else "struct")


def _wrap_text(width: int, s: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(s, width, break_long_words=False, break_on_hyphens=False)) if s else s


def _functions(color: bool) -> dict[str, tuple[Callable, str]]:
    """Name -> (function taking the run and the arguments, argument kinds).

    Kinds: ``s`` string, ``i`` int, ``f`` float64, ``b`` bool, ``l`` a list of
    strings, ``a`` any; a trailing ``a*``/``s*`` is variadic."""
    def paint(code: str) -> Callable:
        return (lambda run, s: f"\x1b[{code}m{s}\x1b[0m") if color else (lambda run, s: s)

    F: dict[str, tuple[Callable, str]] = {
        # text/template's builtins
        "eq": (_eq, "aa*"), "ne": (lambda run, a, b: not _eq(run, a, b), "aa"),
        "lt": (_cmp("lt"), "aa"), "le": (_cmp("le"), "aa"), "gt": (_cmp("gt"), "aa"), "ge": (_cmp("ge"), "aa"),
        "not": (lambda run, v: not _truth(v), "a"), "len": (_len, "a"), "index": (_index, "aa*"),
        "print": (lambda run, *a: _sprint(list(a)), "a*"),
        "println": (lambda run, *a: " ".join(_fmt_v(x) for x in a) + "\n", "a*"),
        "printf": (lambda run, f, *a: sprintf(f, list(a)), "sa*"),
        "html": (lambda run, *a: _html(_sprint(list(a)) if len(a) != 1 or not isinstance(a[0], str) else a[0]), "a*"),
        "js": (lambda run, *a: _js(_sprint(list(a)) if len(a) != 1 or not isinstance(a[0], str) else a[0]), "a*"),
        "urlquery": (lambda run, *a: _urlquery(_sprint(list(a)) if len(a) != 1 or not isinstance(a[0], str)
                                               else a[0]), "a*"),
        "call": (lambda run, *a: _fail("call is not supported"), "aa*"),
        # Vale's (cmd/vale/funcs.go)
        "jsonEscape": (lambda run, s: _json_str(s)[1:-1], "s"),
        "red": (paint("31"), "s"), "blue": (paint("34"), "s"), "yellow": (paint("33"), "s"),
        "underline": (paint("4"), "s"),
        "newTable": (lambda run, wrap: _Table(wrap), "b"),
        "addRow": (lambda run, t, r: t.add(r), "al"),
        "renderTable": (lambda run, t: t.render(run), "a"),
        # sprig: strings
        "trim": (lambda run, s: s.strip(), "s"), "upper": (lambda run, s: s.upper(), "s"),
        "lower": (lambda run, s: s.lower(), "s"), "title": (lambda run, s: _title(s), "s"),
        "untitle": (lambda run, s: re.sub(r"(?<!\w)(\w)", lambda m: m.group(1).lower(), s), "s"),
        "substr": (lambda run, a, b, s: _substr(a, b, s), "iis"), "trunc": (lambda run, n, s: _trunc(n, s), "is"),
        "repeat": (lambda run, n, s: _repeat(n, s), "is"),
        "trimall": (lambda run, a, b: b.strip(a), "ss"), "trimAll": (lambda run, a, b: b.strip(a), "ss"),
        "trimSuffix": (lambda run, a, b: b[:-len(a)] if a and b.endswith(a) else b, "ss"),
        "trimPrefix": (lambda run, a, b: b[len(a):] if b.startswith(a) else b, "ss"),
        "contains": (lambda run, a, b: a in b, "ss"), "hasPrefix": (lambda run, a, b: b.startswith(a), "ss"),
        "hasSuffix": (lambda run, a, b: b.endswith(a), "ss"),
        "quote": (lambda run, *a: " ".join(_quote(_strval(x)) for x in a if x is not None), "a*"),
        "squote": (lambda run, *a: " ".join(f"'{_strval(x)}'" for x in a if x is not None), "a*"),
        "cat": (lambda run, *a: " ".join(_fmt_v(x) for x in a if x is not None), "a*"),
        "indent": (lambda run, n, s: _indent(n, s), "is"),
        "nindent": (lambda run, n, s: _indent(n, s, "\n"), "is"),
        "replace": (lambda run, old, new, s: s.replace(old, new), "sss"),
        "plural": (lambda run, one, many, n: one if n == 1 else many, "ssi"),
        "nospace": (lambda run, s: re.sub(r"\s", "", s), "s"),
        "wrap": (lambda run, n, s: _wrap_text(n, s), "is"),
        "abbrev": (lambda run, n, s: s if len(s) <= n or n < 4 else s[:n - 3] + "...", "is"),
        "initials": (lambda run, s: "".join(w[0] for w in s.split()), "s"),
        "swapcase": (lambda run, s: s.swapcase(), "s"),
        "snakecase": (lambda run, s: re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", s).replace("-", "_").replace(" ", "_")
                      .lower(), "s"),
        "kebabcase": (lambda run, s: re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", s).replace("_", "-").replace(" ", "-")
                      .lower(), "s"),
        "camelcase": (lambda run, s: "".join(w[:1].upper() + w[1:] for w in re.split(r"[_\s-]+", s)), "s"),
        "toString": (lambda run, v: _strval(v), "a"), "toStrings": (lambda run, v: _strslice(v), "a"),
        "atoi": (lambda run, s: int(s) if re.fullmatch(r"[+-]?\d+", s) else 0, "s"),
        "int64": (lambda run, v: _int64(v), "a"), "int": (lambda run, v: _int64(v), "a"),
        "float64": (lambda run, v: _float64(v), "a"),
        "split": (lambda run, sep, s: {f"_{i}": p for i, p in enumerate(_split(sep, s))}, "ss"),
        "splitList": (lambda run, sep, s: _split(sep, s), "ss"),
        "splitn": (lambda run, sep, n, s: _splitn(sep, n, s), "sis"),
        "join": (lambda run, sep, v: sep.join(_strslice(v)), "sa"),
        "sortAlpha": (lambda run, v: sorted(_strslice(v)), "a"),
        # sprig: arithmetic
        "add1": (lambda run, v: _int64(v) + 1, "a"),
        "add": (lambda run, *a: sum(_int64(x) for x in a), "a*"),
        "sub": (lambda run, a, b: _int64(a) - _int64(b), "aa"),
        "div": (lambda run, a, b: int(_int64(a) / _int64(b)) if _int64(b) else 1 // 0, "aa"),
        "mod": (lambda run, a, b: int(math.fmod(_int64(a), _int64(b))) if _int64(b) else 1 // 0, "aa"),
        "mul": (lambda run, a, *v: math.prod([_int64(a), *(_int64(x) for x in v)]), "aa*"),
        "max": (lambda run, a, *v: max([_int64(a), *(_int64(x) for x in v)]), "aa*"),
        "biggest": (lambda run, a, *v: max([_int64(a), *(_int64(x) for x in v)]), "aa*"),
        "min": (lambda run, a, *v: min([_int64(a), *(_int64(x) for x in v)]), "aa*"),
        "addf": (lambda run, *a: float(sum(_float64(x) for x in a)), "a*"),
        "subf": (lambda run, a, *v: _float64(a) - sum(_float64(x) for x in v), "aa*"),
        "mulf": (lambda run, a, *v: float(math.prod([_float64(a), *(_float64(x) for x in v)])), "aa*"),
        "divf": (lambda run, a, *v: _divf(_float64(a), [_float64(x) for x in v]), "aa*"),
        "maxf": (lambda run, a, *v: max([_float64(a), *(_float64(x) for x in v)]), "aa*"),
        "minf": (lambda run, a, *v: min([_float64(a), *(_float64(x) for x in v)]), "aa*"),
        "floor": (lambda run, v: float(math.floor(_float64(v))), "a"),
        "ceil": (lambda run, v: float(math.ceil(_float64(v))), "a"),
        "round": (lambda run, v, p, *r: _round(_float64(v), _int64(p)), "aaa*"),
        "until": (lambda run, n: _until(n), "i"),
        "untilStep": (lambda run, a, b, c: _until_step(a, b, c), "iii"),
        # sprig: lists
        "list": (lambda run, *a: list(a), "a*"),
        "append": (lambda run, lst, v: [*_seq_list("push", lst), v], "aa"),
        "push": (lambda run, lst, v: [*_seq_list("push", lst), v], "aa"),
        "prepend": (lambda run, lst, v: [v, *_seq_list("prepend", lst)], "aa"),
        "first": (lambda run, lst: (_seq_list("first", lst) or [None])[0], "a"),
        "last": (lambda run, lst: (_seq_list("last", lst) or [None])[-1], "a"),
        "rest": (lambda run, lst: _seq_list("rest", lst)[1:], "a"),
        "initial": (lambda run, lst: _seq_list("initial", lst)[:-1], "a"),
        "reverse": (lambda run, lst: _seq_list("reverse", lst)[::-1], "a"),
        "uniq": (lambda run, lst: _uniq(_seq_list("uniq", lst)), "a"),
        "compact": (lambda run, lst: [x for x in _seq_list("compact", lst) if not _empty(x)], "a"),
        "without": (lambda run, lst, *o: [x for x in _seq_list("without", lst) if x not in o], "aa*"),
        "has": (lambda run, needle, lst: needle in _seq_list("has", lst), "aa"),
        "concat": (lambda run, *ls: [x for lst in ls for x in _seq_list("concat", lst)], "a*"),
        "slice": (lambda run, lst, *ix: _slice(lst, [_int64(i) for i in ix]), "aa*"),
        # sprig: dicts
        "dict": (lambda run, *kv: _dict(*kv), "a*"),
        "get": (lambda run, d, k: d.get(k, "") if isinstance(d, dict) else "", "as"),
        "set": (lambda run, d, k, v: (d.__setitem__(k, v), d)[1], "asa"),
        "unset": (lambda run, d, k: (d.pop(k, None), d)[1], "as"),
        "hasKey": (lambda run, d, k: k in d, "as"),
        "keys": (lambda run, *ds: sorted(k for d in ds for k in d), "a*"),
        "values": (lambda run, d: [d[k] for k in _sorted_keys(d)], "a"),
        "pluck": (lambda run, k, *ds: [d[k] for d in ds if k in d], "sa*"),
        "pick": (lambda run, d, *ks: {k: d[k] for k in ks if k in d}, "aa*"),
        "omit": (lambda run, d, *ks: {k: v for k, v in d.items() if k not in ks}, "aa*"),
        "merge": (lambda run, d, *ds: _merge(d, ds), "aa*"),
        # sprig: defaults, types, flow
        "default": (lambda run, d, *g: d if not g or _empty(g[0]) else g[0], "aa*"),
        "empty": (lambda run, v: _empty(v), "a"),
        "coalesce": (lambda run, *a: next((x for x in a if not _empty(x)), None), "a*"),
        "ternary": (lambda run, t, f, c: t if c else f, "aab"),
        "fail": (lambda run, msg: _fail(msg), "s"),
        "required": (lambda run, msg, v: _fail(msg) if v is None or v == "" else v, "sa"),
        "kindOf": (lambda run, v: _kind(v), "a"), "typeOf": (lambda run, v: _type_name(v), "a"),
        "kindIs": (lambda run, k, v: _kind(v) == k, "sa"), "typeIs": (lambda run, t, v: _type_name(v) == t, "sa"),
        "deepEqual": (lambda run, a, b: go_json(a) == go_json(b) and _type_name(a) == _type_name(b), "aa"),
        # sprig: encodings, regexes, paths, environment
        "toJson": (lambda run, v: _json_of(v), "a"), "mustToJson": (lambda run, v: go_json(v), "a"),
        "toPrettyJson": (lambda run, v: _json_of(v, "  "), "a"),
        "mustToPrettyJson": (lambda run, v: go_json(v, "  "), "a"),
        "toRawJson": (lambda run, v: _json_of(v, html=False), "a"),
        "fromJson": (lambda run, s: _from_json(s), "s"),
        "b64enc": (lambda run, s: __import__("base64").b64encode(s.encode()).decode(), "s"),
        "b64dec": (lambda run, s: _b64dec(s), "s"),
        "sha256sum": (lambda run, s: __import__("hashlib").sha256(s.encode()).hexdigest(), "s"),
        "sha1sum": (lambda run, s: __import__("hashlib").sha1(s.encode()).hexdigest(), "s"),
        "regexMatch": (lambda run, p, s: _regex(p).search(s) is not None, "ss"),
        "regexFind": (lambda run, p, s: (m.group() if (m := _regex(p).search(s)) else ""), "ss"),
        "regexFindAll": (lambda run, p, s, n: [m.group() for m in _regex(p).finditer(s)][:n if n >= 0 else None],
                         "ssi"),
        "regexReplaceAll": (lambda run, p, s, r: _regex(p).sub(_go_repl(r), s), "sss"),
        "regexReplaceAllLiteral": (lambda run, p, s, r: _regex(p).sub(lambda m: r, s), "sss"),
        "regexSplit": (lambda run, p, s, n: _regex(p).split(s, max(n - 1, 0)) if n != 0 else [], "ssi"),
        "regexQuoteMeta": (lambda run, s: re.sub(r"([\\.+*?()|\[\]{}^$])", r"\\\1", s), "s"),
        "base": (lambda run, p: (p.rstrip("/").rsplit("/", 1)[-1] or "/") if p else ".", "s"),
        "dir": (lambda run, p: _clean(p.rsplit("/", 1)[0]) if "/" in p else ".", "s"),
        "ext": (lambda run, p: _ext(p), "s"), "clean": (lambda run, p: _clean(p), "s"),
        "isAbs": (lambda run, p: p.startswith("/"), "s"),
        "env": (lambda run, k: os.environ.get(k, ""), "s"),
        "expandenv": (lambda run, s: os.path.expandvars(s), "s"),
    }
    for must in ("First", "Last", "Rest", "Initial", "Reverse", "Uniq", "Compact", "Without", "Has", "Slice",
                 "Append", "Push", "Prepend", "Merge"):
        F["must" + must] = F[must[0].lower() + must[1:]]
    F["mustRegexMatch"] = F["regexMatch"]
    F["mustRegexFind"] = F["regexFind"]
    F["mustRegexFindAll"] = F["regexFindAll"]
    F["mustRegexReplaceAll"] = F["regexReplaceAll"]
    F["mustRegexReplaceAllLiteral"] = F["regexReplaceAllLiteral"]
    F["mustRegexSplit"] = F["regexSplit"]
    F["mustFromJson"] = F["fromJson"]
    F["mustToRawJson"] = F["toRawJson"]
    return F


def _divf(a: float, rest: list[float]) -> float:
    for b in rest:
        a = a / b if b else (math.inf if a > 0 else -math.inf if a < 0 else math.nan)
    return a


def _round(v: float, places: int) -> float:
    p = 10 ** places
    x = v * p
    return float(math.floor(x + 0.5) if x >= 0 else math.ceil(x - 0.5)) / p


def _b64dec(s: str) -> str:
    import base64
    import binascii

    try:
        return base64.b64decode(s, validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError) as exc:
        return str(exc)


def _uniq(lst: list) -> list:
    out: list = []
    for x in lst:
        if x not in out:
            out.append(x)
    return out


def _slice(lst: Any, ix: list[int]) -> list:
    seq = _seq_list("slice", lst)
    if not ix:
        return list(seq)
    return list(seq[ix[0]:ix[1]] if len(ix) > 1 else seq[ix[0]:])


def _merge(d: dict, ds: tuple) -> dict:
    for other in ds:
        for k, v in other.items():
            d.setdefault(k, v)
    return d


class _Table:
    """Vale's ``newTable``: a borderless table written to the output when rendered."""

    def __init__(self, wrap: bool):
        self.wrap = wrap
        self.rows: list[list[str]] = []

    def add(self, row: list) -> _Table:
        self.rows.append([_strval(c) for c in row or []])
        return self

    def render(self, run: _Run) -> _Table:
        ansi = re.compile(r"\x1b\[[0-9;]*m")
        cols = max((len(r) for r in self.rows), default=0)
        widths = [max((len(ansi.sub("", r[i])) for r in self.rows if i < len(r)), default=0) for i in range(cols)]
        lines = []
        for r in self.rows:
            cells = [c + " " * (widths[i] - len(ansi.sub("", c))) for i, c in enumerate(r)]
            lines.append((" " + "  ".join(cells)).rstrip() + "\n")
        run.out.append("\n" + "".join(lines) + "\n")
        self.rows = []
        return self


# --------------------------------------------------------------------------
# The data Vale gives a template, and the renderer


def data(results, linted: int | None = None, rules=None) -> GoStruct:
    """``Data{Files, LintedTotal}`` from newslint's results, through the Vale JSON report's alerts."""
    from lint.formats.vale_json import alerts

    files = []
    for path, found in alerts(results, rules).items():
        items = []
        for a in found:
            act = a["Action"]
            params = NilList() if act["Params"] is None else list(act["Params"])
            items.append(GoStruct("core.Alert", {
                "Action": GoStruct("core.Action", {"Name": act["Name"], "Params": params}),
                "Span": list(a["Span"]), "Offset": NilList(), "Check": a["Check"],
                "Description": a["Description"], "Link": a["Link"] or "", "Message": a["Message"],
                "Severity": a["Severity"], "Match": a["Match"], "Line": a["Line"], "Limit": 0, "Hide": False,
            }, frozenset(("Offset", "Limit", "Hide"))))
        files.append(GoStruct("main.ProcessedFile", {"Alerts": items, "Path": path}))
    total = len(results) if linted is None else linted
    return GoStruct("main.Data", {"Files": files, "LintedTotal": total})


def load(path: Path, color: bool | None = None) -> Template:
    """Read and parse a template file; a ``TemplateError`` names the file and line."""
    try:
        src = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read the template: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{path}: the template is not UTF-8 ({exc.reason})") from None
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return Template(src, str(path), color=color)


def find(name: str, styles_paths: list[Path], config_dir: Path | None) -> Path | None:
    """Where Vale finds ``--output=NAME``: the path as given, else in each StylesPath
    (``NAME``, ``config/templates/NAME``), else beside the configuration."""
    given = Path(name)
    if given.is_file():
        return given
    for p in styles_paths:
        for cand in (p / name, p / "config" / "templates" / name):
            if cand.is_file():
                return cand
    if config_dir is not None and not given.is_absolute() and (config_dir / name).is_file():
        return config_dir / name
    return None


def renderer(template: Template) -> Callable:
    """``render(results, out, paths=...)``: a template that fails to execute writes nothing and is
    a usage error (exit 2) naming the template's file and line."""
    def render(results, out, paths=None, rules=None) -> None:
        from lint.pipeline import UsageError

        try:
            text = template.execute(data(results, len(paths) if paths is not None else None, rules))
        except TemplateError as exc:
            raise UsageError(f"template: {exc}") from None
        out.write(text)
    return render
