import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { promises as nodeFs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Volume } from 'memfs';
import { walk, DEFAULT_IGNORES } from '../../src/context/walk.js';
import type { FsLike } from '../../src/context/fs-like.js';

const memfs = (files: Record<string, string>) => {
  const vol = Volume.fromJSON(files, '/repo');
  return { vol, fs: vol.promises as unknown as FsLike };
};
const paths = (r: { files: { path: string }[] }) => r.files.map((f) => f.path);

describe('walk (memfs)', () => {
  it('lists files with sizes, sorted, and skips the default ignores', async () => {
    const { fs } = memfs({ 'b.txt': 'bb', 'a/c.py': 'print(1)', '.git/HEAD': 'ref', 'node_modules/x/index.js': '' });
    const r = await walk('/repo', { fs, ignore: DEFAULT_IGNORES, maxFileSize: 100 });
    expect(paths(r)).toEqual(['a/c.py', 'b.txt']);
    expect(r.files.find((f) => f.path === 'b.txt')?.size).toBe(2);
  });

  it('honours nested .gitignore files, including re-includes', async () => {
    const { fs } = memfs({
      '.gitignore': 'dist/\n*.log\n',
      'dist/app.js': '',
      'keep.log': '',
      'src/.gitignore': '!important.log\ngenerated/\n',
      'src/important.log': '',
      'src/other.log': '',
      'src/generated/x.ts': '',
      'src/main.ts': '',
    });
    const r = await walk('/repo', { fs, ignore: DEFAULT_IGNORES, maxFileSize: 100 });
    expect(paths(r)).toEqual(['.gitignore', 'src/.gitignore', 'src/important.log', 'src/main.ts']);
  });

  it('applies extra ignore patterns relative to a base above the root', async () => {
    const { fs } = memfs({ 'build/x.js': '', 'src/y.js': '' });
    const r = await walk('/repo', { fs, ignore: ['packages/api/build/'], ignoreBase: 'packages/api', maxFileSize: 100 });
    expect(paths(r)).toEqual(['src/y.js']);
  });

  it('records files over the size limit instead of indexing them', async () => {
    const { fs } = memfs({ 'big.json': 'x'.repeat(101), 'small.json': '{}' });
    const r = await walk('/repo', { fs, maxFileSize: 100 });
    expect(paths(r)).toEqual(['small.json']);
    expect(r.skipped).toEqual([{ path: 'big.json', reason: expect.stringContaining('size limit') }]);
  });

  it('never follows a symlink out of the root and survives loops', async () => {
    const { vol, fs } = memfs({ 'a.txt': 'a', '/outside/secret.txt': 's' });
    vol.symlinkSync('/outside/secret.txt', '/repo/escape.txt');
    vol.symlinkSync('/repo/loop2', '/repo/loop1');
    vol.symlinkSync('/repo/loop1', '/repo/loop2');
    vol.symlinkSync('/repo/a.txt', '/repo/alias.txt');
    const r = await walk('/repo', { fs, maxFileSize: 100 });
    expect(paths(r)).toEqual(['a.txt', 'alias.txt']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['escape.txt']).toBe('symlink points outside the root');
    expect(reasons['loop1']).toMatch(/loop|broken/);
    expect(reasons['loop2']).toMatch(/loop|broken/);
  });

  it('records unreadable directories and files and goes on', async () => {
    const { fs } = memfs({ 'ok.txt': '', 'locked/x.txt': '', 'nope.txt': '' });
    const denied = (p: unknown) => String(p).includes('locked') || String(p).endsWith('nope.txt');
    const eacces = () => Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const failing: FsLike = {
      ...fs,
      readdir: ((p: string, o: never) => (denied(p) ? Promise.reject(eacces()) : fs.readdir(p, o))) as FsLike['readdir'],
      lstat: (p) => (denied(p) ? Promise.reject(eacces()) : fs.lstat(p)),
      stat: fs.stat.bind(fs),
      realpath: fs.realpath.bind(fs),
      readFile: fs.readFile.bind(fs),
    };
    const r = await walk('/repo', { fs: failing, maxFileSize: 100 });
    expect(paths(r)).toEqual(['ok.txt']);
    expect(r.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['locked', 'directory unreadable (EACCES)'],
      ['nope.txt', 'unreadable (EACCES)'],
    ]);
  });
});

describe('walk (real file system)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-walk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps files whose names are not valid UTF-8 readable', async () => {
    const root = path.join(dir, 'names');
    mkdirSync(root);
    const raw = Buffer.concat([Buffer.from(root + '/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(raw, 'latin-1 name');
    writeFileSync(path.join(root, 'new\nline "quoted".txt'), 'odd name');
    const r = await walk(root, { maxFileSize: 1000 });
    expect(r.files).toHaveLength(2);
    const latin = r.files.find((f) => f.path.startsWith('caf'))!;
    expect(latin.path).toBe('caf\uFFFD.txt');
    expect((await nodeFs.readFile(latin.abs)).toString()).toBe('latin-1 name');
  });

  it('does not follow symlinked directories (no loop can recurse)', async () => {
    const root = path.join(dir, 'loops');
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'sub', 'f.txt'), 'x');
    symlinkSync(root, path.join(root, 'sub', 'back'));
    symlinkSync('/etc', path.join(root, 'etc'));
    const r = await walk(root, { maxFileSize: 1000 });
    expect(paths(r)).toEqual(['sub/f.txt']);
    expect(r.skipped.map((s) => s.reason).sort()).toEqual(['symlink points outside the root', 'symlink to a directory (not followed)']);
  });
});
