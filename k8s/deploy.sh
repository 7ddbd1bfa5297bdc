#!/usr/bin/env bash
# Deploys an overlay with kubectl so that the migrations run before the services roll, the order Argo CD
# gets from the manifests' sync waves and hooks (k8s/README.md):
#   1. everything but the services' Deployments, HPAs, PDBs, Services and their own NetworkPolicies:
#      namespace, infrastructure resources, ConfigMaps, shared NetworkPolicies, and the migration Jobs,
#      after deleting the Jobs of the previous deploy (a Job's pod template cannot be changed);
#   2. wait until every migration Job has completed (a failed one stops the deploy, old pods keep serving);
#   3. the rest, then wait for each Deployment's rollout.
#
#   k8s/deploy.sh single-node|production [--timeout 10m]
# Needs kubectl with access to the cluster; renders with `kubectl kustomize`, or with the kustomize that
# infra/test/ensure-tools.mjs installs when kubectl's is older.
set -euo pipefail

overlay="${1:?usage: k8s/deploy.sh <overlay> [--timeout 10m]}"
timeout=10m
if [[ "${2:-}" == --timeout ]]; then timeout="${3:?--timeout needs a value}"; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/k8s/overlays/$overlay"
[[ -f "$dir/kustomization.yaml" ]] || { echo "no overlay $overlay under k8s/overlays" >&2; exit 2; }

rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
if [[ -x "$root/.local/tools/bin/kustomize" ]]; then
  "$root/.local/tools/bin/kustomize" build "$dir" >"$rendered"
else
  kubectl kustomize "$dir" >"$rendered"
fi
namespace="$(sed -n 's/^  namespace: //p' "$rendered" | head -n 1)"

echo "== 1/3 infrastructure, configuration and migration Jobs ($overlay, namespace $namespace)"
kubectl -n "$namespace" delete job -l app.kubernetes.io/component=migration --ignore-not-found --wait=true
kubectl apply -f "$rendered" -l 'app.kubernetes.io/component!=service'

echo "== 2/3 waiting for the migrations (timeout $timeout)"
if ! kubectl -n "$namespace" wait --for=condition=complete job -l app.kubernetes.io/component=migration \
  --timeout="$timeout"; then
  kubectl -n "$namespace" get jobs -l app.kubernetes.io/component=migration >&2
  echo "a migration did not complete: the services were not rolled (kubectl -n $namespace logs job/<name>)" >&2
  exit 1
fi

echo "== 3/3 services"
kubectl apply -f "$rendered"
for deployment in $(kubectl -n "$namespace" get deployment -l app.kubernetes.io/component=service -o name); do
  kubectl -n "$namespace" rollout status "$deployment" --timeout="$timeout"
done
