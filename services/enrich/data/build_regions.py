"""Build regions.tsv: the states, provinces and regions of the world's
countries ("Uttar Pradesh", "New South Wales", "Sichuan"), from the npm
package provinces 1.11.0 (MIT). The tagger's place feature is not built
from it (that is places.tsv: adding these there and retraining measured
worse, docs/benchmarks.md); `ner::refine::regions` reads it after the
tagger.

    npm pack provinces@1.11.0 && tar xzf provinces-1.11.0.tgz
    python3 build_regions.py package/provinces.json > regions.tsv

Kept: names of two or more words written in Latin letters with
capitalised words (one word, "Victoria" or "Georgia", is as often a
person or a country). Left out: the package's provinces of Peru,
Bolivia and Chile, many of them named after people ("Antonio Raymondi",
"General Carrera").
"""

import json
import re
import sys

NAME = re.compile(r"^[A-Z][A-Za-z'.\- ]{1,40}$")
PARTICLES = {"de", "del", "la", "le", "of", "and", "do", "da", "das", "dos", "di"}


def main(provinces: str) -> None:
    names: dict[str, str] = {}
    for p in json.load(open(provinces, encoding="utf8")):
        name = p["name"].strip()
        words = name.split()
        if p["country"] in ("PE", "BO", "CL"):
            continue
        if (len(words) >= 2 and NAME.match(name)
                and all(w[:1].isupper() or w in PARTICLES for w in words)):
            names.setdefault(name, p["country"])
    print("# name\tcountry — provinces 1.11.0 (npm, MIT); see build_regions.py")
    for name, country in sorted(names.items()):
        print(f"{name}\t{country}")


if __name__ == "__main__":
    main(sys.argv[1])
