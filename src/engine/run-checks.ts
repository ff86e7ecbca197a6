/**
 * Runs the planned checks against one repository context. A check can never take the run down:
 * a throw, a malformed outcome or a time-out becomes an `error` result, which the gate fails on.
 */
import { DEFAULT_SETTINGS, SEVERITIES, severityRank, type RunSettings, type CheckOutcome, type Finding, type RunContext, type Severity, type Status } from './check-api.js';
import type { Plan, PlannedCheck } from './plan.js';
import type { RepoContext } from '../context/repo-context.js';
import { applySuppressions } from './suppressions.js';

export interface ReportedFinding extends Finding {
  severity: Severity;
}

export interface CheckResult {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  weight: number;
  status: Status;
  score: number;
  findings: ReportedFinding[];
  suppressed: number;
  /** Why the check is not-applicable, skipped or errored. */
  reason?: string;
  notes?: string[];
  durationMs: number;
}

export interface RunOptions {
  url: string | null;
  settings?: RunSettings;
  concurrency?: number;
  onProgress?: (done: number, total: number, id: string) => void;
}

export async function runChecks(plan: Plan, repo: RepoContext, options: RunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(plan.checks.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < plan.checks.length) {
      const i = next++;
      results[i] = await runOne(plan.checks[i], repo, options.url, options.settings ?? DEFAULT_SETTINGS);
      options.onProgress?.(++done, plan.checks.length, plan.checks[i].id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, plan.checks.length) }, worker));
  return results;
}

export async function runOne(p: PlannedCheck, repo: RepoContext, url: string | null, settings: RunSettings = DEFAULT_SETTINGS): Promise<CheckResult> {
  const started = performance.now();
  const base = { id: p.id, title: p.check.meta.title, category: p.category, severity: p.severity, weight: p.weight };
  const finish = (rest: Pick<CheckResult, 'status' | 'score' | 'findings' | 'suppressed'> & Partial<CheckResult>): CheckResult => ({
    ...base,
    ...rest,
    durationMs: Math.round(performance.now() - started),
  });
  const empty = { score: 0, findings: [], suppressed: 0 };
  if (p.skipReason) return finish({ ...empty, status: 'skipped', reason: p.skipReason });
  if (p.check.meta.live && !url) return finish({ ...empty, status: 'skipped', reason: 'live check: needs --url' });

  const controller = new AbortController();
  const ctx: RunContext = { repo, options: p.options, url, settings, signal: controller.signal };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${p.timeoutMs} ms`));
    }, p.timeoutMs);
  });
  try {
    const applies = await Promise.race([Promise.resolve(p.check.applies ? p.check.applies(ctx) : true), deadline]);
    if (applies === false || (typeof applies === 'object' && !applies.applies)) {
      const reason = typeof applies === 'object' && !applies.applies ? applies.reason : 'does not apply to this repository';
      return finish({ ...empty, status: 'not-applicable', reason });
    }
    const outcome = await Promise.race([Promise.resolve(p.check.run(ctx)), deadline]);
    const problem = outcomeProblem(outcome);
    if (problem) return finish({ ...empty, status: 'error', reason: `check returned a malformed outcome: ${problem}` });
    const findings = outcome.findings.map((f) => ({ ...f, severity: relevel(f.severity, p.check.meta.severity, p.severity) }));
    const applied = await applySuppressions(p.id, findings, outcome.score, repo);
    return finish({
      status: statusOf(applied.score),
      score: applied.score,
      findings: applied.findings,
      suppressed: applied.suppressed,
      notes: outcome.notes,
    });
  } catch (err) {
    return finish({ ...empty, status: 'error', reason: (err as Error)?.message ?? String(err) });
  } finally {
    clearTimeout(timer);
  }
}

function statusOf(score: number): Status {
  return score >= 1 ? 'pass' : score <= 0 ? 'fail' : 'partial';
}

/** A finding's own severity is relative to its check's default, so re-levelling a check shifts it. */
function relevel(own: Severity | undefined, checkDefault: Severity, effective: Severity): Severity {
  const shift = severityRank(effective) - severityRank(checkDefault);
  const rank = severityRank(own ?? checkDefault) + shift;
  return SEVERITIES[Math.max(0, Math.min(SEVERITIES.length - 1, rank))];
}

function outcomeProblem(o: unknown): string | null {
  if (!o || typeof o !== 'object') return 'not an object';
  const { score, findings } = o as CheckOutcome;
  if (typeof score !== 'number' || Number.isNaN(score) || score < 0 || score > 1) return `score ${String(score)} is not in [0, 1]`;
  if (!Array.isArray(findings)) return 'findings is not an array';
  for (const f of findings) {
    if (!f || typeof f.message !== 'string' || typeof f.id !== 'string') return 'a finding lacks id or message';
    if (f.line !== undefined && (!Number.isInteger(f.line) || f.line < 1)) return `finding line ${String(f.line)} is not a 1-based integer`;
    if (f.severity !== undefined && !SEVERITIES.includes(f.severity)) return `finding severity ${String(f.severity)} is unknown`;
  }
  return null;
}
