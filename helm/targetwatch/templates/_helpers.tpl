{{- define "targetwatch.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "targetwatch.redisAddress" -}}
{{- if .Values.redis.inCluster -}}
{{ .Release.Name }}-redis:6379
{{- else -}}
{{ required "redis.address is required when redis.inCluster is false" .Values.redis.address }}
{{- end -}}
{{- end -}}

{{/* A Deployment and a Service for one server. Args: root, name. */}}
{{- define "targetwatch.server" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := index $root.Values $name -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $root.Release.Name }}-{{ $name }}
  labels: {app.kubernetes.io/name: {{ $name }}, app.kubernetes.io/part-of: targetwatch}
spec:
  replicas: {{ $svc.replicas }}
  selector:
    matchLabels: {app.kubernetes.io/name: {{ $name }}, app.kubernetes.io/instance: {{ $root.Release.Name }}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: {{ $name }}, app.kubernetes.io/instance: {{ $root.Release.Name }}}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      terminationGracePeriodSeconds: 10
      containers:
        - name: {{ $name }}
          image: {{ include "targetwatch.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["/usr/local/bin/{{ $name }}"]
          args:
            - --port={{ $svc.port }}
            - --workers={{ $svc.workers }}
            {{- range ($svc.webhooks | default list) }}
            - --webhook={{ . }}
            {{- end }}
          env:
            - {name: TW_REDIS, value: {{ include "targetwatch.redisAddress" $root | quote }}}
            - {name: TW_KEY_PREFIX, value: {{ $root.Values.keyPrefix | quote }}}
            - {name: TW_REGISTRY, value: "{{ $root.Release.Name }}-registry:{{ $root.Values.registry.port }}"}
            - {name: TW_PROGRESS, value: "{{ $root.Release.Name }}-progress:{{ $root.Values.progress.port }}"}
            - {name: TW_ALERTING, value: "{{ $root.Release.Name }}-alerting:{{ $root.Values.alerting.port }}"}
          ports:
            - {name: grpc, containerPort: {{ $svc.port }}}
          readinessProbe:
            grpc: {port: {{ $svc.port }}}
            periodSeconds: 5
          livenessProbe:
            grpc: {port: {{ $svc.port }}}
            initialDelaySeconds: 10
            periodSeconds: 10
            failureThreshold: 6
          resources: {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $root.Release.Name }}-{{ $name }}
spec:
  selector: {app.kubernetes.io/name: {{ $name }}, app.kubernetes.io/instance: {{ $root.Release.Name }}}
  ports:
    - {name: grpc, port: {{ $svc.port }}, targetPort: grpc}
{{- end -}}
