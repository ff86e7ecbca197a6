import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync as read } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, mina, ROOT } from './run-mina.js';

const validateReport = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(read(path.join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mina-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function json(args: string[]) {
  const run = mina(['check', ...args, '--format', 'json', '--offline']);
  const report = JSON.parse(run.stdout);
  return { run, report };
}

describe('mina check', () => {
  it('prints a score with one decimal, level, coverage and findings on a real repository', () => {
    const run = mina(['check', fixture('basic-repo')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Score\s+\d+\.\d\/100/);
    expect(run.stdout).toMatch(/coverage \d+(\.\d)?% of the rubric's weight evaluated/);
    expect(run.stdout).toContain('Operational maturity');
    expect(run.stdout).toContain('ops.change-management');
    expect(run.stdout).toContain('fix: add .github/pull_request_template.md');
    expect(run.stdout).not.toMatch(/\u001b\[/); // no colour without a TTY
  });

  // mina's own tree is large (fixtures of every check, the reference service): allow for a loaded CI machine
  it('checks the project itself', { timeout: 300_000 }, () => {
    // offline: tests never reach the internet (the dependency check would ask OSV online)
    const run = mina(['check', '.', '--offline']);
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(/Score\s+\d+\.\d\/100/);
  });

  it('emits JSON that validates against the shipped schema', { timeout: 300_000 }, () => {
    for (const target of [fixture('basic-repo'), fixture('plugin-repo'), ROOT]) {
      const { report } = json([target]);
      const ok = validateReport(report);
      expect(validateReport.errors ?? [], target).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('scores exactly by the contract formula', () => {
    const { report } = json([fixture('basic-repo')]);
    const evaluated = report.checks.filter((c: { status: string }) => c.status !== 'not-applicable' && c.status !== 'skipped');
    const sum = (f: (c: { weight: number; score: number; status: string }) => number) => evaluated.reduce((s: number, c: never) => s + f(c), 0);
    const expected = Math.round((1000 * sum((c) => c.weight * (c.status === 'error' ? 0 : c.score))) / sum((c) => c.weight)) / 10;
    expect(report.score).toBeCloseTo(expected, 1);
    expect(report.target.path).toBe(fixture('basic-repo'));
  });

  it('runs and scores a plugin check from a local file named in mina.yaml, with its options and suppressions', () => {
    const { run, report } = json([fixture('plugin-repo')]);
    expect(run.code).toBe(0);
    const plugin = report.checks.find((c: { id: string }) => c.id === 'acme.todo-free');
    // two markers, one suppressed with a reason: half of the lost score comes back
    expect(plugin).toMatchObject({ status: 'partial', score: 0.5, weight: 4, category: 'acme', suppressed: 1 });
    expect(plugin.findings).toEqual([expect.objectContaining({ id: 'marker', file: 'src/app.py', line: 4, severity: 'medium' })]);
    expect(report.categories.map((c: { id: string }) => c.id)).toContain('acme');
  });

  it('refuses plugins with --no-plugins', () => {
    const { report } = json([fixture('plugin-repo'), '--no-plugins']);
    expect(report.checks.map((c: { id: string }) => c.id)).not.toContain('acme.todo-free');
    expect(report.warnings).toContain('test/fixtures/plugin-repo/mina.yaml: "acme.todo-free" is ignored: plugins were not loaded (--no-plugins)');
  });

  it('turns a throwing check into an error result; the gate fails closed unless --allow-errors', () => {
    const failed = json([fixture('throwing-plugin')]);
    expect(failed.run.code).toBe(1);
    const boom = failed.report.checks.find((c: { id: string }) => c.id === 'acme.boom');
    expect(boom).toMatchObject({ status: 'error', reason: 'boom: unexpected input', score: 0 });
    expect(failed.report.gate.reasons).toContain('check errored: acme.boom');
    expect(mina(['check', fixture('throwing-plugin'), '--allow-errors']).code).toBe(0);
  });

  it('gates on --min-score and --fail-on', () => {
    const low = mina(['check', fixture('basic-repo'), '--min-score', '99']);
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/Gate: FAILED — score \d+\.\d < 99/);
    expect(mina(['check', fixture('basic-repo'), '--fail-on', 'low']).code).toBe(1);
    expect(mina(['check', fixture('basic-repo'), '--fail-on', 'none', '--min-score', '0']).code).toBe(0);
  });

  it('writes the report to --output atomically and says so on stderr', () => {
    const out = path.join(tmp, 'nested', 'report.json');
    const run = mina(['check', fixture('basic-repo'), '--format', 'json', '--output', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`report written to ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
  });
});
