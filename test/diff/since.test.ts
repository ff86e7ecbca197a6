/**
 * `mina check --since REF`: findings only on lines changed since REF (committed, uncommitted and
 * untracked), the whole-repository score, a severity gate over the new findings only, and git run
 * so that the target's own config (fsmonitor, diff drivers, textconv, pager) never executes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { put, tempTree } from '../hostile/corpus.js';
import { BIN } from '../hostile/run-json.js';
import { parseUnifiedDiff } from '../../src/diff/changed-lines.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', ['-C', dir, '-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=', ...args], { env: GIT_ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** A repository whose first commit has a Dockerfile with `FROM node:latest` on line 1. */
function repo(): string {
  const dir = tempTree('since');
  made.push(dir);
  git(dir, 'init', '-q');
  put(dir, 'Dockerfile', 'FROM node:latest\nCOPY . .\nCMD ["node", "a.js"]\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

function check(dir: string, ...extra: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'check', dir, '--format', 'json', '--offline', '--no-history', ...extra], { encoding: 'utf8', timeout: 120_000 });
  const report = r.stdout.trim() ? JSON.parse(r.stdout) : null;
  const findings: string[] = report ? report.checks.flatMap((c: { id: string; findings: Array<{ file?: string; line?: number }> }) => c.findings.map((f) => `${c.id} ${f.file}:${f.line}`)) : [];
  return { code: r.status, stderr: r.stderr, report, findings };
}

describe('parseUnifiedDiff', () => {
  it('reads new-side ranges, omitted counts, pure deletions, deleted files and C-quoted names', () => {
    const diff = [
      'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,0 +2,3 @@', '+a', '@@ -10 +12 @@', '@@ -20,2 +22,0 @@',
      '--- a/gone', '+++ /dev/null', '@@ -1,5 +0,0 @@',
      '--- a/"q', '+++ "b/we\\"ird\\nname\\303\\251.py"', '@@ -0,0 +1 @@',
    ].join('\n');
    const m = parseUnifiedDiff(diff);
    expect(m.get('x')).toEqual([[2, 4], [12, 12]]);
    expect(m.has('gone')).toBe(false);
    expect(m.get('we"ird\nnameé.py')).toEqual([[1, 1]]);
  });
});

describe('mina check --since', () => {
  it('lists only findings on changed lines, uncommitted included, and keeps the whole-repository score', () => {
    const dir = repo();
    put(dir, 'Dockerfile', 'FROM node:latest\nCOPY . .\nUSER root\nCMD ["node", "a.js"]\n');
    const full = check(dir);
    const since = check(dir, '--since', 'HEAD');
    expect(full.findings).toContain('deps.pinned Dockerfile:1');
    expect(since.findings).toContain('container.dockerfile Dockerfile:3');
    expect(since.findings.every((f) => f.endsWith('Dockerfile:3'))).toBe(true);
    expect(since.report.score).toBe(full.report.score);
    expect(since.report.warnings[0]).toMatch(/^--since HEAD: only findings on lines changed since HEAD/);
  }, 120_000);

  it('the gate fails only on new findings at or above --fail-on', () => {
    const dir = repo();
    put(dir, 'Dockerfile', 'FROM node:latest\nCOPY . .\nUSER root\nCMD ["node", "a.js"]\n');
    git(dir, 'commit', '-q', '-am', 'root');
    // the new line only adds a low finding (the apt cache); USER root (high) is old
    put(dir, 'Dockerfile', 'FROM node:latest\nCOPY . .\nUSER root\nRUN apt-get update && apt-get install -y curl\nCMD ["node", "a.js"]\n');
    expect(check(dir, '--fail-on', 'high').code).toBe(1);
    const since = check(dir, '--fail-on', 'high', '--since', 'HEAD');
    expect(since.code).toBe(0);
    expect(since.findings).toEqual(expect.arrayContaining(['container.dockerfile Dockerfile:4']));
    expect(check(dir, '--fail-on', 'low', '--since', 'HEAD').code).toBe(1);
  }, 120_000);

  it('untracked files count as new throughout, and paths are relative to a checked sub-folder', () => {
    const dir = repo();
    put(dir, 'svc/Dockerfile', 'FROM python:latest\nUSER root\n');
    const since = check(path.join(dir, 'svc'), '--since', 'HEAD');
    expect(since.findings).toEqual(expect.arrayContaining(['container.dockerfile Dockerfile:2']));
  }, 120_000);

  it('a ref that is unknown or looks like an option is a usage error (exit 2), and writes nothing', () => {
    const dir = repo();
    const unknown = check(dir, '--since', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--since no-such-branch/);
    const out = path.join(dir, 'written-by-git');
    const option = check(dir, `--since=--output=${out}`);
    expect(option.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const outside = tempTree('not-git');
    made.push(outside);
    expect(check(outside, '--since', 'HEAD').code).toBe(2);
  }, 120_000);

  it("never runs the target's fsmonitor, diff driver, textconv or pager", () => {
    const dir = repo();
    const markers = tempTree('since-markers');
    made.push(markers);
    put(dir, '.git/trap.sh', `#!/bin/sh\ntouch '${markers}'/"$(basename "$0")-$$"\n`);
    chmodSync(path.join(dir, '.git/trap.sh'), 0o755);
    const trap = path.join(dir, '.git/trap.sh');
    for (const [k, v] of [['core.fsmonitor', trap], ['diff.trap.command', trap], ['diff.trap.textconv', trap], ['core.pager', trap], ['diff.external', trap]]) git(dir, 'config', k, v);
    put(dir, '.gitattributes', '* diff=trap\n');
    put(dir, 'Dockerfile', 'FROM node:latest\nUSER root\n');
    const since = check(dir, '--since', 'HEAD');
    expect(since.code, since.stderr).not.toBe(2);
    expect(since.findings).toContain('container.dockerfile Dockerfile:2');
    expect(readdirSync(markers)).toEqual([]);
    // the traps are live: plain git runs them
    spawnSync('git', ['-C', dir, 'diff', 'HEAD'], { encoding: 'utf8' });
    expect(readdirSync(markers).length).toBeGreaterThan(0);
  }, 120_000);
});
