"""The registry of check types: ``extends:`` name -> module.

Each module defines ``Params`` (a pydantic model of the rule's keys, based on
``lint.rules.RuleBase``) and ``compile(params) -> checker``. Modules are
imported on first use, so a run pays only for the check types it loads.
To add a check type: one module in this folder and one line here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_MODULES = {
    "structure": "lint.checks.structure",
    "repeated_blocks": "lint.checks.repeated_blocks",
    "quotes": "lint.checks.quotes",
    "existence": "lint.checks.existence",
    "substitution": "lint.checks.substitution",
    "dateline": "lint.checks.dateline",
    "recurrence": "lint.checks.recurrence",
    "name_variants": "lint.checks.name_variants",
    "figures": "lint.checks.figures",
    "vague_attribution": "lint.checks.vague_attribution",
    "occurrence": "lint.checks.occurrence", "repetition": "lint.checks.repetition", "consistency": "lint.checks.consistency", "conditional": "lint.checks.conditional", "capitalization": "lint.checks.capitalization", "metric": "lint.checks.metric", "spelling": "lint.checks.spelling", "sequence": "lint.checks.sequence", "script": "lint.checks.skipped",  # Vale
    "readability": "lint.checks.metric",  # Vale's older name for a grade-level metric
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
