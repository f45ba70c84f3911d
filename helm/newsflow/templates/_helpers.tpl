{{/* The chart name. */}}
{{- define "newsflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name, the prefix of every object. */}}
{{- define "newsflow.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "newsflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "newsflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: newsflow
{{- end -}}

{{/* Selector labels of one stage's pods: (dict "root" $ "stage" "fetch"). */}}
{{- define "newsflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "newsflow.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .stage }}
{{- end -}}

{{- define "newsflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "newsflow.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "newsflow.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The topics value key a stage reads from. */}}
{{- define "newsflow.inputTopicKey" -}}
{{- get (dict "fetch" "urls" "parse" "pages" "dedup" "articlesParsed" "enrich" "articlesUnique") . -}}
{{- end -}}

{{/* The largest number of replicas a stage's values allow. */}}
{{- define "newsflow.maxReplicas" -}}
{{- $s := .stage -}}
{{- if $s.autoscaling.keda.enabled -}}{{ $s.autoscaling.keda.maxReplicaCount }}
{{- else if $s.autoscaling.hpa.enabled -}}{{ $s.autoscaling.hpa.maxReplicas }}
{{- else -}}{{ $s.replicas }}{{- end -}}
{{- end -}}

{{/* The smallest number of replicas a stage's values allow. */}}
{{- define "newsflow.minReplicas" -}}
{{- $s := .stage -}}
{{- if $s.autoscaling.keda.enabled -}}{{ $s.autoscaling.keda.minReplicaCount }}
{{- else if $s.autoscaling.hpa.enabled -}}{{ $s.autoscaling.hpa.minReplicas }}
{{- else -}}{{ $s.replicas }}{{- end -}}
{{- end -}}

{{/* Whether SASL is on. */}}
{{- define "newsflow.sasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.security.protocol -}}true{{- end -}}
{{- end -}}

{{/* Whether TLS is on. */}}
{{- define "newsflow.tls" -}}
{{- if has .Values.kafka.security.protocol (list "SSL" "SASL_SSL") -}}true{{- end -}}
{{- end -}}

{{/*
The newsflow.toml of one stage: connection settings from `kafka`, `redis`
and `topics`, then `config`, then the stage's own `config`, later winning.
(dict "root" $ "name" "fetch" "stage" $stageValues)
*/}}
{{- define "newsflow.stageConfig" -}}
{{- $v := .root.Values -}}
{{- $props := deepCopy $v.kafka.properties -}}
{{- $_ := set $props "security.protocol" $v.kafka.security.protocol -}}
{{- if include "newsflow.sasl" .root -}}
{{- $_ := set $props "sasl.mechanism" $v.kafka.security.sasl.mechanism -}}
{{- end -}}
{{- if and (include "newsflow.tls" .root) $v.kafka.security.tls.caSecretName -}}
{{- $_ := set $props "ssl.ca.location" (printf "/etc/newsflow/kafka-ca/%s" $v.kafka.security.tls.caKey) -}}
{{- end -}}
{{- if $v.kafka.security.tls.clientSecretName -}}
{{- $_ := set $props "ssl.certificate.location" "/etc/newsflow/kafka-client/tls.crt" -}}
{{- $_ := set $props "ssl.key.location" "/etc/newsflow/kafka-client/tls.key" -}}
{{- end -}}
{{- $topics := dict -}}
{{- range $role, $key := dict "urls" "urls" "pages" "pages" "articles_parsed" "articlesParsed" "articles_unique" "articlesUnique" "articles_duplicates" "articlesDuplicates" "articles_enriched" "articlesEnriched" -}}
{{- $t := get $v.topics $key -}}
{{- $_ := set $topics $role (dict "name" $t.name "partitions" (int $t.partitions) "replication_factor" (int $v.topics.replicationFactor)) -}}
{{- end -}}
{{- $base := dict
  "kafka" (dict "brokers" $v.kafka.brokers "delivery" $v.kafka.delivery "group_id" (printf "%s%s" $v.kafka.groupPrefix .name) "properties" $props)
  "store" (dict "kind" "redis" "redis_url" $v.redis.url "key_prefix" $v.redis.keyPrefix)
  "topics" $topics
  "runtime" (dict "drain_timeout_secs" (int $v.drainTimeoutSeconds))
  "admin" (dict "listen" "0.0.0.0:9470")
  "log" (dict "format" "json")
-}}
{{- $merged := mustMergeOverwrite $base (deepCopy $v.config) (deepCopy .stage.config) -}}
{{- toToml $merged -}}
{{- end -}}
