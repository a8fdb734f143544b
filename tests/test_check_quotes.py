"""The quotation check types: quote_style, apostrophe_style, unbalanced_quotes, unattributed_quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from lint.engine import lint_article
from lint.model import Severity
from lint.readers.text import read_text
from lint.rules import builtin_rules_dir, load_rules, parse_rule_file

ROOT = Path(__file__).resolve().parents[1]
RULES = {r.id: r for r in load_rules(builtin_rules_dir())}
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"


def lint(rule_id: str, text: str, *, article: bool = False, name: str = "a.txt"):
    return [(text[d.start : d.end], d) for d in helpers.lint(RULES[rule_id], text, name=name, body_only=not article)]


# --------------------------------------------------------------------------
# mixed


def test_seed_straight_quotes_against_curly_majority():
    text = SEED.read_text(encoding="utf-8")
    got = lint("News.MixedQuoteStyle", text, article=True, name=str(SEED))
    assert [g[0] for g in got] == ['"direct clash"', '"Union Determination"']
    assert [text.count("\n", 0, d.start) + 1 for _, d in got] == [4, 21]
    assert all(d.severity is Severity.WARNING for _, d in got)
    assert got[0][1].message == (
        "Straight quotes in '\"direct clash\"', but this article's quotations are mostly curly "
        "(5 of 7 in the body)."
    )
    # the first curly quotation is a related location, not a line in the message
    (rel,) = got[0][1].related
    assert text.count("\n", 0, rel.span.start) + 1 == 7 and text[rel.span.start] == "“"
    assert rel.message == "the first quotation in curly quotes"


def test_fix_converts_both_marks_to_the_majority_style():
    text = "A “direct clash” and the “Union State” loom over \"Union Determination\" drills."
    (flagged, d), = lint("News.MixedQuoteStyle", text)
    assert flagged == '"Union Determination"'
    assert d.fix.applicability == "safe"
    assert [e.replacement for e in d.fix.edits] == ["“", "”"]
    # curly minority in a straight article goes the other way
    text = '"We won," she said. "It was long," he added. It was a ‘historic’ day.'
    (flagged, d), = lint("News.MixedQuoteStyle", text)
    assert flagged == "‘historic’"
    assert [e.replacement for e in d.fix.edits] == ["'", "'"]


def test_apostrophes_are_not_quotes():
    # Nato’s, Belarus’ (curly) and Russia's (straight) are apostrophes: no quote is straight
    text = "Nato’s growth and Belarus’ forces worry Russia's leaders, who fear a “direct clash”."
    assert lint("News.MixedQuoteStyle", text) == []
    text = "\"It's the actors' day,\" she said. Hollywood's \"Parasite\" won."
    assert lint("News.MixedQuoteStyle", text) == []


def test_headline_scare_quotes_are_left_out():
    text = "'Parasite' scores upset\n\nJanuary 19, 2020 / Jill Serjeant\n\nThe thriller “Parasite” won."
    assert lint("News.MixedQuoteStyle", text, article=True) == []


def test_no_majority_reports_straight_quotes_as_suggestions():
    text = 'A "direct clash" and the “Union State”.'
    (flagged, d), = lint("News.MixedQuoteStyle", text)
    assert flagged == '"direct clash"' and d.severity is Severity.SUGGESTION


def test_apostrophe_style_reports_the_minority():
    rule = parse_rule_file("P/Q.yml", "extends: apostrophe_style\nlevel: suggestion\n", "P.Q")
    text = "Nato’s growth, Kadir’s phone and Russia's “concerns”."
    a = read_text("a.txt", text, body_only=True)
    (d,) = lint_article(a, [rule])
    assert text[d.start : d.end] == "Russia's" and d.severity is Severity.SUGGESTION
    assert d.message == "Straight apostrophe in 'Russia's', but this article's apostrophes are mostly curly (2 of 3)."
    assert d.fix.edits[0].replacement == "’"
    assert [(text[r.span.start : r.span.end], r.message) for r in d.related] == [("Nato’s", "the first curly apostrophe")]


# --------------------------------------------------------------------------
# unbalanced


def test_unclosed_and_stray_marks_are_reported_with_context():
    text = "“We will not give up, he said on Monday.\n\nHe called it a disgrace” and left."
    got = lint("News.UnbalancedQuote", text)
    assert [g[0] for g in got] == ["“", "”"]
    assert got[0][1].message == (
        "The opening quotation mark “ ('“We will not give up, he said on Monday.') "
        "is never closed in its paragraph."
    )
    assert got[1][1].message == "The closing quotation mark ” ('He called it a disgrace”') closes no opening mark in its paragraph."


def test_multi_paragraph_quotation_is_correct_style():
    text = ("Mr Ross said: “It's clear that they misled Parliament.\n\n"
            "“Both must set the record straight.\n\n“It is an insult.”\n\nThe end.")
    assert lint("News.UnbalancedQuote", text) == []
    # the same with straight quotes
    text = 'He said: "It is clear.\n\n"Both must go."'
    assert lint("News.UnbalancedQuote", text) == []
    # but an open quote followed by a paragraph that does not reopen is reported
    text = "Mr Ross said: “It's clear that they misled Parliament.\n\nThe timeline was published."
    assert [g[0] for g in lint("News.UnbalancedQuote", text)] == ["“"]


def test_lost_paragraph_break_inside_a_paragraph():
    text = '"This is why you play," she said. "But I want to try. "Seles, slow into her stride, slipped.'
    got = lint("News.UnbalancedQuote", text)
    assert [d.start for _, d in got] == [34, 54]
    assert "still open when another quotation opens: a paragraph break may be missing" in got[0][1].message
    (rel,) = got[0][1].related
    assert (rel.span.start, rel.message) == (54, "another quotation opens here")


@pytest.mark.parametrize("text", [
    "\"It's just steadily increasing,\" said Van Den Hoek. \"There's broad damage.\"",
    "Nato’s expansion and Belarus’ forces, the actors' union and Russia's concerns.",
    "He is 6'2\" tall and bought a 32\" screen.",
    "including \" Saturday Night Live,\" the impact was not as apparent.",
    "“It’s amazing to accomplish all these ‘firsts,’ but it is not the end,” she said.",
    "Rock ‘n’ roll in the ‘90s.",
])
def test_balanced_near_misses(text):
    assert lint("News.UnbalancedQuote", text) == []


# --------------------------------------------------------------------------
# unattributed


def test_quote_with_no_speaker_is_reported():
    text = "The talks ended late.\n\n“We will never accept a deal that sells out our members,” the statement went on."
    (flagged, d), = lint("News.UnattributedQuote", text)
    assert flagged == "“We will never accept a deal that sells out our members,”"
    assert d.message.startswith("The quotation 'We will never accept a deal that sells out our me…' names no speaker")


def test_speaker_in_paragraph_or_carried_over():
    ok = [
        "“We will never accept a deal that sells out our members,” Lee said.",
        "Lee: “We will never accept a deal that sells out our members.”",
        # a quotation continued over paragraphs
        "Mr Ross said: “It was clear they misled us.\n\n“Both must set the record straight and explain why they lied.”",
        # the speaker of the paragraph before goes on talking
        "“UCEA has worked with UCU to understand employment,” he said.\n\n"
        "“Our own analysis demonstrates continued growth in the workforce.\n\n"
        "“The employment arrangements are for institutional-level discussions.”",
        # the cue word inside the quotation does not count, but one outside does
        "According to the union, “this agreement represents a new paradigm for all of us.”",
    ]
    for text in ok:
        assert lint("News.UnattributedQuote", text) == [], text


def test_phrases_titles_and_cues_inside_quotes():
    # short scare quotes and titles are not speech
    assert lint("News.UnattributedQuote", "A possible “direct clash” between Russia and Nato looms.") == []
    assert lint("News.UnattributedQuote", "It beat “Once Upon A Time in Hollywood” at the box office.") == []
    # "said" inside the quotation names nobody
    text = "Officials met.\n\n“Nobody said this would be easy for the workers.”"
    assert [g[0] for g in lint("News.UnattributedQuote", text)] == ["“Nobody said this would be easy for the workers.”"]
    # a quote paragraph after a paragraph without speaker is not carried over
    text = "The storm hit on Monday.\n\n“This is the worst flooding we have seen in decades.”"
    assert len(lint("News.UnattributedQuote", text)) == 1


def test_seed_has_no_unbalanced_or_unattributed_quote():
    text = SEED.read_text(encoding="utf-8")
    assert lint("News.UnbalancedQuote", text, article=True, name=str(SEED)) == []
    assert lint("News.UnattributedQuote", text, article=True, name=str(SEED)) == []


def test_attribution_needs_cues():
    from lint.rules import RuleError

    with pytest.raises(RuleError, match="attribution"):
        parse_rule_file("P/Q.yml", "extends: unattributed_quotes\n", "P.Q")


def test_the_old_quotes_type_says_what_it_became():
    from lint.rules import RuleError

    with pytest.raises(RuleError, match="P/Q.yml:1: extends: check type 'quotes' was split: use 'quote_style'"):
        parse_rule_file("P/Q.yml", "extends: quotes\nkind: mixed\n", "P.Q")


def test_a_quotation_continued_in_a_lost_paragraph_is_a_suggestion():
    from helpers import lint

    # one paragraph of many sentences: a story whose paragraph breaks were lost;
    # the second quotation is news style's continued quotation
    run_together = ('The minister spoke on Monday. He was asked about the plan. "It will work, we are sure of it. '
                    '"We have the money and the people," he said. The opposition disagreed. It called the plan a '
                    'waste. A vote is due next week.')
    found = lint("News.UnbalancedQuote", run_together)
    assert [d.severity.name for d in found] == ["SUGGESTION"]
    # a body that is one paragraph: its paragraph breaks were lost too
    alone = 'He was asked about it. "It will work, we are sure of it. "We have the money," he said.'
    assert [d.severity.name for d in lint("News.UnbalancedQuote", alone)] == ["SUGGESTION"]
    # in a short paragraph of a body of several, the same shape is a missing closing mark
    short = alone + "\n\nThe opposition disagreed."
    assert [d.severity.name for d in lint("News.UnbalancedQuote", short)] == ["WARNING"]
