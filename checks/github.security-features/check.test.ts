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
  valid: [github('all-enabled'), github('advanced-setup'), github('throttled'), { ...github('read-only-code-scanning'), options: { features: ['code-scanning'] } }],
  invalid: [
    { ...github('all-disabled'), score: 0, findings: [{ id: 'secret-scanning-off' }, { id: 'dependabot-alerts-off' }, { id: 'code-scanning-off' }] },
    { ...github('private-without-ghas'), score: 1 / 3, findings: [{ id: 'secret-scanning-off' }, { id: 'code-scanning-off' }] },
    { ...github('stale-analyses'), score: 2 / 3, findings: [{ id: 'code-scanning-off' }] },
    { ...github('all-disabled'), name: 'only the features asked for', options: { features: ['dependabot-alerts'] }, score: 0, findings: [{ id: 'dependabot-alerts-off' }] },
  ],
  notApplicable: [{ fixture: 'no-github' }],
});

describe('github.security-features when GitHub will not say', () => {
  const run = (repo: string, options: Record<string, unknown> = {}) =>
    runCheckOn(check, path.join(FIXTURES, 'no-github'), options, null, { offline: false, github: standInTarget(() => server, repo) });

  it('errors, naming each access needed, for a token without admin', async () => {
    const r = await run('no-admin');
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/secret scanning is enabled on standin\/no-admin: GitHub shows this to repository admins only/);
    expect(r.reason).toMatch(/Dependabot alerts .*GitHub answered 404/);
    expect(r.reason).toMatch(/code scanning analyses .*"Code scanning alerts: read"/);
    expect(r.reason).toMatch(/`security_events` scope/);
  });

  it('retried the secondary limit, the 429 and the primary limit', () => {
    const paths = server.requests.filter((q) => q.path.startsWith('/repos/standin/throttled/')).map((q) => q.path.slice('/repos/standin/throttled'.length));
    expect(paths.filter((p) => p === '/vulnerability-alerts')).toHaveLength(3);
    expect(paths.filter((p) => p === '/code-scanning/default-setup')).toHaveLength(2);
  });

  it('says which features it saw on a pass', async () => {
    const r = await run('all-enabled');
    expect(r.notes).toEqual(['secret scanning enabled with push protection', 'Dependabot alerts enabled', 'code scanning default setup configured']);
  });
});
