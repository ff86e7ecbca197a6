/**
 * Bounded HTTP load with autocannon. Every run stops by itself: a duration cap, a request cap, and
 * a target that is loopback unless the user named the host on the command line. Latency
 * percentiles are computed from every response time (autocannon's own histogram has no p95).
 */
import { createRequire } from 'node:module';
import type autocannonType from 'autocannon';

// Loaded on first use: autocannon is the heaviest dependency of every `mina` start-up otherwise.
const require = createRequire(import.meta.url);
let autocannonModule: typeof autocannonType | null = null;
const autocannon = ((...args: Parameters<typeof autocannonType>) => {
  autocannonModule ??= require('autocannon') as typeof autocannonType;
  return autocannonModule(...args);
}) as unknown as typeof autocannonType;
import type { LoadPlan } from './driver.js';
import type { LatencyMs } from './records.js';

export const LIMITS = { maxDurationS: 300, maxConnections: 1000, maxRequests: 2_000_000 } as const;

export interface LoadOptions {
  target: string;
  plan: LoadPlan;
  connections: number;
  durationS: number;
  rate: number | null;
  maxRequests: number;
  /** True when the user typed the host (`--url`): only then may it be something else than loopback. */
  explicitHost: boolean;
}

export interface LoadStats {
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  byStatus: Record<string, number>;
  durationS: number;
  throughputRps: number;
  latencyMs: LatencyMs;
  errorRate: number;
}

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkLoadOptions(o: LoadOptions): void {
  if (!o.explicitHost && !isLoopback(o.target)) throw new Error(`refusing to load ${new URL(o.target).host}: only loopback, or a host you name with --url`);
  if (!(o.durationS > 0 && o.durationS <= LIMITS.maxDurationS)) throw new Error(`--duration must be in (0, ${LIMITS.maxDurationS}] seconds`);
  if (!(Number.isInteger(o.connections) && o.connections >= 1 && o.connections <= LIMITS.maxConnections)) throw new Error(`--connections must be 1..${LIMITS.maxConnections}`);
  if (o.rate !== null && !(o.rate > 0)) throw new Error('--rate must be a positive number of requests per second');
  if (!(Number.isInteger(o.maxRequests) && o.maxRequests >= 1 && o.maxRequests <= LIMITS.maxRequests)) throw new Error(`--max-requests must be 1..${LIMITS.maxRequests}`);
}

export interface RunningLoad {
  done: Promise<LoadStats>;
  stop(): void;
  /** Responses so far, and how many were 2xx: the drill reads them at the moment of the kill. */
  counts(): { responses: number; ok: number };
}

export function startLoad(o: LoadOptions): RunningLoad {
  checkLoadOptions(o);
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  const base = new URL(o.target);
  // autocannon treats a present-but-undefined key as set: only pass what exists.
  const requests = o.plan.requests.map((r) => {
    const req: autocannonType.Request = { method: r.method, path: r.path };
    if (r.headers) req.headers = r.headers;
    if (r.body !== undefined) req.body = r.body;
    if (o.plan.vary) req.setupRequest = (current: autocannonType.Request) => ({ ...current, ...o.plan.vary!(r) });
    return req;
  });
  let finish: (r: LoadStats) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const done = new Promise<LoadStats>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: base.origin,
      connections: o.connections,
      duration: o.durationS,
      maxOverallRequests: o.maxRequests,
      ...(o.rate ? { overallRate: o.rate } : {}),
      timeout: 10,
      requests,
    },
    (err, result) => (err ? fail(err) : finish(summarise(result, latencies, byStatus))),
  );
  // The typings omit the client argument the tracker passes first.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  });
  let ok = 0;
  (instance as unknown as NodeJS.EventEmitter).on('response', (_c: unknown, status: number) => status >= 200 && status < 300 && ok++);
  return { done, stop: () => instance.stop(), counts: () => ({ responses: latencies.length, ok }) };
}

function summarise(result: autocannonType.Result, latencies: number[], byStatus: Record<string, number>): LoadStats {
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : 0);
  const ok = Object.entries(byStatus).reduce((n, [s, c]) => (s.startsWith('2') ? n + c : n), 0);
  const total = sorted.length + result.errors;
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return {
    total,
    ok,
    non2xx: sorted.length - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    byStatus,
    durationS: result.duration,
    throughputRps: result.duration > 0 ? round(sorted.length / result.duration) : 0,
    latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: round(sorted[sorted.length - 1] ?? 0), mean: round(mean) },
    errorRate: total ? (total - ok) / total : 0,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
