"""--fix on hostile files (issue "Hostile input", data integrity of --fix):
links, hard links, owner, mode, read-only files, a file edited while it is
fixed, failed writes, fixes that never converge, replacements with control
characters."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest

from helpers import cli

SWAP_RULE = 'extends: substitution\nmessage: "Use %s"\nlevel: warning\nswap:\n  colour: color\n'


def repo(tmp_path: Path, rule: str = SWAP_RULE, name: str = "Colour") -> Path:
    (tmp_path / "styles" / "T").mkdir(parents=True)
    (tmp_path / "styles" / "T" / f"{name}.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("rules: [styles/]\nbuiltin: false\n")
    return tmp_path


def test_fix_writes_through_a_link_to_its_target(tmp_path, monkeypatch):
    r = repo(tmp_path)
    (r / "real").mkdir()
    (r / "real" / "a.txt").write_text("The colour.\n")
    os.symlink("real/a.txt", r / "a.txt")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert res.code == 0, res.stderr
    assert os.path.islink(r / "a.txt")  # still a link
    assert (r / "real" / "a.txt").read_text() == "The color.\n"


def test_fix_refuses_a_link_out_of_its_folder(tmp_path, monkeypatch):
    r = repo(tmp_path / "repo")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text("The colour.\n")
    os.symlink("../outside/x.txt", r / "x.txt")
    res = cli("--fix", "x.txt", cwd=r, monkeypatch=monkeypatch)
    assert os.path.islink(r / "x.txt")
    assert (tmp_path / "outside" / "x.txt").read_text() == "The colour.\n"
    assert "x.txt: a symbolic link to" in res.stderr and "not fixed (--follow-links writes through it)" in res.stderr
    assert "x.txt:1:5: warning T.Colour" in res.stdout  # the findings of the text as it is
    assert res.code == 1


def test_fix_keeps_hard_links(tmp_path, monkeypatch):
    """Skipped with a message: writing in place would change every name of
    the file (some maybe out of the tree) without atomicity; a rename would
    break the link."""
    r = repo(tmp_path)
    (r / "a.txt").write_text("The colour.\n")
    os.link(r / "a.txt", r / "b.dat")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert os.stat(r / "a.txt").st_ino == os.stat(r / "b.dat").st_ino
    assert (r / "a.txt").read_text() == "The colour.\n"
    assert "a.txt: has 2 hard links; not fixed" in res.stderr
    assert "a.txt:1:5: warning T.Colour" in res.stdout
    assert res.code == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_fix_keeps_owner_group_and_mode(tmp_path, monkeypatch):
    r = repo(tmp_path)
    a = r / "a.txt"
    a.write_text("The colour.\n")
    os.chown(a, 65534, 65534)
    os.chmod(a, 0o640)
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert res.code == 0, res.stderr
    st = os.stat(a)
    assert a.read_text() == "The color.\n"
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)


def test_fix_skips_a_read_only_file(tmp_path, monkeypatch):
    r = repo(tmp_path)
    a = r / "a.txt"
    a.write_text("The colour.\n")
    os.chmod(a, 0o444)
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert a.read_text() == "The colour.\n"
    assert stat.S_IMODE(os.stat(a).st_mode) == 0o444
    assert "a.txt: read-only; not fixed" in res.stderr
    assert "a.txt:1:5: warning T.Colour" in res.stdout
    assert res.code == 1


def test_fix_does_not_lose_an_edit_made_while_it_runs(tmp_path, monkeypatch):
    """Another program (an editor) saves the file between the read and the rename."""
    import lint.fixes

    r = repo(tmp_path)
    a = r / "a.txt"
    a.write_text("The colour.\n")
    original = lint.fixes.fix_until_stable

    def edited_meanwhile(*args, **kwargs):
        out = original(*args, **kwargs)
        a.write_text("The colour, edited by hand.\n")
        return out

    monkeypatch.setattr(lint.fixes, "fix_until_stable", edited_meanwhile)
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert a.read_text() == "The colour, edited by hand.\n"
    assert "a.txt: changed since it was read; not fixed" in res.stderr
    assert res.code == 1


def test_fix_notices_a_same_size_edit_in_the_same_tick(tmp_path, monkeypatch):
    """Size and mtime can stay the same (coarse clocks): the content hash decides."""
    import lint.fixes

    r = repo(tmp_path)
    a = r / "a.txt"
    a.write_text("The colour.\n")
    original = lint.fixes.fix_until_stable

    def edited_meanwhile(*args, **kwargs):
        out = original(*args, **kwargs)
        st = os.stat(a)
        with open(a, "r+") as fh:  # same inode, same size
            fh.write("Our colour.\n")
        os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
        return out

    monkeypatch.setattr(lint.fixes, "fix_until_stable", edited_meanwhile)
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert a.read_text() == "Our colour.\n"
    assert "changed since it was read; not fixed" in res.stderr


@pytest.mark.parametrize("where", ["replace", "write"])
def test_a_failed_write_is_an_error_and_the_findings_stay(tmp_path, monkeypatch, where):
    """A full disk, simulated: the file is named, its findings are reported, exit 2."""
    r = repo(tmp_path)
    a = r / "a.txt"
    a.write_text("The colour.\n")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, where, full)
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    monkeypatch.undo()
    assert a.read_text() == "The colour.\n"
    assert "newslint: a.txt: cannot write the fixed file: No space left on device" in res.stderr
    assert "a.txt:1:5: warning T.Colour" in res.stdout
    assert "internal error" not in res.stderr
    assert res.code == 2
    assert not [p for p in os.listdir(r) if p.startswith(".newslint-")]  # no temporary file left


def test_a_folder_where_no_file_can_be_created_is_an_error(tmp_path, monkeypatch):
    """A read-only folder (as root, permissions do not stop the write: the
    temporary file's creation is made to fail as a read-only mount would)."""
    import tempfile

    r = repo(tmp_path)
    (r / "a.txt").write_text("The colour.\n")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    monkeypatch.undo()
    assert "a.txt: cannot write the fixed file: Read-only file system" in res.stderr
    assert "a.txt:1:5: warning T.Colour" in res.stdout
    assert res.code == 2


GROW = 'extends: substitution\nmessage: "Use %s"\nlevel: warning\nswap:\n  colour: colour colour\n'


def test_a_fix_that_re_matches_itself_is_not_applied(tmp_path, monkeypatch):
    r = repo(tmp_path, GROW, "Grow")
    (r / "a.txt").write_text("The colour of it.\n")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert (r / "a.txt").read_text() == "The colour of it.\n"
    assert "a.txt: the fixes of T.Grow do not converge" in res.stderr
    assert "a.txt:1:5: warning T.Grow" in res.stdout
    assert res.code == 1


@pytest.mark.slow
def test_a_20_kb_file_with_a_growing_fix_finishes_quickly(tmp_path, monkeypatch):
    r = repo(tmp_path, GROW, "Grow")
    (r / "a.txt").write_text("The colour of it.\n" * 1200)  # 21 KB
    t = time.monotonic()
    res = cli("--fix", "--diff", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert time.monotonic() - t < 10
    assert res.stdout == ""  # nothing to change
    assert "do not converge" in res.stderr


def test_other_fixes_still_apply_beside_a_non_converging_one(tmp_path, monkeypatch):
    r = repo(tmp_path, GROW, "Grow")
    (r / "styles" / "T" / "Chain.yml").write_text(
        'extends: substitution\nmessage: "Use %s"\nlevel: warning\nswap:\n  foo: bar\n  bar: baz\n')
    (r / "a.txt").write_text("The colour of foo.\n")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    # foo -> bar -> baz converges (a chain, not a loop): applied; T.Grow is not
    assert (r / "a.txt").read_text() == "The colour of baz.\n"
    assert "T.Grow do not converge" in res.stderr and "T.Chain" not in res.stderr


def test_a_cycle_of_fixes_is_not_applied(tmp_path, monkeypatch):
    r = repo(tmp_path, 'extends: substitution\nmessage: "Use %s"\nlevel: warning\nswap:\n  foo: bar\n  bar: foo\n', "Cycle")
    (r / "a.txt").write_text("The foo.\n")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert (r / "a.txt").read_text() == "The foo.\n"
    assert "T.Cycle do not converge" in res.stderr


@pytest.mark.parametrize(("escaped", "code"), [
    ("\\x1b[2J", "U+001B"), ("a\\x00b", "U+0000"), ("a\\r\\nb", "U+000D"), ("a\\nb", "U+000A"),
    ("\\u202egnp.exe", "U+202E"), ("\\u2066x", "U+2066"), ("a\\x85b", "U+0085"), ("a\\x7fb", "U+007F"),
])
def test_a_replacement_with_a_control_character_is_refused_at_load(tmp_path, monkeypatch, escaped, code):
    r = repo(tmp_path, f'extends: substitution\nmessage: "Use %s"\nswap:\n  colour: "{escaped}"\n')
    (r / "a.txt").write_text("The colour.\n")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert res.code == 2
    assert f"Colour.yml:4: swap.colour: replacement contains a control character {code}" in res.stderr
    assert (r / "a.txt").read_text() == "The colour.\n"


def test_a_tab_in_a_replacement_is_allowed(tmp_path, monkeypatch):
    r = repo(tmp_path, 'extends: substitution\nmessage: "Use %s"\nlevel: warning\nswap:\n  colour: "col\\tor"\n')
    (r / "a.txt").write_text("The colour.\n")
    res = cli("--fix", "a.txt", cwd=r, monkeypatch=monkeypatch)
    assert res.code == 0, res.stderr
    assert (r / "a.txt").read_text() == "The col\tor.\n"
