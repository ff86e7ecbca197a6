/**
 * slo.latency: the latency and error-rate budget, measured under load — from the latest
 * `mina service load` record (`.mina/loads/<time>.json`), or, with `--url`, a short bounded load of
 * the running service itself. A live measurement wins over a record.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { latestLoad } from '../../src/history/lifecycle-records.js';
import { startLoad } from '../../src/service-lifecycle/load.js';

interface Options {
  p95BudgetMs: number;
  maxErrorRate: number;
  maxAgeDays: number;
  probeSeconds: number;
  probeConnections: number;
  probePath: string;
}

interface Measurement {
  source: string;
  file?: string;
  p95Ms: number;
  errorRate: number;
  requests: number;
  startedAt: string;
}

const DAY_MS = 24 * 3600 * 1000;

export default defineCheck<Options>({
  meta: {
    id: 'slo.latency',
    title: 'p95 latency and error rate under load within budget',
    category: 'slo',
    severity: 'high',
    description: 'p95 API latency under load is within the budget (default 200 ms) and the error rate at most 0.1 %.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        p95BudgetMs: { type: 'number', exclusiveMinimum: 0, default: 200 },
        maxErrorRate: { type: 'number', minimum: 0, maximum: 1, default: 0.001 },
        maxAgeDays: { type: 'integer', minimum: 1, maximum: 3650, default: 30, description: 'A load record older than this no longer counts.' },
        probeSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 60, default: 5, description: 'Length of the --url load, bounded.' },
        probeConnections: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        probePath: { type: 'string', pattern: '^/', default: '/', description: 'Path the --url load requests.' },
      },
    },
  },
  async applies({ repo, url }) {
    return url !== null || (await latestLoad(repo.root)) !== null || { applies: false, reason: 'no load recorded (run `mina service load`) and no --url' };
  },
  async run({ repo, url, options }) {
    const m = url ? await probe(url, options) : await recorded(repo.root);
    const findings: Finding[] = [];
    const where = m.file ? { file: m.file, line: 1 } : {};
    const notes = [`${m.source}: p95 ${m.p95Ms.toFixed(1)} ms, error rate ${pct(m.errorRate)} over ${m.requests} requests`];
    let score = 1;
    if (m.requests === 0) {
      return { score: 0, notes, findings: [{ id: 'no-responses', ...where, message: `${m.source} got no responses`, hint: 'check that the service is up and the path answers' }] };
    }
    if (m.p95Ms > options.p95BudgetMs) {
      // Partial credit in proportion to how far over budget: 2× the budget scores 0.
      score = Math.min(score, Math.max(0, 2 - m.p95Ms / options.p95BudgetMs));
      findings.push({ id: 'p95-over-budget', ...where, message: `p95 latency ${m.p95Ms.toFixed(1)} ms is over the ${options.p95BudgetMs} ms budget`, hint: 'profile the slowest routes (database round trips, missing indexes, N+1 queries), add caching, or scale out' });
    }
    if (m.errorRate > options.maxErrorRate) {
      score = 0;
      findings.push({ id: 'error-rate-over-budget', ...where, message: `error rate ${pct(m.errorRate)} is over the ${pct(options.maxErrorRate)} budget`, hint: 'read the service logs for the failing requests; errors under load often mean exhausted pools or timeouts' });
    }
    if (!url && (Date.now() - Date.parse(m.startedAt)) / DAY_MS > options.maxAgeDays) {
      score = Math.min(score, 0.5);
      findings.push({ id: 'stale-load', ...where, severity: 'medium', message: `the last load run is older than ${options.maxAgeDays} days`, hint: 'run `mina service load` again (or check with --url)' });
    }
    return { score, findings, notes };
  },
});

async function recorded(root: string): Promise<Measurement> {
  const load = (await latestLoad(root))!;
  return { source: `load of ${load.startedAt}`, file: load.file, p95Ms: load.p95Ms, errorRate: load.errorRate, requests: load.requests, startedAt: load.startedAt };
}

/** A short load the user asked for by naming the URL; bounded in time and connections. */
async function probe(url: string, o: Options): Promise<Measurement> {
  const startedAt = new Date().toISOString();
  const run = startLoad({
    target: url,
    plan: { requests: [{ method: 'GET', path: o.probePath }] },
    connections: o.probeConnections,
    durationS: o.probeSeconds,
    rate: null,
    maxRequests: 100_000,
    explicitHost: true,
  });
  const stats = await run.done;
  return { source: `live load of ${new URL(url).origin}${o.probePath} for ${o.probeSeconds} s`, p95Ms: stats.latencyMs.p95, errorRate: stats.errorRate, requests: stats.total, startedAt };
}

function pct(rate: number): string {
  return `${(rate * 100).toFixed(rate < 0.01 ? 2 : 1)} %`;
}
