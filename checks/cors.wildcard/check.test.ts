import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import { closedPortUrl, startService, type TestService } from '../../test/live/servers.js';
import check from './index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

new CheckTester(check, fixtures).run({
  valid: [
    { fixture: 'flask-allowlist', name: 'Flask-CORS with an explicit list and credentials' },
    { fixture: 'flask-init-app', name: 'CORS() extension whose origins come later in init_app, from env' },
    { fixture: 'flask-config-origins', name: 'CORS(app) with CORS_ORIGINS in the config class' },
    { fixture: 'flask-tests-only', name: 'a wildcard in tests is not the service' },
    { fixture: 'socketio-default', name: 'Flask-SocketIO without cors_allowed_origins is same-origin' },
    { fixture: 'python-socketio-allowlist', name: 'python-socketio origins from env with a concrete fallback' },
    { fixture: 'fastapi-allowlist', name: 'Starlette Middleware(CORSMiddleware) with origins from settings' },
    { fixture: 'django-dev-only', name: 'allow-all only in dev settings; production overrides with a list' },
    { fixture: 'express-env', name: 'cors() origins from process.env' },
    { fixture: 'fastify-allowlist', name: '@fastify/cors with strings and a RegExp' },
    { fixture: 'nest-allowlist', name: 'NestFactory.create cors options and enableCors from env' },
    { fixture: 'socketio-node-default', name: 'Socket.IO without cors, and with a list' },
    { fixture: 'nginx-checked', name: 'nginx echoes $http_origin only inside an if that tests it' },
  ],
  invalid: [
    { fixture: 'flask-default', score: 0, findings: [{ id: 'default-all-origins', file: 'app.py', line: 5 }] },
    { fixture: 'flask-resources-credentials', findings: [{ id: 'credentials-with-wildcard', file: 'app.py', line: 7 }] },
    { fixture: 'flask-init-app-wildcard', findings: [{ id: 'wildcard-origin', file: 'myapp/__init__.py', line: 8 }] },
    { fixture: 'flask-decorator', findings: [{ id: 'default-all-origins', file: 'views.py', line: 8 }] },
    { fixture: 'flask-manual-header', name: 'a guarded echo passes, a literal * does not', findings: [{ id: 'wildcard-origin', file: 'app.py', line: 12 }] },
    {
      fixture: 'python-reflect',
      name: 'Flask and Django echo the request Origin (with a fallback)',
      findings: [
        { id: 'reflected-origin', file: 'app.py', line: 8 },
        { id: 'reflected-origin', file: 'views.py', line: 6 },
      ],
    },
    { fixture: 'socketio-wildcard', findings: [{ id: 'wildcard-origin', file: 'app.py', line: 5 }] },
    { fixture: 'socketio-init-app', name: 'init_app with a constant list holding *', findings: [{ id: 'wildcard-origin', file: 'app.py', line: 5 }] },
    { fixture: 'fastapi-wildcard-credentials', findings: [{ id: 'credentials-with-wildcard', file: 'main.py', line: 8 }] },
    { fixture: 'fastapi-regex', findings: [{ id: 'wildcard-origin', file: 'main.py', line: 5 }] },
    { fixture: 'django-allow-all', name: 'allow-all in base settings inherited by production', findings: [{ id: 'allow-all-origins', file: 'mysite/settings/base.py', line: 3 }] },
    { fixture: 'django-regex', findings: [{ id: 'wildcard-origin', file: 'settings.py', line: 5 }] },
    { fixture: 'express-default', findings: [{ id: 'default-all-origins', file: 'src/server.js', line: 5 }] },
    { fixture: 'express-reflect-credentials', findings: [{ id: 'credentials-with-wildcard', file: 'src/app.ts', line: 7 }] },
    { fixture: 'express-fallback', score: 0.5, status: 'partial', findings: [{ id: 'wildcard-fallback', file: 'server.mjs', line: 7, severity: 'high' }] },
    { fixture: 'express-callback', name: 'a callback that allows everything; a real allow-list callback passes', findings: [{ id: 'reflected-origin', file: 'server.js', line: 7 }] },
    {
      fixture: 'express-manual-header',
      findings: [
        { id: 'reflected-origin', file: 'server.js', line: 14 },
        { id: 'wildcard-origin', file: 'server.js', line: 15 },
      ],
    },
    { fixture: 'fastify-default', name: '@fastify/cors defaults to *', findings: [{ id: 'default-all-origins', file: 'src/server.ts', line: 5 }] },
    { fixture: 'fastify-reflect', findings: [{ id: 'credentials-with-wildcard', file: 'server.js', line: 3 }] },
    { fixture: 'nest-default', findings: [{ id: 'default-all-origins', file: 'src/main.ts', line: 6 }] },
    { fixture: 'nest-cors-true', findings: [{ id: 'default-all-origins', file: 'src/main.ts', line: 5 }] },
    { fixture: 'socketio-node-wildcard', findings: [{ id: 'wildcard-origin', file: 'src/realtime.ts', line: 7 }] },
    {
      fixture: 'nginx-wildcard',
      findings: [
        { id: 'wildcard-origin', file: 'deploy/nginx/nginx.conf', line: 7 },
        { id: 'reflected-origin', file: 'deploy/nginx/nginx.conf', line: 12 },
      ],
    },
  ],
  notApplicable: [{ fixture: 'no-code' }],
});

describe('cors.wildcard live probe', () => {
  let good: TestService;
  let bad: TestService;
  beforeAll(async () => {
    good = await startService({ cors: ['https://app.example.com'] });
    bad = await startService({ cors: 'reflect', credentials: true });
  });
  afterAll(async () => {
    await good.close();
    await bad.close();
  });

  it('adds nothing when the service refuses a foreign origin', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'flask-allowlist'), {}, good.url);
    expect(r.status).toBe('pass');
    expect(r.notes?.some((n) => n.startsWith('live:'))).toBe(true);
  });

  it('adds a live finding to the static ones when the origin is reflected', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'flask-default'), {}, bad.url);
    expect(r.findings.map((f) => f.id).sort()).toEqual(['default-all-origins', 'live-reflected-origin']);
    expect(r.findings.find((f) => f.id === 'live-reflected-origin')?.message).toMatch(/^live: .*Credentials/);
  });

  it('fails a statically clean repository whose service answers *', async () => {
    const star = await startService({ cors: '*' });
    try {
      const r = await runCheckOn(check, path.join(fixtures, 'flask-allowlist'), {}, star.url);
      expect(r.status).toBe('fail');
      expect(r.findings.map((f) => f.id)).toEqual(['live-wildcard']);
    } finally {
      await star.close();
    }
  });

  it('applies with --url even without code, and reports an unreachable service as an error', async () => {
    const r = await runCheckOn(check, path.join(fixtures, 'no-code'), {}, await closedPortUrl());
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/ \(ECONNREFUSED\)/);
  });
});
