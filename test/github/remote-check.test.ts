/**
 * `mina check --github` and `--github-org` end to end through the built CLI: the API from the
 * loopback stand-in, the clone from a local bare repository over `git http-backend`, the temporary
 * checkout removed on success, on failure and on SIGINT.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type Routes } from './github-stand-in.js';
import { makeBareRepo } from './git-fixture.js';
import { minaAsync } from './run-mina-async.js';
import { TEST_TOKEN } from './stand-in-target.js';

// split in the source so mina's own secret scan of this repository stays clean
const SECRET_LINE = 'AWS_ACCESS_KEY_ID = "AKIA' + 'Q3EGRT5XPLM2ZK7W"\n';
const bare = makeBareRepo('app', { 'src/settings.py': SECRET_LINE });
const AUTH = `Basic ${Buffer.from(`x-access-token:${TEST_TOKEN}`).toString('base64')}`;
const server = await startGitHubStandIn({ gitRoot: bare.root, gitAuthorization: AUTH });
const scratch: string[] = [];
afterAll(async () => {
  await server.close();
  rmSync(path.dirname(bare.root), { recursive: true, force: true });
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

function repoBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    full_name: `acme/${name}`,
    private: true,
    archived: false,
    default_branch: 'main',
    html_url: `https://github.example/acme/${name}`,
    clone_url: `${server.url}/git/${name}.git`,
    permissions: { admin: true, push: true, pull: true },
    security_and_analysis: { secret_scanning: { status: 'enabled' } },
    ...extra,
  };
}

function settingsRoutes(prefix: string, name: string): Routes {
  const base = `${prefix}/repos/acme/${name}`;
  return {
    [`GET ${base}`]: { body: repoBody(name) },
    [`GET ${base}/rules/branches/main`]: { pages: [[{ type: 'non_fast_forward' }]] },
    [`GET ${base}/branches/main/protection`]: {
      body: { required_pull_request_reviews: { required_approving_review_count: 1 }, required_status_checks: { contexts: ['test'], checks: [] }, allow_force_pushes: { enabled: false } },
    },
    [`GET ${base}/vulnerability-alerts`]: { status: 204 },
    [`GET ${base}/code-scanning/default-setup`]: { body: { state: 'configured' } },
  };
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mina-test-remote-'));
  scratch.push(tmp);
  for (const k of Object.keys(server.routes)) delete server.routes[k];
  Object.assign(server.routes, settingsRoutes('', 'app'));
});

/** Runs with TMPDIR pointing at a folder of this test, so leftovers can be seen. */
function run(args: string[], env: Record<string, string | undefined> = {}) {
  return minaAsync(['check', ...args, '--base-url', server.url], { cwd: tmp, env: { TMPDIR: tmp, GITHUB_TOKEN: TEST_TOKEN, ...env } });
}

/** The JSON a run printed, or a failure that shows what the run said instead. */
function json(r: { code: number | null; stdout: string; stderr: string }) {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`exit ${r.code}, no JSON on stdout; stderr: ${r.stderr.slice(0, 2000)}`);
  }
}

const leftovers = () => readdirSync(tmp).filter((n) => n.startsWith('mina-github-') && n !== `mina-github-acme`);

