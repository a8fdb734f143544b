"""The Vale packages' own test protocols, with newslint in place of vale (issue 15).

    python tests/vale_package_protocols.py [-v] [PACKAGES_DIR]

Each package of ../shared/vale-packages that tests itself its own way is run the way it runs Vale
(see that folder's README.md), with ``newslint`` (from PATH) in place of ``vale``:

* elastic+vale-rules: ``rule-tests/run_rule_tests.py`` itself, imported, its ``vale`` a shim that
  runs newslint: one assertion per rule, expected (Line, Match) pairs.
* grafana+writers-toolkit: the ``fixtures/Grafana`` target of ``vale/Makefile``: in each fixture,
  ``vale --output=line --filter ./filter.expr test{valid,invalid}.md`` against the ``.golden`` files.
* errata-ai+Hugo: the go-cmdtest file ``testdata/test.ct``, after ``make sync``.
* extenda+docker-vale: ``features/support/world.js``: from the package root,
  ``vale --output=line --sort --normalize --relative --config=fixtures/X/.vale.ini fixtures/X``.
* every package: each rule file loads (a rule newslint loads but does not run says why), and for
  DataDog, Splunk, Plone and testthedocs' vale-styles a run over the package's README does not fail.

Golden lines are compared at three levels: L1 file + line + rule, L2 + message, L3 + column;
messages compare with runs of blanks collapsed (Vale before 3.11 collapsed them, and the golden
files are older). ``vale sync`` is emulated offline (newslint has no ``sync``): a package named by
``Packages`` that is a folder or a zip beside the configuration, or one of the packages in
PACKAGES_DIR, is installed into a temporary StylesPath as Vale's ``installPkg`` does (its
``styles/`` merged in, its ``.vale.ini`` copied to ``StylesPath/.vale-config/<n>-<Name>.ini``).
Prints one line per package; ``-v`` each mismatch too.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "vale-packages"
TOOLS = ROOT.parent / "shared" / "tools"
VERBOSE = False


def say(msg: str) -> None:
    if VERBOSE:
        print("  " + msg)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)


# ---- comparing Vale's line output ----------------------------------------------------------------

_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+):(?P<rule>[^:\s]+):(?P<msg>.*)$")


def _keys(line: str) -> tuple[tuple, tuple, tuple] | None:
    m = _LINE.match(line)
    if m is None:
        return None
    msg = " ".join(m["msg"].split())
    l1 = (m["file"], int(m["line"]), m["rule"])
    return l1, (*l1, msg), (*l1, msg, int(m["col"]))


def compare(expected: Iterable[str], got: Iterable[str], label: str, quiet: bool = False) -> tuple[int, int, int, int]:
    """(expected lines, L1, L2, L3 matches) as multisets; mismatches said with -v."""
    exp = [k for k in (_keys(x) for x in expected if x.strip()) if k]
    out = [k for k in (_keys(x) for x in got if x.strip()) if k]
    scores = []
    for level in range(3):
        want = Counter(k[level] for k in exp)
        have = Counter(k[level] for k in out)
        scores.append(sum((want & have).values()))
        if quiet:
            continue
        if level == 0:  # not there at all
            for k in sorted((want - have).elements()):
                say(f"miss {label} {k}")
            for k in sorted((have - want).elements()):
                say(f"extra {label} {k}")
        elif level == 2:  # there, but another message or column
            l1 = Counter(k[0] for k in exp) & Counter(k[0] for k in out)
            for k in sorted((want - have).elements()):
                if l1[k[:3]]:
                    say(f"differs {label} want {k[3:]} got {[o[2][3:] for o in out if o[0] == k[:3]]}")
    return len(exp), scores[0], scores[1], scores[2]


def figure(name: str, tot: list[int]) -> str:
    n = max(tot[0], 1)
    return f"{name:40s} {tot[0]} lines; L1 {tot[1] / n:.0%} L2 {tot[2] / n:.0%} L3 {tot[3] / n:.0%}"


# ---- vale sync, offline --------------------------------------------------------------------------

def _core_value(ini: str, key: str) -> str | None:
    for raw in ini.splitlines():
        s = raw.strip()
        if s.startswith("["):
            return None
        k, eq, v = s.partition("=")
        if eq and k.strip().lower() == key.lower():
            return v.strip()
    return None


def _package_source(spec: str, config_dir: Path, packages: Path, tmp: Path) -> tuple[str, Path] | None:
    """(name, folder holding <name>/) for a ``Packages`` entry, or None when only the network has it."""
    name = Path(spec.rstrip("/")).name
    name = name[:-4] if name.endswith(".zip") else name
    local = (config_dir / spec).resolve() if "://" not in spec else None
    if local is not None and local.is_dir():
        return name, local.parent
    if local is not None and local.is_file() and zipfile.is_zipfile(local):
        out = tmp / f"unzipped-{name}"
        with zipfile.ZipFile(local) as z:
            z.extractall(out)
        return name, out
    # Vale's library (or a release URL) names a package; PACKAGES_DIR may hold its repository
    for pkg in packages.iterdir():
        if pkg.is_dir() and pkg.name.split("+", 1)[-1].lower() in (name.lower(), f"vale-{name}".lower()):
            if (pkg / name).is_dir():
                return name, pkg
            if local is not None and local.with_suffix("").is_dir():
                return name, local.with_suffix("").parent
    if local is not None and local.with_suffix("").is_dir():  # "../Hugo.zip" before `make zip`: the folder it zips
        return name, local.with_suffix("").parent
    return None


def sync(config: Path, styles: Path, packages: Path, tmp: Path) -> list[str]:
    """Install the configuration's ``Packages`` into ``styles`` (Vale's installPkg); what could not be."""
    spec = _core_value(config.read_text(encoding="utf-8"), "Packages") or ""
    missing = []
    for index, entry in enumerate(p.strip() for p in spec.split(",") if p.strip()):
        found = _package_source(entry, config.parent, packages, tmp)
        if found is None:
            missing.append(entry)
            continue
        name, parent = found
        root = parent / name
        styles.mkdir(parents=True, exist_ok=True)
        if not (root / "styles").is_dir() and not (root / ".vale.ini").is_file():
            shutil.copytree(root, styles / name, dirs_exist_ok=True)  # a style only
            continue
        if (root / "styles").is_dir():
            shutil.copytree(root / "styles", styles, dirs_exist_ok=True)
        if (root / ".vale.ini").is_file():
            (styles / ".vale-config").mkdir(exist_ok=True)
            shutil.copy(root / ".vale.ini", styles / ".vale-config" / f"{index}-{name}.ini")
    return missing


def synced_config(config: Path, packages: Path, tmp: Path, join_continuations: bool = False) -> tuple[Path, list[str]]:
    """A copy of ``config`` whose StylesPath is a temporary one with its packages installed."""
    text = config.read_text(encoding="utf-8")
    given = _core_value(text, "StylesPath")
    styles = tmp / "styles"
    if given:
        src = (config.parent / given.strip('"')).resolve()
        if src.is_dir():
            shutil.copytree(src, styles, dirs_exist_ok=True)
    missing = sync(config, styles, packages, tmp)
    styles.mkdir(parents=True, exist_ok=True)
    lines = [ln for ln in text.splitlines() if not re.match(r"\s*StylesPath\s*=", ln, re.I)]
    body = "\n".join(lines) + "\n"
    if join_continuations:
        body = re.sub(r"\\\n", "", body)
    out = tmp / ".vale.ini"
    out.write_text(f"StylesPath = {styles}\n" + body, encoding="utf-8")
    return out, missing


# ---- the packages --------------------------------------------------------------------------------

def elastic(pkg: Path, tmp: Path) -> str:
    """rule-tests/run_rule_tests.py, imported; ``vale`` on PATH is newslint."""
    shim = tmp / "bin"
    shim.mkdir()
    (shim / "vale").write_text('#!/bin/sh\nexec newslint "$@"\n')
    (shim / "vale").chmod(0o755)
    spec = importlib.util.spec_from_file_location("run_rule_tests", pkg / "rule-tests" / "run_rule_tests.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    old_path = os.environ["PATH"]
    os.environ["PATH"] = f"{shim}{os.pathsep}{old_path}"
    passed = total = 0
    try:
        alerts = mod.run_vale(mod.DEFAULT_CONFIG, mod.FIXTURES / "all-rules.md")
        checks: list[tuple[str, list, str, list, bool]] = [
            ("all-rules.md", alerts, rule, exp, False) for rule, exp in mod.ALL_RULES_EXPECTED.items()]
        fp = mod.run_vale(mod.DEFAULT_CONFIG, mod.FIXTURES / "first-person.md")
        checks.append(("first-person boundaries", fp, "Elastic.FirstPerson",
                       [(2, "My"), (3, "me"), (4, "mine"), (7, "me"), (7, "my"), (7, "mine")], True))
        sp = mod.run_vale(mod.spelling_config(tmp), mod.FIXTURES / "spelling-cloud-regions.md")
        checks.append(("cloud-region spelling vocabulary", sp, "Elastic.Spelling", [(4, "Gatewaty")], True))
        for name, got, rule, exp, exact in checks:
            total += 1
            try:
                with redirect_stdout(io.StringIO()):
                    (mod.assert_rule_matches if exact else mod.assert_rule_contains)(name, got, rule, exp)
                passed += 1
            except AssertionError as exc:
                say(f"not ok {exc}")
        total += 1
        try:
            with redirect_stdout(io.StringIO()):
                mod.assert_all_rules_have_assertions({c[2] for c in checks})
            passed += 1
        except AssertionError as exc:
            say(f"not ok {exc}")
    except AssertionError as exc:  # newslint failed (exit status 2)
        say(f"not ok {exc}")
    finally:
        os.environ["PATH"] = old_path
    return f"{pkg.name:40s} {passed}/{total} rule assertions = {passed / max(total, 1):.0%}"


_FILTER = re.compile(r'\.Name\s*==\s*"([^"]+)"')


def grafana(pkg: Path, packages: Path, tmp: Path) -> str:
    """vale/Makefile's fixtures/Grafana target, against the golden files."""
    vale_dir = pkg / "vale"
    notes = []
    tot = [0, 0, 0, 0]
    for join in (False, True):
        sub = tmp / ("joined" if join else "as-shipped")
        sub.mkdir()
        config, missing = synced_config(vale_dir / ".vale.ini", packages, sub, join_continuations=join)
        if missing and not join:
            notes.append(f"not installed offline: {', '.join(missing)}")
        tot = [0, 0, 0, 0]
        fresh = [0, 0, 0, 0]  # the golden lines whose message the current rule can still give
        failed = ""
        for d in sorted((vale_dir / "fixtures" / "Grafana").iterdir()):
            if not (d / "filter.expr").is_file():
                continue
            for doc in ("testvalid", "testinvalid"):
                args = ["newslint", f"--config={config}", "--output=line", "--filter", "./filter.expr", f"{doc}.md"]
                p = run(args, d)
                got = p.stdout.splitlines()
                if p.returncode == 2 and "--filter" in p.stderr:  # newslint has no --filter: keep the rule it names
                    m = _FILTER.search((d / "filter.expr").read_text(encoding="utf-8"))
                    p = run([a for a in args if a not in ("--filter", "./filter.expr")], d)
                    got = [ln for ln in p.stdout.splitlines() if m is None or f":{m[1]}:" in ln]
                    if "--filter (done by this script)" not in notes:
                        notes.append("--filter (done by this script)")
                if p.returncode == 2:
                    failed = failed or p.stderr.strip().splitlines()[-1][:200]
                golden = (d / f"{doc}.golden").read_text(encoding="utf-8").splitlines()
                for i, v in enumerate(compare(golden, got, f"{d.name}/{doc}")):
                    tot[i] += v
                current = [g for g in golden if _current_message(g, vale_dir)]
                for i, v in enumerate(compare(current, got, "", quiet=True)):
                    fresh[i] += v
        if not failed:
            if join:
                notes.append("figures with the INI's continuation lines joined")
            break
        notes.append(f"config fails as shipped: {failed}")
        say(f"as shipped: {figure('', tot).strip()}")
    stale = tot[0] - fresh[0]
    notes.append(f"{stale} golden lines have a message the current rule no longer gives (older rule versions); "
                 f"without them {figure('', fresh).strip()}")
    return figure(pkg.name, tot) + (f" ({'; '.join(notes)})" if notes else "")


