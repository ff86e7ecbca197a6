import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'flask-sentry', name: 'sentry_sdk.init with a DSN from the environment' },
    { fixture: 'node-dynamic-import', name: 'Sentry.init after a dynamic import()' },
    { fixture: 'express-esm', name: 'namespace import of @sentry/node' },
    { fixture: 'otel-node', name: 'OpenTelemetry NodeSDK started' },
  ],
  invalid: [
    { fixture: 'comment-decoy', name: 'decoy: Sentry only in a comment and the README', score: 0, findings: [{ id: 'no-error-tracking' }] },
    { fixture: 'imported-only', score: 0, findings: [{ id: 'not-initialised', file: 'app.py', line: 1 }] },
    { fixture: 'dependency-only', score: 0, findings: [{ id: 'not-initialised', file: 'requirements.txt', line: 2 }] },
    { fixture: 'empty-dsn', score: 0.2, findings: [{ id: 'tracker-disabled', file: 'index.js', line: 3 }] },
    { fixture: 'tests-only', name: 'decoy: initialised only in the test suite', score: 0, findings: [{ id: 'no-error-tracking' }] },
  ],
  notApplicable: [{ fixture: 'library', name: 'a library: code but no service' }, { fixture: 'no-code' }],
});
