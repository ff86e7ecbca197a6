/**
 * Levels are ordered phases (the default rubric's four come from the readiness roadmap). A level is
 * reached when every check it requires passes or does not apply, and every earlier level is reached.
 * A level that requires nothing is never reached: a level is earned by evidence, not by absence.
 */
import type { Status } from '../engine/check-api.js';
import type { RubricLevel } from '../rubric/load-rubric.js';

export interface LevelVerdict {
  id: string;
  title: string;
  next: string | null;
  /** Required checks still standing between this level and the next. */
  missing: string[];
}

export function reachedLevel(levels: readonly RubricLevel[], statusOf: (id: string) => Status | undefined): LevelVerdict {
  let reached: RubricLevel | null = null;
  for (const level of levels) {
    const missing = unmet(level, statusOf);
    if (missing.length > 0) {
      return { id: reached?.id ?? 'none', title: reached?.title ?? 'No level reached', next: level.id, missing };
    }
    reached = level;
  }
  return { id: reached?.id ?? 'none', title: reached?.title ?? 'No level reached', next: null, missing: [] };
}

function unmet(level: RubricLevel, statusOf: (id: string) => Status | undefined): string[] {
  if (!level.requires?.length) return ['(no required checks yet)'];
  return (level.requires ?? []).filter((id) => {
    const s = statusOf(id);
    return s !== 'pass' && s !== 'not-applicable';
  });
}
