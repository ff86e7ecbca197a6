/**
 * mina never executes the repository it scans. A tree plants every trap that would run if something
 * installed, tested, imported or ran git in it: package.json lifecycle scripts, git hooks, a
 * fsmonitor and a diff driver in .git/config, conftest.py, setup.py, sitecustomize.py, a Makefile.
 * Each trap writes a marker file outside the tree; after every mina command, no marker may exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { put, tempTree } from './corpus.js';
import { BIN } from './run-json.js';

let root: string;
let markers: string;
const made: string[] = [];

function plant(dir: string, markerDir: string): void {
  const touch = (name: string) => `touch '${path.join(markerDir, name)}'`;
  const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'pretest', 'test', 'prestart', 'start', 'build', 'lint'];
  put(dir, 'package.json', JSON.stringify({ name: 'trap', version: '1.0.0', scripts: Object.fromEntries(lifecycle.map((s) => [s, touch(`npm-${s}`)])), dependencies: { express: '4.17.1' } }, null, 2));
  put(dir, 'conftest.py', `import pathlib\npathlib.Path(${JSON.stringify(path.join(markerDir, 'conftest'))}).touch()\n`);
  put(dir, 'setup.py', `import pathlib\npathlib.Path(${JSON.stringify(path.join(markerDir, 'setup-py'))}).touch()\n`);
  put(dir, 'sitecustomize.py', `import pathlib\npathlib.Path(${JSON.stringify(path.join(markerDir, 'sitecustomize'))}).touch()\n`);
  put(dir, 'tests/test_app.py', `import pathlib\npathlib.Path(${JSON.stringify(path.join(markerDir, 'pytest'))}).touch()\ndef test_x():\n    assert True\n`);
  put(dir, 'Makefile', `all:\n\t${touch('make')}\n`);
  put(dir, 'app.js', "const express = require('express');\nconst app = express();\napp.listen(3000);\n");
  const git = spawnSync('git', ['init', '-q', dir], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr}`);
  const hooks = ['pre-commit', 'post-checkout', 'post-merge', 'pre-push', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman', 'pre-auto-gc'];
  for (const h of hooks) {
    put(dir, `.git/hooks/${h}`, `#!/bin/sh\n${touch(`hook-${h}`)}\n`);
    chmodSync(path.join(dir, '.git/hooks', h), 0o755);
  }
  put(dir, '.git/fsmonitor.sh', `#!/bin/sh\n${touch('fsmonitor')}\n`);
  put(dir, '.git/diff.sh', `#!/bin/sh\n${touch('diff-driver')}\n`);
  chmodSync(path.join(dir, '.git/fsmonitor.sh'), 0o755);
  chmodSync(path.join(dir, '.git/diff.sh'), 0o755);
  const cfg = (k: string, v: string) => spawnSync('git', ['-C', dir, 'config', k, v]);
  cfg('core.fsmonitor', path.join(dir, '.git/fsmonitor.sh'));
  cfg('diff.trap.command', path.join(dir, '.git/diff.sh'));
  cfg('diff.trap.textconv', path.join(dir, '.git/diff.sh'));
  cfg('core.pager', `${touch('pager')}; cat`);
  put(dir, '.gitattributes', '* diff=trap\n');
  // a first commit made with hooks and config disabled, so that history commands have something to read
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const safe = ['-C', dir, '-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor='];
  spawnSync('git', [...safe, 'add', '-A'], { env });
  const commit = spawnSync('git', [...safe, 'commit', '-q', '--no-verify', '-m', 'trap'], { env, encoding: 'utf8' });
  if (commit.status !== 0) throw new Error(`git commit failed: ${commit.stderr}`);
  put(dir, 'app.js', "const express = require('express');\nconst app = express();\napp.listen(3001);\n");
}

function firedMarkers(): string[] {
  return readdirSync(markers);
}

beforeAll(() => {
  root = tempTree('traps');
  markers = tempTree('markers');
  made.push(root, markers);
  plant(root, markers);
  // planting itself must not have fired anything, or the test could not tell mina apart
  expect(firedMarkers()).toEqual([]);
}, 60_000);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function mina(args: string[], cwd = root) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    // no GitHub token: publish must stop before the network, not reach it
    env: { ...process.env, NO_COLOR: '1', GITHUB_TOKEN: '', GITHUB_ACTIONS: '', MINA_ADVISORY_DB: '' },
  });
}

describe('no command executes the scanned repository', () => {
  const commands: Array<[string, () => string[]]> = [
    ['check (JSON)', () => ['check', root, '--format', 'json', '--offline']],
    ['check with git history', () => ['check', root, '--history', '--offline', '--format', 'sarif']],
    ['check --since HEAD', () => ['check', root, '--since', 'HEAD', '--offline', '--format', 'json']],
    ['check, every format', () => ['check', root, '--offline', '--format', 'markdown']],
    ['report', () => ['report', root, '--offline', '--fresh']],
    ['report (HTML)', () => ['report', root, '--offline', '--format', 'html', '-o', path.join(markers, '..', `report-${process.pid}.html`)]],
    ['checks', () => ['checks']],
    ['rubric show', () => ['rubric', 'show']],
    ['rubric validate', () => ['rubric', 'validate', path.join(root, 'package.json')]],
    ['publish without a token', () => ['publish', root]],
    ['init --dry-run', () => ['init', root, '--dry-run', '--yes']],
    ['baseline', () => ['baseline', root, '--offline']],
    ['check after the baseline', () => ['check', root, '--offline', '--format', 'json']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: no marker`, () => {
      const r = mina(args());
      expect(r.signal, r.stderr).toBeNull();
      expect(r.status, r.stderr).not.toBe(3);
      expect(firedMarkers()).toEqual([]);
    }, 200_000);
  }

  it('init --yes writes its scaffolds into a copy without running anything', () => {
    const copy = tempTree('traps-copy');
    made.push(copy);
    cpSync(root, copy, { recursive: true });
    const r = mina(['init', copy, '--yes']);
    expect(r.status, r.stderr).not.toBe(3);
    expect(firedMarkers()).toEqual([]);
  }, 200_000);

  it('the traps are live: git itself fires the fsmonitor and diff driver when not disarmed', () => {
    // proves the planted config would execute if mina ran plain git in the target
    spawnSync('git', ['-C', root, 'diff', 'HEAD'], { encoding: 'utf8' });
    const fired = firedMarkers();
    for (const f of fired) rmSync(path.join(markers, f));
    expect(fired).toEqual(expect.arrayContaining(['diff-driver']));
  });
});
