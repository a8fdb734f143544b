"""metric: a formula over the text's counts, reported when ``condition`` holds (Vale).

``formula`` is an arithmetic expression over Vale's variables -- ``words``,
``sentences``, ``characters`` (letters and digits), ``syllables``,
``polysyllabic_words`` (more than two syllables), ``complex_words``
(polysyllabic once an -es/-ed/-ing suffix is dropped), ``long_words`` (more
than six characters), ``paragraphs``, ``pre`` (code blocks), ``list``
(lists), ``blockquote``, ``heading_h1`` ... ``heading_h6`` (also written
``heading.h1``) -- with ``+ - * / %``, parentheses, comparison and
``math.sqrt``/``math.log``/``math.pow``/... . ``condition`` is the rest of a
comparison (``"> 8"``). ``%s`` in the message is the result to two
decimals. Unset scope (or ``text``/``summary``) measures the whole document
once, reported at line 1, column 1, as Vale does; another scope measures
each block and reports the block. Counting follows Vale (jdkato/prose
summarize): words and sentences from newslint's own segmenter, syllables by
vowel groups -- Vale's syllable dictionary is not reproduced, so scores can
differ from Vale's in the decimals.

The formula is parsed once, at load time, into a restricted Python
expression tree (names, numbers, arithmetic, comparisons and ``math.*``
calls only) and evaluated per document without ``eval``.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Iterator
from typing import Any, Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._vale import ScopeFilter, heading_level, vale_message
from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.segment import sentences


class Params(RuleBase):
    extends: Literal["metric"]
    formula: str = ""
    condition: str = ""


VARIABLES = (
    "words", "sentences", "characters", "syllables", "polysyllabic_words", "complex_words",
    "long_words", "paragraphs", "pre", "list", "blockquote",
    "heading_h1", "heading_h2", "heading_h3", "heading_h4", "heading_h5", "heading_h6",
)
_HEADING_VAR = regexes.compile(r"heading\.(h[1-6])")
_MATH: dict[str, Callable[..., Any]] = {
    "sqrt": math.sqrt, "log": math.log, "log10": math.log10, "log2": math.log2, "pow": math.pow,
    "abs": abs, "floor": math.floor, "ceil": math.ceil, "exp": math.exp, "max": max, "min": min,
    "round": round, "trunc": math.trunc,
}
_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Eq: operator.eq, ast.NotEq: operator.ne,
}


def _compile_expr(text: str, key: str) -> Callable[[dict[str, float]], Any]:
    """A restricted expression -> a closure over a variables mapping."""
    src = _HEADING_VAR.sub(r"heading_\1", text.strip()).replace("&&", " and ").replace("||", " or ")
    try:
        tree = ast.parse(src, mode="eval").body
    except SyntaxError as exc:
        raise CompileError((key,), f"invalid expression {text.strip()!r}: {exc.msg}") from None

    def build(node: ast.AST) -> Callable[[dict[str, float]], Any]:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            v = float(node.value)
            return lambda env: v
        if isinstance(node, ast.Name):
            if node.id not in VARIABLES:
                raise CompileError((key,), f"unknown variable {node.id!r} (known: {', '.join(VARIABLES)})")
            name = node.id
            return lambda env: env[name]
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            f, a, b = _BINOPS[type(node.op)], build(node.left), build(node.right)
            return lambda env: _arith(f, a(env), b(env))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            a = build(node.operand)
            neg = isinstance(node.op, ast.USub)
            return lambda env: -a(env) if neg else a(env)
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMPOPS:
            f, a, b = _CMPOPS[type(node.ops[0])], build(node.left), build(node.comparators[0])
            return lambda env: f(a(env), b(env))
        if isinstance(node, ast.BoolOp):
            parts = [build(v) for v in node.values]
            if isinstance(node.op, ast.And):
                return lambda env: all(p(env) for p in parts)
            return lambda env: any(p(env) for p in parts)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "math"
            and node.func.attr in _MATH
            and not node.keywords
        ):
            fn = _MATH[node.func.attr]
            args = [build(a) for a in node.args]
            return lambda env: fn(*(a(env) for a in args))
        raise CompileError((key,), f"unsupported expression {ast.unparse(node)!r} in {text.strip()!r}")

    return build(tree)


def _arith(f: Callable[[Any, Any], Any], a: float, b: float) -> float:
    try:
        return f(a, b)
    except ZeroDivisionError:  # Go floats: x/0 is ±Inf, 0/0 NaN
        if f is operator.truediv and a != 0:
            return math.copysign(math.inf, a)
        return math.nan


# --------------------------------------------------------------------------
# Counting (jdkato/prose summarize)

_WORD = regexes.compile(r"[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*")


def syllables(word: str) -> int:
    w = word.lower()
    count = 0
    last_vowel = False
    for c in w:
        vowel = c in "aeiouy"
        if vowel and not last_vowel:
            count += 1
        last_vowel = vowel
    if (len(w) > 2 and w.endswith("es")) or (len(w) > 1 and w.endswith("e")):
        count -= 1
    return max(count, 1) if any(c.isalpha() for c in w) else 0


def text_counts(sentences: list[str], paragraphs: int) -> dict[str, float]:
    env = dict.fromkeys(VARIABLES, 0.0)
    env["paragraphs"] = float(paragraphs)
    for s in sentences:
        words = _WORD.findall(s)
        if not words:
            continue
        env["sentences"] += 1
        for w in words:
            n = syllables(w)
            env["words"] += 1
            env["characters"] += sum(1 for c in w if c.isalnum())
            env["syllables"] += n
            if n > 2:
                env["polysyllabic_words"] += 1
            if (n - 1 if w.endswith(("es", "ed", "ing")) else n) > 2:
                env["complex_words"] += 1
            if len(w) > 6:
                env["long_words"] += 1
    return env


_FENCE = regexes.compile(r"(?m)^[ \t]{0,3}(`{3,}|~{3,})")
_QUOTE = regexes.compile(r"(?m)(?:^[ \t]{0,3}>.*\n?)+")


class Metric:
    def __init__(self, p: Params):
        if not p.formula.strip():
            raise CompileError(("formula",), "a metric rule needs a `formula`")
        if not p.condition.strip():
            raise CompileError(("condition",), "a metric rule needs a `condition` such as '> 8'")
        self.formula = _compile_expr(p.formula, "formula")
        cond = p.condition.strip()
        try:
            tree = ast.parse("0 " + cond, mode="eval").body
        except SyntaxError as exc:
            raise CompileError(("condition",), f"invalid condition {cond!r}: {exc.msg}") from None
        if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and type(tree.ops[0]) in _CMPOPS):
            raise CompileError(("condition",), f"a condition is one comparison such as '> 8', not {cond!r}")
        self.cmp = _CMPOPS[type(tree.ops[0])]
        self.bound = _compile_expr(ast.unparse(tree.comparators[0]), "condition")
        self.message = p.message
        self.document = not p.scope or p.scope in (["text"], ["summary"])
        self.scope = ScopeFilter(p.scope)

    def _env(self, article: Article, blocks: list[Block]) -> dict[str, float]:
        sents = [s.text for b in blocks for s in sentences(b)]
        paragraphs = [b for b in blocks if b.scope in ("paragraph", "standfirst")]
        env = text_counts(sents, len(paragraphs))
        if article.format == "md":
            prev_list = False
            for b in blocks:
                if b.scope in ("heading", "headline"):
                    env["heading_h%d" % heading_level(article, b)] += 1
                if b.scope == "list" and not prev_list:
                    env["list"] += 1
                prev_list = b.scope == "list"
            if self.document:
                env["pre"] = float(len(_FENCE.findall(article.text)) // 2)
                env["blockquote"] = float(len(_QUOTE.findall(article.text)))
        return env

    def _evaluate(self, env: dict[str, float]) -> tuple[float, bool]:
        res = float(self.formula(env))
        return res, bool(self.cmp(res, self.bound(env)))

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if self.document:
            text_blocks = article.blocks_for(frozenset(("headline", "standfirst", "paragraph", "heading", "list")))
            env = self._env(article, text_blocks)
            if env["words"] == 0:
                return
            res, hit = self._evaluate(env)
            if hit:
                yield Finding(Span(0, 0), vale_message(self.message, "%.2f" % res))
            return
        for block in self.scope.blocks(article, blocks):
            env = self._env(article, [block])
            if env["words"] == 0:
                continue
            res, hit = self._evaluate(env)
            if hit:
                yield Finding(Span(block.start, block.end), vale_message(self.message, "%.2f" % res))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Metric:
    return Metric(p)
