"""The check contract (lint/checks/__init__.py): one module and one set of
keys per check type, compile(params, ctx), one message formatter, and a
rule's own message honoured by every news type."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path
from typing import get_args

import pytest

from lint.checks import REGISTRY, SPLIT_TYPES
from lint.checks.base import DEFAULT_CONTEXT, Check, CompileContext, CrossArticleCheck, format_message
from lint.engine import lint_article
from lint.readers import read_article
from lint.readers.text import read_text
from lint.rules import RuleError, builtin_rules_dir, parse_rule_file

NEWS = builtin_rules_dir() / "News"


# --------------------------------------------------------------------------
# The registry


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_type_has_its_own_params_and_compile_takes_a_context(name):
    module = REGISTRY.get(name)
    assert get_args(module.Params.model_fields["extends"].annotation) == (name,)
    params = list(inspect.signature(module.compile).parameters)
    assert params[:2] == ["p", "ctx"], name
    assert not hasattr(module, "NEEDS_STYLES_PATH") or name == "spelling"


def test_one_registry_line_per_module():
    modules = [REGISTRY._modules[n] for n in REGISTRY]
    assert len(modules) == len(set(modules))
    assert not set(SPLIT_TYPES) & set(REGISTRY)


def test_compile_context_of_a_rule_file(tmp_path):
    ctx = CompileContext.for_rule(str(tmp_path / "styles" / "House" / "Rule.yml"))
    assert ctx.styles_path == (tmp_path / "styles").resolve() and ctx.time_limit == DEFAULT_CONTEXT.time_limit
    assert CompileContext.for_rule("").styles_path is None


def test_compiled_rules_satisfy_the_protocols():
    from lint.rules import load_rules

    rules = load_rules(builtin_rules_dir())
    assert all(isinstance(r.checker, Check) for r in rules)
    assert [r.id for r in rules if isinstance(r.checker, CrossArticleCheck)] == ["News.NameVariant"]


def test_time_limit_from_the_context_reaches_block_checkers():
    from lint.checks import existence

    spec = existence.Params.model_validate({"extends": "existence", "message": "x", "tokens": ["a"]})
    assert existence.compile(spec, CompileContext(time_limit=0.5)).remaining() == 0.5


# --------------------------------------------------------------------------
# One message formatter


@pytest.mark.parametrize("template, subs, expected", [
    ("Use '%s' instead of '%s'.", ("a", "b"), "Use 'a' instead of 'b'."),
    ("%s, %s and %s", ("x",), "x, x and x"),  # cycling, as Vale's FormatMessage
    ("Did you mean '%[1]ss' instead of '%[1]s's'?", ("it",), "Did you mean 'its' instead of 'it's'?"),
    ("%[2]s then %s", ("a", "b", "c"), "b then c"),
    ("Content too short (%d).", ("3",), "Content too short (3)."),
    ("50%% of '%s', 50% raw", ("x",), "50% of 'x', 50% raw"),
    ("%[3]s", ("a",), "%!s(BADINDEX)"),
    ("'%[3]s' after '%[2]s'", ("a", "b", "c"), "'c' after 'b'"),  # an index beyond the verbs, within the subs
    ("No substitution.", ("a",), "No substitution."),
    ("Kept as is: %s", (), "Kept as is: %s"),
])
def test_format_message(template, subs, expected):
    assert format_message(template, *subs) == expected


# --------------------------------------------------------------------------
# Every news type honours the rule's message, with its substitutions

SEED_DATE = dt.date(2024, 9, 17)

# type -> (extra keys, text, whole article?, date, the substitutions of the first finding)
CASES = {
    "repeated_sentence": ("", "One two three four five six seven eight nine ten. Rain.\n\nOne two three four five six seven "
                          "eight nine ten. Snow.", False, None,
                          ("an earlier sentence", "One two three four five six seven eight nine ten.")),
    "missing_byline": ("", "Storm hits coast\n\n08/11/2023 | 20:26 PM\n\nThe storm hit.", True, None,
                       "the byline/date line '08/11/2023 | 20:26 PM' names nobody"),
    "missing_date": ("", "Storm hits coast\n\nBy Ann Lee\n\nThe storm hit.", True, None, "in the byline 'By Ann Lee'"),
    "standfirst_in_headline": ("", " ".join(["word"] * 31) + "\n\nBy Ann Lee November 8, 2023\n\nBody.", True, None,
                               "The headline has 31 words, more than 30"),
    "repeated_headline": ("", "Storm hits coast\n\nBy Ann Lee November 8, 2023\n\nStorm hits coast\n\nRain.", True, None,
                          "the headline"),
    "repeated_paragraph": ("", "One two three four five six seven eight.\n\nOne two three four five six seven eight.",
                           False, None, "One two three four five six seven eight."),
    "quote_style": ("", "A “direct clash” and the “Union State” and \"Union Determination\".", False, None,
                    ("Straight", "", "\"Union Determination\"", "curly", "2", "3")),
    "apostrophe_style": ("", "Nato’s growth, Kadir’s phone and Russia's concerns.", False, None,
                         ("Straight", "Russia's", "curly", "2", "3")),
    "unbalanced_quotes": ("", "“We will not give up, he said.", False, None,
                          ("opening", "“", "“We will not give up, he said.", "is never closed in its paragraph")),
    "unattributed_quotes": ("attribution: data/quote-attribution.yml\n",
                            "The talks ended.\n\n“We will never accept a deal that sells out our members.”", False, None,
                            "We will never accept a deal that sells out our me…"),
    "relative_date": ("cues: data/relative-dates.yml\n", "Belarus prepares for the exercises Zapad 2025 later this year.",
                      False, SEED_DATE, "dated 2024-09-17, so 'later this year' means 2024, but the event is Zapad 2025"),
    "weekday_date": ("", "The summit opened on Tuesday, September 18, 2024.", False, None,
                     "'Tuesday' does not match the date: September 18, 2024 is a Wednesday, not a Tuesday"),
    "headline_day": ("cues: data/relative-dates.yml\n",
                     "Council to vote on budget plan today\n\nThe council will vote on the budget plan tomorrow, officials said.",
                     True, None, "the headline says 'today', but the opening says 'tomorrow' of the same news ('The council "
                     "will vote on the budget plan tomorrow, officials said.'): one of them was not updated"),
    "undated_day": ("cues: data/relative-dates.yml\n", "Council votes on budget\n\nThe council voted today on the budget.",
                    True, None, "'voted today' cannot be resolved: the article carries no date; add the date line, "
                    "or name the day and date"),
    "ended_event": ("cues: data/relative-dates.yml\n",
                    "The festival ended on Sunday with a gala. The festival will run online until August 16.", False, None,
                    "the festival 'ended', but 'will run online until August 16' says it goes on (perhaps only a part of it ended)"),
    "tense_date": ("cues: data/relative-dates.yml\n", "The first joint drills were held in 2026 near Brest.", False, SEED_DATE,
                   "dated 2024-09-17, but 'were held in 2026' tells 2026, after that date, in the past tense"),
    "recurrence": ("claims: {annual: 1}\nschedules: [{names: [Steadfast Noon], every: 2}]\n",
                   "The annual Steadfast Noon exercise began.", False, None,
                   "Steadfast Noon is held every two years, not annually"),
    "name_variants": ("names: data/known-names.yml\n", "Observers expect Zapod 2025 to be larger.", False, None,
                      ("'Zapod'", "'Zapad'", "the known spelling")),
    "known_names": ("names: data/known-people.yml\n", "The striker Phillipe Coutinho scored.", False, None,
                    ("'Phillipe Coutinho'", "'Philippe Coutinho'", "a known person")),
    "fixed_case": ("names: data/house-names.yml\n", "He posted it on Whatsapp.", False, None,
                   ("'Whatsapp'", "'WhatsApp'")),
    "broken_hyphen": ("hyphenation: data/hyphenation.yml\n", "The new build- ing opened.", False, None,
                      ("build- ing", "building")),
    "opens_mid_sentence": ("", "Council meets\n\nand approved the plan after a debate that went on past midnight.",
                           True, None, "and approved the plan after a debate th…"),
    "ends_mid_sentence": ("", "Council meets\n\nThe council met. The mayor said the rest of the money would come from",
                          True, None, "of the money would come from"),
    "figures": ("attribution: data/attribution.yml\n", "The storm left 150,000 homes without power.", False, None, "150,000"),
    "vague_attribution": ("attribution: data/attribution.yml\n", "Some analysts suggest the talks failed.", False, None,
                          "Some analysts suggest"),
    "glued_text": ("raw: ['\\p{Ll}{2}[.]\\p{Lu}\\p{Ll}+']\n", "The mayor said.Professor Lee agreed.", False, None,
                   "id.Professor"),
    "trailing_headline": ("", "Council meets\n\nBy Ann Lee\n\nThe council met on Monday and agreed to the new budget, the "
                          "mayor said.\n\nMayor Opens New Bridge Over River Thames", True, None,
                          "Mayor Opens New Bridge Over River Thames"),
    "split_sentence": ("", "The council said the new bridge would open after two\n\nyears of delays, the mayor said.", False,
                       None, ("new bridge would open after two", "years of delays, the")),
    "relative_timestamp": ("", "Council approves budget\n\n2 hours ago\n\nThe council met.", True, None,
                           "2 hours ago"),
    "header_chrome": ("chrome: data/page-chrome.yml\n",
                      "Adobe misses\n\nBusiness\n\nAdobe has missed analysts' expectations in its first quarter.",
                      True, None, "Business"),
    "office_title": ("holders: data/office-holders.yml\ntitles: {president: [President]}\n",
                     "President Obama will visit Berlin.", False, SEED_DATE,
                     "Barack Obama was president (United States) from 2009-01-20 to 2017-01-20, not on 2024-09-17 "
                     "(the publication date)"),
    "no_named_source": ("attribution: data/attribution.yml\nsources: data/sources.yml\n",
                        "Officials said 3,000 troops had crossed the border.", False, None,
                        "1 figure and 1 attributed statement"),
}


def _lint(name: str, message: str):
    extra, text, whole, date, _ = CASES[name]
    y = f"extends: {name}\nmessage: {message!r}\nlevel: warning\n{extra}"
    rule = parse_rule_file(str(NEWS / "Custom.yml"), y, "News.Custom")  # data files beside the News rules
    article = read_article("a.txt", text) if whole else read_text("a.txt", text, body_only=True)
    if date is not None:
        article.meta.date = date
    return lint_article(article, [rule])


def test_every_news_type_is_covered():
    news = {n for n in REGISTRY if hasattr(REGISTRY.get(n), "DEFAULT_MESSAGE")}  # Vale's types have none
    assert news == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_rule_of_each_news_type_prints_its_own_message(name):
    subs = CASES[name][4]
    subs = (subs,) if isinstance(subs, str) else subs
    plain = _lint(name, "House style: see the desk guide.")
    assert plain and all(d.message == "House style: see the desk guide." for d in plain)
    positional = "".join(f"<%[{i}]s>" for i in range(1, len(subs) + 1))
    (first, *_) = _lint(name, "Desk: " + positional)
    assert first.message == "Desk: " + "".join(f"<{s}>" for s in subs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_without_a_message_the_type_says_what_the_built_in_rule_says(name):
    module = REGISTRY.get(name)
    extra, text, whole, date, _ = CASES[name]
    rule = parse_rule_file(str(NEWS / "Custom.yml"), f"extends: {name}\n{extra}", "News.Custom")
    article = read_article("a.txt", text) if whole else read_text("a.txt", text, body_only=True)
    if date is not None:
        article.meta.date = date
    diags = lint_article(article, [rule])
    assert diags and diags[0].message == _lint(name, module.DEFAULT_MESSAGE)[0].message


def test_messages_name_no_lines():
    import regex

    from lint.rules import load_rules

    rules = load_rules(builtin_rules_dir())
    root = Path(__file__).resolve().parents[1] / "seeds"
    for path in sorted(root.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for d in lint_article(read_article(str(path), text), rules):
                assert not regex.search(r"\b(?:lines?|column) \d", d.message), (path.name, d.message)


# --------------------------------------------------------------------------
# Keys of one type on another


@pytest.mark.parametrize("yaml_text, line, key", [
    ("extends: quote_style\nkind: mixed\n", 2, "kind"),
    ("extends: quote_style\nmessage: x\napostrophes: true\n", 3, "apostrophes"),
    ("extends: unbalanced_quotes\nheadlines: true\n", 2, "headlines"),
    ("extends: unattributed_quotes\nattribution: {verbs: [said]}\napostrophes: true\n", 3, "apostrophes"),
    ("extends: missing_byline\nmax_words: 30\n", 2, "max_words"),
    ("extends: missing_date\nmin_run_in_words: 8\n", 2, "min_run_in_words"),
    ("extends: repeated_headline\nmin_words: 8\n", 2, "min_words"),
    ("extends: weekday_date\nmode: weekday\n", 2, "mode"),
    ("extends: weekday_date\nclaims: {}\n", 2, "claims"),
    ("extends: metric\nmessage: x\ngrade: 8\n", 3, "grade"),
    ("extends: readability\nformula: words\n", 2, "formula"),
])
def test_a_key_of_another_type_is_an_unknown_key(yaml_text, line, key):
    with pytest.raises(RuleError) as e:
        parse_rule_file("House/Rule.yml", yaml_text, "House.Rule")
    assert str(e.value) == f"House/Rule.yml:{line}: {key}: unknown key"


@pytest.mark.parametrize("old", sorted(SPLIT_TYPES))
def test_a_split_type_names_its_successors(old):
    with pytest.raises(RuleError) as e:
        parse_rule_file("House/Rule.yml", f"message: x\nextends: {old}\n", "House.Rule")
    assert str(e.value).startswith(f"House/Rule.yml:2: extends: check type '{old}' was split: use '")
