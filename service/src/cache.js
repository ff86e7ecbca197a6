/**
 * Read-through cache for users' note lists. With REDIS_URL every worker and replica shares it
 * (a write on one worker invalidates the entry everyone reads); without, a bounded in-process map
 * stands in, which is only correct for a single process — config refuses WORKERS > 1 then.
 *
 * @typedef {{ get(key: string): Promise<unknown>, set(key: string, value: unknown): Promise<void>,
 *   del(key: string): Promise<void>, clear(): Promise<void> }} Cache
 */

/** @returns {Cache} */
export function redisCache(redis, prefix, ttlSeconds) {
  return {
    async get(key) {
      const raw = await redis.get(prefix + key);
      return raw === null ? undefined : JSON.parse(raw);
    },
    async set(key, value) {
      await redis.set(prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
    },
    async del(key) {
      await redis.del(prefix + key);
    },
    async clear() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
  };
}

/** @returns {Cache} */
export function memoryCache(ttlSeconds, maxEntries = 10_000) {
  const entries = new Map();
  return {
    async get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expires < Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    async set(key, value) {
      // Maps iterate in insertion order: dropping the first key evicts the oldest entry.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value);
      entries.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
    },
    async del(key) {
      entries.delete(key);
    },
    async clear() {
      entries.clear();
    },
  };
}
