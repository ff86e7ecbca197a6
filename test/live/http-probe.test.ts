import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsVerdict, isLoopbackUrl, LiveProbeError, probeBurst, probeCors, probeHeaders, probeHealth, resolveUrl } from '../../src/live/http-probe.js';
import { closedPortUrl, startService, type TestService } from './servers.js';

let good: TestService;
let bad: TestService;
beforeAll(async () => {
  good = await startService({ cors: ['https://app.example'], securityHeaders: true, limit: 20 });
  bad = await startService({ cors: 'reflect', credentials: true });
});
afterAll(async () => {
  await good.close();
  await bad.close();
});

describe('live probes on loopback services', () => {
  it('tells an allow-list from a reflected origin', async () => {
    const g = await probeCors(good.url);
    expect(corsVerdict(g.preflight)).toBe('restricted');
    expect(corsVerdict(g.simple)).toBe('restricted');
    const b = await probeCors(bad.url);
    expect(corsVerdict(b.preflight)).toBe('reflected');
    expect(b.preflight.allowCredentials).toBe(true);
  });

  it('reads security headers', async () => {
    const g = await probeHeaders(good.url);
    expect(g).toMatchObject({ status: 200, https: false, contentTypeOptions: 'nosniff', frameProtection: true });
    expect(g.hsts).toContain('max-age');
    const b = await probeHeaders(bad.url);
    expect(b).toMatchObject({ hsts: null, contentTypeOptions: null, frameProtection: false, csp: null });
  });

  it('bounds a burst by count and stops at the first 429', async () => {
    const before = good.requests();
    const g = await probeBurst(good.url, { count: 120, seconds: 10 });
    expect(g.first429).not.toBeNull();
    expect(g.sent).toBeLessThan(120);
    const b = await probeBurst(bad.url, { count: 40, seconds: 10 });
    expect(b).toMatchObject({ sent: 40, first429: null });
    expect(b.statuses[200]).toBe(40);
    expect(good.requests() - before).toBe(g.sent);
  });

  it('bounds a burst by time', async () => {
    const r = await probeBurst(bad.url, { count: 1_000_000, seconds: 0.3, concurrency: 2 });
    expect(r.first429).toBeNull();
    expect(r.elapsedMs).toBeLessThan(3000);
    expect(r.sent).toBeLessThan(1_000_000);
  });

  it('reports an unreachable service as a clear error', async () => {
    const url = await closedPortUrl();
    await expect(probeHeaders(url)).rejects.toThrow(LiveProbeError);
    await expect(probeHeaders(url)).rejects.toThrow(/cannot reach .*ECONNREFUSED/);
    const health = await probeHealth(url, ['/health']);
    expect(health[0].status).toBeNull();
  });

  it('probes health paths under a base path', async () => {
    expect(resolveUrl('http://h:1/api/', '/health')).toBe('http://h:1/api/health');
    expect(resolveUrl('http://h:1', '/health')).toBe('http://h:1/health');
    const r = await probeHealth(bad.url, ['/healthz']);
    expect(r[0].status).toBe(200);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8080/')).toBe(true);
    expect(isLoopbackUrl('http://localhost/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3000/')).toBe(true);
    expect(isLoopbackUrl('https://example.com/')).toBe(false);
  });
});
