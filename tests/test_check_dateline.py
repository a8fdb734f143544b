"""The date check types (relative_date, weekday_date, tense_date): relative dates, weekdays and tense against the dateline."""

from __future__ import annotations

import datetime as dt
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

def _load(name: str):
    path = builtin_rules_dir() / "News" / f"{name}.yml"
    return parse_rule_file(str(path), path.read_text(encoding="utf-8"), f"News.{name}")


RULES = {
    f"News.{n}": _load(n)
    for n in (
        "DatelineMismatch", "WeekdayDateMismatch", "TenseDateMismatch", "HeadlineDayMismatch", "UndatedRelativeDay",
        "EndedEventContinues",
    )
}


def lint(rule_id: str, text: str, date: str | None = "2024-09-17"):
    return [(text[d.start : d.end], d.message, str(d.severity)) for d in helpers.lint(RULES[rule_id], text, name="t.txt", date=date)]


# --------------------------------------------------------------------------
# DatelineMismatch (relative_date)


def test_seed_later_this_year_against_zapad_2025_in_standfirst_and_first_paragraph():
    text = SEED.read_text(encoding="utf-8")
    article = read_article(str(SEED), text)
    assert article.meta.date == dt.date(2024, 9, 17)
    diags = lint_article(article, [RULES["News.DatelineMismatch"]])
    idx = LineIndex(text)
    got = [(idx.line_col(d.start), text[d.start : d.end], d.message, str(d.severity)) for d in diags]
    assert [(g[0][0], g[1]) for g in got] == [(4, "later this year"), (7, "later this year")]
    assert got[0][2] == (
        "Relative date contradicts the explicit one: dated 2024-09-17, so 'later this year' "
        "means 2024, but the event is Zapad 2025."
    )
    assert "but the event is Zapod 2025" in got[1][2]  # the event's year, whatever the spelling
    assert all(g[3] == "error" for g in got)
    # "by the end of this year" (line 17), "will be signed in 2025", "in early 2022": nothing
    assert all(g[0][0] in (4, 7) for g in got)


def test_relative_date_agrees_with_the_event_in_its_year():
    assert lint("News.DatelineMismatch", "Ahead of Zapad 2025 (West 2025), later this year.", "2025-02-01") == []
    assert lint("News.DatelineMismatch", "Ahead of the exercises Zapad 2025 next year.", "2024-09-17") == []
    got = lint("News.DatelineMismatch", "Ahead of the exercises Zapad 2025 next year.", "2023-09-17")
    assert got == [("next year", "Relative date contradicts the explicit one: dated 2023-09-17, so 'next year' means 2024, but the event is Zapad 2025.", "error")]


def test_relative_date_without_explicit_one_or_event_is_fine():
    assert lint("News.DatelineMismatch", "The treaty is expected to be finalised by the end of this year.") == []
    # a budget is named for the year it governs, not the year it is made in
    assert lint("News.DatelineMismatch", "Ireland's Budget 2025 will be presented later this year.", "2024-06-01") == []
    assert lint("News.DatelineMismatch", "The 2025 budget, approved this year, raises spending.") == []


def test_next_named_month_may_be_next_year():
    # December 2024: "next September" is September 2025
    assert lint("News.DatelineMismatch", "The Expo 2025 opens next September.", "2024-12-10") == []
    got = lint("News.DatelineMismatch", "The Expo 2026 opens next September.", "2024-12-10")
    assert got and got[0][0] == "next September" and "means September 2025, but the event is Expo 2026" in got[0][1]


def test_date_in_apposition_and_possessive():
    got = lint("News.DatelineMismatch", "Talks resume next month, in October 2024, officials said.", "2024-06-10")
    assert got == [("next month", "Relative date contradicts the explicit one: dated 2024-06-10, so 'next month' means July 2024, but the date given is October 2024.", "error")]
    assert lint("News.DatelineMismatch", "Talks resume next month, in July 2024, officials said.", "2024-06-10") == []
    got = lint("News.DatelineMismatch", "It was the first vote since last year's 2022 elections.", "2024-03-01")
    assert [g[0] for g in got] == ["last year"] and "means 2023, but the event is 2022 elections" in got[0][1]


def test_relative_skips_quotes_and_undated_articles():
    assert lint("News.DatelineMismatch", "“We hold Zapad 2025 later this year,” he said.", "2024-09-17") == []
    assert lint("News.DatelineMismatch", "Ahead of the exercises Zapad 2025 later this year.", None) == []


