"""What the NER scorers of this folder share: running `newsflow enrich` on
article bodies, reading its mentions, counting exact-span matches of
people, organisations and places, and the score line."""
import collections
import json
import shlex
import subprocess
import tempfile

TYPES = {"person": "PER", "organization": "ORG", "location": "LOC"}
KINDS = ("PER", "ORG", "LOC")


def enrich(cmd, bodies):
    """The enriched article of each body (no title, English), in order;
    `cmd` has `{input}` where the JSON-lines file goes."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, body in enumerate(bodies):
            article = {"title": "", "bodyText": body, "language": "en"}
            f.write(json.dumps({"id": str(i), "article": article}) + "\n")
        path = f.name
    out = subprocess.run(
        shlex.split(cmd.format(input=path)), capture_output=True, text=True, check=True
    ).stdout
    articles = [None] * len(bodies)
    for line in out.splitlines():
        row = json.loads(line)
        articles[int(row["id"])] = row["article"]
    return articles


def mentions(article):
    """{(start, end, kind)} of an enriched article's people, organisations
    and places, in characters of its body."""
    found = set()
    for e in article.get("enrichment", {}).get("entities", []):
        kind = TYPES.get(e["type"])
        for span in e.get("spans", []) if kind else []:
            found.add((span.get("start", 0), span["end"], kind))
    return found


class Counts:
    """Exact-span matches by type, over many texts."""

    def __init__(self):
        self.counts = collections.Counter()

    def add(self, predicted, want):
        for kind in KINDS:
            p = {s for s in predicted if s[2] == kind}
            g = {s for s in want if s[2] == kind}
            self.counts[kind, "tp"] += len(p & g)
            self.counts[kind, "p"] += len(p)
            self.counts[kind, "g"] += len(g)

    def line(self):
        """Mentions, precision, recall, F1 and F1 by type."""

        def f1(kinds):
            tp, p, g = (sum(self.counts[k, x] for k in kinds) for x in ("tp", "p", "g"))
            precision = tp / p if p else 0.0
            recall = tp / g if g else 0.0
            return g, precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)

        g, p, r, f = f1(KINDS)
        per_type = " ".join(f"{k} {f1((k,))[3]:.3f}" for k in KINDS)
        return f"mentions {g}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({per_type})"


def misses(text, predicted, want):
    """The missed and wrong mentions of one text, as two lines."""
    show = lambda spans: ", ".join(f"{text[a:b]}={k}" for a, b, k in sorted(spans))
    return f"  missed: {show(want - predicted)}\n  wrong:  {show(predicted - want)}"
