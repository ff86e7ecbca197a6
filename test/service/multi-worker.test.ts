/**
 * Multi-worker proof: two service processes on two ports share PostgreSQL and Redis. A note
 * created through worker A reaches a Socket.IO client connected to worker B (the Redis adapter),
 * and the rate limit is counted once across both (the Redis store).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/service-lifecycle/lifecycle.js';
import { http } from '../../src/service-lifecycle/http.js';
import { startDetached, stopGracefully, waitReady } from '../../src/service-lifecycle/processes.js';
import { createAndReceive, signToken } from '../../src/service-lifecycle/reference-smoke.js';
import { SERVICE_DIR } from '../../src/service-lifecycle/reference-driver.js';
import { REDIS_URL, scratchDatabase, serversUp } from './servers.js';

describe.skipIf(!serversUp)('two workers sharing Redis', () => {
  const logs = mkdtempSync(path.join(tmpdir(), 'mina-svc-workers-'));
  const pids: number[] = [];
  let drop: (() => Promise<void>) | null = null;

  afterAll(async () => {
    await Promise.all(pids.map((pid) => stopGracefully(pid, 10_000)));
    await drop?.();
    rmSync(logs, { recursive: true, force: true });
  });

  it('relays Socket.IO broadcasts and shares rate-limit counters between workers', async () => {
    const db = await scratchDatabase();
    drop = db.drop;
    const secret = randomBytes(16).toString('hex');
    const shared = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: `mina-mw-${randomBytes(3).toString('hex')}:`,
      AUTH_SECRET: secret,
      RATE_LIMIT_MAX: '6',
      LOG_LEVEL: 'warn',
    };
    const urls: string[] = [];
    for (const name of ['a', 'b']) {
      const port = await freePort();
      const pid = startDetached({ command: process.execPath, args: [path.join(SERVICE_DIR, 'src', 'main.js')], shell: false, cwd: SERVICE_DIR, env: { ...shared, PORT: String(port) }, logFile: path.join(logs, `${name}.log`) });
      pids.push(pid);
      urls.push(`http://127.0.0.1:${port}`);
      await waitReady({ url: `http://127.0.0.1:${port}/readyz`, timeoutMs: 60_000, pid });
    }
    const [a, b] = urls;
    const user = 'multi-worker';
    const auth = { authorization: `Bearer ${signToken(secret, user)}` };

    // Subscribed on B, created through A (one request to A so far).
    const id = await createAndReceive(b, `${a}/v1/users/${user}/notes`, auth, signToken(secret, user));
    expect(id).toBeGreaterThan(0);

    // The limit is 6 per window per user, counted across both workers: 1 spent above, 5 more allowed.
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await http('GET', `${i % 2 ? a : b}/v1/users/${user}/notes`, { headers: auth })).status);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
  }, 120_000);
});
