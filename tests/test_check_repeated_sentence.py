"""The repeated_sentence check type (News.RepeatedSentence)."""

from __future__ import annotations

import time

import helpers
from lint.fixes import apply_fixes
from lint.model import Severity
from lint.rules import builtin_rules_dir, load_rules

RULES = {r.id: r for r in load_rules(builtin_rules_dir())}
RULE = "News.RepeatedSentence"

LEAD = "The council voted on Monday to build a new bridge over the river Aire in Leeds."


def lint(text: str, *, article: bool = True, rule: str = RULE):
    return helpers.lint(RULES[rule], text, name="a.txt", body_only=not article)


def flagged(text: str, **kw) -> list[str]:
    return [text[d.start : d.end] for d in lint(text, **kw)]


def test_standfirst_repeated_as_a_paragraph_with_related_and_unsafe_fix():
    text = f"Council approves bridge\n\n{LEAD}\n\nBy Jane Doe, March 3, 2025\n\nIt costs £12m.\n\n{LEAD}\n\nWork starts in May."
    (d,) = lint(text)
    assert text[d.start : d.end] == LEAD and d.start > text.index("By Jane")
    assert d.severity is Severity.WARNING
    assert d.message.startswith("This sentence repeats the standfirst word for word ('The council voted")
    (rel,) = d.related
    assert (rel.span.start, rel.message) == (text.index(LEAD), "the first occurrence")
    assert d.fix.applicability == "unsafe"
    fixed, n = apply_fixes(text, [d], unsafe=True)
    assert n == 1 and "£12m.\n\nWork starts in May." in fixed and fixed.count(LEAD) == 1
    assert lint(fixed) == []


def test_standfirst_repeated_inside_the_lead_reports_the_standfirst():
    # the lone copy is the one to delete: removing the lead's sentence would break the body
    text = f"Council approves bridge\n\n{LEAD}\n\nBy Jane Doe, March 3, 2025\n\n{LEAD} Work starts in May.\n\nIt costs £12m."
    (d,) = lint(text)
    assert d.start == text.index(LEAD) and "repeats a sentence of the body" in d.message
    assert d.related[0].message == "the repetition" and d.related[0].span.start == text.rindex(LEAD)


def test_case_spacing_quotes_and_end_punctuation_are_folded():
    a = "“We will rebuild every home that the water took from us,” the mayor said on Friday"
    b = '"We will  rebuild every home that the water took from us," the Mayor said on Friday.'
    text = f"{a}. Crews arrived.\n\nRoads reopened.\n\nIt rained. {b}"
    assert flagged(text, article=False) == [b]


def test_short_and_near_sentences_are_not_compared():
    short = "Police said the road was closed to traffic."  # nine words
    assert lint(f"{short} Drivers waited.\n\nA crash. {short}", article=False) == []
    assert lint(
        "The storm hit the coast on Thursday, leaving 150,000 homes without power. Rain.\n\n"
        "Wind. The storm hit the coast on Friday, leaving 150,000 homes without power.",
        article=False,
    ) == []


def test_consecutive_repeats_are_one_finding_related_to_each_first():
    s1 = "Rescuers worked through the night to reach the villages cut off by the floods."
    s2 = "Helicopters dropped food and water to families stranded on their roofs since Tuesday."
    text = f"{s1} {s2} The army was called in.\n\nMore rain is due.\n\nOn Sunday: {s1} {s2} Officials said more help was coming."
    (d,) = lint(text, article=False)
    assert text[d.start : d.end] == f"{s1} {s2}"
    assert [r.span.start for r in d.related] == [text.index(s1), text.index(s2)]


def test_a_lone_copy_is_reported_when_the_other_is_inside_a_paragraph():
    # a summary line above the story repeats its lead sentence: the lone line is the residue
    text = f"Council approves bridge\n\nAdvertisement\n\n{LEAD}\n\nLEEDS: {LEAD} Work starts in May, the council said."
    (d,) = lint(text)
    assert d.start == text.index(LEAD) and text[d.start : d.end] == LEAD
    assert "a sentence further down" in d.message
    assert d.related[0].message == "the repetition" and d.related[0].span.start == text.rindex(LEAD)
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed.count(LEAD) == 1 and "Advertisement\n\nLEEDS:" in fixed


