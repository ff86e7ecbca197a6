/**
 * The acceptance path with no server at all: up (PGlite) → status → smoke → load → drill → down,
 * through the same functions the CLI calls, in a throwaway project directory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drill } from '../../src/service-lifecycle/drill.js';
import { down, resolveTarget, status, up } from '../../src/service-lifecycle/lifecycle.js';
import { load, logs, smoke } from '../../src/service-lifecycle/operations.js';
import { latestRecord } from '../../src/service-lifecycle/records.js';

const project = mkdtempSync(path.join(tmpdir(), 'mina-svc-embedded-'));
const target = resolveTarget(project, { reference: true });

afterAll(async () => {
  await down(target);
  rmSync(project, { recursive: true, force: true });
});

describe('mina service, embedded mode', () => {
  it('starts, serves, survives a drill with no committed row lost, and stops', async () => {
    const started = await up(target, { port: 0, embedded: true });
    expect(started.mode).toBe('embedded');
    expect(started.workers).toBe(1);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await status(target)).ready).toBe(true);

    const steps = await smoke(target);
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(steps.map((s) => s.name)).toContain('POST note + Socket.IO note:created');

    const { record: loaded, file: loadFile } = await load(target, { durationS: 1.5, connections: 4, rate: null, maxRequests: 5000 });
    expect(loaded.requests.total).toBeGreaterThan(0);
    expect(loaded.errorRate).toBe(0);
    expect(loaded.latencyMs.p95).toBeGreaterThanOrEqual(loaded.latencyMs.p50);
    expect(loaded.latencyMs.p99).toBeGreaterThanOrEqual(loaded.latencyMs.p95);
    expect(JSON.parse(readFileSync(loadFile, 'utf8')).kind).toBe('load');

    const { record, file } = await drill(target, { rows: 300, loadSeconds: 2, connections: 2 });
    expect(record.error).toBeUndefined();
    expect(record.verified).toBe(true);
    expect(record.rowsCommitted).toBeGreaterThanOrEqual(300);
    expect(record.rowsLost).toBe(0);
    expect(record.checksumsMatch).toBe(true);
    expect(record.rtoMs).toBeGreaterThan(0);
    expect(record.backgroundLoad.requests).toBeGreaterThan(0);
    expect(path.dirname(file)).toBe(path.join(project, '.mina', 'drills'));
    expect(latestRecord(project, 'drill')).toEqual(record);
    expect(latestRecord(project, 'load')?.startedAt).toBe(loaded.startedAt);
    expect((await status(target)).ready).toBe(true);

    expect(logs(target, 50)).toMatch(/"msg":"listening"/);
    expect(await down(target)).toEqual({ wasRunning: true, graceful: true });
    expect((await status(target)).running).toBe(false);
    // a graceful stop logs its drain
    expect(logs(target, 5)).toMatch(/shutting down/);
    expect(existsSync(path.join(project, '.mina', 'service', 'state.json'))).toBe(false);
  }, 300_000);
});
