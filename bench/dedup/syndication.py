#!/usr/bin/env python3
"""Near-duplicate evaluation set built from the development corpus, and its
score. Nothing generated is committed: the texts are the corpus's.

    python3 bench/dedup/syndication.py [--corpus ../shared/eval/wceb-dev] [--newsflow target/release/newsflow]

For every article with at least 150 words it makes syndicated copies, each a
positive pair with the original:
  boilerplate  another site's header and footer paragraphs around the text
  edits        3% of words changed (typos, numbers, synonyms-by-deletion)
  truncated    the first 60% of the paragraphs
  moved        paragraphs in another order (first kept)
  headline     a new headline plus light edits
and negatives:
  hard         the most similar other article of the corpus (shared words)
  same-site    another article from the same host, when the corpus has one
  random       a random other article
Then runs `newsflow similar --pairs` and prints precision, recall and F1 of
`nearDuplicate`, and recall per variant / false-positive rate per negative kind.
"""
import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

BOILER = [
    "Sign up for our daily newsletter to get the top stories delivered to your inbox every morning before work.",
    "This article was originally published by a partner news agency and is republished here with permission.",
    "Follow us on social media for breaking news, live updates and the best of our long reads from around the world.",
    "Our journalism is funded by readers like you. Support independent reporting by becoming a member today.",
]


def words(t):
    return re.findall(r"\w+", t.lower())


def paragraphs(t):
    return [p.strip() for p in re.split(r"\n+", t) if p.strip()]


def edit(text, rng, share=0.03):
    toks = text.split(" ")
    for _ in range(max(1, int(len(toks) * share))):
        i = rng.randrange(len(toks))
        choice = rng.random()
        if choice < 0.4:
            toks[i] = toks[i][::-1] if len(toks[i]) > 3 else toks[i]
        elif choice < 0.7:
            toks[i] = ""
        else:
            toks[i] = toks[i] + " " + rng.choice(["also", "now", "reportedly", "still"])
    return re.sub(r" +", " ", " ".join(toks))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/eval/wceb-dev")
    ap.add_argument("--newsflow", default="target/release/newsflow")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    gt = json.loads((Path(args.corpus) / "ground-truth.json").read_text(encoding="utf8"))
    docs = [
        {"id": i, "title": t.get("title") or "", "body": t["articleBody"], "url": t.get("url") or ""}
        for i, t in sorted(gt.items())
        if t.get("articleBody") and len(words(t["articleBody"])) >= 150
    ]
    vocab = {d["id"]: Counter(words(d["body"])) for d in docs}
    by_host = defaultdict(list)
    for d in docs:
        by_host[urlparse(d["url"]).netloc.removeprefix("www.")].append(d)

    pairs, labels = [], {}

    def add(kind, a, b_title, b_body, b_url, positive):
        pid = f"{a['id']}:{kind}"
        pairs.append({"id": pid, "a": {"title": a["title"], "bodyText": a["body"], "url": a["url"]},
                      "b": {"title": b_title, "bodyText": b_body, "url": b_url}})
        labels[pid] = (kind, positive)

    for d in docs:
        paras = paragraphs(d["body"])
        host = f"https://syndicator{rng.randrange(100)}.example/story/{d['id']}"
        add("boilerplate", d, d["title"], "\n\n".join([BOILER[0], BOILER[1]] + paras + [BOILER[2], BOILER[3]]), host, True)
        add("edits", d, d["title"], edit(d["body"], rng), host, True)
        add("truncated", d, d["title"], "\n\n".join(paras[: max(1, int(len(paras) * 0.6))]), host, True)
        moved = paras[:1] + rng.sample(paras[1:], len(paras) - 1) if len(paras) > 2 else paras[::-1]
        add("moved", d, d["title"], "\n\n".join(moved), host, True)
        add("headline", d, "Exclusive: " + " ".join(reversed(d["title"].split())), edit(d["body"], rng, 0.01), host, True)
        # Negatives.
        va = vocab[d["id"]]
        best = max((o for o in docs if o["id"] != d["id"]),
                   key=lambda o: sum(min(c, vocab[o["id"]][w]) for w, c in va.items()) / (1 + sum(va.values())))
        add("hard", d, best["title"], best["body"], best["url"], False)
        same = [o for o in by_host[urlparse(d["url"]).netloc.removeprefix("www.")] if o["id"] != d["id"]]
        if same:
            o = rng.choice(same)
            add("same-site", d, o["title"], o["body"], o["url"], False)
        o = rng.choice([o for o in docs if o["id"] != d["id"]])
        add("random", d, o["title"], o["body"], o["url"], False)

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    out = subprocess.run([args.newsflow, "similar", "--pairs", f.name], capture_output=True, text=True, check=True)
    tp = fp = fn = 0
    per = defaultdict(lambda: [0, 0])
    for line in out.stdout.splitlines():
        r = json.loads(line)
        kind, positive = labels[r["id"]]
        got = bool(r.get("nearDuplicate"))
        per[kind][0] += got
        per[kind][1] += 1
        tp += got and positive
        fp += got and not positive
        fn += (not got) and positive
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(docs)} articles, {len(pairs)} pairs: near-duplicate precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    for kind, (hit, n) in per.items():
        what = "recall" if labels[next(k for k in labels if labels[k][0] == kind)][1] else "false positives"
        print(f"  {kind:12s} {what:15s} {hit}/{n} = {hit / n:.3f}")


if __name__ == "__main__":
    main()
