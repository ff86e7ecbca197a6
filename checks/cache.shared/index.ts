/**
 * cache.shared: when more than one process serves traffic, the application cache is shared
 * (Redis, Memcached, a database) rather than kept in each worker's memory, where entries diverge,
 * invalidations reach one process only and memory is spent once per worker.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { cachesFact } from '../../src/facts/caches/index.js';
import { servingFact } from '../../src/facts/serving.js';

export default defineCheck({
  meta: {
    id: 'cache.shared',
    title: 'A shared cache for multi-worker deployments',
    category: 'performance',
    severity: 'low',
    description: 'A shared cache (Redis/Memcached) is configured when more than one worker or replica serves traffic; no per-process-only cache.',
  },
  async applies({ repo }) {
    const caches = (await repo.fact(cachesFact)).filter((c) => c.store !== 'none');
    return caches.length > 0 || { applies: false, reason: 'no application cache configured (Flask-Caching, Django CACHES, fastapi-cache, aiocache, dogpile, cache-manager, NestJS CacheModule, Keyv, node-cache, apicache)' };
  },
  async run({ repo }) {
    const [all, serving] = await Promise.all([repo.fact(cachesFact), repo.fact(servingFact)]);
    const caches = all.filter((c) => c.store !== 'none');
    const notes = caches.map((c) => `${c.library} at ${c.file}:${c.line}: ${c.backend} (${c.store === 'config' ? 'backend from configuration' : c.store})`);
    const multi = serving.multiProcess;
    if (!multi) {
      notes.push('one process serves traffic: an in-process cache is coherent');
      return { score: 1, findings: [], notes };
    }
    const replicated = serving.replicas.find((r) => r.count > 1);
    const findings: Finding[] = [];
    for (const c of caches) {
      if (c.store === 'process') {
        findings.push({ id: 'per-process-cache', file: c.file, line: c.line, message: `${c.library} keeps entries in each worker's memory (${c.backend}), and more than one process serves traffic (${multi.reason}): every process caches and invalidates on its own, so responses disagree and memory is spent once per worker`, hint: 'use a shared backend: Flask-Caching CACHE_TYPE="RedisCache", Django django.core.cache.backends.redis.RedisCache, fastapi-cache RedisBackend, cache-manager with a Redis store' });
      } else if (c.store === 'host' && replicated) {
        findings.push({ id: 'per-host-cache', file: c.file, line: c.line, message: `${c.library} keeps entries on the local disk (${c.backend}) while ${replicated.count} replicas run: each replica has its own cache`, hint: 'use Redis or Memcached so every replica shares one cache' });
      }
    }
    const shared = caches.some((c) => c.store === 'shared' || c.store === 'config');
    return { score: findings.length === 0 ? 1 : shared ? 0.5 : 0, findings, notes };
  },
});
