/**
 * Opens what the service talks to: the database (PostgreSQL or embedded PGlite), Redis when
 * REDIS_URL is set, and the cache on top of whichever is there.
 */
import { memoryCache, redisCache } from './cache.js';
import { openDatabase } from './db/driver.js';

export async function openDependencies(config, logger) {
  const db = await openDatabase(config);
  let redis = null;
  if (config.redisUrl) {
    const { Redis } = await import('ioredis');
    // Fail fast rather than queue commands forever: readiness reports the outage instead.
    redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5000, enableOfflineQueue: true, lazyConnect: true });
    redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'redis error'));
    await redis.connect();
  }
  const cache = redis ? redisCache(redis, `${config.redisPrefix}cache:`, config.cacheTtlSeconds) : memoryCache(config.cacheTtlSeconds);
  return {
    db,
    redis,
    cache,
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
      await db.close();
    },
  };
}
