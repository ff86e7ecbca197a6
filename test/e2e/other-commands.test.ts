import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, mina, ROOT } from './run-mina.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mina-cmd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('mina --version', () => {
  it('prints the package version', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(mina(['--version']).stdout.trim()).toBe(version);
  });
});

describe('mina checks', () => {
  it('lists id, category, severity and weight from the effective rubric', () => {
    const r = mina(['checks']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+CATEGORY\s+SEVERITY\s+WEIGHT$/);
    expect(r.stdout).toMatch(/ops\.runbooks\s+ops\s+medium\s+3/);
  });

  it('explains one check with its README', () => {
    const r = mina(['checks', 'ops.runbooks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ops.runbooks — Runbooks for deploy, rollback, restore and alerts');
    expect(r.stdout).toContain('## How to fix');
  });

  it('an unknown id is a usage error', () => {
    expect(mina(['checks', 'nope.nope']).code).toBe(2);
  });

  it('shows the weights of the rubric mina.yaml names in the current directory', () => {
    const dir = path.join(tmp, 'weights');
    mina(['rubric', 'init', path.join(dir, 'r.yaml')]);
    writeFileSync(path.join(dir, 'r.yaml'), 'extends: default\nchecks:\n  ops.runbooks:\n    weight: 7\n');
    writeFileSync(path.join(dir, 'mina.yaml'), 'rubric: ./r.yaml\n');
    expect(mina(['checks'], { cwd: dir }).stdout).toMatch(/ops\.runbooks\s+ops\s+medium\s+7/);
  });
});

describe('mina rubric', () => {
  it('validates the bundled default rubric', () => {
    const r = mina(['rubric', 'validate', path.join(ROOT, 'rubrics', 'default.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid rubric "default" v1 — \d+ checks/);
  });

  it('rejects an invalid rubric with line-numbered errors', () => {
    const r = mina(['rubric', 'validate', fixture('bad-config', 'wrong-type', 'rubric.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':7:13: categories[2].weight must be a number');
  });

  it('shows the effective rubric after extends', () => {
    const file = path.join(tmp, 'child.yaml');
    writeFileSync(file, 'name: child\nextends: default\ngate:\n  minScore: 75\nchecks:\n  ops.runbooks:\n    weight: 9\n');
    const r = mina(['rubric', 'show', file]);
    expect(r.code).toBe(0);
    const shown = parse(r.stdout);
    expect(shown.name).toBe('child');
    expect(shown.gate).toEqual({ failOn: 'critical', minScore: 75 });
    expect(shown.checks['ops.runbooks'].weight).toBe(9);
    expect(shown.checks['ops.security-policy']).toBeDefined();
    expect(shown.levels.map((l: { id: string }) => l.id)).toEqual(['phase-1', 'phase-2', 'phase-3', 'phase-4']);
  });

  it('init writes a starter rubric that validates, and never overwrites without --force', () => {
    const file = path.join(tmp, 'starter', 'rubric.yaml');
    expect(mina(['rubric', 'init', file]).code).toBe(0);
    expect(mina(['rubric', 'validate', file]).code).toBe(0);
    writeFileSync(file, '# mine\nextends: default\n');
    const again = mina(['rubric', 'init', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('use --force');
    expect(readFileSync(file, 'utf8')).toBe('# mine\nextends: default\n');
    expect(mina(['rubric', 'init', file, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('extends: default');
  });
});
