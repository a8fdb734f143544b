"""The ``newslint`` command.

``main`` reads the usual command lines itself (``parse``: no typer, no
pydantic imported) and hands the rest to typer (lint/command.py), which
declares the options and their help; both call ``run``.

One command, no subcommands: every positional argument is a path, so
``newslint rules/`` lints the folder ``rules/``. Actions other than linting
are options (``--list-rules``, ``--explain``, ``--test-examples``).

Exit codes: 0 nothing at or above the failing level, 1 findings at or above
it, 2 usage, configuration or rule errors.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from lint.model import Severity

# pydantic (when a rule or configuration file is validated) looks up plugins
# in every installed distribution's entry points at its first model (about
# 60 ms in a full environment); a linter has no use for them. A value the
# user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LEVELS = ("suggestion", "warning", "error")


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for item in values or [] for v in item.split(",") if v.strip())


def _fail(message: str) -> NoReturn:
    echo(f"newslint: {message}", err=True)
    raise SystemExit(EXIT_ERROR)


def _level(name: str | None, option: str) -> Severity | None:
    from lint.model import Severity

    if name is None:
        return None
    if name not in LEVELS:
        _fail(f"{option} must be one of {', '.join(LEVELS)}, not {name!r}")
    return Severity.parse(name)


def echo(message: str, err: bool = False) -> None:
    """A line on standard output (or error), flushed, as ``typer.echo``
    (click) writes it: terminal escapes stripped when the stream is not a
    terminal (a file name's escapes never reach a CI log), and written as
    UTF-8 where the stream's encoding is ASCII or cannot encode it."""
    stream = sys.stderr if err else sys.stdout
    if "\x1b" in message and not _isatty(stream):
        import re

        message = re.sub(r"\x1b\[[;?0-9]*[a-zA-Z]", "", message)
    line = message + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:
        stream.flush()
        stream.buffer.write(line.encode("utf-8", "replace"))
    stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------
# The command line, parsed without typer (lint/command.py declares it for
# typer; tests/test_startup.py keeps the two equal).

# option -> (parameter of ``run``, kind): "flag" (True), "no" (False),
# "value" (a string), "path", "int" (at least 0), "float", "many" / "many-path" (repeatable)
OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("format", "value"), "-f": ("format", "value"),
    "--output-file": ("output_file", "path"), "-o": ("output_file", "path"),
    "--min-level": ("min_level", "value"), "--fail-level": ("fail_level", "value"),
    "--exit-zero": ("exit_zero", "flag"), "--quiet": ("quiet", "flag"), "-q": ("quiet", "flag"),
    "--select": ("select", "many"), "--ignore": ("ignore", "many"), "--rules": ("rules", "many-path"),
    "--builtin": ("builtin", "flag"), "--no-builtin": ("builtin", "no"),
    "--config": ("config", "path"), "--isolated": ("isolated", "flag"), "--vale-config": ("vale_config", "path"),
    "--date": ("date", "value"), "--ignore-syntax": ("ignore_syntax", "flag"),
    "--stdin-filename": ("stdin_filename", "value"), "--force-exclude": ("force_exclude", "flag"),
    "--follow-links": ("follow_links", "flag"), "--fix": ("fix", "flag"), "--unsafe-fixes": ("unsafe_fixes", "flag"),
    "--diff": ("diff", "flag"), "--statistics": ("statistics", "flag"),
    "--report-unused-suppressions": ("report_unused", "flag"),
    "--baseline": ("baseline", "path"), "--write-baseline": ("write_baseline", "path"),
    "--list-rules": ("list_rules", "flag"), "--explain": ("explain", "value"),
    "--jobs": ("jobs", "int"), "-j": ("jobs", "int"), "--no-cache": ("no_cache", "flag"), "--lsp": ("lsp", "flag"),
    "--server": ("server", "flag"), "--idle-timeout": ("idle_timeout", "float"),
    "--test-examples": ("test_examples", "flag"), "--print-article": ("print_article", "flag"),
    # Vale's flags, so that a Vale user's command line runs unchanged
    "--minAlertLevel": ("min_level", "value"), "--no-exit": ("exit_zero", "flag"), "--output": ("vale_output", "value"),
    "--no-wrap": ("vale_noop", "flag"), "--normalize": ("vale_noop", "flag"), "--relative": ("vale_noop", "flag"),
    "--sort": ("vale_noop", "flag"), "--no-global": ("no_global", "flag"),
    "--glob": ("vale_glob", "value"), "--ext": ("vale_ext", "value"), "--filter": ("vale_filter", "value"),
}
DEFAULTS: dict[str, Any] = {
    "paths": None, "format": None, "output_file": None, "min_level": None, "fail_level": None, "exit_zero": False,
    "quiet": False, "select": None, "ignore": None, "rules": None, "builtin": None, "config": None, "isolated": False,
    "vale_config": None, "date": None, "ignore_syntax": False, "stdin_filename": None, "force_exclude": False,
    "follow_links": False, "fix": False, "unsafe_fixes": False, "diff": False, "statistics": False,
    "report_unused": False, "baseline": None, "write_baseline": None, "list_rules": False, "explain": None, "jobs": 0,
    "no_cache": False, "lsp": False, "server": False, "idle_timeout": None, "test_examples": False,
    "print_article": False, "vale_output": None, "vale_noop": False, "vale_glob": None, "vale_ext": None,
    "vale_filter": None, "no_global": False,
}


