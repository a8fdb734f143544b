"""existence and substitution with Vale's semantics."""

from __future__ import annotations

from lint.rules import parse_rule_file


def findings(yaml_text: str, text: str):
    rule = parse_rule_file("P/R.yml", yaml_text, "P.R")
    return [(text[f.span.start : f.span.end], f.message, f.fix) for f in rule.checker.check_text(text)]


def test_existence_tokens_are_word_bounded():
    y = "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [very, 'sort of']\n"
    got = findings(y, "Every veryfine thing is very good, sort of.")
    assert [g[0] for g in got] == ["very", "sort of"]
    assert got[0][1] == "Avoid 'very'."


def test_existence_ignorecase_and_nonword():
    y = "extends: existence\nmessage: '%s'\nignorecase: true\ntokens: [reportedly]\n"
    assert [g[0] for g in findings(y, "Reportedly, it REPORTEDLY rained.")] == ["Reportedly", "REPORTEDLY"]
    y = "extends: existence\nmessage: '%s'\nnonword: true\ntokens: ['\\s{2,}']\n"
    assert [g[0] for g in findings(y, "Two  spaces.")] == ["  "]


def test_existence_raw_is_concatenated_and_exceptions_skip():
    y = "extends: existence\nmessage: '%s'\nraw: ['\\b[A-Z]{3,}', '\\b']\nexceptions: [NATO, 'U\\w+']\n"
    assert [g[0] for g in findings(y, "NATO and the USA met the OSCE.")] == ["OSCE"]


def test_substitution_message_fix_and_alternatives():
    y = ("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n"
         "swap:\n  utilize: use\n  'in order to': to\n  whilst: while|as\n")
    got = findings(y, "Utilize it in order to win, whilst you can; use it.")
    assert [g[0] for g in got] == ["Utilize", "in order to", "whilst"]
    assert got[0][1] == "Use 'use' instead of 'Utilize'."
    assert got[0][2].edits[0].replacement == "Use" and got[0][2].applicability == "safe"
    assert got[2][1] == "Use 'while|as' instead of 'whilst'."
    assert got[2][2].applicability == "unsafe"


def test_substitution_replace_action_lists_options_and_skips_same():
    # Vale: the options are quoted (core.ToSentence) and compared literally, case included
    y = ("extends: substitution\nmessage: \"Use %s, not '%s'.\"\nignorecase: true\naction:\n  name: replace\n"
         "swap:\n  'e-mail|email': email\n  whilst: while|as\n")
    got = findings(y, "Send an e-mail, or an email, or an Email, whilst here.")
    assert [(g[0], g[1]) for g in got] == [
        ("e-mail", "Use 'email', not 'e-mail'."), ("Email", "Use 'email', not 'Email'."), ("whilst", "Use 'while' or 'as', not 'whilst'."),
    ]
    # a quoted pair of %s: the first loses its quotes (Vale's convertMessage)
    y = y.replace("Use %s, not '%s'.", "Use '%s' instead of '%s'.")
    assert findings(y, "whilst")[0][1] == "Use 'while' or 'as' instead of 'whilst'."


def test_substitution_user_groups_become_noncapturing():
    y = "extends: substitution\nmessage: \"'%s' not '%s'\"\nswap:\n  '(?:alot|a lot) of': many\n  '(colour|color)ed': tinted\n"
    got = findings(y, "alot of coloured things")
    assert [(g[0], g[1]) for g in got] == [("alot of", "'many' not 'alot of'"), ("coloured", "'tinted' not 'coloured'")]


def test_substitution_swap_as_vale_decodes_it():
    # mapstructure.WeakDecode: a list of one-key maps is one mapping; numbers are strings
    y = ("extends: substitution\nmessage: \"Use %s instead of '%s'.\"\naction:\n  name: replace\n"
         "swap:\n  - autodiscovery: Autodiscovery|automatic detection\n  - 'auto-discover': Autodiscover\n")
    got = findings(y, "Use autodiscovery, not auto-discover or Autodiscovery.")
    assert [(g[0], g[1]) for g in got] == [
        ("autodiscovery", "Use 'Autodiscovery' or 'automatic detection' instead of 'autodiscovery'."),
        ("auto-discover", "Use 'Autodiscover' instead of 'auto-discover'."),
    ]
    y = "extends: substitution\nmessage: 'Consider \"%s\" instead of \"%s\".'\naction:\n  name: replace\nswap:\n  one: 1\n  half: 0.5\n"
    got = findings(y, "one and a half, 1 and one")
    assert [(g[0], g[1]) for g in got] == [
        ("one", "Consider '1' instead of \"one\"."), ("half", "Consider '0.5' instead of \"half\"."),
        ("one", "Consider '1' instead of \"one\"."),
    ]
    assert got[0][2].edits[0].replacement == "1"


def test_consistency_either_as_vale_decodes_it():
    y = "extends: consistency\nmessage: 'Mixed: %s'\neither:\n  - advisor: adviser\n"
    rule = parse_rule_file("P/R.yml", y, "P.R")
    assert rule.spec.either == {"advisor": "adviser"}


def test_a_rule_without_level_is_a_warning_as_in_vale():
    rule = parse_rule_file("P/R.yml", "extends: existence\nmessage: x\ntokens: [a]\n", "P.R")
    assert rule.spec.level == "warning"
    assert parse_rule_file("P/R.yml", "extends: existence\nmessage: x\nlevel: suggestion\ntokens: [a]\n", "P.R").spec.level == "suggestion"

