/**
 * Every setting comes from the environment (twelve-factor): no secret is ever read from a file in
 * the image or the repository. Invalid values stop the process at boot, not at the first request.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

function int(env, name, fallback, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return n;
}

function list(raw) {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** @param {NodeJS.ProcessEnv} env */
export function loadConfig(env = process.env) {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || null;
  const redisUrl = env.REDIS_URL || null;
  if (production && !env.AUTH_SECRET) throw new Error('AUTH_SECRET is required in production');
  if (production && !databaseUrl) throw new Error('DATABASE_URL is required in production (the embedded database is for development)');
  const workers = int(env, 'WORKERS', 1, { min: 1, max: 64 });
  if (workers > 1 && !databaseUrl) throw new Error('WORKERS > 1 needs DATABASE_URL: the embedded database lives in one process');
  const corsOrigins = list(env.CORS_ORIGINS ?? 'http://localhost:3000');
  if (corsOrigins.includes('*')) throw new Error('CORS_ORIGINS must list origins explicitly, "*" is refused');
  return {
    production,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 8080, { max: 65535 }),
    workers,
    databaseUrl,
    // TLS to the database in production unless the operator says otherwise (e.g. a sidecar proxy).
    databaseSsl: env.DATABASE_SSL ? env.DATABASE_SSL !== 'disable' : production,
    dbSchema: /^[a-z_][a-z0-9_]{0,62}$/.test(env.DB_SCHEMA ?? '') ? env.DB_SCHEMA : 'notes_service',
    dbPoolMax: int(env, 'DB_POOL_MAX', 10, { min: 1, max: 200 }),
    dataDir: path.resolve(env.DATA_DIR || '.data/pglite'),
    redisUrl,
    redisPrefix: env.REDIS_PREFIX || 'notes:',
    // Without a configured secret a development process signs tokens with a throwaway key.
    authSecret: env.AUTH_SECRET || randomBytes(32).toString('hex'),
    adminToken: env.ADMIN_TOKEN || null,
    allowSeed: env.ADMIN_ALLOW_SEED === 'true' && !production,
    backupDir: path.resolve(env.BACKUP_DIR || '.data/backups'),
    corsOrigins,
    rateLimitMax: int(env, 'RATE_LIMIT_MAX', 600, { min: 1 }),
    rateLimitWindowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000, { min: 1000 }),
    cacheTtlSeconds: int(env, 'CACHE_TTL_SECONDS', 30, { min: 1, max: 86_400 }),
    noteRetentionDays: int(env, 'NOTE_RETENTION_DAYS', 365, { min: 1 }),
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 400, { min: 30 }),
    retentionIntervalMs: int(env, 'RETENTION_INTERVAL_MS', 3_600_000, { min: 1000 }),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, { min: 100 }),
    logLevel: env.LOG_LEVEL || 'info',
    sentryDsn: env.SENTRY_DSN || null,
    release: env.RELEASE || 'dev',
  };
}