def _extension(ext: str | None) -> str | None:
    """Vale's ``--ext``: ``.md`` or ``md``."""
    if ext is None:
        return None
    if not ext.strip(".").strip() or "/" in ext:
        _fail(f"--ext must be an extension such as .md, not {ext!r}")
    return "." + ext.strip().lstrip(".")


def parse(argv: list[str]) -> dict[str, Any] | None:
    """The arguments of ``run`` for a command line, or None when typer should
    parse it: help, version, an unknown or malformed option, a value that
    looks like an option, anything this parser does not read exactly as
    typer (click) would."""
    args = dict(DEFAULTS)
    paths: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            paths.extend(argv[i:])
            break
        if not arg.startswith("-") or arg == "-":
            paths.append(arg)
            continue
        name, eq, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        known = OPTIONS.get(name)
        if known is None:
            return None
        dest, kind = known
        if kind in ("flag", "no"):
            if eq:
                return None
            args[dest] = kind == "flag"
            continue
        if eq:
            value = attached
        elif i < len(argv):
            value = argv[i]
            i += 1
        else:
            return None  # a missing value: typer's message
        if value.startswith("-") and value != "-":
            return None
        if kind == "int":
            if not (value.isascii() and value.isdigit()):
                return None
            args[dest] = int(value)
        elif kind == "float":
            if not value.isascii():  # float() takes other digits too; click does not
                return None
            try:
                args[dest] = float(value)
            except ValueError:
                return None
        elif kind == "path":
            args[dest] = Path(value)
        elif kind == "many":
            args[dest] = [*(args[dest] or []), value]
        elif kind == "many-path":
            args[dest] = [*(args[dest] or []), Path(value)]
        else:
            args[dest] = value
    args["paths"] = paths or None
    return args


