/**
 * Lets the planned checks start slow set-up (worker threads) before the repository is walked, so
 * it overlaps the walk. Best effort: a check whose set-up fails simply runs without it, and a
 * check that fails to load reports that when it runs, as it would have anyway.
 */
import type { Plan } from './plan.js';

export async function prepareChecks(plan: Plan): Promise<void> {
  await Promise.all(
    plan.checks
      .filter((p) => p.skipReason === null && p.check.prepare)
      .map(async (p) => {
        try {
          await p.check.prepare!(p.options);
        } catch {
          // run() does without
        }
      }),
  );
}
