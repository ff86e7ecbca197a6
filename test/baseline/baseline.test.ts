/**
 * `mina baseline` and the baseline applied by `mina check`: fingerprints survive line shifts, new
 * or changed lines are new findings, the gate ignores baselined ones, and a hostile baseline file
 * is ignored with a warning.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { put, tempTree } from '../hostile/corpus.js';
import { BIN } from '../hostile/run-json.js';
import { fingerprint } from '../../src/baseline/fingerprint.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function mina(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  const report = args[0] === 'check' && r.stdout.trim() ? JSON.parse(r.stdout) : null;
  const findings: string[] = report ? report.checks.flatMap((c: { id: string; findings: Array<{ file?: string; line?: number }> }) => c.findings.map((f) => `${c.id} ${f.file}:${f.line}`)) : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, report, findings };
}
const check = (dir: string, ...extra: string[]) => mina('check', dir, '--format', 'json', '--offline', '--no-history', '--fail-on', 'low', ...extra);

describe('fingerprints', () => {
  const f = { id: 'no-user', message: 'runs as root, 3 layers', file: 'Dockerfile', line: 4, severity: 'high' as const };
  it('depend on the line content, not its number, and ignore whitespace changes', () => {
    expect(fingerprint('c', { ...f, line: 40 }, 'USER  root ')).toBe(fingerprint('c', f, 'USER root'));
    expect(fingerprint('c', f, 'USER admin')).not.toBe(fingerprint('c', f, 'USER root'));
    expect(fingerprint('other', f, 'USER root')).not.toBe(fingerprint('c', f, 'USER root'));
    expect(fingerprint('c', { ...f, file: 'b/Dockerfile' }, 'USER root')).not.toBe(fingerprint('c', f, 'USER root'));
  });
  it('for findings without a line, depend on the message with numbers blanked', () => {
    const g = { id: 'missing', message: 'no runbooks (3 expected)', severity: 'low' as const };
    expect(fingerprint('c', g, null)).toBe(fingerprint('c', { ...g, message: 'no runbooks (4 expected)' }, null));
    expect(fingerprint('c', g, null)).not.toBe(fingerprint('c', { ...g, message: 'no alerts (3 expected)' }, null));
  });
});

describe('mina baseline, then mina check', () => {
  it('accepts every current finding; a moved line stays accepted; a new one fails the gate', () => {
    const dir = tempTree('baseline');
    made.push(dir);
    put(dir, 'Dockerfile', 'FROM node:latest\nCOPY . .\nCMD ["node", "a.js"]\n');
    expect(check(dir).code).toBe(1);
    const b = mina('baseline', dir, '--offline');
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/baseline written: \d+ findings/);
    const saved = JSON.parse(readFileSync(path.join(dir, '.mina/baseline.json'), 'utf8'));
    expect(saved.version).toBe(1);
    expect(JSON.stringify(saved)).not.toContain('node:latest');

    const clean = check(dir);
    expect(clean.code).toBe(0);
    expect(clean.findings).toEqual([]);
    expect(clean.report.warnings[0]).toMatch(/baseline \.mina\/baseline\.json: \d+ baselined findings not listed, 0 remain/);

    put(dir, 'Dockerfile', '# shifted\n\nFROM node:latest\nCOPY . .\nUSER root\nCMD ["node", "a.js"]\n');
    const moved = check(dir);
    expect(moved.findings).toEqual(['container.dockerfile Dockerfile:5']);
    expect(moved.code).toBe(1);
    expect(moved.report.warnings[0]).toMatch(/, 1 remain$/);

    const all = check(dir, '--no-baseline');
    expect(all.findings.length).toBeGreaterThan(moved.findings.length);
    expect(all.report.score).toBe(moved.report.score);
  }, 180_000);

  it('a baseline that is garbage or a symlink is ignored with a warning, never a crash', () => {
    const dir = tempTree('baseline-bad');
    made.push(dir);
    put(dir, 'Dockerfile', 'FROM node:latest\n');
    put(dir, '.mina/baseline.json', '{"version": 1, "findings": [1, 2');
    const garbage = check(dir);
    expect(garbage.code).toBe(1);
    expect(garbage.report.warnings.some((w: string) => /baseline\.json could not be read/.test(w))).toBe(true);
    rmSync(path.join(dir, '.mina/baseline.json'));
    const elsewhere = tempTree('baseline-elsewhere');
    made.push(elsewhere);
    put(elsewhere, 'b.json', JSON.stringify({ version: 1, createdAt: '', findings: {} }));
    symlinkSync(path.join(elsewhere, 'b.json'), path.join(dir, '.mina/baseline.json'));
    const linked = check(dir);
    expect(linked.report.warnings.some((w: string) => /not a plain file; ignored/.test(w))).toBe(true);
    // writing replaces the link itself, never the file it points to
    expect(mina('baseline', dir, '--offline').code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(elsewhere, 'b.json'), 'utf8')).findings).toEqual({});
  }, 180_000);
});
