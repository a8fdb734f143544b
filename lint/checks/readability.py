"""readability: Vale's older grade-level check, the average of ``metrics`` above ``grade``.

``metrics``: one or more of Flesch-Kincaid, Gunning Fog, Coleman-Liau,
SMOG and Automated Readability; their average over the whole document is
compared with ``grade`` (reported when higher), as Vale does. Counting is
the ``metric`` type's (see lint/checks/metric.py). ``%s`` in the message is
the average to two decimals.
"""

from __future__ import annotations

from typing import Literal

from lint.checks.base import DEFAULT_CONTEXT, CompileContext
from lint.checks.metric import Metric
from lint.checks.metric import Params as MetricParams
from lint.rules import CompileError, RuleBase
from lint.spec import Field

# Vale's `readability` metrics (jdkato/prose summarize), averaged and compared with `grade`
READABILITY = {
    "Flesch-Kincaid": "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59",
    "Gunning Fog": "0.4 * ((words / sentences) + 100 * (complex_words / words))",
    "Coleman-Liau": "(0.0588 * (characters / words * 100)) - (0.296 * (sentences / words * 100)) - 15.8",
    "SMOG": "1.0430 * math.sqrt(polysyllabic_words * 30 / sentences) + 3.1291",
    "Automated Readability": "(4.71 * (characters / words)) + (0.5 * (words / sentences)) - 21.43",
}


class Params(RuleBase):
    extends: Literal["readability"]
    metrics: list[str] = Field(default_factory=list)
    grade: float | None = None


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Metric:
    if not p.metrics:
        raise CompileError(("metrics",), f"a readability rule needs `metrics` (one or more of {', '.join(READABILITY)})")
    for i, m in enumerate(p.metrics):
        if m not in READABILITY:
            raise CompileError(("metrics", i), f"unknown metric {m!r} (known: {', '.join(READABILITY)})")
    if p.grade is None:
        raise CompileError(("grade",), "a readability rule needs a `grade`")
    formula = "(%s) / %d" % (" + ".join("(%s)" % READABILITY[m] for m in p.metrics), len(p.metrics))
    common = p.model_dump(include=set(RuleBase.model_fields), by_alias=True, exclude_none=True)
    # whole document only, as Vale
    spec = MetricParams.model_validate({**common, "extends": "metric", "formula": formula, "condition": "> %r" % p.grade, "scope": ["summary"]})
    return Metric(spec)
