/** Builds the app on an in-memory PGlite with test settings; one database per test file. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { buildApp } from '../src/app.js';
import { signToken } from '../src/auth.js';
import { memoryCache } from '../src/cache.js';
import { loadConfig } from '../src/config.js';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../src/db/driver.js';
import { listMigrations, migrate } from '../src/db/migrate.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';

export const SECRET = 'test-secret-0123456789abcdef';
export const ADMIN = 'admin-token-0123456789';

export function testConfig(overrides = {}) {
  return {
    ...loadConfig({ AUTH_SECRET: SECRET, ADMIN_TOKEN: ADMIN, ADMIN_ALLOW_SEED: 'true', CORS_ORIGINS: 'https://app.example', LOG_LEVEL: 'info' }),
    dataDir: ':memory:',
    ...overrides,
  };
}

/**
 * initdb takes seconds, so a migrated image is built once and shared by every test file through
 * the temp directory, keyed by the migrations and the PGlite version.
 */
const imageKey = createHash('sha256')
  .update(JSON.stringify(listMigrations()))
  .update(readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json')))
  .digest('hex')
  .slice(0, 16);
const imageFile = path.join(tmpdir(), `notes-service-test-db-${imageKey}.tar`);
let image = existsSync(imageFile) ? new Blob([readFileSync(imageFile)]) : null;

/** A migrated in-memory database, started from the shared image when there is one. */
export async function openTestDb(config = testConfig()) {
  if (!image) {
    const first = await PGlite.create();
    await migrate(await wrapPglite(first, config.dbSchema), config.dbSchema);
    image = await first.dumpDataDir('none');
    const tmp = `${imageFile}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
    renameSync(tmp, imageFile);
    return wrapPglite(first, config.dbSchema);
  }
  return wrapPglite(await PGlite.create({ loadDataDir: image }), config.dbSchema);
}

/** A logger writing into an array, to assert on what gets logged. */
export function captureLogger(config) {
  const lines = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(...chunk.toString().split('\n').filter(Boolean)); cb(); } });
  return { logger: createLogger(config, stream), lines };
}

export async function testApp(db, overrides = {}) {
  const config = testConfig(overrides);
  const { logger, lines } = captureLogger(config);
  const app = await buildApp({ config, db, redis: null, cache: memoryCache(30), logger, metrics: createMetrics(), realtime: false });
  return { app, config, lines };
}

export function auth(userId) {
  return { authorization: `Bearer ${signToken(SECRET, userId)}` };
}