def run(*, paths: list[str] | None, format: str | None, output_file: Path | None, min_level: str | None,
        fail_level: str | None, exit_zero: bool, quiet: bool, select: list[str] | None, ignore: list[str] | None,
        rules: list[Path] | None, builtin: bool | None, config: Path | None, isolated: bool, vale_config: Path | None,
        date: str | None, ignore_syntax: bool, stdin_filename: str | None, force_exclude: bool, follow_links: bool,
        fix: bool, unsafe_fixes: bool, diff: bool, statistics: bool, report_unused: bool, baseline: Path | None,
        write_baseline: Path | None, list_rules: bool, explain: str | None, jobs: int, no_cache: bool, lsp: bool,
        server: bool, idle_timeout: float | None, test_examples: bool, print_article: bool = False,
        vale_output: str | None = None, vale_noop: bool = False, vale_glob: str | None = None,
        vale_ext: str | None = None, vale_filter: str | None = None, no_global: bool = False) -> NoReturn:
    """One run of the command, its options parsed (by ``main`` or by typer); exits with the run's code."""
    del vale_noop  # --no-wrap, --normalize, --relative, --sort: what newslint does anyway
    template = None
    if vale_output is not None:  # Vale's --output: line, CLI, JSON or the path of a Go template
        chosen = _VALE_OUTPUTS.get(vale_output.lower())
        if chosen is None:  # lint/formats/vale_template.py: found and parsed once the configuration is known
            if not vale_output.strip():
                _fail("--output needs line, CLI, JSON or the path of a template")
            template, chosen = vale_output, "vale-json"  # the same data as Vale's JSON report
            if format is not None:
                _fail("--output names a template and --format a format: give one of them")
        if format is not None and format != chosen:
            _fail("--output and --format name different formats")
        format = chosen
    vale_only = False
    if config is not None and vale_config is None and _is_vale_ini(config):  # Vale's --config=.vale.ini
        config, vale_config, vale_only = None, config, True
    from lint import vale_commands

    if vale_commands.is_command(paths):  # `newslint ls-config`, `sync`, ...: Vale's sub-commands
        assert paths is not None
        raise SystemExit(vale_commands.main(paths, vale_config or config, no_global))
    if no_cache:  # before anything compiles a pattern: neither cache is read (lint/regexes.py)
        from lint import rule_cache

        rule_cache.disable()
    from lint.pipeline import Settings, UsageError

    pub_date = None
    if date is not None:
        try:
            pub_date = dt.date.fromisoformat(date)
        except ValueError as exc:
            _fail(f"--date must be a date as YYYY-MM-DD, not {date!r} ({exc})")
    if not paths:  # `cat a.txt | newslint --stdin-filename a.txt` reads standard input, as ruff does
        paths = ["-"] if stdin_filename is not None else ["."]
    from lint.formats import FORMATS

    if format is not None and format not in FORMATS:
        _fail(f"unknown --format {format!r} (known: {', '.join(FORMATS)})")
    settings = Settings(
        select=_split(select), ignore=_split(ignore), rules=tuple(rules or ()), builtin=builtin, config=config,
        isolated=isolated, vale_config=vale_config, date=pub_date, min_level=_level(min_level, "--min-level"),
        fail_level=_level(fail_level, "--fail-level"), format=format, ignore_syntax=ignore_syntax,
        stdin_filename=stdin_filename, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, report_unused=report_unused,
        baseline=baseline, jobs=jobs, force_exclude=force_exclude, follow_links=follow_links, use_cache=not no_cache, explain=explain,
        vale_only=vale_only, vale_exit=vale_only or (vale_output is not None and config is None), glob=vale_glob,
        read_as=_extension(vale_ext), rule_filter=vale_filter,
        no_global=no_global,
        keep_text=not (write_baseline is None and not diff and (format or "text") in _POSITIONS_ONLY),
    )
    try:
        raise SystemExit(_main(paths, settings, exit_zero=exit_zero, quiet=quiet, output_file=output_file,
                               statistics=statistics, write_baseline=write_baseline, list_rules=list_rules,
                               explain=explain, test_examples=test_examples, lsp=lsp, server=server, idle_timeout=idle_timeout,
                               print_article=print_article, template=template))
    except UsageError as exc:
        _fail(str(exc))




def _print_articles(paths: list[str], settings, output_file: Path | None) -> int:
    """``--print-article``: each file's article model as JSON (lint/readers/describe.py); no rules are loaded."""
    import json

    from lint import pipeline
    from lint.files import ReadError, decode_article, discover, read_file
    from lint.readers import ReadError as ArticleError
    from lint.readers import read_article
    from lint.readers.describe import describe

    pipeline.check_paths(paths)
    errors: list[str] = []
    out = []
    not_news = 0
    for path, named in discover(list(paths), errors, follow_links=settings.follow_links):
        name = (settings.stdin_filename or "-") if path == "-" else path
        try:
            text = decode_article(sys.stdin.buffer.read(), name)[0] if path == "-" else read_file(path)[0]
            article = read_article(name, text, date=settings.date)
        except ArticleError as exc:
            if exc.not_article and not named:  # a folder's package.json, as a lint run skips it
                not_news += 1
            else:
                errors.append(str(exc))
            continue
        except ReadError as exc:
            errors.append(str(exc))
            continue
        out.append(describe(article, text))
    for message in errors:
        echo(f"newslint: {message}", err=True)
    if not_news:
        echo(f"newslint: warning: {not_news} .json file(s) in the folders hold no news article: skipped", err=True)
    _emit(json.dumps(out, ensure_ascii=False, indent=2) + "\n", output_file)
    return EXIT_ERROR if errors else EXIT_CLEAN


_VALE_OUTPUTS = {"line": "line", "cli": "text", "json": "vale-json"}


