"""Precision and recall of the sourcing summary's named sources against the hand-read gold
(tests/data/sourcing/gold.json: four sets, each annotated blind before it was measured).

    .venv/bin/python tests/sourcing_check.py [--show]

Needs ../shared/corpus/. A found name counts as right when it is a gold name or ends with one
(or a gold name ends with it): "Ms Robison" for "Shona Robison", "Staff-Insp. Gary Ellis" for
"Gary Ellis"; each gold name is matched once (a second name for the same source is an error);
names matching an optional entry are left out of both counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "sourcing" / "gold.json"
SHARED = ROOT.parent / "shared" / "corpus"
HONORIFICS = ("mr ", "mrs ", "ms ", "miss ", "dr ", "prof ")


def _norm(name: str) -> str:
    n = " ".join(name.replace("’", "'").lower().split())
    for lead in ("the ", *HONORIFICS):
        if n.startswith(lead):
            n = n[len(lead):]
    return n


def _same(found: str, gold: str) -> bool:
    f = _norm(found)
    return any(f == g or f.endswith(" " + g) or g.endswith(" " + f) for g in (_norm(x) for x in gold.split("|")))


def texts() -> dict[str, tuple[str, str]]:
    """Every gold key: (the path given to newslint, the text)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    lee = [x for x in (SHARED / "lee" / "lee.cor").read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
    out = {}
    for items in gold["sets"].values():
        for key in items:
            if key.startswith("lee:"):
                n = int(key[4:])
                out[key] = (f"lee-{n:02d}.txt", f"Lee story {n}\n\n{lee[n - 1]}\n")
            else:
                out[key] = (key, (SHARED / key).read_text(encoding="utf-8"))
    return out


def score(show: bool = False) -> dict[str, dict[str, int]]:
    """Per set (and "all"): found, right, gold, plus the names each article got wrong or missed."""
    from lint import api
    from lint.sourcing import summarize

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    config = api.load()
    result: dict[str, dict[str, int]] = {}
    total = {"found": 0, "right": 0, "gold": 0}
    for name, items in gold["sets"].items():
        row = {"found": 0, "right": 0, "gold": 0}
        for key, (path, text) in texts().items():
            if key not in items:
                continue
            want, optional = items[key]["sources"], items[key]["optional"]
            got = [x["name"] for x in summarize(path, text, api.lint_text(path, text, config))["named_sources"]]
            left = list(want)
            wrong = []
            for g in got:
                hit = next((w for w in left if _same(g, w)), None)
                if hit is not None:
                    left.remove(hit)
                    row["right"] += 1
                    row["found"] += 1
                elif not any(_same(g, o) for o in optional):
                    wrong.append(g)
                    row["found"] += 1
            row["gold"] += len(want)
            if show and (wrong or left):
                print(f"  {name} {key}: wrong {wrong}, missed {left}")
        result[name] = row
        for k in total:
            total[k] += row[k]
    result["all"] = total
    return result


def main() -> int:
    rows = score(show="--show" in sys.argv)
    print(f"{'set':<14}{'found':>7}{'right':>7}{'gold':>6}{'precision':>11}{'recall':>8}")
    for name, r in rows.items():
        p = r["right"] / r["found"] if r["found"] else 1.0
        rc = r["right"] / r["gold"] if r["gold"] else 1.0
        print(f"{name:<14}{r['found']:>7}{r['right']:>7}{r['gold']:>6}{p:>11.1%}{rc:>8.1%}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
