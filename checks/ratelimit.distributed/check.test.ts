import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import { startService, type TestService } from '../../test/live/servers.js';
import check from './index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

new CheckTester(check, fixtures).run({
  valid: [
    { fixture: 'flask-limiter-redis', name: 'Flask-Limiter on Redis behind 4 gunicorn workers' },
    { fixture: 'flask-limiter-memory-single', name: 'memory:// is exact when one process serves traffic' },
    { fixture: 'flask-limiter-config', name: 'storage from app.config, read from env, behind 3 replicas' },
    { fixture: 'drf-redis', name: 'DRF throttling with a Redis cache' },
    { fixture: 'express-redis', name: 'express-rate-limit with rate-limit-redis behind replicas' },
    { fixture: 'fastify-redis', name: '@fastify/rate-limit with a redis client' },
    { fixture: 'nest-throttler-single', name: 'in-memory throttler, single process' },
    { fixture: 'nginx-limit-req', name: 'nginx limit_req in front of 3 replicas' },
    { fixture: 'ingress-limit', name: 'ingress-nginx limit-rps annotation' },
  ],
  invalid: [
    { fixture: 'no-limiter', name: 'nothing limits requests', score: 0, findings: [{ id: 'no-rate-limiter' }] },
    { fixture: 'flask-limiter-memory-workers', name: 'default memory:// with gunicorn.conf.py cpu-based workers', score: 0.5, findings: [{ id: 'per-process-store', file: 'app.py', line: 6 }] },
    { fixture: 'flask-limiter-env-memory', name: 'the Deployment sets the storage variable to memory://', score: 0.5, findings: [{ id: 'per-process-store', file: 'app.py', line: 8 }] },
    { fixture: 'k8s-args-workers', name: 'memory:// with gunicorn --workers 4 in the container command/args', score: 0.5, findings: [{ id: 'per-process-store', file: 'app.py', line: 6 }] },
    { fixture: 'slowapi-replicas', score: 0.5, findings: [{ id: 'per-process-store', file: 'main.py', line: 5 }] },
    { fixture: 'django-ratelimit-locmem', name: 'django-ratelimit on LocMemCache, autoscaled to 5', score: 0.5, findings: [{ id: 'per-process-store', file: 'shop/views.py', line: 5 }] },
    { fixture: 'express-memory-replicas', score: 0.5, findings: [{ id: 'per-process-store', file: 'src/app.js', line: 5 }] },
    { fixture: 'flexible-memory-pm2', name: 'RateLimiterMemory under pm2 -i max', score: 0.5, findings: [{ id: 'per-process-store', file: 'server.js', line: 4 }] },
    { fixture: 'fastify-memory-replicas', score: 0.5, findings: [{ id: 'per-process-store', file: 'src/server.ts', line: 5 }] },
  ],
  notApplicable: [{ fixture: 'no-code' }, { fixture: 'batch-job', name: 'a batch job is not a web service' }],
});

describe('ratelimit.distributed live burst', () => {
  let limited: TestService;
  let open: TestService;
  beforeAll(async () => {
    limited = await startService({ cors: [], limit: 30 });
    open = await startService({ cors: [] });
  });
  afterAll(async () => {
    await limited.close();
    await open.close();
  });

  it('passes when a burst meets a 429, and stops there', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'flask-limiter-redis'), {}, limited.url);
    expect(r.status).toBe('pass');
    expect(r.notes?.some((n) => /^live: 429 after \d+ requests/.test(n))).toBe(true);
    expect(limited.requests()).toBeLessThan(120);
  });

  it('adds live-no-429 after a bounded burst that never meets one', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'flask-limiter-redis'), { burstCount: 60, burstSeconds: 5 }, open.url);
    expect(r.findings.map((f) => f.id)).toEqual(['live-no-429']);
    expect(r.score).toBe(0.5);
    expect(open.requests()).toBe(60);
  });

  it('never bursts a host that is not loopback or allowed', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'no-limiter'), {}, 'http://service.invalid/');
    expect(r.findings.map((f) => f.id)).toEqual(['no-rate-limiter']);
    expect(r.notes).toContain('live: burst skipped, service.invalid is not loopback and not in burstHosts');
  });
});
