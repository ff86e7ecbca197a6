/**
 * The hostile corpus, end to end through the built CLI: every case must finish with a JSON report,
 * exit 0 or 1 (never 3, never a signal), and name each input it did not read in `inputs.skipped`.
 * Trees are generated in os.tmpdir() at test time; nothing large is committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as corpus from './corpus.js';
import { checkJson, skippedReason, type JsonRun } from './run-json.js';

const made: string[] = [];
const tree = (label: string) => {
  const dir = corpus.tempTree(label);
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) {
    try {
      chmodSync(path.join(d, 'locked'), 0o755);
    } catch {
      // only the permission tree has it
    }
    rmSync(d, { recursive: true, force: true });
  }
}, 180_000);

/** A clean run: a report, an exit code of 0 or 1, and no check errored except for missing advisory data. */
function expectSurvived(run: JsonRun): void {
  expect(run.signal).toBeNull();
  expect([0, 1]).toContain(run.code);
  // deps.vulnerabilities needs advisory data, which an offline test machine does not have
  const errored = run.report.checks.filter((c) => c.status === 'error' && c.id !== 'deps.vulnerabilities');
  expect(errored.map((c) => `${c.id}: ${(c as { reason?: string }).reason}`)).toEqual([]);
}

describe('a tree of odd files, links, encodings, bombs and malformed inputs', () => {
  let run: JsonRun;
  let root: string;
  let binaries: string[];
  let badText: string[];
  beforeAll(() => {
    root = tree('odd');
    corpus.symlinks(root, tree('outside'));
    corpus.sparse(root, 'logs/huge.log', 2 * 1024 ** 3);
    binaries = corpus.binaryAsText(root);
    badText = corpus.badEncodings(root);
    corpus.oddNames(root);
    corpus.bombs(root);
    corpus.malformed(root);
    corpus.regexHostile(root, 100_000);
    run = checkJson(root);
  }, 200_000);

  it('finishes with a report, exit 0 or 1, and no errored check', () => {
    expectSurvived(run);
    expect(run.report.score).not.toBeNull();
  });

  it('names symlink loops, the link to itself and links out of the root as skipped, and never reads outside', () => {
    expect(skippedReason(run, 'loop-a')).toBe('symlink loop');
    expect(skippedReason(run, 'loop-b')).toBe('symlink loop');
    expect(skippedReason(run, 'self')).toMatch(/symlink to a directory/);
    expect(skippedReason(run, 'outside-file.yaml')).toBe('symlink points outside the root');
    expect(skippedReason(run, 'outside-dir')).toBe('symlink points outside the root');
    expect(skippedReason(run, 'dangling.json')).toMatch(/broken symlink/);
    expect(JSON.stringify(run.report)).not.toContain('outside the root\\n');
  });

  it('skips the 2 GB sparse file by size without reading it', () => {
    expect(skippedReason(run, 'logs/huge.log')).toMatch(/larger than the size limit \(2147483648 > /);
  });

  it('names every binary file with a text extension that a check tried to read', () => {
    // each of these names is one some check reads (Python, JS, Dockerfile, Compose, requirements, lockfile, workflow)
    for (const b of binaries) expect(skippedReason(run, b), b).toBe('binary file');
  });

  it('names invalid UTF-16 files, and reads invalid UTF-8 with replacement characters', () => {
    expect(skippedReason(run, badText[0])).toBe('invalid UTF-16LE text');
    expect(skippedReason(run, badText[1])).toBe('invalid UTF-16BE text');
    expect(skippedReason(run, 'enc/latin1.py')).toBeUndefined();
    expect(skippedReason(run, 'enc/good16.py')).toBeUndefined();
  });

  it('counts files with newlines, quotes, tabs, option-like, shell-like and non-UTF-8 names without choking', () => {
    // the report is valid JSON (parsed above) although names carry newlines and quotes
    const named = run.report.inputs.skipped.map((s) => s.path);
    for (const n of corpus.ODD_NAMES) expect(named).not.toContain(n);
    expect(run.report.inputs.files).toBeGreaterThanOrEqual(corpus.ODD_NAMES.length + 1);
  });

  it('reports deeply nested JSON manifests it could not parse instead of overflowing the stack', () => {
    const warnings = (run.report as unknown as { warnings: string[] }).warnings;
    expect(warnings.some((w) => w.startsWith('package.json: could not be parsed'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('package-lock.json: could not be parsed'))).toBe(true);
  });

  it('drops alias-bomb documents with a warning instead of expanding them', () => {
    const warnings = (run.report as unknown as { warnings: string[] }).warnings;
    expect(warnings.some((w) => w.startsWith('k8s/deploy.yaml') && /resource exhaustion|alias/i.test(w))).toBe(true);
  });

  it('skips the oversized hostile lines by size and scans the rest within the time limit', () => {
    // 16 kinds of 100 kB runs: under the 2 MB limit, so every rule with a regex saw them
    expect(skippedReason(run, 'long/app.py')).toBeUndefined();
    expect(run.ms).toBeLessThan(120_000);
  });
});

describe('scale and size', () => {
  it('100,000 tiny files: every one counted, no error', () => {
    const root = tree('many');
    corpus.tinyFiles(root, 100_000);
    const run = checkJson(root);
    expectSurvived(run);
    expect(run.report.inputs.files).toBe(100_000);
    // removed here rather than in afterAll: deleting 100,000 files is most of the hook's time budget
    rmSync(root, { recursive: true, force: true });
  }, 240_000);

  it('a 50 MB single-line minified file under a raised size limit is scanned, not skipped', () => {
    const root = tree('minified');
    corpus.put(root, 'mina.yaml', `limits:\n  maxFileSize: ${64 * 1024 * 1024}\n`);
    corpus.minified(root, 'dist/app.min.js', 50 * 1024 * 1024);
    const run = checkJson(root);
    expectSurvived(run);
    expect(skippedReason(run, 'dist/app.min.js')).toBeUndefined();
    expect(run.report.inputs.files).toBe(2);
  }, 200_000);

  it('the same file under the default limit is named as skipped by size', () => {
    const root = tree('minified-default');
    corpus.minified(root, 'dist/app.min.js', 50 * 1024 * 1024);
    const run = checkJson(root);
    expectSurvived(run);
    expect(skippedReason(run, 'dist/app.min.js')).toMatch(/larger than the size limit/);
  }, 200_000);
});

describe('a directory without read permission', () => {
  // Root reads any directory whatever its mode, so the CLI runs as the unprivileged user `nobody`.
  const asRoot = process.getuid?.() === 0;
  it('is named as an unreadable directory and the rest of the tree is still checked', () => {
    const root = tree('perm');
    corpus.put(root, 'locked/secret.py', 'x = 1\n');
    corpus.put(root, 'open/app.py', 'x = 1\n');
    chmodSync(path.join(root, 'locked'), 0o000);
    const run = checkJson(root, [], asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1', HOME: root } } : {});
    expectSurvived(run);
    expect(skippedReason(run, 'locked')).toMatch(/directory unreadable \(EACCES\)/);
    expect(run.report.inputs.files).toBe(1);
  }, 120_000);
});

describe('a YAML bomb in mina.yaml itself', () => {
  it('is a configuration error (exit 2) with a message, not an internal error', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('./run-json.js');
    const root = tree('config-bomb');
    corpus.put(root, 'mina.yaml', corpus.YAML_BOMB);
    const r = spawnSync(process.execPath, [BIN, 'check', root, '--format', 'json', '--offline', '--no-history'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mina\.yaml/);
  }, 60_000);
});