def test_lower_case_month_word_is_not_a_month():
    assert lint("News.DatelineMismatch", "Expo 2026 may open next may.", "2024-12-10") == []


def _flags(text: str, date: str) -> list[str]:
    return [g[0] for g in lint("News.DatelineMismatch", text, date)]


@pytest.mark.parametrize(
    ("text", "date", "flag"),
    [
        # a comma aside between the event and the phrase
        ("The Asian Games 2019, due to open later this year, will draw crowds.", "2020-03-01", "later this year"),
        ("The Motor Show 2024, which opened last year, drew crowds.", "2024-05-01", "last year"),
        # present and past forms of the connectors
        ("Officials say the Book Fair 2016 takes place later this year.", "2017-03-01", "later this year"),
        ("The Climate Summit 2019 was held last year.", "2022-03-01", "last year"),
        # a lower-case event after its year, after a determiner or a possessive
        ("The 2021 party congress took place last year.", "2021-03-01", "last year"),
        ("The 2020 city marathon, held last year, drew crowds.", "2022-03-01", "last year"),
        ("Kenya's 2022 general election, which took place last year, was close.", "2024-05-01", "last year"),
        # a place between the event and the phrase
        ("The 2018 Asian Games, held in Jakarta last year, drew crowds.", "2020-03-01", "last year"),
        # fairs and shows are events
        ("Next year's Geneva Motor Show 2020 is already sold out.", "2020-01-10", "Next year"),
        # an event held outside its named year still has to match one of the two
        ("Euro 2020, which takes place later this year, will be played across Europe.", "2022-03-01", "later this year"),
    ],
)
def test_relative_date_forms_of_an_event_with_its_year(text, date, flag):
    assert _flags(text, date) == [flag]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the check compares years, not phrases: "last year" of a dated event is often right
        ("The 2023 party congress, held last year, elected a new leader.", "2024-03-01"),
        ("Kenya's 2022 general election, which took place last year, was close.", "2023-05-01"),
        ("The 2021 census took place last year.", "2022-05-01"),
        # a change of schedule is no connector
        ("Tokyo 2020, postponed to last year because of the pandemic, cost billions.", "2022-05-01"),
        ("The Asian Games 2022, which were postponed until next year, will be held in Hangzhou.", "2022-06-01"),
        ("The Youth Games 2020, now due to open next year, will be smaller.", "2020-06-01"),
        # held outside the year in its name (held_apart)
        ("Euro 2020, which takes place later this year, will be played across Europe.", "2021-03-01"),
        ("The 2020 Olympics, which were held last year, cost $15 billion.", "2022-03-01"),
        ("The Olympic Games Tokyo 2020 will take place later this year.", "2021-03-01"),
        ("The Asian Games 2022, held last year in Hangzhou, drew 12,000 athletes.", "2024-03-01"),
        # not an event, or not its year
        ("The 2019 figures show last year's deficit narrowed.", "2021-05-01"),
        ("The 2020 results show that last year was the warmest on record.", "2021-05-01"),
        ("The 2024 election campaign, which began last year, is heating up.", "2024-05-01"),
        ("A 2019 survey, published last year, found that most voters agreed.", "2021-05-01"),
        ("The 2021 census, whose results were published last year, counted 10 million.", "2023-05-01"),
        ("The 2019 final report, released last year, blamed the pilots.", "2021-05-01"),
        ("In 2019 talks were held, and last year they resumed.", "2021-05-01"),
        ("In 2019 talks were held last year.", "2021-05-01"),
        ("Their 2016 tour was cancelled, and the band will return next year.", "2019-05-01"),
        ("The 2026 World Cup draw, held last year, put Mexico in group A.", "2026-03-01"),
    ],
)
def test_relative_date_event_near_misses(text, date):
    assert _flags(text, date) == []


def test_held_apart_event_reports_where_it_was_held():
    got = lint("News.DatelineMismatch", "Euro 2020, which takes place later this year, will be played across Europe.", "2022-03-01")
    assert "but the event is Euro 2020, held 2021-06-11 to 2021-07-11" in got[0][1]


