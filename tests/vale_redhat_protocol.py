"""Red Hat's Vale protocol (its tools/validate-vale-rules.sh) with newslint in place of vale (issue 15).

    python tests/vale_redhat_protocol.py [PACKAGE_DIR]

Every non-empty line of each .vale/fixtures/RedHat/<Rule>/testinvalid.adoc must give an alert and
testvalid.adoc none, each run as the script runs Vale: ``--config=<fixture>/.vale.ini --no-exit
--output=line``, the configuration as shipped. Prints the rules that miss or cry wolf, then the
totals. Needs ``newslint`` on PATH.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "vale-packages" / "redhat-documentation+vale-at-red-hat"


def alerts(pkg: Path, fixture: Path, doc: Path) -> tuple[list[str], str]:
    p = subprocess.run(["newslint", f"--config={fixture}/.vale.ini", "--no-exit", "--output=line", str(doc)],
                       cwd=pkg, capture_output=True, text=True)
    return [line for line in p.stdout.splitlines() if line.strip()], p.stderr


def main(argv: list[str]) -> int:
    pkg = Path(argv[0]) if argv else DEFAULT
    expected = alerted = false_alarms = 0
    for d in sorted((pkg / ".vale" / "fixtures" / "RedHat").iterdir()):
        if not (d / ".vale.ini").is_file():
            continue
        invalid, err = alerts(pkg, d, d / "testinvalid.adoc")
        valid, _ = alerts(pkg, d, d / "testvalid.adoc")
        text = (d / "testinvalid.adoc").read_text(encoding="utf-8").splitlines()
        wanted = [n for n, line in enumerate(text, 1) if line.strip()]
        got = {int(a.split(":")[1]) for a in invalid if a.count(":") >= 4}
        hit = sum(1 for n in wanted if n in got)
        expected += len(wanted)
        alerted += hit
        false_alarms += len(valid)
        if hit < len(wanted) or valid:
            print(f"{d.name}: {hit}/{len(wanted)} lines, {len(valid)} false alarms {err.strip()[:150]}")
    print(f"RedHat protocol: {alerted}/{expected} invalid lines alerted = {alerted / max(expected, 1):.1%}; "
          f"{false_alarms} alerts in testvalid.adoc")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
