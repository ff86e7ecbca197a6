import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'flask-redis-workers', name: 'Flask-Caching CACHE_TYPE RedisCache from the config class, 4 workers' },
    { fixture: 'flask-simple-single', name: 'SimpleCache with a single gunicorn worker' },
    { fixture: 'django-redis', name: 'Django RedisCache with 3 workers' },
    { fixture: 'nest-redis-store', name: 'NestJS CacheModule with a Redis store behind 3 replicas' },
  ],
  invalid: [
    { fixture: 'flask-simple-workers', name: 'SimpleCache while gunicorn runs 4 workers', score: 0, findings: [{ id: 'per-process-cache', file: 'app.py', line: 5 }] },
    { fixture: 'django-locmem-default', name: 'cache_page with no CACHES (LocMemCache) behind 2 replicas', findings: [{ id: 'per-process-cache', file: 'shop/views.py', line: 2 }] },
    { fixture: 'django-filebased-replicas', name: 'file-based default cache behind replicas; a Redis alias shares the rest', score: 0.5, findings: [{ id: 'per-host-cache', file: 'mysite/settings.py', line: 3 }] },
    { fixture: 'fastapi-inmemory', name: 'fastapi-cache InMemoryBackend with uvicorn --workers 4', findings: [{ id: 'per-process-cache', file: 'main.py', line: 10 }] },
    { fixture: 'node-cache-pm2', name: 'node-cache under pm2 -i 4', findings: [{ id: 'per-process-cache', file: 'cache.js', line: 3 }] },
    { fixture: 'cache-manager-memory-replicas', name: 'cache-manager createCache() with no stores behind 3 Compose replicas', findings: [{ id: 'per-process-cache', file: 'src/cache.ts', line: 3 }] },
  ],
  notApplicable: [
    { fixture: 'null-cache', name: "Flask-Caching without CACHE_TYPE is the null cache: nothing cached" },
    { fixture: 'no-cache' },
  ],
});
