"""The `recurrence` check type: "annual", "every four years" ... against schedules and the article."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from lint.engine import lint_article
from lint.positions import LineIndex
from lint.readers import read_article
from lint.readers.text import read_text
from lint.rules import RuleError, builtin_rules_dir, parse_rule_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"
_PATH = builtin_rules_dir() / "News" / "RecurrenceClaim.yml"
RULE = parse_rule_file(str(_PATH), _PATH.read_text(encoding="utf-8"), "News.RecurrenceClaim")
PREFIX = "Recurrence claim contradicts the event's schedule: "


def lint(text: str, date: str | None = None, rule=RULE):
    return [(text[d.start : d.end], d.message) for d in helpers.lint(rule, text, name="t.txt", date=date)]


def test_seed_annual_zapod_2025():
    text = SEED.read_text(encoding="utf-8")
    diags = lint_article(read_article(str(SEED), text), [RULE])
    assert len(diags) == 1
    (d,) = diags
    assert LineIndex(text).line_col(d.start) == (7, 223)
    assert text[d.start : d.end] == "annual"
    assert str(d.severity) == "warning"
    assert d.message == (
        PREFIX + "Zapad ('Zapod 2025' here) is held every four years (2009, 2013, 2017, 2021, 2025), "
        "not annually; an annual event held 'later this year' (2024, by the dateline 2024-09-17) "
        "would not be named Zapod 2025."
    )


def test_schedule_claims_before_and_after_the_name():
    assert lint("The annual Russian-Belarusian Zapad exercises began.") == [
        ("annual", PREFIX + "Zapad is held every four years (2009, 2013, 2017, 2021, 2025), not annually.")
    ]
    got = lint("Russia staged Vostok 2022, an annual exercise, in the Far East.")
    assert got == [("annual", PREFIX + "Vostok is held every four years (2010, 2014, 2018, 2022), not annually.")]
    got = lint("Zapad 2021, held every two years, drew 200,000 troops.")
    assert [g[0] for g in got] == ["every two years"] and "not every two years" in got[0][1]
    got = lint("The G7 summit is held every four years.")
    assert got == [("every four years", PREFIX + "G7 is held annually, not every four years.")]


def test_small_misspellings_still_find_the_schedule_but_short_names_must_be_exact():
    assert [g[0] for g in lint("the biennial Kavkas drills")] == ["biennial"]
    assert lint("the biennial G8 summit") == []  # G7 is not G8


def test_near_misses():
    for text in (
        "Leaders gathered for the annual G7 summit in Apulia.",
        "Annual inflation rose to 6.2 per cent in Belarus.",
        "The annual report of the Zapad command was published.",
        "Zapad 2021, held every four years, drew 200,000 troops.",
        "Athletes are preparing for the quadrennial Olympic Games.",
        "The biennial Olympic Games alternate between summer and winter.",
        "It's the Orionids meteor shower, a yearly display of nature's fireworks.",
        "Russia holds exercises every year, including Zapad.",
        "Delegates at COP28, the annual UN climate conference, agreed a text.",
        "Arriving at the club's annual general meeting last night, Mr Zapad said so.",
        "In Russia the number of people carrying HIV doubles almost annually.",
    ):
        assert lint(text, "2024-09-17") == [], text


def test_article_contradicts_an_annual_event_named_for_another_year():
    text = "The annual Spring Shield 2025 drills will be held later this year."
    got = lint(text, "2024-05-02")
    assert got == [("annual", PREFIX + "an annual event held 'later this year' (2024, by the dateline 2024-05-02) would not be named Spring Shield 2025.")]
    assert lint(text.replace("2025", "2024"), "2024-05-02") == []
    assert lint(text, None) == []  # no dateline: nothing to resolve "later this year" with


def test_editions_in_the_article_must_fit_the_claimed_period():
    text = "The biennial Baltic Sentry 2021 drills were a rehearsal.\n\nBaltic Sentry 2024 was bigger."
    got = lint(text)
    assert got == [("biennial", PREFIX + "Baltic Sentry 2021 and Baltic Sentry 2024 are 3 years apart, not a multiple of 2.")]
    article = read_text("a.txt", text, body_only=True)
    (d,) = lint_article(article, [RULE])
    assert [(text[r.span.start : r.span.end], r.message) for r in d.related] == [("Baltic Sentry 2024", "Baltic Sentry 2024")]
    assert lint(text.replace("2024", "2025")) == []


def test_schedules_are_data_and_claims_are_required():
    y = (
        "extends: recurrence\nmessage: '%s'\nclaims: {annual: 1}\n"
        "schedules:\n  - {names: [Steadfast Noon], every: 2}\n"
    )
    rule = parse_rule_file("P/R.yml", y, "P.R")
    assert lint("the annual Steadfast Noon exercise", rule=rule) == [
        ("annual", "Steadfast Noon is held every two years, not annually")
    ]
    with pytest.raises(RuleError) as e:
        parse_rule_file("P/R.yml", "extends: recurrence\nmessage: x\nclaims: {}\n", "P.R")
    assert "claims" in str(e.value)
    with pytest.raises(RuleError) as e:
        parse_rule_file("P/R.yml", "extends: recurrence\nclaims: {annual: 1}\nschedules: [{names: [X], every: 0}]\n", "P.R")
    assert "schedules.0.every" in str(e.value)


def test_qualified_and_lower_case_names_find_their_schedule():
    got = lint("It is interesting that the 50-over World Cup has been consistently played every two years.")
    assert got == [("every two years", PREFIX + "Cricket World Cup ('50-over World Cup' here) is held every four years "
                    "(1975, 1979, 1983 ... 2019, 2023, 2027), not every two years.")]
    assert [g[0] for g in lint("The quadrennial US census counts everyone.")] == ["quadrennial"]
    got = lint("US presidential elections, held every five years, are costly.")
    assert [g[0] for g in got] == ["every five years"] and "US presidential election" in got[0][1]
    for text in (
        "The 50-over World Cup is played every four years.",
        "The T20 World Cup has always been held every year or two.",  # no schedule: irregular
        "The World Cup is held every two years.",  # which World Cup? none is assumed
        "The US census, conducted every decade, began.",
        "The decennial census of India is due.",
        "The annual AFCON qualifiers began in Cairo.",  # the claim is about the qualifiers
        "The annual Olympics bid was filed.",
        "Now contested every four years, this year's Centenario is a special edition.",
    ):
        assert lint(text) == [], text


def test_gap_claim_against_the_editions_the_article_names():
    text = (
        "After a long wait of 39 years, Ivory Coast is ready to host the AFCON in their homeland.\n\n"
        "The memories of the 1984 edition, won by Cameroon, are still fresh."
    )
    got = helpers.lint(RULE, text, name="t.txt")
    assert [(text[d.start : d.end], d.message) for d in got] == [(
        "After a long wait of 39 years",
        PREFIX + "39 years after the 1984 edition is 2023, but no Africa Cup of Nations opened in 2023 "
        "(2022 and 2024 did): 2023 is the name of the edition that opened in 2024, 40 years after the 1984 edition.",
    )]
    assert [text[r.span.start : r.span.end] for r in got[0].related] == ["1984 edition"]
    assert lint(text.replace("39", "40")) == []  # 2024: an edition
    assert lint(text.replace("39", "thirty-nine")) != []  # numbers in words
    assert lint(text.replace("1984 edition", "1984 Africa Cup of Nations")) != []
    assert lint(text.split("\n\n")[0]) == []  # no edition named: nothing to count from
    assert lint(text.replace("the AFCON", "the tournament")) == []  # no scheduled event in the sentence
    # with a date: N years from the edition to the dateline always fits; the year that would fit must be near the dateline
    ghana = "Ghana hosts the Africa Cup of Nations for the first time in {} years, having staged the 2008 edition."
    assert [g[0] for g in lint(ghana.format(13), "2022-01-09")] == ["for the first time in 13 years"]
    assert lint(ghana.format(14), "2022-01-09") == []
    assert lint(ghana.format(13), "2021-06-01") == []  # 2021: the dateline's year
    assert lint(ghana.format(13), "2030-06-01") == []  # 2022 is not the edition of a 2030 article
    # decades are not counted
    assert lint("For the first time in six decades, the Africa Cup of Nations 1984 edition is not remembered.") == []


def test_gap_claim_with_a_named_world_cup_edition():
    text = "Brazil host the FIFA World Cup for the first time in 63 years, since the 1950 FIFA World Cup."
    got = lint(text, "2014-06-12")
    assert [g[0] for g in got] == ["for the first time in 63 years"]
    assert "63 years after the 1950 FIFA World Cup is 2013, but no FIFA World Cup opened in 2013 (2014 did): 64 years" in got[0][1]
    assert lint(text.replace("63", "64"), "2014-06-12") == []
