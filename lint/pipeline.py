"""The run, in the library: settings -> project -> report.

The command line and the language server both call this module, so that
they read the same configuration and report the same findings:

    Settings (options)  --Projects(settings).for_path(file)-->  Project (the file's configuration)
    paths               --lint_paths(paths, projects)-->        Report
    one buffer          --lint_one(name, text, project)-->      diagnostics (the language server)

Every finding, cross-article ones included, goes through the same steps
exactly once: stamped by the engine, then suppression comments, then the
level filter, then the baseline. Nothing here prints: problems with the
configuration are ``UsageError``s (exit 2), files that cannot be read are
``Report.errors``, and the caller renders the report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.engine import select_rules as select
from lint.engine import stamp
from lint.model import Diagnostic, Severity

if TYPE_CHECKING:
    from lint.config import Config
    from lint.positions import LineIndex
    from lint.readers.build import SpanMap
    from lint.rules import Rule
    from lint.suppress import Suppression
    from lint.vale_config import Setup

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LEVELS = ("suggestion", "warning", "error")
# ids of the findings the pipeline itself makes (never in a rule pack)
INTERNAL_RULES = ("Newslint.UnusedSuppression", "Newslint.UnknownRule")


class UsageError(Exception):
    """A problem with the options, the configuration or the rules: exit 2, one line."""


@dataclass(frozen=True)
class Settings:
    """What a run is asked for: the command line's options (or the language
    server's). ``None`` means "not given": the configuration file decides."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()  # rule folders besides the built-in packs
    builtin: bool | None = None
    config: Path | None = None  # newslint's configuration file (default: found upward)
    isolated: bool = False  # read no configuration file
    vale_config: Path | None = None  # a .vale.ini (default: found upward)
    # Vale's own command line named it (--config=.vale.ini): Vale's answers, so
    # newslint's packs run only where the configuration names them
    vale_only: bool = False
    # Vale's command line (its --config or --output): Vale's exit code, 1 only for an
    # error-level alert, unless --fail-level or newslint's configuration says otherwise
    vale_exit: bool = False
    date: dt.date | None = None
    min_level: Severity | None = None
    fail_level: Severity | None = None
    format: str | None = None
    ignore_syntax: bool = False  # every file read as plain text (Vale's --ignore-syntax)
    read_as: str | None = None  # every file read as this extension (Vale's --ext=.md)
    glob: str | None = None  # only the files this glob matches, "!" negates (Vale's --glob)
    rule_filter: str | None = None  # only the rules this expression is true of (Vale's --filter)
    no_global: bool = False  # no user-level Vale configuration nor default StylesPath (Vale's --no-global)
    stdin_filename: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    report_unused: bool = False
    baseline: Path | None = None  # report only findings not recorded here
    jobs: int = 0  # worker processes; 0: one per core when there are many files
    force_exclude: bool = False  # exclude files named explicitly too (ruff's --force-exclude)
    follow_links: bool = False  # follow links out of the linted folders, and --fix writes through them
    keep_text: bool = True  # FileReport.text is the text (else only its line index)
    use_cache: bool = True  # the cache of compiled rules
    explain: str | None = None  # load every rule, even unselected ones (--explain)