def test_a_dateline_before_the_lead_does_not_hide_the_repeat():
    text = f"Work starts in May. {LEAD}\n\nMore below.\n\nLEEDS, March 3 (Reuters) - {LEAD} Work starts in May."
    (d,) = lint(text, article=False)
    assert text[d.start : d.end] == LEAD and d.start == text.rindex(LEAD)


def test_whole_repeats_are_left_to_repeated_paragraph_and_repeated_headline():
    para = "The storm hit the coast on Thursday, leaving 150,000 homes without power and schools shut."
    assert lint(f"{para}\n\nSchools were shut.\n\n{para}", article=False) == []
    head = "Storm leaves 150,000 homes without power across the north coast on Thursday"
    text = f"{head}\n\nBy Ann Lee, November 8, 2023\n\n{head}\n\nCrews worked overnight."
    assert lint(text) == []
    assert len(lint(text, rule="News.RepeatedHeadline")) == 1


def test_a_standfirst_of_short_sentences_repeated_as_a_paragraph():
    sf = "The term of the assembly ends on May 27. The terms of the other four expire in March."
    text = f"Poll dates today\n\n{sf}\n\nBy Ann Lee, January 4, 2017\n\nThe commission meets at noon.\n\n{sf}"
    (d,) = lint(text)
    assert d.start == text.rindex(sf) and text[d.start : d.end] == sf
    assert "the standfirst" in d.message


def test_headline_at_the_start_of_the_first_paragraph():
    head = "Is Britain ready for another summer heatwave?"
    text = f"{head}\n\nBy Jane Doe, June 3, 2025\n\nShare this\n\n{head} Forecasters say it could reach 35C."
    (d,) = lint(text)
    assert text[d.start : d.end] == head and d.start == text.rindex(head)
    assert d.related[0].span.start == 0 and "the headline" in d.message
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed.endswith("Share this\n\nForecasters say it could reach 35C.")


def test_headline_glued_without_punctuation_needs_six_words_and_no_date_after():
    head = "Mayor opens new bridge over the Aire"
    text = f"{head}\n\nBy Jane Doe, June 3, 2025\n\n{head} The mayor cut the ribbon on Saturday."
    assert flagged(text) == [head]
    text = f"{head}\n\nBy Jane Doe, June 3, 2025\n\n{head} Saturday, cutting the ribbon herself."
    assert lint(text) == []
    short = "Mayor opens bridge"
    assert lint(f"{short}\n\nBy Jane Doe, June 3, 2025\n\n{short} Jane Doe cut the ribbon on Saturday.") == []


def test_a_lead_that_goes_on_from_the_headline_words_is_not_a_repeat():
    head = "Storm Ciara hits Britain"
    text = f"{head}\n\nBy Jane Doe, February 9, 2020\n\n{head} with 90mph winds, cutting power to thousands."
    assert lint(text) == []


def test_a_pull_quote_is_a_suggestion():
    q = "We will rebuild every home that the water took from us, and we will do it this year."
    text = f"The mayor spoke on Friday. “{q}” The crowd cheered.\n\n“{q}”\n\nCrews arrived on Saturday."
    (d,) = lint(text, article=False)
    assert d.severity is Severity.SUGGESTION and d.start > text.index("\n\n")
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed == f"The mayor spoke on Friday. “{q}” The crowd cheered.\n\nCrews arrived on Saturday."
    credited = f"The mayor spoke on Friday. {q}\n\n“{q}” — Mayor Jane Doe\n\nCrews arrived."
    assert [d.severity for d in lint(credited, article=False)] == [Severity.SUGGESTION]
    # a quotation inside a sentence of the body is not compared with the pull quote: not verbatim
    said = f"The mayor spoke on Friday. “{q}” she said.\n\n“{q}”\n\nCrews arrived on Saturday."
    assert lint(said, article=False) == []


def test_linear_time_on_many_sentences():
    body = "\n\n".join(
        f"Sentence number {i} of this long article says something new about the {i}th topic." for i in range(4000)
    )
    t = time.perf_counter()
    assert lint(body + "\n\n" + body.split("\n\n")[7], article=False) == []  # a whole paragraph again
    assert time.perf_counter() - t < 5
