/**
 * Scoring invariants over random rubrics: turning a failing check into a passing one never lowers
 * the overall or category score, and a not-applicable check never changes the score of the rest.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Status } from '../../src/engine/check-api.js';
import { categoryScores, overallScore, type Scorable } from '../../src/scoring/score.js';

const CATEGORIES = [{ id: 'security' }, { id: 'ops' }, { id: 'infra' }];
const STATUSES: Status[] = ['pass', 'fail', 'partial', 'not-applicable', 'error', 'skipped'];

const item = fc.record({
  category: fc.constantFrom(...CATEGORIES.map((c) => c.id)),
  weight: fc.constantFrom(0, 1, 2, 3, 5, 10, 0.5, 7.25),
  status: fc.constantFrom(...STATUSES),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
}) as fc.Arbitrary<Scorable>;
const items = fc.array(item, { maxLength: 30 });

describe('scoring properties', () => {
  it('monotone: a failing, partial or errored check turned passing never lowers any score', () => {
    fc.assert(
      fc.property(items, fc.nat(), (list, pick) => {
        const failing = list.map((c, i) => [c, i] as const).filter(([c]) => c.status === 'fail' || c.status === 'partial' || c.status === 'error');
        fc.pre(failing.length > 0);
        const [, index] = failing[pick % failing.length];
        const fixed = list.map((c, i) => (i === index ? { ...c, status: 'pass' as Status, score: 1 } : c));
        expect(overallScore(fixed)).toBeGreaterThanOrEqual(overallScore(list));
        const before = categoryScores(list, CATEGORIES);
        const after = categoryScores(fixed, CATEGORIES);
        for (let k = 0; k < CATEGORIES.length; k++) expect(after[k].score ?? 0).toBeGreaterThanOrEqual(before[k].score ?? 0);
      }),
      { numRuns: 500 },
    );
  });

  it('raising one evaluated check score never lowers the overall score', () => {
    fc.assert(
      fc.property(items, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (list, pick, extra) => {
        fc.pre(list.length > 0);
        const i = pick % list.length;
        fc.pre(list[i].status === 'pass' || list[i].status === 'fail' || list[i].status === 'partial');
        const raised = list.map((c, k) => (k === i ? { ...c, score: Math.min(1, c.score + extra) } : c));
        expect(overallScore(raised)).toBeGreaterThanOrEqual(overallScore(list));
      }),
      { numRuns: 500 },
    );
  });

  it('not-applicable (and skipped) checks never change the scores of the rest, whatever their weight or score', () => {
    fc.assert(
      fc.property(items, fc.array(item, { maxLength: 10 }), fc.constantFrom<Status>('not-applicable', 'skipped'), fc.nat(), (list, extra, status, seed) => {
        const inert = extra.map((c) => ({ ...c, status }));
        const mixed = [...list];
        for (const [k, c] of inert.entries()) mixed.splice((seed + k * 7) % (mixed.length + 1), 0, c);
        expect(overallScore(mixed)).toBe(overallScore(list));
        expect(categoryScores(mixed, CATEGORIES).map((c) => c.score)).toEqual(categoryScores(list, CATEGORIES).map((c) => c.score));
      }),
      { numRuns: 500 },
    );
  });

  it('the score stays within 0..100', () => {
    fc.assert(
      fc.property(items, (list) => {
        const s = overallScore(list);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }),
    );
  });
});