# --------------------------------------------------------------------------
# WeekdayDateMismatch (weekday_date)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("It opened on Tuesday, September 18, 2024, in Minsk.", "Tuesday, September 18, 2024"),
        ("It opened on September 18, 2024, a Tuesday.", "September 18, 2024, a Tuesday"),
        ("It opened on 18 September 2024 (Tuesday).", "18 September 2024 (Tuesday"),
        ("It opened on September 18, 2024, which was a Tuesday.", "September 18, 2024, which was a Tuesday"),
    ],
)
def test_weekday_disagrees_with_full_date_in_any_order(text, flag):
    got = lint("News.WeekdayDateMismatch", text, None)  # a full date needs no dateline
    assert got == [(flag, "Weekday and date disagree: 'Tuesday' does not match the date: September 18, 2024 is a Wednesday, not a Tuesday.", "error")]


def test_weekday_year_from_dateline_is_a_warning():
    got = lint("News.WeekdayDateMismatch", "It opened on Tuesday 18 September in Minsk.", "2024-09-20")
    assert got == [(
        "Tuesday 18 September",
        "Weekday and date disagree: 'Tuesday' does not match the date: September 18 is a Wednesday in 2024 "
        "(the year of the dateline 2024-09-20), not a Tuesday.",
        "warning",
    )]
    # nearest year: early January copy about "Monday, December 30" means the December just past
    assert lint("News.WeekdayDateMismatch", "Polls closed on Monday, December 30.", "2025-01-03") == []
    # no dateline, no year: nothing to compare with
    assert lint("News.WeekdayDateMismatch", "It opened on Tuesday 18 September in Minsk.", None) == []


def test_weekday_with_a_part_of_the_day_before_its_date():
    got = lint("News.WeekdayDateMismatch", "The fire broke out on Monday evening, December 29, and spread.", "2017-01-03")
    assert [g[0] for g in got] == ["Monday evening, December 29"] and "December 29 is a Thursday in 2016" in got[0][1]
    assert [g[0] for g in lint("News.WeekdayDateMismatch", "They met on Tuesday night 7 June in Paris.", "2017-06-10")] == [
        "Tuesday night 7 June"
    ]
    for text in (
        "The fire broke out on Monday evening, January 2, and spread.",
        "They met on Tuesday night, June 6, in Paris.",
        "Police spoke on Tuesday morning. June 7 was quiet.",  # two sentences
    ):
        assert lint("News.WeekdayDateMismatch", text, "2017-01-03" if "January" in text else "2017-06-10") == [], text


def test_weekday_near_misses():
    for text in (
        "It opened on Wednesday, September 18, 2024.",
        "The raid happened on Friday 14th June 2019, police said.",
        "He sat 18 September exams and passed on Tuesday.",
        "It happened on Friday. September 18, 2024 was a Wednesday.",
    ):
        assert lint("News.WeekdayDateMismatch", text) == [], text


def test_weekday_has_no_fix():
    article = read_text("t.txt", "It opened on Tuesday, September 18, 2024.", body_only=True)
    (d,) = lint_article(article, [RULES["News.WeekdayDateMismatch"]])
    assert d.fix is None


# --------------------------------------------------------------------------
# TenseDateMismatch (tense_date)


def test_future_date_in_past_tense_and_past_date_as_future():
    got = lint("News.TenseDateMismatch", "The first joint drills were held in 2026 near Brest.")
    assert got == [("were held in 2026", "Tense contradicts the dateline: dated 2024-09-17, but 'were held in 2026' tells 2026, after that date, in the past tense.", "warning")]
    got = lint("News.TenseDateMismatch", "The exercises will take place in Minsk in 2023, the ministry said.")
    assert got == [("will take place in Minsk in 2023", "Tense contradicts the dateline: dated 2024-09-17, but 'will take place in Minsk in 2023' tells 2023, before that date, as future.", "warning")]
    got = lint("News.TenseDateMismatch", "The treaty is scheduled for March 2024.")
    assert [g[0] for g in got] == ["is scheduled for March 2024"]


def test_tense_near_misses():
    for text in (
        "A new Union State Security Concept is under development and will be signed in 2025.",
        "The Unified Regional Air Defence System was launched in 2009.",
        "The games were postponed to 2026.",
        "A decision was expected in 2026.",
        "If the vote was held in 2026, turnout would be low.",
        "In 2019 the company said the plant will open in 2022.",
        "Inflation will be lower than in 2023.",
        "Prices will return to 2023 levels.",
        "The summit was held in September 2024.",  # same month as the dateline
        "Turnout will be measured in 2023 terms.",
        "“The drills were held in 2026,” he joked.",
        "The games would have ended in 2026.",
    ):
        assert lint("News.TenseDateMismatch", text) == [], text
    assert lint("News.TenseDateMismatch", "The first joint drills were held in 2026.", None) == []


