import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateUnsupported } from '../../src/facts/k8s/helm/template-syntax.js';
import { Renderer } from '../../src/facts/k8s/helm/template-render.js';

function render(src: string, data: Record<string, unknown>, partials = '') {
  const p = parseTemplate(src);
  const defs = new Map([...parseTemplate(partials).defines, ...p.defines]);
  return new Renderer(defs).render(p.body, data);
}

const HELPERS = `{{/* the chart's full name */}}
{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- define "app.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`;

describe('helm template renderer', () => {
  it('renders the scaffold shape: include, nindent, toYaml, with, if not, default', () => {
    const src = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;
    const data = {
      Values: { replicaCount: 2, autoscaling: { enabled: false }, podSecurityContext: { runAsNonRoot: true }, image: { repository: 'ghcr.io/x/app' }, resources: {} },
      Chart: { Name: 'app', AppVersion: '1.2.3' },
      Release: { Name: 'rel' },
    };
    const out = render(src, data, HELPERS);
    expect(out.text).toContain('name: rel-app\n');
    expect(out.text).toContain('  labels:\n    app.kubernetes.io/name: app\n    app.kubernetes.io/instance: rel\n');
    expect(out.text).toContain('  replicas: 2\n');
    expect(out.text).toContain('      securityContext:\n        runAsNonRoot: true\n');
    expect(out.text).toContain('image: "ghcr.io/x/app:1.2.3"');
    expect(out.text).toContain('          resources:\n            {}\n');
    const lines = out.text.split('\n');
    const at = (needle: string) => out.lineMap[lines.findIndex((l) => l.includes(needle))];
    expect(at('replicas:')).toBe(9);
    expect(at('securityContext:')).toBe(14);
    expect(at('runAsNonRoot')).toBe(15);
    expect(at('image:')).toBe(19);
  });

  it('ranges over lists and maps with variables, else branches, break', () => {
    const src = `{{- range $i, $p := .Values.ports }}{{ if eq $i 2 }}{{ break }}{{ end }}
- {{ $p.name }}={{ $p.port }}
{{- end }}
{{- range $k, $v := .Values.env }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- range .Values.none }}x{{ else }}
empty{{ end }}`;
    const out = render(src, { Values: { ports: [{ name: 'a', port: 1 }, { name: 'b', port: 2 }, { name: 'c', port: 3 }], env: { B: 'y', A: 'x' } } });
    expect(out.text).toBe('\n- a=1\n- b=2\nA: "x"\nB: "y"\nempty');
  });

  it('refuses what it does not understand instead of guessing', () => {
    expect(() => render('{{ .Files.Get "x" }}', {})).toThrow(TemplateUnsupported);
    expect(() => render('{{ tpl .Values.x . }}', { Values: {} })).toThrow(/tpl/);
    expect(() => render('{{ if .x }}', {})).toThrow(/end/);
    expect(() => render('{{ .x', {})).toThrow(/unclosed/);
  });

  it('bounds runaway templates', () => {
    const bomb = '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}';
    expect(() => render(bomb, {})).toThrow(/deeply/);
    expect(() => render('{{ range 100000 }}{{ range 100000 }}x{{ end }}{{ end }}', {})).toThrow(TemplateUnsupported);
  });

  it('answers capabilities and semverCompare like a recent cluster', () => {
    const src = `{{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }}policy/v1{{ end }}
{{- if semverCompare ">=1.21-0" .Capabilities.KubeVersion.GitVersion }} new{{ end }}
{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }} crd{{ end }}`;
    expect(render(src, { Capabilities: { APIVersions: { Has: (v: string) => v.startsWith('policy/') }, KubeVersion: { GitVersion: 'v1.30.0' } } }).text).toBe('policy/v1 new');
  });
});
