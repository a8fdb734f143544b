"""``--format sourcing``: who says so, article by article, then for the run.

For each file (``lint.sourcing.summarize``): its named sources (name, role,
kind, how many statements credit them, where first), the outlets and
documents it cites, its quotations of four words or more with their
speaker, its vague attributions and its unattributed figures; then the run
(``lint.sourcing.summarize_run``): the sources and outlets across articles
and the articles that credit no one by name. Positions are ``line:column``
(1-based, columns in code points), as in the default format. Text from the
article is written through ``terminal_safe`` (one entry, one line).
"""

from __future__ import annotations

from lint.formats._shared import terminal_safe


def _excerpt(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _at(span: dict) -> str:
    return f"{span['line']}:{span['column']}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def article_lines(path: str, text: str, s: dict) -> list[str]:
    """The lines of one article's summary (without escaping)."""
    c = s["counts"]
    lines = [path]
    lines.append(f"  Named sources ({c['named_sources']})" + ("" if s["named_sources"] else ": none"))
    for src in s["named_sources"]:
        role = f", {src['role']}" if src["role"] else ""
        lines.append(f"    {src['name']}{role} ({src['kind']}; {_plural(src['mentions'], 'statement')}, "
                     f"first at {_at(src['spans'][0])})")
    lines.append(f"  Outlets and documents ({c['outlets']})" + ("" if s["outlets"] else ": none"))
    for o in s["outlets"]:
        lines.append(f"    {o['name']} ({o['kind']}; at {', '.join(_at(x) for x in o['spans'])})")
    lines.append(f"  Quotations ({c['quotations']}, {c['quotations_without_speaker']} without a speaker)"
                 + ("" if s["quotations"] else ": none"))
    for q in s["quotations"]:
        lines.append(f"    {_at(q)} {_excerpt(text[q['start']:q['end']])} — {q['speaker'] or 'no speaker'}")
    for key, title in (("vague_attributions", "Vague attributions"), ("unattributed_figures", "Unattributed figures")):
        lines.append(f"  {title} ({c[key]})" + ("" if s[key] else ": none"))
        for v in s[key]:
            lines.append(f"    {_at(v)} {_excerpt(v['text'])}")
    return lines


def run_lines(run: dict) -> list[str]:
    n = run["articles"]
    lines = [f"Sourcing of the run: {_plural(n, 'article')}"]
    lines.append(f"  Sources across articles ({len(run['sources'])})" + ("" if run["sources"] else ": none"))
    for e in run["sources"]:
        role = f", {e['role']}" if e["role"] else ""
        lines.append(f"    {e['name']}{role} ({e['kind']}): {_plural(len(e['articles']), 'article')}: {', '.join(e['articles'])}")
    lines.append(f"  Outlets across articles ({len(run['outlets'])})" + ("" if run["outlets"] else ": none"))
    for e in run["outlets"]:
        lines.append(f"    {e['name']} ({e['kind']}): {_plural(len(e['articles']), 'article')}: {', '.join(e['articles'])}")
    none = run["without_named_source"]
    lines.append(f"  Articles with no named source ({len(none)})" + ("" if none else ": none"))
    lines.extend(f"    {p}" for p in none)
    return lines


def summaries(results, paths) -> dict[str, tuple[str, dict]]:
    """path -> (text, summary) for each file of ``results`` whose text was kept."""
    from lint.sourcing import summarize

    out: dict[str, tuple[str, dict]] = {}
    for i, (text, diags) in enumerate(results):
        path = paths[i] if paths is not None and i < len(paths) else (diags[0].path if diags else f"<file {i + 1}>")
        if not isinstance(text, str):
            continue  # only the positions were kept (no format asks for that with sourcing)
        out[path] = (text, summarize(path, text, diags))
    return out


def render(results, out, *, paths=None) -> None:
    from lint.sourcing import summarize_run

    per = summaries(results, paths)
    for path, (text, s) in per.items():
        for line in article_lines(path, text, s):
            out.write(terminal_safe(line) + "\n")
        out.write("\n")
    for line in run_lines(summarize_run({p: s for p, (_, s) in per.items()})):
        out.write(terminal_safe(line) + "\n")
