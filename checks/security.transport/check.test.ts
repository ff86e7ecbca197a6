import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import { startService, type TestService } from '../../test/live/servers.js';
import check from './index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

new CheckTester(check, fixtures).run({
  valid: [
    { fixture: 'flask-talisman', name: 'Flask-Talisman defaults: force_https and HSTS' },
    { fixture: 'verify-from-env', name: 'verify= a CA bundle from env (True when unset)' },
    { fixture: 'django-secure', name: 'SECURE_SSL_REDIRECT and SECURE_HSTS_SECONDS in production settings' },
    { fixture: 'fastapi-redirect', name: 'HTTPSRedirectMiddleware' },
    { fixture: 'express-helmet', name: 'helmet() sends HSTS by default' },
    { fixture: 'fastify-helmet', name: '@fastify/helmet registered' },
    { fixture: 'ingress-tls', name: 'TLS terminated at the Ingress' },
    { fixture: 'nginx-https', name: 'nginx redirects to https and sends HSTS' },
  ],
  invalid: [
    { fixture: 'flask-talisman-off', score: 0.6, findings: [{ id: 'https-disabled', file: 'app.py', line: 5 }] },
    {
      fixture: 'requests-verify-false',
      score: 0.6,
      findings: [
        { id: 'tls-verify-disabled', file: 'app.py', line: 9 },
        { id: 'tls-verify-disabled', file: 'app.py', line: 14 },
        { id: 'tls-verify-disabled', file: 'app.py', line: 15 },
      ],
    },
    { fixture: 'django-no-https', name: 'nothing enforces HTTPS', score: 0.6, findings: [{ id: 'https-not-enforced' }] },
    { fixture: 'express-helmet-hsts-off', findings: [{ id: 'hsts-disabled', file: 'src/app.js', line: 7 }] },
    {
      fixture: 'node-reject-unauthorized',
      findings: [
        { id: 'tls-verify-disabled', file: 'src/clients.ts', line: 9 },
        { id: 'tls-verify-disabled', file: 'src/clients.ts', line: 12 },
      ],
    },
    {
      fixture: 'node-tls-env',
      findings: [
        { id: 'tls-verify-disabled', file: 'server.js', line: 4 },
        { id: 'tls-verify-disabled', file: 'Dockerfile', line: 2 },
      ],
    },
    { fixture: 'ingress-ssl-redirect-off', findings: [{ id: 'https-disabled', file: 'k8s/ingress.yaml', line: 6 }] },
    {
      fixture: 'db-sslmode-disable',
      score: 0.7,
      findings: [
        { id: 'db-tls-disabled', file: 'src/server.ts', line: 7 },
        { id: 'db-tls-disabled', file: 'k8s/deployment.yaml', line: 12 },
      ],
    },
  ],
  notApplicable: [{ fixture: 'library', name: 'a library with no web framework' }],
});

describe('security.transport live headers', () => {
  let hardened: TestService;
  let bare: TestService;
  beforeAll(async () => {
    hardened = await startService({ cors: [], securityHeaders: true });
    bare = await startService({ cors: [] });
  });
  afterAll(async () => {
    await hardened.close();
    await bare.close();
  });

  it('adds nothing when the service sends the security headers', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'flask-talisman'), {}, hardened.url);
    expect(r.status).toBe('pass');
    expect(r.notes).toContain('live: 200, HSTS present, nosniff present, frame protection present, CSP present');
  });

  it('reports each missing header as a live finding next to the static ones', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'express-helmet'), {}, bare.url);
    expect(r.findings.map((f) => f.id).sort()).toEqual(['live-no-csp', 'live-no-frame-protection', 'live-no-nosniff']);
    expect(r.findings.every((f) => f.message.startsWith('live: ') && f.severity === 'low')).toBe(true);
    expect(r.score).toBeCloseTo(0.7);
  });
});