@dataclass
class Project:
    """Settings resolved against the configuration files: the rules that run."""

    settings: Settings
    config: Config
    config_path: Path | None
    vale: Setup | None
    rules: list[Rule]  # selected, with configured levels
    loaded: list[Rule]  # everything loaded (--explain)
    known_ids: frozenset[str]  # every rule id that exists, selected or not
    min_level: Severity
    fail_level: Severity
    date: dt.date | None
    format: str
    notes: list[str] = field(default_factory=list)  # for standard error
    _ignoring: dict[frozenset[str], list[Rule]] = field(default_factory=dict, repr=False)

    def rules_for(self, name: str) -> list[Rule]:
        """The rules that run on the file ``name``: per-file ignores, then
        the sections of the Vale configuration."""
        rules = self.rules
        if self.config.per_file_ignores:
            ignored = frozenset(self.config.ignored_for(name))
            if ignored:
                hit = self._ignoring.get(ignored)
                if hit is None:  # one list per set of ignores: the Vale resolver caches by it
                    hit = self._ignoring[ignored] = select(rules, ignore=sorted(ignored))
                rules = hit
        if self.vale is not None:
            rules = self.vale.resolver.rules_for(name, rules)
        return rules

    def read_as(self, name: str) -> str | None:
        """The extension ``name`` is read as, when not its own: ``--ext``, or the
        Vale configuration's ``[formats]`` association (``mdx = md``)."""
        if self.settings.read_as:
            return self.settings.read_as
        if self.vale is not None:
            assoc = self.vale.config.read_as(name)
            if assoc is None and self.settings.vale_only and name.lower().endswith(".json"):
                return ".txt"  # Vale's command line: JSON is no format Vale knows, it lints it as text
            return assoc
        return None

    def fragment(self, name: str) -> str | None:
        """The markup that source code's comments are written in (Vale's ``[formats]
        py = md``), or None; not under ``--ext``, which says how to read the whole file."""
        if self.settings.read_as or self.vale is None:
            return None
        return self.vale.config.fragment(name)

    def html_options(self, name: str):
        """Under a Vale configuration, how an HTML, XML or DITA file is read the Vale way
        (``lint.readers.vale_html.HtmlOptions``); None otherwise (the news-page reader)."""
        from lint.readers import VALE_HTML_EXTENSIONS

        if self.vale is None or self.settings.ignore_syntax:
            return None
        low = (self.read_as(name) or os.path.splitext(name)[1]).lower()
        low = low if low.startswith(".") else "." + low
        return self.vale.config.html_options(name) if low in VALE_HTML_EXTENSIONS else None

    def reads(self, name: str) -> bool:
        """Whether a file found in a folder is linted: newslint's own formats, and,
        under a Vale configuration, every format it has a reader for (as Vale lints
        every file of a format it knows) -- all within ``--glob``."""
        from lint.readers import EXTENSIONS, OTHER_READERS, VALE_HTML_EXTENSIONS

        glob = self.settings.glob
        if glob is not None and not _glob_match(glob, name):
            return False
        low = (self.read_as(name) or os.path.splitext(name)[1]).lower()
        low = low if low.startswith(".") else "." + low
        return low in EXTENSIONS or (self.vale is not None and (low in OTHER_READERS or low in VALE_HTML_EXTENSIONS))


@functools.lru_cache(maxsize=8)
def _glob_pattern(glob: str):
    """``--glob`` compiled once per run, not once per file."""
    from lint.vale_config import glob_regex

    return glob_regex(glob[1:] if glob.startswith("!") else glob)


def _glob_match(glob: str, name: str) -> bool:
    """Vale's ``--glob``: its pattern (``*`` crosses folders) against the path; ``!`` negates."""
    neg = glob.startswith("!")
    pat = _glob_pattern(glob)
    path = name.replace(os.sep, "/").removeprefix("./")
    hit = pat.match(path) is not None or pat.match(path.rsplit("/", 1)[-1]) is not None
    return hit != neg


@dataclass
class FileReport:
    """What linting one file gave."""

    name: str  # the reported path
    text: str | LineIndex = ""  # the (fixed) text, or only its line index
    diags: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # could not be read: the message
    write_error: str | None = None  # --fix could not write the file (its findings are still reported)
    notes: list[str] = field(default_factory=list)  # for standard error: a fix not written, and why
    fixed: int = 0  # fixes applied
    diff: str = ""  # --diff: the unified diff
    fixed_stdin: str | None = None  # --fix on standard input: the fixed text
    # carried from the worker to the end of the run, then dropped
    sups: list[Suppression] = field(default_factory=list, repr=False)
    state: dict[str, Any] | None = field(default=None, repr=False)  # cross-article state by rule id
    fail_level: Severity = Severity.WARNING  # its project's failing level
    # --fix on standard input that is unreadable, or read but not fixable (not UTF-8, a Word file): the bytes
    passthrough: bytes | None = field(default=None, repr=False)
    not_article: bool = False  # error: a well-formed file with no news article in it (a folder's package.json)
    # a structured file (HTML, JSON, Word) with cross-article state: its article's offsets -> the file's
    remap: SpanMap | None = field(default=None, repr=False)


