"""The repeated-block check types: repeated_headline, repeated_paragraph."""

from __future__ import annotations

from pathlib import Path

import helpers
from lint.fixes import apply_fixes
from lint.model import Severity
from lint.rules import builtin_rules_dir, load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = {r.id: r for r in load_rules(builtin_rules_dir())}
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"


def lint(rule_id: str, text: str, *, article: bool = True, name: str = "a.txt"):
    return helpers.lint(RULES[rule_id], text, name=name, body_only=not article)


def test_seed_repeated_headline_line_3_and_unsafe_fix():
    text = SEED.read_text(encoding="utf-8")
    (d,) = lint("News.RepeatedHeadline", text, name=str(SEED))
    assert text[d.start : d.end] == "Belarus and Russia strengthen security ties amid rising tensions"
    assert text.count("\n", 0, d.start) + 1 == 3 and d.severity is Severity.WARNING
    assert d.message == (
        "Repeats the headline: residue of the page the article was copied from."
    )
    (rel,) = d.related
    assert (rel.span.start, rel.message) == (0, "the headline")
    assert d.fix.applicability == "unsafe"  # removing text is never a safe fix
    fixed, n = apply_fixes(text, [d], unsafe=True)
    assert n == 1
    assert fixed.split("\n")[:3] == [
        "Belarus and Russia strengthen security ties amid rising tensions", "", text.split("\n")[3]
    ]
    assert lint("News.RepeatedHeadline", fixed) == []


def test_repeat_between_blank_lines_leaves_one_blank_line():
    text = "New York ramps up burials\n\n10 April 2020\n\nNew York ramps up burials\n\nImages have emerged."
    (d,) = lint("News.RepeatedHeadline", text)
    assert d.start == text.rindex("New York ramps up burials")
    assert [r.span.start for r in d.related] == [0]
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed == "New York ramps up burials\n\n10 April 2020\n\nImages have emerged."


def test_headline_repeated_in_the_body_and_near_misses():
    text = "Storm hits coast\n\nBy Ann Lee November 3, 2023\n\nThe storm hit.\n\nStorm  hits\ncoast\n\nMore rain."
    (d,) = lint("News.RepeatedHeadline", text)
    assert text[d.start : d.end] == "Storm  hits\ncoast" and [r.span.start for r in d.related] == [0]
    # a sentence that starts like the headline is not a repeat
    text = "Storm hits coast\n\nBy Ann Lee November 3, 2023\n\nStorm hits coast of Cornwall, officials said."
    assert lint("News.RepeatedHeadline", text) == []
    # body-only text has no headline
    assert lint("News.RepeatedHeadline", "Storm hits coast\n\nStorm hits coast", article=False) == []


def test_markdown_title_repeated_as_h1_is_a_suggestion():
    text = "---\ntitle: Storm hits coast\ndate: 2023-11-03\n---\n\n# Storm hits coast\n\nThe storm hit.\n"
    (d,) = lint("News.RepeatedHeadline", text, name="a.md")
    assert d.severity is Severity.SUGGESTION and "front-matter title" in d.message
    assert d.fix.applicability == "unsafe"


def test_repeated_paragraph_cites_the_first_and_ignores_short_ones():
    text = ("The storm hit the coast on Thursday, leaving 150,000 homes without power.\n\n"
            "Loading...\n\nSchools were shut.\n\nLoading...\n\n"
            "The storm hit the coast on Thursday,  leaving 150,000\nhomes without power.")
    (d,) = lint("News.RepeatedParagraph", text, article=False)
    assert text[d.start : d.end] == "The storm hit the coast on Thursday,  leaving 150,000\nhomes without power."
    assert d.message == (
        "This paragraph repeats an earlier one word for word "
        "('The storm hit the coast on Thursday, leaving 150,…')."
    )
    (rel,) = d.related
    assert (rel.span.start, rel.message) == (0, "the first occurrence")
    assert d.fix.applicability == "unsafe"
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed.endswith("Loading...\n\n")


def test_corpus_style_differences_are_not_repeats():
    text = ("The storm hit the coast on Thursday, leaving 150,000 homes without power.\n\n"
            "The storm hit the coast on Friday, leaving 150,000 homes without power.")
    assert lint("News.RepeatedParagraph", text, article=False) == []
