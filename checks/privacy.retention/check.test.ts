import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'celery-purge', name: 'policy + Celery beat task deleting expired rows through the ORM' },
    { fixture: 'k8s-sql', name: 'retention doc + CronJob running a SQL delete' },
    { fixture: 'mongo-ttl', name: 'policy + Mongoose TTL field' },
    { fixture: 'node-timer', name: 'policy + in-process timer running a retention query' },
    { fixture: 'policy-table', name: 'periods in a privacy table with a "kept" column' },
  ],
  invalid: [
    { fixture: 'policy-only', score: 0.4, findings: [{ id: 'retention-not-enforced' }] },
    { fixture: 'unscheduled', score: 0.7, findings: [{ id: 'purge-not-scheduled', file: 'scripts/purge_old_notes.py', line: 6 }] },
    { fixture: 'decoy', name: 'decoy: retention only in a code comment', score: 0, findings: [{ id: 'no-retention-policy' }, { id: 'retention-not-enforced' }] },
  ],
  notApplicable: [{ fixture: 'no-database' }],
});
