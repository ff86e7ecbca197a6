/**
 * One line of `.mina/history.jsonl`: enough to draw the score over time and to tell which checks
 * changed between two runs, small enough to append on every CI run (no findings, no messages).
 */
import type { Status } from '../engine/check-api.js';
import type { Report } from '../report/report-model.js';

export interface HistoryRecord {
  v: 1;
  /** ISO time the report was generated. */
  time: string;
  commit: string | null;
  rubric: string;
  score: number;
  coverage: number;
  level: string;
  gate: boolean;
  findings: number;
  checks: Record<string, Status>;
}

const STATUSES: readonly Status[] = ['pass', 'fail', 'partial', 'not-applicable', 'error', 'skipped'];

export function recordFromReport(report: Report): HistoryRecord {
  return {
    v: 1,
    time: report.generatedAt,
    commit: report.target.commit,
    rubric: report.rubric.name,
    score: report.score,
    coverage: report.coverage,
    level: report.level.id,
    gate: report.gate.passed,
    findings: report.summary.findings,
    checks: Object.fromEntries(report.checks.map((c) => [c.id, c.status])),
  };
}

/** A record read back from disk, or null when the line is not one (hand-edited, torn, foreign). */
export function parseRecord(value: unknown): HistoryRecord | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const r = value as Record<string, unknown>;
  if (r.v !== 1 || typeof r.time !== 'string' || Number.isNaN(Date.parse(r.time))) return null;
  if (typeof r.score !== 'number' || !(r.score >= 0 && r.score <= 100)) return null;
  if (r.commit !== null && typeof r.commit !== 'string') return null;
  if (!r.checks || typeof r.checks !== 'object' || Array.isArray(r.checks)) return null;
  const checks: Record<string, Status> = {};
  for (const [id, s] of Object.entries(r.checks as Record<string, unknown>)) {
    if (!STATUSES.includes(s as Status)) return null;
    checks[id] = s as Status;
  }
  return {
    v: 1,
    time: r.time,
    commit: r.commit as string | null,
    rubric: typeof r.rubric === 'string' ? r.rubric : 'unknown',
    score: r.score,
    coverage: typeof r.coverage === 'number' ? r.coverage : 0,
    level: typeof r.level === 'string' ? r.level : 'none',
    gate: r.gate === true,
    findings: typeof r.findings === 'number' ? r.findings : 0,
    checks,
  };
}
