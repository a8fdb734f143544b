"""A small evaluator of dasel selectors, the queries of Vale's ``dasel`` views.

Vale (internal/core/view.go) runs each scope's ``expr`` through dasel (v3,
then v2) over the decoded JSON or YAML document. This module reads the
subset that Vale's own views and its documentation use, over plain Python
values (dicts, lists, scalars), and returns every item it lands on with its
path (a tuple of keys and indexes from the root), so that the reader can find
where in the file each selected string was written:

* keys: ``info.title``, a leading ``.`` or ``$root.`` is dropped, a key
  written as a string (``"x-key"``), ``key?`` (optional);
* children: ``all()``, ``*``, ``[*]``; indexes: ``[0]``, ``index(0, 2)``,
  ``first()``, ``last()`` (a negative index counts from the end);
* ``property(a, b)``: those keys; ``keys()``: a mapping's keys are not
  values the reader could place, so it selects nothing;
* ``search(pred)``: every value below the current one (not itself), depth
  first, in document order, for which ``pred`` holds; ``filter(pred)``:
  the current items (a list's elements) for which it holds; ``map(expr)``:
  ``expr`` from each (a list's elements);
* predicates: ``has("key")``, ``expr == literal``, ``expr != literal``,
  ``pred && pred``, ``pred || pred``, ``!pred``, ``(pred)``.

A key that is missing selects nothing (dasel calls it an error unless the
key is written ``key?``; a view is read leniently here, as a missing value
is not something to lint). An expression outside the subset is a
:class:`DaselError` naming what was not understood.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Path = tuple  # keys (str) and indexes (int) from the root
Item = tuple[Path, Any]

__all__ = ["DaselError", "select"]


class DaselError(ValueError):
    """A selector outside the subset read here, or one that does not parse."""


# --------------------------------------------------------------------------
# Tokens


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "name", "str", "num", "op", "end"
    value: str
    at: int


_OPS = ("==", "!=", "&&", "||", "(", ")", "[", "]", ".", ",", "?", "*", "!")


def _tokens(expr: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(expr)
    while i < n:
        c = expr[i]
        if c.isspace():
            i += 1
            continue
        if c in "\"'":
            j = i + 1
            buf: list[str] = []
            while j < n and expr[j] != c:
                if expr[j] == "\\" and j + 1 < n:
                    j += 1
                buf.append(expr[j])
                j += 1
            if j >= n:
                raise DaselError(f"unterminated string at {i + 1} in {expr!r}")
            out.append(_Tok("str", "".join(buf), i))
            i = j + 1
            continue
        op = next((o for o in _OPS if expr.startswith(o, i)), None)
        if op is not None:
            out.append(_Tok("op", op, i))
            i += len(op)
            continue
        if c.isdigit() or (c == "-" and i + 1 < n and expr[i + 1].isdigit()):
            j = i + 1
            while j < n and expr[j].isdigit():
                j += 1
            out.append(_Tok("num", expr[i:j], i))
            i = j
            continue
        j = i
        while j < n and not expr[j].isspace() and expr[j] not in "\"'()[].,?*!=&|":
            j += 1
        if j == i:
            raise DaselError(f"unexpected {c!r} at {i + 1} in {expr!r}")
        out.append(_Tok("name", expr[i:j], i))
        i = j
    out.append(_Tok("end", "", n))
    return out


# --------------------------------------------------------------------------
# The parsed selector: a list of steps, each a function items -> items

Step = Callable[[list[Item]], list[Item]]
Pred = Callable[[Item], bool]


def _children(item: Item) -> Iterator[Item]:
    path, v = item
    if isinstance(v, dict):
        for k, x in v.items():
            yield (*path, k), x
    elif isinstance(v, list):
        for k, x in enumerate(v):
            yield (*path, k), x


def _descendants(item: Item) -> Iterator[Item]:
    stack = [iter(list(_children(item)))]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            continue
        yield nxt
        if isinstance(nxt[1], (dict, list)):
            stack.append(iter(list(_children(nxt))))


def _key(name: str) -> Step:
    def step(items: list[Item]) -> list[Item]:
        out = []
        for path, v in items:
            if isinstance(v, dict) and name in v:
                out.append(((*path, name), v[name]))
        return out

    return step


def _indexes(idx: list[int]) -> Step:
    def step(items: list[Item]) -> list[Item]:
        out = []
        for path, v in items:
            if isinstance(v, list):
                for i in idx:
                    k = i + len(v) if i < 0 else i
                    if 0 <= k < len(v):
                        out.append(((*path, k), v[k]))
        return out

    return step


def _elements(items: list[Item]) -> list[Item]:
    """What ``filter`` and ``map`` go over: a list's elements, any other item itself."""
    return [c for it in items for c in (_children(it) if isinstance(it[1], list) else (it,))]


def _all(items: list[Item]) -> list[Item]:
    return [c for it in items for c in _children(it)]


def _scalar(v: Any) -> Any:
    """A leaf's value for a comparison (the YAML reader's leaves carry theirs in ``.value``)."""
    return getattr(v, "value", v)


