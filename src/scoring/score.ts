/**
 * The score exactly as the JSON contract defines it: 100 × Σ(weight × score) / Σ(weight) over
 * checks that were evaluated (an error counts, with score 0), and coverage: the share of the
 * rubric's weight that was evaluated, so making checks inapplicable cannot raise the score unseen.
 */
import type { Status } from '../engine/check-api.js';

export interface Scorable {
  category: string;
  weight: number;
  status: Status;
  score: number;
}

export function isEvaluated(status: Status): boolean {
  return status !== 'not-applicable' && status !== 'skipped';
}

/** 0–100 with one decimal; 0 when nothing was evaluated (there is no evidence of readiness). */
export function overallScore(items: readonly Scorable[]): number {
  let num = 0;
  let den = 0;
  for (const c of items) {
    if (!isEvaluated(c.status)) continue;
    num += c.weight * (c.status === 'error' ? 0 : c.score);
    den += c.weight;
  }
  return den === 0 ? 0 : round1((100 * num) / den);
}

export function coverage(items: readonly Scorable[]): number {
  const total = items.reduce((s, c) => s + c.weight, 0);
  if (total === 0) return 0;
  const evaluated = items.filter((c) => isEvaluated(c.status)).reduce((s, c) => s + c.weight, 0);
  return Math.round((evaluated / total) * 1000) / 1000;
}

export function categoryScores(items: readonly Scorable[], categories: readonly { id: string; title?: string }[]) {
  return categories.map((cat) => {
    const members = items.filter((c) => c.category === cat.id);
    const evaluated = members.filter((c) => isEvaluated(c.status));
    return {
      id: cat.id,
      title: cat.title ?? cat.id,
      score: evaluated.length ? overallScore(members) : null,
      weight: round3(members.reduce((s, c) => s + c.weight, 0)),
    };
  });
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