def _is_vale_ini(path: Path) -> bool:
    """A Vale configuration given to ``--config``, as Vale users do: named as Vale names them (or ``*.ini``),
    or whose first setting is an INI line (``StylesPath = ...``, ``[*.md]``) rather than YAML."""
    from lint.files import VALE_CONFIG_NAMES

    name = path.name.lower()
    if name.endswith(".ini") or name in VALE_CONFIG_NAMES:
        return True
    if name.endswith((".yaml", ".yml", ".toml")):
        return False
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # never open a FIFO or a device to look (it could block)
            return False
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f.read(64 * 1024).splitlines():
                s = line.strip()
                if s and not s.startswith(("#", ";")):
                    return s.startswith("[") or ("=" in s and ":" not in s.split("=", 1)[0])
    except OSError:
        return False
    return False


# formats whose renderers need only each file's line starts, not its text (see LineIndex.positions_only)
_POSITIONS_ONLY = frozenset(("text", "line", "json", "json-lines"))


def _main(paths: list[str], settings, *, exit_zero: bool, quiet: bool, output_file: Path | None, statistics: bool,
          write_baseline: Path | None, list_rules: bool, explain: str | None, test_examples: bool, lsp: bool,
          server: bool = False, idle_timeout: float | None = None, print_article: bool = False,
          template: str | None = None) -> int:
    from lint import pipeline

    if print_article:
        return _print_articles(paths, settings, output_file)

    if server or idle_timeout is not None:
        from lint.server import serve as run_server

        return run_server(idle_timeout) if server else _fail("--idle-timeout goes with --server")
    if lsp:
        from lint.lsp import serve

        serve(settings)
        return EXIT_CLEAN
    first = paths[0]
    first_name = (settings.stdin_filename or "-") if first == "-" else first
    projects = pipeline.Projects(settings)
    project = projects.for_path(first_name)  # the format, --list-rules, --explain: the first path's project
    if project.format not in _POSITIONS_ONLY and not settings.keep_text:  # the format came from the configuration
        import dataclasses

        settings = dataclasses.replace(settings, keep_text=True)
        projects = pipeline.Projects(settings)
        project = projects.for_path(first_name)
    noted: set[str] = set()

    def notes() -> None:
        for p in projects.loaded:
            for note in p.notes:
                if note not in noted and not quiet:
                    echo(f"newslint: {note}", err=True)
                noted.add(note)

    notes()
    if list_rules:
        for r in project.rules:
            echo(f"{r.id}\t{r.spec.level}\t{r.spec.extends}\t{r.spec.description or r.spec.message}".replace("\n", " ").strip())
        return EXIT_CLEAN
    if explain is not None:
        _explain(project.loaded, explain)
        return EXIT_CLEAN
    if test_examples:
        return _test_examples(project.rules)

    render_template = _template(template, project) if template is not None else None
    progress = _Progress(project.format, output_file, settings.diff)
    report = pipeline.lint_paths(paths, projects, progress.step)
    progress.done()
    notes()  # of the projects found for other files
    for _path, message in report.errors:
        echo(f"newslint: {message}", err=True)
    for note in report.notes if not quiet else ():
        echo(f"newslint: warning: {note}", err=True)
    if not report.searched:
        from lint.readers import EXTENSIONS

        left_out = f" ({report.excluded} excluded by the configuration)" if report.excluded else ""
        echo(f"newslint: warning: no article files ({', '.join(EXTENSIONS)}) under {', '.join(paths)}{left_out}",
                   err=True)

    if write_baseline is not None:
        from lint import baseline

        try:
            n = baseline.write(str(write_baseline), report.results())
        except OSError as exc:
            raise pipeline.UsageError(f"cannot write the baseline {write_baseline}: {exc.strerror or exc}") from None
        if not quiet:
            echo(f"newslint: recorded {n} findings in {write_baseline}", err=True)
        return EXIT_ERROR if report.failed else EXIT_CLEAN
    stdin_fix = settings.fix and "-" in paths
    try:
        if settings.diff:
            diffs = "".join(f.diff for f in report.files)
            _emit(diffs, output_file)
            code = EXIT_FINDINGS if diffs else EXIT_CLEAN
            return EXIT_ERROR if report.failed else (EXIT_CLEAN if exit_zero else code)
        if stdin_fix:  # like ruff: the source, fixed or as it came, goes to standard output; the findings to stderr
            for f in report.files:
                if f.fixed_stdin is not None:
                    sys.stdout.write(f.fixed_stdin)
                elif f.passthrough is not None:  # read, not fixed (not UTF-8, a Word file): the bytes as they came
                    sys.stdout.flush()
                    sys.stdout.buffer.write(f.passthrough)
            for source in report.passthrough:
                sys.stdout.flush()
                sys.stdout.buffer.write(source)
            sys.stdout.flush()
        if statistics:
            from lint.formats import statistics as render_statistics

            _emit(render_statistics, output_file, report.results(), format=project.format, to_stderr=stdin_fix)
        else:
            from lint.formats import renderer

            _emit(render_template or renderer(project.format), output_file, report.results(), rules=project.rules,
                  paths=[f.name for f in report.files], errors=report.unread(), fail_level=project.fail_level,
                  summary=not quiet and bool(report.files or report.errors), to_stderr=stdin_fix)
    except BrokenPipeError:  # `newslint seeds/ | head -1`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError as exc:
        raise pipeline.UsageError(f"cannot write {output_file}: {exc.strerror or exc}") from None
    fixed = [f.fixed for f in report.files if f.fixed]
    if settings.fix and fixed and not quiet:
        echo(f"newslint: fixed {sum(fixed)} finding(s) in {len(fixed)} file(s)", err=True)
    return report.exit_code(exit_zero=exit_zero)