# --------------------------------------------------------------------------
# Loading


def test_old_type_is_named_and_cues_are_validated():
    with pytest.raises(RuleError) as e:
        parse_rule_file("P/R.yml", "extends: dateline\nmode: relative\nmessage: x\n", "P.R")
    assert "'dateline' was split: use 'relative_date' (mode: relative)" in str(e.value)
    with pytest.raises(RuleError) as e:
        parse_rule_file("P/R.yml", "extends: relative_date\nmessage: x\n", "P.R")
    assert "cues" in str(e.value)
    with pytest.raises(RuleError) as e:
        parse_rule_file("P/R.yml", "extends: weekday_date\nmessage: x\nmode: weekday\n", "P.R")
    assert str(e.value) == "P/R.yml:3: mode: unknown key"
    with pytest.raises(RuleError) as e:  # a day word is at most a day away
        parse_rule_file("P/R.yml", "extends: weekday_date\nmessage: x\ncues: {days: [{phrase: next week, shift: 7}]}\n", "P.R")
    assert "cues.days.0.shift" in str(e.value)
    bad = "extends: relative_date\ncues:\n  relative:\n    - {phrase: this year, unit: decade}\n"
    with pytest.raises(RuleError) as e:
        parse_rule_file("P/R.yml", bad, "P.R")
    assert "cues.relative.0.unit" in str(e.value)


# --------------------------------------------------------------------------
# WeekdayDateMismatch: a weekday given for today / yesterday / tomorrow


def test_weekday_for_today_against_the_publication_date():
    w = "News.WeekdayDateMismatch"
    got = lint(w, "Ruto phoned Odinga earlier today (Monday), he said.", "2022-08-09")
    assert got == [(
        "today (Monday)",
        "Weekday and date disagree: 'today (Monday)' makes today a Monday, but the article is dated Tuesday 9 August 2022.",
        "warning",
    )]
    got = lint(w, "The count ended yesterday, Sunday, in Nairobi.", "2022-08-09")
    assert [g[0] for g in got] == ["yesterday, Sunday"] and "so yesterday is a Monday" in got[0][1]
    assert [g[0] for g in lint(w, "Voting ends Thursday (tomorrow), officials said.", "2022-08-09")] == ["Thursday (tomorrow)"]
    for text in (
        "Ruto phoned Odinga earlier today (Tuesday), he said.",
        "The count ended yesterday (Monday).",
        "Voting ends Wednesday (tomorrow).",
        "He will speak today, Tuesday, and tomorrow.",
        "He said today, monday is a holiday.",  # a weekday in lower case is not a weekday
    ):
        assert lint(w, text, "2022-08-09") == [], text
    assert lint(w, "Ruto phoned Odinga earlier today (Monday).", None) == []  # no date: nothing to compare


def test_weekday_for_today_is_reported_on_the_articles_own_date_line():
    text = (
        "As it happened: Ruto elected Kenya's fifth president\n\n9th August 2022\n\n"
        "It is President-elect William Ruto.\n\nRuto says he phoned Odinga earlier today (Monday).\n"
    )
    article = read_article("live.txt", text)
    assert article.meta.date == dt.date(2022, 8, 9) and article.meta.date_source == "byline"
    (d,) = lint_article(article, [RULES["News.WeekdayDateMismatch"]])
    assert text[d.start : d.end] == "9th August 2022"
    assert [text[r.span.start : r.span.end] for r in d.related] == ["today (Monday)"]
    assert "live page" in d.message
    # the same text with the date given from outside: on the phrase
    article = read_article("live.txt", text, date=dt.date(2022, 8, 9))
    (d,) = lint_article(article, [RULES["News.WeekdayDateMismatch"]])
    assert text[d.start : d.end] == "today (Monday)"


# --------------------------------------------------------------------------
# HeadlineDayMismatch (headline_day)


def _article_lint(rule_id: str, text: str, date: dt.date | None = None):
    article = read_article("a.txt", text, date=date)
    return [(text[d.start : d.end], d) for d in lint_article(article, [RULES[rule_id]])]


