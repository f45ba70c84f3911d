"""Build companies.txt: names of listed companies for the rule after the
named-entity tagger (ner::companies), from the index constituents shipped in
the PyPI package pytickersymbols 1.17.10 (MIT, see its LICENSE).

    pip download --no-deps pytickersymbols==1.17.10 && unzip -o pytickersymbols-1.17.10-py3-none-any.whl
    python3 build_companies.py . > companies.txt

The companies of its 20 indices (DAX, MDAX, SDAX, TecDAX, CAC 40, CAC Mid
60, FTSE 100, AEX, BEL 20, IBEX 35, Euro Stoxx 50, Switzerland 20, OMX
Helsinki 25, OMX Stockholm 30, Nikkei 225, Dow Jones, Nasdaq 100, S&P 100,
500 and 600), named as news name them: legal forms and a leading "The"
dropped ("Siemens AG" is "Siemens", "The Cheesecake Factory" "Cheesecake
Factory"), names written in Latin letters only. Which of them the rule
trusts alone (a single word that is common English is not) is decided at
run time against the shipped word frequencies.
"""

import re
import sys

LEGAL = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|AG|SE|"
    r"S\.A\.|SA|N\.V\.|NV|Holdings?|Group|Oyj|AB|ASA|A/S|KGaA|& Co\.?|S\.p\.A\.|SpA|LLC|L\.P\.|LP|"
    r"Trust|Co\.,? Ltd\.?|\(publ\)|Class [A-C]))+$"
)
NAME = re.compile(r"^[A-Z0-9][A-Za-z0-9&'.\- ]{2,40}$")

# Airlines news name often that no index of the package holds (state-owned,
# unlisted or listed elsewhere), written by the team: the tagger took "El
# Al" for a person.
AIRLINES = [
    "Aer Lingus", "Aeroflot", "Air China", "Air India", "Air New Zealand", "Alitalia",
    "All Nippon Airways", "American Airlines", "Asiana Airlines", "Avianca", "British Airways",
    "Cathay Pacific", "China Airlines", "China Eastern", "China Southern", "Delta Air Lines",
    "EgyptAir", "El Al", "Emirates Airline", "Ethiopian Airlines", "Etihad Airways", "EVA Air",
    "Finnair", "Garuda Indonesia", "Iberia", "Japan Airlines", "Kenya Airways", "KLM",
    "Korean Air", "LOT Polish Airlines", "Malaysia Airlines", "Olympic Airways",
    "Pakistan International Airlines", "Philippine Airlines", "Qantas", "Qatar Airways",
    "Royal Jordanian", "Sabena", "SAS", "Saudia", "Singapore Airlines", "South African Airways",
    "Swissair", "TAP Air Portugal", "Thai Airways", "Turkish Airlines", "United Airlines",
    "Varig", "Vietnam Airlines", "Virgin Atlantic",
]


def main(root: str) -> None:
    sys.path.insert(0, root)
    from pytickersymbols import PyTickerSymbols  # noqa: E402

    names = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = LEGAL.sub("", stock["name"].strip()).strip().strip(",")
        name = re.sub(r"^The\s+", "", name)
        if NAME.match(name):
            names.add(name)
    names.update(AIRLINES)
    print("# Listed companies as news name them: built by build_companies.py from")
    print("# pytickersymbols 1.17.10 (MIT), and airlines the team listed; see data/README.md.")
    for name in sorted(names):
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
