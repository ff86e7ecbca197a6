#!/usr/bin/env node
// Speed of the Dockerfile and Kubernetes facts and the three checks built on them, on a generated
// platform monorepo: BENCH_SERVICES services (default 200), each with a multi-stage Dockerfile, a
// kustomize base with dev/prod overlays and network policies, and every tenth one a Helm chart in
// the `helm create` shape. Figures are medians over BENCH_RUNS cold runs (a fresh RepoContext each):
//  - facts: walk + parse every Dockerfile, manifest, kustomization and chart once
//  - checks: container.dockerfile, k8s.workload-hardening, k8s.network-policy on those facts
// Needs a build (`npm run build`). The tree is generated once under the OS temp dir and reused.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TREE = path.join(os.tmpdir(), `mina-bench-infra-${SERVICES}`);
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);

if (!existsSync(path.join(ROOT, 'dist', 'src', 'facts', 'k8s', 'index.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

function put(rel, text) {
  const file = path.join(TREE, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function generate() {
  const marker = path.join(TREE, '.bench-complete');
  if (existsSync(marker)) return;
  rmSync(TREE, { recursive: true, force: true });
  put('package.json', '{"name":"platform","private":true}\n');
  put('.dockerignore', '.git\nnode_modules\n.env*\n');
  for (let i = 0; i < SERVICES; i++) {
    const svc = `svc${i}`;
    put(`services/${svc}/Dockerfile`, [
      'ARG NODE_VERSION=20.11',
      'FROM node:${NODE_VERSION}-bookworm-slim AS deps',
      'WORKDIR /app',
      'COPY package*.json ./',
      'RUN npm ci --omit=dev',
      'FROM node:${NODE_VERSION}-bookworm-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY . .',
      i % 3 ? 'USER node' : '',
      'HEALTHCHECK CMD curl -fsS http://localhost:3000/healthz || exit 1',
      'CMD ["node", "server.js"]',
    ].join('\n'));
    const labels = `{app: ${svc}}`;
    put(`deploy/${svc}/base/deployment.yaml`, [
      'apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: ${svc}}`, 'spec:', '  replicas: 1', `  selector: {matchLabels: ${labels}}`,
      '  template:', `    metadata: {labels: ${labels}}`, '    spec:', '      securityContext: {runAsNonRoot: true}', '      containers:',
      `        - name: ${svc}`, `          image: ghcr.io/acme/${svc}:1.0.${i}`, '          readinessProbe: {httpGet: {path: /ready, port: 3000}}',
      '          livenessProbe: {httpGet: {path: /live, port: 3000}}', '          securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false}',
      '---', 'apiVersion: v1', 'kind: Service', `metadata: {name: ${svc}}`, `spec: {selector: ${labels}, ports: [{port: 80, targetPort: 3000}]}`,
      '---', 'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', `metadata: {name: ${svc}-ingress}`, `spec: {podSelector: {matchLabels: ${labels}}, ingress: [{from: [{podSelector: {}}]}]}`,
    ].join('\n'));
    put(`deploy/${svc}/base/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
    put(`deploy/${svc}/overlays/prod/kustomization.yaml`, `namespace: prod\nresources:\n  - ../../base\n  - pdb.yaml\nreplicas:\n  - {name: ${svc}, count: 3}\npatches:\n  - path: resources.yaml\n`);
    put(`deploy/${svc}/overlays/prod/pdb.yaml`, `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ${svc}}\nspec: {maxUnavailable: 1, selector: {matchLabels: ${labels}}}\n`);
    put(`deploy/${svc}/overlays/prod/resources.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${svc}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${svc}\n          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}\n`);
    put(`deploy/${svc}/overlays/dev/kustomization.yaml`, `resources:\n  - ../../base\npatches:\n  - path: debug.yaml\n`);
    put(`deploy/${svc}/overlays/dev/debug.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${svc}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${svc}\n          env: [{name: DEBUG, value: "1"}]\n`);
    if (i % 10 === 0) chart(`charts/${svc}`, svc);
  }
  put('deploy/default-deny.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: prod}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n');
  writeFileSync(marker, new Date().toISOString());
}

function chart(dir, name) {
  put(`${dir}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nappVersion: "1.0"\n`);
  put(`${dir}/values.yaml`, 'replicaCount: 2\nimage: {repository: ghcr.io/acme/x, tag: ""}\nautoscaling: {enabled: false}\nresources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 100m, memory: 128Mi}}\npodSecurityContext: {runAsNonRoot: true}\nsecurityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false}\n');
  put(`${dir}/templates/_helpers.tpl`, '{{- define "c.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}\n{{- end }}\n{{- define "c.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\n{{- end }}\n');
  put(`${dir}/templates/deployment.yaml`, [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ include "c.fullname" . }}', 'spec:', '  {{- if not .Values.autoscaling.enabled }}', '  replicas: {{ .Values.replicaCount }}', '  {{- end }}',
    '  selector:', '    matchLabels:', '      {{- include "c.labels" . | nindent 6 }}', '  template:', '    metadata:', '      labels:', '        {{- include "c.labels" . | nindent 8 }}', '    spec:',
    '      securityContext:', '        {{- toYaml .Values.podSecurityContext | nindent 8 }}', '      containers:', '        - name: {{ .Chart.Name }}', '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    '          securityContext:', '            {{- toYaml .Values.securityContext | nindent 12 }}', '          livenessProbe: {httpGet: {path: /, port: 80}}', '          readinessProbe: {httpGet: {path: /, port: 80}}', '          resources:', '            {{- toYaml .Values.resources | nindent 12 }}',
  ].join('\n'));
  put(`${dir}/templates/pdb.yaml`, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: {{ include "c.fullname" . }}}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      {{- include "c.labels" . | nindent 6 }}\n');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`generating/reusing ${SERVICES} services at ${TREE}`);
generate();
const { RepoContext } = await dist('src/context/repo-context.js');
const { DEFAULT_IGNORES } = await dist('src/context/walk.js');
const { dockerfilesFact } = await dist('src/facts/dockerfiles.js');
const { k8sFact } = await dist('src/facts/k8s/index.js');
const { runOne } = await dist('src/engine/run-checks.js');
const { DEFAULT_SETTINGS } = await dist('src/engine/check-api.js');
const checks = await Promise.all(['container.dockerfile', 'k8s.workload-hardening', 'k8s.network-policy'].map(async (id) => (await dist(`checks/${id}/index.js`)).default));

const factTimes = [];
const checkTimes = [];
let last;
for (let run = 0; run < RUNS + 1; run++) {
  const repo = await RepoContext.create(TREE, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  let t = performance.now();
  const [dockerfiles, k8s] = await Promise.all([repo.fact(dockerfilesFact), repo.fact(k8sFact)]);
  const facts = performance.now() - t;
  t = performance.now();
  const results = [];
  for (const check of checks) {
    const planned = { check, id: check.meta.id, category: 'infra', weight: 1, severity: check.meta.severity, options: {}, timeoutMs: 120_000, skipReason: null, readmePath: null };
    results.push(await runOne(planned, repo, null, { ...DEFAULT_SETTINGS, offline: true }));
  }
  const checksMs = performance.now() - t;
  if (run > 0) {
    factTimes.push(facts); // the first run only warms the page cache
    checkTimes.push(checksMs);
  }
  last = { dockerfiles, k8s, results };
}
const { dockerfiles, k8s, results } = last;
console.log(`parsed: ${dockerfiles.length} Dockerfiles, ${k8s.objects.length} objects (${k8s.workloads.length} workloads), ${k8s.kustomizations.length} kustomizations, ${k8s.patches.length} patches, ${k8s.charts.length} charts (${k8s.textTemplates.length} templates read as text)`);
for (const r of results) console.log(`  ${r.id}: ${r.status} ${r.score.toFixed(3)} (${r.findings.length} findings)`);
console.log(`facts (walk excluded, all files parsed once): median ${median(factTimes).toFixed(0)} ms over ${RUNS} runs`);
console.log(`three checks on those facts: median ${median(checkTimes).toFixed(0)} ms`);
