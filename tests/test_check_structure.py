"""The whole-article check types: missing_byline, missing_date, standfirst_in_headline."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import helpers
from lint.model import Severity
from lint.rules import builtin_rules_dir, load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = {r.id: r for r in load_rules(builtin_rules_dir())}
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"
STRUCTURE = ["News.MissingByline", "News.MissingDate", "News.StandfirstInHeadline"]


lint = partial(helpers.lint, body_only=False)


def test_seed_has_byline_date_and_a_clean_headline():
    assert lint(STRUCTURE, SEED.read_text(encoding="utf-8"), name=str(SEED)) == []


def test_missing_author_points_at_the_date_line():
    text = "Molly and Tom Martens sentenced\n\n08/11/2023 | 20:26 PM\n\nMolly Martens has been sentenced."
    (d,) = lint("News.MissingByline", text)
    assert text[d.start : d.end] == "08/11/2023 | 20:26 PM"
    assert d.severity is Severity.SUGGESTION
    assert d.message == "No author found: the byline/date line '08/11/2023 | 20:26 PM' names nobody."


def test_missing_byline_and_date_are_reported_once_at_the_headline():
    text = "Storm hits coast\n\nThe storm hit the coast on Thursday.\n\nIt rained later this year."
    diags = lint(["News.MissingByline", "News.MissingDate"], text)
    assert [(text[d.start : d.end], d.rule) for d in diags] == [
        ("Storm hits coast", "News.MissingByline"), ("Storm hits coast", "News.MissingDate")]
    assert diags[1].message == (
        "No publication date found in a byline, date line or the front matter: date checks were skipped; "
        "give --date YYYY-MM-DD."
    )


def test_date_from_option_or_byline_silences_missing_date():
    text = "Storm hits coast\n\nBy Ann Lee\n\nThe storm hit the coast on Thursday."
    (d,) = lint("News.MissingDate", text)
    assert d.message.startswith("No publication date found in the byline 'By Ann Lee': ")
    assert lint("News.MissingDate", text, date=dt.date(2023, 11, 3)) == []
    assert lint("News.MissingByline", text) == []


def test_body_byline_counts_and_body_only_text_is_never_reported():
    text = "New York burials\n\n10 April 2020\n\nImages emerged.\n\nBy Nada Tawfik, BBC News, New York\n\nMore."
    assert lint("News.MissingByline", text) == []
    assert lint(STRUCTURE, "The storm hit the coast on Thursday.\n\nMore rain.", body_only=True) == []


def test_markdown_front_matter_gives_byline_and_date():
    text = "---\ntitle: Storm hits coast\nauthor: Ann Lee\ndate: 2023-11-03\n---\n\nThe storm hit.\n"
    assert lint(STRUCTURE, text, name="a.md") == []
    text = "---\ntitle: Storm hits coast\n---\n\nThe storm hit.\n"
    assert sorted(d.rule for d in lint(STRUCTURE, text, name="a.md")) == ["News.MissingByline", "News.MissingDate"]


def test_standfirst_run_into_headline():
    head = "Belarus and Russia strengthen security ties"
    run_in = "As discussions of a potential direct clash grow, Belarus and Russia are finalising agreements."
    text = f"{head}. {run_in}\n\nBy Leon Aris in Berlin September 17, 2024\n\nThe talks went on."
    (d,) = lint("News.StandfirstInHeadline", text)
    assert text[d.start : d.end] == run_in and d.severity is Severity.WARNING
    assert d.message.startswith("The headline runs on into a second sentence of 14 words ('As discussions")
    assert d.fix.applicability == "unsafe" and d.fix.edits[0].replacement == "\n"


def test_headline_near_misses_and_long_headline():
    for head in ("Colder Temperatures Forecast for Wed. after Cold Wave Alert Tues.",
                 "St. Louis Park elects a new mayor, apparently the first Somali American to lead a U.S. city",
                 "It's over. Biden wins.",
                 "Orionids Meteor Shower 2023: When and Where to See the Cosmic Ballet?"):
        text = f"{head}\n\nBy Ann Lee November 8, 2023\n\nBody."
        assert lint("News.StandfirstInHeadline", text) == [], head
    head = " ".join(["word"] * 31)
    (d,) = lint("News.StandfirstInHeadline", f"{head}\n\nBy Ann Lee November 8, 2023\n\nBody.")
    assert d.severity is Severity.SUGGESTION and "31 words, more than 30" in d.message
