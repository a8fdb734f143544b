"""The ``newslint`` command.

One command, no subcommands: every positional argument is a path, so
``newslint rules/`` lints the folder ``rules/``. Actions other than linting
are options (``--list-rules``, ``--explain``, ``--test-examples``).

Exit codes: 0 nothing at or above the failing level, 1 findings at or above
it, 2 usage, configuration or rule errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

# pydantic looks up plugins in every installed distribution's entry points at
# its first model (about 60 ms of a one-file run in a full environment); a
# command-line linter has no use for them. A value the user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402

from lint import __version__  # noqa: E402

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LEVELS = ("suggestion", "warning", "error")

app = typer.Typer(add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _fail(message: str) -> None:
    typer.echo(f"newslint: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _level(name: str, option: str):
    from lint.model import Severity

    if name not in LEVELS:
        _fail(f"{option} must be one of {', '.join(LEVELS)}, not {name!r}")
    return Severity.parse(name)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newslint {__version__}")
        raise typer.Exit()


@app.command()
def lint(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files and folders to lint; '-' reads standard input.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Output format: text, full, json, json-lines, sarif, github, gitlab, junit, rdjson, line.")] = None,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report here instead of standard output.")] = None,
    min_level: Annotated[Optional[str], typer.Option("--min-level", help="Report findings at or above this level: suggestion (default), warning, error.")] = None,
    fail_level: Annotated[Optional[str], typer.Option("--fail-level", help="Exit 1 when a finding at or above this level remains (default: warning).")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules (ids or packs, comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (ids or packs, comma-separated).")] = None,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="A folder of rule packs (or one pack) to load as well.")] = None,
    builtin: Annotated[Optional[bool], typer.Option("--builtin/--no-builtin", help="Load the built-in rule packs.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: newslint.yaml, .newslint.yaml or [tool.newslint] in pyproject.toml, found upward).")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")] = False,
    vale_config: Annotated[Optional[Path], typer.Option("--vale-config", help="A Vale configuration (.vale.ini) to use (default: .vale.ini, _vale.ini or _vale, found upward).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles that state none.")] = None,
    ignore_syntax: Annotated[bool, typer.Option("--ignore-syntax", help="Read every file as plain text, Markdown too (Vale's --ignore-syntax).")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="The name to report for standard input (its extension picks the reader).")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place, then report what remains.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show what --fix would change, change nothing.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule instead of the findings.")] = False,
    report_unused: Annotated[bool, typer.Option("--report-unused-suppressions", help="Report newslint-disable comments that suppressed nothing.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings not recorded in this baseline file.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record the current findings in this file and exit 0.")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the loaded rules and exit.")] = False,
    explain: Annotated[Optional[str], typer.Option("--explain", help="Show one rule: its description, link and examples.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: one per core when there are many files).")] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache of compiled rules (NEWSLINT_CACHE_DIR, else ~/.cache/newslint).")] = False,
    lsp: Annotated[bool, typer.Option("--lsp", help="Run as a language server over standard input and output.")] = False,
    test_examples: Annotated[bool, typer.Option("--test-examples", help="Run the examples of the loaded rules (with --rules for your own packs) and exit.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Lint news articles (.txt, .md) for inconsistencies and unsourced claims."""
    from lint import config as configuration
    from lint.formats import FORMATS
    from lint.rules import RuleError

    cfg = configuration.Config()
    if not isolated:
        found = config or configuration.find(Path((paths or ["."])[0] if (paths or ["."])[0] != "-" else "."))
        if config is not None and not config.is_file():
            _fail(f"{config}: no such configuration file")
        if found is not None:
            try:
                cfg = configuration.load(found)
            except configuration.ConfigError as exc:
                _fail(str(exc))

    vale = _vale_setup(paths, vale_config, isolated)  # Vale's .vale.ini (lint/vale_config.py)

    format = format or cfg.format or "text"
    if format not in FORMATS:
        _fail(f"unknown --format {format!r} (known: {', '.join(FORMATS)})")
    min_sev = _level(min_level or cfg.min_level or (vale.config.min_alert_level if vale else "suggestion"), "--min-level")
    fail_sev = _level(fail_level or cfg.fail_level or "warning", "--fail-level")
    pub_date = cfg.date
    if date is not None:
        try:
            pub_date = dt.date.fromisoformat(date)
        except ValueError:
            _fail(f"--date must be YYYY-MM-DD, not {date!r}")

    from lint import api
    from lint.engine import select_rules

    if no_cache:
        from lint import rule_cache

        rule_cache.disable()
    try:
        if builtin is None:  # with a Vale configuration, News only when newslint's configuration asks
            builtin = cfg.builtin if vale is None or "builtin" in cfg.model_fields_set else False
        chosen, skip = _split(select) or cfg.select, _split(ignore) or cfg.ignore
        # select before compiling: rules not chosen are never compiled (--explain may show any rule)
        keep = api.selector(chosen, skip) if explain is None else None
        loaded = api.load([*cfg.rule_folders(), *(rules or [])], builtin, keep=keep)
    except RuleError as exc:
        _fail(str(exc))
    if vale is not None:
        loaded = [*loaded, *vale.rules]
        for note in vale.notes:
            typer.echo(f"newslint: {note}", err=True)
    loaded = _with_levels(loaded, cfg.levels)
    selected = select_rules(loaded, chosen, skip)
    vale_ids = {r.id for r in vale.rules} if vale is not None else set()
    for r in selected:  # rules from --rules or the configuration: the same note as .vale.ini's
        reason = getattr(r.checker, "skipped_reason", None)
        if reason and r.id not in vale_ids:
            typer.echo(f"newslint: skipped {r.id} ({r.path}): {reason}", err=True)

    if list_rules:
        for r in selected:
            typer.echo(f"{r.id}\t{r.spec.level}\t{r.spec.extends}\t{r.spec.description or r.spec.message}".replace("\n", " ").strip())
        raise typer.Exit(EXIT_CLEAN)
    if explain is not None:
        _explain(loaded, explain)
        raise typer.Exit(EXIT_CLEAN)
    if test_examples:
        raise typer.Exit(_test_examples(selected))
    if lsp:
        from lint.lsp import serve

        serve(selected, date=pub_date)
        raise typer.Exit(EXIT_CLEAN)

    known = None
    if baseline is not None:
        from lint import baseline as bl

        try:
            known = bl.read(str(baseline))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            _fail(f"cannot read baseline: {exc}")

    opts = Options(format=format, output_file=output_file, min_level=min_sev, fail_level=fail_sev, date=pub_date,
                   stdin_filename=stdin_filename, fix=fix, diff=diff, unsafe=unsafe_fixes, statistics=statistics,
                   report_unused=report_unused, known=known, write_baseline=write_baseline, config=cfg,
                   jobs=jobs, vale=vale.resolver if vale else None, plain=ignore_syntax)
    raise typer.Exit(run(paths or ["."], selected, opts))