@dataclass
class Report:
    files: list[FileReport]  # the files linted, in order
    errors: list[tuple[str, str]]  # (path, message): files that could not be read
    unread_reports: list[FileReport] = field(default_factory=list, repr=False)
    searched: bool = True  # whether any lintable file was found
    excluded: int = 0  # files left out by `exclude`
    notes: list[str] = field(default_factory=list)  # for standard error: links not followed, fixes not written

    @property
    def diagnostics(self) -> Iterator[Diagnostic]:
        for f in self.files:
            yield from f.diags

    def unread(self) -> list[tuple[str, str]]:
        """``(path, problem)`` of each file that could not be read, the
        problem without the path in front (``line 3: ...`` when it has a line)."""
        out = []
        for path, message in self.errors:
            rest = message[len(path):] if message.startswith(path + ":") else message
            head, sep, tail = rest[1:].partition(": ")
            if rest.startswith(":") and sep and head.isdigit():
                rest = f"line {head}: {tail}"
            out.append((path, rest[2:] if rest.startswith(": ") else rest))
        return out

    def results(self) -> list[tuple[Any, list[Diagnostic]]]:
        """``(text, diagnostics)`` per file, as the formatters take them."""
        return [(f.text, f.diags) for f in self.files]

    @property
    def passthrough(self) -> list[bytes]:
        """``--fix`` on standard input that could not be read: its bytes, to give back unchanged."""
        return [f.passthrough for f in self.unread_reports if f.passthrough is not None]

    @property
    def failed(self) -> bool:
        """Whether the run itself failed: a file could not be read, or a
        suppression comment names no rule."""
        return bool(self.errors) or any(d.rule == "Newslint.UnknownRule" for d in self.diagnostics)

    def exit_code(self, fail_level: Severity | None = None, exit_zero: bool = False) -> int:
        """2 when the run failed, else 1 when a finding is at or above the
        failing level (``fail_level``, else each file's project's), else 0;
        ``exit_zero``: 0 rather than 1."""
        if self.failed:
            return EXIT_ERROR
        if exit_zero:
            return EXIT_CLEAN
        failing = any(d.severity >= (fail_level or f.fail_level) for f in self.files for d in f.diags)
        return EXIT_FINDINGS if failing else EXIT_CLEAN


# --------------------------------------------------------------------------
# Settings -> Project


def load_project(settings: Settings, start: Path) -> Project:
    """Find and read the configuration for a file or folder at ``start``,
    load and select the rules. Raises ``UsageError``."""
    from lint import config as configuration
    from lint.formats import FORMATS
    from lint.rules import RuleError

    s = settings
    cfg, cfg_path = configuration.Config.model_construct(), None
    if s.config is not None and not s.config.is_file():
        raise UsageError(f"{s.config}: no such configuration file")
    if not s.isolated:
        try:
            cfg_path = s.config or configuration.find(start)
            if cfg_path is not None:
                cfg = configuration.load(cfg_path)
        except configuration.ConfigError as exc:
            raise UsageError(str(exc)) from None
    vale = _vale_setup(s, start)

    fmt = s.format or cfg.format or "text"
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    min_level = s.min_level or _level(cfg.min_level or (vale.config.min_alert_level if vale else None) or "suggestion")
    fail_level = s.fail_level or _level(cfg.fail_level or ("error" if s.vale_exit else "warning"))
    if not s.use_cache:
        from lint import rule_cache

        rule_cache.disable()

    from lint import api

    builtin = s.builtin if s.builtin is not None else cfg.builtin
    chosen, skip = list(s.select or cfg.select), list(s.ignore or cfg.ignore)
    # select before compiling: rules not chosen are never compiled (--explain may show any rule)
    keep = api.selector(chosen, skip) if s.explain is None else None
    ids: list[str] = []
    try:
        loaded = api.load([*cfg.rule_folders(), *s.rules], builtin, keep=keep, ids=ids, data=cfg.data_overlays())
    except RuleError as exc:
        if exc.path == "data":  # a key of the configuration's `data:`
            raise UsageError(f"{cfg_path}: data: {exc.key!r} {exc.problem}") from None
        raise UsageError(str(exc)) from None
    notes: list[str] = []
    if vale is not None:
        loaded = [*loaded, *vale.rules]
        ids += [r.id for r in vale.rules]
        notes += vale.notes
    known = frozenset(ids) | frozenset(INTERNAL_RULES) | (vale.known_ids if vale is not None else frozenset())

    where = str(cfg_path) if cfg_path is not None else None
    from lint.rules import builtin_packs

    off = frozenset() if builtin else builtin_packs()
    check_names(chosen, known, "--select" if s.select else f"select in {where}", off, selecting=True)
    check_names(skip, known, "--ignore" if s.ignore else f"ignore in {where}", off)
    check_names(cfg.levels, known, f"levels in {where}", off)
    for glob, names in cfg.per_file_ignores.items():
        check_names(names, known, f"per-file-ignores {glob!r} in {where}", off)

    if vale is not None:  # Vale is lenient about names it does not know: a note, not an error
        ours = builtin_packs() - off
        for sec in vale.config._all_sections():
            for key in sec.checks:
                if "." in key and key.split(".", 1)[0] in ours and key not in known:
                    notes.append(f"{vale.config.path}: {key}: no such rule{did_you_mean(key, known)}")
    loaded = _with_levels(loaded, cfg.levels)
    selected = select(loaded, chosen, skip)
    if s.rule_filter is not None:
        from lint import vale_filter

        try:
            keeps = vale_filter.compile_filter(s.rule_filter)
        except vale_filter.FilterError as exc:
            raise UsageError(str(exc)) from None
        selected = [r for r in selected if keeps(vale_filter.fields(r))]
    vale_ids = {r.id for r in vale.rules} if vale is not None else set()
    from lint.rules import unknown_scopes

    for r in selected:  # rules from --rules or the configuration: the same note as .vale.ini's
        reason = getattr(r.checker, "skipped_reason", None)
        if reason and r.id not in vale_ids:
            notes.append(f"skipped {r.id} ({r.path}): {reason}")
        bad = unknown_scopes(r.spec.scope)
        if bad:  # a Vale style's (Vale reads them so): a note, the rule reads nothing there
            notes.append(f"{r.id} ({r.path}): scope {', '.join(map(repr, bad))} names no block newslint knows: "
                         "the rule matches nothing there, as in Vale")
    date = s.date if s.date is not None else cfg.date
    return Project(s, cfg, cfg_path, vale, selected, loaded, known, min_level, fail_level, date, fmt, notes)


