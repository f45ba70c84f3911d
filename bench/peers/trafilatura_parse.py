#!/usr/bin/env python3
"""Comparison baseline, not part of newsflow: trafilatura behind the same
manifest interface as `newsflow parse --manifest`, so `run_parse.py` can score
both on the same machine in the same session.

    python3 bench/peers/trafilatura_parse.py MANIFEST > out.jsonl

MANIFEST: JSON lines {"id","path","url"}; out: {"id","article":{title,
bodyText, authors, publishedAt}} in input order. Pages are processed in
parallel over all cores, like newsflow's.
"""
import gzip
import json
import sys
from multiprocessing import Pool

import trafilatura


def one(row):
    path = row["path"]
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    html = raw.decode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(html, url=row.get("url") or None, with_metadata=True)
    except Exception as e:  # noqa: BLE001 - report, as newsflow does
        return {"id": row["id"], "error": str(e)}
    if doc is None:
        return {"id": row["id"], "error": "no extraction"}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    authors = [{"name": a.strip()} for a in (d.get("author") or "").split(";") if a.strip()]
    return {"id": row["id"], "article": {
        "title": d.get("title") or "",
        "bodyText": d.get("text") or "",
        "authors": authors,
        "publishedAt": d.get("date") or "",
    }}


def main():
    rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf8") if l.strip()]
    with Pool() as pool:
        for out in pool.imap(one, rows, chunksize=8):
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
