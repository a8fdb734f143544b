"""Which of an HTML page's text blocks are the article: headline, standfirst, byline and body.

``select_body(map_html(source))`` takes the blocks that
:func:`lint.readers.html_map.map_html` found (every text block of the page, in
document order, each with its lxml element) and decides which of them are the
article. It only chooses among those blocks, so every character keeps its exact
source offset.

How:

1. The body container, as Mozilla Readability finds it. Every paragraph-like
   block (p, pre, td, h2-h6, a div's direct text) of 25 characters or more that
   is visible and not inside an unlikely subtree (class or id naming comments,
   sidebars, footers, menus ...; a subtree marked as the article body does not
   inherit that from its ancestors) scores ``1 + commas + min(chars // 100,
   3)``; the score goes to its parent, half of it to the grandparent and
   ``1 / (3 * level)`` of it further up (5 levels). Each scored element starts
   from its tag's base (div +5, lists and forms -3, headings -5) plus a class
   weight (+25 for article/body/content/story ..., -25 for comment/share/
   related/promo ...), semantic containers (``<article>``, ``<main>``,
   ``itemprop=articleBody``, classes such as article-body, story-body,
   entry-content) get +15, and the total is scaled by ``1 - link density``
   (characters inside ``<a>`` over all characters). The best element wins.
   Then: an ancestor that holds three of the close runners-up (Readability),
   or the common ancestor of a strong candidate elsewhere (a story split into
   sections), takes its place; the page's own marking of the article body
   (``itemprop=articleBody``, entry-content ...) beats a better-scored block
   elsewhere (a carousel) and the parts of a story inside it; it moves up to a
   parent that scores higher unless that parent is link-heavy, and takes in
   siblings that score well or are plain paragraphs with few links
   (Readability's rules). When the body comes out under 500 characters, all
   this runs again without dropping unlikely subtrees (Readability's retry).
2. The body blocks: the chosen elements' blocks in order, minus those under
   chrome inside them (nav, aside, footer, form, button, header; class or id
   naming share/related/newsletter/comment/promo/ad/meta/player ...; small
   date and time boxes; hidden by ``hidden``, ``aria-hidden`` or an inline
   ``display:none``), minus lists, tables and boxes whose text is mostly links
   and has few commas, minus date lines ("Updated ... 2020"), "Related:" /
   "Read also:" lines and the links listed under such a label, JSON left in
   the text, blank blocks, the headline, its duplicates, the standfirst and
   the byline. A chrome-looking element (by tag or name) that holds most of
   the text is a misnamed wrapper, not chrome. Figure captions are kept.
   Kinds: ``li`` is "list", h2-h6 (and an h1 that is not the headline)
   "heading", everything else "paragraph".
3. The headline block: the visible h1 that matches the page's declared title
   or a part of it between separators (JSON-LD ``headline``, ``og:title``,
   ``twitter:title``, ``<title>``, the hint), preferring one inside the body
   and not inside a link; else an element marked ``itemprop=headline`` or a
   heading that matches a declared title, near the body's start. ``title`` is
   the declared headline: ``title_hint`` (the caller's metadata) when given,
   else JSON-LD headline, og:title, twitter:title, ``<title>``, in that order,
   with a site name after (or before) " | ", " - ", " – ", " — ", " :: ", " » ",
   " · " removed when the rest matches the headline or a visible h1, or, for
   ``<title>``, when the first part is the longer one and has three words or
   more. When the first declared title shares nothing with the h1 while
   ``<title>`` is the h1 (a portal's og:title), ``<title>`` wins. It is the
   headline's text when the page declares nothing.
4. Standfirst: a block between the headline and the body's first block, or
   that first block, marked by class, id, itemprop or data-component as a
   standfirst, dek, subtitle, summary, description, excerpt, strapline (and
   sapo, chapo, bajada, perex ...); the weaker intro, lede, lead and teaser only
   before the body's first block (they also mark a story's first paragraph);
   or, unmarked, a sentence of its own in the article's ``<header>``. Never a
   date line, a caption or a credit; None when nothing says so. Byline: the
   best of the short blocks from a few before the headline to three
   paragraphs into the body that hold ``rel=author`` or ``itemprop=author``,
   read "By ..." (Par, Por, Von, Di, Door, Af, Av, De, Od, Autor ...), or sit
   in an element whose class or id names a byline or author; not a label
   alone ("By"), a count, a reading time, a photo credit or a share bar.

lxml is not imported here: the tree comes from ``map_html``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from html import unescape as html_unescape
from typing import Any

from lint.readers.html_map import HtmlText, MappedBlock

_El = Any  # an lxml element (lxml ships no type hints)

__all__ = ["Body", "select_body"]


@dataclass
class Body:
    """The article's blocks, chosen among the page's blocks (``kind`` is paragraph, heading or list)."""

    headline: MappedBlock | None = None
    standfirst: MappedBlock | None = None
    byline: MappedBlock | None = None
    blocks: list[tuple[str, MappedBlock]] = field(default_factory=list)
    title: str | None = None  # the best headline string, also when no block holds it
    title_source: str | None = None  # "hint", "json-ld", "og:title", "twitter:title", "title", "h1"
    container: Any = None  # the lxml element the body was taken from (None when the page has no body)


# ---- class / id signals (Readability's lists, extended with news chrome) ----

_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|"
    r"shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|"
    r"recirc|outbrain|taboola|cookie|masthead|navbar|toolbar|trending|most-?popular|most-?read",
    re.I,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|mathjax|shadow|story|entry|post", re.I)
_POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|"
    r"shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscribe|signup|social|recirc|taboola|trending|most-?popular|most-?read|"
    r"breadcrumb|navbar|navigation|menu|toolbar|pagination|pager|popup|modal|cookie|consent|paywall",
    re.I,
)
# Chrome inside the body container: these subtrees give no body blocks.
_CHROME = re.compile(
    r"(?:^|[^a-z])(?:ad|ads|advert\w*|adslot|adunit|nav|navbar|navigation|menu|footer|breadcrumbs?|tags?|topics|keywords)(?:$|[^a-z])|"
    r"share|sharing|social|related|newsletter|subscri|signup|sign-up|comment|promo|sidebar|outbrain|taboola|recirc|trending|most-?popular|"
    r"most-?read|more-?stories|read-?more|see-?also|also-?read|sponsor|advertis|popup|modal|cookie|consent|paywall|toolbar|print-?only|"
    r"sr-only|visually-?hidden|screen-?reader|hidden|author-?bio|about-?the-?author|disclaimer|copyright|pagination|pager|"
    r"(?:^|[^a-z])(?:meta|cta)(?:$|[^a-z])|player|vjs-|paywall|locked-?box|facebook|opt-?in|badge|avatar|preloader|"
    r"(?:^|[^a-z])(?:labels?|credits?)(?:$|[^a-z])|twitter-tweet|instagram-media|tiktok-embed",
    re.I,
)
# Media boxes (figures, galleries, sliders): their captions are kept, their labels and counters are not.
_MEDIA_BOX = re.compile(r"(?:^|[^a-z])(?:image|img|photo|picture|gallery|slideshow|slider|carousel|media|video)s?(?:$|[^a-z])", re.I)
_MEDIA_TAGS = frozenset(("figure", "figcaption", "picture"))
_SEMANTIC = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|storybody|entry[-_]content|post[-_]content|post[-_]body|article__body|article-content|"
    r"article__content|article-text|story-content|story__body|content__article-body|body-text|main-content|article_body|articletext",
    re.I,
)
# A dek: its own block under the headline. The weak names also mark a story's first paragraph (its lede), so they only
# count before the body's first block.
_STANDFIRST = re.compile(
    r"standfirst|(?:^|[^a-z])dek(?:$|[^a-z])|subtitle|sub-title|subhead|summary|description|excerpt|strapline|(?:^|[^a-z])deck(?:$|[^a-z])|"
    r"abstract|sapo|chapo|chapeau|bajada|entradilla|(?:^|[^a-z])lead-?in|perex|ingress|vorspann|sommario",
    re.I,
)
# "Related: <link>", "Read more:" ... inserted between a story's paragraphs: links to other stories, not the story.
_READ_ALSO = re.compile(
    r"^\W{0,2}(?:related|read more|read also|also read|see also|more on this|recommended|lue myös|lesen sie auch|mehr zum thema|"
    r"lire aussi|à lire aussi|a lire aussi|leia também|leia mais|lee también|te puede interesar|vea también|ver también|läs också|"
    r"les også|læs også|czytaj też|czytaj także|čtěte také|читайте также|читайте також|leggi anche)\b\s*(?:[:|»>\]-]|$)",
    re.I,
)
_SHARE = re.compile(r"share|sharing|social|comment|(?:^|[^a-z])nav|menu|toolbar|button", re.I)
_DATE_NAMES = re.compile(r"(?:^|[^a-z])(?:date|time|timestamp|pubdate|published|updated|created|posted-on|entry-date|datetime)(?:$|[^a-z])", re.I)
_DATE_LINE = re.compile(
    r"^\s*(?:last\s+)?(?:updated|published|posted|modified|actualizado|publicado|atualizado|mis à jour|publié|aktualisiert|veröffentlicht)"
    r"\b.{0,100}\d",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"’”»]?\s*$")
_MEDIA_CLASS = re.compile(r"(?:^|\s)(?:caption|credit|photo|image|img|picture|gallery|media)", re.I)  # a class word that starts so
_DATE_CLASS = re.compile(r"date|time|published|updated", re.I)
_STANDFIRST_WEAK = re.compile(r"(?:^|[^a-z])intro|lede|teaser|(?:^|[^a-z])lead(?:$|[^a-z])", re.I)
_BYLINE_CLASS = re.compile(r"byline|author|(?:^|[^a-z])by(?:$|[^a-z])|writer|creator|signature|firma|autor", re.I)
# "By Name", "Par Name", "Author: Name"; the words that are also ordinary nouns ("Text Size") only with a colon
_BY_TEXT = re.compile(
    r"^\s*(?:(?:written|words|reporting|text|texto|texte)\s+)?(?:(?:by|par|por|von|di|door|af|av|de|od)\s*:?|(?:autor|author|text|texto|texte)\s*:)"
    r"\s+(?=\S)",
    re.I,
)
_BY_LABEL = re.compile(r"^\s*(?:(?:written|words|reporting|text)\s+)?(?:by|par|por|von|di|door|af|av|de|od|autor|author|text)\s*:?\s*$", re.I)
_NOT_BYLINE = re.compile(r"\bmin(?:ute)?s?\.? read\b|^\s*(?:photo|foto|image|picture|bild|снимка|фото|credit)s?\s*:|^[\d\s.,:/|-]+$", re.I)
# Lines of a page's interface, whole: ad slots, skip links, buttons, labels of media and of the site's own pages.
_UI_LINE = re.compile(
    r"^\W*(?:advertisements?|advertising|advertisement feature|anzeige|werbung|publicidad|publicité|pubblicità|reklama|"
    r"sponsored(?: content)?|paid content|skip (?:advertisement|ad)|continue reading(?: the main story| below)?|read more|"
    r"(?:read|see) the full (?:story|article)|photo|photos|video|videos|watch|listen|video loading|loading|text size|"
    r"font size|print|share|share this(?: article| story| page)?|sign up(?: for (?:our|the) newsletters?)?|subscribe(?: now)?|"
    r"about us|contact us|advertise(?: with us)?|terms of use|privacy policy|cookie policy|all rights reserved|more|close|"
    r"listen to this article|\d+ (?:of|/) \d+)\W*$",
    re.I,
)
# A photo's credit or a caption: "Photo: ...", "Foto: ...", "Credit: ..."; "图为" ("pictured is") opens a Chinese caption.
_CREDIT_LINE = re.compile(
    r"^\s*(?:(?:photo|foto|image|picture|bild|снимка|фото|credit|crédit|crédito|borítókép|kép|zdjęcie|fotografia|"
    r"source)s?\s*:|\(?(?:photo|image)s? (?:by|courtesy)\b)",
    re.I,
)
# The print edition's line at a story's foot ("A version of this article appears in print on ...").
_PRINT_LINE = re.compile(r"^\s*a version of this (?:article|story) appears in print\b", re.I)
# A line that is a date and perhaps a time, with at most a few words (a weekday, a month, "kl.", "Updated"):
# "19 sierpnia 2020, 5:16", "Danmark - 10. marts 2020 kl. 20:00", "Sunday, Feb 1, 2015 11:57 AM UTC".
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DATE_WORD = re.compile(r"[^\W\d_]+")
_DATE_FIRST = re.compile(r"\W*(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.I)
_HANDLE_LINE = re.compile(r"^[^\W\d_][\w'’.-]+(?:\s+[^\W\d_][\w'’.-]+){1,3}\s+@\w{2,}$")  # "Name Surname @handle"
_COMMAS = re.compile("[,\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c\u3001]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SEPARATORS = re.compile(r" (?:\||-|–|—|::|»|·) ")
_WORD = re.compile(r"\w+")
_CODE = re.compile(r"^\s*(?:\{\s*\"[^\"]*\"\s*:|\[\s*\{\s*\")")  # a JSON object left in the page's text

_SCORED = frozenset("p pre td h2 h3 h4 h5 h6 div section blockquote".split())
_TAG_BASE = {
    "div": 5,
    "article": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_CHROME_TAGS = frozenset("nav aside footer form button header dialog menu fieldset label select".split())
_NOT_CANDIDATES = frozenset("html body a".split())  # Readability never removes these as unlikely
_BOXES = frozenset("div section ul ol table dl aside".split())  # containers checked for link-heavy content


@functools.lru_cache(maxsize=8192)
def _is(pattern: re.Pattern, names: str) -> bool:
    """``pattern`` found in a class/id string (pages repeat the same few hundred class strings, so this is cached)."""
    return pattern.search(names) is not None


def _is_unlikely(names: str) -> bool:
    return _is(_UNLIKELY, names) and not _is(_MAYBE, names)


def _tag(el: _El) -> str:
    t = el.tag
    return t if isinstance(t, str) else ""  # lxml.html gives lower-case tags; comments and PIs have no str tag


def _names(el: _El) -> str:
    """The element's class and id, as one string (Readability's match string)."""
    get = el.get
    return ((get("class") or "") + " " + (get("id") or "")).strip()


def _norm(s: str) -> str:
    """Text for comparing titles: casefolded words only."""
    return " ".join(_WORD.findall(s.casefold()))


def _ws(s: str) -> str:
    return " ".join(s.split())


class _Page:
    """Per-element facts, computed once per page."""

    def __init__(self, html: HtmlText):
        self.html = html
        self.blocks = html.blocks
        self.anc: dict[_El, tuple[_El, ...]] = {}  # element -> ancestors, nearest first
        self.chars: dict[_El, int] = {}  # element -> characters of the blocks inside it
        self.links: dict[_El, int] = {}  # element -> characters inside <a> within it
        self.commas: dict[_El, int] = {}
        self.own: dict[_El, int] = {}  # block element -> characters of its own blocks
        self.own_commas: dict[_El, int] = {}
        self.by_element: dict[_El, list[MappedBlock]] = {}
        self.in_link: set[_El] = set()  # block elements inside an <a>
        self._hidden: dict[_El, bool] = {}
        self._unlikely: dict[_El, bool] = {}
        self.strip_unlikely = True
        self.order: dict[_El, int] = {}  # block element -> index of its first block
        self._index()

    def ancestors(self, el: _El) -> tuple[_El, ...]:
        a = self.anc.get(el)
        if a is None:
            a = tuple(el.iterancestors())
            self.anc[el] = a
        return a

    def _index(self) -> None:
        own, own_commas = self.own, self.own_commas
        for i, b in enumerate(self.blocks):
            el = b.element
            if el not in own:
                own[el] = 0
                own_commas[el] = 0
                self.order[el] = i
                self.by_element[el] = []
            own[el] += len(b.text)
            own_commas[el] += len(_COMMAS.findall(b.text))
            self.by_element[el].append(b)
        # link characters, charged to the nearest block element holding the link
        link_own: dict[_El, int] = {}
        root: _El = self.html.root
        in_link = self.in_link
        for a in root.iter("a"):
            inner = [d for d in a.iter() if d in own]
            if inner:  # a link around whole blocks (a teaser): those blocks are all link
                in_link.update(inner)
                continue
            n = len(_ws(a.text_content()))
            if not n:
                continue
            for up in a.iterancestors():
                if up in own:
                    link_own[up] = link_own.get(up, 0) + n
                    break
        chars, links, commas = self.chars, self.links, self.commas
        for el, n in own.items():
            anc = self.ancestors(el)
            ln = n if el in in_link else min(link_own.get(el, 0), n)
            c = own_commas[el]
            for x in (el, *anc):
                chars[x] = chars.get(x, 0) + n
                if ln:
                    links[x] = links.get(x, 0) + ln
                if c:
                    commas[x] = commas.get(x, 0) + c

    def link_density(self, el: _El) -> float:
        n = self.chars.get(el, 0)
        return self.links.get(el, 0) / n if n else 0.0

    def hidden(self, el: _El) -> bool:
        """Hidden itself or inside a hidden element."""
        return _inherit(el, self._hidden, _self_hidden, None)

    def unlikely(self, el: _El) -> bool:
        """Inside (or is) an element Readability drops as an unlikely candidate (a strongly marked article body stops
        the inheritance: its content is likely whatever its ancestors are called)."""
        return _inherit(el, self._unlikely, _self_unlikely, _strong_semantic)

    def excluded(self, el: _El) -> bool:
        return self.hidden(el) or (self.strip_unlikely and self.unlikely(el))


def _inherit(el: _El, cache: dict[_El, bool], own, stop) -> bool:
    """A property that an element has itself or gets from an ancestor (``stop``: an element that does not inherit it)."""
    v = cache.get(el)
    if v is not None:
        return v
    chain = []
    x = el
    while x is not None and x not in cache:
        chain.append(x)
        x = x.getparent()
    val = cache[x] if x is not None else False
    for y in reversed(chain):
        if own(y):
            val = True
        elif stop is not None and stop(y):
            val = False
        cache[y] = val
    return val


def _self_unlikely(el: _El) -> bool:
    if _tag(el) in _NOT_CANDIDATES:
        return False
    get = el.get
    role = (get("role") or "").strip().lower()
    if role in ("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"):
        return True
    names = _names(el)
    return bool(names) and _is_unlikely(names)


def _strong_semantic(el: _El) -> bool:
    """Marked as the article's body by itemprop/property or by a class such as article-body or entry-content."""
    get = el.get
    if "articlebody" in (get("itemprop") or "").lower() or "articlebody" in (get("property") or "").lower():
        return True
    names = _names(el)
    return bool(names) and _is(_SEMANTIC, names)


