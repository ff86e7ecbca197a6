#!/usr/bin/env node
// Speed of the CI fact and the five CI/CD checks on a generated monorepo: BENCH_WORKFLOWS GitHub
// workflows (default 300; matrix builds, local reusable workflows, composite actions, npm scripts and
// Makefile targets to resolve), a GitLab config with local includes and 200 jobs using extends and
// !reference, a CircleCI config, an Azure pipeline with templates, a Jenkinsfile, and one 3000-job
// workflow (~450 KB). Figures are medians over BENCH_RUNS cold runs (a fresh RepoContext each):
//  - fact: walk + parse every CI file once + build the model (commands resolved)
//  - checks: ci.pipeline, ci.hardening, ci.readiness-gate, cd.automated-deploy, container.scanning
// plus how long refusing a billion-laughs workflow takes. Needs a build (`npm run build`).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TREE = path.join(os.tmpdir(), `mina-bench-ci-${WORKFLOWS}`);
const BOMB = path.join(os.tmpdir(), 'mina-bench-ci-bomb');
const CHECKS = ['ci.pipeline', 'ci.hardening', 'ci.readiness-gate', 'cd.automated-deploy', 'container.scanning'];
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);

if (!existsSync(path.join(ROOT, 'dist', 'src', 'facts', 'ci', 'index.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

function put(base, rel, text) {
  const file = path.join(base, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function generate() {
  const marker = path.join(TREE, '.bench-complete');
  if (existsSync(marker)) return;
  rmSync(TREE, { recursive: true, force: true });
  const p = (rel, text) => put(TREE, rel, text);
  p('package.json', JSON.stringify({ scripts: { ci: 'npm run lint && vitest run', lint: 'eslint .', readiness: 'mina check --min-score 80' } }));
  p('Makefile', '.PHONY: ci test\nci: lint test\nlint:\n\tgo vet ./...\ntest:\n\tgo test ./...\n');
  p('Dockerfile', 'FROM node:20-slim\nUSER node\n');
  p('.github/actions/setup/action.yml', 'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n    - run: npm ci\n      shell: bash\n');
  p('.github/workflows/reusable-test.yml', 'on: workflow_call\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make ci\n');
  for (let i = 0; i < WORKFLOWS; i++) {
    p(`.github/workflows/svc${i}.yml`, [
      `name: svc${i}`, 'on:', '  push:', '    branches: [main]', '  pull_request:', i % 4 ? 'permissions:\n  contents: read' : '', 'jobs:',
      '  test:', '    runs-on: ${{ matrix.os }}', '    strategy:', '      matrix:', '        os: [ubuntu-latest, windows-latest]', '    steps:',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', '      - uses: ./.github/actions/setup',
      '      - run: |', `          cd services/svc${i}`, '          npm run ci', `          echo "\${{ github.event.pull_request.title }}"`,
      '  shared:', '    uses: ./.github/workflows/reusable-test.yml',
      '  deploy:', "    if: github.ref == 'refs/heads/main'", '    needs: test', '    environment: production', '    runs-on: ubuntu-latest', '    steps:',
      `      - run: helm upgrade --install svc${i} charts/svc${i} --atomic`, '      - uses: aquasecurity/trivy-action@0.29.0', '        with:', `          image-ref: svc${i}:latest`,
    ].join('\n'));
  }
  p('.gitlab-ci.yml', ['include:', '  - local: ci/templates.yml', '  - template: Jobs/Container-Scanning.gitlab-ci.yml', 'stages: [test, deploy]',
    ...Array.from({ length: 200 }, (_, i) => `unit-${i}:\n  extends: .python\n  script:\n    - !reference [.setup, script]\n    - pytest tests/${i}\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`)].join('\n'));
  p('ci/templates.yml', '.python:\n  image: python:3.12\n  before_script:\n    - pip install -r requirements.txt\n.setup:\n  script:\n    - pip install -e .\n');
  p('.circleci/config.yml', 'version: 2.1\njobs:\n  test:\n    docker: [{image: cimg/node:20.11}]\n    steps:\n      - checkout\n      - run: npm ci\n      - run: npm test\nworkflows:\n  main:\n    jobs: [test]\n');
  p('azure-pipelines.yml', 'trigger: [main]\nstages:\n  - stage: test\n    jobs:\n      - template: azure/test-job.yml\n');
  p('azure/test-job.yml', 'jobs:\n  - job: test\n    steps:\n      - script: dotnet test\n');
  p('Jenkinsfile', "pipeline { stages { stage('Test') { steps { sh 'mvn -B verify' } } } }\n");
  const jobs = Array.from({ length: 3000 }, (_, i) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test -- --shard=${i}\n`).join('');
  p('.github/workflows/huge.yml', `on: [push, pull_request]\npermissions: {}\njobs:\n${jobs}`);
  writeFileSync(marker, new Date().toISOString());
}

function generateBomb() {
  const laughs = ['on: push', 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(',')}]`), 'jobs: {j: {runs-on: x, steps: *a12}}'];
  put(BOMB, '.github/workflows/laughs.yml', laughs.join('\n'));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

generate();
generateBomb();
const { RepoContext } = await dist('src/context/repo-context.js');
const { DEFAULT_IGNORES } = await dist('src/context/walk.js');
const { runOne } = await dist('src/engine/run-checks.js');
const { ciFact } = await dist('src/facts/ci/index.js');
const checks = await Promise.all(CHECKS.map(async (id) => (await dist(`checks/${id}/index.js`)).default));
const settings = { offline: true, advisoryDb: null, databaseUrl: null, history: false };

async function once(dir) {
  const t0 = performance.now();
  const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  const ci = await repo.fact(ciFact);
  const t1 = performance.now();
  const results = [];
  for (const check of checks) {
    const options = check.meta.id === 'ci.hardening' ? { githubOwnedSeverity: 'low' } : {};
    results.push(await runOne({ check, id: check.meta.id, category: 'infra', weight: 1, severity: check.meta.severity, options, timeoutMs: 120_000, skipReason: null, readmePath: null }, repo, null, settings));
  }
  return { fact: t1 - t0, checks: performance.now() - t1, ci, results };
}

const facts = [];
const runs = [];
let last;
for (let i = 0; i < RUNS; i++) {
  last = await once(TREE);
  facts.push(last.fact);
  runs.push(last.checks);
}
const jobs = last.ci.pipelines.reduce((n, p) => n + p.jobs.length, 0);
const steps = last.ci.pipelines.reduce((n, p) => n + p.jobs.reduce((m, j) => m + j.steps.length, 0), 0);
console.log(`tree: ${last.ci.files.length} CI files, ${last.ci.pipelines.length} pipelines, ${jobs} jobs, ${steps} steps (${TREE})`);
console.log(`fact (walk + parse + model), median of ${RUNS}: ${median(facts).toFixed(0)} ms`);
console.log(`five checks on the shared fact, median of ${RUNS}: ${median(runs).toFixed(0)} ms`);
for (const r of last.results) console.log(`  ${r.id.padEnd(20)} ${r.status.padEnd(8)} ${(r.score * 100).toFixed(0).padStart(3)}%  ${r.findings.length} findings`);
const bomb = await once(BOMB);
console.log(`billion-laughs workflow refused in ${bomb.fact.toFixed(0)} ms: ${bomb.ci.problems[0]?.message ?? 'NOT REFUSED'}`);
if (last.results.some((r) => r.status === 'error') || bomb.results.some((r) => r.status === 'error')) process.exit(1);
