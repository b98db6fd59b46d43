{{/* The name of every object: the release name, or release-chart when it does not contain the chart name. */}}
{{- define "sparkgate.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object's metadata (not on selectors). */}}
{{- define "sparkgate.labels" -}}
app.kubernetes.io/name: sparkgate
app.kubernetes.io/part-of: sparkgate
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The server pods: selector of the Deployment, Service, PDB, NetworkPolicy and spread. */}}
{{- define "sparkgate.selectorLabels" -}}
app.kubernetes.io/name: sparkgate
app.kubernetes.io/component: admission-webhook
{{- end -}}

{{- define "sparkgate.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ $tag }}
{{- end -}}
{{- end -}}

{{- define "sparkgate.tlsSecretName" -}}
{{- if eq .Values.certificates.mode "existing" -}}
{{- required "certificates.existing.secretName is required when certificates.mode is existing" .Values.certificates.existing.secretName -}}
{{- else -}}
{{- printf "%s-tls" (include "sparkgate.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "sparkgate.auditKeySecretName" -}}
{{- .Values.audit.signingKey.existingSecret | default (printf "%s-audit-signing" (include "sparkgate.fullname" .)) -}}
{{- end -}}

{{- define "sparkgate.imageScanKeysConfigMap" -}}
{{- .Values.imageScan.existingConfigMap | default (printf "%s-image-scan-keys" (include "sparkgate.fullname" .)) -}}
{{- end -}}

{{/*
The serving certificate and CA of the self-signed mode: the Secret already in the cluster when
there is one (upgrades keep the CA and the caBundle), else a new CA and certificate, made once
per render (cached in .Values) so the Secret and both caBundles agree.
Returns YAML {crt, key, ca} with base64 values.
*/}}
{{- define "sparkgate.selfSignedPair" -}}
{{- if not (hasKey .Values "_selfSignedPair") -}}
{{- $_ := set .Values "_selfSignedPair" (include "sparkgate.newOrKeptPair" . | fromYaml) -}}
{{- end -}}
{{- toYaml (get .Values "_selfSignedPair") -}}
{{- end -}}

{{- define "sparkgate.newOrKeptPair" -}}
{{- $name := include "sparkgate.tlsSecretName" . -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name -}}
{{- if and $existing (index ($existing.data | default dict) "ca.crt") -}}
crt: {{ index $existing.data "tls.crt" }}
key: {{ index $existing.data "tls.key" }}
ca: {{ index $existing.data "ca.crt" }}
{{- else -}}
{{- $svc := include "sparkgate.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- $dns := list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) -}}
{{- $ca := genCA (printf "%s-ca" $svc) (int .Values.certificates.selfSigned.caValidityDays) -}}
{{- $cert := genSignedCert (printf "%s.%s.svc" $svc $ns) nil $dns (int .Values.certificates.selfSigned.certValidityDays) $ca -}}
crt: {{ $cert.Cert | b64enc }}
key: {{ $cert.Key | b64enc }}
ca: {{ $ca.Cert | b64enc }}
{{- end -}}
{{- end -}}

{{/* The caBundle of both webhook configurations ("" for cert-manager: its cainjector fills it). */}}
{{- define "sparkgate.caBundle" -}}
{{- if eq .Values.certificates.mode "self-signed" -}}
{{- (include "sparkgate.selfSignedPair" . | fromYaml).ca -}}
{{- else if eq .Values.certificates.mode "existing" -}}
{{- required "certificates.existing.caBundle is required when certificates.mode is existing" .Values.certificates.existing.caBundle -}}
{{- end -}}
{{- end -}}

{{/* Namespaces never sent to Sparkgate: kube-system, the release namespace, and the configured ones. */}}
{{- define "sparkgate.namespaceSelector" -}}
{{- $excluded := concat (list "kube-system" .root.Release.Namespace) .root.Values.webhooks.excludeNamespaces | uniq -}}
{{- $extra := .hook.namespaceSelector | default dict -}}
{{- if $extra.matchLabels }}
matchLabels:
  {{- toYaml $extra.matchLabels | nindent 2 }}
{{- end }}
matchExpressions:
- key: kubernetes.io/metadata.name
  operator: NotIn
  values:
  {{- range $excluded }}
  - {{ . }}
  {{- end }}
{{- with $extra.matchExpressions }}
{{ toYaml . }}
{{- end }}
{{- end -}}