def _self_hidden(el: _El) -> bool:
    get = el.get
    if get("hidden") is not None:
        return True
    if (get("aria-hidden") or "").strip().lower() == "true" and "fallback-image" not in (get("class") or ""):
        return True
    style = get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _class_weight(el: _El) -> int:
    w = 0
    get = el.get
    for name in (get("class"), get("id")):
        if name:
            if _is(_NEGATIVE, name):
                w -= 25
            if _is(_POSITIVE, name):
                w += 25
    return w


def _semantic(el: _El) -> bool:
    return _tag(el) in ("article", "main") or _strong_semantic(el)


# ---- 1. the container ----


def _score(page: _Page) -> dict[_El, float]:
    scores: dict[_El, float] = {}

    def init(el: _El) -> None:
        if el not in scores:
            s = float(_TAG_BASE.get(_tag(el), 0) + _class_weight(el))
            if _semantic(el):
                s += 15
            scores[el] = s

    for el, n in page.own.items():
        if _tag(el) not in _SCORED or n < 25 or el in page.in_link or page.excluded(el):
            continue
        score = 1 + page.own_commas[el] + min(n // 100, 3)
        for level, up in enumerate(page.ancestors(el)[:5]):
            if _tag(up) in ("html", "") or up.getparent() is None:
                continue
            init(up)
            if level == 0:
                scores[up] += score
            elif level == 1:
                scores[up] += score / 2
            else:
                scores[up] += score / (level * 3)
    return {el: s * (1 - page.link_density(el)) for el, s in scores.items()}


def _lca(page: _Page, a: _El, b: _El) -> _El | None:
    """The lowest common ancestor of two elements (None when it is the body or the document)."""
    up_a = {id(x) for x in page.ancestors(a)}
    for x in page.ancestors(b):
        if id(x) in up_a:
            return None if _tag(x) in ("body", "html") else x
    return None


def _choose(page: _Page, scores: dict[_El, float]) -> list[_El]:
    """The container and the siblings that belong with it (Readability's choice), or [] when nothing scored."""
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    top, top_score = ranked[0]
    if top_score <= 0:
        return []
    # Readability: an ancestor holding three of the close runners-up (an article split into several blocks).
    close = [el for el, s in ranked[1:6] if s >= 0.75 * top_score]
    if len(close) >= 3:
        for up in page.ancestors(top):
            if _tag(up) in ("body", "html"):
                break
            if sum(1 for el in close if up in page.ancestors(el)) >= 3:
                top = up
                break
    # A story split into separate sections: a strong candidate outside the top one, under a common ancestor.
    for el, s in ranked[1:10]:
        if s < 0.4 * top_score:
            break
        anc_top = page.ancestors(top)
        if el in anc_top or top in page.ancestors(el):
            continue
        up = _lca(page, top, el)
        if up is not None and page.link_density(up) < 0.3:
            top = up
    # The page's own marking of its article body (itemprop=articleBody, entry-content ...) beats a better-scored block
    # elsewhere (a carousel, a list of obituaries), and takes in the parts of a story split inside it.
    marked = [(el, s) for el, s in ranked[:50] if _strong_semantic(el) and s >= 0.25 * top_score and not page.excluded(el)]
    if marked:
        sem = max(marked, key=lambda kv: kv[1])[0]
        anc_top = page.ancestors(top)
        if sem is not top and sem not in anc_top and top not in page.ancestors(sem):
            top = sem  # elsewhere on the page
        elif sem in anc_top and page.link_density(sem) < 0.3:
            top = sem  # around the top block
    if top not in scores:
        scores[top] = 0.0
    # Walk up while the parent scores higher (not into a link-heavy page region).
    last = scores[top]
    threshold = last / 3
    max_ld = max(0.3, page.link_density(top) + 0.15)
    for up in page.ancestors(top):
        if _tag(up) in ("body", "html") or page.link_density(up) > max_ld:
            break
        if up not in scores:
            continue
        s = scores[up]
        if s < threshold:
            break
        if s > last:
            top = up
            break
        last = s
    # An only child: its parent is the same content.
    while True:
        parent = top.getparent()
        if parent is None or _tag(parent) in ("body", "html"):
            break
        if sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        top = parent
    top_score = scores.get(top, 0.0)
    parent = top.getparent()
    if parent is None or _tag(parent) == "html":
        return [top]
    chosen = []
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class") or ""
    for sib in parent:
        if not isinstance(sib.tag, str):
            continue
        if sib is top:
            chosen.append(sib)
            continue
        if page.excluded(sib):
            continue
        bonus = top_score * 0.2 if top_class and (sib.get("class") or "") == top_class else 0.0
        if sib in scores and scores[sib] + bonus >= threshold:
            chosen.append(sib)
            continue
        if _tag(sib) == "p":
            n = page.chars.get(sib, 0)
            ld = page.link_density(sib)
            sentence = 0 < n <= 80 and ld == 0 and re.search(r"\.( |$)", " ".join(b.text for b in page.by_element.get(sib, ())))
            if (n > 80 and ld < 0.25) or sentence:
                chosen.append(sib)
    return chosen


# ---- 2. the body blocks ----


class _Filter:
    """Decides, per element inside the container, whether it is chrome."""

    def __init__(self, page: _Page, container_chars: int):
        self.page = page
        self.total = max(container_chars, 1)
        self.memo: dict[_El, bool] = {}

    def chrome(self, el: _El) -> bool:
        c = self.memo.get(el)
        if c is None:
            c = self._chrome(el)
            self.memo[el] = c
        return c

    def _chrome(self, el: _El) -> bool:
        page = self.page
        if _self_hidden(el):
            return True
        if _strong_semantic(el):
            return False
        names = _names(el)
        if names and page.strip_unlikely and _is_unlikely(names):
            return True  # Readability drops these whatever they hold (and tries again without when too little is left)
        n = page.chars.get(el, 0)
        if n > 0.5 * self.total:  # a chrome-looking wrapper of most of the text is no chrome
            return False
        tag = _tag(el)
        if tag in _CHROME_TAGS:
            return True
        role = (el.get("role") or "").lower()
        if role in ("navigation", "menu", "menubar", "complementary", "dialog", "alert", "banner", "contentinfo", "search"):
            return True
        if names and (_is(_CHROME, names) or (n < 200 and _is(_DATE_NAMES, names))):
            return True
        if tag in _BOXES and n:
            # Readability's conditional cleaning: link-heavy boxes with few commas.
            ld = page.link_density(el)
            commas = page.commas.get(el, 0)
            if commas < 10 and (ld > 0.5 or (ld > 0.2 and _class_weight(el) < 25)):
                return True
        return False


def _date_only(text: str) -> bool:
    """A short line that is a date (a year and another number), with at most a few short words around it."""
    if len(text) > 80 or not _YEAR.search(text) or len(re.findall(r"\d+", text)) < 2:
        return False
    words = _DATE_WORD.findall(text)
    if len(words) > 6 or any(len(w) > 12 for w in words):
        return False
    return not re.search(r"[^\W\d_]{2,}[.!?]\s*$", text)  # not a sentence ("... in 2019.")


def _furniture_text(text: str) -> bool:
    """A block whose text alone says it is page furniture: no letters at all ("___", "1 / 5"), an interface line
    ("Advertisement", "Continue reading the main story"), a photo credit or caption line, the print edition's line."""
    if not any(c.isalpha() for c in text):
        return True
    return len(text) < 300 and bool(_UI_LINE.match(text) or _CREDIT_LINE.match(text) or _PRINT_LINE.match(text))


def _media_label(b: MappedBlock, chain: list[_El]) -> bool:
    """A line of up to three words in a figure or a media box, no sentence: a label ("EXCLUSIVE", "Photo"), a credit,
    a counter (a caption, even a short one, stays)."""
    if len(b.text) >= 50 or len(b.text.split()) > 3 or _SENTENCE_END.search(b.text):
        return False
    return any(_tag(x) in _MEDIA_TAGS or _is(_MEDIA_BOX, _names(x)) for x in chain if _names(x) or _tag(x) in _MEDIA_TAGS)


def _inline_chrome(page: _Page, b: MappedBlock) -> bool:
    """Whether the block's text all comes from inline elements that are chrome: a visually hidden skip link, a
    share button, a byline's author links repeated at the story's foot ("Alexandre Hervaud , Jérémy Piette")."""
    el: _El = b.element
    if len(b.text) > 300:
        return False
    rest = _ws(b.text)
    found = False
    stack = [x for x in el if _tag(x) and _tag(x) not in _BLOCK_LIKE]  # the inline elements of the block, not nested blocks
    seen = 0
    while stack and seen < 200:
        seen += 1
        x = stack.pop()
        names = _names(x)
        get = x.get
        marked = _self_hidden(x) or (names and (_is(_CHROME, names) or _is(_BYLINE_CLASS, names))) or \
            "author" in (get("rel") or "").lower().split() or "author" in (get("itemprop") or "").lower()
        if not marked:
            stack.extend(y for y in x if _tag(y) and _tag(y) not in _BLOCK_LIKE)
            continue
        t = _ws(x.text_content())
        if t and t in rest:
            rest = rest.replace(t, " ", 1)
            found = True
    return found and not any(c.isalnum() for c in rest)


_BLOCK_LIKE = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)


