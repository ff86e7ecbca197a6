/**
 * Entry point. One process per worker: with WORKERS > 1 the primary migrates once, forks the
 * workers (they share the port) and replaces any that dies; each worker serves until SIGTERM, then
 * drains: readiness turns 503, sockets are told to reconnect elsewhere, in-flight requests finish,
 * connections close, and the process exits — or is cut off after SHUTDOWN_TIMEOUT_MS.
 */
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDependencies } from './dependencies.js';
import { openDatabase } from './db/driver.js';
import { migrate } from './db/migrate.js';
import { scheduleRetention } from './jobs/retention.js';
import { captureError, flushErrorTracking, initErrorTracking } from './observability/error-tracking.js';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';

const config = loadConfig();
const logger = createLogger(config);
// Loaded only for several workers: with node:cluster loaded, PGlite's WASM start-up never settles.
const cluster = config.workers > 1 ? (await import('node:cluster')).default : null;

if (cluster?.isPrimary) await runPrimary();
else await runWorker();

async function runPrimary() {
  const db = await openDatabase(config);
  const applied = await migrate(db, config.dbSchema);
  await db.close();
  logger.info({ applied, workers: config.workers }, 'migrations applied, starting workers');
  let stopping = false;
  let restarts = 0;
  for (let i = 0; i < config.workers; i++) cluster.fork({ MINA_WORKER_MIGRATED: '1' });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died');
    // A crash loop is a bug to page on, not something to paper over forever.
    if (++restarts > config.workers * 5) return shutdownPrimary(1);
    cluster.fork({ MINA_WORKER_MIGRATED: '1' });
  });
  const shutdownPrimary = (code = 0) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter(Boolean);
    for (const w of alive) w.process.kill('SIGTERM');
    const timer = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 2000);
    timer.unref();
    let left = alive.length;
    if (left === 0) process.exit(code);
    cluster.on('exit', () => --left === 0 && process.exit(code));
  };
  process.on('SIGTERM', () => shutdownPrimary(0));
  process.on('SIGINT', () => shutdownPrimary(0));
}

async function runWorker() {
  await initErrorTracking(config, logger);
  const metrics = createMetrics();
  const deps = await openDependencies(config, logger);
  if (!process.env.MINA_WORKER_MIGRATED) {
    const applied = await migrate(deps.db, config.dbSchema);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  const app = await buildApp({ config, ...deps, logger, metrics });
  const stopRetention = scheduleRetention(deps.db, config, { logger, metrics });
  await app.listen({ host: config.host, port: config.port });
  logger.info({ url: `http://${config.host}:${config.port}`, database: deps.db.kind, redis: Boolean(deps.redis) }, 'listening');

  let closing = false;
  const shutdown = async (reason, code = 0) => {
    if (closing) return;
    closing = true;
    logger.info({ reason }, 'shutting down');
    app.state.draining = true;
    const timer = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      stopRetention();
      await app.close();
      await deps.close();
      await flushErrorTracking();
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      code = 1;
    }
    logger.flush?.();
    process.exit(code);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (err) => captureError(err, { logger, metrics, kind: 'unhandled-rejection' }));
  process.on('uncaughtException', (err) => {
    captureError(err, { logger, metrics, kind: 'uncaught-exception' });
    shutdown('uncaughtException', 1);
  });
}
