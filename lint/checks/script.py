"""script: Vale's Tengo-scripted rules, run by a small, safe interpreter.

Vale's ``script`` check (internal/check/script.go) runs a Tengo program
(https://github.com/d5/tengo) with one global, ``scope`` (the text of one
block of the rule's scope), and reads the global array ``matches``: maps
with ``begin`` and ``end`` (byte offsets into that text, Go strings being
bytes) and optionally ``message``. Each match is a finding; ``message``
substitutions: ``%s`` is the matched text (of the original block: offsets
are Vale's, taken into the text the script was given, even when the script
rewrote ``scope``). ``script:`` is the program, or the name of a ``.tengo``
file in ``<StylesPath>/config/scripts/`` (Vale's ScriptDir).

The interpreter runs the subset that real packages use: ``:=``, ``=``,
``op=``, ``++``/``--``, if/else, the four ``for`` forms, break/continue,
arrays, maps, indexing, selectors, slicing, the ternary, ``&&``/``||``,
the builtins (``len``, ``append``, ``string``, ``int``, ``is_*``, ...) and
the modules ``text`` (regular expressions as Go's RE2 reads them, strings,
conversions) and ``fmt`` (whose printing functions print nothing: a check
never prints). No other module, no file or network access (Vale itself
allows only ``text``, ``fmt`` and ``math``). Syntax it does not know
(function literals, ``export``, ``math``, ...) is an error when the rule
compiles: the rule loads and is skipped, ``skipped_reason`` naming what is
missing.

Byte semantics: the program runs on the block's UTF-8 bytes decoded as
latin-1 (one character per byte), so ``len``, slices and offsets are Go's;
functions that read characters (regular expressions, ``to_lower``,
``trim_space``, indexing a string) decode to Unicode and back. Findings'
byte offsets are mapped back to code points of the source.

Safety: a script has ``STEP_LIMIT`` steps (statements and loop rounds) per
block, and strings and arrays at most ``MAX_LEN`` bytes or items; past
that, or on a runtime error (Vale's E201), the run stops and the rule
reports one error finding at the block's start saying why (a partial
``matches`` is not reported). The engine's time limit still applies.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import regex

from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, vale_text
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Severity, Span
from lint.rules import CompileError, RuleBase

READS_FILES = True  # a ``.tengo`` script file: the rule cache does not keep these rules

STEP_LIMIT = 2_000_000
MAX_LEN = 1 << 26  # bytes of a string, items of an array


class Params(RuleBase):
    extends: Literal["script"]
    script: str


# ---------------------------------------------------------------- values


class _Undefined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<undefined>"


UNDEF = _Undefined()


class Char:
    """A Tengo char: one code point."""

    __slots__ = ("v",)

    def __init__(self, v: int):
        self.v = v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Char) and other.v == self.v

    def __hash__(self) -> int:
        return hash(("char", self.v))


class TError:
    """A Tengo error value (``error(x)``, or what a text function returns on failure)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


class Builtin:
    __slots__ = ("fn", "name")

    def __init__(self, name: str, fn: Callable[..., Any]):
        self.name, self.fn = name, fn


class TengoError(Exception):
    """A runtime error of the script (Vale reports it as E201)."""


class StepLimit(TengoError):
    pass


class Unsupported(Exception):
    """Syntax or a module the interpreter does not run: the rule is skipped."""


def _u(s: str) -> str:
    """Bytes (as latin-1) -> Unicode (invalid bytes kept as surrogates)."""
    return s if s.isascii() else s.encode("latin-1").decode("utf-8", "surrogateescape")


def _b(s: str) -> str:
    """Unicode -> bytes (as latin-1)."""
    return s if s.isascii() else s.encode("utf-8", "surrogateescape").decode("latin-1")


def type_name(v: Any) -> str:
    if v is UNDEF:
        return "undefined"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    if isinstance(v, Char):
        return "char"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, bytes):
        return "bytes"
    if isinstance(v, TError):
        return "error"
    if isinstance(v, Builtin):
        return "builtin-function:" + v.name
    return "object"


def _go_quote(s: str) -> str:
    out = ['"']
    for ch in _u(s):
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        else:
            out.append(_b(ch))
    return "".join(out) + '"'


def _float_str(f: float) -> str:
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    r = repr(f)
    if "e" in r or "E" in r:
        m, e = r.split("e")
        return f"{m}e{'+' if not e.startswith('-') else '-'}{abs(int(e)):02d}"
    return r[:-2] if r.endswith(".0") else r


def to_str(v: Any, inner: bool = False) -> str:
    """Tengo's ``Object.String()`` (a string inside an array or map is quoted)."""
    if isinstance(v, str):
        return _go_quote(v) if inner else v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _float_str(v)
    if isinstance(v, Char):
        return _b(chr(v.v)) if 0 <= v.v < 0x110000 and not 0xD800 <= v.v < 0xE000 else "\xef\xbf\xbd"
    if isinstance(v, list):
        return "[" + ", ".join(to_str(x, True) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {to_str(x, True)}" for k, x in v.items()) + "}"
    if isinstance(v, TError):
        return "error: " + to_str(v.value, True)
    if v is UNDEF:
        return "<undefined>"
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return "<" + type_name(v) + ">"


def truthy(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, str, list, dict, bytes)):
        return bool(v)
    if isinstance(v, float):
        return not math.isnan(v)
    if isinstance(v, Char):
        return v.v != 0
    return not (v is UNDEF or isinstance(v, TError))


def _wrap(n: int) -> int:
    if -(1 << 63) <= n < (1 << 63):
        return n
    return ((n + (1 << 63)) % (1 << 64)) - (1 << 63)


def _check_len(n: int) -> None:
    if n > MAX_LEN:
        raise TengoError(f"value too large ({n} > {MAX_LEN})")


def _int_op(op: str, a: int, b: int) -> Any:
    if op == "+":
        return _wrap(a + b)
    if op == "-":
        return _wrap(a - b)
    if op == "*":
        return _wrap(a * b)
    if op in ("/", "%"):
        if b == 0:
            raise TengoError("division by zero")
        q = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
        return _wrap(q) if op == "/" else a - b * q
    if op == "&":
        return a & b
    if op == "|":
        return a | b
    if op == "^":
        return a ^ b
    if op == "&^":
        return a & ~b
    if op == "<<":
        return _wrap(a << b) if 0 <= b < 64 else 0
    if op == ">>":
        return a >> min(b, 63) if b >= 0 else 0
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    if op == ">=":
        return a >= b
    raise TengoError(f"invalid operation: int {op} int")


def equals(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, Char) and isinstance(b, int):
        return a.v == b
    if isinstance(b, Char) and isinstance(a, int):
        return b.v == a
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equals(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equals(a[k], b[k]) for k in a)
    if isinstance(a, TError) and isinstance(b, TError):
        return equals(a.value, b.value)
    if type(a) is not type(b):
        return False
    return bool(a is b or a == b)


def binop(op: str, a: Any, b: Any) -> Any:
    if op == "==":
        return equals(a, b)
    if op == "!=":
        return not equals(a, b)
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return _int_op(op, a, b)
    if ta is str:
        if op == "+":
            r = a + (b if tb is str else to_str(b))
            _check_len(len(r))
            return r
        if tb is str and op in ("<", ">", "<=", ">="):
            return _int_op(op, 0, 0) if a == b and op in ("<=", ">=") else _int_op(op, (a > b) - (a < b), 0)
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        x, y = float(a), float(b)
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            if y == 0:
                raise TengoError("division by zero")
            return x / y
        if op in ("<", ">", "<=", ">="):
            return {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]
    if ta is Char or tb is Char:
        x = a.v if ta is Char else a
        y = b.v if tb is Char else b
        if type(x) is int and type(y) is int:
            r = _int_op(op, x, y)
            return r if isinstance(r, bool) else Char(r)
    if ta is list and tb is list and op == "+":
        _check_len(len(a) + len(b))
        return a + b
    raise TengoError(f"invalid operation: {type_name(a)} {op} {type_name(b)}")


