#!/usr/bin/env python3
"""Named entities scored on any file in the CoNLL format (people,
organisations, places; exact spans), through `newsflow enrich`.

The standard English news NER test data (CoNLL-2003, Reuters) may be used
to measure but never to build what ships, and this repository holds none of
it: bring your own file.

    python3 bench/ner/conll_score.py FILE [--cmd "target/release/newsflow enrich --input {input}"]
        [--sentences newline|space] [--misses]

FILE: one token a line with its tag in the last column (IOB1 or IOB2: an
I- tag after O or another type opens a mention, the conlleval rule), a blank
line between sentences, a `-DOCSTART-` line between documents. Each document
goes in as one article body without a title: its tokens joined by spaces as
the corpus writes them ("England 's", "( Reuters )"), its sentences by a
newline (or a space). MISC is left out of the score, as the issue's target
asks.
"""
import argparse

import scoring
from scoring import KINDS


def documents(path):
    """[(text, {(start, end, kind)})] of the file's documents."""
    docs, sentences, tokens = [], [], []

    def end_sentence():
        if tokens:
            sentences.append(list(tokens))
            tokens.clear()

    def end_document():
        end_sentence()
        if sentences:
            docs.append(list(sentences))
            sentences.clear()

    for line in open(path, encoding="utf8"):
        cols = line.split()
        if not cols:
            end_sentence()
        elif cols[0] == "-DOCSTART-":
            end_document()
        else:
            tokens.append((cols[0], cols[-1]))
    end_document()
    return docs


def spans(doc, separator):
    """The document's text and its mentions as character spans."""
    text, gold = "", set()
    for s, sentence in enumerate(doc):
        if s:
            text += separator
        open_kind, open_start, last_end = None, 0, 0
        for t, (word, tag) in enumerate(sentence):
            if t:
                text += " "
            start = len(text)
            text += word
            prefix, _, kind = tag.partition("-")
            continues = prefix == "I" and kind == open_kind
            if open_kind and not continues:
                gold.add((open_start, last_end, open_kind))
                open_kind = None
            if prefix in ("B", "I") and not continues:
                open_kind, open_start = kind, start
            last_end = len(text)
        if open_kind:
            gold.add((open_start, last_end, open_kind))
    return text, {g for g in gold if g[2] in KINDS}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--cmd", default="target/release/newsflow enrich --input {input}")
    ap.add_argument("--sentences", choices=("newline", "space"), default="newline")
    ap.add_argument("--misses", action="store_true", help="print each document's misses")
    args = ap.parse_args()
    separator = "\n" if args.sentences == "newline" else " "
    docs = [spans(d, separator) for d in documents(args.file)]
    counts = scoring.Counts()
    for i, article in enumerate(scoring.enrich(args.cmd, [text for text, _ in docs])):
        text, want = docs[i]
        predicted = scoring.mentions(article)
        counts.add(predicted, want)
        if args.misses and predicted != want:
            print(f"{i}: {text[:60]!r}\n{scoring.misses(text, predicted, want)}")
    print(f"documents {len(docs)}  {counts.line()}")

if __name__ == "__main__":
    main()
