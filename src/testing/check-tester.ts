/**
 * Table-driven tests for one check over fixture folders, in the manner of ESLint's RuleTester:
 * `valid` cases must pass with no findings, `invalid` cases must produce exactly the listed findings
 * (by id, file and line), `notApplicable` cases must not apply. Malformed tables are rejected.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Check, type RunSettings, type Severity, type Status } from '../engine/check-api.js';
import { RepoContext } from '../context/repo-context.js';
import { DEFAULT_IGNORES } from '../context/walk.js';
import { runOne, type CheckResult } from '../engine/run-checks.js';
import { ajv } from '../config/schemas.js';

export interface ExpectedFinding {
  id: string;
  file?: string;
  line?: number;
  severity?: Severity;
}

export interface TesterCase {
  /** Run settings for this case (tests default to offline). */
  settings?: Partial<RunSettings>;
  /** Folder under the tester's fixtures directory (or absolute). */
  fixture: string;
  name?: string;
  options?: Record<string, unknown>;
  /** Exact score, or [min, max]. */
  score?: number | [number, number];
  status?: Status;
  findings?: ExpectedFinding[];
}

export interface TesterTable {
  valid?: TesterCase[];
  invalid?: TesterCase[];
  notApplicable?: TesterCase[];
}

export async function runCheckOn(
  check: Check,
  dir: string,
  options: Record<string, unknown> = {},
  url: string | null = null,
  settings: Partial<RunSettings> = {},
): Promise<CheckResult> {
  const opts = structuredClone(options);
  if (check.meta.optionsSchema) {
    const validate = ajv.compile(check.meta.optionsSchema);
    if (!validate(opts)) throw new Error(`options do not match ${check.meta.id}'s schema: ${ajv.errorsText(validate.errors)}`);
  }
  const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  return runOne(
    { check, id: check.meta.id, category: check.meta.category, weight: 1, severity: check.meta.severity, options: opts, timeoutMs: 30_000, skipReason: null, readmePath: null },
    repo,
    url,
    { ...DEFAULT_SETTINGS, offline: true, ...settings },
  );
}

export class CheckTester {
  constructor(
    private readonly check: Check,
    private readonly fixturesDir: string,
  ) {}

  run(table: TesterTable): void {
    const { check } = this;
    const cases = this.validate(table);
    describe(check.meta.id, () => {
      for (const { kind, c, dir } of cases) {
        if (kind === 'valid') {
          it(`valid: ${c.name ?? c.fixture}`, async () => {
            const result = await runCheckOn(check, dir, c.options, null, c.settings);
            expect(result.reason, 'check errored or did not apply').toBeUndefined();
            expect(result.findings.map(brief)).toEqual([]);
            expect(result.status).toBe(c.status ?? 'pass');
            if (c.score !== undefined) expectScore(result.score, c.score);
          });
        } else if (kind === 'invalid') {
          it(`invalid: ${c.name ?? c.fixture}`, async () => {
            const result = await runCheckOn(check, dir, c.options, null, c.settings);
            expect(result.status, result.reason).not.toBe('error');
            const actual = result.findings.map(brief).sort(byKey);
            const expected = c.findings!.map((f) => ({ id: f.id, file: f.file, line: f.line })).sort(byKey);
            expect(actual).toEqual(expected);
            for (const f of c.findings!) {
              if (f.severity) expect(result.findings.find((r) => r.id === f.id && r.file === f.file && r.line === f.line)?.severity).toBe(f.severity);
            }
            if (c.status) expect(result.status).toBe(c.status);
            else expect(result.status).not.toBe('pass');
            if (c.score !== undefined) expectScore(result.score, c.score);
          });
        } else {
          it(`not applicable: ${c.name ?? c.fixture}`, async () => {
            const result = await runCheckOn(check, dir, c.options, null, c.settings);
            expect(result.status).toBe('not-applicable');
          });
        }
      }
    });
  }

  /** Rejects a malformed table before any test runs, as RuleTester does. */
  validate(table: TesterTable): { kind: 'valid' | 'invalid' | 'notApplicable'; c: TesterCase; dir: string }[] {
    const seen = new Set<string>();
    const out: { kind: 'valid' | 'invalid' | 'notApplicable'; c: TesterCase; dir: string }[] = [];
    for (const kind of ['valid', 'invalid', 'notApplicable'] as const) {
      for (const c of table[kind] ?? []) {
        const dir = path.isAbsolute(c.fixture) ? c.fixture : path.join(this.fixturesDir, c.fixture);
        const key = `${dir}\0${JSON.stringify(c.options ?? {})}\0${JSON.stringify(c.settings ?? {})}`;
        if (seen.has(key)) throw new Error(`CheckTester: duplicate case ${c.fixture}`);
        seen.add(key);
        if (!existsSync(dir)) throw new Error(`CheckTester: fixture folder ${dir} does not exist`);
        if (kind === 'invalid' && !c.findings?.length) throw new Error(`CheckTester: invalid case ${c.fixture} must list the findings it expects`);
        if (kind === 'valid' && c.findings?.length) throw new Error(`CheckTester: valid case ${c.fixture} cannot expect findings`);
        out.push({ kind, c, dir });
      }
    }
    if (out.length === 0) throw new Error('CheckTester: the table has no cases');
    return out;
  }
}

function brief(f: { id: string; file?: string; line?: number }) {
  return { id: f.id, file: f.file, line: f.line };
}

function byKey(a: ExpectedFinding, b: ExpectedFinding): number {
  return `${a.file}:${String(a.line).padStart(8)}:${a.id}`.localeCompare(`${b.file}:${String(b.line).padStart(8)}:${b.id}`);
}

function expectScore(actual: number, expected: number | [number, number]): void {
  if (Array.isArray(expected)) {
    expect(actual).toBeGreaterThanOrEqual(expected[0]);
    expect(actual).toBeLessThanOrEqual(expected[1]);
  } else {
    expect(actual).toBeCloseTo(expected, 3);
  }
}
