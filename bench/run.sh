#!/usr/bin/env bash
# The end-to-end benchmark, one command (docs/benchmarks.md, "End to end"):
#
#   bench/run.sh [newsflow-bench options]     e.g. --urls 5000, --newsflow-only
#
# Starts the local stack (Kafka KRaft + Redis, deploy/stack.sh), builds the
# release binaries, makes the Python baseline's venv (.venv-bench, from
# bench/baseline/requirements.txt), then runs newsflow and the baseline on
# the same pages served on loopback (default: the development corpus in
# ../shared/eval/wceb-dev/html, never committed). Writes
# target/bench/report.json, the Markdown tables on stdout, and a perf
# profile summary per newsflow stage in bench/profiles/. Everything stays on
# this machine; the run is bounded (each phase fails after 120 s without
# progress) and stops by itself.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
bash deploy/stack.sh start
cargo build --release --workspace --bins
if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet -r bench/baseline/requirements.txt
fi
if ! command -v perf >/dev/null; then
  echo "[bench] perf not found: no profiles (apt-get install linux-perf)" >&2
  exec target/release/newsflow-bench "$@"
fi
exec target/release/newsflow-bench --profile bench/profiles "$@"
