#!/usr/bin/env bash
# Installs (or re-certifies) Sparkgate with a self-signed CA made by `sparkgate certs init`.
#
#   deploy/overlays/self-signed/install.sh
#
# Environment: SPARKGATE_JAR (default target/sparkgate.jar), DAYS (serving certificate validity,
# default 365), AUDIT_PUBKEY_OUT (where the audit public key is saved, default
# ./sparkgate-audit-signing.pub). Needs java 17, kubectl, openssl, base64.
#
# Steps:
#  1. generate a CA and a serving certificate for sparkgate.sparkgate.svc into a temporary directory;
#  2. create the Secret sparkgate-audit-signing (Ed25519, PKCS#8) unless it exists;
#  3. write caBundle = new CA (+ the CA currently in sparkgate-tls, if any) into ca-bundle.env;
#  4. first install: create sparkgate-tls, then `kubectl apply -k`;
#     rotation: `kubectl apply -k` first (the API server trusts old and new CA), then replace
#     sparkgate-tls; the server picks the new certificate up without a restart.
# Run it again to rotate; the next run drops the CA that is no longer in use.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
namespace=sparkgate   # keep in step with deploy/base/kustomization.yaml
service=sparkgate
jar=${SPARKGATE_JAR:-$root/target/sparkgate.jar}
days=${DAYS:-365}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

java -jar "$jar" certs init --out "$work" --service "$service" --namespace "$namespace" --days "$days" >/dev/null

kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -

if ! kubectl -n "$namespace" get secret sparkgate-audit-signing >/dev/null 2>&1; then
  openssl genpkey -algorithm ed25519 -out "$work/audit-signing.key"
  pub=${AUDIT_PUBKEY_OUT:-./sparkgate-audit-signing.pub}
  openssl pkey -in "$work/audit-signing.key" -pubout -out "$pub"
  kubectl -n "$namespace" create secret generic sparkgate-audit-signing \
    --from-file=audit-signing.key="$work/audit-signing.key"
  echo "audit public key saved to $pub: keep it away from the cluster (sparkgate audit verify --key)"
fi

existing=false
if kubectl -n "$namespace" get secret sparkgate-tls >/dev/null 2>&1; then
  existing=true
  kubectl -n "$namespace" get secret sparkgate-tls -o jsonpath='{.data.ca\.crt}' | base64 -d > "$work/old-ca.crt" || true
fi
cat "$work/ca.crt" > "$work/bundle.crt"
if [ -s "$work/old-ca.crt" ]; then
  cat "$work/old-ca.crt" >> "$work/bundle.crt"
fi
printf '# Written by install.sh on %s\ncaBundle=%s\n' "$(date -u +%FT%TZ)" \
  "$(base64 < "$work/bundle.crt" | tr -d '\n')" > "$here/ca-bundle.env"

secret() {
  kubectl -n "$namespace" create secret generic sparkgate-tls --type=kubernetes.io/tls \
    --from-file=tls.crt="$work/tls.crt" --from-file=tls.key="$work/tls.key" \
    --from-file=ca.crt="$work/ca.crt" --dry-run=client -o yaml | kubectl apply -f -
}

if ! $existing; then
  secret
  kubectl apply -k "$here"
else
  kubectl apply -k "$here"
  secret
fi
kubectl -n "$namespace" rollout status deployment/sparkgate --timeout=180s
