import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'fastify-data', name: 'export and delete routes audit (directly and through a helper)' },
    { fixture: 'flask-login', name: 'login to an audit logger, role change through record_audit' },
    { fixture: 'django-easyaudit', name: 'django-easy-audit installed' },
  ],
  invalid: [
    { fixture: 'partial', score: 0.7, findings: [{ id: 'not-audited-permission', file: 'server.js', line: 9 }] },
    { fixture: 'decoy', name: 'decoy: a plain log line, a commented-out audit call and a README', score: 0, findings: [{ id: 'no-audit-log' }] },
  ],
  notApplicable: [{ fixture: 'library' }],
});
