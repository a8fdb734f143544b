"""Vale's sub-commands, so that a Vale user's scripts run unchanged.

``newslint ls-config``, ``ls-dirs``, ``ls-metrics FILE``, ``sync`` and ``fix ALERT``
answer as ``vale`` does (the first positional argument names the command when
no file or folder of that name exists):

* ``ls-config``: the configuration in force, as JSON with Vale's field names
  (``StylesPath``, ``Paths``, ``MinAlertLevel``, ``Vocab``, ``GBaseStyles``,
  ``SBaseStyles``, ``GChecks``, ``SChecks``, ``Formats``, ``BlockIgnores``/``TokenIgnores``
  (newslint keeps one list per section), ``IgnoredScopes``, ``SkippedScopes``, ``ConfigFiles``);
* ``ls-dirs``: where Vale's files are looked for: the StylesPath, the
  configuration, Vale's default StylesPath and the user-level configuration,
  each with whether it exists;
* ``ls-metrics FILE``: the readability variables of a file (the ``metric``
  check type's) as JSON;
* ``sync``: installs the ``Packages`` the configuration names into its
  StylesPath. A package given as a folder or a ``.zip`` on disk is installed
  as Vale installs it (its styles; its ``.vale.ini`` into ``.vale-config/``);
  one given by name or URL is downloaded, and a download that fails names the
  package and why, and the run exits 2 (nothing half-installed is left:
  each package is unpacked into a temporary folder first);
* ``fix ALERT``: the suggestions for one alert of Vale's JSON output (its
  ``Action``): ``replace`` gives its parameters, ``remove`` the empty string,
  ``edit`` applies ``regex``/``trim``/``trim_left``/``trim_right``/``truncate``/``split``
  to the match, then strips it of surrounding blanks, as Vale's FixAlert
  (lint/checks/_vale.action_fixes, the same code as the fixes of a lint run);
  a wrong number of parameters, a bad regex or an index out of range is
  Vale's ``error``. ``suggest`` (spelling suggestions) is not computed: an error says so.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

COMMANDS = ("ls-config", "ls-dirs", "ls-metrics", "sync", "fix")
LIBRARY = "https://raw.githubusercontent.com/errata-ai/styles/master/library.json"


class CommandError(Exception):
    """A sub-command that cannot do what it was asked: the message says why (exit 2)."""


def is_command(paths: list[str] | None) -> bool:
    """Whether the command line names a Vale sub-command (and no path of that name exists)."""
    return bool(paths) and paths[0] in COMMANDS and not os.path.exists(paths[0])  # type: ignore[index]


def run(paths: list[str], vale_config: Path | None, no_global: bool) -> int:
    from lint import vale_config as vc
    from lint.files import find_vale_config

    name, args = paths[0], paths[1:]
    if name == "fix":
        if len(args) != 1:
            raise CommandError("fix: give one alert, as JSON (one alert of --output=JSON) or a file holding it")
        print(json.dumps(fix(args[0]), indent=2))
        return 0
    if name == "ls-metrics":
        if len(args) != 1:
            raise CommandError("ls-metrics: give one file")
        print(json.dumps(metrics(Path(args[0])), indent=2, sort_keys=True))
        return 0
    found = vale_config or find_vale_config(Path.cwd())
    if name == "ls-dirs":
        print(ls_dirs(found))
        return 0
    if found is None or not found.is_file():
        raise CommandError(f"{name}: no Vale configuration (.vale.ini) found from {Path.cwd()}")
    if name == "sync":
        for line in sync(found):
            print(line)
        return 0
    try:
        cfg = vc.load(found, no_global=no_global)
    except vc.ValeConfigError as exc:
        raise CommandError(str(exc)) from None
    print(json.dumps(ls_config(cfg), indent=2))
    return 0


def ls_config(cfg) -> dict[str, Any]:
    g = cfg.global_section
    return {
        "ConfigFiles": [str(cfg.path)],
        "StylesPath": str(cfg.styles_path) if cfg.styles_path else "",
        "Paths": [str(p) for p in cfg.style_paths()],
        "MinAlertLevel": ["suggestion", "warning", "error"].index(cfg.min_alert_level),
        "Vocab": list(cfg.vocab),
        "IgnoredScopes": list(cfg.ignored_scopes),
        "SkippedScopes": list(cfg.skipped_scopes),
        "Formats": dict(cfg.formats),
        "GBaseStyles": list(g.base_styles or []) if g else [],
        "GChecks": {k: v != "NO" for k, v in (g.checks.items() if g else ())},
        "SBaseStyles": {s.name: list(s.base_styles) for s in cfg.sections if s.base_styles is not None},
        "SChecks": {s.name: {k: v != "NO" for k, v in s.checks.items()} for s in cfg.sections if s.checks},
        "RuleToLevel": {k: v for s in cfg._all_sections() for k, v in s.checks.items() if v not in ("YES", "NO")},
        "BlockIgnores": {s.name: list(s.ignores) for s in cfg._all_sections() if s.ignores},
        "TokenIgnores": {},
        "AcceptedTokens": list(cfg.accepted),
        "RejectedTokens": list(cfg.rejected),
    }


def ls_dirs(found: Path | None) -> str:
    from lint import vale_config as vc

    styles = None
    if found is not None and found.is_file():
        try:
            styles = vc.load(found).styles_path
        except vc.ValeConfigError:
            styles = None
    rows = [
        (".vale.ini", found),
        ("StylesPath", styles),
        ("Default StylesPath", vc.default_styles_path()),
        ("User .vale.ini", Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "vale" / ".vale.ini"),
    ]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{label:<{width}}  {p if p is not None else '(none)'}"
                     f"  {'exists' if p is not None and Path(p).exists() else 'missing'}" for label, p in rows)


def metrics(path: Path) -> dict[str, float]:
    from lint.checks import metric
    from lint.readers import read_article

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"ls-metrics: {path}: cannot read: {exc}") from None
    article = read_article(str(path), text)
    probe = metric.compile(metric.Params.model_validate(
        {"extends": "metric", "message": "%s", "formula": "words", "condition": "> 0"}))
    blocks = article.blocks_for(frozenset(("headline", "standfirst", "paragraph", "heading", "list")))
    env = probe._env(article, blocks)
    return {k: (int(v) if float(v).is_integer() else v) for k, v in env.items()}


def fix(alert: str) -> dict[str, Any]:
    raw = Path(alert).read_text(encoding="utf-8") if not alert.lstrip().startswith("{") and Path(alert).is_file() else alert
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(f"fix: the alert is not JSON: {exc}") from None
    from lint.checks._vale import ActionError, action_fixes

    action = data.get("Action") or {}
    kind, params, match = action.get("Name", ""), [str(p) for p in action.get("Params") or []], str(data.get("Match", ""))
    if kind == "":
        raise CommandError("fix: the alert has no Action")
    if kind not in ("replace", "remove", "edit", "suggest", "convert"):
        return {"suggestions": [], "error": f"unknown action '{kind}'"}  # Vale's FixAlert
    try:
        got = action_fixes(kind, params, match)
    except ActionError as exc:
        return {"suggestions": [], "error": str(exc)}
    if got is None:
        raise CommandError(f"fix: newslint does not compute suggestions for the action {kind!r}")
    return {"suggestions": got, "error": ""}


def sync(config: Path) -> list[str]:
    """Install the configuration's Packages into its StylesPath; the lines to print."""
    from lint import vale_config as vc

    raw = config.read_text(encoding="utf-8-sig")
    packages: list[str] = []
    for _, line in vc._logical_lines(raw):
        key, eq, value = line.partition("=")
        if eq and key.strip().lower() == "packages":
            packages += [p.strip() for p in value.split(",") if p.strip()]
        if line.strip().startswith("["):
            break
    cfg = vc.load(config) if packages else None
    styles = (cfg.styles_path if cfg is not None else None) or vc.default_styles_path()
    if not packages:
        return ["sync: the configuration names no Packages"]
    assert styles is not None
    styles.mkdir(parents=True, exist_ok=True)
    pipe = styles / vc.PIPE_DIR
    shutil.rmtree(pipe, ignore_errors=True)
    out = []
    for index, pkg in enumerate(packages):
        _install(pkg, styles, index, config.parent)
        out.append(f"synced {pkg} into {styles}")
    return out


