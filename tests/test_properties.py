"""Property tests: on arbitrary text no check raises, spans stay inside the
text, the order is deterministic, and fixing converges."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.api import lint_text
from lint.fixes import applicable, apply_fixes, fix_until_stable
from lint.rules import builtin_rules_dir, load_rules

RULES = load_rules(builtin_rules_dir())

# Text that looks a little like news: words the rules care about, quotes,
# dashes, digits, line breaks of every kind, and arbitrary Unicode.
WORDS = st.sampled_from([
    "Zapod", "Zapad", "2025", "annual", "later this year", "said", "30,000", "Some analysts suggest",
    "“", "”", '"', "'", "’", " – ", "–", "—", "\n", "\n\n", "\r\n", "\r", "News", "Dismiss", "Tuesday,",
    "September 18, 2024", "By Leon Aris in Berlin September 17, 2024", "<!-- newslint-disable -->", "# ", "---\n",
    "Tsikhanouski", "Tsikhanovski", "U.S.", "Mr.", "per cent", "%", "$", "🙂", "Ёлка", "\u0301", "\ufeff", "\x00",
])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)
NAMES = st.sampled_from(["a.txt", "a.md"])
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=TEXT, name=NAMES, date=DATES)
def test_no_check_raises_and_spans_are_inside(text, name, date):
    try:
        diags = lint_text(name, text, RULES, date=date)
    except ValueError as exc:  # broken front matter is a reported read error
        assert name.endswith(".md"), exc
        return
    for d in diags:
        assert 0 <= d.start <= d.end <= len(text), d
        assert d.message
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.span.start <= e.span.end <= len(text)
    assert diags == sorted(diags)
    assert diags == lint_text(name, text, RULES, date=date)  # deterministic


SEQUENCE_WORDS = st.sampled_from([
    "would", "be", "great", "write", "of", "all", "times", "the", "best", "endpoint's", "are", "meet", "up",
    "meet-ups", "don't", "’s", "n't", "Metadata", "is", ".", ",", "!", "?", "\n", "\n\n", "🙂", "Ёлка", "\u0301",
])


@SETTINGS
@given(text=st.lists(st.one_of(SEQUENCE_WORDS, st.text(max_size=8)), max_size=40).map(" ".join), name=NAMES)
def test_sequence_rules_on_arbitrary_text(text, name):
    from lint.rules import parse_rule_file

    rules = [parse_rule_file(f"/x/T/{n}.yml", y, f"T.{n}") for n, y in {
        "Tags": "extends: sequence\nmessage: \"%[1]s %[2]s %[3]s %[4]s\"\ntokens:\n  - tag: MD\n  - pattern: be\n  - tag: JJ\n  - tag: VB|VBN\n",
        "Window": "extends: sequence\nmessage: x\nignorecase: true\ntokens:\n  - tag: JJS\n    skip: 3\n  - pattern: of\n  - pattern: all\n  - tag: NN\n    negate: true\n    min: 2\n",
        "Target": "extends: sequence\nmessage: x\ntokens:\n  - tag: NN\n    pattern: meet\n    target: true\n  - pattern: up\n",
    }.items()]
    try:
        diags = lint_text(name, text, rules)
    except ValueError:
        assert name.endswith(".md")
        return
    for d in diags:
        assert 0 <= d.start < d.end <= len(text), d
    assert diags == lint_text(name, text, rules)


@SETTINGS
@given(text=TEXT, name=NAMES, date=DATES)
def test_fixes_converge(text, name, date):
    def lint(t):
        return lint_text(name, t, RULES, date=date)

    try:
        fixed, _ = fix_until_stable(text, lint, unsafe=False)
        remaining = applicable(lint(fixed))
    except ValueError:
        assert name.endswith(".md")
        return
    # converged within the bounded passes: nothing safe is left to apply
    assert not remaining, [(d.rule, d.fix) for d in remaining]
    assert apply_fixes(fixed, lint(fixed)) == (fixed, 0)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aé😀 \n\r", max_size=60), st.data())
def test_an_index_without_the_text_gives_the_same_lines_and_columns(text, data):
    from lint.positions import LineIndex

    full, compact = LineIndex(text), LineIndex.positions_only(text)
    offset = data.draw(st.integers(0, len(text)))
    assert compact.line_col(offset) == full.line_col(offset)
    assert compact.text is None  # what a long run keeps per file: line starts only
