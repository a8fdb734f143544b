"""The mutation script (tests/mutate.py): the faults it injects are where it
says and what it says, the rest of the text is untouched, the same seed gives
the same mutants, the judging of findings, and a small run on the annotated
corpus. No catch rate is asserted: the script measures it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import mutate as M
from helpers import shared_or_skip
from lint.model import Diagnostic, Related, Severity, Span

TEXT = """Belarus and Russia finalise security pact

By Jane Smith

Published 17 September 2024

Belarus and Russia are finalising a security agreement, officials said on Tuesday. The talks were led by Viktor Khrenin, the defence minister.

Khrenin said the drills would be larger than before. Observers expect more troops to take part in the exercises near Brest and near the border with Lithuania.

The agreement follows months of negotiations between the two governments and their armies. Khrenin told reporters the deal would be signed in the coming weeks.

Viktor Khrenin said the exercises would not threaten anyone in the region. He added that the drills were defensive.

The exercises are held every two years, and the last ones drew criticism from neighbouring countries in the region.
"""
NO_DATE = TEXT.replace("Published 17 September 2024\n\n", "")


def _src(text: str = TEXT, name: str = "a.txt") -> M.Source:
    from lint.readers import read_article

    return M.source(name, text, read_article(name, text).meta.date)


def _all(src: M.Source, seed: int = 0, n: int = 12) -> list[M.Mutant]:
    return M.mutants(src, M.KINDS, n, seed)


def test_the_article_has_a_date_and_a_name():
    src = _src()
    assert src.pub == dt.date(2024, 9, 17)
    assert "Khrenin" in M.name_candidates(src)


@pytest.mark.parametrize("kind", M.KINDS)
def test_each_mutant_changes_only_its_edit_and_points_at_its_fault(kind):
    src = _src()
    ms = [m for m in M.mutants(src, [kind], 12, 1) if m.applicable]
    assert ms, kind
    for m in ms:
        mutated = m.apply(TEXT)
        r0, r1 = m.region
        assert mutated[:r0] == TEXT[: m.start]
        assert mutated[r1:] == TEXT[m.end :]
        assert mutated[r0:r1] == m.new
        f0, f1 = m.fault_span
        assert r0 <= f0 < f1 <= r1
        assert mutated[f0:f1] == m.fault_text and m.fault_text.strip() == m.fault_text


def test_name_mutants_misspell_one_occurrence_of_a_name_by_one_letter():
    src = _src()
    for m in M.mutants(src, ["name"], 12, 2):
        assert m.applicable
        name, variant = m.facts["name"], m.fault_text
        assert TEXT[m.start : m.end] == name and variant == m.facts["variant"] != name
        assert variant[0] == name[0] and variant[-1] == name[-1]  # inner letters only
        assert abs(len(variant) - len(name)) <= 1
        if len(variant) == len(name):
            diff = [i for i, (a, b) in enumerate(zip(name, variant)) if a != b]
            assert len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and name[diff[0]] == variant[diff[1]])
        assert len(re.findall(rf"\b{name}\b", TEXT)) >= 2 and m.start in M.name_candidates(src)[name]


def test_misspell_each_operation():
    import random

    rng = random.Random(0)
    assert M.misspell("Zapad", rng, "double") in {"Zaapad", "Zappad", "Zapaad"}
    assert M.misspell("Zapad", rng, "drop") in {"Zpad", "Zaad", "Zapd"}
    assert M.misspell("Zapad", rng, "swap") in {"Zpaad", "Zaapd"}
    v = M.misspell("Zapad", rng, "substitute")
    assert v and len(v) == 5 and v[0] == "Z" and v[-1] == "d" and v != "Zapad"


def test_weekday_mutants_give_a_weekday_wrong_for_their_date():
    for m in M.mutants(_src(), ["weekday"], 12, 3):
        assert m.applicable
        date = dt.date.fromisoformat(m.facts["date"])
        assert M.WEEKDAYS[date.weekday()] == m.facts["right"] != m.facts["stated"]
        assert abs((date - dt.date(2024, 9, 17)).days) <= 10
        fault = m.fault_text
        stated = m.facts["stated"]
        assert stated in fault or re.search(rf"\b{M.WEEKDAY_SHORT[M.WEEKDAYS.index(stated)]}\b", fault)
        assert re.search(rf"\b{date.day}(?:st|nd|rd|th)?\b", fault)
        assert any(mon in fault for mon in (M.MONTHS[date.month - 1], M.MONTH_ABBR[date.month - 1], M.MONTH_SHORT[date.month - 1]))


def test_an_existing_weekday_and_date_pair_gets_another_weekday():
    text = TEXT.replace("officials said on Tuesday.", "officials said on Tuesday, September 17, 2024.")
    ms = [m for m in M.mutants(_src(text), ["weekday"], 8, 0) if m.template.startswith("existing")]
    assert len(ms) == 1
    m = ms[0]
    assert text[m.start : m.end] == "Tuesday" and m.fault_text in M.WEEKDAYS and m.fault_text != "Tuesday"


def test_relative_year_mutants_contradict_the_publication_year():
    for m in M.mutants(_src(), ["relyear"], 12, 4):
        assert m.applicable
        f = m.facts
        assert f["phrase"] in m.fault_text.lower() and str(f["stated"]) in m.fault_text
        assert f["stated"] != f["means"]
        assert f["means"] == 2024 + {"later this year": 0, "last year": -1, "next year": 1}[f["phrase"]]


_CUES = re.compile(r"\b(?:said|says|told|according|reported|reports|estimated|estimates|announced|confirmed|data|figures show)\b", re.I)


def test_figure_mutants_have_a_figure_and_no_source_and_sit_where_they_say():
    src = _src()
    for m in M.mutants(src, ["figure"], 26, 5):
        assert m.applicable
        fault = m.fault_text
        assert re.search(r"\d", fault) or fault.split()[0] in M._SPELLED
        assert not _CUES.search(fault)
        mutated = m.apply(TEXT)
        f0, f1 = m.fault_span
        para_start = mutated.rfind("\n", 0, f0) + 1
        para_end = mutated.find("\n", f1)
        paragraph = mutated[para_start:para_end]
        if "@own" in m.template:
            assert paragraph == fault
        else:
            assert "@cued-" in m.template and _CUES.search(paragraph.replace(fault, ""))


def test_vague_mutants_name_no_one_and_the_speaker_case_is_followed_by_a_named_speaker():
    src = _src()
    seen = set()
    for m in M.mutants(src, ["vague"], 30, 6):
        assert m.applicable
        words = m.fault_text.split()
        assert not any(w[0].isupper() for w in words[1:]), m.fault_text  # no name in the vague sentence
        position = m.template.split("@", 1)[1]
        seen.add(position)
        if position in ("end-before-speaker", "end-before-inserted-speaker"):
            mutated = m.apply(TEXT)
            after = M.source("a.txt", mutated, src.pub)
            i = next(k for k, (s, e) in enumerate(after.paras) if s <= m.fault_span[0] < e)
            assert after.paras[i][1] == m.fault_span[1]  # it ends its paragraph
            assert after.speaker_next(i)
    assert {"mid", "end", "own", "start"} <= seen and "end-before-speaker" in seen


def test_the_same_seed_gives_the_same_mutants_and_kinds_are_independent():
    src = _src()
    a, b = _all(src, seed=11), _all(src, seed=11)
    assert a == b and [m.facts for m in a] == [m.facts for m in b]
    assert _all(src, seed=12) != a
    assert M.mutants(src, ["figure"], 12, 11) == [m for m in a if m.kind == "figure"]


def test_without_a_publication_date_the_date_kinds_are_not_applicable():
    src = _src(NO_DATE)
    assert src.pub is None
    for kind in ("weekday", "relyear"):
        ms = M.mutants(src, [kind], 5, 0)
        assert len(ms) == 5 and not any(m.applicable for m in ms)
        assert all("publication date" in m.reason for m in ms)
    assert all(m.applicable for m in M.mutants(src, ["figure", "vague", "name"], 5, 0))


# -- judging -------------------------------------------------------------------


def _d(rule: str, start: int, end: int, related: tuple = ()) -> Diagnostic:
    return Diagnostic("a.txt", start, end, rule, Severity.WARNING, "m", related=related)


def _insertion() -> M.Mutant:
    # "Some 4,200 homes were damaged. " inserted at offset 10 of a 40-character text
    s = "Some 4,200 homes were damaged."
    return M.Mutant("a.txt", "figure", "t@mid", 10, 10, s + " ", (0, len(s)))


def test_to_original_maps_spans_around_an_insertion():
    m = _insertion()
    n = len(m.new)
    assert M.to_original(m, 2, 8) == (2, 8)
    assert M.to_original(m, 10 + n, 15 + n) == (10, 15)
    assert M.to_original(m, 12, 14) == (10, 10)  # inside the inserted text


def test_judge_caught_only_by_a_new_finding_of_the_expected_rule_on_the_fault():
    text = "x" * 40
    m = _insertion()
    n = len(m.new)
    on_fault = _d("News.UnattributedFigure", 15, 20)
    assert M.judge(m, text, [on_fault], []).caught
    assert not M.judge(m, text, [_d("News.VagueAttribution", 15, 20)], []).caught  # another rule
    assert not M.judge(m, text, [_d("News.UnattributedFigure", 30 + n, 35 + n)], []).caught  # elsewhere
    # a finding of the original text, shifted by the insertion: neither a catch nor a side effect
    o = M.judge(m, text, [_d("News.UnattributedFigure", 30 + n, 35 + n)], [_d("News.UnattributedFigure", 30, 35)])
    assert not o.caught and not o.side and not o.lost
    # new elsewhere: a side effect; gone: lost
    o = M.judge(m, text, [on_fault, _d("News.RawMarkup", 2, 4)], [_d("News.UnattributedQuote", 30, 35)])
    assert o.caught and [s[0] for s in o.side] == ["News.RawMarkup"] and o.lost == [("News.UnattributedQuote", 30, 35)]


def test_judge_a_replacement_already_flagged_there_is_not_a_catch():
    text = "On Tuesday, September 17, 2024, they met."
    m = M.Mutant("a.txt", "weekday", "existing+year", 3, 10, "Monday", (0, 6))
    mutated = m.apply(text)
    here = _d("News.WeekdayDateMismatch", 3, mutated.index("2024") + 4)
    before = _d("News.WeekdayDateMismatch", 3, text.index("2024") + 4)
    assert M.judge(m, text, [here], []).caught
    assert not M.judge(m, text, [here], [before]).caught


def test_judge_a_name_finding_on_the_other_spelling_catches_through_its_related_place():
    text = "Zapad is near. Then Zapad again."
    m = M.Mutant("a.txt", "name", "substitute@inner", 0, 5, "Zapod", (0, 5))
    other = _d("News.NameVariant", 20, 25, (Related(Span(0, 5), "'Zapod'"),))
    o = M.judge(m, text, [other], [])
    assert o.caught and o.via_related and not o.side


def test_a_real_lint_catches_an_unsourced_it_is_understood_paragraph():
    rules = M.load_rules()
    from lint.api import lint_text

    src = _src()
    last = len(src.paras) - 1
    m = M._insert("a.txt", "vague", "it-is-understood", ("own", src.paras[last][1], last),
                  "It is understood that the talks have stalled.", {})
    base = lint_text("a.txt", TEXT, rules)
    o = M.judge(m, TEXT, lint_text("a.txt", m.apply(TEXT), rules), base)
    assert o.caught and o.rules == ["News.VagueAttribution"] and not o.side


# -- the script --------------------------------------------------------------


def test_a_small_sample_run(tmp_path: Path, capsys):
    shared_or_skip("corpus", "annotated", "articles")
    out = tmp_path / "m.json"
    assert M.main(["--limit", "4", "--per-article", "2", "--seed", "1", "--json", str(out), "--show"]) == 0
    printed = capsys.readouterr().out
    assert "kind" in printed and "unattributed figure" in printed and "missed, vague attribution" in printed
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["articles"] == 4 and len(rec["mutants"]) == 4 * 5 * 2
    for kind, s in rec["summary"].items():
        assert kind in M.KINDS
        assert s["caught"] <= s["applicable"] <= s["mutants"] == 8
    for m in rec["mutants"]:
        assert m["caught"] is False or m["applicable"]


def test_no_articles_is_a_clean_exit(tmp_path: Path, capsys):
    assert M.main(["--articles", str(tmp_path / "none")]) == 0
    assert "nothing to measure" in capsys.readouterr().out


def test_an_unknown_kind_is_a_usage_error():
    with pytest.raises(SystemExit) as e:
        M.main(["--kinds", "names"])
    assert e.value.code == 2
