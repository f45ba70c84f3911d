#!/usr/bin/env python3
"""Named entities on real English news: the team's annotation of 36 texts of
the SemEval-2022 Task 8 pairs (../shared/eval/semeval-pairs, Apache-2.0).

The texts are not in this repository: `semeval_news.tsv` holds only where
each name is (pair id, which text, a hash of the text, the annotated window's
length, start and end in characters, type; a text without names has one row
of type NONE). Annotated the way the standard
English news NER corpora are: people, organisations and places (PER, ORG,
LOC); nationalities, events and works (MISC) left out; a title ("President",
"Cardinal") and a possessive outside the name; a national team is its
country's place, a club or college team an organisation.

    python3 bench/ner/semeval_news.py [--gold bench/ner/semeval_news_test.tsv]
        [--cmd "target/release/newsflow enrich --input {input}"]

`semeval_news.tsv` (36 texts, 274 mentions) is where the rules after the
tagger were written from; `semeval_news_test.tsv` (30 other texts, 191
mentions) was annotated from the texts alone, before any output on them was
looked at, as the check that those rules generalise — and then, with the
first, chose the tagger's L2 regularisation; `semeval_news_check.tsv` (25
more texts, 184 mentions, annotated blind too) was scored once, after both
choices, then after each change of the sixth session of 2026-12-07;
`semeval_news_check2.tsv` (25 more texts, 165 mentions, annotated in that
session from the texts alone before any output on them was looked at) is
scored, never read for errors, and is the figure to quote.

Each text goes in as an article body without a title; a predicted mention
counts where it starts inside the window. Exact spans and types.
"""
import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path

import scoring

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "../../../shared/eval/semeval-pairs/pairs.jsonl"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cmd", default="target/release/newsflow enrich --input {input}")
    ap.add_argument("--pairs", default=str(PAIRS))
    ap.add_argument(
        "--gold",
        default=str(HERE / "semeval_news.tsv"),
        help="semeval_news.tsv (36 texts the rules were written from), "
        "semeval_news_test.tsv (30 texts, the rules' check, then the L2 choice) or "
        "semeval_news_check.tsv (25 texts scored after the choices) or "
        "semeval_news_check2.tsv (25 texts never read for errors)",
    )
    ap.add_argument("--misses", action="store_true", help="print each text's misses")
    args = ap.parse_args()
    gold = collections.defaultdict(set)
    texts = {}
    for line in Path(args.gold).read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        pair, field, sha, window, start, end, kind = line.split("\t")
        texts[(pair, field)] = (sha, int(window))
        # A text with no name in its window has one row of type NONE.
        if kind != "NONE":
            gold[(pair, field)].add((int(start), int(end), kind))
    found = {}
    for line in open(args.pairs, encoding="utf8"):
        row = json.loads(line)
        for field in ("text1", "text2"):
            key = (row["pair_id"], field)
            if key in texts and key not in found:
                text = row[field]
                if hashlib.sha256(text.encode()).hexdigest()[:16] != texts[key][0]:
                    sys.exit(f"{key}: the text differs from the one annotated")
                found[key] = text
    missing = set(texts) - set(found)
    if missing:
        sys.exit(f"texts not found: {sorted(missing)}")
    keys = sorted(texts)
    counts = scoring.Counts()
    for key, article in zip(keys, scoring.enrich(args.cmd, [found[k] for k in keys])):
        window = texts[key][1]
        text = article["bodyText"]
        # A predicted mention counts where it starts inside the window.
        predicted = {s for s in scoring.mentions(article) if s[0] < window}
        want = gold[key]
        counts.add(predicted, want)
        if args.misses and predicted != want:
            print(f"{key[0]}:{key[1]}\n{scoring.misses(text, predicted, want)}")
    print(f"texts {len(keys)}  {counts.line()}")

if __name__ == "__main__":
    main()
