import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import check from './index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

new CheckTester(check, fixtures).run({
  valid: [
    { fixture: 'flask-both', name: 'Flask /healthz and /readyz' },
    { fixture: 'fastify-k8s', name: 'Fastify plugin routes with k8s probes pointing at them' },
    { fixture: 'django-health-check', name: "django-health-check's URLs" },
    { fixture: 'nest', name: 'NestJS controller' },
  ],
  invalid: [
    { fixture: 'express-health-only', score: 0.5, findings: [{ id: 'no-readiness', file: 'server.js', line: 4 }] },
    {
      fixture: 'decoy-comment',
      name: 'decoy: a commented-out route and HEALTHCHECK, a README and an HTTP client call',
      score: 0,
      findings: [{ id: 'no-health-endpoints' }],
    },
    {
      fixture: 'probe-mismatch',
      name: 'probes call a path the code does not serve',
      score: [0.59, 0.61],
      findings: [
        { id: 'probes-not-pointing', file: 'deploy/deployment.yaml', line: 1 },
        { id: 'probe-path-unknown', file: 'deploy/deployment.yaml', line: 19 },
        { id: 'probe-path-unknown', file: 'deploy/deployment.yaml', line: 21 },
      ],
    },
  ],
  notApplicable: [{ fixture: 'library' }],
});

describe('monitoring.health-endpoints live', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? 200 : 503;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports an endpoint that does not answer 200', async () => {
    const result = await runCheckOn(check, path.join(fixtures, 'flask-both'), {}, url);
    expect(result.findings.map((f) => f.id)).toEqual(['live-not-ok']);
    expect(result.score).toBeCloseTo(0.5, 3);
  });
});
