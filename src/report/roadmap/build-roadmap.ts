/**
 * The readiness roadmap as data: what is done (passing checks by category), what each level not
 * yet reached still needs, prioritised by weight × missing score, the KPIs and the trend. The
 * Markdown and HTML renderers only lay this out.
 */
import type { CheckResult } from '../../engine/run-checks.js';
import type { DrillResult, LoadResult } from '../../history/lifecycle-records.js';
import type { HistoryRecord } from '../../history/history-record.js';
import type { Report } from '../report-model.js';
import { redactReport } from '../redact.js';
import { buildKpis, type Kpi } from './kpis.js';
import { buildTrend, type Trend } from './trend.js';
import { initCommandFor } from './init-commands.js';

export interface RoadmapLevel {
  id: string;
  title: string;
  description?: string;
  requires?: string[];
}

export interface RoadmapInput {
  report: Report;
  /** The rubric's levels in order (the report only names the reached and next one). */
  levels: readonly RoadmapLevel[];
  history: readonly HistoryRecord[];
  drill: DrillResult | null;
  /** The latest `mina service load`, for the latency KPI. */
  load?: LoadResult | null;
}

export interface RoadmapItem {
  id: string;
  title: string;
  category: string;
  status: CheckResult['status'];
  /** weight × (1 − score): what ranks the items. */
  priority: number;
  /** Score points fixing it would add; null for a check that was not evaluated. */
  gain: number | null;
  reason: string | null;
  findings: { where: string | null; message: string; hint: string | null }[];
  moreFindings: number;
  fix: string | null;
  init: string | null;
}

export interface RoadmapPhase {
  id: string;
  title: string;
  description: string | null;
  /** The rubric lists no required checks for it yet. */
  undefinedLevel: boolean;
  items: RoadmapItem[];
}

export interface Roadmap {
  report: Report;
  done: { category: string; title: string; checks: { id: string; title: string; note: string | null }[] }[];
  phases: RoadmapPhase[];
  other: RoadmapItem[];
  next: RoadmapItem[];
  kpis: Kpi[];
  trend: Trend | null;
}

const SHOWN_FINDINGS = 3;
const NEXT_ACTIONS = 3;

export function buildRoadmap(input: RoadmapInput): Roadmap {
  const report = redactReport(input.report);
  const byId = new Map(report.checks.map((c) => [c.id, c]));
  const evaluatedWeight = report.checks.filter((c) => c.status !== 'not-applicable' && c.status !== 'skipped').reduce((s, c) => s + c.weight, 0);
  const open = (c: CheckResult) => c.status !== 'pass' && c.status !== 'not-applicable';
  const item = (c: CheckResult) => toItem(c, report, evaluatedWeight);
  const byPriority = (a: RoadmapItem, b: RoadmapItem) => b.priority - a.priority || a.id.localeCompare(b.id);

  const reachedIndex = input.levels.findIndex((l) => l.id === report.level.id);
  const phases = input.levels.slice(reachedIndex + 1).map((level) => ({
    id: level.id,
    title: level.title,
    description: level.description ?? null,
    undefinedLevel: !level.requires?.length,
    items: (level.requires ?? []).map((id) => byId.get(id)).filter((c): c is CheckResult => !!c && open(c)).map(item).sort(byPriority),
  }));
  const required = new Set(input.levels.flatMap((l) => l.requires ?? []));
  // Skipped checks outside every level were simply not run (live checks without --url): not work items.
  const other = report.checks.filter((c) => open(c) && c.status !== 'skipped' && !required.has(c.id)).map(item).sort(byPriority);
  const all = [...phases.flatMap((p) => p.items), ...other];
  const next = all.filter((i) => i.gain !== null).sort((a, b) => (b.gain ?? 0) - (a.gain ?? 0) || byPriority(a, b)).slice(0, NEXT_ACTIONS);

  const categoryIds = [...report.categories.map((c) => c.id), ...new Set(report.checks.map((c) => c.category))];
  const done = [...new Set(categoryIds)]
    .map((cat) => ({
      category: cat,
      title: report.categories.find((c) => c.id === cat)?.title ?? cat,
      checks: report.checks.filter((c) => c.category === cat && c.status === 'pass').map((c) => ({ id: c.id, title: c.title, note: c.notes?.[0] ?? null })),
    }))
    .filter((g) => g.checks.length > 0);

  return { report, done, phases, other, next, kpis: buildKpis(report, input.drill, input.load ?? null), trend: buildTrend(input.history) };
}

function toItem(c: CheckResult, report: Report, evaluatedWeight: number): RoadmapItem {
  const missing = c.status === 'skipped' ? 1 : 1 - c.score;
  const evaluated = c.status !== 'skipped';
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    status: c.status,
    priority: Math.round(c.weight * missing * 1000) / 1000,
    gain: evaluated && evaluatedWeight > 0 ? Math.round(((100 * c.weight * missing) / evaluatedWeight) * 10) / 10 : null,
    reason: c.reason ?? null,
    findings: c.findings.slice(0, SHOWN_FINDINGS).map((f) => ({
      where: f.file ? (f.line ? `${f.file}:${f.line}` : f.file) : null,
      message: f.message,
      hint: f.hint ?? null,
    })),
    moreFindings: Math.max(0, c.findings.length - SHOWN_FINDINGS),
    fix: report.docs?.[c.id]?.fix ?? null,
    init: initCommandFor(c.id),
  };
}