def _level(name: str) -> Severity:
    if name not in LEVELS:
        raise UsageError(f"a level must be one of {', '.join(LEVELS)}, not {name!r}")
    return Severity.parse(name)


def _vale_setup(s: Settings, start: Path) -> Setup | None:
    """The Vale configuration in force (given, or found upward unless isolated)."""
    from lint.files import find_vale_config

    if s.vale_config is not None and not s.vale_config.is_file():
        raise UsageError(f"{s.vale_config}: no such Vale configuration file")
    found = s.vale_config or (None if s.isolated else find_vale_config(start))
    if found is None:
        return None
    from lint import vale_config
    from lint.rules import builtin_packs

    try:
        return vale_config.setup(found, builtin=builtin_packs(), only_named=s.vale_only, no_global=s.no_global)
    except vale_config.ValeConfigError as exc:
        raise UsageError(str(exc)) from None


def check_names(names: Iterable[str], known: frozenset[str], where: str, off: frozenset[str] = frozenset(),
                selecting: bool = False) -> None:
    """Every name is a rule id or a pack that exists; else a UsageError with
    a suggestion. ``off``: the built-in packs, when they are not loaded: to
    ignore them is harmless, to select them selects nothing (an error)."""
    packs = {k.split(".", 1)[0] for k in known}
    for name in names:
        if name in known or name in packs:
            continue
        if name.split(".", 1)[0] in off:
            if not selecting:
                continue
            raise UsageError(f"{name!r} in {where} is in a built-in pack, which is off (--no-builtin or builtin: false)")
        raise UsageError(f"unknown rule or pack {name!r} in {where}{did_you_mean(name, known | packs)}")


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else "; `newslint --list-rules` lists the rules"


def _with_levels(rules: list[Rule], levels: Mapping[str, str]) -> list[Rule]:
    if not levels:
        return rules
    out = []
    for r in rules:
        level = levels.get(r.id) or levels.get(r.pack)
        out.append(dataclasses.replace(r, spec=r.spec.model_copy(update={"level": level}), fixed_level=True) if level else r)
    return out


# --------------------------------------------------------------------------
# One text -> diagnostics