def test_headline_day_against_the_opening():
    h = "News.HeadlineDayMismatch"
    text = (
        "Election Commission to declare dates for upcoming Lok Sabha polls today\n\n"
        "The Election Commission of India will announce the polling dates for the upcoming General Elections "
        "tomorrow, a media report said on Tuesday.\n\nThe conference will take place at Vigyan Bhawan.\n"
    )
    ((span, d),) = _article_lint(h, text)
    assert span == "today" and text.index("today") == d.start  # on the headline
    assert [text[r.span.start : r.span.end] for r in d.related] == ["tomorrow"]
    assert d.message.startswith("Headline and opening disagree on the day: the headline says 'today', but the opening says 'tomorrow'")
    # the same day, two days in the headline, a quoted day, other news: nothing
    assert _article_lint(h, text.replace("tomorrow", "today")) == []
    assert _article_lint(h, text.replace("polls today", "polls today, results tomorrow")) == []
    quoted = text.replace("will announce the polling dates for the upcoming General Elections tomorrow, a media report said",
                          "said: \u201cWe will announce the polling dates for the upcoming General Elections tomorrow\u201d")
    assert _article_lint(h, quoted) == []
    other = "Election Commission to declare dates for upcoming Lok Sabha polls today\n\nThe minister flew to Delhi yesterday for budget talks.\n"
    assert _article_lint(h, other) == []


def test_headline_day_reads_only_the_opening_paragraphs():
    h = "News.HeadlineDayMismatch"
    late = (
        "Council to vote on the harbour budget plan today\n\nThe council meets at noon in the old town hall.\n\n"
        "It has met for weeks to argue over the money.\n\nMembers argued again and again over the plan.\n\n"
        "The council will vote on the harbour budget plan tomorrow.\n"
    )
    assert _article_lint(h, late) == []  # the fourth paragraph of prose is not the opening
    short = late.replace(" in the old town hall", "").replace(" to argue over the money", "")
    assert [g[0] for g in _article_lint(h, short)] == ["today"]  # short lines ("Advertisement") do not count


# --------------------------------------------------------------------------
# UndatedRelativeDay (undated_day)


def test_undated_relative_day():
    u = "News.UndatedRelativeDay"
    text = (
        "NASA launches asteroid mission\n\nNASA has launched a mission to hit an asteroid.\n\n"
        "The space agency tweeted today, along with a clip. The rocket lifted off yesterday evening.\n"
    )
    ((span, d),) = _article_lint(u, text)
    assert span == "today" and "'tweeted today' (and 1 more day word) cannot be resolved" in d.message
    assert str(d.severity) == "suggestion"
    assert _article_lint(u, text, date=dt.date(2021, 11, 24)) == []  # a date resolves it
    general = (
        "NASA launches asteroid mission\n\nToday's rockets are cheaper. Even today the risk is real, "
        "as it has been until today.\n\nThe launch was first reported by USA TODAY.\n"
    )
    assert _article_lint(u, general) == []
    quoted = "NASA launches asteroid mission\n\n\u201cWe fly today,\u201d the agency said.\n"
    assert _article_lint(u, quoted) == []


def test_undated_today_counts_only_when_it_is_a_day():
    u = "News.UndatedRelativeDay"
    head = "NASA launches asteroid mission\n\n"
    for body, said in (
        ("NASA today announced a launch.", "today"),
        ("The council will meet today to decide.", "meet today"),
        ("The rocket lifted off earlier today.", "earlier today"),
        ("Results are expected today at 10am.", "expected today"),
        ("Strong winds today pushed the fire north.", "winds today"),
    ):
        got = _article_lint(u, head + body + "\n")
        assert [g[0] for g in got] == ["today"] and f"'{said}'" in got[0][1].message, body
    for body in (
        "Virtual reality is one of the hottest gadget trends today.",
        "Neon signs exist today, though they are rarer.",
        "Today, the signals could not differ more.",
        "The tensions remain unresolved today.",
        "Get New York Today in your inbox.",
        "They spend as if there is no tomorrow.",
        "These are the leaders of tomorrow.",
    ):
        assert _article_lint(u, head + body + "\n") == [], body
    # a title-case headline capitalises every word: not a name there
    got = _article_lint(u, "Election Commission To Announce Poll Dates Of Five States Today\n\nThe body text.\n")
    assert [g[0] for g in got] == ["Today"]
    # "yesterday", "tomorrow", "tonight" have no general sense
    assert [g[0] for g in _article_lint(u, head + "The tournament kicks off tonight.\n")] == ["tonight"]


