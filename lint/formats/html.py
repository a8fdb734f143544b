"""``--format html``: one self-contained page to read the findings in place.

No external script, font, style or image: the CSS and the little script
are inline, so the page opens from disk and from a CI artifact. For each
file, in the order the files were linted:

- the article's text as read (``white-space: pre-wrap``), every finding's
  span highlighted in place. Spans that nest or overlap are cut into
  segments at every start and end: a segment is one ``<mark class="f">``
  whose ``data-f`` lists the findings (their numbers in the article) that
  cover it, coloured by the highest severity among them and drawn darker
  where findings overlap. The concatenated text of the marks of finding
  ``n`` is its span's text. An empty span is an empty ``<mark
  class="f pt">`` (drawn as a caret). The rule id, message and fix of the
  covering findings are the mark's ``title`` (shown on hover by the
  browser and at once by a CSS tooltip, on hover and on keyboard focus);
- a side list of the findings (numbered, with line:column, severity, rule
  id, message, the fix as a suggested edit ``old -> new``, related places
  and the rule's link when it is an http(s) URL);
- the sourcing summary of ``lint.sourcing.summarize`` at the top, when that
  module is there (named sources with their roles, outlets, counts).

With several files, under the index: the run's sourcing (``lint.sourcing.summarize_run``): the
articles with no named source, and the sources and outlets across articles (the most cited
first, ``RUN_SHOWN`` of each at most), each linked to the articles that cite it.

Before the articles: the totals, the charts (below), an index of files with their counts per
severity when there are several (and of named sources, with
``lint.sourcing``). The charts: inline SVG bars of findings per rule (and
per file, with several files; the 30 largest bars of each), stacked by
severity.

Keys: ``j``/``n`` next finding, ``k``/``p`` previous (across files), Enter
on a highlight goes to its entry in the side list, Enter on an entry (a
link) back to the highlight. Printed, the side list follows the text and
each highlight ends with its finding's number (``[3]``) as a footnote mark.

Escaping: the text, paths, rule ids, messages and fixes are HTML-escaped;
control characters, bidirectional controls, U+2028/U+2029 and the
undecodable bytes of a file name never reach the page raw: in the article
they are an empty ``<span class="cc" data-c="U+202E">`` that shows its
code (so the mark's text is the span's text without them), elsewhere they
are written as escapes (``\\u202e``, ``lint.formats._shared.terminal_safe``).
"""

from __future__ import annotations

import html
from collections import Counter

from lint import regexes
from lint.formats._shared import terminal_safe
from lint.model import Severity
from lint.positions import index_of

CHART_BARS = 30  # bars per chart at most (the largest)
EDIT_SHOWN = 160  # characters of an edit's old text shown in the side list

# in the article text: what a browser would act on or not show (NUL, other C0 controls but tab and
# line breaks, DEL, C1, bidirectional controls, U+2028/U+2029, lone surrogates)
_CONTROL = regexes.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                           r"\u2066-\u2069\ud800-\udfff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_TEXT_SPECIAL = regexes.compile(r"[&<>\r]")

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)
_SEV_CLASS = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.SUGGESTION: "s"}
_SEV_FILL = {Severity.ERROR: "#c62828", Severity.WARNING: "#b26a00", Severity.SUGGESTION: "#1565c0"}


def _attr(s: str) -> str:
    """Plain text for an attribute or an element: escapes for controls, then HTML's."""
    return html.escape(terminal_safe(s, tab=True), quote=True)


def _text(s: str) -> str:
    """Article text for inside the ``pre-wrap`` block."""
    out = []
    last = 0
    for m in _CONTROL.finditer(s):
        out.append(_TEXT_SPECIAL.sub(lambda c: _TEXT_ESCAPES[c.group()], s[last:m.start()]))
        out.append(f'<span class="cc" data-c="U+{ord(m.group()):04X}"></span>')
        last = m.end()
    out.append(_TEXT_SPECIAL.sub(lambda c: _TEXT_ESCAPES[c.group()], s[last:]))
    return "".join(out)


