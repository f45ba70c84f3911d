#!/usr/bin/env python3
"""Regenerates the JSON schemas kubeconform checks the chart against.

The schemas are kept in the repository so that the chart check needs no
network; this script rebuilds them from sources pinned below, fetched from
the Go module proxy with `go mod download`:

- Kubernetes v1.34.2 (api/openapi-spec/swagger.json) for the built-in kinds;
- KEDA v2.16.1 CRDs (ScaledObject, TriggerAuthentication);
- prometheus-operator v0.85.0 CRD (PodMonitor).

Each schema is standalone (every reference it needs is in its own
`definitions`) and strict: objects with declared properties admit no others,
as `kubeconform -strict` expects. File names follow kubeconform's
`{{ .ResourceKind }}{{ .KindSuffix }}.json` (deployment-apps-v1.json).

Run from anywhere: python3 helm/schemas/generate.py
"""
import json
import os
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
KUBERNETES = "k8s.io/kubernetes@v1.34.2"
KEDA = "github.com/kedacore/keda/v2@v2.16.1"
PROMETHEUS_OPERATOR = "github.com/prometheus-operator/prometheus-operator@v0.85.0"

# (swagger definition, kind, group, version)
BUILT_IN = [
    ("io.k8s.api.apps.v1.Deployment", "Deployment", "apps", "v1"),
    ("io.k8s.api.core.v1.ConfigMap", "ConfigMap", "", "v1"),
    ("io.k8s.api.core.v1.Service", "Service", "", "v1"),
    ("io.k8s.api.core.v1.ServiceAccount", "ServiceAccount", "", "v1"),
    ("io.k8s.api.batch.v1.Job", "Job", "batch", "v1"),
    ("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "autoscaling", "v2"),
    ("io.k8s.api.policy.v1.PodDisruptionBudget", "PodDisruptionBudget", "policy", "v1"),
]
# (module, path inside the module, kind, group, version)
CRDS = [
    (KEDA, "config/crd/bases/keda.sh_scaledobjects.yaml", "ScaledObject", "keda.sh", "v1alpha1"),
    (KEDA, "config/crd/bases/keda.sh_triggerauthentications.yaml", "TriggerAuthentication", "keda.sh", "v1alpha1"),
    (PROMETHEUS_OPERATOR, "example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml", "PodMonitor", "monitoring.coreos.com", "v1"),
]


def module_zip(module):
    out = subprocess.run(["go", "mod", "download", "-json", module], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["Zip"]


def read_from_module(module, path):
    name, version = module.split("@")
    with zipfile.ZipFile(module_zip(module)) as z:
        return z.read(f"{name}@{version}/{path}")


def file_name(kind, group, version):
    suffix = f"-{group.split('.')[0]}-{version}" if group else f"-{version}"
    return f"{kind.lower()}{suffix}.json"


def strict(node):
    """Objects with properties admit no others; int-or-string and quantity
    fields take both YAML forms."""
    if isinstance(node, list):
        return [strict(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: strict(v) for k, v in node.items()}
    if node.get("format") == "int-or-string" or node.pop("x-kubernetes-int-or-string", False):
        node.pop("type", None)
        node.pop("format", None)
        node.pop("anyOf", None)
        node["oneOf"] = [{"type": "string"}, {"type": "integer"}]
    if "properties" in node and "additionalProperties" not in node and not node.get("x-kubernetes-preserve-unknown-fields"):
        node["additionalProperties"] = False
    return node


def built_in(swagger, definition, kind, group, version):
    defs = swagger["definitions"]
    needed, todo = {}, [definition]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed[name] = defs[name]
        stack = [defs[name]]
        while stack:
            n = stack.pop()
            if isinstance(n, dict):
                ref = n.get("$ref")
                if ref:
                    todo.append(ref.split("/")[-1])
                stack.extend(n.values())
            elif isinstance(n, list):
                stack.extend(n)
    out = {k: strict(v) for k, v in needed.items()}
    # A quantity is written as a string or a number ("500m", 2).
    quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    if quantity in out:
        out[quantity] = {"oneOf": [{"type": "string"}, {"type": "number"}]}
    schema = dict(out[definition])
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["definitions"] = out
    # apiVersion and kind must be exactly this resource's.
    api_version = f"{group}/{version}" if group else version
    schema["properties"] = dict(schema["properties"])
    schema["properties"]["apiVersion"] = {"type": "string", "enum": [api_version]}
    schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
    return schema


def crd(module, path, kind, group, version):
    import yaml  # PyYAML

    doc = yaml.safe_load(read_from_module(module, path))
    for v in doc["spec"]["versions"]:
        if v["name"] == version:
            schema = strict(v["schema"]["openAPIV3Schema"])
            schema["$schema"] = "http://json-schema.org/draft-07/schema#"
            schema["properties"]["apiVersion"] = {"type": "string", "enum": [f"{group}/{version}"]}
            schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
            return schema
    sys.exit(f"{path}: no version {version}")


def main():
    swagger = json.loads(read_from_module(KUBERNETES, "api/openapi-spec/swagger.json"))
    written = []
    for definition, kind, group, version in BUILT_IN:
        written.append((file_name(kind, group, version), built_in(swagger, definition, kind, group, version)))
    for module, path, kind, group, version in CRDS:
        written.append((file_name(kind, group, version), crd(module, path, kind, group, version)))
    for name, schema in written:
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(schema, f, indent=1, sort_keys=True)
            f.write("\n")
        print(name)


if __name__ == "__main__":
    main()