def test_goal_for_a_past_year_in_the_present_tense():
    t = "News.TenseDateMismatch"
    got = lint(t, "Zuckerberg's personal challenge for 2018 is to fix Facebook.", "2020-03-15")
    assert got == [(
        "challenge for 2018",
        "Tense contradicts the dateline: dated 2020-03-15, but 'challenge for 2018 is to' tells a goal for 2018, "
        "a past year, in the present tense.",
        "warning",
    )]
    assert [g[0] for g in lint(t, "Their goals for 2019 are to win the league.", "2020-01-05")] == ["goals for 2019"]
    for text in (
        "Zuckerberg's personal challenge for 2020 is to fix Facebook.",  # this year's
        "In January 2018 he wrote that his challenge for 2018 is to fix Facebook.",  # reported, dated then
        "The deficit target for 2018 is 3 per cent.",  # a figure, not a goal to do
        "\u201cMy goal for 2018 is to win,\u201d he said.",  # quoted
        "If his plan for 2018 is to win, he failed.",  # conditional
    ):
        assert lint(t, text, "2020-03-15") == [], text
    assert lint(t, "Zuckerberg's personal challenge for 2018 is to fix Facebook.", None) == []  # no date


# --------------------------------------------------------------------------
# EndedEventContinues (ended_event)


def test_an_event_that_ended_and_goes_on():
    e = "News.EndedEventContinues"
    text = (
        "An Ethiopian and an Indian film shared the top honours at the first Culture Cinema Film Festival-2021 "
        "that concluded here on Wednesday, officials said.\n\nThe festival -- supported by UNESCO New Delhi -- "
        "commenced on July 17 and will continue online till August 16 for global audiences."
    )
    got = helpers.lint(RULES[e], text, name="t.txt")
    assert [(text[d.start : d.end], d.message) for d in got] == [(
        "concluded",
        "An event said to have ended goes on: the festival 'concluded', but 'will continue online till August 16' "
        "says it goes on (perhaps only a part of it ended).",
    )]
    assert [text[r.span.start : r.span.end] for r in got[0].related] == ["will continue online till August 16"]
    assert lint(e, "The summit ended on Friday. The summit will run until Sunday, officials said.", None) != []
    for near in (
        "The festival concluded on Wednesday. Its films will remain online until August 16.",  # not the festival
        "The tournament ended its group stage on Wednesday. The tournament will continue until July 15.",  # an object
        "The festival concluded on Wednesday. The exhibition will continue until August 16.",  # another event
        "The conference closed on Friday. The conference exhibition runs until Sunday.",  # not the head noun
        "Last year's festival ended on Sunday. The festival runs until August 16 this year.",  # another edition
        "The 2019 festival ended on Sunday. The festival runs until August 16 this year.",
        "The festival concluded on Wednesday. The festival will continue to draw crowds for years.",  # no date
        "\u201cThe festival ended on Wednesday,\u201d he said. The festival will run until Sunday.",  # quoted
    ):
        assert lint(e, near, None) == [], near


def test_a_newsroom_adds_event_words_and_held_apart_events(tmp_path):
    from helpers import cli

    (tmp_path / "house").mkdir()
    (tmp_path / "a.txt").write_text(
        "Town awaits its festival\n\nThe Eisteddfod 2020, which opens later this year, will be the first since the pandemic.\n",
        encoding="utf-8",
    )
    args = ("a.txt", "--select", "News.DatelineMismatch", "--date", "2021-03-01")
    code, out, _ = cli(*args, cwd=tmp_path)
    assert code == 0, out  # "eisteddfod" is no built-in event word
    (tmp_path / "newslint.yaml").write_text("data:\n  News/data/relative-dates.yml: house/dates.yml\n", encoding="utf-8")
    (tmp_path / "house" / "dates.yml").write_text("event_words: [eisteddfod]\n", encoding="utf-8")
    code, out, _ = cli(*args, cwd=tmp_path)
    assert code == 1 and "the event is Eisteddfod 2020" in out
    (tmp_path / "house" / "dates.yml").write_text(
        "event_words: [eisteddfod]\nheld_apart:\n  - {names: [Eisteddfod], year: 2020, start: 2021-08-02, end: 2021-08-07}\n",
        encoding="utf-8",
    )
    code, out, _ = cli(*args, cwd=tmp_path)
    assert code == 0, out
