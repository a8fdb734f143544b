"""The ``newslint`` command.

One command, no subcommands: every positional argument is a path, so
``newslint rules/`` lints the folder ``rules/``. Actions other than linting
are options (``--list-rules``, ``--explain``, ``--test-examples``).

Exit codes: 0 nothing at or above the failing level, 1 findings at or above
it, 2 usage, configuration or rule errors.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from lint import __version__

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
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report here instead of standard output.")] = None,
    min_level: Annotated[str, typer.Option("--min-level", help="Report findings at or above this level: suggestion, warning, error.")] = "suggestion",
    fail_level: Annotated[str, typer.Option("--fail-level", help="Exit 1 when a finding at or above this level remains.")] = "warning",
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules (ids or packs, comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (ids or packs, comma-separated).")] = None,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="A folder of rule packs (or one pack) to load as well.")] = None,
    builtin: Annotated[bool, typer.Option("--builtin/--no-builtin", help="Load the built-in rule packs.")] = True,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles that state none.")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="The name to report for standard input (its extension picks the reader).")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the loaded rules and exit.")] = False,
    explain: Annotated[Optional[str], typer.Option("--explain", help="Show one rule: its description, link and examples.")] = None,
    test_examples: Annotated[bool, typer.Option("--test-examples", help="Run the examples of the loaded rules (with --rules for your own packs) and exit.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Lint news articles (.txt, .md) for inconsistencies and unsourced claims."""
    from lint.formats import FORMATS
    from lint.rules import RuleError

    if format not in FORMATS:
        _fail(f"unknown --format {format!r} (known: {', '.join(FORMATS)})")
    min_sev, fail_sev = _level(min_level, "--min-level"), _level(fail_level, "--fail-level")
    pub_date = None
    if date is not None:
        try:
            pub_date = dt.date.fromisoformat(date)
        except ValueError:
            _fail(f"--date must be YYYY-MM-DD, not {date!r}")

    try:
        loaded = _load_rules(rules or [], builtin)
    except RuleError as exc:
        _fail(str(exc))
    from lint.engine import select_rules

    selected = select_rules(loaded, _split(select), _split(ignore))

    if list_rules:
        for r in selected:
            typer.echo(f"{r.id}\t{r.spec.level}\t{r.spec.extends}\t{r.spec.description or r.spec.message}")
        raise typer.Exit(EXIT_CLEAN)
    if explain is not None:
        _explain(loaded, explain)
        raise typer.Exit(EXIT_CLEAN)
    if test_examples:
        raise typer.Exit(_test_examples(selected))

    code = run(paths or ["."], selected, format=format, output_file=output_file, min_level=min_sev,
               fail_level=fail_sev, date=pub_date, stdin_filename=stdin_filename)
    raise typer.Exit(code)


def _load_rules(folders: list[Path], builtin: bool):
    from lint.rules import builtin_rules_dir, load_rules

    out = []
    if builtin:
        out.extend(load_rules(builtin_rules_dir()))
    for folder in folders:
        out.extend(load_rules(folder))
    ids: dict[str, str] = {}
    for r in out:
        if r.id in ids:
            from lint.rules import RuleError

            raise RuleError(r.path, 1, None, f"duplicate rule id {r.id} (also {ids[r.id]})")
        ids[r.id] = r.path
    return out


def run(paths, rules, *, format, output_file, min_level, fail_level, date, stdin_filename) -> int:
    """Lint ``paths`` and write the report; return the exit code."""
    from lint.engine import at_least, lint_article
    from lint.files import ReadError, discover, read_text
    from lint.formats import renderer
    from lint.readers import read_article

    errors: list[str] = []
    results = []
    failing = False
    for path in discover(paths, errors):
        try:
            if path == "-":
                text = sys.stdin.buffer.read()
                from lint.files import decode

                name = stdin_filename or "-"
                text = decode(text, name)
            else:
                name, text = path, read_text(path)
        except ReadError as exc:
            errors.append(str(exc))
            continue
        article = read_article(name, text, date=date)
        diags = at_least(lint_article(article, rules), min_level)
        failing = failing or any(d.severity >= fail_level for d in diags)
        results.append((text, diags))
    for e in errors:
        typer.echo(f"newslint: {e}", err=True)
    render = renderer(format)
    try:
        if output_file is not None:
            with open(output_file, "w", encoding="utf-8", newline="\n") as out:
                render(results, out)
        else:
            render(results, sys.stdout)
            sys.stdout.flush()
    except BrokenPipeError:  # `newslint seeds/ | head -1`
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if errors and not results:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


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
