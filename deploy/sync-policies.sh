#!/usr/bin/env sh
# Copies the shipped policy pack (policies/*.yaml at the repository root) into deploy/base/policies/
# and lists every file in the base's configMapGenerator; copies the pack, the CRDs of deploy/base and
# the monitoring files into the Helm chart (deploy/helm/sparkgate: Helm reads nothing outside the
# chart). Run it after changing policies/, a CRD or deploy/monitoring/; DeployManifestsTest and
# HelmChartTest fail while a copy differs.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/policies"
dst="$root/deploy/base/policies"
kustomization="$root/deploy/base/kustomization.yaml"

if find "$src" -mindepth 2 -type f | grep -q .; then
  echo "error: $src has subdirectories; a ConfigMap holds one flat directory" >&2
  exit 1
fi

rm -f "$dst"/*
mkdir -p "$dst"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
for f in "$src"/*; do
  case "$(basename "$f")" in
    .*) continue ;;
    *.yaml|*.yml|*.json) cp "$f" "$dst/" && echo "  - policies/$(basename "$f")" >> "$list" ;;
  esac
done

awk -v list="$list" '
  /# BEGIN policy files/ { print; while ((getline line < list) > 0) print line; skip = 1; next }
  /# END policy files/ { skip = 0 }
  !skip { print }
' "$kustomization" > "$kustomization.tmp"
mv "$kustomization.tmp" "$kustomization"
echo "copied $(wc -l < "$list") policy file(s) into deploy/base/policies/"

chart="$root/deploy/helm/sparkgate"
rm -f "$chart"/files/policies/* "$chart"/crds/*-crd.yaml
mkdir -p "$chart/files/policies" "$chart/crds"
cp "$dst"/* "$chart/files/policies/"
cp "$root"/deploy/base/*-crd.yaml "$chart/crds/"
cp "$root/deploy/monitoring/prometheusrule.yaml" "$root/deploy/monitoring/grafana-dashboard.json" "$chart/files/"
echo "copied the pack, $(ls "$chart"/crds | wc -l) CRD(s) and the monitoring files into deploy/helm/sparkgate/"
