#!/usr/bin/env python3
"""Builds countries.tsv, the gazetteer of the countries annotator, from the
world-countries package (mledoze/countries, ODC Open Database License 1.0):

    (cd /tmp && npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz)
    python3 services/enrich/data/build_countries.py /tmp/package/countries.json > services/enrich/data/countries.tsv

Columns: ISO 3166-1 alpha-2 code, kind (common: the display name; name,
demonym, capital: texts matched), text.
A text that several territories share goes to the one independent
country among them, else is left out. Names that are also common words or first names ("Chad", "Jordan",
"Turkey") and capitals shared with other places ("Washington", "Victoria")
are left out (AMBIGUOUS); their demonyms stay.
"""
import json
import sys

AMBIGUOUS = {
    "Chad", "Jordan", "Georgia", "Turkey", "China", "Guinea", "Niger", "Dominica", "Israel",
    "Washington", "Victoria", "Kingston", "Georgetown", "Hamilton", "Male", "Jamestown",
    "Cayenne", "Lima", "Nassau", "Valletta", "Monaco", "Andorra la Vella", "Avarua",
    "Papua", "Panama", "Singapore", "Luxembourg", "San Marino", "Kuwait", "Djibouti",
    "Mexico", "Guatemala", "Vatican City", "Bermuda", "Gibraltar", "Macau", "Hong Kong",
    "Jerusalem", "Palestine", "Congolese", "Dominican", "Island", "Mann", "Jersey",
    "Emirates", "Thai", "Samoa", "Congo", "Dominique", "Prathet", "Guiana",
}
# Short forms news use that the package does not list.
EXTRA = [("US", "name", "U.S."), ("GB", "name", "U.K."), ("GB", "name", "UK"), ("GB", "name", "Britain"),
         ("AE", "name", "UAE"), ("KP", "name", "North Korea"), ("KP", "demonym", "North Korean"),
         ("KP", "name", "N. Korea"), ("KR", "name", "S. Korea"), ("SR", "demonym", "Surinamese"),
         ("BA", "name", "Bosnia"), ("AZ", "demonym", "Azeri"), ("HR", "demonym", "Croat"),
         ("RS", "demonym", "Serb"), ("TJ", "demonym", "Tajik"), ("UZ", "demonym", "Uzbek"),
         ("KZ", "demonym", "Kazakh"), ("KG", "demonym", "Kyrgyz"), ("SI", "demonym", "Slovenian"),
         ("GB", "demonym", "Briton"), ("US", "name", "USA"), ("US", "name", "U.S.A.")]
# Countries renamed or respelt since, under their current code: news archives
# write them so ("Zaire" is the DR Congo).
RENAMED = [("CD", "name", "Zaire"), ("CD", "demonym", "Zairean"), ("SR", "name", "Surinam"),
           ("KZ", "name", "Kazakstan"), ("BY", "name", "Byelorussia"), ("BY", "name", "Belorussia"),
           ("KG", "name", "Kirghizia"), ("TL", "name", "East Timor"), ("WS", "name", "Western Samoa"),
           ("DE", "name", "West Germany"), ("DE", "demonym", "West German")]
# States that are gone, under the ISO 3166-1 code they had (ISO 3166-3 keeps
# it): a place of the news all the same ("visit Yugoslavia", 1996).
FORMER = [("YU", "common", "Yugoslavia"), ("YU", "name", "Yugoslavia"),
          ("YU", "name", "Federal Republic of Yugoslavia"), ("YU", "demonym", "Yugoslav"),
          ("SU", "common", "Soviet Union"), ("SU", "name", "Soviet Union"), ("SU", "name", "USSR"),
          ("SU", "name", "U.S.S.R."), ("SU", "demonym", "Soviet"),
          ("CS", "common", "Czechoslovakia"), ("CS", "name", "Czechoslovakia"),
          ("CS", "demonym", "Czechoslovak"),
          ("DD", "common", "East Germany"), ("DD", "name", "East Germany"), ("DD", "demonym", "East German")]
# Kept although they are also other things: the country reading dominates in news.
KEEP = {"China", "Israel", "Turkey", "Mexico", "Panama", "Singapore", "Luxembourg", "Kuwait", "Hong Kong", "Palestine"}


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    rows = set()
    capitals = {}
    for c in data:
        for cap in c.get("capital", []):
            capitals.setdefault(cap, set()).add(c["cca2"])
    for c in data:
        code = c["cca2"]
        rows.add((code, "common", c["name"]["common"]))
        names = {c["name"]["common"], c["name"]["official"]}
        names |= {a for a in c.get("altSpellings", []) if len(a) > 3 and a.replace(" ", "").replace(",", "").isascii() and "," not in a}
        for n in names:
            if n in AMBIGUOUS and n not in KEEP:
                continue
            rows.add((code, "name", n))
        for d in (c.get("demonyms") or {}).get("eng", {}).values():
            if d and d not in AMBIGUOUS:
                rows.add((code, "demonym", d))
        for cap in c.get("capital", []):
            if len(capitals[cap]) == 1 and cap not in AMBIGUOUS and len(cap) >= 4:
                rows.add((code, "capital", cap))
    rows |= set(EXTRA) | set(RENAMED) | set(FORMER)
    # A text several territories share ("French": France and its overseas
    # territories) goes to the one independent country, else nowhere.
    independent = {c["cca2"] for c in data if c.get("independent")}
    owners = {}
    for code, kind, text in rows:
        if kind != "common":
            owners.setdefault(text, set()).add(code)
    for text, codes in owners.items():
        if len(codes) > 1:
            keep = codes & independent
            for code in codes:
                if len(keep) != 1 or code not in keep:
                    rows = {r for r in rows if not (r[0] == code and r[2] == text and r[1] != "common")}
    print("# ISO 3166-1 alpha-2\tkind\ttext — from world-countries 5.1.0 (mledoze/countries, ODbL 1.0); see build_countries.py")
    for row in sorted(rows):
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
