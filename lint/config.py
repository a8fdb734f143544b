"""newslint's own configuration: one pydantic model, three places.

Found upward from the first linted path (or the current folder):
``newslint.yaml``, ``.newslint.yaml``, or ``[tool.newslint]`` in
``pyproject.toml`` (the nearest folder that has one wins; in one folder the
YAML files come first). Paths in it are relative to the file's folder.
Command-line options override it.

    rules: [house-style/]          # rule folders to load besides the built-in packs
    builtin: true                  # load the built-in packs
    select: [News]                 # rule ids or packs; empty: all
    ignore: [News.GluedDash]
    levels: {News.ScraperResidue: suggestion}   # per-rule level
    per-file-ignores: {"archive/**": [News.MissingByline]}
    exclude: ["drafts/**"]         # paths never linted (globs)
    fail-level: warning
    min-level: suggestion
    date: 2024-09-17               # default publication date
    format: text
    data:                          # add to a built-in data file: lists appended, mappings merged
      News/data/page-chrome.yml: house/page-chrome.yml
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path
from typing import Any, Literal

from lint import safe_yaml
from lint.spec import BaseModel, ConfigDict, Field, field_validator

Level = Literal["suggestion", "warning", "error"]
NAMES = ("newslint.yaml", ".newslint.yaml", "pyproject.toml")


class ConfigError(Exception):
    pass


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    rules: list[str] = Field(default_factory=list)
    builtin: bool = True
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    levels: dict[str, Level] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    exclude: list[str] = Field(default_factory=list)
    fail_level: Level | None = Field(default=None, alias="fail-level")
    min_level: Level | None = Field(default=None, alias="min-level")
    date: dt.date | None = None
    format: str | None = None
    # "Pack/path/in/pack.yml" -> the house's files that add to it
    data: dict[str, list[str]] = Field(default_factory=dict)
    root: Path | None = Field(default=None, exclude=True)  # the folder of the file

    @field_validator("data", mode="before")
    @classmethod
    def _one_file(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {k: [f] if isinstance(f, str) else f for k, f in v.items()}
        return v

    def data_overlays(self) -> dict[str, list[Path]]:
        base = self.root or Path.cwd()
        return {k.strip("/"): [base / f for f in files] for k, files in self.data.items()}

    def rule_folders(self) -> list[Path]:
        base = self.root or Path.cwd()
        return [base / r for r in self.rules]

    def _relative(self, path: str) -> str:
        p = Path(path).resolve()
        base = (self.root or Path.cwd()).resolve()
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            return p.as_posix()

    def excluded(self, path: str) -> bool:
        rel = self._relative(path)
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(rel, g.rstrip("/") + "/*") for g in self.exclude)

    def ignored_for(self, path: str) -> set[str]:
        rel = self._relative(path)
        out: set[str] = set()
        for glob, names in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob):
                out.update(names)
        return out


def find(start: Path) -> Path | None:
    """The configuration file that applies to ``start``, or None.

    A ``pyproject.toml`` counts only with a ``[tool.newslint]`` table. One
    that cannot be read (no permission, an I/O error, too big) is a
    ``ConfigError``, not skipped: it is the nearest candidate, and
    skipping it would silently apply a configuration further up (or none)."""
    from lint.files import find_upward

    def ours(f: Path) -> bool:
        if f.name != "pyproject.toml":
            return True
        try:
            raw = safe_yaml.read_text(f, PYPROJECT_SIZE, errors="replace")  # bad bytes: load() says so
        except (OSError, safe_yaml.LimitError) as exc:
            raise ConfigError(f"{f}: cannot read while looking for [tool.newslint]: {_reason(exc)}") from None
        return "[tool.newslint]" in raw

    return find_upward(start, NAMES, ours)


PYPROJECT_SIZE = 4 * safe_yaml.MB


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 (byte {exc.start})"
    return str(exc)


def load(path: Path) -> Config:
    data: Any
    try:
        raw = safe_yaml.read_text(path, PYPROJECT_SIZE if path.name == "pyproject.toml" else safe_yaml.CONFIG.size)
    except (OSError, UnicodeDecodeError, safe_yaml.LimitError) as exc:
        raise ConfigError(f"{path}: cannot read: {_reason(exc)}") from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(raw).get("tool", {}).get("newslint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        except RecursionError:  # tomllib recurses on nested arrays and inline tables
            raise ConfigError(f"{path}: invalid TOML: nested too deep") from None
    else:
        import yaml

        try:
            data = safe_yaml.load(raw, safe_yaml.CONFIG) or {}
        except safe_yaml.LimitError as exc:
            raise ConfigError(f"{path}:{exc.line or 1}: {exc.problem}") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ConfigError(f"{path}:{mark.line + 1 if mark else 1}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
        except ValueError as exc:  # a date that does not exist: 2024-02-30
            from lint.dates import yaml_date_error

            where = yaml_date_error(raw)
            if where is None:
                raise ConfigError(f"{path}: {exc}") from None
            raise ConfigError(f"{path}:{where[0]}: {where[1]}: {where[2]}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping")
    from pydantic import ValidationError  # a configuration file is validated (lint.spec)

    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        problem = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        line = _line(raw, str(err["loc"][0])) if path.name != "pyproject.toml" else None
        at = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{at}: {key}: {problem}") from None
    return cfg.model_copy(update={"root": path.parent})


def _line(raw: str, key: str) -> int | None:
    for n, line in enumerate(raw.splitlines(), 1):
        if line.lstrip().startswith((f"{key}:", f'"{key}":')):
            return n
    return None
