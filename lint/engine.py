"""The engine: rules over one article -> sorted diagnostics.

Checks find; the engine stamps the rule id and severity, applies a rule's
``limit`` and the time limit, and sorts. Data flows one way: Article +
rules -> diagnostics.

The time limit: a user's pattern may backtrack catastrophically, in any
check type, in ``TokenIgnores``/``BlockIgnores`` or in a vocabulary. Each
rule gets ``lint.checks.base.TIME_LIMIT`` seconds per file (per MB on a
file over 1 MB) for all of its work on it; past
that it is stopped (a ``SIGALRM`` timer whose handler raises
``TimeoutError``: both ``regex`` and the standard library's ``re`` check for
signals while they match) and reported as a finding about the rule. Where
no timer can be set (not the main thread, no ``setitimer``), the checks'
own ``timeout=`` on ``regex`` calls still applies; so it does where the
program running the engine has a timer or a SIGALRM handler of its own.
"""

from __future__ import annotations

import operator
import signal
import threading
from collections.abc import Iterable, Sequence

from lint.article import TOP_SCOPES, Article
from lint.checks import base
from lint.gate import Gate
from lint.model import Diagnostic, Severity
from lint.rules import Rule


def _expired(signum, frame):  # the SIGALRM handler
    raise TimeoutError("rule time limit")


def _can_time() -> bool:
    """Whether the engine may use SIGALRM: in the main thread, and only when
    the program that runs it uses neither the timer nor the signal itself
    (pytest-timeout, a host's alarm()): theirs is left alone."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0 and signal.getsignal(signal.SIGALRM) in (
        signal.SIG_DFL, signal.SIG_IGN, None, _expired)


_TOP = frozenset(TOP_SCOPES)
_top_only: dict[frozenset[str], bool] = {}  # scopes -> no sentence or quotation among them


def top_only(scopes: frozenset[str]) -> bool:
    """Whether a rule of these scopes reads only top-level blocks."""
    got = _top_only.get(scopes)
    if got is None:
        got = _top_only[scopes] = scopes <= _TOP
    return got


def nothing_to_find(text: str, rules: Sequence[Rule]) -> bool:
    """True when no rule can find anything in a plain-text article (one that
    the plain-text reader reads, ``Article.edges``) with this source text:
    every rule is a ``BlockChecker`` whose gates fail on the whole text. Then
    the article need not even be read. One RE2 search of all the rules'
    gates at once answers for most articles; when it passes, each rule's own."""
    p = plan(rules)
    if not p.skippable:
        return False
    if p.all_in_union and not p.union_passes(text):
        return True
    return all(not rule.checker.may_find(text, top_only(rule.scopes)) for rule in rules)


class _Plan:
    """What the engine works out once per list of rules: whether an article
    may be skipped unread (every rule a BlockChecker), one RE2 gate for all
    the BlockCheckers with a gate (``_union``), the rules that yield to
    others, the ids of the rules of the ``raw`` scope, the rules that keep
    state across articles."""

    __slots__ = ("_last", "all_in_union", "exporting", "in_union", "raw_ids", "skippable", "union", "yielding")

    def __init__(self, rules: Sequence[Rule]):
        self.skippable = all(isinstance(r.checker, base.BlockChecker) for r in rules)
        members, self.union = _union(rules)
        self.in_union = frozenset(id(r) for r in members)
        self.all_in_union = self.union is not None and len(members) == len(rules)
        self.yielding = {r.id: frozenset(r.spec.yields_to) for r in rules if r.spec.yields_to}
        self.raw_ids = frozenset(r.id for r in rules if "raw" in r.spec.scope)
        self.exporting = tuple(r for r in rules if hasattr(r.checker, "export"))  # cross-article state
        self._last: tuple[str | None, bool] = (None, True)

    def union_passes(self, text: str) -> bool:
        """Whether the union gate passes ``text`` (asked once per text)."""
        last = self._last
        if last[0] is not text:
            assert self.union is not None
            last = self._last = (text, self.union.search(text))
        return last[1]


# rules list -> (the list, its checkers, its plan); a few lists per run (one
# per project and set of per-file ignores)
_PLANS: dict[int, tuple[Sequence[Rule], tuple, _Plan]] = {}


_CHECKER = operator.attrgetter("checker")


def plan(rules: Sequence[Rule]) -> _Plan:
    """The plan of ``rules``, made once per list (and again when it changes)."""
    checkers = tuple(map(_CHECKER, rules))
    hit = _PLANS.get(id(rules))
    if hit is not None and hit[0] is rules and hit[1] == checkers:
        return hit[2]
    made = _Plan(rules)
    if len(_PLANS) > 32:
        _PLANS.clear()
    _PLANS[id(rules)] = (rules, checkers, made)
    return made


