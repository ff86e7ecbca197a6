import { describe, expect, it } from 'vitest';
import { categoryScores, coverage, overallScore } from '../../src/scoring/score.js';
import { evaluateGate } from '../../src/scoring/gate.js';
import { reachedLevel } from '../../src/scoring/levels.js';
import type { Status } from '../../src/engine/check-api.js';

const c = (category: string, weight: number, status: Status, score: number) => ({ category, weight, status, score });

describe('overall score (cli.md formula)', () => {
  it('is 100 × Σ(w×s)/Σw over evaluated checks, one decimal', () => {
    expect(overallScore([c('a', 10, 'pass', 1), c('a', 5, 'partial', 0.5), c('b', 3, 'fail', 0)])).toBe(69.4);
  });
  it('leaves not-applicable and skipped out of the denominator', () => {
    expect(overallScore([c('a', 10, 'pass', 1), c('a', 90, 'not-applicable', 0), c('a', 50, 'skipped', 0)])).toBe(100);
  });
  it('scores an error as 0 whatever score it carries', () => {
    expect(overallScore([c('a', 1, 'pass', 1), c('a', 1, 'error', 1)])).toBe(50);
  });
  it('is 0 when nothing was evaluated', () => {
    expect(overallScore([c('a', 1, 'not-applicable', 0)])).toBe(0);
  });
});

describe('coverage', () => {
  it('is the share of rubric weight evaluated, so inapplicable checks cannot raise the score unseen', () => {
    expect(coverage([c('a', 6, 'pass', 1), c('a', 2, 'not-applicable', 0), c('a', 2, 'error', 0)])).toBe(0.8);
  });
});

describe('category scores', () => {
  it('uses the same formula per category and null when nothing in it was evaluated', () => {
    const cats = categoryScores([c('a', 1, 'pass', 1), c('a', 1, 'fail', 0), c('b', 1, 'not-applicable', 0)], [{ id: 'a', title: 'A' }, { id: 'b' }]);
    expect(cats).toEqual([
      { id: 'a', title: 'A', score: 50, weight: 2 },
      { id: 'b', title: 'b', score: null, weight: 1 },
    ]);
  });
});

describe('gate', () => {
  const checks = [
    { id: 'x.a', status: 'fail', findings: [{ severity: 'critical' as const }, { severity: 'low' as const }] },
    { id: 'x.b', status: 'error', findings: [] },
  ];
  it('fails below the minimum score, on severe findings and on errors', () => {
    const v = evaluateGate({ score: 70.4, checks }, { minScore: 90, failOn: 'high', allowErrors: false });
    expect(v.passed).toBe(false);
    expect(v.reasons).toEqual(['score 70.4 < 90', '1 critical finding (fail-on high)', 'check errored: x.b']);
  });
  it('passes with errors allowed and nothing else wrong', () => {
    expect(evaluateGate({ score: 95, checks: [checks[1]] }, { minScore: 90, failOn: 'critical', allowErrors: true }).passed).toBe(true);
  });
  it('fail-on none ignores findings', () => {
    expect(evaluateGate({ score: 10, checks: [checks[0]] }, { minScore: null, failOn: 'none', allowErrors: false }).passed).toBe(true);
  });
});

describe('levels', () => {
  const levels = [
    { id: 'phase-1', title: 'Critical fixes', requires: ['a.x', 'a.y'] },
    { id: 'phase-2', title: 'Infra', requires: ['b.x'] },
    { id: 'phase-3', title: 'Ops', requires: [] },
  ];
  it('reaches a level when its checks pass or do not apply, in order', () => {
    const s: Record<string, Status> = { 'a.x': 'pass', 'a.y': 'not-applicable', 'b.x': 'pass' };
    expect(reachedLevel(levels, (id) => s[id])).toMatchObject({ id: 'phase-2', title: 'Infra', next: 'phase-3' });
  });
  it('stops at the first level with a failing requirement', () => {
    const s: Record<string, Status> = { 'a.x': 'partial', 'a.y': 'pass', 'b.x': 'pass' };
    expect(reachedLevel(levels, (id) => s[id])).toEqual({ id: 'none', title: 'No level reached', next: 'phase-1', missing: ['a.x'] });
  });
  it('treats an errored or skipped requirement as not met', () => {
    const s: Record<string, Status> = { 'a.x': 'error', 'a.y': 'skipped' };
    expect(reachedLevel(levels, (id) => s[id]).missing).toEqual(['a.x', 'a.y']);
  });
});