describe('mina check --github', { timeout: 120_000 }, () => {
  it('clones, runs the static checks and the settings checks, and removes the checkout', async () => {
    const r = await run(['--github', 'acme/app', '--format', 'json']).done;
    expect(r.stderr).not.toContain(TEST_TOKEN);
    expect(r.stdout).not.toContain(TEST_TOKEN);
    const report = json(r);
    expect(report.target.path).toBe('https://github.example/acme/app');
    expect(report.target.commit).toBe(bare.mainSha);
    const byId = Object.fromEntries(report.checks.map((c: { id: string }) => [c.id, c]));
    expect(byId['github.branch-protection'].status).toBe('pass');
    expect(byId['github.security-features'].status).toBe('pass');
    expect(byId['secrets.hardcoded'].findings.some((f: { file: string }) => f.file === 'src/settings.py')).toBe(true);
    expect(r.code).toBe(1); // the committed key fails the gate (critical)
    expect(leftovers()).toEqual([]);
    expect(existsSync(path.join(tmp, '.mina'))).toBe(false);
    expect(server.gitAuthorizations).toContain(AUTH);
  });

  it('checks out a ref given after @', async () => {
    const r = await run(['--github', 'acme/app@release', '--format', 'json']).done;
    const report = json(r);
    expect(report.target.commit).toBe(bare.firstSha);
    expect(report.checks.find((c: { id: string }) => c.id === 'secrets.hardcoded').findings).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('talks to GitHub Enterprise under its /api/v3 prefix', async () => {
    Object.assign(server.routes, settingsRoutes('/api/v3', 'app'));
    const r = await minaAsync(['check', '--github', 'acme/app', '--format', 'json', '--base-url', `${server.url}/api/v3/`], { cwd: tmp, env: { TMPDIR: tmp, GITHUB_TOKEN: TEST_TOKEN } }).done;
    const report = json(r);
    expect(report.checks.find((c: { id: string }) => c.id === 'github.branch-protection').status).toBe('pass');
    expect(server.requests.some((q) => q.path === '/api/v3/repos/acme/app/branches/main/protection')).toBe(true);
  });

  it('exits 2 naming the access needed when the repository cannot be seen', async () => {
    const r = await run(['--github', 'acme/secret-project']).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the repository acme\/secret-project/);
    expect(r.stderr).toMatch(/`repo` scope/);
    expect(leftovers()).toEqual([]);
  });

  it('exits 3 with git\'s reason when the clone is refused, leaving nothing behind and no token', async () => {
    const r = await run(['--github', 'acme/app'], { GITHUB_TOKEN: 'ghp_wrongToken1111111111111111111111111' }).done;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/could not clone acme\/app/);
    expect(r.stderr).not.toContain('wrongToken');
    expect(leftovers()).toEqual([]);
  });

  it('refuses usage that cannot work', async () => {
    expect((await run(['some/path', '--github', 'acme/app']).done).code).toBe(2);
    expect((await run(['--github', 'acme/app', '--offline']).done).code).toBe(2);
    expect((await run(['--github', '-x/app']).done).code).toBe(2);
    expect((await run(['--github', 'acme/app@-x']).done).code).toBe(2);
  });

  it('removes the checkout when interrupted with SIGINT', async () => {
    let started!: () => void;
    const reached = new Promise<void>((r) => (started = r));
    server.routes['GET /repos/acme/app/branches/main/protection'] = { hang: true };
    const prior = server.requests.length;
    const poll = setInterval(() => {
      if (server.requests.slice(prior).some((q) => q.path.endsWith('/branches/main/protection'))) started();
    }, 20);
    const { child, done } = run(['--github', 'acme/app', '--format', 'json']);
    await reached;
    clearInterval(poll);
    expect(readdirSync(tmp).filter((n) => n.startsWith('mina-github-'))).toHaveLength(1);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/SIGINT: removing the temporary checkout/);
    expect(leftovers()).toEqual([]);
  });
});

describe('mina check --github-org', { timeout: 120_000 }, () => {
  it('checks every non-archived repository, a few at a time, and keeps going past a failure', async () => {
    server.routes['GET /orgs/acme/repos'] = {
      pages: [[repoBody('app'), repoBody('old', { archived: true })], [repoBody('gone')]],
    };
    const r = await run(['--github-org', 'acme', '--concurrency', '2']).done;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/acme: 2 repositories/);
    expect(r.stdout).toMatch(/^app\s+\d+\.\d\s+\S+\s+failed$/m);
    expect(r.stdout).toMatch(/^gone\s+—\s+—\s+error: could not clone acme\/gone/m);
    expect(r.stdout).not.toMatch(/^old\b/m);
    const out = path.join(tmp, 'mina-github-acme');
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.repositories.map((x: { repo: string }) => x.repo)).toEqual(['app', 'gone']);
    const app = JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8'));
    expect(app.target.path).toBe('https://github.example/acme/app');
    expect(server.requests.filter((q) => q.path === '/orgs/acme/repos').map((q) => q.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(leftovers()).toEqual([]);
  });

  it('prints the summary as JSON', async () => {
    server.routes['GET /orgs/acme/repos'] = { pages: [[repoBody('app')]] };
    const r = await run(['--github-org', 'acme', '--format', 'json']).done;
    const summary = json(r);
    expect(summary.repositories).toHaveLength(1);
    expect(summary.repositories[0]).toMatchObject({ repo: 'app', passed: false, report: 'app.json', error: null });
  });
});
