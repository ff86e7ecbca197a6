import { afterAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/api-client.js';
import { listRepositories } from '../../src/github/org-check.js';
import { parseRepoSpec, isRefName } from '../../src/github/repo-spec.js';
import { startGitHubStandIn } from './github-stand-in.js';
import { TEST_TOKEN } from './stand-in-target.js';

describe('parseRepoSpec', () => {
  it('reads OWNER/REPO and an optional ref', () => {
    expect(parseRepoSpec('acme/shop')).toEqual({ owner: 'acme', repo: 'shop', ref: null });
    expect(parseRepoSpec('acme/shop.git@release/2.x')).toEqual({ owner: 'acme', repo: 'shop', ref: 'release/2.x' });
    expect(parseRepoSpec('a-b/c.d_e@' + 'f'.repeat(40)).ref).toBe('f'.repeat(40));
  });

  it.each(['acme', 'acme/shop/x', '-acme/shop', 'acme/..', 'acme/sh op', 'acme/shop@', 'acme/shop@-x', 'acme/shop@a..b', 'acme/shop@a b', 'acme/shop@x~1', 'acme/shop@.hidden', 'acme/shop@x.lock', 'acme/shop@a//b'])(
    'refuses %s',
    (spec) => expect(() => parseRepoSpec(spec)).toThrow(/--github/),
  );

  it('keeps refs within git check-ref-format', () => {
    expect(isRefName('main')).toBe(true);
    expect(isRefName('feature/x-1')).toBe(true);
    expect(isRefName('a\u0000b')).toBe(false);
    expect(isRefName('x'.repeat(256))).toBe(false);
  });
});

describe('listRepositories', async () => {
  const repo = (name: string, archived = false) => ({ name, full_name: `acme/${name}`, archived, default_branch: 'main', clone_url: `https://github.example/acme/${name}.git` });
  const server = await startGitHubStandIn({
    routes: {
      'GET /orgs/acme/repos': { pages: [[repo('zeta'), repo('old', true)], [repo('alpha'), { ...repo('../evil'), name: '../evil' }]] },
      'GET /users/solo/repos': { pages: [[{ ...repo('mine'), full_name: 'solo/mine' }]] },
      'GET /orgs/locked/repos': { status: 403, headers: { 'x-oauth-scopes': '' }, body: { message: 'Resource protected by organization SAML enforcement.' } },
    },
  });
  afterAll(() => server.close());
  const client = createGitHubClient({ token: TEST_TOKEN, baseUrl: server.url, msPerSecond: 5 });

  it('follows every page, drops archived repositories and names it could not use, sorts by name', async () => {
    expect((await listRepositories(client, 'acme')).map((r) => r.fullName)).toEqual(['acme/alpha', 'acme/zeta']);
  });

  it('falls back to a user when no organisation has that name', async () => {
    expect((await listRepositories(client, 'solo')).map((r) => r.fullName)).toEqual(['solo/mine']);
  });

  it('names the access needed when the listing is refused', async () => {
    await expect(listRepositories(client, 'locked')).rejects.toThrow(/cannot list the repositories of locked: GitHub answered 403 .*read:org/);
  });
});
