#!/usr/bin/env python3
"""COMPARISON BASELINE — not part of newsflow.

The same job as newsflow's four services, built the way a team would build
it without newsflow: a Python consumer-producer loop per stage on
confluent-kafka, `requests` to fetch, trafilatura to extract, datasketch
MinHash-LSH for near-duplicates, langdetect for the language. The benchmark
harness (`newsflow-bench`, docs/benchmarks.md) runs it with the same topics
layout, partitions, replicas and pages as newsflow.

    python pipeline.py fetch|parse|dedup|enrich

Settings come from the environment: BENCH_BROKERS, BENCH_GROUP, BENCH_IN,
BENCH_OUT, BENCH_DLQ, BENCH_DUPLICATES (dedup only).

Delivery is at-least-once like newsflow's default: a batch's outputs are
flushed (acknowledged by the broker) before its offsets are stored, and
stored offsets are committed in the background. The producer uses
newsflow's settings (idempotent, acks=all, zstd, linger 5 ms) so that bytes
on the wire compare. Dedup state lives in the process (one replica sees
everything it needs only with one replica; newsflow keeps it in Redis).
"""
import json
import os
import signal
import sys
import time

from confluent_kafka import Consumer, Producer

STAGE = sys.argv[1]
ENV = os.environ
RUNNING = True


def stop(*_):
    global RUNNING
    RUNNING = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def now_ms():
    return int(time.time() * 1000)


# ---- the four stages: one input dict in, (topic, dict) or None out -------

def make_fetch():
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = "baseline-bench/1.0"

    def fetch(msg):
        url = msg["url"]
        r = session.get(url, timeout=10)
        if r.status_code != 200:
            raise ValueError(f"HTTP {r.status_code}")
        return ENV["BENCH_OUT"], {
            "url": url,
            "status": r.status_code,
            "contentType": r.headers.get("content-type", ""),
            "html": r.text,
            "fetchedAt": now_ms(),
        }

    return fetch


def make_parse():
    import trafilatura

    def parse(msg):
        doc = trafilatura.bare_extraction(msg["html"], url=msg["url"], with_metadata=True)
        if doc is None:
            raise ValueError("no extraction")
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        return ENV["BENCH_OUT"], {
            "url": msg["url"],
            "title": d.get("title") or "",
            "description": d.get("description") or "",
            "authors": d.get("author") or "",
            "publishedAt": d.get("date") or "",
            "siteName": d.get("sitename") or "",
            "language": d.get("language") or "",
            "bodyText": d.get("text") or "",
        }

    return parse


def make_dedup():
    import re

    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    word = re.compile(r"\w+", re.UNICODE)
    count = [0]

    def dedup(msg):
        words = word.findall(msg["bodyText"].lower())
        shingles = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in shingles])
        matches = lsh.query(m)
        if matches:
            msg["duplicateOf"] = matches[0]
            return ENV["BENCH_DUPLICATES"], msg
        count[0] += 1
        key = f"{msg['url']}#{count[0]}"
        lsh.insert(key, m)
        return ENV["BENCH_OUT"], msg

    return dedup


def make_enrich():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0

    def enrich(msg):
        text = (msg.get("title", "") + "\n" + msg["bodyText"]).strip()
        words = len(text.split())
        lang, conf = "", 0.0
        if text:
            best = detect_langs(text)[0]
            lang, conf = best.lang, best.prob
        msg["enrichment"] = {
            "language": lang,
            "languageConfidence": conf,
            "wordCount": words,
            "readingTimeSeconds": round(words / 238 * 60),
        }
        return ENV["BENCH_OUT"], msg

    return enrich


# ---- the consumer-producer loop ------------------------------------------

def main():
    process = {"fetch": make_fetch, "parse": make_parse, "dedup": make_dedup,
               "enrich": make_enrich}[STAGE]()
    brokers = ENV["BENCH_BROKERS"]
    consumer = Consumer({
        "bootstrap.servers": brokers,
        "group.id": ENV["BENCH_GROUP"],
        "auto.offset.reset": "earliest",
        "enable.auto.commit": True,
        "enable.auto.offset.store": False,
        "isolation.level": "read_committed",
    })
    producer = Producer({
        "bootstrap.servers": brokers,
        "enable.idempotence": True,
        "acks": "all",
        "compression.type": "zstd",
        "linger.ms": 5,
        "message.max.bytes": 10485760,
    })
    consumer.subscribe([ENV["BENCH_IN"]])
    dlq = ENV["BENCH_DLQ"]
    while RUNNING:
        batch = consumer.consume(num_messages=64, timeout=0.5)
        if not batch:
            continue
        for m in batch:
            if m.error():
                continue
            try:
                topic, out = process(json.loads(m.value()))
                producer.produce(topic, json.dumps(out).encode("utf-8"), key=m.key())
            except Exception as e:  # noqa: BLE001 - dead-letter with the reason
                producer.produce(dlq, m.value(), key=m.key(),
                                 headers={"error": str(e)[:500]})
            producer.poll(0)
        producer.flush()
        for m in batch:
            if not m.error():
                consumer.store_offsets(m)
    producer.flush()
    consumer.close()


if __name__ == "__main__":
    main()