def _install(pkg: str, styles: Path, index: int, base: Path) -> None:
    from lint import vale_config as vc

    local = (base / pkg) if not os.path.isabs(pkg) else Path(pkg)
    with tempfile.TemporaryDirectory() as tmp:
        if local.is_dir():
            root = local
            name = local.name
        else:
            name = Path(pkg.split("?")[0]).stem.split("@")[0]
            archive = local if local.is_file() else Path(tmp) / f"{name}.zip"
            if not local.is_file():
                _download(pkg, archive)
            try:
                with zipfile.ZipFile(archive) as z:
                    for member in z.namelist():
                        target = (Path(tmp) / "unpacked" / member).resolve()
                        if not str(target).startswith(str((Path(tmp) / "unpacked").resolve())):
                            raise CommandError(f"sync: {pkg}: the archive writes outside its folder ({member})")
                    z.extractall(Path(tmp) / "unpacked")
            except zipfile.BadZipFile:
                raise CommandError(f"sync: {pkg}: not a zip archive") from None
            unpacked = Path(tmp) / "unpacked"
            root = unpacked / name if (unpacked / name).is_dir() else unpacked
        pkg_styles, pkg_ini = root / "styles", root / ".vale.ini"
        if not pkg_styles.is_dir() and not pkg_ini.is_file():  # a style on its own
            dst = styles / name
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(root, dst)
            return
        if pkg_styles.is_dir():
            for entry in pkg_styles.iterdir():
                dst = styles / entry.name
                if entry.is_dir() and entry.name == "config":
                    shutil.copytree(entry, dst, dirs_exist_ok=True)
                elif entry.is_dir():
                    shutil.rmtree(dst, ignore_errors=True)
                    shutil.copytree(entry, dst)
                else:
                    shutil.copy2(entry, dst)
        if pkg_ini.is_file():
            pipe = styles / vc.PIPE_DIR
            pipe.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pkg_ini, pipe / f"{index}-{name}.ini")


def _download(pkg: str, into: Path) -> None:
    import urllib.request

    url = pkg
    if "://" not in pkg:  # a name from Vale's package library
        try:
            with urllib.request.urlopen(LIBRARY, timeout=20) as r:
                library = json.load(r)
        except OSError as exc:
            raise CommandError(f"sync: {pkg}: cannot read Vale's package library ({LIBRARY}): {exc}") from None
        hit = next((e for e in library if isinstance(e, dict) and e.get("name") == pkg.split("@")[0]), None)
        if hit is None or not hit.get("url"):
            raise CommandError(f"sync: {pkg}: no such package in Vale's library, and no folder or .zip of that name")
        url = hit["url"]
    try:
        with urllib.request.urlopen(url, timeout=60) as r, open(into, "wb") as f:
            shutil.copyfileobj(r, f)
    except OSError as exc:
        raise CommandError(f"sync: {pkg}: cannot download {url}: {exc}") from None


def main(paths: list[str], vale_config: Path | None, no_global: bool) -> int:
    try:
        return run(paths, vale_config, no_global)
    except CommandError as exc:
        print(f"newslint: {exc}", file=sys.stderr)
        return 2
