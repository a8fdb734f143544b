"""lint/readers/json_news.py: ninjs, WordPress REST posts and JSON-LD NewsArticle files, with every character's source range.

The documents follow the published shapes: ninjs 1.3, 2.0 and 3.0 (IPTC's schemas and user-guide examples, 3.0 with its
camelCase names), a WordPress REST post as PHP's json_encode writes it (\\u escapes, \\/), a Yoast-style JSON-LD @graph.
Every test checks, for EVERY character of every block, that the file's text at its range decodes (JSON string escape,
then HTML references for blocks read as HTML) to that character."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.readers.json_news import (
    NOT_NEWS,
    JsonReadError,
    NotNewsJSON,
    _decode,
    _scan,
    extract_json,
    html_escape_json,
    json_escape,
)
from lint.readers.mapped import Extracted

DATA = Path(__file__).resolve().parent / "data" / "structured"
_TAG = re.compile(r"<[^>]*>")


def _decoded(raw: str, as_html: bool) -> str:
    s = json.loads('"' + raw + '"')
    return html.unescape(s) if as_html else s


def check_positions(src: str, x: Extracted) -> int:
    """Every character of every piece: the source at starts[i]:ends[i] decodes to text[i]. Returns the characters checked."""
    n = 0
    for p in x.pieces:
        assert p.exact, (p.kind, p.text)
        as_html = p.escape is html_escape_json
        assert p.escape in (json_escape, html_escape_json)
        last = -1
        for i, ch in enumerate(p.text):
            a, b = p.starts[i], p.ends[i]
            assert 0 <= a < b <= len(src), (p.text, i)
            assert a >= last, "characters out of order"
            last = a
            d = _decoded(src[a:b], as_html)
            if ch == d:
                pass
            elif ch == " ":  # a run of white space, a <br>, or the tags between two HTML blocks joined in one field
                assert _TAG.sub("", d).strip() == "" or src[a:b].startswith("<"), (p.text, i, src[a:b])
            else:
                raise AssertionError(f"{p.kind} {p.text!r}[{i}] = {ch!r}, source {src[a:b]!r} decodes to {d!r}")
            n += 1
    return n


def kinds(x: Extracted) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in x.pieces]


# -- ninjs 1.3 -----------------------------------------------------------------

NINJS_13 = r"""{
    "uri": "http://example.org/ninjs/2023/1103-harbour",
    "type": "text",
    "mimetype": "text/plain",
    "version": "1",
    "versioncreated": "2023-11-03T23:50:00-05:00",
    "firstcreated": "2023-11-03T22:10:00-05:00",
    "pubstatus": "usable",
    "copyrightholder": "Coastal Wire",
    "language": "en",
    "headline": "Caf\u00e9 owners \"relieved\" as harbour reopens",
    "headline_short": "Harbour reopens",
    "byline": "By Jean-Luc Martin, Coastal Wire",
    "located": "Saint-Malo",
    "description_text": "The port was closed for nine days after a storm.",
    "body_text": "SAINT-MALO \u2014 The harbour reopened.\nBoats queued at the lock \\ the market \ud83d\udc1f\nwas busy.\n\nRepairs cost \u20ac3m.",
    "person": [{"name": "Gilles Lurton", "rel": "mentioned"}],
    "place": [{"name": "Brittany", "rel": "located"}],
    "subject": [{"name": "weather", "code": "17000000", "scheme": "http://cv.iptc.org/newscodes/mediatopic/"}],
    "$standard": {"name": "ninjs", "version": "1.3", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.3.json"}
}
"""


def test_ninjs_13_plain_text():
    x = extract_json(NINJS_13)
    assert (x.format, x.flavour) == ("json", "ninjs")
    assert kinds(x) == [
        ("headline", 'Café owners "relieved" as harbour reopens'),
        ("standfirst", "The port was closed for nine days after a storm."),
        ("byline", "By Jean-Luc Martin, Coastal Wire"),
        ("paragraph", "SAINT-MALO — The harbour reopened. Boats queued at the lock \\ the market 🐟 was busy."),
        ("paragraph", "Repairs cost €3m."),
    ]
    assert x.authors == ["Jean-Luc Martin"]
    # the date as written (local), not converted to UTC (which would be 4 November); firstcreated before versioncreated
    assert x.date == dt.date(2023, 11, 3) and x.date_source == "ninjs"
    assert x.date_at is not None and x.date_at.value == "2023-11-03T22:10:00-05:00"
    assert NINJS_13[x.date_at.start : x.date_at.end] == x.date_at.value
    assert x.place is not None and x.place.value == "Saint-Malo" and NINJS_13[x.place.start : x.place.end] == "Saint-Malo"
    assert x.outlet is not None and x.outlet.value == "Coastal Wire"
    assert check_positions(NINJS_13, x) > 120


def test_escapes_map_to_their_source_characters():
    x = extract_json(NINJS_13)
    head, body = x.pieces[0], x.pieces[3]
    e = head.text.index("é")
    assert NINJS_13[head.starts[e] : head.ends[e]] == "\\u00e9"
    q = head.text.index('"')
    assert NINJS_13[head.starts[q] : head.ends[q]] == '\\"'
    fish = body.text.index("🐟")
    assert NINJS_13[body.starts[fish] : body.ends[fish]] == "\\ud83d\\udc1f"  # one code point, twelve source characters
    assert body.text[fish + 1] == " " and NINJS_13[body.starts[fish + 1] : body.ends[fish + 1]] == "\\n"  # line break -> space
    bs = body.text.index("\\")
    assert NINJS_13[body.starts[bs] : body.ends[bs]] == "\\\\"


def test_ninjs_1x_html_body_wins_over_text_and_pointer():
    src = json.dumps({
        "uri": "urn:x:1", "type": "text", "headline": "Two bodies",
        "body_text": "Plain version.",
        "body_html": "<p>First &amp; <em>second</em> para.</p><p>Caf\u00e9 next.</p>",
    }, indent=2)
    x = extract_json(src)
    assert kinds(x) == [("headline", "Two bodies"), ("paragraph", "First & second para."), ("paragraph", "Café next.")]
    check_positions(src, x)
    amp = x.pieces[1].starts[6]
    assert src[amp : x.pieces[1].ends[6]] == "&amp;"
    assert x.pointer is not None
    assert x.pointer(amp) == ("/body_html", 9)
    assert x.pieces[1].escape is html_escape_json and x.escape is json_escape


# -- ninjs 2.0 -----------------------------------------------------------------


def test_ninjs_20_sample():
    src = (DATA / "ninjs-2.0.json").read_text(encoding="utf-8")
    x = extract_json(src)
    assert x.flavour == "ninjs"
    ks = kinds(x)
    # the main headline (not the short one); the HTML body (the richer of the two renderings), its h2 a heading
    assert ks[0] == ("headline", "Rail strike halts commuter trains across southern Sweden")
    assert ks[1] == ("standfirst", 'Unions say the walkout will last "as long as it takes"; the operator calls it unlawful.')
    assert ks[2] == ("byline", "By Lena Fischer and Tom Okafor")
    assert [k for k, _ in ks[3:]] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert ks[3][1].startswith("MALMÖ, Sweden (NNA) — Commuter trains")
    assert "“as long as it takes”" in ks[4][1]
    assert ks[6][1] == "The operator, Skånetrafik, called the action unlawful and said it would seek an injunction."
    assert x.authors == ["Lena Fischer", "Tom Okafor"]
    assert x.date == dt.date(2024, 5, 14) and x.date_at is not None and x.date_at.value.startswith("2024-05-14T05:40")
    assert x.place is not None and x.place.value == "Malmö, Sweden"
    assert x.outlet is not None and x.outlet.value == "Nordic News Agency"
    assert check_positions(src, x) > 400
    å = ks[6][1].index("å")
    p = x.pieces[6]
    assert src[p.starts[å] : p.ends[å]] == "\\u00e5"
    assert x.pointer is not None and x.pointer(p.starts[å]) == ("/bodies/1/value", json.loads(src)["bodies"][1]["value"].index("å"))


def test_ninjs_2_plain_body_when_no_markup():
    src = json.dumps({
        "uri": "urn:x:2", "headlines": [{"role": "short", "value": "Short"}, {"value": "Main one"}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": "One.\nTwo.\nThree."}],
        "descriptions": [{"role": "caption", "value": "Not a standfirst"}],
        "by": "Ann Lee",
    })
    x = extract_json(src)
    # a headline without role counts as the main one; without blank lines each line is a paragraph; a caption is no standfirst
    assert kinds(x) == [("headline", "Main one"), ("byline", "Ann Lee"), ("paragraph", "One."), ("paragraph", "Two."), ("paragraph", "Three.")]
    check_positions(src, x)


# -- ninjs 3.0 -----------------------------------------------------------------

NINJS_30 = r"""{
  "uri": "http://ninjs.example.com/newsitems/20240907trial",
  "type": "text",
  "standard": {"name": "ninjs", "version": "3.0", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json"},
  "firstCreated": "2024-09-07T08:00:00Z",
  "versionCreated": "2024-09-07T10:37:00Z",
  "embargoed": "2024-09-08T00:01:00+01:00",
  "copyrightHolder": "The News Agency",
  "copyrightNotice": "Copyright 2024 The News Agency",
  "language": "en",
  "by": "Paulo Santalucia and Frances d\u2019Emilio",
  "located": "Grosseto, Italy",
  "headlines": [{"role": "main", "contentType": "text/plain", "value": "Captain\u2019s trial opens in Tuscany"}],
  "descriptions": [{"role": "summary", "contentType": "text/html", "value": "<p>A theatre became a <b>courtroom</b> for 1,000 witnesses.</p>"}],
  "bodies": [
    {"role": "main", "contentType": "text/plain", "charCount": 120, "value": "GROSSETO, Italy (AP) -- The trial began.\n\nHe made no comment."},
    {"role": "richtext", "contentType": "application/xhtml+xml",
     "value": "<p>GROSSETO, Italy (AP) -- The trial\u00a0began.</p> <p>He made &#x201C;no comment&#x201D;.</p>"}
  ],
  "people": [{"name": "Francesco Schettino", "rel": "about", "uri": "http://www.wikidata.org/entity/Q4421821"}],
  "places": [{"name": "Grosseto", "rel": "mentions"}],
  "organisations": [{"name": "Costa Crociere SpA", "rel": "mentions"}]
}"""


def test_ninjs_30_camel_case():
    x = extract_json(NINJS_30)
    assert kinds(x) == [
        ("headline", "Captain’s trial opens in Tuscany"),
        ("standfirst", "A theatre became a courtroom for 1,000 witnesses."),
        ("byline", "Paulo Santalucia and Frances d’Emilio"),
        ("paragraph", "GROSSETO, Italy (AP) -- The trial\xa0began."),
        ("paragraph", "He made “no comment”."),
    ]
    assert x.authors == ["Paulo Santalucia", "Frances d’Emilio"]
    # embargoed first: the story is not out before then
    assert x.date == dt.date(2024, 9, 8) and x.date_source == "ninjs"
    assert x.outlet is not None and x.outlet.value == "The News Agency"
    assert x.place is not None and x.place.value == "Grosseto, Italy"
    assert check_positions(NINJS_30, x) > 100
    q = x.pieces[4]
    assert NINJS_30[q.starts[8] : q.ends[8]] == "&#x201C;"


# -- WordPress -------------------------------------------------------------------


def test_wordpress_post():
    src = (DATA / "wordpress-post.json").read_text(encoding="utf-8")
    assert "\\/" in src and "\\u2019" in src and "&#8217;" in src  # the file is written as WordPress writes it
    x = extract_json(src)
    assert x.flavour == "wordpress"
    ks = kinds(x)
    assert ks[0] == ("headline", "Council votes to close Old Pier to traffic – traders ‘dismayed’")
    assert ks[1] == ("standfirst", "The decision ends a decade of argument over the Victorian structure, but traders fear for their shops.")
    assert [k for k, _ in ks[2:]] == ["paragraph", "paragraph", "heading", "paragraph", "list", "list", "paragraph"]
    assert ks[3][1] == "“We can’t keep patching it and hoping,” said the council’s leader, Ana Ferreira. “The engineers’ report left us no choice.”"
    assert "footfall would fall & some shops" in ks[5][1] and "about £1.2m" in ks[5][1]
    assert ks[7][1] == "Fishing permits remain valid until 31\xa0December."
    assert ks[8][1] == "José Lima, who runs the pier’s café, said he was “disappointed but not surprised”. A public meeting is planned for May."
    # "date" is the site's local time: 12 March, where date_gmt says 11 March
    assert x.date == dt.date(2025, 3, 12) and x.date_source == "wordpress"
    assert x.date_at is not None and x.date_at.value == "2025-03-12T00:17:09"
    assert x.authors == ["Maria Costa"]
    assert x.outlet is not None and x.outlet.value == "Harbour Gazette"
    assert not any("Local news" in t or t == "Old Pier" for _, t in ks)  # wp:term is not text
    assert check_positions(src, x) > 700
    last = x.pieces[-1]
    é = last.text.index("é")
    assert src[last.starts[é] : last.ends[é]] == "\\u00e9"
    apo = last.text.index("’")
    assert src[last.starts[apo] : last.ends[apo]] == "\\u2019"
    assert x.pointer is not None
    ptr, k = x.pointer(last.starts[apo])  # type: ignore[misc]
    assert ptr == "/content/rendered" and json.loads(src)["content"]["rendered"][k] == "’"
    assert x.pointer(src.index('"rendered"') + 2) is None  # a key is no string value


def test_wordpress_fix_round_trip():
    """A replacement written with the piece's escape, at the piece's source span, reads back as the new text."""
    src = (DATA / "wordpress-post.json").read_text(encoding="utf-8")
    x = extract_json(src)
    p = x.pieces[5]
    i = p.text.index("fall & some")
    j = i + len("fall & some")
    assert p.escape is not None
    new = src[: p.starts[i]] + p.escape('drop <sharply> & "some"') + src[p.ends[j - 1] :]
    y = extract_json(new)
    assert 'footfall would drop <sharply> & "some" shops could close.' in y.pieces[5].text
    check_positions(new, y)


def test_wordpress_automatic_excerpt_is_dropped():
    post = {"id": 1, "date": "2024-01-02T10:00:00", "title": {"rendered": "A title"},
            "content": {"rendered": "<p>The first words of the story go on and on here.</p><p>More.</p>", "protected": False},
            "excerpt": {"rendered": "<p>The first words of the story go on &hellip;</p>\n", "protected": False}}
    x = extract_json(json.dumps(post))
    assert [k for k, _ in kinds(x)] == ["headline", "paragraph", "paragraph"]
    post["excerpt"]["rendered"] = "<p>The first words of the story go [&hellip;]</p>"  # type: ignore[index]
    assert [k for k, _ in kinds(extract_json(json.dumps(post)))] == ["headline", "paragraph", "paragraph"]
    post["excerpt"]["rendered"] = "<p>A summary written by hand.</p>"  # type: ignore[index]
    assert [k for k, _ in kinds(extract_json(json.dumps(post)))] == ["headline", "standfirst", "paragraph", "paragraph"]


def test_list_of_one_post_and_of_several():
    post = {"id": 1, "date": "2024-01-02T10:00:00", "title": {"rendered": "A title"}, "content": {"rendered": "<p>Body.</p>"}}
    src = json.dumps([post], indent=1)
    x = extract_json(src)
    assert kinds(x) == [("headline", "A title"), ("paragraph", "Body.")]
    assert x.pointer is not None and x.pointer(x.pieces[1].starts[0]) == ("/0/content/rendered", 3)
    check_positions(src, x)
    with pytest.raises(JsonReadError, match="2 articles in one JSON list"):
        extract_json(json.dumps([post, post]))


# -- JSON-LD ---------------------------------------------------------------------


def test_jsonld_graph():
    src = (DATA / "jsonld-newsarticle.json").read_text(encoding="utf-8")
    x = extract_json(src)
    assert x.flavour == "json-ld"
    ks = kinds(x)
    assert ks[:2] == [("headline", "Flood defences held, but river levels stay high"),
                      ("standfirst", "The new barrier at Millbridge kept the Aire out of the town centre overnight.")]
    assert [k for k, _ in ks[2:]] == ["paragraph"] * 3
    assert ks[2][1].startswith("MILLBRIDGE — The town’s £12m flood barrier")
    assert ks[4][1].endswith("return on Wednesday 🌊.")
    assert x.authors == ["Priya Raman", "Owen Hale"]  # an @id reference resolved in the graph, and an inline Person
    assert x.outlet is not None and x.outlet.value == "The Valley Herald"  # publisher by @id
    assert x.place is not None and x.place.value == "MILLBRIDGE"
    assert x.date == dt.date(2024, 10, 2) and x.date_source == "json-ld"
    assert x.date_at is not None and src[x.date_at.start : x.date_at.end] == "2024-10-02T06:30:00+01:00"
    assert check_positions(src, x) > 300
    wave = x.pieces[4]
    k = wave.text.index("🌊")
    assert src[wave.starts[k] : wave.ends[k]] == "\\ud83c\\udf0a"
    assert x.pointer is not None and x.pointer(wave.starts[k])[0] == "/@graph/3/articleBody"  # type: ignore[index]


def test_jsonld_top_level_list_string_author_and_prefixed_type():
    doc = [
        {"@context": "http://schema.org", "@type": "WebSite", "name": "Site"},
        {"@context": "http://schema.org", "@type": "http://schema.org/NewsArticle", "headline": "Fire at the mill &amp; bakery",
         "author": "By Sam Cole", "datePublished": "2022-02-28", "publisher": {"@type": "Organization", "name": "Mill Times"},
         "articleBody": "<p>Crews were called at 3am.</p><p>No one was hurt.</p>"},
    ]
    src = json.dumps(doc, ensure_ascii=False, indent=2)
    x = extract_json(src)
    # strings with HTML in them (a reference, tags) are read as HTML
    assert kinds(x) == [("headline", "Fire at the mill & bakery"), ("paragraph", "Crews were called at 3am."), ("paragraph", "No one was hurt.")]
    assert x.pieces[0].escape is html_escape_json
    assert x.authors == ["Sam Cole"]
    assert x.outlet is not None and x.outlet.value == "Mill Times"
    assert x.date == dt.date(2022, 2, 28)
    check_positions(src, x)


# -- errors, BOM, the scanner --------------------------------------------------------


def test_invalid_json_names_line_and_column():
    with pytest.raises(JsonReadError) as e:
        extract_json('{\n  "headline": "A",\n  "bodies": [}\n')
    assert (e.value.lineno, e.value.colno) == (3, 14)
    assert "line 3, column 14" in str(e.value) and isinstance(e.value, ValueError)


@pytest.mark.parametrize("doc", ['{"name": "not news"}', "[1, 2]", '"just a string"', '{"@type": "Recipe", "headline": "x"}'])
def test_not_news(doc):
    with pytest.raises(NotNewsJSON, match=re.escape(NOT_NEWS)):
        extract_json(doc)


def test_bom_keeps_offsets_into_the_text():
    src = "\ufeff" + json.dumps({"headline": "Héllo", "body_text": "Body."})
    x = extract_json(src)
    assert kinds(x) == [("headline", "Héllo"), ("paragraph", "Body.")]
    check_positions(src, x)


def test_scan_pointers_escape_keys_and_duplicates():
    src = '{"a/b": {"m~n": ["x", {"": "y"}, 3, null, "z"]}, "d": "first", "d": "last", "e": [[], {}, "w"]}'
    got = {p: src[a:b] for a, b, p in _scan(src, 0)}
    assert got == {"/a~1b/m~0n/0": "x", "/a~1b/m~0n/1/": "y", "/a~1b/m~0n/4": "z", "/d": "last", "/e/2": "w"}


def _resolve(tree, pointer: str):
    for tok in pointer.split("/")[1:]:
        tok = tok.replace("~1", "/").replace("~0", "~")
        tree = tree[int(tok)] if isinstance(tree, list) else tree[tok]
    return tree


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from('"\\/\n\t\b\x00\x1f\u2028😀é'), max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_json, st.booleans(), st.sampled_from([None, 0, 2]))
def test_scan_and_decode_agree_with_json_loads(tree, ascii_only, indent):
    src = json.dumps(tree, ensure_ascii=ascii_only, indent=indent)
    if ascii_only:
        src = src.replace("/", "\\/")  # as PHP writes it
    for a, b, pointer in _scan(src, 0):
        assert src[a - 1] == '"' and src[b] == '"'
        text, starts, ends = _decode(src, a, b)
        assert text == _resolve(tree, pointer)
        for i, ch in enumerate(text):
            assert json.loads('"' + src[starts[i] : ends[i]] + '"') == ch
        assert all(starts[i] >= ends[i - 1] for i in range(1, len(text)))


def test_pointer_inside_and_outside_strings():
    src = '{"headline": "Ab\\u00e9c", "n": 5}'
    x = extract_json(src)
    assert x.pointer is not None
    a = src.index("Ab")
    assert [x.pointer(a + k) for k in (0, 1, 2, 7, 8)] == [("/headline", 0), ("/headline", 1), ("/headline", 2), ("/headline", 2), ("/headline", 3)]
    assert x.pointer(src.index("5")) is None and x.pointer(0) is None


def test_escape_functions():
    assert json_escape('a "b" \\ c\n') == 'a \\"b\\" \\\\ c\\n'
    assert html_escape_json('x < y & "z"') == 'x &lt; y &amp; \\"z\\"'


def test_html_body_keeps_every_block_but_plugin_boxes():
    """A JSON body field is the story: short posts, every <div> group and captions are kept; the boxes CMS plugins add
    to the content (Jetpack's sharing and related posts, a newsletter form, a hidden element) are not."""
    content = (
        '<p>By Jane Roe</p>\n'
        '<div class="wp-block-group"><p>Short one.</p></div>\n'
        '<div class="wp-block-group"><p>Second group.</p></div>\n'
        '<figure class="wp-block-image"><img src="x.jpg" alt=""><figcaption>The pier at dawn.</figcaption></figure>\n'
        '<p style="display: none">Hidden text.</p>\n'
        '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social">'
        '<h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li></ul></div></div>\n'
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3 class=\"jp-relatedposts-headline\"><em>Related</em></h3></div>\n"
        '<form class="newsletter"><label>Email</label><button>Sign up</button></form>'
    )
    post = {"id": 9, "date": "2024-06-01T12:00:00", "title": {"rendered": "Pier at dawn"}, "content": {"rendered": content}}
    src = json.dumps(post).replace("/", "\\/")
    x = extract_json(src)
    assert kinds(x) == [("headline", "Pier at dawn"), ("byline", "By Jane Roe"), ("paragraph", "Short one."),
                        ("paragraph", "Second group."), ("paragraph", "The pier at dawn.")]
    assert x.authors == ["Jane Roe"]
    check_positions(src, x)


def test_a_lone_surrogate_escape_is_a_replacement_character():
    src = '{"headline": "Bad \\ud800 escape", "body_text": "x\\udc00y"}'
    x = extract_json(src)
    assert kinds(x) == [("headline", "Bad \ufffd escape"), ("paragraph", "x\ufffdy")]
    head = x.pieces[0]
    assert src[head.starts[4] : head.ends[4]] == "\\ud800"
