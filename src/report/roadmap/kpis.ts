/**
 * The roadmap's success metrics: each with its target and, where mina has evidence, the measured
 * value and where it came from. Static runs measure the score and the findings; live checks and
 * the service lifecycle (drills) measure latency and recovery. Nothing is invented: a KPI without
 * evidence says how to get it.
 */
import type { CheckResult } from '../../engine/run-checks.js';
import type { DrillResult, LoadResult } from '../../history/lifecycle-records.js';
import type { Report } from '../report-model.js';

export interface Kpi {
  name: string;
  target: string;
  /** null: not measured. */
  measured: string | null;
  met: boolean | null;
  source: string;
}

export function buildKpis(report: Report, drill: DrillResult | null, load: LoadResult | null = null): Kpi[] {
  const byId = new Map(report.checks.map((c) => [c.id, c]));
  const evaluated = report.checks.filter((c) => c.status !== 'not-applicable' && c.status !== 'skipped');
  const passing = evaluated.filter((c) => c.status === 'pass').length;
  const minScore = report.gate.minScore ?? 90;
  const kpis: Kpi[] = [
    { name: 'Readiness score', target: `≥ ${minScore}`, measured: `${report.score.toFixed(1)}/100`, met: report.score >= minScore, source: `mina check (rubric ${report.rubric.name})` },
    { name: 'Critical findings', target: '0', measured: String(report.summary.bySeverity.critical), met: report.summary.bySeverity.critical === 0, source: 'mina check' },
    { name: 'Checks passing', target: 'all evaluated', measured: `${passing} of ${evaluated.length}`, met: evaluated.length > 0 && passing === evaluated.length, source: 'mina check' },
    latency(byId.get('slo.latency'), load),
    recovery(byId.get('slo.recovery'), drill),
    fromCheck(byId.get('tests.coverage'), 'Test coverage', '≥ 90% lines (rubric default)', 'a coverage report (lcov, Cobertura, coverage.py)'),
  ];
  return kpis;
}

/** A KPI a check measures: its notes carry the measured values, its status says whether they meet the target. */
function fromCheck(check: CheckResult | undefined, name: string, target: string, howToMeasure: string): Kpi {
  if (!check || check.status === 'skipped' || check.status === 'not-applicable' || check.status === 'error') {
    const why = check?.reason ? ` (${check.reason})` : '';
    return { name, target, measured: null, met: null, source: `not measured${why}: ${howToMeasure}` };
  }
  const detail = check.notes?.length ? check.notes.join('; ') : check.findings.map((f) => f.message).slice(0, 2).join('; ') || check.status;
  return { name, target, measured: detail, met: check.status === 'pass', source: `check ${check.id}` };
}

function latency(check: CheckResult | undefined, load: LoadResult | null): Kpi {
  const name = 'API latency (p95) and error rate';
  const target = '≤ 200 ms p95, ≤ 0.1% errors (rubric default)';
  if (!load) return fromCheck(check, name, target, 'mina service load, or mina check --url');
  // The check knows the rubric's budget; without its verdict, the defaults above decide.
  const judged = check && (check.status === 'pass' || check.status === 'fail' || check.status === 'partial');
  const met = judged ? check.status === 'pass' : load.p95Ms <= 200 && load.errorRate <= 0.001;
  const measured = `p95 ${Math.round(load.p95Ms)} ms, ${(load.errorRate * 100).toFixed(2)}% errors over ${load.requests} requests (${load.startedAt.slice(0, 10)})`;
  return { name, target, measured, met, source: load.file };
}

function recovery(check: CheckResult | undefined, drill: DrillResult | null): Kpi {
  const name = 'Recovery (RTO, data lost)';
  const target = '≤ 4 h RTO, 0 committed rows lost (rubric default)';
  if (drill) {
    const measured = `RTO ${formatDuration(drill.rtoMs)}, ${drill.rowsLost} of ${drill.rowsCommitted} rows lost, ${drill.verified ? 'verified' : 'NOT verified'} (${drill.mode}, ${drill.startedAt.slice(0, 10)})`;
    return { name, target, measured, met: drill.verified && drill.rowsLost === 0 && drill.rtoMs <= 4 * 3600_000, source: drill.file };
  }
  return fromCheck(check, name, target, 'mina service drill');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
