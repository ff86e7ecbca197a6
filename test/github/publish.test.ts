/**
 * Publishing inside GitHub Actions, against the loopback stand-in: check run with annotations in
 * batches of 50 on the PR head, step summary and outputs, one PR comment updated in place, the
 * delta against the base branch's last published result, and read-only tokens (fork PRs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/api-client.js';
import { encodeResult, decodeResult } from '../../src/github/publish/base-result.js';
import { commentMarker } from '../../src/github/publish/pr-comment.js';
import { publishReport } from '../../src/github/publish/publish-report.js';
import type { Report } from '../../src/report/report-model.js';
import { fixtureReport, plantedReport, PLANTED_SECRETS } from '../report/fixture-report.js';
import { startGitHubStandIn, type SeenRequest } from './github-stand-in.js';
import { minaAsync } from './run-mina-async.js';
import { TEST_TOKEN } from './stand-in-target.js';

const HEAD = '1111111111111111111111111111111111111111';
const MERGE = '2222222222222222222222222222222222222222';
const BASE1 = 'b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1';
const BASE2 = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';

const server = await startGitHubStandIn();
const dirs: string[] = [];
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

let dir: string;
let env: NodeJS.ProcessEnv;
const client = () => createGitHubClient({ token: TEST_TOKEN, baseUrl: server.url, msPerSecond: 5 });

function baseReport(): Report {
  const r = fixtureReport();
  r.score = 40.1;
  r.checks = r.checks.map((c) => (c.id === 'cors.wildcard' ? { ...c, status: 'pass' as const } : c.id === 'tests.present' ? { ...c, status: 'fail' as const } : c));
  return r;
}

/** The fixture report, checked in `/home/dev/shop`, with `n` findings on files. */
function reportWith(n: number): Report {
  const r = fixtureReport();
  r.checks[2].findings = Array.from({ length: n }, (_, i) => ({ id: 'missing', message: `finding ${i}`, file: `docs/f${String(i).padStart(3, '0')}.md`, line: i + 1, severity: 'low' as const }));
  return r;
}

function pullRequestEnv(event: Record<string, unknown>): NodeJS.ProcessEnv {
  const eventFile = path.join(dir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(event));
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: MERGE,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_API_URL: server.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: '/home/dev',
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
  };
}

const PR_EVENT = { pull_request: { number: 7, base: { ref: 'main', sha: BASE1 }, head: { sha: HEAD } } };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mina-test-publish-'));
  dirs.push(dir);
  for (const k of Object.keys(server.routes)) delete server.routes[k];
  server.requests.length = 0;
  Object.assign(server.routes, {
    'GET /repos/acme/shop/commits': { body: [{ sha: BASE1 }, { sha: BASE2 }] },
    [`GET /repos/acme/shop/commits/${BASE1}/check-runs`]: { body: { total_count: 0, check_runs: [] } },
    [`GET /repos/acme/shop/commits/${BASE2}/check-runs`]: { body: { total_count: 1, check_runs: [{ id: 1, status: 'completed', output: { text: `${encodeResult(baseReport())}\n` } }] } },
    'POST /repos/acme/shop/check-runs': { status: 201, body: { id: 99, html_url: 'https://github.example/acme/shop/runs/99' } },
    'PATCH /repos/acme/shop/check-runs/99': { body: { id: 99 } },
    'GET /repos/acme/shop/issues/7/comments': { pages: [[{ id: 400, body: 'LGTM' }]] },
    'POST /repos/acme/shop/issues/7/comments': { status: 201, body: { id: 501, html_url: 'https://github.example/acme/shop/pull/7#issuecomment-501' } },
    'PATCH /repos/acme/shop/issues/comments/500': { body: { id: 500, html_url: 'https://github.example/acme/shop/pull/7#issuecomment-500' } },
  });
  env = pullRequestEnv(PR_EVENT);
});

const seen = (method: string, suffix: string): SeenRequest[] => server.requests.filter((q) => q.method === method && q.path.endsWith(suffix));

