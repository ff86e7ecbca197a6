/**
 * CI definitions are parsed once per run whatever number of checks read them, and hostile CI files
 * (wrong types everywhere, alias bombs, deep nesting, binary, huge, include/extends/call cycles)
 * become problems or are skipped — never a thrown error or an `error` result.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { yamlParser } from '../../src/context/parsers/yaml.js';
import { runOne } from '../../src/engine/run-checks.js';
import { DEFAULT_SETTINGS, type Check } from '../../src/engine/check-api.js';
import { ciFact } from '../../src/facts/ci/index.js';
import pipeline from '../../checks/ci.pipeline/index.js';
import hardening from '../../checks/ci.hardening/index.js';
import gate from '../../checks/ci.readiness-gate/index.js';
import deploy from '../../checks/cd.automated-deploy/index.js';
import scanning from '../../checks/container.scanning/index.js';

const CHECKS = [pipeline, hardening, gate, deploy, scanning] as Check[];

function repoWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mina-ci-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

async function runAll(dir: string) {
  const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 4 * 1024 * 1024 });
  const results = [];
  for (const check of CHECKS) {
    const options = check === hardening ? { githubOwnedSeverity: 'low' } : {};
    results.push(await runOne({ check, id: check.meta.id, category: 'infra', weight: 1, severity: check.meta.severity, options, timeoutMs: 60_000, skipReason: null, readmePath: null }, repo, null, { ...DEFAULT_SETTINGS, offline: true }));
  }
  return { repo, results };
}

const CI = `on: [push, pull_request]
permissions: {}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm ci && npm test
`;

afterEach(() => vi.restoreAllMocks());

describe('CI files are parsed once per run', () => {
  it('five checks, one parse per CI file, one shared fact', async () => {
    const dir = repoWith({
      '.github/workflows/ci.yml': CI,
      '.github/workflows/deploy.yml': 'on: {push: {branches: [main]}}\njobs:\n  d:\n    environment: prod\n    runs-on: x\n    steps:\n      - run: helm upgrade --install a c --atomic\n',
      '.github/actions/setup/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: npm ci\n      shell: bash\n',
      '.gitlab-ci.yml': 'include: [{local: ci/a.yml}]\ntest:\n  extends: .base\n  script: [pytest]\n',
      'ci/a.yml': '.base:\n  image: python:3.12\n',
      Dockerfile: 'FROM node:20\n',
    });
    const parse = vi.spyOn(yamlParser, 'parse');
    const { repo, results } = await runAll(dir);
    expect(results.map((r) => r.status)).not.toContain('error');
    const parsed = parse.mock.calls.map((c) => c[1]).filter((p) => /\.github|gitlab|^ci\//.test(p));
    expect(parsed.sort()).toEqual(['.github/actions/setup/action.yml', '.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.gitlab-ci.yml', 'ci/a.yml']);
    expect(await repo.fact(ciFact)).toBe(await repo.fact(ciFact));
  });
});

describe('secrets on CI command lines', () => {
  it('never reach findings or notes', async () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}123456`;
    const dir = repoWith({
      '.github/workflows/ci.yml': `on: [push, pull_request]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: PASSWORD=hunter2hunter2 pytest --token ${token}\n      - run: npx mina check --min-score 80 --database-url postgres://u:hunter2hunter2@db/x\n`,
      '.github/workflows/deploy.yml': `on: {push: {branches: [main]}}\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: helm upgrade --install app chart --set db.password=hunter2hunter2 --atomic\n      - run: trivy image --token ${token} app\n`,
      Dockerfile: 'FROM node:20\n',
    });
    const { results } = await runAll(dir);
    const text = JSON.stringify(results);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(token);
    expect(results.find((r) => r.id === 'cd.automated-deploy')?.notes?.join(' ')).toContain('--atomic');
  });
});

describe('hostile CI files', () => {
  it('wrong types in every position are skipped, not thrown', async () => {
    const dir = repoWith({
      '.github/workflows/types.yml': 'on: {push: 3, pull_request: [1, {a: b}]}\npermissions: [1, 2]\njobs:\n  a: 5\n  b: {steps: "x", permissions: {contents: [write]}}\n  c: {steps: [1, null, [2], {uses: 7, with: [a], run: {x: y}}], environment: [1], if: {a: 1}}\n  d: {uses: {x: 1}}\n',
      '.github/workflows/list-jobs.yml': 'on: push\njobs: [a, b]\n',
      '.github/workflows/scalar.yml': '"just a string"\n',
      'action.yml': 'runs: 12\n',
      '.gitlab-ci.yml': 'include: 5\nstages: {a: 1}\njob1: {script: {a: 1}, rules: [1, "x", {if: 5, when: [1]}], extends: [1, {a: b}]}\njob2: {only: {refs: 7}, except: [null], script: [[[["deep"]]]], environment: {name: [1]}}\n.hidden: 3\n',
      '.circleci/config.yml': 'version: 2.1\njobs: [1]\nworkflows: {w: {jobs: [{}, 5, {x: {requires: 3, filters: [1]}}]}, version: 2}\n',
      'azure-pipelines.yml': 'trigger: {branches: 5}\nstages: [1, {jobs: "x"}, {jobs: [{job: [1], steps: [{task: [1], inputs: [1]}, {template: 9}]}]}]\n',
      Jenkinsfile: "pipeline { stages { stage('unterminated) { sh \"npm test\n} /* open comment",
    });
    const { results } = await runAll(dir);
    for (const r of results) expect(r.status, `${r.id}: ${r.reason}`).not.toBe('error');
  });

  it('alias bombs, deep nesting, binary bytes and a huge workflow', async () => {
    const laughs = ['on: push', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`), 'jobs: {j: {runs-on: x, steps: *j}}'].join('\n');
    const jobs = Array.from({ length: 1500 }, (_, i) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test -- --shard=${i}\n`).join('');
    const dir = repoWith({
      '.github/workflows/laughs.yml': laughs,
      '.github/workflows/deep.yml': `on: push\njobs: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
      '.github/workflows/binary.yml': Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0, 7]),
      '.github/workflows/huge.yml': `on: [push, pull_request]\npermissions: {}\njobs:\n${jobs}`,
      '.gitlab-ci.yml': `job: {script: ["${'x'.repeat(200_000)}"]}\n`,
    });
    const { repo, results } = await runAll(dir);
    for (const r of results) expect(r.status, `${r.id}: ${r.reason}`).not.toBe('error');
    const ci = await repo.fact(ciFact);
    const problems = ci.problems.map((p) => p.file);
    expect(problems).toContain('.github/workflows/laughs.yml');
    expect(problems).toContain('.github/workflows/deep.yml');
    const huge = ci.pipelines.find((p) => p.file === '.github/workflows/huge.yml');
    expect(huge?.jobs).toHaveLength(1500);
    expect(results.find((r) => r.id === 'ci.pipeline')?.findings.map((f) => f.id)).toContain('ci-file-invalid');
    // 1500 unpinned actions/checkout references, each on its own line
    const unpinned = results.find((r) => r.id === 'ci.hardening')?.findings.filter((f) => f.id === 'unpinned-action') ?? [];
    expect(unpinned).toHaveLength(1500);
    expect(new Set(unpinned.map((f) => f.line)).size).toBe(1500);
  });

  it('include, extends, reusable-workflow and composite-action cycles terminate', async () => {
    const dir = repoWith({
      '.gitlab-ci.yml': 'include: [{local: a.yml}]\njob:\n  extends: .x\n  script:\n    - !reference [job, script]\n    - pytest\n.x: {extends: .y}\n.y: {extends: .x}\n',
      'a.yml': 'include: [{local: .gitlab-ci.yml}, {local: missing.yml}]\n',
      '.github/workflows/a.yml': 'on: [push, pull_request]\njobs:\n  a: {uses: ./.github/workflows/b.yml}\n  s: {runs-on: x, steps: [{uses: ./.github/actions/loop}]}\n',
      '.github/workflows/b.yml': 'on: workflow_call\njobs:\n  b: {uses: ./.github/workflows/a.yml}\n  t: {runs-on: x, steps: [{run: go test ./...}]}\n',
      '.github/actions/loop/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/loop\n    - run: make build\n      shell: bash\n',
    });
    const { repo, results } = await runAll(dir);
    for (const r of results) expect(r.status, `${r.id}: ${r.reason}`).not.toBe('error');
    const ci = await repo.fact(ciFact);
    expect(ci.problems.some((p) => p.message.includes('missing.yml'))).toBe(true);
    const b = ci.pipelines.find((p) => p.file === '.github/workflows/b.yml');
    expect([...(b?.jobs.find((j) => j.id === 't')?.events ?? [])].sort()).toEqual(['pull_request', 'push']);
    // tests still found through the cycle; only the missing include keeps the score below 1
    const ciResult = results.find((r) => r.id === 'ci.pipeline');
    expect(ciResult?.score).toBeCloseTo(0.9);
    expect(ciResult?.findings.map((f) => `${f.id} ${f.file}:${f.line}`)).toEqual(['ci-file-invalid a.yml:1']);
  });
});
