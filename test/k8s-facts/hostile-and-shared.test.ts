/**
 * Hostile input never crashes a check, and a run parses each Dockerfile and manifest once no matter
 * how many checks read them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DockerfileParser } from 'dockerfile-ast';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { yamlParser } from '../../src/context/parsers/yaml.js';
import { runOne } from '../../src/engine/run-checks.js';
import { DEFAULT_SETTINGS, type Check } from '../../src/engine/check-api.js';
import dockerfileCheck from '../../checks/container.dockerfile/index.js';
import networkCheck from '../../checks/k8s.network-policy/index.js';
import hardeningCheck from '../../checks/k8s.workload-hardening/index.js';

const CHECKS = [dockerfileCheck, networkCheck, hardeningCheck] as Check[];

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mina-infra-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function runAll(dir: string) {
  const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 4 * 1024 * 1024 });
  const results = [];
  for (const check of CHECKS) {
    results.push(
      await runOne({ check, id: check.meta.id, category: 'infra', weight: 1, severity: check.meta.severity, options: {}, timeoutMs: 60_000, skipReason: null, readmePath: null }, repo, null, { ...DEFAULT_SETTINGS, offline: true }),
    );
  }
  return { repo, results };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers: [{name: app, image: ghcr.io/acme/app:1}]
`;

afterEach(() => vi.restoreAllMocks());

describe('hostile input', () => {
  it('survives huge, deeply nested, bomb-shaped and binary files', async () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    const dir = repoWith({
      'package.json': '{"name":"x"}',
      // under the size cap but long: one 200 KB RUN, thousands of ENV pairs and continuation lines
      'Dockerfile': `FROM node:20\nRUN ${'echo a && '.repeat(20_000)}true\nENV ${'K=v '.repeat(5_000)}\n`,
      'Dockerfile.lines': 'FROM alpine:3\n' + 'RUN x \\\n'.repeat(20_000),
      // over the cap: skipped with a warning
      'Dockerfile.huge': `FROM node:20\nRUN ${'x'.repeat(1_000_000)}\n`,
      'k8s/app.yaml': DEPLOYMENT,
      'k8s/deep.yaml': deep,
      'k8s/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${laughs.replace(/^/gm, '  ')}\n`,
      'k8s/many.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n'.repeat(5000),
      'k8s/binary.yaml': '\u0000\u0001apiVersion kind \u0000',
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'chart/values.yaml': `n: 1000000\nlist: [${Array(500).fill('1').join(',')}]\n`,
      'chart/templates/loop.yaml': '{{ range .Values.list }}{{ range $.Values.list }}{{ range $.Values.list }}x{{ end }}{{ end }}{{ end }}',
      'chart/templates/recursive.yaml': '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}',
      'chart/templates/count.yaml': '{{ range .Values.n }}kind: Pod\n{{ end }}',
      'chart/templates/unclosed.yaml': 'kind: Deployment\nmetadata: {name: {{ .Values.x }\n',
    });
    const { results, repo } = await runAll(dir);
    for (const r of results) expect(r.status, `${r.id}: ${r.reason}`).not.toBe('error');
    expect(results.map((r) => r.status)).toEqual(['partial', 'fail', 'fail']);
    expect(repo.warnings.some((w) => w.includes('bomb.yaml'))).toBe(true);
    expect(repo.warnings.some((w) => w.startsWith('Dockerfile.huge: skipped'))).toBe(true);
  }, 120_000);

  it('reads a repository of nothing but garbage as not applicable', async () => {
    const dir = repoWith({ 'x.yaml': ': : :\n- [\n', 'kustomization.yaml': 'resources: {oops: 1}\npatches: 7\n' });
    const { results } = await runAll(dir);
    expect(results.map((r) => r.status)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
  });
});

describe('parsed once per run', () => {
  it('shares Dockerfile ASTs and YAML documents between the three checks', async () => {
    const dir = repoWith({
      'package.json': '{"name":"x"}',
      'Dockerfile': 'FROM node:20\nUSER node\n',
      'worker/Dockerfile': 'FROM node:20\nUSER node\n',
      'k8s/app.yaml': DEPLOYMENT,
      'k8s/netpol.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d}\nspec: {podSelector: {}}\n',
    });
    const dockerParse = vi.spyOn(DockerfileParser, 'parse');
    const yamlParse = vi.spyOn(yamlParser, 'parse');
    await runAll(dir);
    expect(dockerParse).toHaveBeenCalledTimes(2);
    const parsedFiles = yamlParse.mock.calls.map((c) => c[1]);
    expect(parsedFiles.sort()).toEqual(['k8s/app.yaml', 'k8s/netpol.yaml']);
  });
});
