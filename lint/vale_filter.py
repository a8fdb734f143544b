"""Vale's ``--filter``: an expression that keeps the rules it is true of.

Vale evaluates the expression (expr-lang) against each rule with the fields
``.Name`` (``Style.Rule``), ``.Level``, ``.Extends``, ``.Scope`` (a list),
``.Message``, ``.Description`` and ``.Link``; ``--filter=@file`` reads the
expression from a file. This module reads the part of the language that
filters use, and nothing that could run code:

* literals: strings (``"..."``, ``'...'``, with ``\\`` escapes), numbers,
  ``true``/``false``/``nil``, lists ``["a", "b"]``;
* comparisons ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``; ``in``, ``not in``;
  ``matches`` (a regular expression search), ``contains``, ``startsWith``,
  ``endsWith``;
* ``!``/``not``, ``and``/``&&``, ``or``/``||``, parentheses.

A malformed expression is a :class:`FilterError` that says where.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import regex

_TOKEN = regex.compile(
    r"""\s*(?:(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?P<num>\d+(?:\.\d+)?)"""
    r"""|(?P<field>\.[A-Za-z_]\w*)|(?P<op>==|!=|<=|>=|&&|\|\||[<>!()\[\],])"""
    r"""|(?P<word>[A-Za-z_]\w*))"""
)
_WORD_OPS = {"and": "&&", "or": "||", "not": "!"}
_FIELDS = ("Name", "Level", "Extends", "Scope", "Message", "Description", "Link")


class FilterError(ValueError):
    """An expression that cannot be read."""


def _tokens(text: str) -> list[tuple[str, Any, int]]:
    out: list[tuple[str, Any, int]] = []
    i = 0
    while i < len(text):
        if text[i:].strip() == "":
            break
        m = _TOKEN.match(text, i)
        if m is None or m.end() == i:
            raise FilterError(f"--filter: cannot read {text[i:].strip()[:20]!r} (at character {i + 1})")
        kind = m.lastgroup or ""
        value: Any = m.group(kind)
        if kind == "str":
            value = regex.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t"}.get(e.group(1), e.group(1)), value[1:-1])
        elif kind == "num":
            value = float(value) if "." in value else int(value)
        elif kind == "field":
            value = value[1:]
        elif kind == "word":
            if value in _WORD_OPS:
                kind, value = "op", _WORD_OPS[value]
            elif value in ("true", "false"):
                kind, value = "lit", value == "true"
            elif value == "nil":
                kind, value = "lit", None
        out.append((kind, value, m.start(kind) + 1))
        i = m.end()
    return out


class _Parser:
    """Recursive descent: or > and > not > comparison > value."""

    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, Any, int] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, kind: str, value: Any = None) -> bool:
        t = self.peek()
        if t is not None and t[0] == kind and (value is None or t[1] == value):
            self.i += 1
            return True
        return False

    def fail(self, what: str) -> FilterError:
        t = self.peek()
        where = f"at character {t[2]}" if t is not None else "at the end"
        return FilterError(f"--filter {self.text!r}: {what} {where}")

    def parse(self) -> Callable[[dict], Any]:
        node = self.or_()
        if self.peek() is not None:
            raise self.fail("unexpected")
        return node

    def or_(self):
        left = self.and_()
        while self.take("op", "||"):
            right = self.and_()
            left = (lambda a, b: lambda r: bool(a(r)) or bool(b(r)))(left, right)
        return left

    def and_(self):
        left = self.not_()
        while self.take("op", "&&"):
            right = self.not_()
            left = (lambda a, b: lambda r: bool(a(r)) and bool(b(r)))(left, right)
        return left

    def not_(self):
        if self.take("op", "!"):
            inner = self.not_()
            return lambda r: not inner(r)
        return self.comparison()

    def comparison(self):
        left = self.value()
        t = self.peek()
        if t is None:
            return left
        negate = False
        if t[0] == "op" and t[1] == "!" and self.i + 1 < len(self.toks) and self.toks[self.i + 1][1] == "in":
            self.i += 1
            negate = True
            t = self.peek()
            assert t is not None
        op = t[1] if t[0] in ("op", "word") else None
        tests: dict[str, Callable[[Any, Any], bool]] = {
            "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
            "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
            "in": lambda a, b: a in b if b is not None else False,
            "matches": lambda a, b: regex.search(str(b), str(a)) is not None,
            "contains": lambda a, b: b in a if a is not None else False,
            "startsWith": lambda a, b: str(a).startswith(str(b)),
            "endsWith": lambda a, b: str(a).endswith(str(b)),
        }
        if op not in tests:
            if negate:
                raise self.fail("expected 'in'")
            return left
        self.i += 1
        right = self.value()
        test = tests[op]

        def compare(r: dict) -> bool:
            try:
                hit = test(left(r), right(r))
            except (TypeError, regex.error):
                return False
            return not hit if negate else hit

        return compare

    def value(self):
        t = self.peek()
        if t is None:
            raise self.fail("expected a value")
        kind, v, _ = t
        self.i += 1
        if kind in ("str", "num", "lit"):
            return lambda r: v
        if kind == "field":
            if v not in _FIELDS:
                raise FilterError(f"--filter: unknown field .{v} (known: {', '.join('.' + f for f in _FIELDS)})")
            return lambda r: r.get(v)
        if kind == "op" and v == "(":
            inner = self.or_()
            if not self.take("op", ")"):
                raise self.fail("expected ')'")
            return inner
        if kind == "op" and v == "[":
            items = []
            if not self.take("op", "]"):
                while True:
                    items.append(self.value())
                    if self.take("op", "]"):
                        break
                    if not self.take("op", ","):
                        raise self.fail("expected ',' or ']'")
            return lambda r: [f(r) for f in items]
        self.i -= 1
        raise self.fail("expected a value")


def compile_filter(text: str) -> Callable[[dict], bool]:
    """A predicate over a rule's fields (see :func:`fields`); ``@path``, or the path of
    an existing file as Vale takes it (``--filter ./filter.expr``), reads the expression from it."""
    path = text[1:] if text.startswith("@") else text if os.path.isfile(text) else None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read().strip()
        except OSError as exc:
            raise FilterError(f"--filter {text}: cannot read the file: {exc.strerror}") from None
    node = _Parser(text).parse()
    return lambda r: bool(node(r))


def fields(rule) -> dict[str, Any]:
    """A loaded rule (lint.rules.Rule) as the fields Vale's filters read."""
    spec = rule.spec
    scope = getattr(spec, "scope", None)
    return {
        "Name": rule.id, "Level": str(getattr(spec, "level", "") or ""), "Extends": getattr(spec, "extends", None),
        "Scope": list(scope) if isinstance(scope, (list, tuple)) else ([scope] if scope else ["text"]),
        "Message": getattr(spec, "message", None), "Description": getattr(spec, "description", None),
        "Link": getattr(spec, "link", None),
    }