class _Parser:
    def __init__(self, expr: str):
        self.expr = expr
        self.toks = _tokens(expr)
        self.i = 0

    # helpers
    def peek(self, value: str | None = None, kind: str | None = None) -> bool:
        t = self.toks[self.i]
        return (value is None or t.value == value) and (kind is None or t.kind == kind)

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, value: str) -> None:
        t = self.take()
        if t.kind != "op" or t.value != value:
            raise DaselError(f"expected {value!r} at {t.at + 1} in {self.expr!r}")

    def fail(self, what: str) -> DaselError:
        t = self.toks[self.i]
        return DaselError(f"{what} at {t.at + 1} in {self.expr!r}")

    # grammar
    def selector(self, stop: tuple[str, ...] = ()) -> list[Step]:
        steps: list[Step] = []
        if self.peek(".", "op"):
            self.take()
        first = True
        while True:
            t = self.toks[self.i]
            if t.kind == "end" or (t.kind == "op" and t.value in stop):
                break
            if not first:
                if t.kind == "op" and t.value == "[":
                    pass
                elif t.kind == "op" and t.value == ".":
                    self.take()
                else:
                    raise self.fail(f"unexpected {t.value!r}")
            steps.append(self.step())
            first = False
        return steps

    def step(self) -> Step:
        t = self.take()
        if t.kind == "op" and t.value == "*":
            return _all
        if t.kind == "op" and t.value == "[":
            if self.peek("*", "op"):
                self.take()
                self.expect("]")
                return _all
            n = self.take()
            if n.kind != "num":
                raise DaselError(f"expected an index at {n.at + 1} in {self.expr!r}")
            self.expect("]")
            return _indexes([int(n.value)])
        if t.kind == "str":
            step = _key(t.value)
        elif t.kind == "name":
            if self.peek("(", "op"):
                self.take()
                step = self.function(t.value)
            elif t.value in ("$root", "$this"):
                return lambda items: items
            else:
                step = _key(t.value)
        else:
            raise DaselError(f"unexpected {t.value!r} at {t.at + 1} in {self.expr!r}")
        if self.peek("?", "op"):
            self.take()  # optional: a missing key selects nothing, as every missing key does here
        return step

    def args_names(self) -> list[str]:
        out: list[str] = []
        while not self.peek(")", "op"):
            t = self.take()
            if t.kind not in ("name", "str", "num"):
                raise DaselError(f"expected a name at {t.at + 1} in {self.expr!r}")
            out.append(t.value)
            if self.peek(",", "op"):
                self.take()
        self.expect(")")
        return out

    def function(self, name: str) -> Step:
        if name == "all":
            self.expect(")")
            return _all
        if name in ("first", "last"):
            self.expect(")")
            return _indexes([0 if name == "first" else -1])
        if name == "index":
            try:
                return _indexes([int(x) for x in self.args_names()])
            except ValueError:
                raise DaselError(f"index() takes numbers in {self.expr!r}") from None
        if name == "property":
            keys = self.args_names()
            steps = [_key(k) for k in keys]
            return lambda items: [x for it in items for s in steps for x in s([it])]
        if name == "keys":
            self.expect(")")
            return lambda items: []
        if name in ("search", "filter"):
            pred = self.predicate()
            self.expect(")")
            if name == "search":
                return lambda items: [d for it in items for d in _descendants(it) if pred(d)]
            return lambda items: [it for it in _elements(items) if pred(it)]
        if name == "map":
            inner = self.selector(stop=(")",))
            self.expect(")")
            return lambda items: [x for it in _elements(items) for x in _run(inner, [it])]
        raise DaselError(f"the function {name}() is not supported in {self.expr!r}")

    def predicate(self) -> Pred:
        left = self.conjunction()
        while self.peek("||", "op"):
            self.take()
            right = self.conjunction()
            left = (lambda a, b: lambda it: a(it) or b(it))(left, right)
        return left

    def conjunction(self) -> Pred:
        left = self.unary()
        while self.peek("&&", "op"):
            self.take()
            right = self.unary()
            left = (lambda a, b: lambda it: a(it) and b(it))(left, right)
        return left

    def unary(self) -> Pred:
        if self.peek("!", "op"):
            self.take()
            inner = self.unary()
            return lambda it: not inner(it)
        if self.peek("(", "op"):
            self.take()
            inner = self.predicate()
            self.expect(")")
            return inner
        t = self.toks[self.i]
        if t.kind == "name" and t.value == "has" and self.toks[self.i + 1].value == "(":
            self.i += 2
            keys = self.args_names()
            if len(keys) != 1:
                raise DaselError(f"has() takes one key in {self.expr!r}")
            key = keys[0]
            return lambda it: isinstance(it[1], dict) and key in it[1]
        sel = self.selector(stop=("==", "!=", ")", "&&", "||"))
        if not (self.peek("==", "op") or self.peek("!=", "op")):
            raise self.fail("expected == or != in a predicate")
        op = self.take().value
        lit = self.take()
        if lit.kind == "str":
            want: Any = lit.value
        elif lit.kind == "num":
            want = int(lit.value)
        elif lit.kind == "name" and lit.value in ("true", "false", "null"):
            want = {"true": True, "false": False, "null": None}[lit.value]
        else:
            raise DaselError(f"expected a literal at {lit.at + 1} in {self.expr!r}")

        def compare(it: Item) -> bool:
            hit = any(_scalar(v) == want and type(_scalar(v)) is type(want) for _, v in _run(sel, [it]))
            return hit if op == "==" else not hit

        return compare


def _run(steps: list[Step], items: list[Item]) -> list[Item]:
    for s in steps:
        items = s(items)
        if not items:
            break
    return items


def select(root: Any, expr: str) -> list[Item]:
    """Every (path, value) that ``expr`` selects from ``root``; a selection of one
    list stands for its elements (as Vale unwraps it)."""
    p = _Parser(expr.strip())
    if p.peek("$root", "name"):
        p.take()
    steps = p.selector()
    if not p.peek(kind="end"):
        raise p.fail("unexpected text")
    items = _run(steps, [((), root)])
    if len(items) == 1 and isinstance(items[0][1], list):
        items = list(_children(items[0]))
    return items