def _kind(tag: str) -> str:
    if tag == "li":
        return "list"
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "heading"
    return "paragraph"


# ---- 3. title and headline ----


def _declared_titles(root: _El) -> list[tuple[str, str]]:
    """(source, text) of the titles the page declares, in order of trust."""
    out: list[tuple[str, str]] = []
    for s in root.iter("script"):
        if (s.get("type") or "").strip().lower() != "application/ld+json" or not s.text:
            continue
        for h in _jsonld_headlines(s.text):
            out.append(("json-ld", h))
            break
    metas: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or "").strip().lower()
        if key in ("og:title", "twitter:title") and key not in metas:
            v = _ws(m.get("content") or "")
            if "&" in v:  # double-escaped in the attribute ("&amp;#039;")
                v = _ws(html_unescape(v))
            if v:
                metas[key] = v
    for key in ("og:title", "twitter:title"):
        if key in metas:
            out.append((key, metas[key]))
    for t in root.iter("title"):
        if any(_tag(x) in ("svg", "math") for x in t.iterancestors()):
            continue
        v = _ws(t.text_content())
        if v:
            out.append(("title", v))
        break
    return out


_ARTICLE_TYPES = re.compile(r"article|posting|report|news", re.I)


def _jsonld_headlines(text: str) -> list[str]:
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[", "", text)
    text = re.sub(r"(?://\s*)?\]\]>\s*$", "", text).strip()
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # broken, or nested too deeply to read
        return []
    found: list[tuple[int, str]] = []
    stack = [data]
    seen = 0
    while stack and seen < 10000:
        seen += 1
        d = stack.pop()
        if isinstance(d, list):
            stack.extend(reversed(d))
        elif isinstance(d, dict):
            h = d.get("headline")
            if isinstance(h, str) and h.strip():
                t = d.get("@type")
                types = " ".join(map(str, t)) if isinstance(t, list) else str(t or "")
                found.append((0 if _ARTICLE_TYPES.search(types) else 1, _ws(html_unescape(h) if "&" in h else h)))
            stack.extend(v for v in reversed(list(d.values())) if isinstance(v, (dict, list)))
    found.sort(key=lambda x: x[0])
    return [h for _, h in found]


def _strip_site(title: str, h1s: set[str], longer: bool) -> str:
    """``title`` without a site name before or after a separator: when the rest matches a visible h1 or (``longer``) is the
    longer part."""
    if _norm(title) in h1s:
        return title
    seps = list(_SEPARATORS.finditer(title))
    if not seps:
        return title
    for m in seps:  # a prefix that is a visible h1
        head = title[: m.start()]
        if _norm(head) in h1s:
            return head.strip()
    for m in reversed(seps):  # a suffix that is a visible h1 ("Site | Headline")
        tail = title[m.end() :]
        if _norm(tail) in h1s:
            return tail.strip()
    if longer:
        first = title[: seps[0].start()].strip()
        rest = title[seps[0].end() :]
        if len(first) > len(rest) and len(_WORD.findall(first)) >= 3:
            return first
    return title


def _similar(a: str, b: str) -> bool:
    """Normalised titles that are equal, or one holds the other and they share most words."""
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return False
    common = len(wa & wb)
    return common / max(len(wa), len(wb)) >= 0.6


def _title(declared: list[tuple[str, str]], h1_texts: list[str], hint: str | None) -> tuple[str | None, str | None]:
    h1s = {_norm(t) for t in h1_texts}
    h1s.discard("")
    if hint and _ws(hint):
        return _strip_site(_ws(hint), h1s, False), "hint"
    declared = [(src, _strip_site(t, h1s, src == "title")) for src, t in declared]
    if h1s and declared and not any(_similar(_norm(declared[0][1]), h) for h in h1s):
        # The document's <title> and the visible h1 agree, and the first declared title is neither: a stale or generic
        # og:title (a portal's own name) loses to them.
        doc = next((t for src, t in declared if src == "title"), None)
        if doc is not None and _norm(doc) in h1s:
            return doc, "title"
    if declared:
        return declared[0][1], declared[0][0]
    if h1_texts:
        return h1_texts[0], "h1"
    return None, None


# ---- the whole ----


def select_body(html: HtmlText, title_hint: str | None = None) -> Body:
    """The article's headline, standfirst, byline and body blocks among ``html.blocks`` (see the module docstring)."""
    body = Body()
    if html.root is None or not html.blocks:
        if title_hint and _ws(title_hint):
            body.title, body.title_source = _ws(title_hint), "hint"
        return body
    page = _Page(html)
    # Readability's retry: when the body comes out short, try again without dropping unlikely candidates.
    chosen, kept = _body_blocks(page)
    if sum(len(b.text) for b in kept) < _SHORT:
        page.strip_unlikely = False
        chosen2, kept2 = _body_blocks(page)
        if sum(len(b.text) for b in kept2) > sum(len(b.text) for b in kept):
            chosen, kept = chosen2, kept2
        else:
            page.strip_unlikely = True
    chosen_set = set(chosen)
    body.container = chosen[0] if len(chosen) == 1 else (chosen[0].getparent() if chosen else None)

    h1_blocks = [b for b in html.blocks if b.tag == "h1" and not page.hidden(b.element)]
    declared = _declared_titles(html.root)
    keys = _title_keys(declared + ([("hint", _ws(title_hint))] if title_hint else []))
    body.headline = _headline(page, h1_blocks, keys, kept, chosen_set)
    h1_texts = ([body.headline.text] if body.headline is not None else []) + [b.text for b in h1_blocks if b is not body.headline]
    body.title, body.title_source = _title(declared, h1_texts, title_hint)
    first_body = kept[0] if kept else None
    body.byline = _byline(page, body.headline, first_body, kept)
    body.standfirst = _standfirst(page, body.headline, body.byline, kept)
    drop = {id(x) for x in (body.headline, body.byline, body.standfirst) if x is not None}
    dup = _norm(body.headline.text) if body.headline is not None else _norm(body.title or "")
    blocks = [
        b for b in kept
        if id(b) not in drop and not (dup and len(b.text) < 400 and _norm(b.text) == dup) and not _CODE.match(b.text)
    ]
    body.blocks = [(_kind(b.tag), b) for b in _tidy(page, blocks, body.byline)]
    return body


def _tidy(page: _Page, blocks: list[MappedBlock], byline: MappedBlock | None) -> list[MappedBlock]:
    """The body blocks without what the page's layout put around the story's paragraphs:

    - the short labels above the first paragraph (a section kicker, "EXCLUSIVE", a show's name, a place on a line
      of its own): up to four words, no sentence;
    - a short line of four words or more that is all link and no sentence (another story's headline);
    - the byline again (the author's name, perhaps with a handle or a date) in a short line;
    - a second copy of the story: when two or more paragraphs come again one after another, in another element,
      further down (a preview and the full text, a print version), the later copies go. A single repeated paragraph stays (it may be an
      editing slip that the checks should see)."""
    out: list[MappedBlock] = []
    started = False
    by = _norm(_BY_TEXT.sub("", byline.text, count=1)) if byline is not None else ""
    by = by[: len(by.split(" ")[0]) + 1 + len((by.split(" ") + [""])[1])] if by else ""  # the first two words of the name
    for b in blocks:
        text = b.text.strip()
        sentence = bool(_SENTENCE_END.search(text))
        if not started and b.tag != "li" and len(text) <= 40 and not sentence and len(text.split()) <= 4:
            continue
        if (b.tag != "li" and len(text) < 120 and not sentence and len(text.split()) >= 4 and page.link_density(b.element) >= 0.99
                and len(page.by_element.get(b.element, ())) == 1):
            continue
        if by and len(text) < 100 and _norm(text).startswith(by) and (_HANDLE_LINE.match(text) or not sentence):
            continue
        if len(text) >= 80 or sentence:
            started = True
        out.append(b)
    return _drop_copies(out)


def _drop_copies(blocks: list[MappedBlock]) -> list[MappedBlock]:
    first: dict[str, int] = {}
    copies: list[int] = []
    for i, b in enumerate(blocks):
        k = _norm(b.text)
        if len(k) < 40:
            continue
        if k in first:
            original: _El = blocks[first[k]].element
            here: _El = b.element
            if original.getparent() is not here.getparent():  # a copy elsewhere on the page
                copies.append(i)
        else:
            first[k] = i
    if len(copies) < 2:
        return blocks
    # runs of copies that follow one another and repeat earlier paragraphs in the same order
    gone: set[int] = set()
    run: list[int] = []
    for i in copies + [-1]:
        if run and (i < 0 or (i != run[-1] + 1 and not _only_short_between(blocks, run[-1], i))):
            if len(run) >= 2:
                gone.update(run)
            run = []
        if i >= 0:
            run.append(i)
    return [b for i, b in enumerate(blocks) if i not in gone]


def _only_short_between(blocks: list[MappedBlock], a: int, b: int) -> bool:
    """Whether only short blocks (a copy's own headings, a date line) lie between blocks ``a`` and ``b``."""
    return b > a and all(len(_norm(x.text)) < 40 for x in blocks[a + 1 : b])


_SHORT = 500  # characters: a body shorter than this makes Readability try again with fewer removals


def _body_blocks(page: _Page) -> tuple[list[_El], list[MappedBlock]]:
    """The chosen elements and the blocks inside them that are not chrome."""
    chosen = _choose(page, _score(page))
    if not chosen:
        return [], []
    chosen_set = set(chosen)
    top = chosen[0] if len(chosen) == 1 else max(chosen, key=lambda el: page.chars.get(el, 0))
    total = sum(page.chars.get(el, 0) for el in chosen)
    filt = _Filter(page, total)
    kept: list[MappedBlock] = []
    links_follow = False  # after a "Read also:" label: the links listed under it
    for b in page.blocks:
        el = b.element
        chain = [el]
        if el not in chosen_set:
            for x in page.ancestors(el):
                chain.append(x)
                if x in chosen_set:
                    break
            else:
                continue  # not inside the chosen elements
        if chain[-1] is top:  # the container itself is no chrome; the siblings taken in with it may be
            chain.pop()
        if page.hidden(el) or not b.text.strip() or (len(b.text) < 120 and _DATE_LINE.match(b.text)) or any(filt.chrome(x) for x in chain):
            continue
        if _furniture_text(b.text) or _date_only(b.text) or _inline_chrome(page, b) or _media_label(b, chain):
            continue
        ld = page.link_density(el)
        if links_follow and ld >= 0.9 and len(b.text) < 200:
            continue
        links_follow = False
        if len(b.text) < 300 and _READ_ALSO.match(b.text):
            label_only = len(_READ_ALSO.sub("", b.text).strip()) < 3
            if label_only or ld >= 0.5:
                links_follow = label_only
                continue
        kept.append(b)
    return chosen, kept


def _title_keys(declared: list[tuple[str, str]]) -> set[str]:
    """The declared titles and their parts between separators, normalised (to recognise the headline block)."""
    keys: set[str] = set()
    for _, t in declared:
        keys.add(_norm(t))
        for part in _SEPARATORS.split(t):
            n = _norm(part)
            if len(n) >= 6 and (" " in n or len(n) >= 10):
                keys.add(n)
    keys.discard("")
    return keys


def _headline(page: _Page, h1_blocks: list[MappedBlock], keys: set[str], kept: list[MappedBlock], chosen: set[_El]) -> MappedBlock | None:
    index = {id(b): i for i, b in enumerate(page.blocks)}
    first = index[id(kept[0])] if kept else len(page.blocks)
    best: tuple[float, int, MappedBlock] | None = None
    for b in h1_blocks:
        i = index[id(b)]
        score = 0.0
        nb = _norm(b.text)
        if not nb:
            continue
        if nb in keys:
            score += 10
        elif any(_similar(nb, k) for k in keys):
            score += 6
        if b.element in chosen or any(x in chosen for x in page.ancestors(b.element)):
            score += 3
        if page.unlikely(b.element):
            score -= 4
        if b.element in page.in_link:  # a teaser's headline links to its story
            score -= 3
        if i <= first:
            score += 1
        if len(b.text) < 8:
            score -= 2
        cand = (score, -abs(i - first), b)
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is not None and best[0] >= 2:
        return best[2]
    # No convincing h1: an element marked as the headline, or a heading that matches a declared title, near the body's start.
    for b in page.blocks[max(0, first - 40) : first + 3]:
        el = b.element
        if page.hidden(el) or el in page.in_link or len(b.text) > 300:
            continue
        marked = any("headline" in (x.get("itemprop") or "").lower() for x in (el, *page.ancestors(el)[:2]))
        nb = _norm(b.text)
        if nb and (marked or (nb in keys and b.tag in ("h1", "h2", "h3", "h4", "div", "p"))):
            return b
    if best is not None and best[0] >= 0:
        return best[2]
    return None


def _byline(page: _Page, headline: MappedBlock | None, first_body: MappedBlock | None, kept: list[MappedBlock]) -> MappedBlock | None:
    """The best byline candidate from a few blocks before the headline to a few paragraphs into the body."""
    blocks = page.blocks
    index = {id(b): i for i, b in enumerate(blocks)}
    anchor = index[id(headline)] if headline is not None else (index[id(first_body)] if first_body is not None else 0)
    kept_ids = {id(b) for b in kept}
    end = anchor + 1
    body_seen = 0
    while end < len(blocks) and body_seen < 3 and end - anchor < 40:
        if id(blocks[end]) in kept_ids and len(blocks[end].text) > 80:
            body_seen += 1
        end += 1
    best: tuple[float, MappedBlock] | None = None
    for i in range(max(0, anchor - 8), end):
        b = blocks[i]
        if b is headline or len(b.text) > 200 or page.hidden(b.element) or (b.element in page.in_link and not _has_marked_child(b.element)):
            continue
        rest = _BY_TEXT.sub("", b.text, count=1)
        if not any(c.isalpha() for c in rest) or _BY_LABEL.match(b.text) or _NOT_BYLINE.search(b.text):
            continue  # a label alone ("By", "Autor:"), a count, a reading time, a photo credit
        if _DATE_LINE.match(b.text) or (_date_only(b.text) and _DATE_FIRST.match(b.text)) or _UI_LINE.match(b.text):
            continue  # a date line ("Last updated: ..."), a button in the author box
        el = b.element
        chain = (el, *page.ancestors(el)[:3])
        if any(_is(_SHARE, _names(x)) and not _byline_class(x) for x in chain[:2] if _names(x)):
            continue  # a share bar or a menu inside the byline box
        score = 0.0
        if _has_marked_child(el) or any(_byline_rel(x) for x in chain):
            score += 3
        if _BY_TEXT.match(b.text):
            score += 3
        elif _HANDLE_LINE.match(b.text.strip()):
            score += 2  # "Name Surname @handle"
        elif len(b.text) > 150:
            continue
        if any(_byline_class(x) for x in chain):
            score += 2
        if score == 0:
            continue
        score -= abs(i - anchor) / 50  # nearer the headline first
        if best is None or score > best[0]:
            best = (score, b)
    return best[1] if best is not None else None


def _byline_rel(el: _El) -> bool:
    get = el.get
    return "author" in (get("rel") or "").lower().split() or "author" in (get("itemprop") or "").lower()


def _byline_class(el: _El) -> bool:
    names = _names(el)
    return bool(names) and _is(_BYLINE_CLASS, names)


def _has_marked_child(el: _El) -> bool:
    for x in el.iter("a", "span"):
        get = x.get
        if "author" in (get("rel") or "").lower().split() or "author" in (get("itemprop") or "").lower():
            return True
    return False


def _standfirst(page: _Page, headline: MappedBlock | None, byline: MappedBlock | None, kept: list[MappedBlock]) -> MappedBlock | None:
    """A block marked as a dek between the headline and the body's first block (or that first block, marked strongly)."""
    if headline is None:
        return None
    blocks = page.blocks
    index = {id(b): i for i, b in enumerate(blocks)}
    start = index[id(headline)] + 1
    first_kept = next((index[id(b)] for b in kept if index[id(b)] >= start and b is not byline), len(blocks))
    stop = min(first_kept + 1, start + 15, len(blocks))
    for i in range(start, stop):
        b = blocks[i]
        if b is byline or len(b.text) < 20 or len(b.text) > 600 or page.hidden(b.element) or b.element in page.in_link:
            continue
        if b.tag not in ("p", "h2", "h3", "div", "span", "section", "header"):
            continue
        el: _El = b.element
        chain = (el, *page.ancestors(el)[:2])
        if any(_DATE_CLASS.search(_names(x)) for x in chain) or next(el.iter("time"), None) is not None:
            continue  # a date line
        if any(_tag(x) in ("figure", "figcaption") or _MEDIA_CLASS.search(_names(x)) for x in chain):
            continue  # a caption or credit
        for x in chain:
            get = x.get
            names = _names(x) + " " + (get("itemprop") or "") + " " + (get("data-component") or "")
            if _BYLINE_CLASS.search(_names(x)):
                continue
            if _STANDFIRST.search(names) or (i < first_kept and _STANDFIRST_WEAK.search(names)):
                return b
        # unmarked: a sentence of its own in the article's <header>, under the headline
        if i < first_kept and len(b.text) >= 60 and any(_tag(x) == "header" for x in chain) and _SENTENCE_END.search(b.text):
            return b
    return None
