#!/usr/bin/env python3
"""Same-story evaluation on SemEval-2022 Task 8 pairs (1,221 multilingual
news pairs, `overall` 1 = same story ... 4 = unrelated).

    python3 bench/dedup/semeval.py [--pairs ../shared/eval/semeval-pairs/pairs.jsonl] [--newsflow target/release/newsflow]

A pair counts as the same story when its `overall` is at most 2. Prints
precision, recall and F1 of `sameStory`, and the Pearson correlation of the
story similarity with -overall, for monolingual and cross-lingual pairs.
"""
import argparse
import json
import statistics
import subprocess
import tempfile


def prf(rows):
    tp = sum(1 for g, t in rows if g and t)
    fp = sum(1 for g, t in rows if g and not t)
    fn = sum(1 for g, t in rows if not g and t)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", default="../shared/eval/semeval-pairs/pairs.jsonl")
    ap.add_argument("--newsflow", default="target/release/newsflow")
    args = ap.parse_args()
    rows = [json.loads(l) for l in open(args.pairs, encoding="utf8") if l.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["pair_id"],
                                "a": {"bodyText": r["text1"], "language": r["lang1"]},
                                "b": {"bodyText": r["text2"], "language": r["lang2"]}}, ensure_ascii=False) + "\n")
    out = subprocess.run([args.newsflow, "similar", "--pairs", f.name], capture_output=True, text=True, check=True)
    got = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        got[o["id"]] = o
    for name, keep in [("monolingual", lambda r: r["lang1"] == r["lang2"]),
                       ("cross-lingual", lambda r: r["lang1"] != r["lang2"]),
                       ("all", lambda r: True)]:
        sel = [r for r in rows if keep(r)]
        decisions = [(got[r["pair_id"]].get("sameStory", False), r["overall"] <= 2) for r in sel]
        p, rec, f1 = prf(decisions)
        sims = [got[r["pair_id"]].get("storySimilarity", 0.0) for r in sel]
        corr = statistics.correlation(sims, [-r["overall"] for r in sel]) if len(sel) > 2 else 0.0
        print(f"{name:13s} n={len(sel):4d}  same-story P {p:.3f} R {rec:.3f} F1 {f1:.3f}  Pearson {corr:.3f}")


if __name__ == "__main__":
    main()
