import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import { startGitHubStandIn } from '../../test/github/github-stand-in.js';
import { standInTarget } from '../../test/github/stand-in-target.js';
import check from './index.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const server = await startGitHubStandIn({ fixturesDir: FIXTURES });
afterAll(() => server.close());
const github = (fixture: string) => ({ fixture, settings: { offline: false, github: standInTarget(() => server, fixture) } });

new CheckTester(check, FIXTURES).run({
  valid: [github('protected-classic'), github('protected-rulesets'), github('mixed-sources'), github('rulesets-cover-no-admin'), github('secondary-limit')],
  invalid: [
    {
      ...github('unprotected'),
      score: 0,
      findings: [{ id: 'reviews-not-required' }, { id: 'status-checks-not-required' }, { id: 'force-push-allowed' }],
    },
    { ...github('weak-protection'), score: 0, findings: [{ id: 'reviews-not-required' }, { id: 'status-checks-not-required' }, { id: 'force-push-allowed' }] },
    { ...github('one-approval'), options: { minApprovals: 2 }, score: 2 / 3, findings: [{ id: 'reviews-not-required' }] },
  ],
  notApplicable: [{ fixture: 'no-github' }, { fixture: 'no-github', settings: { offline: true, github: standInTarget(() => server, 'unprotected') } }],
});

describe('github.branch-protection when GitHub will not say', () => {
  const run = (repo: string, token?: string | null) => runCheckOn(check, path.join(FIXTURES, 'no-github'), {}, null, { offline: false, github: standInTarget(() => server, repo, { token }) });

  it('errors, naming the access needed, when the token may not read branch protection', async () => {
    const r = await run('no-admin-token');
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/branch protection of standin\/no-admin-token@main/);
    expect(r.reason).toMatch(/"Administration: read"/);
    expect(r.reason).toMatch(/`repo` scope/);
    expect(r.reason).toMatch(/token's scopes: repo:status, read:org/);
  });

  it('treats a bare 404 for a non-admin as unreadable, not as unprotected', async () => {
    const r = await run('bare-404');
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/GitHub answered 404/);
  });

  it('says a token is missing when none was given', async () => {
    const r = await run('bare-404', null);
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/no token was given \(set GITHUB_TOKEN or --token\)/);
  });

  it('does not wait an hour for a primary rate limit: it errors and says so', async () => {
    const r = await run('rate-limit-exhausted');
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/rate limit/i);
  });

  it('errors when the repository itself cannot be read', async () => {
    const r = await run('does-not-exist');
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/cannot read the repository standin\/does-not-exist/);
  });

  it('retried the secondary limit and the 502 instead of failing', () => {
    const hits = server.requests.filter((q) => q.path.startsWith('/repos/standin/secondary-limit/'));
    expect(hits.filter((q) => q.path.endsWith('/rules/branches/main')).length).toBeGreaterThanOrEqual(2);
    expect(hits.filter((q) => q.path.endsWith('/protection')).length).toBe(2);
  });

  it('followed the Link header to the second page of rules', () => {
    const pages = server.requests.filter((q) => q.path === '/repos/standin/protected-rulesets/rules/branches/trunk').map((q) => q.query.get('page') ?? '1');
    expect(pages).toEqual(['1', '2']);
  });
});
