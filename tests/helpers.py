"""What the tests share: lint a text with some rules, run the command.

Importable as ``helpers`` (pytest puts ``tests/`` on ``sys.path``, as it does
for ``conftest``). Three ways in, from the cheapest:

- ``lint(rules, text, ...)``: read ``text`` as an article and run ``rules``
  on it, in-process, without the CLI: the diagnostics, as the engine gives
  them. A test that wants ``(span text, message)`` tuples maps them itself.
- ``cli(*args, ...)``: the command in-process (typer's ``CliRunner``):
  ``(exit code, stdout, stderr)``.
- ``newslint(*args, ...)``: the real command in a subprocess
  (``python -m lint``), for what only a process shows (exit status, stdin,
  environment, start-up).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest

if TYPE_CHECKING:
    from lint.article import Article
    from lint.model import Diagnostic
    from lint.rules import Rule

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"


def shared_or_skip(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not here (CI has ../shared beside the checkout)")
    return p


# -- lint in-process ----------------------------------------------------------


@cache
def builtin_rules() -> Mapping[str, Rule]:
    """The built-in rules by id, loaded once per test session (do not mutate)."""
    from lint.rules import builtin_rules_dir, load_rules

    return {r.id: r for r in load_rules(builtin_rules_dir())}


def _rules(rules: Rule | str | Iterable[Rule | str]) -> list[Rule]:
    if isinstance(rules, str) or not isinstance(rules, Iterable):
        rules = [rules]
    return [builtin_rules()[r] if isinstance(r, str) else r for r in rules]


def article(text: str, *, name: str = "a.txt", date: dt.date | str | None = None, body_only: bool = True) -> Article:
    """``text`` read as the file ``name``.

    ``body_only`` (the default): plain text, every block a paragraph (no
    headline, byline or dateline detection), ``date`` set as the article's
    date. Otherwise the reader the file name picks, whole, ``date`` as if
    given with ``--date``.
    """
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    if body_only:
        from lint.readers.text import read_text

        a = read_text(name, text, body_only=True)
        if date is not None:
            a.meta.date = date
        return a
    from lint.readers import read_article

    return read_article(name, text, date=date)


def lint(
    rules: Rule | str | Iterable[Rule | str],
    text: str,
    *,
    name: str = "a.txt",
    date: dt.date | str | None = None,
    body_only: bool = True,
) -> list[Diagnostic]:
    """The diagnostics of ``rules`` on ``text`` (read by :func:`article`).

    ``rules``: a rule, a built-in rule id (``"News.NameVariant"``) or a list
    of either.
    """
    from lint.engine import lint_article

    return lint_article(article(text, name=name, date=date, body_only=body_only), _rules(rules))


# -- the command --------------------------------------------------------------


class CliResult(NamedTuple):
    code: int
    stdout: str
    stderr: str


def cli(*args: str, cwd: Path | str | None = None, monkeypatch: pytest.MonkeyPatch | None = None,
        input: str | None = None) -> CliResult:
    """``newslint *args`` in-process (typer's CliRunner).

    ``cwd``: run there; with ``monkeypatch`` the test stays there afterwards
    (``monkeypatch.chdir``), without it the working directory is restored.
    """
    from typer.testing import CliRunner

    from lint.cli import app

    old = None
    if cwd is not None:
        if monkeypatch is not None:
            monkeypatch.chdir(cwd)
        else:
            old = os.getcwd()
            os.chdir(cwd)
    try:
        res = CliRunner().invoke(app, list(args), input=input)
    finally:
        if old is not None:
            os.chdir(old)
    return CliResult(res.exit_code, res.stdout, res.stderr)


def newslint(*args: str, cwd: Path | str = ROOT, stdin: str | None = None, env: Mapping[str, str] | None = None,
             inherit_env: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real command (``python -m lint``) and return the completed process.

    ``env`` is added to this process's environment (with ``NO_COLOR=1`` and
    this checkout on ``PYTHONPATH``); ``inherit_env=False``: ``env`` is the
    whole environment, as given.
    """
    if inherit_env:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    else:
        full_env = dict(env or {})
    return subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120,
    )


def assert_exact(article) -> None:
    """Every block of ``article`` sits at its offsets: the same length, and each character
    not masked (a space) is the file's (the code and fragment readers' tests)."""
    for b in article.blocks:
        assert len(b.text) == b.end - b.start
        src = article.text[b.start : b.end]
        for k, ch in enumerate(b.text):
            assert ch == " " or ch == src[k], (b, k)
        assert b.text[0] == src[0] and b.text[-1] == src[-1]
