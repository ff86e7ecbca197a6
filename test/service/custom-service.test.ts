/**
 * A user's own service described in mina.yaml: the same lifecycle (up, smoke, load, drill, down)
 * driven only by the commands the config names.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { drill } from '../../src/service-lifecycle/drill.js';
import { down, resolveTarget, up } from '../../src/service-lifecycle/lifecycle.js';
import { load, smoke } from '../../src/service-lifecycle/operations.js';

const project = mkdtempSync(path.join(tmpdir(), 'mina-svc-custom-'));
cpSync(path.join(import.meta.dirname, 'fixtures', 'custom-service'), project, { recursive: true });

afterAll(async () => {
  await down(resolveTarget(project));
  rmSync(project, { recursive: true, force: true });
});

describe("a user's service from mina.yaml", () => {
  it('is started, smoked, loaded, drilled and stopped through its own commands', async () => {
    const target = resolveTarget(project);
    expect(target.driver.service).toBe('custom');
    const started = await up(target, { port: 0 });
    expect(started.mode).toBe('custom');
    expect(started.readyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);
    expect((await smoke(target)).map((s) => [s.name, s.ok])).toEqual([['GET /health', true], ['GET /items', true]]);

    const { record: l } = await load(target, { durationS: 1, connections: 2, rate: 200, maxRequests: 500 });
    expect(l.requests.total).toBeGreaterThan(0);
    expect(l.errorRate).toBe(0);

    const { record } = await drill(target, { rows: 25, loadSeconds: 1, connections: 2 });
    expect(record.error).toBeUndefined();
    expect(record).toMatchObject({ service: 'custom', mode: 'custom', seededRows: 25, rowsCommitted: 25, rowsRestored: 25, rowsLost: 0, checksumsMatch: true, verified: true });
    expect(await down(target)).toEqual({ wasRunning: true, graceful: true });
  }, 120_000);

  it('reports a drill whose restore loses data as failed, with the rows lost', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'mina-svc-broken-'));
    cpSync(path.join(import.meta.dirname, 'fixtures', 'custom-service'), broken, { recursive: true });
    // A restore that "succeeds" but brings back nothing: the drill must catch it.
    const yaml = (await import('node:fs')).readFileSync(path.join(broken, 'mina.yaml'), 'utf8').replace(/restore: .*/, 'restore: mkdir -p data');
    writeFileSync(path.join(broken, 'mina.yaml'), yaml);
    const target = resolveTarget(broken);
    try {
      await up(target, { port: 0 });
      const { record } = await drill(target, { rows: 10, loadSeconds: 1, connections: 1 });
      expect(record).toMatchObject({ verified: false, rowsCommitted: 10, rowsRestored: 0, rowsLost: 10 });
    } finally {
      await down(target);
      rmSync(broken, { recursive: true, force: true });
    }
  }, 120_000);

  it('names the bad key of an invalid service section', () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'mina-svc-bad-'));
    writeFileSync(path.join(bad, 'mina.yaml'), 'service:\n  start: node x.js\n  url: ftp://nope\n');
    try {
      expect(() => resolveTarget(bad)).toThrow(ConfigError);
      expect(() => resolveTarget(bad)).toThrow(/service\.url/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
