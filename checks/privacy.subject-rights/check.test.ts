import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'fastify-routes', name: 'GET …/export and DELETE /v1/users/:userId in a Fastify plugin' },
    { fixture: 'django', name: 'Django URLs for export and account deletion' },
    { fixture: 'drf-viewset', name: 'a DRF ModelViewSet (DELETE users/:pk) with an export @action' },
    { fixture: 'cli-commands', name: 'a Flask CLI export command and a Django erase_user management command' },
  ],
  invalid: [
    { fixture: 'export-only', score: 0.5, findings: [{ id: 'no-delete' }] },
    { fixture: 'decoy', name: 'decoy: deleting notes, exporting reports, a privacy page and a commented-out route', score: 0, findings: [{ id: 'no-export' }, { id: 'no-delete' }] },
  ],
  notApplicable: [{ fixture: 'library' }],
});
