"""Vale's own test suite, run against newslint (not collected by pytest).

For every case of ``../shared/vale-conformance/cases.json`` whose expected
lines name ``.md`` or ``.txt`` files and that has a fixture folder, run
newslint in ``testdata/fixtures/<cwd>`` with the case's arguments (Vale CLI
arguments after ``vale --output=line --sort --normalize --relative
--no-global``, mapped to newslint's), keep the output lines that name
``.md``/``.txt`` files, and compare sorted lines with the expected ones.

Three scores over the expected lines: the same (file, line, rule); plus the
same message; plus the same column. Lines newslint prints that Vale does not
are counted as extra.

    python tests/vale_conformance.py            # scores and the table of differences
    python tests/vale_conformance.py -v         # also the lines that match
    python tests/vale_conformance.py scopes/    # only cases whose cwd starts so
    python tests/vale_conformance.py --exts=.rst,.adoc   # score other file types (default .md,.txt)
    python tests/vale_conformance.py --all      # every file type Vale's suite names

newslint runs in-process (typer's CliRunner), one case after the other.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSLINT_VALE_CONFORMANCE", ROOT.parent / "shared" / "vale-conformance"))
PROSE: tuple[str, ...] = (".md", ".txt")  # the file types scored; main() may change it

# Vale options that newslint cannot reproduce (the case runs without them).
UNSUPPORTED = {"--filter": "newslint has no filter expressions"}


@dataclass
class Result:
    case: dict
    expected: list[str]
    got: list[str]
    exit_code: int = 0
    stderr: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.case['cwd']} [{self.case['args']}] {self.case['scenario']}"


def _prose(line: str) -> bool:
    path = line.split(":", 1)[0]
    return path.endswith(PROSE) or (PROSE == ("*",) and "." in Path(path).name)


def set_exts(argv: list[str]) -> None:
    """``--exts=.rst,.adoc`` or ``--all`` (every type): the file types to score."""
    global PROSE
    for a in argv:
        if a == "--all":
            PROSE = ("*",)
        elif a.startswith("--exts="):
            PROSE = tuple(e if e.startswith(".") else "." + e for e in a[7:].split(",") if e)


def cases() -> list[dict]:
    data = json.loads((SHARED / "cases.json").read_text(encoding="utf-8"))
    return [c for c in data if c.get("cwd") and c.get("expected") and any(_prose(x) for x in c["expected"])]


def map_args(vale_args: str) -> tuple[list[str], list[str]]:
    """(newslint arguments, notes on what could not be mapped)."""
    out: list[str] = ["--format", "line", "--no-builtin"]  # Vale has no News pack
    notes: list[str] = []
    args = shlex.split(vale_args or ".")
    i = 0
    while i < len(args):
        a = args[i]
        opt, eq, val = a.partition("=")
        if opt.startswith("--"):
            if not eq and opt in ("--config", "--minAlertLevel", "--filter", "--glob", "--ext"):
                i += 1
                val = args[i] if i < len(args) else ""
            if opt == "--config":
                out += ["--vale-config", val]
            elif opt == "--ignore-syntax":
                out.append("--ignore-syntax")
            elif opt == "--minAlertLevel":
                out += ["--min-level", val]
            else:
                notes.append(f"{opt}: {UNSUPPORTED.get(opt, 'no newslint equivalent')}")
        elif _prose(a) or Path(a).is_dir() or not Path(a).suffix:
            out.append(a)
        i += 1
    return out, notes


def run_case(case: dict) -> Result:
    from typer.testing import CliRunner

    from lint.cli import app

    folder = SHARED / "testdata" / "fixtures" / case["cwd"]
    expected = sorted(x for x in case["expected"] if _prose(x))
    old = os.getcwd()
    os.chdir(folder)
    try:
        args, notes = map_args(case["args"])
        if args[-1].startswith("-") or args[-1] in ("line",):
            args.append(".")
        # --isolated keeps newslint's own configuration out; the Vale one is found upward
        res = CliRunner().invoke(app, args)
    finally:
        os.chdir(old)
    out = res.stdout if res.stdout is not None else ""
    stderr = getattr(res, "stderr", "") or ""
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        stderr += f"\n{type(res.exception).__name__}: {res.exception}"
    got = []
    for line in out.splitlines():
        while line.startswith("./"):
            line = line[2:]
        if _prose(line):
            got.append(line)
    return Result(case, expected, sorted(got), res.exit_code, stderr, notes)


def _key(line: str, level: int) -> tuple:
    path, ln, col, rule, msg = (line.split(":", 4) + ["", "", "", ""])[:5]
    return ((path, ln, rule), (path, ln, rule, msg), (path, ln, col, rule, msg))[level]


def score(results: list[Result]) -> tuple[int, int, int, int, int]:
    """(expected lines, same file/line/rule, + message, + column, extra lines)."""
    total = extra = 0
    same = [0, 0, 0]
    for r in results:
        total += len(r.expected)
        for level in range(3):
            e = Counter(_key(x, level) for x in r.expected)
            g = Counter(_key(x, level) for x in r.got)
            same[level] += sum((e & g).values())
        extra += sum((Counter(r.got) - Counter(r.expected)).values())
    return total, same[0], same[1], same[2], extra


def run_all(prefix: str = "") -> list[Result]:
    return [run_case(c) for c in cases() if c["cwd"].startswith(prefix)]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    set_exts(argv)
    prefix = next((a for a in argv if not a.startswith("-")), "")
    results = run_all(prefix)
    for r in results:
        e, g = Counter(r.expected), Counter(r.got)
        missing, extra = sorted((e - g).elements()), sorted((g - e).elements())
        if not missing and not extra and not verbose:
            continue
        print(f"== {r.name}  (exit {r.exit_code})")
        for n in r.notes:
            print(f"   note: {n}")
        for line in r.stderr.strip().splitlines()[:5]:
            print(f"   stderr: {line}")
        for x in missing:
            print(f"   - {x}")
        for x in extra:
            print(f"   + {x}")
        if verbose:
            for x in sorted((e & g).elements()):
                print(f"     {x}")
    total, s1, s2, s3, extra = score(results)
    pct = (lambda n: f"{100 * n / total:.1f}%") if total else (lambda n: "-")
    print(f"\n{len(results)} cases, {total} expected lines")
    print(f"same file, line, rule:          {s1:4d}  {pct(s1)}")
    print(f"  + same message:               {s2:4d}  {pct(s2)}")
    print(f"  + same column:                {s3:4d}  {pct(s3)}")
    print(f"extra lines (newslint only):    {extra:4d}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