def index_get(obj: Any, key: Any) -> Any:
    if isinstance(obj, list):
        if type(key) is not int:
            raise TengoError(f"invalid index type: {type_name(key)}")
        return obj[key] if 0 <= key < len(obj) else UNDEF
    if isinstance(obj, dict):
        if not isinstance(key, str):
            raise TengoError(f"invalid index type: {type_name(key)}")
        return obj.get(key, UNDEF)
    if isinstance(obj, str):
        if type(key) is not int:
            raise TengoError(f"invalid index type: {type_name(key)}")
        runes = _u(obj)
        if not 0 <= key < len(runes):
            return UNDEF
        o = ord(runes[key])
        return Char(0xFFFD if 0xDC80 <= o <= 0xDCFF else o)
    if isinstance(obj, bytes):
        if type(key) is not int:
            raise TengoError(f"invalid index type: {type_name(key)}")
        return obj[key] if 0 <= key < len(obj) else UNDEF
    if obj is UNDEF:
        return UNDEF
    if isinstance(obj, TError) and key == "value":
        return obj.value
    raise TengoError(f"not indexable: {type_name(obj)}")


def index_set(obj: Any, key: Any, value: Any) -> None:
    if isinstance(obj, list):
        if type(key) is not int:
            raise TengoError(f"invalid index type: {type_name(key)}")
        if not 0 <= key < len(obj):
            raise TengoError("index out of bounds")
        obj[key] = value
    elif isinstance(obj, dict):
        if not isinstance(key, str):
            raise TengoError(f"invalid index type: {type_name(key)}")
        obj[key] = value
    else:
        raise TengoError(f"not index-assignable: {type_name(obj)}")


def slice_get(obj: Any, lo: Any, hi: Any) -> Any:
    if not isinstance(obj, (list, str, bytes)):
        raise TengoError(f"not slicable: {type_name(obj)}")
    n = len(obj)
    low = 0 if lo is None else lo
    high = n if hi is None else hi
    if type(low) is not int or type(high) is not int:
        raise TengoError("invalid slice index type")
    if low > high:
        raise TengoError(f"invalid slice index: {low} > {high}")
    low = min(max(low, 0), n)
    high = min(max(high, 0), n)
    return obj[low:high]


