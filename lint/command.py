"""The ``newslint`` command as typer declares it: its options, help and usage errors.

``lint.cli.main`` parses the usual command lines itself (``lint.cli.OPTIONS``,
kept equal to these declarations by tests/test_startup.py), without
importing typer, whose parameter coercion builds pydantic adapters (about
0.15 s); anything else (``--help``, ``--version``, a usage error, an option
spelt in a way the fast parser leaves alone) comes here, and typer parses it
and calls the same ``lint.cli.run``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

# pydantic looks up plugins in every installed distribution's entry points at
# its first model (about 60 ms of a one-file run in a full environment); a
# command-line linter has no use for them. A value the user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from lint import __version__, cli

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newslint {__version__}")
        raise typer.Exit()


@app.command()
def lint(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files and folders to lint; '-' reads standard input.")] = None,
    format: Annotated[
        Optional[str],
        typer.Option("--format", "-f", help="Output format: text, full, json, json-lines, sarif, github, gitlab, junit, rdjson, line, vale-json, html."),
    ] = None,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report here instead of standard output.")] = None,
    min_level: Annotated[
        Optional[str],
        typer.Option("--min-level", "--minAlertLevel", help="Report findings at or above this level: suggestion (default), warning, error."),
    ] = None,
    fail_level: Annotated[Optional[str], typer.Option("--fail-level", help="Exit 1 when a finding at or above this level remains (default: warning).")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", "--no-exit", help="Exit 0 even when findings remain (errors still exit 2).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the findings and nothing else (no summary, no notes).")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules (ids or packs, comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (ids or packs, comma-separated).")] = None,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="A folder of rule packs (or one pack) to load as well.")] = None,
    builtin: Annotated[Optional[bool], typer.Option("--builtin/--no-builtin", help="Load the built-in rule packs.")] = None,
    config: Annotated[
        Optional[Path],
        typer.Option("--config", help="Configuration file (default: newslint.yaml, .newslint.yaml or [tool.newslint] in pyproject.toml, found upward)."),
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")] = False,
    vale_config: Annotated[
        Optional[Path],
        typer.Option("--vale-config", help="A Vale configuration (.vale.ini) to use (default: .vale.ini, _vale.ini or _vale, found upward)."),
    ] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles that state none.")] = None,
    ignore_syntax: Annotated[bool, typer.Option("--ignore-syntax", help="Read every file as plain text, Markdown too (Vale's --ignore-syntax).")] = False,
    stdin_filename: Annotated[
        Optional[str],
        typer.Option(
            "--stdin-filename",
            help="The name to report for standard input (its extension picks the reader); without paths, standard input is linted.",
        ),
    ] = None,
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="Apply `exclude` to files named on the command line too.")] = False,
    follow_links: Annotated[
        bool,
        typer.Option("--follow-links", help="Follow symbolic links that lead out of the linted folders (and let --fix write through them)."),
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place, then report what remains.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show what --fix would change, change nothing.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule instead of the findings.")] = False,
    report_unused: Annotated[bool, typer.Option("--report-unused-suppressions", help="Report newslint-disable comments that suppressed nothing.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings not recorded in this baseline file.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record the current findings in this file and exit 0.")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the loaded rules and exit.")] = False,
    explain: Annotated[Optional[str], typer.Option("--explain", help="Show one rule: its description, link and examples.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per core when there are many files).")] = 0,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Neither read nor write the cache of compiled rules (NEWSLINT_CACHE_DIR, else ~/.cache/newslint)."),
    ] = False,
    lsp: Annotated[bool, typer.Option("--lsp", help="Run as a language server over standard input and output.")] = False,
    server: Annotated[bool, typer.Option("--server", help="Serve newslint-client on a Unix socket, rules kept loaded.")] = False,
    idle_timeout: Annotated[Optional[float], typer.Option("--idle-timeout", help="With --server: exit after so many idle seconds (900; 0: never).")] = None,
    test_examples: Annotated[
        bool,
        typer.Option("--test-examples", help="Run the examples of the loaded rules (with --rules for your own packs) and exit."),
    ] = False,
    print_article: Annotated[
        bool,
        typer.Option("--print-article", help="Print what the reader made of each file (headline, date, blocks with positions) as JSON, and exit."),
    ] = False,
    vale_output: Annotated[
        Optional[str],
        typer.Option("--output", help="Vale's output flag: line, CLI (newslint's text) or JSON (Vale's own JSON report)."),
    ] = None,
    vale_noop: Annotated[
        bool,
        typer.Option("--no-wrap", "--normalize", "--relative", "--sort",
                     help="Vale's flags, accepted: newslint's output is unwrapped, sorted and as given already."),
    ] = False,
    no_global: Annotated[
        bool,
        typer.Option("--no-global", help="Vale's flag: read no user-level Vale configuration and not Vale's default StylesPath."),
    ] = False,
    vale_glob: Annotated[
        Optional[str],
        typer.Option("--glob", help="Vale's flag: lint only the files this glob matches ('*.{md,txt}'; '!' before it negates)."),
    ] = None,
    vale_ext: Annotated[
        Optional[str],
        typer.Option("--ext", help="Vale's flag: read every file (and standard input) as this extension, e.g. .md."),
    ] = None,
    vale_filter: Annotated[
        Optional[str],
        typer.Option("--filter", help="Vale's flag: run only the rules this expression is true of "
                                      "('.Name == \"Vale.Spelling\"', '.Level in [\"error\"]', '@file')."),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Lint news articles (.txt, .md, .html, newsroom .json, .docx) for inconsistencies and unsourced claims."""
    del version  # handled by its callback
    cli.run(**{k: v for k, v in locals().items()})
