/**
 * The HTTP application, built from injected dependencies so tests drive it with `app.inject` and an
 * in-memory database, and `main.js` with real ones. Nothing here reads the environment.
 */
import Fastify, { LogController } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { bearer, verifyToken } from './auth.js';
import { captureError } from './observability/error-tracking.js';
import { attachRealtime } from './realtime.js';
import adminRoutes from './routes/admin.js';
import healthRoutes from './routes/health.js';
import notesRoutes from './routes/notes.js';
import privacyRoutes from './routes/privacy.js';

/** Per-request lines at debug level: at volume the access signal is the metrics histogram. */
class AccessLog extends LogController {
  incomingRequest(request) {
    request.log.debug({ req: request }, 'incoming request');
  }

  requestCompleted(error, request, reply) {
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/**
 * @param {{ config: ReturnType<typeof import('./config.js').loadConfig>, db: import('./db/driver.js').Database,
 *   redis: import('ioredis').Redis | null, cache: import('./cache.js').Cache, logger: import('pino').Logger,
 *   metrics: ReturnType<typeof import('./observability/metrics.js').createMetrics>, realtime?: boolean }} deps
 */
export async function buildApp(deps) {
  const { config, redis, logger, metrics } = deps;
  const state = { draining: false };
  const app = Fastify({
    loggerInstance: logger,
    logController: new AccessLog(),
    bodyLimit: 64 * 1024,
    trustProxy: config.production ? 1 : false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Unknown fields are refused (400), not silently dropped: clients learn about typos.
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('state', state);

  await app.register(helmet, {
    hsts: { maxAge: 31_536_000, includeSubDomains: true, preload: true },
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  await app.register(cors, { origin: config.corsOrigins, methods: ['GET', 'POST', 'DELETE'], maxAge: 600 });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    // Shared counters across workers and replicas when Redis is there; per process otherwise.
    redis: redis ?? undefined,
    nameSpace: `${config.redisPrefix}ratelimit:`,
    skipOnError: false,
    keyGenerator: (request) => verifyToken(config.authSecret, bearer(request.headers.authorization)) ?? `ip:${request.ip}`,
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ route, method: request.method, status: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
    if (reply.elapsedTime > 1000) request.log.warn({ route, ms: Math.round(reply.elapsedTime) }, 'slow request');
  });

  app.setErrorHandler((err, request, reply) => {
    if (err.validation) return reply.code(400).send({ error: 'invalid-request', message: err.message });
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.code ?? 'error', message: err.message });
    captureError(err, { logger: request.log, metrics, context: { route: request.routeOptions.url, method: request.method } });
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  await app.register(healthRoutes, { ...deps, state });
  await app.register(notesRoutes, deps);
  await app.register(privacyRoutes, deps);
  if (config.adminToken) await app.register(adminRoutes, deps);

  if (deps.realtime !== false) app.decorate('io', attachRealtime(app, deps));
  return app;
}