def lint_source(name: str, text: str, project: Project, *, rules: Sequence[Rule] | None = None,
                sups: list[Suppression] | None = None, maps: list | None = None) -> list[Diagnostic]:
    """Lint one file's text (BOM removed) with the rules that apply to ``name``:
    stamped findings with suppression comments applied, every level.

    ``sups``: when a list, the file's suppression comments are added to it
    (for cross-article findings and unused suppressions)."""
    from lint import api
    from lint.readers import ReadError

    rules = project.rules_for(name) if rules is None else rules
    read_as = project.read_as(name)
    comments = project.vale.config.comment_delimiters(name) if project.vale is not None else None
    try:
        return api.lint_text(name, text, rules, date=project.date, plain=project.settings.ignore_syntax,
                             sups=sups, known=project.known_ids, maps=maps, read_as=read_as,
                             fragment=project.fragment(name), html=project.html_options(name), comments=comments)
    except ReadError as exc:
        # under a Vale configuration, a JSON file that holds no news article is
        # text, as Vale reads it (a newsroom's ninjs files stay news)
        if not (exc.not_article and read_as is None and project.vale is not None and name.lower().endswith(".json")):
            raise
    return api.lint_text(name, text, rules, date=project.date, plain=project.settings.ignore_syntax,
                         sups=sups, known=project.known_ids, maps=maps, read_as=".txt", fragment=None,
                         comments=comments)


def lint_one(name: str, text: str, project: Project) -> list[Diagnostic]:
    """One buffer from start to end, as a run of one file would report it
    (no baseline): the language server's call."""
    sups: list[Suppression] = []
    maps: list = []
    rules = project.rules_for(name)
    diags = lint_source(name, text, project, rules=rules, sups=sups, maps=maps)
    fr = FileReport(name, text, diags, sups=sups, state=_export(rules, name), remap=maps[0] if maps else None)
    _finish_files([fr], rules, project)
    return fr.diags


# --------------------------------------------------------------------------
# Paths -> Report


def check_paths(paths: Sequence[str]) -> None:
    """Every path given exists (``-`` is standard input): else a UsageError."""
    missing = [p for p in paths if p != "-" and (p == "" or not os.path.lexists(p))]
    if missing:
        shown = ", ".join(repr(p) if p == "" else p for p in missing)
        raise UsageError(f"{shown}: no such file or directory")


