"""Markup-stripping damage: glued_text, relative_timestamp and their rules
(News.GluedSentence, News.DroppedLinkText, News.EmptyBrackets,
News.FusedDateStamp, News.RelativeTimestamp)."""

from __future__ import annotations

from functools import partial

import pytest

import helpers
from lint.checks import REGISTRY
from lint.checks.base import CompileContext
from lint.rules import CompileError

whole = partial(helpers.lint, body_only=False)


def _flags(rule: str, text: str, **kw) -> list[str]:
    return [text[d.start : d.end] for d in helpers.lint(rule, text, **kw)]


@pytest.mark.parametrize("text, flag", [
    ("He said.Professor Smith disagreed.", "said.Professor"),
    ("The doors closed.”The next train left.", "closed.”The"),
    ("It ends on June 18.This year it rained.", "18.This"),
    ("You cannot view this contentWe use cookies.", "contentWe"),
    ("Wales.Games kick off in June.", "Wales.Games"),
])
def test_glued_sentences_are_flagged(text, flag):
    assert _flags("News.GluedSentence", text) == [flag]


@pytest.mark.parametrize("text", [
    "Shop at example.com, Example.Com or Amazon.co.uk today.",
    "The rate was 3.5 per cent in the U.S. and the U.K., e.g. in March.",
    "J.R.R. Tolkien met Mrs.Smith and Prof.Jones at No.1 Main Street.",
    "Write to jane.Doe@example.org or open /files/Annual.Report now.",
    "He posts on WhatsApp, LinkedIn and YouTube; PowerPoint too.",
    "Wait...Then it was over.",
])
def test_glued_near_misses_pass(text):
    assert _flags("News.GluedSentence", text) == []


def test_a_glued_form_that_recurs_is_a_name():
    text = "One.Tel collapsed.\n\nInvestors in One.Tel lost money."
    assert _flags("News.GluedSentence", text) == []
    assert _flags("News.GluedSentence", "One.Tel collapsed in 2001.") == ["One.Tel"]


def test_glued_text_needs_raw():
    mod = REGISTRY.get("glued_text")
    assert mod is not None
    with pytest.raises(CompileError):
        mod.compile(mod.Params(extends="glued_text"), CompileContext.for_rule("x.yml"))


def test_glued_text_positions_in_markdown():
    text = "---\ntitle: T\n---\n\n# T\n\nThe council **said.The** mayor agreed.\n"
    (d,) = helpers.lint("News.GluedSentence", text, name="a.md", body_only=False)
    assert text[d.start : d.end].replace("*", "") == "said.The"


@pytest.mark.parametrize("text, flag", [
    ("The rules changed in the summer of , the ministry said.", ","),
    ("The deal was confirmed, a spokesman told Reuters .", "."),
])
def test_dropped_link_text(text, flag):
    (d,) = helpers.lint("News.DroppedLinkText", text)
    assert text[d.start : d.end] == flag
    assert text[d.start - 1] == " "


def test_spaced_ellipsis_and_leading_dots_pass():
    assert _flags("News.DroppedLinkText", "He paused . . . then the .com era ended at .5 per cent.") == []


def test_empty_brackets_but_not_task_boxes():
    assert _flags("News.EmptyBrackets", "The firm ( ) and [] fell.") == ["( )", "[]"]
    assert _flags("News.EmptyBrackets", "- [ ] a task\n- [x] done") == []


@pytest.mark.parametrize("text, flag", [
    ("March 3 The council approved the budget.", "March 3 The"),
    ("3 March 2024 Police said two men were held.", "3 March 2024 Police"),
])
def test_fused_date_stamp(text, flag):
    assert _flags("News.FusedDateStamp", text) == [flag]


@pytest.mark.parametrize("text", [
    "March 3 was the day the council voted.",
    "March 3 (Reuters) - The council voted.",
    "March 3: The council voted.",
    "The council voted on March 3 The Times reported.",  # not at the start
])
def test_fused_date_stamp_near_misses(text):
    assert _flags("News.FusedDateStamp", text) == []


def test_relative_timestamp_as_the_only_date_line():
    text = "Council approves budget\n\n2 hours ago\n\nThe council approved the budget this year."
    (d,) = whole("News.RelativeTimestamp", text)
    assert text[d.start : d.end] == "2 hours ago"
    assert "cannot anchor 'this year'" in d.message


def test_relative_timestamp_in_the_byline():
    text = "Council approves budget\n\nBy Ann Lee | Updated 1 day ago\n\nThe council met."
    (d,) = whole("News.RelativeTimestamp", text)
    assert text[d.start : d.end] == "1 day ago"


def test_relative_timestamp_with_a_date_or_a_given_date_is_not_reported():
    dated = "Council approves budget\n\nPublished 3 weeks ago on October 17, 2023\n\nThe council met."
    assert whole("News.RelativeTimestamp", dated) == []
    text = "Council approves budget\n\n2 hours ago\n\nThe council met."
    assert whole("News.RelativeTimestamp", text, date="2024-03-01") == []


def test_ago_in_a_sentence_is_not_a_date_line():
    text = "Council approves budget\n\nBy Ann Lee\n\nThe council approved it two days ago."
    assert whole("News.RelativeTimestamp", text) == []
    assert helpers.lint("News.RelativeTimestamp", "Updated 2 hours ago") == []  # body only


def test_the_gate_is_a_necessary_condition_of_the_glued_sentence_pattern():
    """The rule's `gate` only skips blocks where its pattern cannot match:
    the findings are those of the pattern alone, on texts that have them."""
    import dataclasses

    from helpers import builtin_rules
    from lint.api import lint_text
    from lint.checks.glued_text import compile as compile_glued

    rule = builtin_rules()["News.GluedSentence"]
    ungated = dataclasses.replace(rule, checker=compile_glued(rule.spec.model_copy(update={"gate": ""})))
    texts = ["He said.Professor Smith agreed.", "The doors closed.\u201dThe next train left.",
             "Cookie contentWe use cookies on this site.", "In 2019.This was the year.", "Nothing glued here at all."]
    for text in texts:
        assert [d.span for d in lint_text("a.txt", text, [rule])] == [d.span for d in lint_text("a.txt", text, [ungated])]