def _current_message(line: str, vale_dir: Path) -> bool:
    """Whether the message of a golden line is one the rule, as shipped now, can give:
    its ``message`` with each ``%s`` (``%[n]s``, ``%d``) read as any text, blanks as any blanks.
    A golden file written by an older version of the rule fails this (Grafana's are regenerated
    only by hand: vale/Makefile's fixtures/Grafana target)."""
    import yaml

    m = _LINE.match(line)
    if m is None:
        return True
    style, _, name = m["rule"].partition(".")
    for f in vale_dir.rglob(f"{name}.yml"):
        if f.parent.name != style:
            continue
        try:
            template = str((yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("message", ""))
        except yaml.YAMLError:
            return True
        parts = re.split(r"%(?:\[\d+\])?[sd]", " ".join(template.split()))
        pattern = ".*?".join(r"\s*".join(re.escape(w) for w in p.split(" ")) for p in parts)
        return re.fullmatch(pattern, " ".join(m["msg"].split())) is not None
    return True


def hugo(pkg: Path, packages: Path, tmp: Path) -> str:
    """testdata/*.ct (go-cmdtest) after `make sync` (testdata's Packages installed)."""
    tot = [0, 0, 0, 0]
    notes = []
    for ct in sorted((pkg / "testdata").glob("*.ct")):
        work = tmp / "testdata"
        shutil.copytree(pkg / "testdata", work)
        config = work / ".vale.ini"
        styles = work / (_core_value(config.read_text(encoding="utf-8"), "StylesPath") or "styles")
        missing = sync(pkg / "testdata" / ".vale.ini", styles, packages, tmp)
        if missing:
            notes.append(f"not installed offline: {', '.join(missing)}")
        cwd = work
        blocks: list[tuple[str, list[str]]] = []
        for line in ct.read_text(encoding="utf-8").splitlines():
            if line.startswith("$ "):
                blocks.append((line[2:], []))
            elif blocks:
                blocks[-1][1].append(line)
        for cmd, expected in blocks:
            words = cmd.replace("${ROOTDIR}", str(work)).split()
            if words[0] == "cdf":
                cwd = Path(words[1])
                continue
            if words[0] == "vale":
                p = run(["newslint", *words[1:]], cwd)
                if p.returncode == 2:
                    notes.append(p.stderr.strip().splitlines()[-1][:200])
                for i, v in enumerate(compare(expected, p.stdout.splitlines(), ct.name)):
                    tot[i] += v
    return figure(pkg.name, tot) + (f" ({'; '.join(notes)})" if notes else "")


def extenda(pkg: Path) -> str:
    """features/support/world.js: from the package root, --config=fixtures/X/.vale.ini fixtures/X."""
    cases = json.loads(run([sys.executable, str(TOOLS / "vale_cases.py"), str(pkg)], pkg).stdout)
    tot = [0, 0, 0, 0]
    exact = 0
    for case in cases:
        fixture = f"fixtures/{case['cwd']}"
        p = run(["newslint", "--output=line", "--sort", "--normalize", "--relative",
                 f"--config={fixture}/.vale.ini", fixture], pkg)
        got = p.stdout.splitlines()
        exact += p.stdout == "\n".join(case["expected"]) + "\n"
        if p.returncode == 2 or p.stderr.strip():
            say(f"{fixture}: {p.stderr.strip()[:200]}")
        for i, v in enumerate(compare(case["expected"], got, fixture)):
            tot[i] += v
    return figure(pkg.name, tot) + f"; {exact}/{len(cases)} scenarios exact"


# ---- every package: rules load, README runs ------------------------------------------------------

def _rule_files(pkg: Path) -> list[Path]:
    out = []
    for p in sorted(pkg.rglob("*.yml")):
        rel = p.relative_to(pkg).parts
        # a style is a folder of rules: not the package root, nor a tool's dot-folder (.ci, .github)
        if len(rel) < 2 or any(part.startswith(".") and part != ".vale" for part in rel[:-1]):
            continue
        try:
            head = p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if re.search(r"(?m)^extends\s*:", head):
            out.append(p)
    return out


def load_all(pkg: Path) -> tuple[int, int, list[str]]:
    """(rule files, loaded, problems): each rule parsed and compiled on its own, in-process, as
    under a Vale configuration (a scope newslint does not know matches nothing, as in Vale: said)."""
    sys.path.insert(0, str(ROOT))
    from lint import rules as rules_module
    from lint.rules import RuleError, parse_rule_file, unknown_scopes

    files = _rule_files(pkg)
    ok = 0
    problems = []
    lenient, rules_module.LENIENT_SCOPES = rules_module.LENIENT_SCOPES, True
    try:
        for f in files:
            try:
                rule = parse_rule_file(str(f), f.read_text(encoding="utf-8"), f"{f.parent.name}.{f.stem}")
            except RuleError as exc:
                problems.append(f"error {f.relative_to(pkg)}: {exc}")
                continue
            except Exception as exc:
                problems.append(f"CRASH {f.relative_to(pkg)}: {type(exc).__name__}: {exc}")
                continue
            reason = getattr(rule.checker, "skipped_reason", None)
            if reason:
                problems.append(f"skipped {f.relative_to(pkg)}: {reason}")
            bad = unknown_scopes(list(getattr(rule.spec, "scope", []) or []))
            if bad:
                problems.append(f"scope {f.relative_to(pkg)}: {', '.join(bad)} matches nothing")
            ok += 1
    finally:
        rules_module.LENIENT_SCOPES = lenient
    return len(files), ok, problems


_README_RUN = ("DataDog+datadog-vale", "splunk+vale-splunk-style-guide", "testthedocs+plone-vale", "testthedocs+vale-styles")


def readme_run(pkg: Path, packages: Path, tmp: Path) -> str:
    """newslint over the package's README with the package's own configuration (synced); else
    with every style of the package (a StylesPath that the package does not ship: its styles folder)."""
    readme = next((p for p in sorted(pkg.glob("README*")) if p.is_file()), None)
    if readme is None:
        return "no README"
    config = next((pkg / n for n in (".vale.ini", "_vale.ini", "vale.ini") if (pkg / n).is_file()), None)
    note = ""
    if config is not None:
        styles_given = (_core_value(config.read_text(encoding="utf-8"), "StylesPath") or "").strip('"')
        if styles_given and not (config.parent / styles_given).is_dir():
            note = f"StylesPath {styles_given!r} is not shipped: "
            config = None
    if config is None:
        folders = sorted({f.parent for f in _rule_files(pkg)})
        roots = sorted({f.parent for f in folders})
        styles = roots[0] if len(roots) == 1 else tmp / "styles"
        if len(roots) != 1:
            for f in folders:
                shutil.copytree(f, styles / f.name, dirs_exist_ok=True)
        names = ", ".join(sorted(f.name for f in folders))
        config = tmp / ".vale.ini"
        config.write_text(f"StylesPath = {styles}\n[*]\nBasedOnStyles = {names}\n", encoding="utf-8")
        note += f"all its styles ({names}); "
    else:
        config, _ = synced_config(config, packages, tmp)
    p = run(["newslint", f"--config={config}", "--output=line", "--no-exit", str(readme.relative_to(pkg))], pkg)
    if p.returncode == 2:
        return f"{note}README run FAILS: {p.stderr.strip()[:300]}"
    return f"{note}README run ok ({len(p.stdout.splitlines())} alerts)"


def main(argv: list[str]) -> int:
    global VERBOSE
    VERBOSE = "-v" in argv
    args = [a for a in argv if a != "-v"]
    packages = Path(args[0]) if args else DEFAULT
    if shutil.which("newslint") is None:
        print("newslint is not on PATH", file=sys.stderr)
        return 2
    protocols = {
        "elastic+vale-rules": lambda p, t: elastic(p, t),
        "grafana+writers-toolkit": lambda p, t: grafana(p, packages, t),
        "errata-ai+Hugo": lambda p, t: hugo(p, packages, t),
        "extenda+docker-vale": lambda p, t: extenda(p),
    }
    for name, proto in protocols.items():
        pkg = packages / name
        if pkg.is_dir():
            with tempfile.TemporaryDirectory() as tmp:
                print(proto(pkg, Path(tmp)), flush=True)
    all_files = all_ok = 0
    for pkg in sorted(p for p in packages.iterdir() if p.is_dir()):
        n, ok, problems = load_all(pkg)
        all_files += n
        all_ok += ok
        extra = ""
        if pkg.name in _README_RUN:
            with tempfile.TemporaryDirectory() as tmp:
                extra = "; " + readme_run(pkg, packages, Path(tmp))
        skipped = sum(1 for p in problems if p.startswith("skipped"))
        nothing = sum(1 for p in problems if p.startswith("scope"))
        print(f"{pkg.name:40s} rules load {ok}/{n}" + (f" ({skipped} loaded, not run)" if skipped else "")
              + (f" ({nothing} with a scope that matches nothing)" if nothing else "") + extra, flush=True)
        for prob in problems:
            say(prob)
    print(f"{'every package':40s} rules load {all_ok}/{all_files} = {all_ok / max(all_files, 1):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