def _union(rules: Sequence[Rule]) -> tuple[list[Rule], Gate | None]:
    """The BlockCheckers with a whole-text gate, and one RE2 gate that passes
    wherever any of theirs passes (None when there is none or RE2 refuses it)."""
    from lint.gate import compile_source

    members, parts = [], []
    for rule in rules:
        checker = rule.checker
        if not isinstance(checker, base.BlockChecker):
            continue
        if checker.gate_literals:  # its own strings: usually the sharper condition
            parts.append("|".join("".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in lit)
                                  for lit in checker.gate_literals))
        else:
            gate = checker.edge_prefilter if top_only(rule.scopes) and checker.edge_prefilter is not None else checker.prefilter
            if gate is None or gate._re is None:
                continue  # a rule that always runs
            parts.append(gate.source)
        members.append(rule)
    union = compile_source("|".join(f"(?:{p})" for p in parts)) if parts else None
    return (members, union) if union is not None else ([], None)


def lint_article(article: Article, rules: Sequence[Rule]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    blocks_cache: dict[frozenset[str], list] = {}
    timed = _can_time()
    edges = article.edges
    text = article.text
    p = plan(rules)
    # one search for all the gated BlockCheckers: when it fails, none of them runs
    none_gated = edges and p.union is not None and not p.union_passes(text)
    in_union = p.in_union
    # a long article is given time in proportion: 2 s per MB, 2 s at least
    budget = base.TIME_LIMIT * max(1.0, len(article.text) / 1_000_000)
    previous = signal.signal(signal.SIGALRM, _expired) if timed else None
    try:
        for rule in rules:
            checker = rule.checker
            # a check whose gates fail on the whole text: not even its blocks are gathered
            if edges and isinstance(checker, base.BlockChecker) and (
                    (none_gated and id(rule) in in_union) or not checker.may_find(text, top_only(rule.scopes))):
                continue
            blocks = blocks_cache.get(rule.scopes)
            if blocks is None:
                blocks = blocks_cache[rule.scopes] = article.blocks_for(rule.scopes)
            try:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, budget)
                found = list(stamp(rule, article.path, checker.check(article, blocks)))
            except TimeoutError:
                found = [Diagnostic(
                    article.path, 0, 0, rule.id, Severity.ERROR,
                    f"Rule {rule.id} was stopped after {budget:g} s on this file: its pattern backtracks "
                    f"catastrophically ({rule.path}); the file was not fully checked by it.", None, rule.spec.link)]
            finally:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            out.extend(found)
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)
    yielding = p.yielding
    if yielding:
        out = give_way(out, yielding)
    out.sort()
    return out


def give_way(found: list[Diagnostic], yielding: dict[str, frozenset[str]]) -> list[Diagnostic]:
    """Drop the findings of a rule with ``yields_to`` that overlap a finding
    of a rule it yields to (the same problem, reported by the other rule)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in found:
        spans.setdefault(d.rule, []).append((d.start, d.end))

    def overlapped(d: Diagnostic) -> bool:
        return any((s < d.end and d.start < e) or s == e == d.start
                   for other in yielding[d.rule] for s, e in spans.get(other, ()))

    return [d for d in found if d.rule not in yielding or not overlapped(d)]


def stamp(rule: Rule, path: str, findings: Iterable) -> Iterable[Diagnostic]:
    """Findings -> diagnostics of ``rule`` (its id, severity and link), at most
    ``limit`` of them; the one place findings are stamped (cross-article ones too)."""
    severity = None  # read at the first finding: most rules find nothing in most articles
    limit = rule.spec.limit
    seen: set[tuple[int, int, str]] = set()
    for f in findings:
        if severity is None:
            severity = rule.severity
        key = (f.span.start, f.span.end, f.message)
        if key in seen:  # a span seen through two overlapping scopes
            continue
        seen.add(key)
        level = severity if rule.fixed_level else (f.level or severity)
        yield Diagnostic(path, f.span.start, f.span.end, rule.id, level, f.message, f.fix, rule.spec.link, f.related)
        if limit and len(seen) >= limit:
            return


def select_rules(rules: Iterable[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """Keep rules named (by id or pack) in ``select`` and not in ``ignore``."""

    def named(rule: Rule, names: Sequence[str]) -> bool:
        return rule.id in names or rule.pack in names

    return [r for r in rules if (not select or named(r, select)) and not named(r, ignore)]