def _template(name: str, project):
    """Vale's ``--output=path/to/template.tmpl``: the renderer of the template, looked for as Vale
    looks (the path as given, then in the StylesPath and its ``config/templates``); exit 2 for one
    that is not there or does not parse, with the file, the line and the problem."""
    from lint.formats import vale_template

    cfg = project.vale.config if project.vale is not None else None
    found = vale_template.find(name, cfg.style_paths() if cfg is not None else [], cfg.root if cfg is not None else None)
    if found is None:
        where = f" (nor in {', '.join(str(p) for p in cfg.style_paths())})" if cfg is not None and cfg.style_paths() else ""
        _fail(f"--output {name!r}: no such template file{where}")
    try:
        return vale_template.renderer(vale_template.load(found))
    except vale_template.TemplateError as exc:
        _fail(f"template: {exc}")


class _Progress:
    """``newslint: 120/2000 files`` on standard error, only when both
    standard output and standard error are a terminal, the format is meant
    for people, and there are many files."""

    def __init__(self, format: str, output_file: Path | None, diff: bool):
        self.last = 0.0
        self.shown = False
        self.on = (format in ("text", "full") and not diff and output_file is None
                   and sys.stderr.isatty() and sys.stdout.isatty())

    def step(self, n: int, total: int) -> None:
        if self.on and total >= 50:
            import time

            now = time.monotonic()
            if now - self.last >= 0.1 or n == total:
                self.last, self.shown = now, True
                sys.stderr.write(f"\rnewslint: {n}/{total} files")
                sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _emit(what, output_file: Path | None, *args, to_stderr: bool = False, **kwargs) -> None:
    """Write a string, or call a renderer, to the output file or stdout
    (stderr when stdout carries the fixed source)."""
    def write(out):
        if isinstance(what, str):
            out.write(what)
        else:
            _call_renderer(what, out, *args, **kwargs)

    if output_file is not None:  # atomically: a full disk leaves the old report, not half a new one
        import tempfile

        folder = os.path.dirname(os.path.abspath(output_file))
        fd, tmp = tempfile.mkstemp(prefix=".newslint-report-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, output_file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    else:
        stream = sys.stderr if to_stderr else sys.stdout
        write(stream)
        stream.flush()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _call_renderer(render, out, results, **context):
    """Pass a renderer only the keyword arguments it declares."""
    import inspect

    params = inspect.signature(render).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return render(results, out, **context)
    return render(results, out, **{k: v for k, v in context.items() if k in params})


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
    echo("\n".join(lines))


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
                echo(f"FAIL {res.rule} {res.kind}[{res.index}]: {res.problem}\n    text: {res.text!r}")
    for rid in without:
        echo(f"note: {rid} has no examples")
    echo(f"{total - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def main() -> None:
    """The console script: no traceback ever reaches the user."""
    try:
        args = parse(sys.argv[1:])
        if args is None:  # help, version, a usage error ...: typer's
            from lint.command import app

            app(prog_name="newslint")
        else:
            run(**args)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `newslint --list-rules | head -1`: as click has it, exit 1 and no message
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # the flush at exit finds a sink, not the closed pipe
        sys.exit(1)
    except Exception as exc:  # a bug: one line, exit 2
        print(f"newslint: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        sys.exit(EXIT_ERROR)


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer application (lint/command.py), for tests and embedding
        from lint.command import app

        return app
    raise AttributeError(name)


if __name__ == "__main__":
    main()