describe('publishReport on a pull request', { timeout: 120_000 }, () => {
  it('creates a check run on the PR head with annotations in batches of 50, most severe first', async () => {
    const result = await publishReport(reportWith(120), { token: TEST_TOKEN, env, client: client() });
    expect(result.failures).toEqual([]);
    const [create] = seen('POST', '/check-runs');
    const body = create.body as Record<string, any>;
    expect(body).toMatchObject({ name: 'mina (shop)', head_sha: HEAD, status: 'completed', conclusion: 'failure', details_url: 'https://github.example/acme/shop/actions/runs/4242' });
    expect(body.output.title).toBe('48.6/100 · No level reached · gate failed');
    expect(body.output.annotations).toHaveLength(50);
    expect(body.output.annotations.slice(0, 3).map((a: any) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['shop/shop/__init__.py', 14, 'failure', 'cors.wildcard: socketio-any-origin'],
      ['shop/shop/settings.py', 12, 'failure', 'secrets.hardcoded: aws-access-key'],
      ['shop/web/ünïcode 🚀/server.js', 3, 'failure', 'cors.wildcard: express-cors-default'],
    ]);
    expect(body.output.annotations[3].annotation_level).toBe('notice');
    const updates = seen('PATCH', '/check-runs/99').map((q) => (q.body as any).output.annotations.length);
    expect(updates).toEqual([50, 23]); // 120 + 3 located fixture findings = 123
    expect(decodeResult(body.output.text)?.score).toBe(48.6);
  });

  it('writes the summary and outputs with the change against the base branch', async () => {
    await publishReport(fixtureReport(), { token: TEST_TOKEN, env, client: client() });
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toMatch(/^## .*mina readiness: 48\.6\/100/);
    expect(summary).toContain('**Against `main`** (`b2b2b2b`): 40.1 → 48.6 (▲ +8.5)');
    expect(summary).toMatch(/Got worse:\*\*\n- 🟡 `cors.wildcard`: pass → partial/);
    expect(summary).toMatch(/Got better:\*\*\n- ✅ `tests.present`: fail → pass/);
    expect(readFileSync(env.GITHUB_OUTPUT!, 'utf8')).toBe(
      'score=48.6\nlevel=none\npassed=false\nscore-delta=8.5\ncheck-run-url=https://github.example/acme/shop/runs/99\ncomment-url=https://github.example/acme/shop/pull/7#issuecomment-501\n',
    );
    // the newest base commit had no mina run: the next one was asked
    expect(seen('GET', `/commits/${BASE1}/check-runs`)[0].query.get('check_name')).toBe('mina (shop)');
  });

  it('comments once, then updates that comment instead of adding another', async () => {
    const first = await publishReport(fixtureReport(), { token: TEST_TOKEN, env, client: client() });
    expect(first.done).toContain('PR #7 comment created');
    const created = seen('POST', '/issues/7/comments')[0].body as { body: string };
    expect(created.body.startsWith(commentMarker('mina (shop)'))).toBe(true);
    expect(created.body).toContain('▲ +8.5');

    server.routes['GET /repos/acme/shop/issues/7/comments'] = { pages: [[{ id: 400, body: 'LGTM' }], [{ id: 500, body: created.body }]] };
    const second = await publishReport(fixtureReport(), { token: TEST_TOKEN, env, client: client() });
    expect(second.done).toContain('PR #7 comment updated');
    expect(seen('POST', '/issues/7/comments')).toHaveLength(1);
    expect(seen('PATCH', '/issues/comments/500')).toHaveLength(1);
  });

  it('with a read-only token (a fork), warns with the permission needed and still writes the summary', async () => {
    const denied = { status: 403, body: { message: 'Resource not accessible by integration' } };
    server.routes['POST /repos/acme/shop/check-runs'] = denied;
    server.routes['POST /repos/acme/shop/issues/7/comments'] = denied;
    const result = await publishReport(fixtureReport(), { token: TEST_TOKEN, env, client: client() });
    expect(result.failures).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/check run not published: GitHub answered 403 .*"checks: write"/);
    expect(result.warnings.join('\n')).toMatch(/pull request comment not published: .*"pull-requests: write"/);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('48.6/100');
  });

  it('reports a server failure as a failure, not a warning', async () => {
    server.routes['POST /repos/acme/shop/check-runs'] = { status: 422, body: { message: 'Invalid request' } };
    const result = await publishReport(fixtureReport(), { token: TEST_TOKEN, env, client: client() });
    expect(result.failures).toEqual(['check run not published: GitHub answered 422 (Invalid request)']);
  });

  it('never sends a secret whole', async () => {
    const report = plantedReport();
    report.target.path = '/home/dev/shop';
    await publishReport(report, { token: TEST_TOKEN, env, client: client() });
    const sent = JSON.stringify(server.requests.map((q) => q.body)) + readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8');
    for (const s of PLANTED_SECRETS) expect(sent).not.toContain(s);
  });
});

describe('publishReport elsewhere', () => {
  it('on a push: a check run on GITHUB_SHA, no comment and no comparison', async () => {
    env = pullRequestEnv({ ref: 'refs/heads/main' });
    const report = fixtureReport();
    report.target.path = '/home/dev';
    const result = await publishReport(report, { token: TEST_TOKEN, env, client: client() });
    expect((seen('POST', '/check-runs')[0].body as any).head_sha).toBe(MERGE);
    expect((seen('POST', '/check-runs')[0].body as any).name).toBe('mina');
    expect(seen('GET', '/issues/7/comments')).toHaveLength(0);
    expect(seen('GET', '/commits')).toHaveLength(0);
    expect(result.done).toHaveLength(3);
  });

  it('without a token: summary and outputs only, saying why', async () => {
    const result = await publishReport(fixtureReport(), { token: null, env });
    expect(result.warnings).toEqual(['no token (GITHUB_TOKEN or --token): the check run and the PR comment are skipped']);
    expect(server.requests).toHaveLength(0);
    expect(readFileSync(env.GITHUB_OUTPUT!, 'utf8')).toContain('passed=false');
  });

  it('refuses to run outside GitHub Actions', async () => {
    await expect(publishReport(fixtureReport(), { token: TEST_TOKEN, env: {} })).rejects.toThrow(/inside GitHub Actions/);
  });
});

describe('mina publish', { timeout: 120_000 }, () => {
  it('publishes a JSON report file from the command line', async () => {
    const file = path.join(dir, 'report.json');
    const report = fixtureReport();
    delete report.docs;
    writeFileSync(file, JSON.stringify(report));
    const r = await minaAsync(['publish', '--report', file, '--no-comment'], { env: { ...env, GITHUB_TOKEN: TEST_TOKEN } as Record<string, string> }).done;
    expect(r.stderr).toMatch(/published: check run "mina \(shop\)"/);
    expect(r.code).toBe(0);
    expect(seen('POST', '/issues/7/comments')).toHaveLength(0);
  });

  it('exits 2 on a file that is not a report', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{"score": 3}');
    const r = await minaAsync(['publish', '--report', file], { env: env as Record<string, string> }).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a mina JSON report/);
  });
});