def _vale_setup(paths, option: Path | None, isolated: bool):
    """The Vale configuration in force (given, or found upward unless --isolated), or None."""
    from lint.files import VALE_CONFIG_NAMES, find_upward

    if option is not None and not option.is_file():
        _fail(f"{option}: no such Vale configuration file")
    first = (paths or ["."])[0]
    found = option or (None if isolated else find_upward(Path(first if first != "-" else "."), VALE_CONFIG_NAMES))
    if found is None:
        return None
    from lint import vale_config
    try:
        return vale_config.setup(found)
    except vale_config.ValeConfigError as exc:
        _fail(str(exc))


def _with_levels(rules, levels: dict[str, str]):
    if not levels:
        return rules
    import dataclasses

    out = []
    for r in rules:
        level = levels.get(r.id) or levels.get(r.pack)
        out.append(dataclasses.replace(r, spec=r.spec.model_copy(update={"level": level})) if level else r)
    return out


@dataclasses.dataclass
class Options:
    format: str = "text"
    output_file: Path | None = None
    min_level: object = None
    fail_level: object = None
    date: dt.date | None = None
    stdin_filename: str | None = None
    fix: bool = False
    diff: bool = False
    unsafe: bool = False
    statistics: bool = False
    report_unused: bool = False
    known: object = None  # a baseline's Counter of fingerprints
    write_baseline: Path | None = None
    config: object = None
    jobs: int = 0  # worker processes; 0: one per core when there are many files
    vale: object = None  # lint.vale_config.Resolver: the Vale rules each file runs
    plain: bool = False  # --ignore-syntax: every file read as plain text


@dataclasses.dataclass
class FileResult:
    """What linting one file gave; built in a worker process or in place."""

    name: str
    text: str = ""
    diags: list = dataclasses.field(default_factory=list)
    error: str | None = None
    diff: str = ""
    fixed: int = 0
    fixed_stdin: str | None = None  # the fixed text of standard input
    state: dict | None = None  # cross-article state of rules with a finish() hook


