"""The `office_title` check type: "former President X" / "President X" against the publication date."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import pytest

import helpers
from lint.rules import RuleError, builtin_rules_dir, parse_rule_file

_PATH = builtin_rules_dir() / "News" / "OfficeTitle.yml"
RULE = parse_rule_file(str(_PATH), _PATH.read_text(encoding="utf-8"), "News.OfficeTitle")


def lint(text: str, date: str | None, rule=RULE) -> list[str]:
    return [text[d.start : d.end] for d in helpers.lint(rule, text, name="t.txt", date=date)]


# Real sentences (corpus/annotated 107 and 108, the Lee ABC stories of 2001)
# with the right date and with a wrong one.
INJECTED = [
    # (sentence, date, expected flagged spans)
    ("Former president George W. Bush and first lady Laura Bush announced Tuesday that they would "
     "attend Donald Trump's inauguration later this month.", "2017-01-03", ["first lady Laura Bush"]),
    ("Former president George W. Bush and first lady Laura Bush announced Tuesday that they would "
     "attend the ceremony.", "2005-06-01", ["Former president George W. Bush"]),
    ("Also at the inauguration will be George W Bush (2001-2009) and his wife, former First Lady Laura Bush, "
     "though they refused to vote for the billionaire.", "2017-01-04", []),
    ("Former president Jimmy Carter was the only other living president who had agreed to be present.",
     "2017-01-03", []),
    ("And as a former first lady, she is likely to be seated along with the former presidents.", "2017-01-03", []),
    ("Israel's Prime Minister Ariel Sharon severed all ties with Mr Arafat last week after another Hamas attack.",
     "2001-12-15", []),
    ("Israel's Prime Minister Ariel Sharon severed all ties with Mr Arafat last week after another Hamas attack.",
     "2008-06-01", ["Prime Minister Ariel Sharon"]),
    ("Pakistan's President Pervez Musharraf says he is ready to meet Indian Prime Minister Atal Behari Vajpayee.",
     "2001-12-28", []),
    ("Pakistan's President Pervez Musharraf says he is ready to meet Indian Prime Minister Atal Behari Vajpayee.",
     "2010-03-01", ["President Pervez Musharraf", "Prime Minister Atal Behari Vajpayee"]),
    ("Mr Zinni met former prime minister Ariel Sharon on Tuesday.", "2002-03-12", ["former prime minister Ariel Sharon"]),
    ("Mr Zinni met former prime minister Ariel Sharon on Tuesday.", "2007-03-12", []),
]


@pytest.mark.parametrize(("text", "date", "want"), INJECTED)
def test_injected_real_sentences(text, date, want):
    assert lint(text, date) == want


def test_message_names_the_term_and_the_date():
    (d,) = helpers.lint(RULE, INJECTED[0][0], name="t.txt", date="2017-01-03")
    assert d.message == (
        "Title contradicts the publication date: Laura Bush was first lady (United States) from 2001-01-20 "
        "to 2009-01-20, not on 2017-01-03 (the publication date)."
    )


def test_no_date_no_finding():
    assert lint("President Bush says the bill is dead.", None) == []


@pytest.mark.parametrize(
    "text",
    [
        "Vice President Dick Cheney says the bill is dead.",
        "Deputy Prime Minister John Howard says the bill is dead.",
        "Acting President Vladimir Putin says the bill is dead.",
        "The late President Ronald Reagan is remembered today.",
        "The then-President Bill Clinton is remembered today.",
        "President-elect Barack Obama says the bill is dead.",
        "The President Reagan Library is open today.",
        "Club president Tony Blair says the bill is dead.",  # no club presidents in the table: not judged as PM
        '"President Bush says the bill is dead," she said today.',
    ],
)
def test_not_a_claim_about_the_date(text):
    assert lint(text, "2013-05-02") == []


def test_shared_surname_needs_every_holder_to_be_wrong():
    # George H. W. Bush was a former president while George W. Bush was in office
    assert lint("Former President Bush will attend.", "2005-06-01") == []
    # in 2013 neither Bush was president
    assert lint("President Bush will attend.", "2013-06-01") == ["President Bush"]
    # Justin Trudeau in office, Pierre Trudeau a former prime minister
    assert lint("Former prime minister Trudeau will attend.", "2018-06-01") == []


def test_hand_over_margin_and_unchecked_terms():
    assert lint("President Obama will attend.", "2017-01-22") == []  # two days after the hand-over
    assert lint("President Obama will attend.", "2017-02-22") == ["President Obama"]
    assert lint("Former President Donald Trump will attend.", "2025-03-01") == ["Former President Donald Trump"]
    # after the row's `checked` date the table does not know
    assert lint("Former President Donald Trump will attend.", "2029-03-01") == []


def test_second_term_and_other_office():
    # Putin between his presidential terms was a former president (and prime minister)
    assert lint("Former President Putin will visit.", "2010-06-10") == []
    assert lint("Prime Minister Putin will visit.", "2010-06-10") == []
    assert lint("Prime Minister Putin will visit.", "2014-06-10") == ["Prime Minister Putin"]


def test_past_tense_and_earlier_years():
    assert lint("In 2005, President Bush said the war would be won.", "2013-05-02") == []
    assert lint("President Bush signed the law in a White House ceremony.", "2013-05-02") == []
    assert lint("President Bush signed the law on Tuesday.", "2013-05-02") == ["President Bush"]
    assert lint("In 2008, former president Putin will be remembered.", "2015-05-02") == []


def _rows():
    return RULE.spec.holders


def test_data_every_row_sourced_and_dated():
    rows = _rows()
    assert len(rows) > 200
    for r in rows:
        assert r.source.strip(), r.names
        assert r.end is None or r.start < r.end, r.names
        assert r.end is not None or r.checked is not None, r.names


def test_data_terms_of_one_office_do_not_overlap():
    by_office: dict[tuple[str, str], list] = defaultdict(list)
    for r in _rows():
        by_office[(r.office, r.country)].append(r)
    for key, rows in by_office.items():
        rows.sort(key=lambda r: r.start)
        for a, b in itertools.pairwise(rows):
            assert a.end is not None and a.end <= b.start, (key, a.names[0], b.names[0])


def test_open_term_needs_checked(tmp_path):
    pack = tmp_path / "House"
    (pack / "data").mkdir(parents=True)
    (pack / "data" / "h.yml").write_text(
        "- {names: [Jane Roe], office: president, country: Freedonia, from: 2020-01-01, source: test}\n"
    )
    rule = pack / "OfficeTitle.yml"
    text = "extends: office_title\nholders: data/h.yml\ntitles: {president: [President]}\n"
    rule.write_text(text)
    with pytest.raises(RuleError, match="checked"):
        parse_rule_file(str(rule), text, "House.OfficeTitle")


def test_a_newsroom_adds_holders_in_its_own_pack(tmp_path):
    pack = tmp_path / "House"
    (pack / "data").mkdir(parents=True)
    (pack / "data" / "h.yml").write_text(
        "- {names: [Jane Roe, Roe], office: mayor, country: Freedonia, from: 2015-01-01, to: 2019-01-01, "
        "source: city records}\n"
    )
    rule = pack / "OfficeTitle.yml"
    text = "extends: office_title\nlevel: warning\nholders: data/h.yml\ntitles: {mayor: [Mayor]}\n"
    rule.write_text(text)
    house = parse_rule_file(str(rule), text, "House.OfficeTitle")
    assert lint("Mayor Roe opens the bridge today.", "2021-05-01", house) == ["Mayor Roe"]
    assert lint("Former Mayor Roe opens the bridge today.", "2021-05-01", house) == []
    assert dt.date(2015, 1, 1) == house.spec.holders[0].start
