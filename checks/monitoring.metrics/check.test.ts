import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'flask-route', name: 'Flask /metrics serving generate_latest()' },
    { fixture: 'python-http-server', name: 'prometheus_client.start_http_server' },
    { fixture: 'express-route', name: 'prom-client registry on an Express /metrics route' },
    { fixture: 'fastify-plugin', name: 'fastify-metrics registered' },
    { fixture: 'ddtrace-run', name: 'ddtrace-run wraps the server command' },
  ],
  invalid: [
    { fixture: 'library-no-exporter', name: 'decoy: prom-client counters nobody can scrape', score: 0.3, findings: [{ id: 'library-no-exporter', file: 'src/metrics.js', line: 1 }] },
    { fixture: 'none', name: 'decoy: an exporter only in comments and the README', score: 0, findings: [{ id: 'no-metrics' }] },
  ],
  notApplicable: [{ fixture: 'library', name: 'a library: code but no service' }],
});
