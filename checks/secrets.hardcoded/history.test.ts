/**
 * `--history`: secrets added by any commit are found from git objects read directly (loose, packed
 * with deltas), never by running git in the scanned repository. The test repositories themselves
 * are built with git, outside the scan.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckOn } from '../../src/testing/check-tester.js';
import { applyDelta } from '../../src/secrets/git/delta.js';
import check from './index.js';
import { fakeRepo, removeFakeRepos, values as v } from './fake-repo.mjs';

afterAll(removeFakeRepos);

const leaked = v.alnum(40);
const token = v.github();
const filler = Array.from({ length: 200 }, (_, i) => `SETTING_${i} = ${i}`);

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2024-03-01T10:00:00Z', GIT_COMMITTER_DATE: '2024-03-01T10:00:00Z' } });
}

/** A repository whose second commit added a secret and whose third removed it again. */
function repoWithRemovedSecret(): string {
  const dir = fakeRepo({ 'settings.py': filler });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  writeFileSync(path.join(dir, 'settings.py'), [...filler, `SECRET_KEY = "${leaked}"`, `GH_TOKEN = "${token}"`].join('\n') + '\n');
  git(dir, 'commit', '-q', '-am', 'add keys');
  writeFileSync(path.join(dir, 'settings.py'), [...filler, 'SECRET_KEY = os.environ["SECRET_KEY"]'].join('\n') + '\n');
  git(dir, 'commit', '-q', '-am', 'read from env');
  return dir;
}

async function historyFindings(dir: string) {
  const result = await runCheckOn(check, dir, {}, null, { history: true });
  return { result, findings: result.findings.filter((f) => f.message.includes('in commit')) };
}

describe('secrets.hardcoded --history', () => {
  const loose = repoWithRemovedSecret();

  it('finds nothing in the working tree, and the removed secrets in history (loose objects)', async () => {
    expect((await runCheckOn(check, loose)).findings).toEqual([]);
    const { result, findings } = await historyFindings(loose);
    expect(findings.map((f) => [f.id, f.file, f.line])).toEqual([
      ['generic-secret', 'settings.py', 201],
      ['github-token', 'settings.py', 202],
    ]);
    const added = git(loose, 'rev-list', '--max-count=1', 'HEAD~1').trim();
    expect(findings[0].message).toContain(`in commit ${added.slice(0, 12)} (2024-03-01)`);
    expect(JSON.stringify(result)).not.toContain(leaked);
    expect(JSON.stringify(result)).not.toContain(token.slice(4));
    expect(result.notes?.some((n) => /history: 3 commits/.test(n))).toBe(true);
  });

  it('reads packfiles with delta chains the same way', async () => {
    const packed = repoWithRemovedSecret();
    git(packed, 'repack', '-a', '-d', '-f', '-q', '--window=50', '--depth=50');
    git(packed, 'prune-packed');
    const objects = path.join(packed, '.git', 'objects');
    expect(readdirSync(objects).filter((d) => /^[0-9a-f]{2}$/.test(d) && readdirSync(path.join(objects, d)).length > 0)).toEqual([]);
    const idx = readdirSync(path.join(objects, 'pack')).find((f) => f.endsWith('.idx'))!;
    expect(git(packed, 'verify-pack', '-v', path.join(objects, 'pack', idx))).toMatch(/chain length = [1-9]/);
    const { findings } = await historyFindings(packed);
    expect(findings.map((f) => f.id)).toEqual(['generic-secret', 'github-token']);
  });

  it('reports a secret still in the working tree once, not again from history', async () => {
    const dir = fakeRepo({ 'app.env': [`API_TOKEN=${leaked}`] });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'one');
    const result = await runCheckOn(check, dir, {}, null, { history: true });
    expect(result.findings.map((f) => [f.id, f.file, f.line])).toEqual([['generic-secret', 'app.env', 1]]);
  });

  it('never runs git: a git on PATH that would leave a mark is not called', async () => {
    const bin = fakeRepo({});
    const marker = path.join(bin, 'git-was-run');
    mkdirSync(path.join(bin, 'bin'));
    writeFileSync(path.join(bin, 'bin', 'git'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(path.join(bin, 'bin', 'git'), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${path.join(bin, 'bin')}:${saved}`;
    try {
      expect((await historyFindings(loose)).findings).toHaveLength(2);
    } finally {
      process.env.PATH = saved;
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('survives a corrupt object database', async () => {
    const dir = repoWithRemovedSecret();
    const objects = path.join(dir, '.git', 'objects');
    for (const d of readdirSync(objects).filter((x) => /^[0-9a-f]{2}$/.test(x))) {
      for (const f of readdirSync(path.join(objects, d))) writeFileSync(path.join(objects, d, f), 'not zlib');
    }
    mkdirSync(path.join(objects, 'pack'), { recursive: true });
    writeFileSync(path.join(objects, 'pack', 'pack-bad.idx'), Buffer.alloc(40, 0xff));
    writeFileSync(path.join(objects, 'pack', 'pack-bad.pack'), 'PACK');
    const result = await runCheckOn(check, dir, {}, null, { history: true });
    expect(result.status).toBe('pass');
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies deltas only within bounds', () => {
    const base = Buffer.from('hello world');
    // base size 11, result size 5, copy offset 6 length 5 → "world"
    expect(applyDelta(base, Buffer.from([11, 5, 0x91, 6, 5]), 1024)?.toString()).toBe('world');
    expect(applyDelta(base, Buffer.from([11, 5, 0x91, 9, 5]), 1024)).toBeNull(); // reads past the base
    expect(applyDelta(base, Buffer.from([11, 5, 0x91]), 1024)).toBeNull(); // truncated
    expect(applyDelta(base, Buffer.from([12, 5, 0x91, 6, 5]), 1024)).toBeNull(); // wrong base size
  });
});
