/**
 * The bundled reference service (`service/` in the package). Embedded mode (no DATABASE_URL): one
 * worker on PGlite in `.mina/service/data`; server mode: PostgreSQL (+ Redis when given) and two
 * workers by default. mina generates its admin and auth secrets per `up` and keeps them in the
 * state file; backups and fingerprints go through the service's admin API because the embedded
 * database can only be read consistently by the process that owns it.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { runChecked } from './command-runner.js';
import type { Fingerprint, LoadPlan, LoadRequest, ServiceDriver, SmokeStep, UpOptions } from './driver.js';
import { expectStatus } from './http.js';
import { referenceSmoke, signToken } from './reference-smoke.js';
import type { Paths, ServiceState } from './state.js';

export const SERVICE_DIR = path.join(PACKAGE_ROOT, 'service');
const MAIN = path.join(SERVICE_DIR, 'src', 'main.js');
const OPS = path.join(SERVICE_DIR, 'src', 'ops', 'cli.js');
/** Environment variables passed through from mina's own environment when set. */
const PASS_THROUGH = ['DB_SCHEMA', 'REDIS_PREFIX', 'DATABASE_SSL', 'CORS_ORIGINS', 'RATE_LIMIT_MAX', 'SENTRY_DSN', 'LOG_LEVEL'];
/** Load is spread over this many users so the per-user rate limit measures the service, not itself. */
const LOAD_USERS = 1000;

function admin(state: ServiceState): Record<string, string> {
  return { authorization: `Bearer ${state.env.ADMIN_TOKEN}` };
}

function opsEnv(state: ServiceState): Record<string, string> {
  return { ...(process.env as Record<string, string>), ...state.env };
}

export const referenceDriver: ServiceDriver = {
  service: 'reference',
  stopGraceMs: 15_000,

  prepare(paths: Paths, o: UpOptions) {
    const databaseUrl = o.embedded ? undefined : (o.databaseUrl ?? process.env.DATABASE_URL);
    const redisUrl = o.embedded ? undefined : (o.redisUrl ?? process.env.REDIS_URL);
    const mode = databaseUrl ? 'server' : 'embedded';
    const workers = o.workers ?? (mode === 'server' ? 2 : 1);
    if (mode === 'embedded' && workers > 1) throw new Error('embedded mode runs one worker (PGlite lives in one process): give --database-url for more');
    const env: Record<string, string> = {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(o.port),
      WORKERS: String(workers),
      DATA_DIR: paths.dataDir,
      BACKUP_DIR: paths.backupDir,
      ADMIN_TOKEN: randomBytes(24).toString('hex'),
      ADMIN_ALLOW_SEED: 'true',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'info',
    };
    for (const name of PASS_THROUGH) if (process.env[name]) env[name] = process.env[name]!;
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    if (redisUrl) env.REDIS_URL = redisUrl;
    const url = `http://127.0.0.1:${o.port}`;
    return { mode, workers, url, readyUrl: `${url}/readyz`, env, readyTimeoutMs: 60_000 };
  },

  startSpec(paths, state) {
    // DATABASE_URL/REDIS_URL come only from the state, so a drill restarts the service in its own mode.
    const inherited = { ...(process.env as Record<string, string>) };
    delete inherited.DATABASE_URL;
    delete inherited.REDIS_URL;
    return { command: process.execPath, args: [MAIN], shell: false, cwd: SERVICE_DIR, env: { ...inherited, ...state.env }, logFile: paths.logFile };
  },

  async seed(state, rows) {
    const r = await expectStatus(200, 'POST', `${state.url}/admin/seed`, { headers: admin(state), json: { rows, users: 100 }, timeoutMs: 300_000 });
    return (r.body as { inserted: number }).inserted;
  },

  async fingerprint(state, maxId): Promise<Fingerprint> {
    const q = maxId === undefined ? '' : `?maxId=${maxId}`;
    const r = await expectStatus(200, 'GET', `${state.url}/admin/fingerprint${q}`, { headers: admin(state), timeoutMs: 120_000 });
    return r.body as Fingerprint;
  },

  async backup(state) {
    const r = await expectStatus(200, 'POST', `${state.url}/admin/backup`, { headers: admin(state), timeoutMs: 600_000 });
    const { file, bytes } = r.body as { file: string; bytes: number };
    return { file, bytes };
  },

  async wipe(state, paths) {
    // Embedded: the disk is gone. Server: the service's schema is dropped (and its cache keys).
    if (state.mode === 'embedded') rmSync(paths.dataDir, { recursive: true, force: true });
    else await runChecked({ command: process.execPath, args: [OPS, 'wipe', '--yes'] }, { cwd: SERVICE_DIR, env: opsEnv(state), timeoutMs: 60_000 });
  },

  async restore(state, _paths, file) {
    statSync(file); // a clear error for a missing file before the service's own
    await runChecked({ command: process.execPath, args: [OPS, 'restore', '--file', file] }, { cwd: SERVICE_DIR, env: opsEnv(state), timeoutMs: 600_000 });
  },

  smoke(state): Promise<SmokeStep[]> {
    return referenceSmoke(state.url, state.env.AUTH_SECRET);
  },

  loadPlan(state): LoadPlan {
    const tokens = Array.from({ length: LOAD_USERS }, (_, i) => signToken(state.env.AUTH_SECRET, `load-${i}`));
    const list: LoadRequest = { method: 'GET', path: '/v1/users/{u}/notes' };
    const create: LoadRequest = { method: 'POST', path: '/v1/users/{u}/notes', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'load', body: 'x'.repeat(200) }) };
    return {
      // Read-heavy like a notes client: four list reads (the polled first page) per write.
      requests: [list, list, list, list, create],
      vary(req) {
        const i = Math.floor(Math.random() * LOAD_USERS);
        return { ...req, path: req.path.replace('{u}', `load-${i}`), headers: { ...req.headers, authorization: `Bearer ${tokens[i]}` } };
      },
    };
  },
};
