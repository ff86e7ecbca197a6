/**
 * The unified diff the plan shows, and the overlay file system the prediction runs on: the real
 * tree with planned files laid over it, walked by the same RepoContext the checks use.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/init/diff.js';
import { overlayFs } from '../../src/init/overlay-fs.js';
import { RepoContext } from '../../src/context/repo-context.js';
import { emptyTempDir } from './helpers.js';

describe('unifiedDiff', () => {
  it('shows changed lines with three lines of context and correct ranges, one hunk per distant change', () => {
    const lines = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const a = lines.join('\n') + '\n';
    const b = [...lines.slice(0, 4), 'five', ...lines.slice(5), '21'].join('\n') + '\n';
    expect(unifiedDiff(a, b, 'a/f', 'b/f')).toBe('--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -18,3 +18,4 @@\n 18\n 19\n 20\n+21\n');
    // changes six or fewer lines apart share a hunk, as with diff -u
    const near = [...lines.slice(0, 4), 'five', ...lines.slice(5, 10), 'eleven', ...lines.slice(11)].join('\n') + '\n';
    expect(unifiedDiff(a, near, 'a', 'b').match(/^@@/gm)).toHaveLength(1);
  });
  it('is empty for equal texts and handles empty files', () => {
    expect(unifiedDiff('x\n', 'x\n', 'a', 'b')).toBe('');
    expect(unifiedDiff('', 'a\nb\n', 'a', 'b')).toBe('--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
  it('stays fast on large rewrites', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `old ${i}`).join('\n');
    const b = Array.from({ length: 5000 }, (_, i) => `new ${i}`).join('\n');
    const started = performance.now();
    expect(unifiedDiff(a, b, 'a', 'b').split('\n').filter((l) => l.startsWith('-old')).length).toBe(5000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('overlayFs', () => {
  it('shows planned files beside real ones, replacing same-named ones, in new directories too', async () => {
    const dir = emptyTempDir();
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'a.md'), 'real a');
    writeFileSync(path.join(dir, 'README.md'), 'real readme');
    const fs = overlayFs(dir, new Map([['README.md', 'planned readme'], ['docs/b.md', 'planned b'], ['.github/workflows/ci.yml', 'on: push\n']]));
    const repo = await RepoContext.create(dir, { fs, ignore: [], maxFileSize: 1024 * 1024 });
    expect(repo.files.map((f) => f.path).sort()).toEqual(['.github/workflows/ci.yml', 'README.md', 'docs/a.md', 'docs/b.md']);
    expect(await repo.text('README.md')).toBe('planned readme');
    expect(await repo.text('docs/a.md')).toBe('real a');
    expect(await repo.text('.github/workflows/ci.yml')).toBe('on: push\n');
  });
});