def _process(path: str, rules, opts: Options) -> FileResult:
    """Read, fix (if asked), lint one file. Never raises for bad input."""
    from lint import api
    from lint.engine import at_least
    from lint.files import ReadError, decode_source, read_source
    from lint.readers import ReadError as ArticleError

    name = opts.stdin_filename or "-" if path == "-" else path
    try:
        if path == "-":
            text, bom = decode_source(sys.stdin.buffer.read(), name)
        else:
            text, bom = read_source(path)
    except ReadError as exc:
        return FileResult(name, error=str(exc))
    cfg = opts.config
    if cfg is not None and cfg.per_file_ignores:
        from lint.engine import select_rules

        rules = select_rules(rules, ignore=sorted(cfg.ignored_for(name)))
    if opts.vale is not None:
        rules = opts.vale.rules_for(name, rules)
    res = FileResult(name)
    try:
        if opts.fix or opts.diff:
            from lint.fixes import fix_until_stable, write_atomic

            new, n = fix_until_stable(text, lambda t: api.lint_text(name, t, rules, date=opts.date, plain=opts.plain), opts.unsafe)
            if n and new != text:
                res.fixed = n
                if opts.diff:
                    res.diff = _unified_diff(name, text, new)
                elif path != "-":
                    write_atomic(path, new, bom)
                    text = new
            if path == "-" and opts.fix:  # like ruff: the fixed text goes to stdout
                res.fixed_stdin = new
        unused: list | None = [] if opts.report_unused else None
        diags = api.lint_text(name, text, rules, date=opts.date, unused=unused, plain=opts.plain)
    except ArticleError as exc:
        return FileResult(name, error=f"{name}: {exc}")
    except Exception as exc:  # a bug in a check: report it, go on with the next file
        return FileResult(name, error=f"{name}: internal error, file skipped ({type(exc).__name__}: {exc}); please report it")
    if unused:
        diags = sorted(diags + _unused_diagnostics(name, unused))
    res.text, res.diags = text, at_least(diags, opts.min_level)
    # cross-article state travels back from worker processes with the result
    res.state = {r.id: r.checker.export(name) for r in rules if hasattr(r.checker, "export")} or None
    return res


_POOL: tuple | None = None  # (rules, opts), inherited by forked workers


def _pool_process(path: str) -> FileResult:
    return _process(path, *_POOL)


def _results(files: list[str], rules, opts: Options):
    """FileResults in the order of ``files``, from a process pool when it pays."""
    jobs = opts.jobs or (os.cpu_count() or 1)
    if jobs <= 1 or len(files) < 8 or "-" in files or opts.fix:
        for path in files:
            yield _process(path, rules, opts)
        return
    import multiprocessing

    global _POOL
    _POOL = (rules, opts)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs) as pool:
        yield from pool.imap(_pool_process, files, chunksize=8)


class _Progress:
    """``newslint: 120/2000 files`` on standard error, only when both
    standard output and standard error are a terminal, the format is meant
    for people, and there are many files."""

    def __init__(self, total: int, opts: Options):
        self.total, self.n, self.last = total, 0, 0.0
        self.on = (total >= 50 and opts.format in ("text", "full") and not opts.diff
                   and sys.stderr.isatty() and sys.stdout.isatty() and opts.output_file is None)

    def step(self) -> None:
        self.n += 1
        if self.on:
            import time

            now = time.monotonic()
            if now - self.last >= 0.1 or self.n == self.total:
                self.last = now
                sys.stderr.write(f"\rnewslint: {self.n}/{self.total} files")
                sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


# formats whose renderers need only each file's line starts, not its text (see LineIndex.positions_only)
_POSITIONS_ONLY = frozenset(("text", "line", "json", "json-lines"))


