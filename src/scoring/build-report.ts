/** Assembles the scored report from check results; the only place results meet rubric levels and the gate. */
import { SEVERITIES, type Severity } from '../engine/check-api.js';
import type { CheckResult } from '../engine/run-checks.js';
import type { Plan } from '../engine/plan.js';
import type { Report } from '../report/report-model.js';
import type { SkippedEntry } from '../context/walk.js';
import { categoryScores, coverage, overallScore, round3 } from './score.js';
import { reachedLevel } from './levels.js';
import { evaluateGate, type GateSettings } from './gate.js';

export interface ReportInput {
  plan: Plan;
  results: CheckResult[];
  gate: GateSettings;
  version: string;
  target: Report['target'];
  inputs: { files: number; skipped: SkippedEntry[] };
  warnings: string[];
  durationMs: number;
}

export function buildReport(input: ReportInput): Report {
  const checks = input.results.map((r) => ({ ...r, weight: round3(r.weight), score: round3(r.score) }));
  const score = overallScore(input.results);
  const statusById = new Map(checks.map((c) => [c.id, c.status]));
  const level = reachedLevel(input.plan.rubric.levels, (id) => statusById.get(id));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const c of checks) for (const f of c.findings) bySeverity[f.severity]++;
  return {
    schemaVersion: 1,
    tool: { name: 'mina', version: input.version },
    target: input.target,
    rubric: { name: input.plan.rubric.name, version: input.plan.rubric.version },
    score,
    coverage: coverage(input.results),
    level: { id: level.id, title: level.title, next: level.next },
    gate: evaluateGate({ score, checks }, input.gate),
    categories: categoryScores(input.results, input.plan.categories),
    checks,
    summary: {
      findings: checks.reduce((n, c) => n + c.findings.length, 0),
      suppressed: checks.reduce((n, c) => n + c.suppressed, 0),
      bySeverity,
    },
    inputs: input.inputs,
    warnings: input.warnings,
    generatedAt: new Date().toISOString(),
    durationMs: input.durationMs,
  };
}
