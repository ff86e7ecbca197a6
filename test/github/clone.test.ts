import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cloneUrlProblem, shallowClone } from '../../src/github/clone.js';
import { startGitHubStandIn } from './github-stand-in.js';
import { makeBareRepo } from './git-fixture.js';
import { TEST_TOKEN } from './stand-in-target.js';

const repo = makeBareRepo();
const AUTH = `Basic ${Buffer.from(`x-access-token:${TEST_TOKEN}`).toString('base64')}`;
const server = await startGitHubStandIn({ gitRoot: repo.root, gitAuthorization: AUTH });
const url = `${server.url}/git/${repo.name}.git`;
const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'mina-test-clone-'));
  dirs.push(d);
  return path.join(d, 'repo');
};
afterAll(async () => {
  await server.close();
  rmSync(path.dirname(repo.root), { recursive: true, force: true });
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function allText(dir: string): string {
  let out = '';
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(e.parentPath, e.name);
    if (e.isFile()) out += readFileSync(full).toString('latin1');
  }
  return out;
}

describe('shallowClone', () => {
  const saved = { HOME: process.env.HOME };
  afterEach(() => {
    process.env.HOME = saved.HOME;
  });

  it('clones the default branch at depth 1, sending the token as a header and writing it nowhere', async () => {
    const dir = fresh();
    await shallowClone({ url, ref: null, dir, token: TEST_TOKEN, signal: new AbortController().signal });
    expect(readFileSync(path.join(dir, 'src/app.js'), 'utf8')).toContain('hi');
    expect(readFileSync(path.join(dir, '.git', 'shallow'), 'utf8').trim()).toBe(repo.mainSha);
    expect(server.gitAuthorizations.filter((a) => a === AUTH).length).toBeGreaterThan(0);
    const written = allText(path.dirname(dir));
    expect(written).not.toContain(TEST_TOKEN);
    expect(written).not.toContain(Buffer.from(`x-access-token:${TEST_TOKEN}`).toString('base64'));
    expect(readFileSync(path.join(dir, '.git', 'config'), 'utf8')).not.toMatch(/extraheader|x-access-token/i);
  });

  it('checks symlinks out as plain files, so nothing in the checkout points outside it', async () => {
    const dir = fresh();
    await shallowClone({ url, ref: null, dir, token: TEST_TOKEN, signal: new AbortController().signal });
    expect(lstatSync(path.join(dir, 'escape-link')).isSymbolicLink()).toBe(false);
    expect(readFileSync(path.join(dir, 'escape-link'), 'utf8')).toBe('/etc/passwd');
  });

  it('runs no hook, even one the user configured globally', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'mina-test-home-'));
    dirs.push(home);
    const hooks = path.join(home, 'hooks');
    mkdirSync(hooks);
    const marker = path.join(home, 'hook-ran');
    for (const hook of ['post-checkout', 'reference-transaction', 'post-index-change']) {
      writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch '${marker}'\n`);
      chmodSync(path.join(hooks, hook), 0o755);
    }
    writeFileSync(path.join(home, '.gitconfig'), `[core]\n\thooksPath = ${hooks}\n[init]\n\ttemplateDir = ${home}\n`);
    process.env.HOME = home;
    const dir = fresh();
    await shallowClone({ url, ref: null, dir, token: TEST_TOKEN, signal: new AbortController().signal });
    await shallowClone({ url, ref: repo.firstSha, dir: fresh(), token: TEST_TOKEN, signal: new AbortController().signal });
    expect(existsSync(marker)).toBe(false);
  });

  it('clones a branch, a tag and a commit', async () => {
    for (const ref of ['release', 'v1.0.0', repo.firstSha]) {
      const dir = fresh();
      await shallowClone({ url, ref, dir, token: TEST_TOKEN, signal: new AbortController().signal });
      expect(existsSync(path.join(dir, 'README.md')), ref).toBe(true);
      expect(existsSync(path.join(dir, 'src/app.js')), ref).toBe(false);
    }
  });

  it('fails without leaking the token when the server refuses it', async () => {
    const dir = fresh();
    const err = await shallowClone({ url, ref: null, dir, token: 'ghp_wrongToken1111111111111111111111111', signal: new AbortController().signal }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).not.toContain('wrongToken');
  });

  it('stops git when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await shallowClone({ url, ref: null, dir: fresh(), token: TEST_TOKEN, signal: controller.signal }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it('refuses refs that could be read as options', async () => {
    await expect(shallowClone({ url, ref: '--upload-pack=touch /tmp/x', dir: fresh(), token: null, signal: new AbortController().signal })).rejects.toThrow(/not a valid ref/);
  });
});

describe('cloneUrlProblem', () => {
  it('accepts https, and http only when the API itself is plain http', () => {
    expect(cloneUrlProblem('https://github.com/a/b.git', 'https://api.github.com')).toBeNull();
    expect(cloneUrlProblem('http://127.0.0.1:9/git/b.git', 'http://127.0.0.1:9')).toBeNull();
    expect(cloneUrlProblem('http://github.com/a/b.git', 'https://api.github.com')).toMatch(/http:/);
  });
  it('refuses other transports and credentials', () => {
    expect(cloneUrlProblem('ext::sh -c touch% /tmp/pwned', 'https://api.github.com')).toMatch(/refusing/);
    expect(cloneUrlProblem('file:///etc', 'https://api.github.com')).toMatch(/file:/);
    expect(cloneUrlProblem('https://u:p@github.com/a/b.git', 'https://api.github.com')).toMatch(/credentials/);
    expect(cloneUrlProblem('', 'https://api.github.com')).toMatch(/no usable clone URL/);
  });
});
