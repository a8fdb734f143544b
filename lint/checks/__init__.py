"""The registry of check types: ``extends:`` name -> module.

The contract of a check type
============================

A check type is one module of this package, named after it, with one line
in ``_MODULES`` below. The module defines:

* ``Params``: a pydantic model of the rule's keys, based on
  ``lint.rules.RuleBase`` (``extra="forbid"``: a key the type does not
  read is an "unknown key" error naming the file, the line and the key),
  with ``extends: Literal["<name>"]``. One type, one set of keys: a type
  with variants that read different keys is split into several types
  (shared code goes in a private ``_something.py`` module).
* ``compile(params, ctx) -> Check``: called once per rule, at load time.
  ``ctx`` is a ``lint.checks.base.CompileContext``: ``rule_path`` (the
  rule file), ``styles_path`` (the folder above the pack, where spelling
  dictionaries live) and ``time_limit`` (seconds a rule may spend on one
  file). Problems that pydantic cannot see are raised as
  ``lint.rules.CompileError(loc, problem)`` (``loc``: the key's path) and
  reported with the file and the line of that key.
* optionally ``DATA_KEYS``: keys whose string value names a YAML data file
  of the pack; the loader reads it (relative to the rule file) and passes
  the parsed data to validation, so a check never reads files itself.
* optionally ``READS_FILES = True``: ``compile`` reads files anyway (the
  spelling dictionaries): the rule cache (lint/rule_cache.py) does not
  keep such rules.

What ``compile`` returns satisfies ``lint.checks.base.Check``:

    check(article: Article, blocks: list[Block]) -> Iterable[Finding]

``blocks`` are the blocks of the rule's scope; spans (of the finding, its
fix and its ``related`` places) are code points into ``article.text``.
A check finds and says what it found: the engine stamps the rule id, the
severity (``Finding.level`` may lower or raise it for one finding) and the
link, applies ``limit`` and the per-rule time limit. A check never prints,
reads configuration, sees other files' paths or turns offsets into lines:
a message names no line or column; another place the finding refers to
("the first occurrence") is a ``Related(span, message)``, which each
output format renders as it can.

Messages: every type formats the rule's ``message`` with
``lint.checks.base.format_message`` (Vale's: ``%s`` takes the next
substitution, cycling; ``%[n]s`` the n-th). Each module's docstring says
what it substitutes. A news type whose rule has no ``message`` uses its
module's ``DEFAULT_MESSAGE``.

A check that also reports across the files of one run satisfies
``lint.checks.base.CrossArticleCheck`` as well:

    export(name: str) -> state        # picklable; forgets it here
    absorb(name: str, state) -> None  # state exported by a worker process
    finish() -> Iterable[tuple[str, Finding]]  # once, after the last file

Modules are imported on first use, so a run pays only for the check types
it loads. To add a check type: one module in this folder and one line here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_MODULES = {
    "repeated_sentence": "lint.checks.repeated_sentence",
    # news
    "missing_byline": "lint.checks.missing_byline",
    "missing_date": "lint.checks.missing_date",
    "standfirst_in_headline": "lint.checks.standfirst_in_headline",
    "repeated_headline": "lint.checks.repeated_headline",
    "repeated_paragraph": "lint.checks.repeated_paragraph",
    "quote_style": "lint.checks.quote_style",
    "apostrophe_style": "lint.checks.apostrophe_style",
    "unbalanced_quotes": "lint.checks.unbalanced_quotes",
    "unattributed_quotes": "lint.checks.unattributed_quotes",
    "relative_date": "lint.checks.relative_date",
    "weekday_date": "lint.checks.weekday_date",
    "headline_day": "lint.checks.headline_day",
    "undated_day": "lint.checks.undated_day",
    "ended_event": "lint.checks.ended_event",
    "tense_date": "lint.checks.tense_date",
    "recurrence": "lint.checks.recurrence",
    "name_variants": "lint.checks.name_variants",
    "known_names": "lint.checks.known_names",
    "fixed_case": "lint.checks.fixed_case",
    "figures": "lint.checks.figures",
    "vague_attribution": "lint.checks.vague_attribution",
    "glued_text": "lint.checks.glued_text",
    "relative_timestamp": "lint.checks.relative_timestamp",
    "header_chrome": "lint.checks.header_chrome",
    "office_title": "lint.checks.office_title",
    "trailing_headline": "lint.checks.trailing_headline",
    "split_sentence": "lint.checks.split_sentence",
    "no_named_source": "lint.checks.no_named_source",
    # Vale's
    "existence": "lint.checks.existence",
    "broken_hyphen": "lint.checks.broken_hyphen",
    "opens_mid_sentence": "lint.checks.opens_mid_sentence",
    "ends_mid_sentence": "lint.checks.ends_mid_sentence",
    "substitution": "lint.checks.substitution",
    "occurrence": "lint.checks.occurrence",
    "repetition": "lint.checks.repetition",
    "consistency": "lint.checks.consistency",
    "conditional": "lint.checks.conditional",
    "capitalization": "lint.checks.capitalization",
    "metric": "lint.checks.metric",
    "readability": "lint.checks.readability",  # Vale's older grade-level check
    "spelling": "lint.checks.spelling",
    "sequence": "lint.checks.sequence",
    "script": "lint.checks.script",  # Tengo, by a small interpreter (lint/checks/script.py)
}

# Check types of earlier versions that were split into one type per variant:
# a rule that names one gets this error rather than "unknown check type".
SPLIT_TYPES = {
    "quotes": "check type 'quotes' was split: use 'quote_style' (kind: mixed; apostrophes: true is now "
              "'apostrophe_style'), 'unbalanced_quotes' (kind: unbalanced) or 'unattributed_quotes' "
              "(kind: unattributed), without `kind`",
    "structure": "check type 'structure' was split: use 'missing_byline' (kind: byline), 'missing_date' "
                 "(kind: date) or 'standfirst_in_headline' (kind: standfirst_in_headline), without `kind`",
    "repeated_blocks": "check type 'repeated_blocks' was split: use 'repeated_headline' (kind: headline) or "
                       "'repeated_paragraph' (kind: paragraph), without `kind`",
    "dateline": "check type 'dateline' was split: use 'relative_date' (mode: relative), 'weekday_date' "
                "(mode: weekday) or 'tense_date' (mode: tense), without `mode`",
}


class _Registry:
    def __init__(self, modules: dict[str, str]):
        self._modules = modules

    def get(self, name: str) -> ModuleType | None:
        target = self._modules.get(name)
        return importlib.import_module(target) if target else None

    def __contains__(self, name: object) -> bool:
        return name in self._modules

    def __iter__(self):
        return iter(self._modules)


REGISTRY = _Registry(_MODULES)
