#!/usr/bin/env bash
# Machine checks of everything shipped for operators (run by tests/run.sh):
#   - deploy/Dockerfile through BuildKit's parser and linter, and
#     deploy/compose.yaml through compose-go (deploy/check, Go);
#   - helm lint --strict, default and full-featured values (newsflow/ci/full-values.yaml);
#   - helm template of both, validated by kubeconform -strict against the
#     schemas in helm/schemas (no download at check time);
#   - values.schema.json refuses unknown keys and bad values;
#   - helm-unittest assertions (newsflow/tests/*_test.yaml);
#   - each rendered newsflow.toml accepted by the real service binary;
#   - promtool: the alert rules, their unit tests and the scrape configuration;
#   - the dashboard is valid JSON (its queries are evaluated against a live
#     Prometheus by the end-to-end test `dashboard_and_alerts_work_on_live_metrics`).
# Tools are built from the Go module proxy at pinned versions into .tools/bin
# unless already there; promtool comes from Debian's prometheus package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
tools="$repo/.tools/bin"
mkdir -p "$tools"
export PATH="$tools:$PATH"
KUBE_VERSION=1.34.0   # the schemas in helm/schemas are Kubernetes v1.34's
log() { printf '[deploy-check] %s\n' "$*" >&2; }

install_tools() {
  command -v go >/dev/null || { log "go is required"; exit 1; }
  if [ ! -x "$tools/helm" ]; then
    log "building helm v3.22.0"; GOBIN="$tools" go install helm.sh/helm/v3/cmd/helm@v3.22.0
  fi
  if [ ! -x "$tools/kubeconform" ]; then
    log "building kubeconform v0.8.0"; GOBIN="$tools" go install github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
  fi
  if [ ! -x "$tools/helm-unittest" ]; then
    # Its go.mod has replace directives, so `go install pkg@version` refuses
    # it; it builds as the main module from the downloaded source instead.
    log "building helm-unittest v1.1.2"
    local dir
    dir=$(go mod download -json github.com/helm-unittest/helm-unittest@v1.1.2 \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
    (cd "$dir" && GOFLAGS=-mod=mod go build -o "$tools/helm-unittest" ./cmd/helm-unittest)
  fi
}

install_tools
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml
chart=helm/newsflow
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

log "Dockerfile (BuildKit parser and linter) and compose.yaml (compose-go)"
(cd deploy/check && go run . "$repo")

log "helm lint --strict"
helm lint --strict --kube-version "$KUBE_VERSION" "$chart"
helm lint --strict --kube-version "$KUBE_VERSION" -f "$chart/ci/full-values.yaml" "$chart"

log "helm template + kubeconform -strict"
helm template t "$chart" --kube-version "$KUBE_VERSION" >"$out/default.yaml"
helm template t "$chart" --kube-version "$KUBE_VERSION" -f "$chart/ci/full-values.yaml" >"$out/full.yaml"
kubeconform -strict -summary \
  -schema-location "$repo/helm/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
  "$out/default.yaml" "$out/full.yaml"

log "values.schema.json refuses unknown keys and bad values"
refuse() {
  local why=$1; shift
  if helm template t "$chart" --kube-version "$KUBE_VERSION" "$@" >/dev/null 2>"$out/err"; then
    log "FAIL: accepted $why ($*)"; exit 1
  fi
}
refuse "a misspelt stage key" --set stages.fetch.replica=3
refuse "an unknown top-level key" --set kafkaa.brokers=x
refuse "an unknown delivery mode" --set kafka.delivery=at-most-once
refuse "a secret in kafka.properties" --set 'kafka.properties.sasl\.password=x'
refuse "a non-Redis URL" --set redis.url=http://redis:6379

log "helm-unittest"
helm-unittest --color=false "$chart"

log "rendered configuration accepted by the service binaries"
for values in default full; do
  mkdir -p "$out/$values"
  python3 - "$out/$values.yaml" "$out/$values" <<'PY'
import sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    if d and d["kind"] == "ConfigMap":
        for key, text in d["data"].items():
            open(f"{sys.argv[2]}/{key}", "w").write(text)
PY
  for stage in fetch parse dedup enrich; do
    bin="$repo/target/debug/newsflow-$stage"
    [ -x "$bin" ] || { log "$bin is missing: cargo build --workspace --bins"; exit 1; }
    "$bin" --config "$out/$values/$stage.toml" --print-config >/dev/null
  done
  "$repo/target/debug/newsflow" --config "$out/$values/topics.toml" print-config >/dev/null
done

log "promtool"
promtool check rules deploy/prometheus/alerts.yml
promtool test rules deploy/prometheus/alerts_test.yml
promtool check config deploy/prometheus/prometheus.yml

log "dashboard JSON"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["panels"], "no panels"' deploy/grafana/dashboards/newsflow.json

log "all checks passed"
