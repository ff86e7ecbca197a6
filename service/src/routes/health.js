/**
 * Liveness (`/healthz`: the process answers) is kept apart from readiness (`/readyz`: the database
 * and Redis answer and the process is not draining), so Kubernetes restarts a wedged pod but only
 * stops routing to one whose dependencies are down. `/metrics` is Prometheus' text format.
 */
export default async function healthRoutes(app, { db, redis, metrics, state }) {
  const noLimit = { rateLimit: false };
  app.get('/healthz', { config: noLimit }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: noLimit }, async (request, reply) => {
    if (state.draining) return reply.code(503).send({ status: 'draining' });
    const checks = {};
    try {
      await db.query('SELECT 1');
      checks.database = 'ok';
      if (redis) checks.redis = (await redis.ping()) === 'PONG' ? 'ok' : 'fail';
    } catch (err) {
      request.log.warn({ err: { message: err.message } }, 'readiness dependency failed');
      return reply.code(503).send({ status: 'unavailable', checks });
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', checks });
  });

  app.get('/metrics', { config: noLimit }, async (request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
