#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing (apt packages, the Kafka
# jars), starts the local stack, builds the binaries the end-to-end tests
# spawn, runs every test, and stops the stack again — also on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

deploy/stack.sh install
deploy/stack.sh start
trap 'deploy/stack.sh stop' EXIT

export NEWSFLOW_TEST_BROKERS=${NEWSFLOW_TEST_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}
# The end-to-end tests run the service binaries as separate processes.
cargo build --workspace --bins
# What operators get (helm chart, alert rules, dashboard file), checked by
# machines: Dockerfile and compose lint, helm lint, kubeconform,
# helm-unittest, promtool (deploy/check.sh).
bash deploy/check.sh
# Two test threads: the end-to-end tests start processes and a broker is
# shared; more parallelism only adds contention on two cores.
cargo test --workspace -- --test-threads=2
# The small seeded chaos runs (docs/guarantees.md), alone on the stack: they
# crash-restart the broker. Exactly-once must lose and repeat nothing;
# at-least-once must lose nothing.
target/debug/newsflow-chaos --small --seed 7 --report target/chaos/ci-exactly-once.json >/dev/null
target/debug/newsflow-chaos --small --seed 7 --delivery at-least-once --report target/chaos/ci-at-least-once.json >/dev/null
# The benchmark harness, small, on the team's fixture pages (the development
# corpus is not in the repository): it fails if any URL goes unaccounted for.
target/debug/newsflow-bench --newsflow-only --urls 60 --latency-secs 3 \
  --pages services/parse/tests/fixtures --report target/bench/ci.json >/dev/null