def iterate(v: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(v, list):
        return iter(enumerate(list(v)))
    if isinstance(v, dict):
        return iter(list(v.items()))
    if isinstance(v, str):
        return iter([(i, Char(ord(c))) for i, c in enumerate(_u(v))])
    if isinstance(v, bytes):
        return iter(enumerate(v))
    if v is UNDEF:
        return iter(())
    raise TengoError(f"not iterable: {type_name(v)}")


# ---------------------------------------------------------------- Go regular expressions

_RX_CACHE: dict[str, Any] = {}
_CLASS_SHORT = {"w": "0-9A-Za-z_", "d": "0-9", "s": "\\t\\n\\f\\r "}


def go_regex(pattern: str) -> regex.Pattern:
    """A Go (RE2) pattern, given as bytes-as-latin-1, compiled for ``regex``
    over Unicode text with Go's meanings: ``\\w \\d \\s \\b`` are ASCII,
    ``$`` without ``(?m)`` is the end of the text, ``\\z`` is ``\\Z``;
    lookarounds and backreferences are errors, as in Go."""
    got = _RX_CACHE.get(pattern)
    if got is None:
        try:
            got = regex.compile(_translate(_u(pattern)))
        except (regex.error, ValueError) as exc:
            got = TengoError(f"error parsing regexp: {exc}")
        if len(_RX_CACHE) > 512:
            _RX_CACHE.clear()
        _RX_CACHE[pattern] = got
    if isinstance(got, TengoError):
        raise got
    return got


def _translate(p: str) -> str:
    out: list[str] = []
    multiline = bool(regex.search(r"\(\?[a-zA-Z]*m", p))
    i, n, in_class, after_short = 0, len(p), False, False
    while i < n:
        c = p[i]
        if c == "\\" and i + 1 < n:
            d = p[i + 1]
            i += 2
            if d.isdigit() and d != "0":
                raise ValueError(f"invalid escape sequence: \\{d}")
            if d in "wds" and in_class:
                out.append(_CLASS_SHORT[d])
                after_short = True
                continue
            if d in "wWdDsSbB" and not in_class:
                out.append(f"(?a:\\{d})")
            elif d == "z":
                out.append("\\Z")
            elif d == "Z":
                raise ValueError("invalid escape sequence: \\Z")
            else:
                out.append("\\" + d)
            after_short = d in "WDS"
            continue
        if in_class:
            if c == "-" and after_short:
                out.append("\\-")
            elif c == "]":
                in_class = False
                out.append(c)
            elif c == "[" and p.startswith("[:", i):
                end = p.find(":]", i + 2)
                end = end + 2 if end != -1 else i + 1
                out.append(p[i:end])
                i = end
                after_short = False
                continue
            elif c == "[":
                out.append("\\[")
            else:
                out.append(c)
            after_short = False
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and p[i] == "^":
                out.append("^")
                i += 1
            if i < n and p[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if (c == "(" and p.startswith("(?", i) and i + 2 < n and p[i + 2] in "=!<" and not p.startswith("(?P<", i)
                and (p[i + 2] != "<" or (i + 3 < n and p[i + 3] in "=!"))):
            raise ValueError("invalid or unsupported Perl syntax: lookaround")
        if c == "$" and not multiline:
            out.append("\\Z")
        else:
            out.append(c)
        i += 1
    return "".join(out)


class _Subject:
    """A byte string (latin-1) as Unicode, with code point -> byte offsets."""

    __slots__ = ("offsets", "text")

    def __init__(self, s: str):
        self.text = _u(s)
        if self.text is s:
            self.offsets: list[int] | None = None
        else:
            offs, k = [], 0
            for ch in self.text:
                offs.append(k)
                o = ord(ch)
                k += 1 if o < 0x80 or 0xDC80 <= o <= 0xDCFF else 2 if o < 0x800 else 3 if o < 0x10000 else 4
            offs.append(k)
            self.offsets = offs

    def byte(self, i: int) -> int:
        return i if self.offsets is None or i < 0 else self.offsets[i]


def _go_finditer(rx: regex.Pattern, text: str, limit: int) -> Iterator[regex.Match]:
    """Go's FindAll: at most ``limit`` matches (< 0: all); an empty match
    right after the previous match is not one."""
    count, prev_end = 0, -1
    for m in rx.finditer(text):
        if limit >= 0 and count >= limit:
            return
        if m.start() == m.end() == prev_end:
            continue
        count += 1
        prev_end = m.end()
        yield m


def _match_groups(m: regex.Match, subj: _Subject, s: str) -> list[Any]:
    groups: list[Any] = []
    for g in range(rx_groups(m) + 1):
        a, b = m.span(g)
        if a < 0:
            groups.append({"text": "", "begin": -1, "end": -1})
            continue
        ba, bb = subj.byte(a), subj.byte(b)
        groups.append({"text": s[ba:bb], "begin": ba, "end": bb})
    return groups


def rx_groups(m: regex.Match) -> int:
    return len(m.groups())


def _go_expand(template: str, m: regex.Match, subj_text: str) -> str:
    """Go's Regexp.Expand for ReplaceAllString: ``$1``, ``${1}``, ``${name}``, ``$$``."""
    out, i, n = [], 0, len(template)
    while i < n:
        c = template[i]
        if c != "$" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        if template[i + 1] == "$":
            out.append("$")
            i += 2
            continue
        mm = regex.match(r"\{(\w+)\}|(\w+)", template[i + 1:])
        if mm is None:
            out.append(c)
            i += 1
            continue
        name = mm.group(1) or mm.group(2)
        i += 1 + mm.end()
        try:
            g = m.group(int(name)) if name.isdigit() else m.group(name)
        except (IndexError, regex.error):
            g = None
        out.append(g or "")
    return "".join(out)


# ---------------------------------------------------------------- the text and fmt modules


def _args(name: str, args: tuple, *kinds: type) -> None:
    if len(args) != len(kinds):
        raise TengoError(f"wrong number of arguments in call to '{name}': want={len(kinds)}, got={len(args)}")
    for k, (a, t) in enumerate(zip(args, kinds, strict=True)):
        if t is int and (type(a) is not int):
            raise TengoError(f"invalid type for argument {k + 1} of '{name}': expected int, found {type_name(a)}")
        if t is str and not isinstance(a, str):
            raise TengoError(f"invalid type for argument {k + 1} of '{name}': expected string, found {type_name(a)}")


def _re_match(*a: Any) -> Any:
    _args("re_match", a, str, str)
    try:
        return go_regex(a[0]).search(_u(a[1])) is not None
    except TengoError as exc:
        return TError(str(exc))


def _re_find(*a: Any) -> Any:
    if len(a) == 2:
        _args("re_find", a, str, str)
        limit = 1
    else:
        _args("re_find", a, str, str, int)
        limit = a[2]
    try:
        rx = go_regex(a[0])
    except TengoError as exc:
        return TError(str(exc))
    subj = _Subject(a[1])
    found = [_match_groups(m, subj, a[1]) for m in _go_finditer(rx, subj.text, limit)]
    return found if found else UNDEF


def _re_replace(*a: Any) -> Any:
    _args("re_replace", a, str, str, str)
    try:
        rx = go_regex(a[0])
    except TengoError as exc:
        return TError(str(exc))
    text, repl = _u(a[1]), _u(a[2])
    out, last = [], 0
    for m in _go_finditer(rx, text, -1):
        out.append(text[last:m.start()])
        out.append(_go_expand(repl, m, text) if "$" in repl else repl)
        last = m.end()
    out.append(text[last:])
    r = _b("".join(out))
    _check_len(len(r))
    return r


def _re_split(*a: Any) -> Any:
    limit = -1
    if len(a) == 3:
        _args("re_split", a, str, str, int)
        limit = a[2]
    else:
        _args("re_split", a, str, str)
    try:
        rx = go_regex(a[0])
    except TengoError as exc:
        return TError(str(exc))
    text = _u(a[1])
    if limit == 0:
        return UNDEF
    if a[0] and not text:
        return [""]
    parts: list[str] = []
    beg = 0
    for m in _go_finditer(rx, text, -1):
        if limit > 0 and len(parts) == limit - 1:
            break
        if m.end() == 0:
            continue
        parts.append(_b(text[beg:m.start()]))
        beg = m.end()
    parts.append(_b(text[beg:]))
    return parts


def _re_compile(*a: Any) -> Any:
    _args("re_compile", a, str)
    try:
        go_regex(a[0])
    except TengoError as exc:
        return TError(str(exc))
    p = a[0]
    return {
        "match": Builtin("match", lambda *b: _re_match(p, *b)),
        "find": Builtin("find", lambda *b: _re_find(p, *b)),
        "replace": Builtin("replace", lambda *b: _re_replace(p, *b)),
        "split": Builtin("split", lambda *b: _re_split(p, *b)),
    }


_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _go_split(s: str, sep: str, n: int = -1, after: bool = False) -> list[str]:
    if n == 0:
        return []
    if sep == "":
        chars = [_b(c) for c in _u(s)]
        if n > 0 and len(chars) > n:
            chars = chars[: n - 1] + ["".join(chars[n - 1:])]
        return chars
    parts = s.split(sep, n - 1 if n > 0 else -1)
    if after:
        parts = [p + sep for p in parts[:-1]] + parts[-1:]
    return parts


def _s(f: Callable[..., Any], *kinds: type, name: str = "") -> Builtin:
    def call(*a: Any) -> Any:
        _args(name, a, *kinds)
        return f(*a)

    return Builtin(name, call)


def _atoi(s: str) -> Any:
    t = s[1:] if s[:1] in "+-" else s
    if not t.isascii() or not t.isdigit():
        return TError(f'strconv.Atoi: parsing {_go_quote(s)}: invalid syntax')
    return _wrap(int(s))


def _parse_int(s: str, base: int, bits: int) -> Any:
    try:
        return _wrap(int(s.replace("_", "") if base == 0 else s, base))
    except ValueError:
        return TError(f'strconv.ParseInt: parsing {_go_quote(s)}: invalid syntax')


def _parse_float(s: str, bits: int) -> Any:
    try:
        return float(s)
    except ValueError:
        return TError(f'strconv.ParseFloat: parsing {_go_quote(s)}: invalid syntax')


def _parse_bool(s: str) -> Any:
    if s in ("1", "t", "T", "true", "TRUE", "True"):
        return True
    if s in ("0", "f", "F", "false", "FALSE", "False"):
        return False
    return TError(f'strconv.ParseBool: parsing {_go_quote(s)}: invalid syntax')


def _repeat(s: str, n: int) -> Any:
    if n < 0:
        raise TengoError("negative repeat count")
    _check_len(len(s) * n)
    return s * n


def _pad(s: str, n: int, pad: str = " ", left: bool = True) -> str:
    if n > MAX_LEN:
        raise TengoError("value too large")
    need = n - len(s)
    if need <= 0 or not pad:
        return s
    fill = (pad * (need // len(pad) + 1))[:need]
    return fill + s if left else s + fill


def _varpad(left: bool) -> Builtin:
    def call(*a: Any) -> Any:
        if len(a) == 2:
            _args("pad", a, str, int)
            return _pad(a[0], a[1], " ", left)
        _args("pad", a, str, int, str)
        return _pad(a[0], a[1], a[2], left)

    return Builtin("pad_left" if left else "pad_right", call)


def _replace(s: str, old: str, new: str, n: int) -> str:
    if old == "":
        chars = [_b(c) for c in _u(s)]
        k = len(chars) + 1 if n < 0 else min(n, len(chars) + 1)
        pieces = []
        for j, c in enumerate(chars):
            pieces.append(new + c if j < k else c)
        r = "".join(pieces) + (new if k > len(chars) else "")
    else:
        r = s.replace(old, new, n if n >= 0 else -1)
    _check_len(len(r))
    return r


def _join(arr: Any, sep: str) -> Any:
    if not isinstance(arr, list) or not all(isinstance(x, str) for x in arr):
        raise TengoError("invalid type for argument 1 of 'join': expected array of strings")
    r = sep.join(arr)
    _check_len(len(r))
    return r


def _substr(*a: Any) -> Any:
    if len(a) not in (2, 3) or not isinstance(a[0], str):
        raise TengoError("invalid arguments to 'substr'")
    runes = _u(a[0])
    lo = a[1]
    hi = a[2] if len(a) == 3 else len(runes)
    if lo > hi:
        raise TengoError("invalid slice index")
    return _b(runes[max(lo, 0):max(min(hi, len(runes)), 0)])


def _go_sprintf(fmt_s: str, *args: Any) -> str:
    it = iter(args)

    def sub(m: regex.Match) -> str:
        verb = m.group(2)
        if verb == "%":
            return "%"
        try:
            v = next(it)
        except StopIteration:
            return f"%!{verb}(MISSING)"
        if verb == "q":
            return _go_quote(v) if isinstance(v, str) else to_str(v, True)
        if verb == "d" and type(v) is int:
            return str(v)
        if verb == "f" and isinstance(v, (int, float)):
            prec = m.group(1).split(".")[1] if "." in m.group(1) else "6"
            return f"{float(v):.{int(prec or 0)}f}"
        if verb in "xX" and type(v) is int:
            return format(v, verb)
        if verb == "t" and isinstance(v, bool):
            return to_str(v)
        return to_str(v)

    return regex.sub(r"%([-+# 0-9.]*)([a-zA-Z%])", sub, fmt_s)


def _sprintf(*a: Any) -> Any:
    if not a or not isinstance(a[0], str):
        raise TengoError("invalid type for argument 1 of 'sprintf'")
    return _go_sprintf(*a)


def _nothing(*a: Any) -> Any:
    return UNDEF


def _text_module() -> dict[str, Any]:
    S, N = str, int
    f = {
        "re_match": Builtin("re_match", _re_match),
        "re_find": Builtin("re_find", _re_find),
        "re_replace": Builtin("re_replace", _re_replace),
        "re_split": Builtin("re_split", _re_split),
        "re_compile": Builtin("re_compile", _re_compile),
        "compare": _s(lambda a, b: (a > b) - (a < b), S, S),
        "contains": _s(lambda a, b: b in a, S, S),
        "contains_any": _s(lambda a, b: any(_b(c) in a for c in _u(b)), S, S),
        "count": _s(lambda a, b: a.count(b) if b else len(_u(a)) + 1, S, S),
        "equal_fold": _s(lambda a, b: _u(a).casefold() == _u(b).casefold(), S, S),
        "fields": _s(lambda a: [_b(x) for x in _u(a).split()], S),
        "has_prefix": _s(lambda a, b: a.startswith(b), S, S),
        "has_suffix": _s(lambda a, b: a.endswith(b), S, S),
        "index": _s(lambda a, b: a.find(b), S, S),
        "index_any": _s(lambda a, b: min((a.find(_b(c)) for c in _u(b) if _b(c) in a), default=-1), S, S),
        "join": Builtin("join", lambda *a: _join(*a) if len(a) == 2 and isinstance(a[1], str) else _join(None, "")),
        "last_index": _s(lambda a, b: a.rfind(b), S, S),
        "last_index_any": _s(lambda a, b: max((a.rfind(_b(c)) for c in _u(b)), default=-1), S, S),
        "repeat": _s(_repeat, S, N),
        "replace": _s(_replace, S, S, S, N),
        "substr": Builtin("substr", _substr),
        "split": _s(lambda a, b: _go_split(a, b), S, S),
        "split_after": _s(lambda a, b: _go_split(a, b, -1, True), S, S),
        "split_after_n": _s(lambda a, b, n: _go_split(a, b, n, True), S, S, N),
        "split_n": _s(lambda a, b, n: _go_split(a, b, n), S, S, N),
        "title": _s(lambda a: _b(regex.sub(r"(?<!\w)\w", lambda m: m.group().upper(), _u(a))), S),
        "to_lower": _s(lambda a: _b(_u(a).lower()), S),
        "to_title": _s(lambda a: _b(_u(a).upper()), S),
        "to_upper": _s(lambda a: _b(_u(a).upper()), S),
        "pad_left": _varpad(True),
        "pad_right": _varpad(False),
        "trim": _s(lambda a, b: _b(_u(a).strip(_u(b))), S, S),
        "trim_left": _s(lambda a, b: _b(_u(a).lstrip(_u(b))), S, S),
        "trim_right": _s(lambda a, b: _b(_u(a).rstrip(_u(b))), S, S),
        "trim_prefix": _s(lambda a, b: a[len(b):] if b and a.startswith(b) else a, S, S),
        "trim_suffix": _s(lambda a, b: a[: len(a) - len(b)] if b and a.endswith(b) else a, S, S),
        "trim_space": _s(lambda a: _b(_u(a).strip(_GO_SPACE)), S),
        "atoi": _s(_atoi, S),
        "format_bool": Builtin("format_bool", lambda *a: to_str(a[0]) if len(a) == 1 and isinstance(a[0], bool) else _bad("format_bool")),
        "format_float": Builtin("format_float", lambda *a: _go_sprintf("%." + str(a[2]) + "f", a[0]) if len(a) == 4 else _bad("format_float")),
        "format_int": _s(lambda n, base: _fmt_int(n, base), N, N),
        "itoa": _s(lambda n: str(n), N),
        "parse_bool": _s(_parse_bool, S),
        "parse_float": _s(_parse_float, S, N),
        "parse_int": _s(_parse_int, S, N, N),
        "quote": _s(_go_quote, S),
        "unquote": _s(_unquote, S),
    }
    for k, v in f.items():
        v.name = k
    return f


def _bad(name: str) -> Any:
    raise TengoError(f"invalid arguments to '{name}'")


def _fmt_int(n: int, base: int) -> str:
    if not 2 <= base <= 36:
        raise TengoError("invalid base")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    neg, n, out = n < 0, abs(n), []
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return ("-" if neg else "") + "".join(reversed(out))


def _unquote(s: str) -> Any:
    try:
        return _Lexer(s, 1).string_value(s)
    except Unsupported:
        return TError("invalid syntax")


def _fmt_module() -> dict[str, Any]:
    return {
        "print": Builtin("print", _nothing),  # a check never prints
        "printf": Builtin("printf", _nothing),
        "println": Builtin("println", _nothing),
        "sprintf": Builtin("sprintf", _sprintf),
    }


MODULES: dict[str, Callable[[], dict[str, Any]]] = {"text": _text_module, "fmt": _fmt_module}


# ---------------------------------------------------------------- builtins


def _len(*a: Any) -> Any:
    if len(a) != 1:
        raise TengoError("wrong number of arguments in call to 'len'")
    v = a[0]
    if isinstance(v, (str, list, dict, bytes)):
        return len(v)
    raise TengoError(f"invalid type for argument 1 of 'len': {type_name(v)}")


def _append(*a: Any) -> Any:
    if not a:
        raise TengoError("wrong number of arguments in call to 'append'")
    if a[0] is UNDEF:
        return list(a[1:])
    if not isinstance(a[0], list):
        raise TengoError(f"invalid type for argument 1 of 'append': expected array, found {type_name(a[0])}")
    _check_len(len(a[0]) + len(a) - 1)
    return a[0] + list(a[1:])


def _to_int(*a: Any) -> Any:
    v, default = a[0], (a[1] if len(a) > 1 else UNDEF)
    if type(v) is int:
        return v
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        return _wrap(int(v)) if math.isfinite(v) else default
    if isinstance(v, Char):
        return v.v
    if isinstance(v, str):
        r = _parse_int(v, 10, 64)
        return default if isinstance(r, TError) else r
    return default


def _to_float(*a: Any) -> Any:
    v, default = a[0], (a[1] if len(a) > 1 else UNDEF)
    if isinstance(v, float):
        return v
    if type(v) is int:
        return float(v)
    if isinstance(v, str):
        r = _parse_float(v, 64)
        return default if isinstance(r, TError) else r
    return default


def _to_char(*a: Any) -> Any:
    v, default = a[0], (a[1] if len(a) > 1 else UNDEF)
    if isinstance(v, Char):
        return v
    if type(v) is int:
        return Char(v)
    if isinstance(v, str) and len(_u(v)) == 1:
        return Char(ord(_u(v)))
    return default


def _copy(v: Any) -> Any:
    if isinstance(v, list):
        return [_copy(x) for x in v]
    if isinstance(v, dict):
        return {k: _copy(x) for k, x in v.items()}
    return v


def _delete(*a: Any) -> Any:
    if len(a) != 2 or not isinstance(a[0], dict) or not isinstance(a[1], str):
        raise TengoError("invalid arguments to 'delete'")
    a[0].pop(a[1], None)
    return UNDEF


def _splice(*a: Any) -> Any:
    if not a or not isinstance(a[0], list):
        raise TengoError("invalid arguments to 'splice'")
    arr = a[0]
    start = a[1] if len(a) > 1 else 0
    count = a[2] if len(a) > 2 else len(arr) - start
    if type(start) is not int or type(count) is not int or not 0 <= start <= len(arr) or count < 0:
        raise TengoError("index out of bounds")
    removed = arr[start:start + count]
    arr[start:start + count] = list(a[3:])
    return removed


def _is(pred: Callable[[Any], bool], name: str) -> Builtin:
    return Builtin(name, lambda *a: len(a) == 1 and pred(a[0]))


BUILTINS: dict[str, Builtin] = {
    "len": Builtin("len", _len),
    "append": Builtin("append", _append),
    "copy": Builtin("copy", lambda *a: _copy(a[0])),
    "delete": Builtin("delete", _delete),
    "splice": Builtin("splice", _splice),
    "string": Builtin("string", lambda *a: a[0] if isinstance(a[0], str) else to_str(a[0])),
    "int": Builtin("int", _to_int),
    "float": Builtin("float", _to_float),
    "bool": Builtin("bool", lambda *a: truthy(a[0])),
    "char": Builtin("char", _to_char),
    "bytes": Builtin("bytes", lambda *a: a[0].encode("latin-1") if isinstance(a[0], str) else UNDEF),
    "type_name": Builtin("type_name", lambda *a: type_name(a[0])),
    "format": Builtin("format", _sprintf),
    "is_int": _is(lambda v: type(v) is int, "is_int"),
    "is_float": _is(lambda v: isinstance(v, float), "is_float"),
    "is_string": _is(lambda v: isinstance(v, str), "is_string"),
    "is_bool": _is(lambda v: isinstance(v, bool), "is_bool"),
    "is_char": _is(lambda v: isinstance(v, Char), "is_char"),
    "is_bytes": _is(lambda v: isinstance(v, bytes), "is_bytes"),
    "is_array": _is(lambda v: isinstance(v, list), "is_array"),
    "is_immutable_array": _is(lambda v: False, "is_immutable_array"),
    "is_map": _is(lambda v: isinstance(v, dict), "is_map"),
    "is_immutable_map": _is(lambda v: False, "is_immutable_map"),
    "is_iterable": _is(lambda v: isinstance(v, (list, dict, str, bytes)), "is_iterable"),
    "is_error": _is(lambda v: isinstance(v, TError), "is_error"),
    "is_undefined": _is(lambda v: v is UNDEF, "is_undefined"),
    "is_function": _is(lambda v: False, "is_function"),
    "is_callable": _is(lambda v: isinstance(v, Builtin), "is_callable"),
}


# ---------------------------------------------------------------- lexer

_KEYWORDS = {"break", "continue", "else", "for", "func", "if", "return", "true", "false", "undefined",
             "in", "import", "export", "error", "immutable"}
_OPS = sorted(["&^=", "<<=", ">>=", "...", "&&", "||", "<<", ">>", "&^", "++", "--", "==", "!=", "<=", ">=",
               ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "&", "|",
               "^", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "?"],
              key=len, reverse=True)
_SEMI_AFTER = {"IDENT", "INT", "FLOAT", "STRING", "CHAR"}
_SEMI_AFTER_OPS = {")", "]", "}", "++", "--", "break", "continue", "return", "true", "false", "undefined"}
_ESC = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"'}


class Tok:
    __slots__ = ("kind", "line", "value")

    def __init__(self, kind: str, value: Any, line: int):
        self.kind, self.value, self.line = kind, value, line

    def __repr__(self) -> str:
        return f"{self.kind}:{self.value!r}"


class _Lexer:
    def __init__(self, src: str, line: int = 1):
        self.src, self.line = src, line

    def string_value(self, lit: str) -> str:
        """A Go string literal (with its quotes) -> its bytes as latin-1."""
        if lit[:1] == "`":
            return lit[1:-1].replace("\r", "")
        if lit[:1] != '"' or lit[-1:] != '"' or len(lit) < 2:
            raise Unsupported("invalid string literal")
        body, out, i = lit[1:-1], [], 0
        while i < len(body):
            c = body[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            d = body[i + 1: i + 2]
            if d in _ESC and d != "'":
                out.append(_ESC[d])
                i += 2
            elif d == "x" and regex.fullmatch(r"[0-9a-fA-F]{2}", body[i + 2: i + 4]):
                out.append(chr(int(body[i + 2: i + 4], 16)))
                i += 4
            elif d in "uU":
                k = 4 if d == "u" else 8
                h = body[i + 2: i + 2 + k]
                if not regex.fullmatch(r"[0-9a-fA-F]{%d}" % k, h) or int(h, 16) > 0x10FFFF:
                    raise Unsupported(f"invalid escape \\{d}{h}")
                out.append(_b(chr(int(h, 16))))
                i += 2 + k
            elif regex.fullmatch(r"[0-7]{3}", body[i + 1: i + 4]) and int(body[i + 1: i + 4], 8) < 256:
                out.append(chr(int(body[i + 1: i + 4], 8)))
                i += 4
            else:
                raise Unsupported(f"unknown escape sequence \\{d} in a string")
        return "".join(out)

    def tokens(self) -> list[Tok]:
        src, n, i, line = self.src, len(self.src), 0, self.line
        toks: list[Tok] = []

        def semi_due() -> bool:
            if not toks:
                return False
            t = toks[-1]
            return t.kind in _SEMI_AFTER or (t.kind in ("OP", "KW") and t.value in _SEMI_AFTER_OPS)

        while i < n:
            c = src[i]
            if c == "\n":
                if semi_due():
                    toks.append(Tok("OP", ";", line))
                    toks[-1].kind = "SEMI"
                line += 1
                i += 1
                continue
            if c in " \t\r":
                i += 1
                continue
            if src.startswith("//", i):
                j = src.find("\n", i)
                i = n if j == -1 else j
                continue
            if src.startswith("/*", i):
                j = src.find("*/", i + 2)
                if j == -1:
                    raise Unsupported(f"line {line}: comment not terminated")
                if "\n" in src[i:j] and semi_due():
                    toks.append(Tok("SEMI", "\n", line))
                line += src.count("\n", i, j)
                i = j + 2
                continue
            if c.isalpha() or c == "_":
                m = regex.compile(r"[A-Za-z_0-9]*").match(src, i + 1)
                assert m is not None
                word = src[i:m.end()]
                if not word.isascii():
                    raise Unsupported(f"line {line}: non-ASCII identifier")
                toks.append(Tok("KW" if word in _KEYWORDS else "IDENT", word, line))
                i = m.end()
                continue
            if c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
                m = regex.compile(r"0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?").match(src, i)
                assert m is not None
                lit = m.group().replace("_", "")
                if lit[:2].lower() in ("0x", "0b", "0o"):
                    toks.append(Tok("INT", int(lit, 0), line))
                elif "." in lit or "e" in lit.lower():
                    toks.append(Tok("FLOAT", float(lit), line))
                elif len(lit) > 1 and lit[0] == "0":
                    toks.append(Tok("INT", int(lit, 8), line))
                else:
                    toks.append(Tok("INT", int(lit), line))
                i = m.end()
                continue
            if c == '"':
                j = i + 1
                while j < n and src[j] != '"':
                    if src[j] == "\n":
                        raise Unsupported(f"line {line}: string literal not terminated")
                    j += 2 if src[j] == "\\" else 1
                if j >= n:
                    raise Unsupported(f"line {line}: string literal not terminated")
                toks.append(Tok("STRING", self.string_value(src[i:j + 1]), line))
                i = j + 1
                continue
            if c == "`":
                j = src.find("`", i + 1)
                if j == -1:
                    raise Unsupported(f"line {line}: raw string literal not terminated")
                toks.append(Tok("STRING", src[i + 1:j].replace("\r", ""), line))
                line += src.count("\n", i, j)
                i = j + 1
                continue
            if c == "'":
                j = i + 1
                while j < n and src[j] != "'" and src[j] != "\n":
                    j += 2 if src[j] == "\\" else 1
                if j >= n or src[j] != "'":
                    raise Unsupported(f"line {line}: char literal not terminated")
                body = src[i + 1:j]
                val = self.string_value('"' + body.replace("\\'", "'").replace('"', '\\"') + '"') if body != "\\'" else "'"
                runes = _u(val)
                if len(runes) != 1:
                    raise Unsupported(f"line {line}: illegal char literal")
                toks.append(Tok("CHAR", ord(runes), line))
                i = j + 1
                continue
            for op in _OPS:
                if src.startswith(op, i):
                    toks.append(Tok("OP", op, line))
                    i += len(op)
                    break
            else:
                raise Unsupported(f"line {line}: unexpected character {_u(c)!r}")
        if semi_due():
            toks.append(Tok("SEMI", "\n", line))
        toks.append(Tok("EOF", None, line))
        return toks


# ---------------------------------------------------------------- parser + compiler (to closures)

BREAK, CONTINUE = object(), object()
Env = list  # variable slots, one per declaration
Expr = Callable[[Env], Any]
Stmt = Callable[[Env], Any]  # None, BREAK, CONTINUE

_BINARY_PREC = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
                "+": 4, "-": 4, "|": 4, "^": 4, "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5, "&^": 5}
_ASSIGN_OPS = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="}


class _Counter:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = STEP_LIMIT


class Program:
    """A compiled script: ``run(scope)`` -> the value of ``matches``."""

    def __init__(self, src: str):
        self.toks = _Lexer(src).tokens()
        self.pos = 0
        self.scopes: list[dict[str, int]] = [{"scope": 0}]
        self.nslots = 1
        self.counter = _Counter()
        self.body = self.stmt_list(top=True)
        self.matches_slot = self.scopes[0].get("matches")

    # -- token helpers
    @property
    def tok(self) -> Tok:
        return self.toks[self.pos]

    def at(self, value: str) -> bool:
        t = self.toks[self.pos]
        return t.kind in ("OP", "KW") and t.value == value

    def fail(self, what: str) -> Unsupported:
        t = self.tok
        shown = "end of script" if t.kind == "EOF" else ("newline" if t.kind == "SEMI" and t.value == "\n" else repr(_u(str(t.value))))
        return Unsupported(f"line {t.line}: {what} (found {shown})")

    def expect(self, value: str) -> Tok:
        if not self.at(value):
            raise self.fail(f"expected '{value}'")
        t = self.tok
        self.pos += 1
        return t

    def skip_semis(self) -> None:
        while self.tok.kind == "SEMI" or self.at(";"):
            self.pos += 1

    # -- scopes
    def declare(self, name: str) -> int:
        top = self.scopes[-1]
        if name in top and not (len(self.scopes) == 1 and name == "scope"):
            raise Unsupported(f"line {self.tok.line}: '{name}' redeclared in this block")
        if name == "scope" and len(self.scopes) == 1:
            return 0
        top[name] = self.nslots
        self.nslots += 1
        return top[name]

    def resolve(self, name: str, line: int) -> int:
        for s in reversed(self.scopes):
            if name in s:
                return s[name]
        raise Unsupported(f"line {line}: unresolved reference '{name}'")

    # -- statements
    def stmt_list(self, top: bool = False) -> Stmt:
        stmts: list[Stmt] = []
        self.skip_semis()
        while not (self.tok.kind == "EOF" or (not top and self.at("}"))):
            stmts.append(self.stmt())
            if self.tok.kind == "EOF" or (not top and self.at("}")):
                break
            if not (self.tok.kind == "SEMI" or self.at(";")):
                raise self.fail("expected end of statement")
            self.skip_semis()
        if top and self.tok.kind != "EOF":
            raise self.fail("unexpected token")
        return _seq(stmts, self.counter)

    def block(self) -> Stmt:
        self.expect("{")
        self.scopes.append({})
        body = self.stmt_list()
        self.scopes.pop()
        self.expect("}")
        return body

    def stmt(self) -> Stmt:
        t = self.tok
        if t.kind == "KW":
            if t.value == "if":
                return self.if_stmt()
            if t.value == "for":
                return self.for_stmt()
            if t.value in ("break", "continue"):
                self.pos += 1
                sig = BREAK if t.value == "break" else CONTINUE
                return lambda env: sig
            if t.value in ("func", "export", "return"):
                raise Unsupported(f"line {t.line}: '{t.value}' (function literals and modules are not supported)")
        if self.at("{"):
            return self.block_scoped()
        return self.simple_stmt()

    def block_scoped(self) -> Stmt:
        return self.block()

    def if_stmt(self) -> Stmt:
        self.expect("if")
        self.scopes.append({})
        init: Stmt | None = None
        first = self.simple_stmt(allow_cond=True)
        if self.at(";"):
            self.pos += 1
            init = first
            cond: Expr = self.expr()
        else:
            got = getattr(first, "expr", None)
            if got is None:
                raise self.fail("expected a condition")
            cond = got
        then = self.block()
        other: Stmt | None = None
        if self.at("else"):
            self.pos += 1
            other = self.if_stmt() if self.at("if") else self.block()
        self.scopes.pop()

        def run(env: Env) -> Any:
            if init is not None:
                init(env)
            if truthy(cond(env)):
                return then(env)
            if other is not None:
                return other(env)
            return None

        return run

    def for_stmt(self) -> Stmt:
        self.expect("for")
        counter = self.counter
        self.scopes.append({})
        try:
            if self.at("{"):
                body = self.block()
                return _loop(None, None, None, body, counter)
            t0, t1, t2 = self.toks[self.pos: self.pos + 3]
            if t0.kind == "IDENT" and ((t1.kind == "KW" and t1.value == "in") or (t1.value == "," and t2.kind == "IDENT")):
                return self.for_in()
            init: Stmt | None = None
            if not self.at(";"):
                init = self.simple_stmt(allow_cond=True)
            if self.at(";"):
                self.pos += 1
                cond = None if self.at(";") else self.expr()
                self.expect(";")
                post = None if self.at("{") else self.simple_stmt()
                body = self.block()
                return _loop(init, cond, post, body, counter)
            cond = getattr(init, "expr", None)
            if cond is None:
                raise self.fail("expected a loop condition")
            body = self.block()
            return _loop(None, cond, None, body, counter)
        finally:
            self.scopes.pop()

    def for_in(self) -> Stmt:
        names = [self.tok.value]
        self.pos += 1
        if self.at(","):
            self.pos += 1
            names.append(self.tok.value)
            self.pos += 1
        self.expect("in")
        iterable = self.expr()
        slots = [self.declare(n) if n != "_" else -1 for n in names]
        body = self.block()
        counter = self.counter
        if len(slots) == 1:
            ks, vs = -1, slots[0]
        else:
            ks, vs = slots

        def run(env: Env) -> Any:
            for k, v in iterate(iterable(env)):
                counter.left -= 1
                if counter.left < 0:
                    raise StepLimit(f"the script ran over {STEP_LIMIT} steps")
                if ks >= 0:
                    env[ks] = k
                if vs >= 0:
                    env[vs] = v
                sig = body(env)
                if sig is BREAK:
                    break
            return None

        return run

    def simple_stmt(self, allow_cond: bool = False) -> Stmt:
        line = self.tok.line
        lhs_start = self.pos
        nxt = self.toks[self.pos + 1] if self.pos + 1 < len(self.toks) else self.tok
        if self.tok.kind == "IDENT" and nxt.kind == "OP" and nxt.value == ",":
            raise Unsupported(f"line {line}: tuple assignment is not supported")
        if self.tok.kind == "IDENT" and nxt.kind == "OP" and nxt.value == ":=":
            self.pos += 2
            value = self.expr()
            slot = self.declare(self.toks[lhs_start].value)

            def define(env: Env) -> Any:
                env[slot] = value(env)
                return None

            return define
        e = self.expr()
        t = self.tok
        if t.kind == "OP" and t.value == ":=":
            raise Unsupported(f"line {line}: ':=' needs one name on its left (tuple assignment is not supported)")
        if t.kind == "OP" and t.value == ",":
            raise Unsupported(f"line {line}: tuple assignment is not supported")
        if t.kind == "OP" and (t.value == "=" or t.value in _ASSIGN_OPS or t.value in ("++", "--")):
            op_pos = self.pos
            self.pos += 1
            op = t.value
            if op in ("++", "--"):
                rhs: Expr = _const(1)
                binary = op[0]
            else:
                rhs = self.expr()
                binary = op[:-1] if op != "=" else ""
            return self.assign(lhs_start, op_pos, line, binary, rhs)
        stmt: Any = lambda env: (e(env), None)[1]  # noqa: E731
        stmt.expr = e
        return stmt

    def assign(self, lhs_start: int, end: int, line: int, binary: str, rhs: Expr) -> Stmt:
        """``x = e``, ``x op= e``, ``a[i] = e``, ``m.k op= e``: the left side
        (tokens ``lhs_start`` to ``end``, the operator) parsed again as a target."""
        saved = self.pos
        self.pos = lhs_start
        t = self.tok
        if t.kind != "IDENT":
            raise Unsupported(f"line {line}: cannot assign to this expression")
        self.pos += 1
        slot = self.resolve(t.value, line)
        if slot == -2:
            raise Unsupported(f"line {line}: cannot assign to '{t.value}'")
        keys: list[Expr] = []
        while self.pos < end:
            if self.at("["):
                self.pos += 1
                keys.append(self.expr())
                self.expect("]")
            elif self.at("."):
                self.pos += 1
                name = self.tok
                if name.kind not in ("IDENT", "KW"):
                    raise self.fail("expected a selector name")
                self.pos += 1
                keys.append(_const(name.value))
            else:
                raise Unsupported(f"line {line}: cannot assign to this expression")
        self.pos = saved
        if not keys:
            if not binary:
                def set_var(env: Env) -> Any:
                    env[slot] = rhs(env)
                    return None

                return set_var

            def op_var(env: Env) -> Any:
                env[slot] = binop(binary, env[slot], rhs(env))
                return None

            return op_var
        head, last = keys[:-1], keys[-1]

        def set_index(env: Env) -> Any:
            obj = env[slot]
            for k in head:
                obj = index_get(obj, k(env))
            key = last(env)
            value = rhs(env)
            if binary:
                value = binop(binary, index_get(obj, key), value)
            index_set(obj, key, value)
            return None

        return set_index

    # -- expressions
    def expr(self) -> Expr:
        cond = self.binary(1)
        if self.at("?"):
            self.pos += 1
            a = self.expr()
            self.expect(":")
            b = self.expr()
            return lambda env: a(env) if truthy(cond(env)) else b(env)
        return cond

    def binary(self, prec: int) -> Expr:
        left = self.unary()
        while True:
            t = self.tok
            p = _BINARY_PREC.get(t.value) if t.kind == "OP" else None
            if p is None or p < prec:
                return left
            self.pos += 1
            right = self.binary(p + 1)
            left = _binary(t.value, left, right)

    def unary(self) -> Expr:
        t = self.tok
        if t.kind == "OP" and t.value in ("-", "+", "!", "^"):
            self.pos += 1
            x = self.unary()
            op = t.value
            if op == "!":
                return lambda env: not truthy(x(env))

            def neg(env: Env) -> Any:
                v = x(env)
                if op == "+" and isinstance(v, (int, float)) and not isinstance(v, bool):
                    return v
                if op == "-" and type(v) is int:
                    return _wrap(-v)
                if op == "-" and isinstance(v, float):
                    return -v
                if op == "^" and type(v) is int:
                    return ~v
                raise TengoError(f"invalid operation: {op}{type_name(v)}")

            return neg
        return self.postfix(self.primary())

    def postfix(self, x: Expr) -> Expr:
        while True:
            if self.at("("):
                self.pos += 1
                args: list[Expr] = []
                self.skip_semis()
                while not self.at(")"):
                    args.append(self.expr())
                    if self.at("..."):
                        raise self.fail("spread arguments are not supported")
                    self.skip_semis()
                    if not self.at(","):
                        break
                    self.pos += 1
                    self.skip_semis()
                self.expect(")")
                x = _call(x, args, self.tok.line)
            elif self.at("["):
                self.pos += 1
                lo = None if self.at(":") else self.expr()
                if self.at(":"):
                    self.pos += 1
                    hi = None if self.at("]") else self.expr()
                    self.expect("]")
                    x = _slice(x, lo, hi)
                else:
                    self.expect("]")
                    assert lo is not None
                    x = _index(x, lo)
            elif self.at("."):
                self.pos += 1
                name = self.tok
                if name.kind not in ("IDENT", "KW"):
                    raise self.fail("expected a selector name")
                self.pos += 1
                x = _index(x, _const(name.value))
            else:
                return x

    def primary(self) -> Expr:
        t = self.tok
        self.pos += 1
        if t.kind == "IDENT":
            for s in reversed(self.scopes):
                if t.value in s:
                    slot = s[t.value]
                    return lambda env: env[slot]
            if t.value in BUILTINS:
                return _const(BUILTINS[t.value])
            raise Unsupported(f"line {t.line}: unresolved reference '{t.value}'")
        if t.kind in ("INT", "FLOAT", "STRING"):
            return _const(t.value)
        if t.kind == "CHAR":
            c = Char(t.value)
            return lambda env: c
        if t.kind == "KW":
            if t.value in ("true", "false"):
                return _const(t.value == "true")
            if t.value == "undefined":
                return _const(UNDEF)
            if t.value == "import":
                self.expect("(")
                name = self.tok
                if name.kind != "STRING":
                    raise self.fail("import takes a module name")
                self.pos += 1
                self.expect(")")
                if name.value not in MODULES:
                    raise Unsupported(f"line {t.line}: module '{_u(name.value)}' is not supported (only 'text' and 'fmt')")
                make = MODULES[name.value]
                return lambda env: make()
            if t.value in ("error", "immutable"):
                self.expect("(")
                x = self.expr()
                self.expect(")")
                if t.value == "error":
                    return lambda env: TError(x(env))
                return x
            if t.value == "func":
                raise Unsupported(f"line {t.line}: function literals are not supported")
            raise Unsupported(f"line {t.line}: unexpected '{t.value}'")
        if t.kind == "OP":
            if t.value == "(":
                x = self.expr()
                self.expect(")")
                return x
            if t.value == "[":
                items: list[Expr] = []
                self.skip_semis()
                while not self.at("]"):
                    items.append(self.expr())
                    self.skip_semis()
                    if not self.at(","):
                        break
                    self.pos += 1
                    self.skip_semis()
                self.expect("]")
                return lambda env: [i(env) for i in items]
            if t.value == "{":
                pairs: list[tuple[str, Expr]] = []
                self.skip_semis()
                while not self.at("}"):
                    k = self.tok
                    if k.kind not in ("IDENT", "STRING", "KW"):
                        raise self.fail("expected a map key")
                    self.pos += 1
                    self.expect(":")
                    pairs.append((k.value, self.expr()))
                    self.skip_semis()
                    if not self.at(","):
                        break
                    self.pos += 1
                    self.skip_semis()
                self.expect("}")
                return lambda env: {k: v(env) for k, v in pairs}
        self.pos -= 1
        raise self.fail("expected an expression")

    # -- running
    def run(self, scope: str) -> Any:
        env: Env = [UNDEF] * self.nslots
        env[0] = scope
        self.counter.left = STEP_LIMIT
        self.body(env)
        return env[self.matches_slot] if self.matches_slot is not None else UNDEF


def _const(v: Any) -> Expr:
    return lambda env: v


def _seq(stmts: list[Stmt], counter: _Counter) -> Stmt:
    def run(env: Env) -> Any:
        for s in stmts:
            counter.left -= 1
            if counter.left < 0:
                raise StepLimit(f"the script ran over {STEP_LIMIT} steps")
            sig = s(env)
            if sig is not None:
                return sig
        return None

    return run


def _loop(init: Stmt | None, cond: Expr | None, post: Stmt | None, body: Stmt, counter: _Counter) -> Stmt:
    def run(env: Env) -> Any:
        if init is not None:
            init(env)
        while True:
            counter.left -= 1
            if counter.left < 0:
                raise StepLimit(f"the script ran over {STEP_LIMIT} steps")
            if cond is not None and not truthy(cond(env)):
                break
            if body(env) is BREAK:
                break
            if post is not None:
                post(env)
        return None

    return run


def _binary(op: str, a: Expr, b: Expr) -> Expr:
    if op == "&&":
        def and_(env: Env) -> Any:
            x = a(env)
            return b(env) if truthy(x) else x
        return and_
    if op == "||":
        def or_(env: Env) -> Any:
            x = a(env)
            return x if truthy(x) else b(env)
        return or_
    return lambda env: binop(op, a(env), b(env))


def _call(f: Expr, args: list[Expr], line: int) -> Expr:
    def call(env: Env) -> Any:
        fn = f(env)
        if not isinstance(fn, Builtin):
            raise TengoError(f"not callable: {type_name(fn)}")
        try:
            return fn.fn(*[a(env) for a in args])
        except (TypeError, IndexError) as exc:
            raise TengoError(f"invalid arguments in call to '{fn.name}': {exc}") from exc

    return call


def _index(x: Expr, k: Expr) -> Expr:
    return lambda env: index_get(x(env), k(env))


def _slice(x: Expr, lo: Expr | None, hi: Expr | None) -> Expr:
    return lambda env: slice_get(x(env), None if lo is None else lo(env), None if hi is None else hi(env))


# ---------------------------------------------------------------- the check

_CONT = bytes(range(0x80, 0xC0))


def _to_code_points(data: bytes, offsets: list[int]) -> dict[int, tuple[int, int]]:
    """Byte offset -> (code point of the character it is in or starts, code point after it)."""
    out: dict[int, tuple[int, int]] = {}
    count, last = 0, 0
    for off in sorted(set(offsets)):
        count += len(data[last:off].translate(None, _CONT))  # the characters that start there
        last = off
        inside = 0 < off < len(data) and data[off] in _CONT
        out[off] = (count - 1, count) if inside else (count, count)
    return out


def _shifted(by: int, a: int, b: int) -> tuple[int, int]:
    return by + a, by + b


class Script:
    def __init__(self, p: Params, ctx: CompileContext):
        self.message = p.message
        self.scope = ScopeFilter(p.scope)
        self.skipped_reason = ""
        self.program: Program | None = None
        source = p.script
        if source.endswith(".tengo"):
            found = ctx.styles_path / "config" / "scripts" / source if ctx.styles_path is not None else None
            if found is None or not found.is_file():
                raise CompileError(("script",), f"script file {source!r} not found in <StylesPath>/config/scripts")
            source = Path(found).read_text(encoding="utf-8", errors="surrogateescape")
        try:
            self.program = Program(source.encode("utf-8", "surrogateescape").decode("latin-1"))
        except Unsupported as exc:
            self.skipped_reason = f"newslint's Tengo interpreter cannot run this script: {exc}"
        except RecursionError:
            self.skipped_reason = "newslint's Tengo interpreter cannot run this script: nested too deeply"

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if self.program is None:
            return
        for block in self.scope.blocks(article, blocks):
            if block.scope == "raw":
                yield from self._run(block.text, functools.partial(_shifted, block.start))
            else:
                vt = vale_text(article, block)
                yield from self._run(vt.text, vt.span)

    def _run(self, text: str, place: Callable[[int, int], tuple[int, int]]) -> Iterator[Finding]:
        assert self.program is not None
        data = text.encode("utf-8", "surrogatepass")
        try:
            got = self.program.run(data.decode("latin-1"))
        except (TengoError, RecursionError) as exc:
            yield Finding(Span(*place(0, 0)), f"Tengo script error: {exc}", level=Severity.ERROR)
            return
        if not isinstance(got, list):
            return
        found: list[tuple[int, int, str | None]] = []
        for m in got:
            if not isinstance(m, dict):
                continue
            b, e = m.get("begin"), m.get("end")
            if type(b) is not int or type(e) is not int or not 0 <= b <= e <= len(data):
                continue  # Vale would stop with an error here
            msg = m.get("message")
            found.append((b, e, _u(msg) if isinstance(msg, str) else None))
        if not found:
            return
        cps = _to_code_points(data, [x for b, e, _ in found for x in (b, e)])
        for b, e, msg in found:
            start, end = cps[b][0], cps[e][1]
            matched = data[b:e].decode("utf-8", "replace")
            yield Finding(Span(*place(start, end)), format_message(msg if msg is not None else self.message, matched))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Script:
    return Script(p, ctx)