class Projects:
    """The project of each file: its ``newslint.yaml`` and ``.vale.ini`` found
    upward from the file's own folder (as ruff finds the nearest
    configuration), loaded once per pair of files and again when one of them
    changes. ``--config``, ``--vale-config`` and ``--isolated`` fix them for
    every file. The command line and the language server both ask it."""

    def __init__(self, settings: Settings, roots: Sequence[Path] = ()):
        self.settings = settings
        self.roots = list(roots)  # where a file without a folder (standard input, a new buffer) starts
        self._cache: dict[tuple, Project] = {}

    def start(self, name: str) -> Path:
        p = Path(name)
        if name not in ("", "-") and p.parent.is_dir() and (p.is_absolute() or p.parent != Path(".") or p.exists()):
            return p.parent if not p.is_dir() else p
        return self.roots[0] if self.roots else Path.cwd()

    def for_path(self, name: str) -> Project:
        from lint import config as configuration
        from lint.files import find_vale_config

        start = self.start(name)
        s = self.settings
        try:
            cfg_path = s.config or (None if s.isolated else configuration.find(start))
        except configuration.ConfigError as exc:
            raise UsageError(str(exc)) from None
        found = (cfg_path, s.vale_config or (None if s.isolated else find_vale_config(start)))
        key = tuple((str(f), _mtime(f)) if f is not None else None for f in found)
        project = self._cache.get(key)
        if project is None:
            project = self._cache[key] = load_project(s, start)
        return project

    @property
    def loaded(self) -> list[Project]:
        return list(self._cache.values())


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def lint_paths(paths: Sequence[str], where: Project | Projects,
               progress: Callable[[int, int], None] | None = None) -> Report:
    """Discover, read, fix (when asked) and lint every file; cross-article
    findings; suppressions, level filter and baseline. ``where``: one
    project for every file, or ``Projects`` to find each file's own.
    Raises ``UsageError`` for a path that does not exist, a configuration
    that cannot be read or a baseline that cannot be read.
    ``progress(done, total)`` is called after each file."""
    from lint.files import discover

    s = where.settings
    check_paths(paths)
    known = _read_baseline(s.baseline) if s.baseline is not None else None
    errors: list[tuple[str, str]] = []
    walk_errors: list[str] = []
    notes: list[str] = []
    groups: dict[int, tuple[Project, list[tuple[int, str]]]] = {}  # files by project, in order
    total = excluded = not_news = 0
    named: set[int] = set()  # the files given by name (not found in a folder)
    by_folder: dict[str, Project] = {}  # within one run, the files of a folder share its configuration
    for path, explicit in discover(list(paths), walk_errors, notes, follow_links=s.follow_links, every_file=True):
        name = (s.stdin_filename or "-") if path == "-" else path
        if isinstance(where, Project):
            project = where
        else:
            folder = os.path.dirname(name) if path != "-" else "\0stdin"
            hit = by_folder.get(folder)
            project = hit if hit is not None else by_folder.setdefault(folder, where.for_path(name))
        if not explicit and not project.reads(name):  # a folder's other files (Vale's formats under a .vale.ini)
            continue
        if explicit and path != "-" and s.glob is not None and not _glob_match(s.glob, name):
            continue
        if (path != "-" or s.stdin_filename) and project.config.excluded(name) and (s.force_exclude or not explicit):
            excluded += 1
            continue
        groups.setdefault(id(project), (project, []))[1].append((total, path))
        if explicit:
            named.add(total)
        total += 1
    errors += [(e.split(": ", 1)[0], e) for e in walk_errors]
    # the text is needed at the end only for a baseline (fingerprints read the line)
    compact = not s.keep_text and known is None
    done: list[tuple[int, FileReport]] = []
    unread: list[FileReport] = []
    for project, files in groups.values():
        reports: list[tuple[int, FileReport]] = []
        for (index, _path), fr in zip(files, _results([p for _, p in files], project)):
            done_count = len(done) + len(reports) + 1
            if progress is not None:
                progress(done_count, total)
            if fr.error is not None and fr.not_article and index not in named:
                not_news += 1  # a folder's other JSON files: no article, no error
                continue
            if fr.error is not None:
                errors.append((fr.name, fr.error))
                unread.append(fr)
                continue
            if fr.write_error is not None:  # the file was read and linted: its findings stay
                errors.append((fr.name, fr.write_error))
            notes += fr.notes
            fr.fail_level = project.fail_level
            if fr.state:
                for rule in project.rules:
                    if rule.id in fr.state:
                        rule.checker.absorb(fr.name, fr.state[rule.id])
                fr.state = None
            if compact and isinstance(fr.text, str):
                from lint.positions import LineIndex

                fr.text = LineIndex.positions_only(fr.text)
            reports.append((index, fr))
        _finish_files([fr for _, fr in reports], project.rules, project)
        done += reports
    if not_news:
        notes.append(f"{not_news} .json file(s) in the folders hold no news article "
                     "(ninjs, a WordPress REST post or schema.org NewsArticle): skipped")
    done.sort(key=lambda pair: pair[0])
    files_done = [fr for _, fr in done]
    if known is not None:
        from lint import baseline

        base = s.baseline.resolve().parent if s.baseline is not None else None
        for fr in files_done:
            assert isinstance(fr.text, str)  # with a baseline, compact is False: the text was kept
            kept = [d for d in fr.diags if d.rule not in BASELINE_EXEMPT]
            new = baseline.filter_new(fr.text, kept, known, base)
            fr.diags = sorted(new + [d for d in fr.diags if d.rule in BASELINE_EXEMPT])
            if not s.keep_text:
                from lint.positions import LineIndex

                fr.text = LineIndex.positions_only(fr.text)
    return Report(files_done, errors, unread, searched=bool(total) or bool(errors), excluded=excluded, notes=notes)


# findings a baseline never records nor hides: a suppression comment that names no rule
BASELINE_EXEMPT = frozenset(("Newslint.UnknownRule",))


