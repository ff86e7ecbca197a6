import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import check from './index.js';

/** A project with one recorded load run, written at test time so "recent" stays recent. */
function load(name: string, over: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), `mina-slo-latency-${name}-`));
  mkdirSync(path.join(dir, '.mina', 'loads'), { recursive: true });
  const startedAt = (over.startedAt as string) ?? new Date(Date.now() - 3600 * 1000).toISOString();
  const record = {
    schemaVersion: 1, kind: 'load', startedAt, finishedAt: startedAt, target: 'http://127.0.0.1:8080', mode: 'server', connections: 10, durationS: 10, rate: null,
    requests: { total: 5000, ok: 5000, non2xx: 0, errors: 0, timeouts: 0, byStatus: { '200': 5000 } },
    throughputRps: 500, latencyMs: { p50: 20, p95: (over.p95 as number) ?? 80, p99: 120, max: 300, mean: 25 }, errorRate: (over.errorRate as number) ?? 0,
  };
  writeFileSync(path.join(dir, '.mina', 'loads', '2026-01-01T00-00-00-000Z.json'), JSON.stringify(record));
  return dir;
}

const LOAD = '.mina/loads/2026-01-01T00-00-00-000Z.json';

new CheckTester(check, '/').run({
  valid: [{ fixture: load('good'), name: 'p95 80 ms, no errors' }],
  invalid: [
    { fixture: load('slow', { p95: 300 }), score: 0.5, findings: [{ id: 'p95-over-budget', file: LOAD, line: 1 }] },
    { fixture: load('very-slow', { p95: 900 }), score: 0, findings: [{ id: 'p95-over-budget', file: LOAD, line: 1 }] },
    { fixture: load('errors', { errorRate: 0.02 }), score: 0, findings: [{ id: 'error-rate-over-budget', file: LOAD, line: 1 }] },
    { fixture: load('stale', { startedAt: '2020-01-01T00:00:00.000Z' }), score: 0.5, findings: [{ id: 'stale-load', file: LOAD, line: 1 }] },
  ],
  notApplicable: [{ fixture: mkdtempSync(path.join(tmpdir(), 'mina-slo-latency-none-')), name: 'no record and no --url' }],
});

describe('slo.latency with --url', () => {
  let fast: http.Server;
  let failing: http.Server;
  const urlOf = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  beforeAll(async () => {
    fast = http.createServer((_req, res) => res.end('ok'));
    failing = http.createServer((_req, res) => {
      res.statusCode = 503;
      res.end('down');
    });
    await Promise.all([fast, failing].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))));
  });
  afterAll(() => Promise.all([fast, failing].map((s) => new Promise((r) => s.close(r)))));
  const empty = mkdtempSync(path.join(tmpdir(), 'mina-slo-latency-live-'));

  it('measures a bounded live load of the service', async () => {
    const r = await runCheckOn(check, empty, { probeSeconds: 1, probeConnections: 2 }, urlOf(fast));
    expect(r.status).toBe('pass');
    expect(r.notes?.[0]).toMatch(/^live load of http:\/\/127\.0\.0\.1:\d+\/ for 1 s: p95 [\d.]+ ms, error rate 0\.00 % over \d+ requests$/);
  });

  it('fails a service that answers errors', async () => {
    const r = await runCheckOn(check, empty, { probeSeconds: 1, probeConnections: 2 }, urlOf(failing));
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.id)).toEqual(['error-rate-over-budget']);
  });
});
