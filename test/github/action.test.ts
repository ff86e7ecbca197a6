/**
 * The action (`action.yml`): its declared interface, that inputs never reach a shell by
 * interpolation, and its steps run as the runner would run them (bash -eo pipefail, inputs in the
 * environment) against a fixture repository, with the GitHub API from the loopback stand-in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStandIn } from './github-stand-in.js';
import { ROOT } from './run-mina-async.js';
import { TEST_TOKEN } from './stand-in-target.js';

interface Step {
  id?: string;
  name: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

const server = await startGitHubStandIn();
const dirs: string[] = [];
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `${{ inputs.x }}`, `${{ github.* }}` as the runner would substitute them. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([a-z._-]+)\s*\}\}/g, (_, expr: string) => {
    if (expr.startsWith('inputs.')) {
      const name = expr.slice('inputs.'.length);
      return inputs[name] ?? expand(action.inputs[name]?.default ?? '', inputs);
    }
    if (expr === 'github.action_path') return ROOT;
    if (expr === 'github.token') return TEST_TOKEN;
    throw new Error(`unexpected expression ${expr}`);
  });
}

function runStep(step: Step, inputs: Record<string, string>, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd: step['working-directory'] ? expand(step['working-directory'], inputs) : env.GITHUB_WORKSPACE,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CI: 'true', NO_COLOR: '1', ...env, ...stepEnv },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mina-test-action-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 3, base: { ref: 'main', sha: 'a'.repeat(40) }, head: { sha: 'c'.repeat(40) } } }));
  env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'd'.repeat(40),
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_API_URL: server.url,
    GITHUB_WORKSPACE: path.join(ROOT, 'test', 'fixtures'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
  };
  for (const k of Object.keys(server.routes)) delete server.routes[k];
  server.requests.length = 0;
  Object.assign(server.routes, {
    'GET /repos/acme/shop/commits': { body: [] },
    'POST /repos/acme/shop/check-runs': { status: 201, body: { id: 5, html_url: 'https://github.example/run/5' } },
    'PATCH /repos/acme/shop/check-runs/5': { body: { id: 5 } },
    'GET /repos/acme/shop/issues/3/comments': { pages: [[]] },
    'POST /repos/acme/shop/issues/3/comments': { status: 201, body: { id: 9, html_url: 'https://github.example/c/9' } },
  });
});

describe('action.yml', { timeout: 120_000 }, () => {
  it('declares the inputs and outputs the README documents', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'min-score', 'fail-on', 'rubric', 'sarif']));
    expect(action.outputs.score.value).toBe('${{ steps.gate.outputs.score }}');
    expect(action.outputs.level.value).toBe('${{ steps.gate.outputs.level }}');
    expect(action.outputs.passed.value).toBe('${{ steps.gate.outputs.passed }}');
    expect(action.runs.steps.some((s) => s.id === 'gate')).toBe(true);
  });

  it('never interpolates an expression into a shell script', () => {
    for (const step of action.runs.steps) expect(step.run, step.name).not.toMatch(/\$\{\{/);
  });

  it('installs nothing when mina is already built, and checks the Node version', async () => {
    const install = action.runs.steps[0];
    const r = await runStep(install, {}, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('runs the gate: outputs, SARIF, check run and PR comment', async () => {
    const gate = action.runs.steps.find((s) => s.id === 'gate')!;
    const sarif = path.join(dir, 'mina.sarif');
    const r = await runStep(gate, { path: 'basic-repo', 'min-score': '0', 'fail-on': 'none', sarif }, env);
    expect(r.code, r.stderr).toBe(0);
    const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8');
    expect(outputs).toMatch(/^score=\d+\.\d\nlevel=\S+\npassed=true\n/);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.version).toBe('2.1.0');
    const create = server.requests.find((q) => q.method === 'POST' && q.path.endsWith('/check-runs'))!;
    expect(create.authorization).toBe(`token ${TEST_TOKEN}`);
    expect(create.body).toMatchObject({ name: 'mina (basic-repo)', head_sha: 'c'.repeat(40), conclusion: 'success' });
    expect(server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/issues/3/comments'))).toHaveLength(1);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toMatch(/mina readiness: \d+\.\d\/100/);
  });

  it('fails the step when the gate fails, still writing the outputs; comment: false posts no comment', async () => {
    const gate = action.runs.steps.find((s) => s.id === 'gate')!;
    const r = await runStep(gate, { path: 'basic-repo', 'min-score': '100', comment: 'false' }, env);
    expect(r.code).toBe(1);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toMatch(/passed=false/);
    expect(r.stdout).toMatch(/Gate: FAILED/);
    expect(server.requests.filter((q) => q.path.includes('/issues/'))).toHaveLength(0);
  });

  it('passes a hostile input as a value, not as code', async () => {
    const gate = action.runs.steps.find((s) => s.id === 'gate')!;
    const marker = path.join(dir, 'pwned');
    const r = await runStep(gate, { path: 'basic-repo', rubric: `x"; touch ${marker}; echo "` }, env);
    expect(r.code).toBe(2);
    expect(() => readFileSync(marker)).toThrow();
  });
});