def _short(s: str, n: int = EDIT_SHOWN) -> str:
    """``s`` cut in the middle past ``n`` characters, its line breaks as ``⏎``."""
    s = s.replace("\r\n", "\u23ce").replace("\n", "\u23ce").replace("\r", "\u23ce")
    return s if len(s) <= n else s[: n // 2] + " … " + s[-n // 2:]


def _edits(d, text: str) -> list[tuple[str, str]]:
    return [(text[e.span.start:e.span.end], e.replacement) for e in d.fix.edits] if d.fix is not None else []


def _tip(d, text: str) -> str:
    """One finding's lines in a mark's title."""
    tip = f"{d.severity} {d.rule}: {d.message}"
    for old, new in _edits(d, text):
        tip += f"\nfix: '{_short(old, 60)}' -> '{_short(new, 60)}'"
    return tip


def _segments(a: int, text: str, diags) -> str:
    """The article's text with a ``<mark>`` per covered segment (see the module's note)."""
    n = len(text)
    spans = [(min(max(d.start, 0), n), min(max(d.end, d.start, 0), n)) for d in diags]
    cuts = sorted({0, n, *(a for a, _ in spans), *(b for _, b in spans)})
    points: dict[int, list[int]] = {}
    starts: dict[int, list[int]] = {}
    for i, (start, end) in enumerate(spans):
        (points if start == end else starts).setdefault(start, []).append(i)
    firsts: set[int] = set()
    active: set[int] = set()
    ends = {i: b for i, (_, b) in enumerate(spans)}
    tips = [_tip(d, text) for d in diags]
    out: list[str] = []

    def mark(ids: list[int], body: str, lasts: list[int]) -> str:
        ids = sorted(ids)
        sev = max(diags[i].severity for i in ids)
        cls = ["f", _SEV_CLASS[sev]]
        extra = ""
        new = [i for i in ids if i not in firsts]
        if new:  # the first segment of these findings: their anchor and tab stop
            firsts.update(new)
            extra += f' id="f{a}-{new[0] + 1}" tabindex="0"'
            cls.append("first")
        if len(ids) > 1:
            cls.append("o")
        if not body:
            cls.append("pt")
        if lasts:
            cls.append("fe")
            extra += f' data-n="{",".join(str(i + 1) for i in sorted(lasts))}"'
        title = _attr("\n".join(tips[i] for i in ids)).replace("\n", "&#10;")
        return (f'<mark class="{" ".join(cls)}" data-f="{" ".join(str(i + 1) for i in ids)}"{extra}'
                f' title="{title}">{body}</mark>')

    for k, at in enumerate(cuts):
        for i in points.get(at, ()):
            out.append(mark([i], "", [i]))
        active.update(starts.get(at, ()))
        if k + 1 == len(cuts):
            break
        nxt = cuts[k + 1]
        body = _text(text[at:nxt])
        if active:
            lasts = [i for i in active if ends[i] == nxt]
            out.append(mark(list(active), body, lasts))
            active.difference_update(lasts)
        else:
            out.append(body)
    return "".join(out)


def _counts(diags) -> Counter:
    return Counter(d.severity for d in diags)


def _badges(counts: Counter) -> str:
    parts = [f'<span class="b {_SEV_CLASS[s]}">{counts[s]} {s}{"s" if counts[s] != 1 else ""}</span>'
             for s in _SEVERITIES if counts[s]]
    return " ".join(parts) or '<span class="b ok">no findings</span>'


def _sourcing():
    """The ``lint.sourcing`` module, or None when it is not there."""
    import importlib

    try:  # lint.sourcing (issue 16, item 1) may not be there yet
        return importlib.import_module("lint.sourcing")
    except ImportError:
        return None


RUN_SHOWN = 40  # sources and outlets listed in the run's summary at most (the most cited)


def _run_block(run: dict, anchors: dict[str, int]) -> str:
    """The run's sourcing (``lint.sourcing.summarize_run``): who is cited across the articles,
    the outlets, and the articles that credit no one by name (linked to each article)."""

    def links(paths: list[str]) -> str:
        return ", ".join(f'<a href="#a{anchors[p]}">{_attr(p)}</a>' if p in anchors else _attr(p) for p in paths)

    def listing(items: list[dict], what: str) -> str:
        rows = []
        for x in items[:RUN_SHOWN]:
            role = f", {_attr(x['role'])}" if x.get("role") else ""
            n = len(x.get("articles", ()))
            rows.append(f"<li><b>{_attr(x['name'])}</b>{role} <small>({_attr(x.get('kind', ''))}; "
                        f"{n} article{'s' if n != 1 else ''})</small>: {links(x.get('articles', []))}</li>")
        more = len(items) - RUN_SHOWN
        tail = f'<p class="none">and {more} more {what}</p>' if more > 0 else ""
        return f"<ul>{''.join(rows)}</ul>{tail}" if rows else '<p class="none">none</p>'

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    none = run.get("without_named_source", [])
    c = run.get("counts", {})
    totals = ", ".join(count(c.get(k, 0), one, many) for k, one, many in (
        ("named_sources", "named source", "named sources"), ("outlets", "outlet or document", "outlets and documents"),
        ("vague_attributions", "vague attribution", "vague attributions"),
        ("unattributed_figures", "unattributed figure", "unattributed figures")))
    return (f'<section class="src run"><h2>Sourcing of the run</h2><p class="cnt">'
            f'{count(run.get("articles", 0), "article", "articles")}: {totals}</p>'
            f"<h3>Articles with no named source ({len(none)})</h3>"
            + (f"<p>{links(none)}</p>" if none else '<p class="none">none</p>')
            + f"<h3>Sources across articles ({len(run.get('sources', []))})</h3>{listing(run.get('sources', []), 'sources')}"
            + f"<h3>Outlets across articles ({len(run.get('outlets', []))})</h3>{listing(run.get('outlets', []), 'outlets')}"
            + "</section>\n")


def _summary_block(s: dict | None, text: str) -> str:
    """An article's sourcing summary (``lint.sourcing.summarize``'s dict), or nothing without one."""
    if s is None:
        return ""
    index = index_of(text)

    def where(span) -> str:
        line, col = index.line_col(span["start"])
        return f"{line}:{col}"

    rows = []
    for src in s.get("named_sources", ()):
        role = f", {_attr(src['role'])}" if src.get("role") else ""
        rows.append(f"<li><b>{_attr(src['name'])}</b>{role} <small>({_attr(src.get('kind', ''))}, "
                    f"{src.get('mentions', 0)}&times;)</small></li>")
    named = f"<ul>{''.join(rows)}</ul>" if rows else '<p class="none">No named source.</p>'
    outlets = ", ".join(f"{_attr(o['name'])} <small>({_attr(o.get('kind', ''))})</small>"
                        for o in s.get("outlets", ())) or "none"
    vague = "; ".join(f"&ldquo;{_attr(v['text'])}&rdquo; <small>{where(v)}</small>"
                      for v in s.get("vague_attributions", ()))
    figures = "; ".join(f"{_attr(v['text'])} <small>{where(v)}</small>" for v in s.get("unattributed_figures", ()))
    c = s.get("counts", {})
    count_line = ", ".join(f"{c.get(k, 0)} {one if c.get(k, 0) == 1 else many}" for k, one, many in (
        ("named_sources", "named source", "named sources"), ("outlets", "outlet", "outlets"),
        ("quotations", "quotation", "quotations"), ("quotations_without_speaker", "without a speaker", "without a speaker"),
        ("vague_attributions", "vague attribution", "vague attributions"),
        ("unattributed_figures", "unattributed figure", "unattributed figures")))
    return (f'<div class="src"><h3>Sourcing</h3><p class="cnt">{count_line}</p>'
            f"<div><h4>Named sources</h4>{named}</div><p><b>Outlets and documents:</b> {outlets}</p>"
            + (f"<p><b>Vague attributions:</b> {vague}</p>" if vague else "")
            + (f"<p><b>Unattributed figures:</b> {figures}</p>" if figures else "")
            + "</div>")


def _named_cell(s: dict | None) -> str:
    """The index's count of named sources (an article with none stands out)."""
    if s is None:
        return ""
    named = s.get("counts", {}).get("named_sources", 0)
    return f'<td class="none">{named}</td>' if not named else f"<td>{named}</td>"


def _side(a: int, text: str, diags, index) -> str:
    items = []
    for i, d in enumerate(diags, 1):
        line, col = index.line_col(min(max(d.start, 0), len(text)))
        fix = ""
        if d.fix is not None:
            how = "safe" if d.fix.applicability == "safe" else "unsafe"
            edits = "".join(
                f'<li><del>{_attr(_short(old)) or "&#8203;"}</del> &rarr; '
                + (f"<ins>{_attr(_short(new))}</ins>" if new else "<i>(delete)</i>") + "</li>"
                for old, new in _edits(d, text))
            title = f"{_attr(d.fix.title)} " if d.fix.title else ""
            fix = f'<div class="fix">Suggested edit: {title}<small>({how} fix)</small><ul>{edits}</ul></div>'
        related = "".join(f"<li>{':'.join(map(str, index.line_col(min(r.span.start, len(text)))))} "
                          f"{_attr(r.message)}</li>" for r in d.related)
        link = ""
        if d.link.startswith(("https://", "http://")):
            link = f' <a class="rl" href="{_attr(d.link)}" rel="noreferrer">rule</a>'
        items.append(
            f'<li id="l{a}-{i}" class="{_SEV_CLASS[d.severity]}"><a href="#f{a}-{i}" data-t="{a}-{i}">'
            f'<span class="n">{i}</span> {line}:{col} <span class="b {_SEV_CLASS[d.severity]}">{d.severity}</span> '
            f'<code>{_attr(d.rule)}</code></a>{link}<div class="msg">{_attr(d.message)}</div>{fix}'
            + (f'<ul class="rel">{related}</ul>' if related else "") + "</li>")
    return f'<ol class="side">{"".join(items)}</ol>' if items else '<p class="none">No findings.</p>'


def _bars(title: str, rows: list[tuple[str, str | None, Counter]]) -> str:
    """A horizontal bar chart: ``(label, href, counts per severity)`` per bar, stacked by severity."""
    shown = sorted(rows, key=lambda r: -sum(r[2].values()))[:CHART_BARS]
    if not shown:
        return ""
    top = max(sum(c.values()) for _, _, c in shown)
    label_w, bar_w, h = 300, 360, 18
    out = [f'<figure><figcaption>{_attr(title)}'
           + (f" <small>({len(shown)} largest of {len(rows)})</small>" if len(rows) > len(shown) else "")
           + f'</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 50}" '
           f'height="{h * len(shown) + 4}" aria-label="{_attr(title)}">']
    for k, (label, href, counts) in enumerate(shown):
        y = k * h + 2
        total = sum(counts.values())
        shown_label = _attr(label if len(label) <= 44 else "…" + label[-43:])
        tip = _attr(f"{label}: " + ", ".join(f"{counts[s]} {s}" for s in _SEVERITIES if counts[s]))
        row = [f"<g><title>{tip}</title>",
               f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{shown_label}</text>']
        x = float(label_w)
        for s in _SEVERITIES:
            if counts[s]:
                w = bar_w * counts[s] / top
                row.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{h - 4}" fill="{_SEV_FILL[s]}"/>')
                x += w
        row.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{total}</text></g>')
        g = "".join(row)
        out.append(f'<a href="{_attr(href)}">{g}</a>' if href else g)
    out.append("</svg></figure>")
    return "".join(out)


def render(results, out, *, paths=None) -> None:
    articles = []
    for a, (text, diags) in enumerate(results, 1):
        text = text if isinstance(text, str) else ""
        path = diags[0].path if diags else (paths[a - 1] if paths is not None and a - 1 < len(paths) else f"file {a}")
        articles.append((a, path, text, list(diags)))
    total = Counter[Severity]()
    per_rule: dict[str, Counter] = {}
    for _, _, _, diags in articles:
        total.update(_counts(diags))
        for d in diags:
            per_rule.setdefault(d.rule, Counter())[d.severity] += 1
    n = sum(total.values())
    sourcing = _sourcing()
    summarize = sourcing.summarize if sourcing is not None else None
    summaries = {a: summarize(path, text, diags) if summarize is not None else None
                 for a, path, text, diags in articles}
    w = out.write
    w('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
      f"<title>newslint report: {n} finding{'s' if n != 1 else ''}</title><style>{_CSS}</style></head><body>\n")
    w(f'<header><h1>newslint report</h1><p class="tot">{n} finding{"s" if n != 1 else ""} in {len(articles)} '
      f'file{"s" if len(articles) != 1 else ""} {_badges(total)}</p>'
      '<p class="keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next finding, <kbd>k</kbd>/<kbd>p</kbd> previous, '
      "<kbd>Enter</kbd> on a highlight: its entry in the list.</p></header>\n")
    if n:
        charts = _bars("Findings per rule", [(rule, None, c) for rule, c in sorted(per_rule.items())])
        if len(articles) > 1:
            charts += _bars("Findings per file", [(path, f"#a{a}", _counts(diags))
                                                  for a, path, _, diags in articles if diags])
        w(f'<section class="charts">{charts}</section>\n')
    if len(articles) > 1:
        rows = "".join(
            f'<tr><td><a href="#a{a}">{_attr(path)}</a></td>'
            + "".join(f'<td class="{_SEV_CLASS[s]}">{_counts(diags)[s] or ""}</td>' for s in _SEVERITIES)
            + f"<td>{len(diags)}</td>" + _named_cell(summaries[a]) + "</tr>" for a, path, _, diags in articles)
        named = "<th>named sources</th>" if summarize is not None else ""
        w('<nav class="index"><h2>Files</h2><table><thead><tr><th>File</th><th>errors</th><th>warnings</th>'
          f"<th>suggestions</th><th>all</th>{named}</tr></thead><tbody>{rows}</tbody></table></nav>\n")
        run_of = getattr(sourcing, "summarize_run", None)
        if run_of is not None:
            per_file = {path: summaries[a] for a, path, _, _ in articles if summaries[a] is not None}
            anchors: dict[str, int] = {}
            for a, path, _, _ in articles:
                anchors.setdefault(path, a)
            w(_run_block(run_of(per_file), anchors))
    for a, path, text, diags in articles:
        index = index_of(text)
        w(f'<section class="art" id="a{a}"><h2>{_attr(path)}</h2><p>{_badges(_counts(diags))}</p>')
        w(_summary_block(summaries[a], text))
        body = _segments(a, text, diags) if diags else _text(text)
        w(f'<div class="cols"><div class="text">{body}</div><aside><h3>Findings</h3>'
          f"{_side(a, text, diags, index)}</aside></div></section>\n")
    w(f"<script>{_JS}</script></body></html>\n")


_CSS = """
:root{--e:#c62828;--w:#b26a00;--s:#1565c0;--eb:#fdd7d7;--wb:#ffe9b3;--sb:#d6e6fb}
body{font:16px/1.5 Georgia,"Times New Roman",serif;margin:0 auto;padding:1em 2em;max-width:90em;color:#1a1a1a;
background:#fff}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:.2em 0;overflow-wrap:anywhere}
h3{font-size:1em;margin:.5em 0 .3em}h4{font-size:.95em;margin:.3em 0}
header,nav,.charts,.src,aside{font-family:system-ui,sans-serif;font-size:14px}
.keys{color:#555}kbd{border:1px solid #999;border-radius:3px;padding:0 .3em;font-size:.9em}
.b{display:inline-block;border-radius:3px;padding:0 .4em;font-size:12px;color:#fff;font-family:system-ui,sans-serif}
.b.e{background:var(--e)}.b.w{background:var(--w)}.b.s{background:var(--s)}.b.ok{background:#2e7d32}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.15em .6em;text-align:right}
td:first-child,th:first-child{text-align:left;overflow-wrap:anywhere}
td.e{color:var(--e)}td.w{color:var(--w)}td.s{color:var(--s)}
.charts{display:flex;flex-wrap:wrap;gap:2em}figure{margin:.5em 0}figcaption{font-weight:bold}
svg text{font:12px system-ui,sans-serif;fill:#222}svg a:hover rect{opacity:.8}
.art{border-top:2px solid #333;margin-top:1.5em;padding-top:.5em}
.src{background:#f5f5f0;border-left:4px solid #777;padding:.3em 1em;margin:.5em 0}
.src ul{margin:.2em 0;padding-left:1.4em}.none{color:#666;font-style:italic}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 24rem;gap:2em;align-items:start}
.text{white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;max-width:46em}
aside{position:sticky;top:0;max-height:100vh;overflow:auto}
.side{padding-left:0;list-style:none;margin:0}.side>li{border-left:4px solid #999;padding:.2em .5em;margin:.4em 0}
.side>li.e{border-color:var(--e)}.side>li.w{border-color:var(--w)}.side>li.s{border-color:var(--s)}
.side>li.cur,.side>li:target{background:#fff6c8}.side a{color:inherit;text-decoration:none}
.side code{overflow-wrap:anywhere}.n{font-weight:bold}.msg{margin:.1em 0}.rel{margin:0;color:#555;padding-left:1.2em}
.fix ul{margin:.1em 0;padding-left:1.2em}del{background:#fdd7d7}ins{background:#d4f4d4;text-decoration:none}
mark.f{position:relative;color:inherit;border-bottom:2px solid;padding:0;border-radius:2px}
mark.e{background:var(--eb);border-color:var(--e)}mark.w{background:var(--wb);border-color:var(--w)}
mark.s{background:var(--sb);border-color:var(--s)}mark.o{border-bottom-width:4px;filter:saturate(1.8) brightness(.93)}
mark.pt{display:inline-block;width:.35em;height:1.1em;vertical-align:text-bottom;border:2px solid;border-width:0 2px}
mark.cur{outline:2px solid #000;outline-offset:1px}
mark.f:focus-visible,.side a:focus-visible,a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
mark.f:hover::after,mark.f:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:9;
white-space:pre-line;width:max-content;max-width:28em;background:#222;color:#fff;font:13px/1.35 system-ui,sans-serif;
padding:.4em .6em;border-radius:4px;pointer-events:none}
.cc::before{content:attr(data-c);font:11px monospace;background:#eee;color:#900;border:1px dotted #900;padding:0 2px}
@media (max-width:60em){.cols{display:block}aside{position:static;max-height:none}}
@media print{
body{font-size:11pt;max-width:none;padding:0}.keys{display:none}
.cols{display:block}aside{position:static;max-height:none;overflow:visible}
mark.f{-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.e{border-bottom-style:solid}mark.w{border-bottom-style:dashed}mark.s{border-bottom-style:dotted}
mark.f:hover::after,mark.f:focus::after{content:none}
mark.fe::after,mark.fe:hover::after,mark.fe:focus::after{content:"[" attr(data-n) "]";position:static;
font:bold 8pt system-ui,sans-serif;vertical-align:super;background:none;color:#000;padding:0;width:auto}
.art{break-before:page}.side>li{break-inside:avoid}a{color:inherit;text-decoration:none}
}
"""

_JS = """
(function(){
var items=[].slice.call(document.querySelectorAll(".side>li")),cur=-1;
function parts(li){return li.id.slice(1).split("-")}
function marksOf(li){var p=parts(li);return document.querySelectorAll("#a"+p[0]+' mark[data-f~="'+p[1]+'"]')}
function show(i){
  if(!items.length)return;cur=(i+items.length)%items.length;
  var li=items[cur],ms=marksOf(li);
  [].forEach.call(document.querySelectorAll(".cur"),function(e){e.classList.remove("cur")});
  [].forEach.call(ms,function(e){e.classList.add("cur")});
  li.classList.add("cur");li.scrollIntoView({block:"nearest"});
  if(ms.length){ms[0].focus({preventScroll:true});ms[0].scrollIntoView({block:"center"})}
}
function entry(m){var p=m.id.slice(1).split("-"),li=document.getElementById("l"+p[0]+"-"+p[1]);return li}
document.addEventListener("keydown",function(ev){
  if(ev.ctrlKey||ev.metaKey||ev.altKey)return;
  var t=ev.target;if(t&&(t.isContentEditable||/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))return;
  if(ev.key==="j"||ev.key==="n"){ev.preventDefault();show(cur+1)}
  else if(ev.key==="k"||ev.key==="p"){ev.preventDefault();show(cur<0?-1:cur-1)}
  else if(ev.key==="Enter"&&t&&t.tagName==="MARK"&&t.id){ev.preventDefault();
    var li=entry(t);if(li){li.querySelector("a").focus();li.scrollIntoView({block:"nearest"})}}
});
document.addEventListener("click",function(ev){
  var a=ev.target.closest&&ev.target.closest("a[data-t]");if(!a)return;
  var i=items.indexOf(a.parentNode);if(i>=0){ev.preventDefault();show(i)}
});
document.addEventListener("focusin",function(ev){
  var t=ev.target;if(t.tagName==="MARK"&&t.id){var i=items.indexOf(entry(t));if(i>=0)cur=i}});
})();
"""
