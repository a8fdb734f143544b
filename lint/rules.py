"""Loading rule files: YAML -> pydantic model -> compiled checker.

A rule whose file (and data files) the rule cache knows is read back from
it (lint/rule_cache.py) and compiled without YAML or pydantic: both are
imported only when a rule file is new or changed (``lint.spec``).

A rule is one YAML file; a pack is a folder; the rule id is ``Pack.Rule``.
Every error names the file, the line and the key (``RuleError``), and is
raised at load time, never in the middle of a run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_origin

from lint import safe_yaml
from lint.article import CODE_SCOPES, SCOPES
from lint.model import Severity
from lint.spec import BaseModel, ConfigDict, Field, field_validator, model_validator

RULE_SUFFIXES = (".yml", ".yaml")


class RuleError(Exception):
    """A broken rule file: ``path:line: key: what is wrong``."""

    def __init__(self, path: str, line: int | None, key: str | None, problem: str):
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else path
        what = f"{key}: {problem}" if key else problem
        super().__init__(f"{where}: {what}")


# --------------------------------------------------------------------------
# The keys every rule shares (Vale's, plus newslint's `examples`).


class Example(BaseModel):
    """One example: the text, optionally the flagged text and a date."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    flag: list[str] = Field(default_factory=list)  # the text of each flagged span
    date: dt.date | None = None  # publication date to lint the example with
    article: bool = False  # parse as a whole article (headline, byline ...)
    format: Literal["txt", "md"] = "txt"

    @field_validator("flag", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


def none_is_empty_list(v: Any) -> Any:
    """A before-validator: a key left empty in YAML (``known:``) is an empty list."""
    return [] if v is None else v


def none_is_empty_mapping(v: Any) -> Any:
    """A before-validator: a key left empty in YAML (``names:``) is an empty mapping."""
    return {} if v is None else v


def _examples(v: Any) -> Any:
    return [{"text": x} if isinstance(x, str) else x for x in v] if isinstance(v, list) else v


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    fire: list[Example] = Field(default_factory=list)  # must produce a finding
    # "pass" is a Python keyword, hence the alias
    ok: list[Example] = Field(default_factory=list, alias="pass")

    _norm_fire = field_validator("fire", mode="before")(_examples)
    _norm_ok = field_validator("ok", mode="before")(_examples)


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = ""
    params: list[str] = Field(default_factory=list)


Level = Literal["suggestion", "warning", "error"]


class RuleBase(BaseModel):
    """Keys that every check type accepts (Vale's common keys)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    extends: str
    message: str = ""
    description: str = ""
    level: Level = "warning"  # Vale's default: its check manager sets "warning" when a rule has none
    scope: list[str] = Field(default_factory=lambda: ["text"])
    link: str = ""
    limit: int = 0  # at most this many findings per file (0: no limit)
    action: Action | None = None
    # Vale's: a `replace` suggestion cased like the text it replaces ("A-OK" for "a ok":
    # "a-ok"; lint/checks/_vale.match_case); capitalization rules ignore it, as in Vale
    matchcase: bool = False
    code: bool = False  # accepted for Vale compatibility; code is never prose
    examples: Examples | None = None
    # newslint's: rule ids whose findings this rule's findings give way to
    # where they overlap (one problem, reported once, by the more specific rule)
    yields_to: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _weak_lists(cls, data: Any) -> Any:
        """``raw: <pattern>``: Vale (mapstructure, weakly typed) reads the string as a list of one.

        Only ``raw``, whose items are concatenated anyway; ``tokens: word``
        stays an error (a list was surely meant)."""
        if (
            isinstance(data, dict)
            and isinstance(data.get("raw"), str)
            and get_origin(cls.model_fields.get("raw") and cls.model_fields["raw"].annotation) is list
        ):
            data = {**data, "raw": [data["raw"]]}
        return data

    @field_validator("scope", mode="before")
    @classmethod
    def _scope_list(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list):  # "~blockquote & ~heading": every part must hold (Vale)
            v = [p.strip() for s in v for p in (s.split("&") if isinstance(s, str) and "&" in s else [s])]
        return v

    @field_validator("scope")
    @classmethod
    def _known_scopes(cls, v: list[str]) -> list[str]:
        bad = unknown_scopes(v)
        if bad and not LENIENT_SCOPES:
            raise ValueError(f"unknown scope {bad[0]!r} (known: text, {', '.join(SCOPES)})")
        return v


# True while the styles of a Vale configuration load (lint/vale_config.py):
# Vale reads a scope it does not know ("$paragraph", "figure.caption") as one
# that matches nothing, where newslint's own packs and --rules call it an error.
# The run notes each such rule (lint/pipeline.py).
LENIENT_SCOPES = False


def unknown_scopes(scope: list[str]) -> list[str]:
    """The scopes of a rule that name no block newslint knows, prose or code."""
    return [s for s in scope if (n := s.lstrip("~").split(".")[0]) not in SCOPES and n not in _VALE_SCOPES
            and n not in _CODE_SCOPES and n not in CODE_SCOPES]


# Vale's scope names that map onto newslint's blocks.
_VALE_SCOPES = {
    "text": None,
    "raw": None,
    "summary": None,
    "title": "headline",
    "heading": "heading",
    "paragraph": "paragraph",
    "list": "list",
    "blockquote": "paragraph",
    "table": None,
    "alt": None,
    # the text of links, strong and emphasised text, read apart from the blocks, and
    # HTML figure captions (lint/checks/_vale.py ScopeFilter, inline_blocks)
    "link": None,
    "strong": None,
    "emphasis": None,
    "figure": None,
    "code": None,
    "comment": "comment",  # a source file's comments; "comment.line", "comment.block": lint/checks/_vale.py
}


# Vale's scopes of source code (a language's name, or "code"): no prose block of
# a .md/.txt file is in one, so a rule scoped only so reads nothing there.
# ("comment" is a block scope: the comments of a source file, lint/readers/code.py.)
_CODE_SCOPES = frozenset((
    "code", "string", "python", "py", "go", "golang", "ruby", "rb", "c", "cpp", "cs", "csharp",
    "java", "js", "javascript", "ts", "typescript", "jsx", "tsx", "rust", "rs", "php", "swift", "kotlin",
    "scala", "perl", "lua", "r", "julia", "haskell", "elixir", "clojure", "shell", "sh", "bash", "css",
    "sass", "less", "sql", "yaml", "json", "toml", "protobuf", "proto", "dart", "zig", "nim",
))


def resolve_scopes(scope: list[str]) -> frozenset[str]:
    """Turn a rule's ``scope`` into the set of block scopes it reads."""
    text = frozenset(("headline", "standfirst", "byline", "paragraph", "heading", "list"))
    include: set[str] = set()
    exclude: set[str] = set()
    for s in scope:
        neg = s.startswith("~")
        name, _, qualifier = s.lstrip("~").partition(".")
        if (neg and qualifier) or (neg and name in ("blockquote", "table", "alt", "link", "strong", "emphasis")):
            # "~heading.h1" drops a subset of the headings, "~blockquote" the
            # quoted paragraphs, "~table" the table cells, "~alt" the image alt
            # texts: the Vale check types narrow by level, format, quoting,
            # cells and alts themselves (lint/checks/_vale.py ScopeFilter)
            continue
        if name == "text" and qualifier.startswith("comment"):
            names = {"comment"}  # "text.comment.line": Vale's full name of a comment scope
        elif name in ("text", "raw", "summary"):
            names = set(text) | {"comment"}  # a source file's comments are its text
        elif name in ("table", "alt", "link", "strong", "emphasis", "figure"):
            names = set(text)  # narrowed to cells, alt texts, inline texts, captions by ScopeFilter
        elif name in SCOPES or name in CODE_SCOPES:
            names = {name}
        else:
            vale_scope = _VALE_SCOPES.get(name)
            names = {vale_scope} if vale_scope else set()
        if "heading" in names and name != "text":
            names.add("headline")  # a Markdown "#" heading read as the headline
        (exclude if neg else include).update(names)
    if not include:
        unknown = set(unknown_scopes(scope))

        def no_prose(s: str) -> bool:  # a scope of code, or one that matches nothing (unknown, Vale's reading)
            return s.split(".")[0] in _CODE_SCOPES or s in unknown

        if any(not s.startswith("~") and no_prose(s) for s in scope) and all(s.startswith("~") or no_prose(s) for s in scope):
            return frozenset()  # only code scopes, or scopes that match nothing: nothing in prose
        include = set(text) | {"comment"}
    return frozenset(include - exclude)


# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """A loaded, validated and compiled rule."""

    id: str  # "Pack.Rule"
    path: str
    spec: RuleBase  # the validated YAML
    checker: Any  # the compiled check (see lint/checks)
    scopes: frozenset[str]
    # the level was set by the user (``levels:``, a .vale.ini level): it wins
    # over the level a check gives one finding (``Finding.level``)
    fixed_level: bool = False

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def severity(self) -> Severity:
        return Severity.parse(self.spec.level)


def _line_of(path: str, text: str, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (a pydantic error path)."""
    import yaml

    try:
        node = safe_yaml.compose(text, safe_yaml.RULE)
    except (yaml.YAMLError, safe_yaml.LimitError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == part:
                    line = k.start_mark.line + 1
                    node = v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _key_of(loc: tuple[Any, ...]) -> str:
    keys = [str(p) for p in loc if not str(p).startswith("function-")]
    return ".".join(keys) if keys else "(top level)"


def _load_yaml(text: str) -> Any:
    """YAML as Vale's Go loader reads it: like PyYAML, but ``\\'`` inside a
    double-quoted string is accepted as a quote (styles in the wild use it).
    Read with limits (``lint.safe_yaml``): raises ``safe_yaml.LimitError``."""
    import yaml

    try:
        return safe_yaml.load(text, safe_yaml.RULE)
    except yaml.YAMLError as exc:
        if "unknown escape character" not in str(getattr(exc, "problem", "")) or "\\'" not in text:
            raise
        return safe_yaml.load(text.replace("\\'", "'"), safe_yaml.RULE)


def parse_rule_file(path: str, text: str, rule_id: str) -> Rule:
    """Parse, validate and compile one rule file's text."""
    import yaml
    from pydantic import ValidationError

    from lint.checks import REGISTRY, SPLIT_TYPES

    try:
        data = _load_yaml(text)
    except safe_yaml.LimitError as exc:
        raise RuleError(path, exc.line, None, exc.problem) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(path, mark.line + 1 if mark else None, None, f"invalid YAML: {problem}") from None
    except ValueError as exc:  # a date that does not exist (an example's `date: 2024-02-30`)
        raise _date_error(path, text, exc) from None
    if not isinstance(data, dict):
        raise RuleError(path, 1, None, "a rule file must be a YAML mapping")
    extends = data.get("extends")
    if extends is None:
        raise RuleError(path, 1, "extends", "missing: every rule names its check type")
    module = REGISTRY.get(extends) if isinstance(extends, str) else None
    if module is None and isinstance(extends, str) and extends in SPLIT_TYPES:
        raise RuleError(path, _line_of(path, text, ("extends",)), "extends", SPLIT_TYPES[extends])
    if module is None:
        known = ", ".join(sorted(REGISTRY))
        raise RuleError(path, _line_of(path, text, ("extends",)), "extends", f"unknown check type {extends!r} (known: {known})")
    for key in getattr(module, "DATA_KEYS", ()):
        if isinstance(data.get(key), str):
            data[key] = load_data_file(Path(path).parent / data[key], path, text, key)
    try:
        spec = module.Params.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            problem = "unknown key"
        else:
            problem = err["msg"]
        raise RuleError(path, _line_of(path, text, loc), _key_of(loc), problem) from None
    from lint.checks.base import CompileContext

    try:
        checker = module.compile(spec, CompileContext.for_rule(path))
    except RuleError:
        raise
    except CompileError as exc:
        raise RuleError(path, _line_of(path, text, exc.loc), _key_of(exc.loc), exc.problem) from None
    return Rule(rule_id, path, spec, checker, resolve_scopes(spec.scope))


_DATA_CACHE: dict[str, Any] = {}
_DEPS: list[str] | None = None  # data files read while parsing one rule (lint/rule_cache.py)


def load_data_file(target: Path, rule_path: str, rule_text: str, key: str) -> Any:
    """A pack's YAML data file named by a rule key, relative to the rule file.

    Check modules list such keys in ``DATA_KEYS``; the loader replaces the
    file name by the parsed data before validation, so checks never read
    files. Errors name the data file and its line, or the rule's key.
    """
    name = str(target)

    def bad(problem: str) -> RuleError:
        return RuleError(rule_path, _line_of(rule_path, rule_text, (key,)), key, problem)

    try:
        resolved = target.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise bad(f"cannot read data file {name!r}: {exc}") from None
    pack = Path(rule_path).parent.resolve()  # data files live in the rule's pack folder (links resolved)
    if not resolved.is_relative_to(pack):
        via = f" (it leads to {str(resolved)!r})" if resolved != Path(os.path.abspath(target)) else ""
        raise bad(f"data file {name!r}{via} is outside the pack folder {str(pack)!r}")
    cache_key = str(resolved)
    if _DEPS is not None:  # the rule cache records what a rule read
        _DEPS.append(cache_key)
    if cache_key not in _DATA_CACHE:
        _DATA_CACHE[cache_key] = _read_data(resolved, name, bad)
    value = _DATA_CACHE[cache_key]
    extra = None
    if OVERLAYS:
        # the key as the configuration writes it (the pack folder's name and
        # the path inside it, as named: a linked folder or file counts by its
        # name), or by what the links resolve to
        folder = Path(rule_path).parent
        named = Path(os.path.normpath(os.path.relpath(os.path.abspath(target), os.path.abspath(folder)))).as_posix()
        for key in (f"{folder.name}/{named}", f"{pack.name}/{resolved.relative_to(pack).as_posix()}"):
            if key in OVERLAYS:
                extra = OVERLAYS[key]
                break
    if extra:  # the configuration's `data:` adds to this file
        for more in extra:
            def bad_overlay(problem: str, more: Path = more) -> RuleError:
                return RuleError(str(more), None, None, problem)

            try:
                value = overlay(value, _read_data(more, str(more), bad_overlay))
            except _Mismatch as exc:
                raise RuleError(str(more), None, exc.key, f"must be a {exc.kind}, as in {name}") from None
    return value


# The configuration's `data:` (lint/config.py): "Pack/path/in/pack.yml" ->
# files whose lists and mappings are added to that data file's, set by
# lint.api.load while it loads rules; the rule cache is bypassed for packs
# that have some (their compiled rules depend on the configuration).
OVERLAYS: dict[str, list[Path]] = {}


class _Mismatch(Exception):
    def __init__(self, key: str, kind: str):
        self.key, self.kind = key, kind


def overlay(base: Any, extra: Any, key: str = "") -> Any:
    """``extra`` added to ``base``: lists are concatenated, mappings merged
    key by key (recursively), anything else replaced; a list or mapping
    given as something else is a ``_Mismatch``."""
    if isinstance(base, dict):
        if not isinstance(extra, dict):
            raise _Mismatch(key or "(the file)", "mapping")
        out = dict(base)
        for k, v in extra.items():
            out[k] = overlay(base[k], v, f"{key}.{k}" if key else str(k)) if k in base else v
        return out
    if isinstance(base, list):
        if not isinstance(extra, list):
            raise _Mismatch(key or "(the file)", "list")
        return base + extra
    return extra


def _read_data(resolved: Path, name: str, bad: Callable[[str], RuleError]) -> Any:
    import yaml

    try:
        raw = safe_yaml.read_text(resolved, safe_yaml.DATA.size)
    except safe_yaml.LimitError as exc:  # a FIFO, a device, a huge file
        raise bad(f"cannot read data file {name!r}: {exc.problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise bad(f"cannot read data file {name!r}: {exc}") from None
    try:
        return safe_yaml.load(raw, safe_yaml.DATA)
    except safe_yaml.LimitError as exc:
        raise RuleError(name, exc.line, None, exc.problem) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(name, mark.line + 1 if mark else None, None, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except ValueError as exc:
        raise _date_error(name, raw, exc) from None


def _date_error(path: str, text: str, exc: ValueError) -> RuleError:
    from lint.dates import yaml_date_error

    where = yaml_date_error(text)
    if where is None:
        return RuleError(path, None, None, str(exc))
    return RuleError(path, where[0], where[1], where[2])


class CompileError(Exception):
    """Raised by a check's ``compile`` for a value pydantic cannot judge."""

    def __init__(self, loc: tuple[Any, ...], problem: str):
        super().__init__(problem)
        self.loc, self.problem = loc, problem


def load_pack(folder: Path, keep: Callable[[str], bool] | None = None, skipped: list[tuple[str, str]] | None = None) -> list[Rule]:
    """Every rule of one pack folder, sorted by id.

    ``keep``: a predicate on rule ids (``Pack.Rule``, known from the file
    name): rules it rejects are neither read nor compiled; their ``(id, path)``
    go to ``skipped`` (when given) so duplicate ids are still found."""
    from lint import regexes
    from lint.rule_cache import PackCache

    rules: list[Rule] = []
    pack = folder.name
    cache = PackCache(folder)
    names: set[str] = set()
    with regexes.scope(cache.programs, cache.used):  # the programs its rules compile: kept in its cache file
        _load_entries(folder, pack, cache, names, rules, keep, skipped)
    cache.finish_programs(whole=keep is None)
    if keep is None:
        cache.keep_only(names)
    cache.save()
    return rules


def _load_entries(folder: Path, pack: str, cache: Any, names: set[str], rules: list[Rule],
                  keep: Callable[[str], bool] | None, skipped: list[tuple[str, str]] | None) -> None:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.is_file() or not entry.name.endswith(RULE_SUFFIXES):
            continue
        names.add(entry.name)
        stem = entry.name.rsplit(".", 1)[0]
        path = entry.path
        if keep is not None and not keep(f"{pack}.{stem}"):
            if skipped is not None:
                skipped.append((f"{pack}.{stem}", path))
            continue
        try:
            text = safe_yaml.read_text(path, safe_yaml.RULE.size)
        except (OSError, UnicodeDecodeError, safe_yaml.LimitError) as exc:
            raise RuleError(path, None, None, f"cannot read: {exc}") from None
        rules.append(_parse_cached(cache, entry.name, path, text, f"{pack}.{stem}"))


def _parse_cached(cache: Any, name: str, path: str, text: str, rule_id: str) -> Rule:
    """``parse_rule_file`` through the cache of validated rules (lint/rule_cache.py):
    a hit is compiled from the cached spec, without YAML or pydantic."""
    global _DEPS
    overlaid = any(k.startswith(rule_id.split(".", 1)[0] + "/") for k in OVERLAYS)
    if overlaid:  # compiled with the configuration's data: not cached
        return parse_rule_file(path, text, rule_id)
    from lint.checks import REGISTRY
    from lint.checks.base import CompileContext

    spec = cache.get(name, path, text)
    module = REGISTRY.get(spec.extends) if spec is not None else None
    if module is not None:
        try:
            checker = module.compile(spec, CompileContext.for_rule(path))
            return Rule(rule_id, path, spec, checker, resolve_scopes(spec.scope))
        except Exception:
            pass
    deps: list[str] = []
    _DEPS = deps
    try:
        rule = parse_rule_file(path, text, rule_id)
    finally:
        _DEPS = None
    if not getattr(REGISTRY.get(rule.spec.extends), "READS_FILES", False):  # those read files when compiling
        cache.put(name, path, text, deps, rule.spec)
    return rule


def load_rules(root: Path, keep: Callable[[str], bool] | None = None, skipped: list[tuple[str, str]] | None = None) -> list[Rule]:
    """Rules under ``root``: a folder of packs, or a single pack folder.

    ``keep`` and ``skipped``: see ``load_pack`` (select before compiling)."""
    if not root.is_dir():
        raise RuleError(str(root), None, None, "not a folder of rule packs")
    rules: list[Rule] = []
    passed: list[tuple[str, str]] = []
    if any(p.suffix in RULE_SUFFIXES for p in root.iterdir() if p.is_file()):
        rules.extend(load_pack(root, keep, passed))  # a single pack (its subfolders hold data)
    else:
        # "config" under a Vale StylesPath holds vocabularies and views, not rules
        for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")) and p.name != "config"):
            rules.extend(load_pack(sub, keep, passed))
    seen: dict[str, str] = {}
    for rid, path in [(r.id, r.path) for r in rules] + passed:
        if rid in seen:
            raise RuleError(path, 1, None, f"duplicate rule id {rid} (also {seen[rid]})")
        seen[rid] = path
    if skipped is not None:
        skipped.extend(passed)
    return rules


def builtin_packs() -> frozenset[str]:
    """The names of the built-in packs (``News``)."""
    root = builtin_rules_dir()
    return frozenset(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the wheel, or ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    if installed.is_dir():
        return installed
    return here.parent / "rules"
