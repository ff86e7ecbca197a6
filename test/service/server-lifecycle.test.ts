/**
 * The same lifecycle against real PostgreSQL and Redis with two workers (skipped only when this
 * machine has neither server). A scratch database and a unique Redis prefix keep runs apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { drill } from '../../src/service-lifecycle/drill.js';
import { down, resolveTarget, status, up } from '../../src/service-lifecycle/lifecycle.js';
import { backup, restore, smoke } from '../../src/service-lifecycle/operations.js';
import { readState } from '../../src/service-lifecycle/state.js';
import { REDIS_URL, scratchDatabase, serversUp } from './servers.js';

describe.skipIf(!serversUp)('mina service, PostgreSQL + Redis', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'mina-svc-server-'));
  const target = resolveTarget(project, { reference: true });
  let drop: (() => Promise<void>) | null = null;

  afterAll(async () => {
    await down(target);
    await drop?.();
    rmSync(project, { recursive: true, force: true });
  });

  it('runs two workers, passes smoke, and survives a drill with no committed row lost', async () => {
    const db = await scratchDatabase();
    drop = db.drop;
    process.env.REDIS_PREFIX = `mina-test-${randomBytes(3).toString('hex')}:`;
    try {
      const started = await up(target, { port: 0, databaseUrl: db.url, redisUrl: REDIS_URL });
      expect(started.mode).toBe('server');
      expect(started.workers).toBe(2);
    } finally {
      delete process.env.REDIS_PREFIX;
    }
    expect((await smoke(target)).filter((s) => !s.ok)).toEqual([]);

    const { record } = await drill(target, { rows: 2000, loadSeconds: 2, connections: 4 });
    expect(record.error).toBeUndefined();
    expect(record).toMatchObject({ mode: 'server', verified: true, rowsLost: 0, checksumsMatch: true, answersCorrectly: true });
    expect(record.rowsCommitted).toBeGreaterThanOrEqual(2000);
    expect((await status(target)).ready).toBe(true);

    // The standalone backup/restore pair: the newest backup comes back whole, and the service with it.
    const before = await target.driver.fingerprint(readState(target.paths)!);
    const taken = await backup(target);
    const restored = await restore(target, undefined);
    expect(restored.file).toBe(taken.file);
    const state = readState(target.paths)!;
    expect(await target.driver.fingerprint(state, before.maxId)).toEqual(before);
    expect((await smoke(target)).every((s) => s.ok)).toBe(true);
    expect((await down(target)).graceful).toBe(true);
  }, 240_000);
});