def _read_baseline(path: Path) -> Counter[str]:
    from lint import baseline

    try:
        return baseline.read(str(path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"cannot read baseline {path}: {exc}") from None


def _finish_files(reports: list[FileReport], rules: Sequence[Rule], project: Project) -> None:
    """After every file was linted: cross-article findings (stamped, then
    the file's suppressions), unused suppressions, the level filter."""
    from lint import suppress

    by_name = {fr.name: fr for fr in reports}
    for rule in rules:
        finish = getattr(rule.checker, "finish", None)
        if finish is None:
            continue
        for path, f in finish():
            fr = by_name.get(path)
            if fr is None:
                continue
            stamped = list(stamp(rule, path, [f]))
            if fr.remap is not None:  # found in the article's text: at the file's offsets
                stamped = fr.remap.to_source(stamped)
            kept = suppress.apply(stamped, fr.sups, {r.id for r in rules if "raw" in r.spec.scope})
            fr.diags = sorted(fr.diags + kept)
    for fr in reports:
        diags = fr.diags
        if project.settings.report_unused:
            diags = sorted(diags + [
                Diagnostic(fr.name, s.comment[0], s.comment[1], "Newslint.UnusedSuppression", Severity.WARNING,
                           "This suppression comment suppressed nothing.")
                for s in fr.sups if not s.used])
        fr.diags = [d for d in diags if d.severity >= project.min_level or d.rule == "Newslint.UnknownRule"]
        fr.sups = []


def _export(rules: Sequence[Rule], name: str) -> dict[str, Any] | None:
    from lint.engine import plan

    exporting = plan(rules).exporting
    if not exporting:
        return None
    return {r.id: r.checker.export(name) for r in exporting} or None


def _process(path: str, project: Project) -> FileReport:
    """Read, fix (if asked) and lint one file. Never raises for bad input."""
    from lint.files import ReadError, Snapshot, decode_article, read_file
    from lint.readers import ReadError as ArticleError

    s = project.settings
    name = (s.stdin_filename or "-") if path == "-" else path
    data = b""
    snapshot: Snapshot | None = None
    try:
        encoding = "utf-8"
        if path == "-":
            data = sys.stdin.buffer.read()
            text, bom, encoding = decode_article(data, name)
        else:
            text, bom, snapshot = read_file(path)
    except ReadError as exc:
        return FileReport(name, error=str(exc), passthrough=data if path == "-" and s.fix else None)
    rules = project.rules_for(name)
    res = FileReport(name)
    try:
        if (s.fix or s.diff) and name.lower().endswith(".docx"):
            res.notes.append(f"{name}: Word files take no fixes (newslint reads them, it does not write them); "
                             "the findings are reported")
            if path == "-" and s.fix:
                res.passthrough = data  # standard output gets the file as it came
        elif s.fix and path == "-" and encoding != "utf-8":
            res.notes.append(f"{name}: read as {encoding}, not UTF-8; not fixed (fixing would re-encode the whole "
                             "file): standard output gets it as it came")
            res.passthrough = data
        elif s.fix or s.diff:
            from lint.fixes import FixRefused, fix_until_stable, write_fixed

            def lint(t: str) -> list[Diagnostic]:
                return [d for d in lint_source(name, t, project, rules=rules) if d.severity >= project.min_level]

            diverging: set[str] = set()
            new, n = fix_until_stable(text, lint, s.unsafe_fixes, diverging)
            if diverging:
                res.notes.append(f"{name}: the fixes of {', '.join(sorted(diverging))} do not converge "
                                 "(each pass re-creates what it fixed); not applied")
            if n and new != text:
                if s.diff:
                    res.fixed = n
                    res.diff = _unified_diff(name, text, new)
                elif path != "-":
                    try:
                        write_fixed(path, new, bom, snapshot, s.follow_links)
                    except FixRefused as exc:  # the file as it was read is linted and reported
                        res.notes.append(f"{name}: {exc}")
                    except OSError as exc:
                        res.write_error = f"{name}: cannot write the fixed file: {exc.strerror or exc}"
                    else:
                        res.fixed, text = n, new
            if path == "-" and s.fix:  # like ruff: the fixed text goes to standard output
                res.fixed = n if n and new != text else 0
                res.fixed_stdin = text = new
        sups: list[Suppression] = []
        from lint.engine import plan

        maps: list | None = [] if plan(rules).exporting else None  # kept only for findings across articles
        diags = lint_source(name, text, project, rules=rules, sups=sups, maps=maps)
    except ArticleError as exc:
        return FileReport(name, error=str(exc), passthrough=data if path == "-" and s.fix else None,
                          not_article=exc.not_article)
    except Exception as exc:  # a bug in a check: report it, go on with the next file
        return FileReport(name, error=f"{name}: internal error, file skipped ({type(exc).__name__}: {exc}); please report it")
    res.text, res.diags, res.sups = text, diags, sups
    # cross-article state travels back from worker processes with the result
    res.state = _export(rules, name)
    if res.state and maps:
        res.remap = maps[0]
    return res


_POOL: Project | None = None  # inherited by forked workers
# With -j 0 (one worker per core), fewer files than this are linted in this
# process: starting a pool of two workers (forking a process that holds the
# compiled pack; each worker's first file slower) costs some 40-70 ms,
# several files' work. Measured on a shared 2-core machine (full pack,
# bench2000 files, in process, min of 9 runs): -j 2 against -j 1 at 5 files
# 214 vs 149 ms, at 10 files 339 vs 321 ms, at 20 files 676 vs 696 ms.
MIN_POOL_FILES = 16


def _pool_chunk(paths: list[str]) -> list[FileReport]:
    """A worker's files: their reports travel back with findings, suppressions
    and state, the text only when the run keeps it (else its line index,
    made here, as ``lint_paths`` would make it: a few bytes a line)."""
    assert _POOL is not None
    s = _POOL.settings
    compact = not s.keep_text and s.baseline is None
    out = []
    for path in paths:
        fr = _process(path, _POOL)
        if compact and isinstance(fr.text, str):
            from lint.positions import LineIndex

            fr.text = LineIndex.positions_only(fr.text)
        out.append(fr)
    return out


def _results(files: list[str], project: Project) -> Iterator[FileReport]:
    """FileReports in the order of ``files``, from a process pool when it pays.

    A worker that dies (the OOM killer, a crash in a C extension) breaks
    the pool: the files it may have been on are linted again, each alone in
    a fresh worker, and the one that kills its worker again is reported as
    an error of that file; the run goes on."""
    s = project.settings
    jobs = s.jobs or (os.cpu_count() or 1)
    fewest = MIN_POOL_FILES if not s.jobs else 8  # -j N asked for: a pool from 8 files, as before
    if jobs <= 1 or len(files) < fewest or "-" in files or s.fix:
        for path in files:
            yield _process(path, project)
        return
    global _POOL
    _POOL = project
    jobs = min(jobs, len(files))
    chunk = max(1, min(8, len(files) // (jobs * 4)))  # small runs spread over every worker
    chunks = [list(range(i, min(i + chunk, len(files)))) for i in range(0, len(files), chunk)]
    done: dict[int, FileReport] = {}  # finished, not yet handed out (out of order only after a lost worker)
    lost: list[list[int]] = []
    out = 0
    for i, fr in _run_pool(files, chunks, jobs, lost):
        done[i] = fr
        while out in done:
            yield done.pop(out)
            out += 1
    for retry_round in (1, 2):  # the files of lost chunks: each as its own task, then each in its own pool
        if not lost:
            break
        again: list[list[int]] = []
        per_file = [[i] for c in lost for i in c]
        for i, fr in _run_pool(files, per_file, jobs, again, alone=retry_round == 2):
            done[i] = fr
        lost = again
    while out < len(files):
        yield done.pop(out)
        out += 1


def _run_pool(files: list[str], chunks: list[list[int]], jobs: int, lost: list[list[int]],
              alone: bool = False) -> Iterator[tuple[int, FileReport]]:
    """``(index, report)`` of each file of ``chunks`` (indices into ``files``),
    linted in a pool of ``jobs`` workers, in order; the chunks lost to a dead
    worker go to ``lost``. ``alone``: every chunk (one file) in its own
    pool, so that a file that kills its worker is known and reported."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork")
    if alone:
        for c in chunks:
            try:
                with ProcessPoolExecutor(1, mp_context=ctx, initializer=_worker_init) as ex:
                    (fr,) = ex.submit(_pool_chunk, [files[c[0]]]).result()
            except BrokenProcessPool:
                name = files[c[0]]
                fr = FileReport(name, error=f"{name}: the worker process linting it died "
                                            "(killed, or out of memory); file skipped")
            yield c[0], fr
        return
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_init) as ex:
        futures = [(c, ex.submit(_pool_chunk, [files[i] for i in c])) for c in chunks]
        for c, fut in futures:
            try:
                yield from zip(c, fut.result())
            except BrokenProcessPool:
                lost.append(c)


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the pool, no trace per worker
    # a worker is ours: the engine's time limit uses SIGALRM there, whatever handler the host program had
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _unified_diff(name: str, old: str, new: str) -> str:
    import difflib as dl

    return "".join(dl.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"))