def run(paths, rules, opts: Options) -> int:
    """Lint ``paths`` and write the report; return the exit code."""
    from lint.files import discover

    cfg = opts.config
    errors: list[str] = []
    results: list[tuple[str, list]] = []
    names: list[str] = []  # the reported path of each entry of results
    stdin_fixed = False
    diffs: list[str] = []
    fixed_files = fixed_total = 0
    files = [p for p in discover(paths, errors) if p == "-" or cfg is None or not cfg.excluded(p)]
    progress = _Progress(len(files), opts)
    compact = opts.format in _POSITIONS_ONLY and opts.write_baseline is None and not opts.diff
    if compact:
        from lint.positions import LineIndex
    for res in _results(files, rules, opts):
        progress.step()
        if res.error is not None:
            errors.append(res.error)
            continue
        if res.fixed:
            fixed_files, fixed_total = fixed_files + 1, fixed_total + res.fixed
        if res.diff:
            diffs.append(res.diff)
        if res.fixed_stdin is not None:
            sys.stdout.write(res.fixed_stdin)
            stdin_fixed = True
        if res.state:
            for rule in rules:
                if rule.id in res.state:
                    rule.checker.absorb(res.name, res.state[rule.id])
        diags = res.diags
        if opts.known is not None:
            from lint import baseline

            diags = baseline.filter_new(res.text, diags, opts.known)
        # formats that print code-point lines and columns need no text at the end: keep its line index only
        results.append((LineIndex.positions_only(res.text) if compact else res.text, diags))
        names.append(res.name)
    progress.done()
    _finish(rules, results, names, opts)
    for e in errors:
        typer.echo(f"newslint: {e}", err=True)

    if opts.write_baseline is not None:
        from lint import baseline

        n = baseline.write(str(opts.write_baseline), results)
        typer.echo(f"newslint: recorded {n} findings in {opts.write_baseline}", err=True)
        return EXIT_CLEAN
    try:
        if opts.diff:
            _emit("".join(diffs), opts)
            return EXIT_FINDINGS if diffs else (EXIT_ERROR if errors and not results else EXIT_CLEAN)
        if stdin_fixed:
            pass
        elif opts.statistics:
            from lint.formats import statistics as render_statistics

            _emit(render_statistics, opts, results, format=opts.format)
        else:
            from lint.formats import renderer

            _emit(renderer(opts.format), opts, results, rules=rules, paths=names)
    except BrokenPipeError:  # `newslint seeds/ | head -1`

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if opts.fix and fixed_total:
        typer.echo(f"newslint: fixed {fixed_total} finding(s) in {fixed_files} file(s)", err=True)
    if errors and not results:
        return EXIT_ERROR
    failing = any(d.severity >= opts.fail_level for _, diags in results for d in diags)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _emit(what, opts: Options, *args, **kwargs) -> None:
    """Write a string, or call a renderer, to the output file or stdout."""
    def write(out):
        if isinstance(what, str):
            out.write(what)
        else:
            _call_renderer(what, out, *args, **kwargs)

    if opts.output_file is not None:
        with open(opts.output_file, "w", encoding="utf-8", newline="\n") as out:
            write(out)
    else:
        write(sys.stdout)
        sys.stdout.flush()


def _call_renderer(render, out, results, **context):
    """Pass a renderer only the keyword arguments it declares."""
    import inspect

    params = inspect.signature(render).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return render(results, out, **context)
    return render(results, out, **{k: v for k, v in context.items() if k in params})


def _finish(rules, results, names, opts: Options) -> None:
    """Cross-article findings: checks with a ``finish()`` hook report, after
    every file was read, findings as (path, Finding) for files of this run."""
    hooks = [r for r in rules if hasattr(r.checker, "finish")]
    if not hooks:
        return
    from lint.engine import at_least
    from lint.model import Diagnostic

    by_path = {name: i for i, name in enumerate(names)}
    for rule in hooks:
        for path, f in rule.checker.finish():
            i = by_path.get(path)
            if i is None:
                continue
            text, diags = results[i]
            d = Diagnostic(path, f.span.start, f.span.end, rule.id, f.level or rule.severity, f.message, f.fix, rule.spec.link)
            results[i] = (text, sorted(diags + at_least([d], opts.min_level)))


def _unused_diagnostics(name: str, spans) -> list:
    from lint.model import Diagnostic, Severity

    return [Diagnostic(name, s, e, "Newslint.UnusedSuppression", Severity.WARNING, "This suppression comment suppressed nothing.")
            for s, e in spans]


def _unified_diff(name: str, old: str, new: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"))


def _explain(rules, rule_id: str) -> None:
    match = [r for r in rules if r.id == rule_id]
    if not match:
        _fail(f"no rule {rule_id!r}; `newslint --list-rules` lists them")
    r = match[0]
    s = r.spec
    lines = [f"{r.id} ({s.extends}, {s.level})", ""]
    if s.description:
        lines += [s.description.strip(), ""]
    lines.append(f"Message: {s.message}")
    if s.link:
        lines.append(f"Link: {s.link}")
    lines.append(f"Scope: {', '.join(s.scope)}")
    lines.append(f"File: {r.path}")
    if s.examples:
        lines += ["", "Flags:"] + [f"  {e.text!r}" for e in s.examples.fire]
        lines += ["", "Does not flag:"] + [f"  {e.text!r}" for e in s.examples.ok]
    typer.echo("\n".join(lines))


def _test_examples(rules) -> int:
    from lint.examples import run_examples

    failed = total = 0
    without = []
    for r in rules:
        results = run_examples(r)
        if not results:
            without.append(r.id)
        for res in results:
            total += 1
            if not res.ok:
                failed += 1
                typer.echo(f"FAIL {res.rule} {res.kind}[{res.index}]: {res.problem}\n    text: {res.text!r}")
    for rid in without:
        typer.echo(f"note: {rid} has no examples")
    typer.echo(f"{total - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def main() -> None:
    app(prog_name="newslint")


if __name__ == "__main__":
    main()
