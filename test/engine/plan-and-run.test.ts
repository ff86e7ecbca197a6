import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Volume } from 'memfs';
import { buildPlan } from '../../src/engine/plan.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { shapeProblem, loadBuiltinChecks } from '../../src/engine/registry.js';
import { RepoContext } from '../../src/context/repo-context.js';
import { ConfigError } from '../../src/config/config-error.js';
import type { Check } from '../../src/engine/check-api.js';
import type { EffectiveRubric } from '../../src/rubric/load-rubric.js';
import type { RegisteredCheck } from '../../src/engine/registry.js';
import type { FsLike } from '../../src/context/fs-like.js';

const check = (id: string, over: Partial<Check> = {}, meta: Partial<Check['meta']> = {}): RegisteredCheck => ({
  check: { meta: { id, title: id, category: 'ops', severity: 'high', description: '', ...meta }, run: () => ({ score: 1, findings: [] }), ...over },
  source: 'builtin',
  readmePath: null,
});

const rubric = (over: Partial<EffectiveRubric> = {}): EffectiveRubric => ({
  name: 't',
  version: 1,
  categories: [{ id: 'ops' }, { id: 'security', weight: 30 }],
  checks: {},
  levels: [],
  sources: ['r.yaml'],
  positions: new Map(),
  ...over,
});

async function emptyRepo() {
  const vol = Volume.fromJSON({ 'a.txt': 'x' }, '/r');
  return RepoContext.create('/r', { fs: vol.promises as unknown as FsLike, maxFileSize: 100 });
}

describe('buildPlan', () => {
  it('scales the checks of a weighted category to share its weight', () => {
    const plan = buildPlan(
      rubric({ checks: { 'a.one': { category: 'security', weight: 10 }, 'a.two': { category: 'security', weight: 5 }, 'a.three': { weight: 2 } } }),
      [check('a.one'), check('a.two'), check('a.three')],
      {},
      null,
    );
    expect(plan.checks.map((c) => [c.id, c.weight])).toEqual([['a.one', 20], ['a.two', 10], ['a.three', 2]]);
  });

  it('lets mina.yaml override weight, severity and options, and marks disabled checks skipped', () => {
    const plan = buildPlan(rubric({ checks: { 'a.one': { weight: 3, options: { x: 1 } } } }), [check('a.one')], {
      checks: { 'a.one': { weight: 4, severity: 'low', options: { y: 2 } } },
      disable: ['a.one'],
    }, 'mina.yaml');
    expect(plan.checks[0]).toMatchObject({ weight: 4, severity: 'low', options: { x: 1, y: 2 }, skipReason: 'disabled in mina.yaml' });
  });

  it('validates options against the check schema and applies defaults', () => {
    const schema = { type: 'object', properties: { target: { type: 'number', default: 90 } }, additionalProperties: false };
    const ok = buildPlan(rubric({ checks: { 'a.one': {} } }), [check('a.one', {}, { optionsSchema: schema })], {}, null);
    expect(ok.checks[0].options).toEqual({ target: 90 });
    expect(() => buildPlan(rubric({ checks: { 'a.one': { options: { target: 'high' } } } }), [check('a.one', {}, { optionsSchema: schema })], {}, null)).toThrow(
      /checks\["a\.one"\]\.options\.target must be number/,
    );
  });

  it('rejects unknown ids in checks, levels and mina.yaml, and undeclared categories', () => {
    const r = rubric({
      checks: { 'a.one': {}, 'a.nope': {} },
      levels: [{ id: 'l', title: 'L', requires: ['b.nope'] }],
      positions: new Map([['a.nope', { file: 'r.yaml', line: 4, column: 3 }]]),
    });
    try {
      buildPlan(r, [check('a.one'), check('a.other', {}, { category: 'nowhere' })], { disable: ['c.nope'] }, 'mina.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message.split('\n')).toEqual([
        'r.yaml:4:3: checks "a.nope" is not a known check (did you mean a.one, a.other?)',
        'r.yaml: level l requires "b.nope" is not a known check',
        'mina.yaml: "c.nope" is not a known check',
      ]);
    }
  });
});

