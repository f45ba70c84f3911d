{{/*
The pod spec parts every newsflow container shares: image, security context,
connection secrets as environment and mounts. (dict "root" $ "name" "fetch")
*/}}
{{- define "newsflow.env" -}}
{{- $v := .root.Values -}}
- name: NEWSFLOW_CONFIG
  value: /etc/newsflow/{{ .name }}.toml
{{- if include "newsflow.sasl" .root }}
- name: NEWSFLOW__KAFKA__SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $v.kafka.security.sasl.secretName }}
      key: {{ $v.kafka.security.sasl.usernameKey }}
- name: NEWSFLOW__KAFKA__SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.kafka.security.sasl.secretName }}
      key: {{ $v.kafka.security.sasl.passwordKey }}
{{- end }}
{{- if $v.redis.passwordSecretName }}
- name: NEWSFLOW__STORE__REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.redis.passwordSecretName }}
      key: {{ $v.redis.passwordKey }}
{{- end }}
{{- end -}}

{{- define "newsflow.volumeMounts" -}}
{{- $v := .root.Values -}}
- name: config
  mountPath: /etc/newsflow
  readOnly: true
{{- if and (include "newsflow.tls" .root) $v.kafka.security.tls.caSecretName }}
- name: kafka-ca
  mountPath: /etc/newsflow/kafka-ca
  readOnly: true
{{- end }}
{{- if $v.kafka.security.tls.clientSecretName }}
- name: kafka-client
  mountPath: /etc/newsflow/kafka-client
  readOnly: true
{{- end }}
{{- end -}}

{{- define "newsflow.volumes" -}}
{{- $v := .root.Values -}}
- name: config
  configMap:
    name: {{ include "newsflow.fullname" .root }}
{{- if and (include "newsflow.tls" .root) $v.kafka.security.tls.caSecretName }}
- name: kafka-ca
  secret:
    secretName: {{ $v.kafka.security.tls.caSecretName }}
{{- end }}
{{- if $v.kafka.security.tls.clientSecretName }}
- name: kafka-client
  secret:
    secretName: {{ $v.kafka.security.tls.clientSecretName }}
{{- end }}
{{- end -}}
