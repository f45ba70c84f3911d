"""Build word_frequency.tsv: how common each English word is, for the
named-entity tagger (a capitalised word that is also a common word is
less often a name). From wordfreq 3.1.1's small English list (Robyn Speer;
data CC BY-SA 4.0, code Apache-2.0), words of letters, apostrophes and
hyphens only, with their Zipf value (log10 of the frequency per billion
words) to one decimal.

    pip download --no-deps wordfreq==3.1.1 && unzip -o wordfreq-3.1.1-py3-none-any.whl
    pip install msgpack
    python3 build_word_frequency.py wordfreq/data/small_en.msgpack.gz > word_frequency.tsv
"""

import gzip
import re
import sys

import msgpack


def main(path: str) -> None:
    packed = msgpack.load(gzip.open(path), raw=False)
    # cBpack: entry i (after the header) holds the words of frequency 10^(-i/100).
    print("# word\tzipf — wordfreq 3.1.1 small_en (CC BY-SA 4.0); see build_word_frequency.py")
    rows = []
    for i, words in enumerate(packed[1:]):
        zipf = 9 - i / 100
        for w in words:
            if re.fullmatch(r"[a-z][a-z'\-]*", w):
                rows.append((w, zipf))
    for w, z in sorted(rows):
        print(f"{w}\t{z:.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