describe('runChecks', () => {
  const planFor = (checks: RegisteredCheck[], timeoutMs = 1000) =>
    buildPlan(rubric({ checks: Object.fromEntries(checks.map((c) => [c.check.meta.id, { timeoutMs }])) }), checks, {}, null);

  it('turns throws, malformed outcomes and time-outs into error results', async () => {
    const plan = planFor(
      [
        check('e.throws', { run: () => { throw new Error('kaput'); } }),
        check('e.bad-score', { run: () => ({ score: 2, findings: [] }) }),
        check('e.bad-line', { run: () => ({ score: 0, findings: [{ id: 'x', message: 'm', file: 'a', line: 0 }] }) }),
        check('e.hangs', { run: () => new Promise(() => undefined) }),
        check('e.applies-throws', { applies: () => { throw new Error('bad applies'); } }),
      ],
      50,
    );
    const results = await runChecks(plan, await emptyRepo(), { url: null });
    expect(results.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['e.throws', 'error', 'kaput'],
      ['e.bad-score', 'error', 'check returned a malformed outcome: score 2 is not in [0, 1]'],
      ['e.bad-line', 'error', 'check returned a malformed outcome: finding line 0 is not a 1-based integer'],
      ['e.hangs', 'error', 'timed out after 50 ms'],
      ['e.applies-throws', 'error', 'bad applies'],
    ]);
  });

  it('derives status from the score, honours applies, skips live checks without --url', async () => {
    const plan = planFor([
      check('s.partial', { run: () => ({ score: 0.25, findings: [{ id: 'k', message: 'm' }] }) }),
      check('s.na', { applies: () => ({ applies: false, reason: 'no Dockerfile' }) }),
      check('s.live', {}, { live: true }),
    ]);
    const results = await runChecks(plan, await emptyRepo(), { url: null });
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['partial', undefined],
      ['not-applicable', 'no Dockerfile'],
      ['skipped', 'live check: needs --url'],
    ]);
  });

  it('re-levels finding severities relative to the check default when the rubric changes it', async () => {
    const reg = check('r.sev', { run: () => ({ score: 0, findings: [{ id: 'a', message: 'm' }, { id: 'b', message: 'm', severity: 'low' }] }) }, { severity: 'high' });
    const plan = buildPlan(rubric({ checks: { 'r.sev': { severity: 'critical' } } }), [reg], {}, null);
    const [result] = await runChecks(plan, await emptyRepo(), { url: null });
    expect(result.findings.map((f) => f.severity)).toEqual(['critical', 'medium']);
  });
});

describe('registry', () => {
  it('discovers every built-in check from its folder, id equal to folder name', async () => {
    const ids = (await loadBuiltinChecks()).map((r) => r.check.meta.id);
    expect(ids).toEqual(expect.arrayContaining(['ops.change-management', 'ops.runbooks', 'ops.security-policy']));
  });

  it('names what is wrong with a malformed plugin export', () => {
    expect(shapeProblem(null)).toBe('export is not a check object');
    expect(shapeProblem({ meta: { id: 'NoDot', title: 't', category: 'c', severity: 'high' }, run() {} })).toMatch(/must look like area.name/);
    expect(shapeProblem({ meta: { id: 'a.b', title: 't', category: 'c', severity: 'huge' }, run() {} })).toMatch(/severity/);
    expect(shapeProblem({ meta: { id: 'a.b', title: 't', category: 'c', severity: 'low' } })).toBe('a.b: run must be a function');
  });
});

describe('prepareChecks', () => {
  it('hands each planned check its options before the walk, and ignores a set-up that throws', async () => {
    const { prepareChecks } = await import('../../src/engine/prepare-checks.js');
    const seen: unknown[] = [];
    const plan = buildPlan(
      rubric({ checks: { 'a.one': { options: { n: 1 } }, 'a.two': {}, 'a.off': {} } }),
      [
        check('a.one', { prepare: (o) => void seen.push(o) }),
        check('a.two', {
          prepare: () => {
            throw new Error('no threads here');
          },
        }),
        check('a.off', { prepare: (o) => void seen.push(['off', o]) }),
      ],
      { disable: ['a.off'] },
      'mina.yaml',
    );
    await expect(prepareChecks(plan)).resolves.toBeUndefined();
    expect(seen).toEqual([{ n: 1 }]);
  });

  // a source-only run has no manifest: reported as skipped there, not passed
  it.skipIf(!existsSync('dist/checks/manifest.json'))('is in the built checks manifest for the checks that have it', async () => {
    const registry = await loadBuiltinChecks(new URL('../../dist/checks', import.meta.url).pathname);
    expect(registry.find((r) => r.check.meta.id === 'secrets.hardcoded')?.check.prepare).toBeTypeOf('function');
    expect(registry.find((r) => r.check.meta.id === 'audit.logging')?.check.prepare).toBeUndefined();
  });
});
