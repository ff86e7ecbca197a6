import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'complete', name: 'one file per topic under docs/runbooks' },
    { fixture: 'single-runbook', name: 'one RUNBOOK.md with a section per topic' },
  ],
  invalid: [
    { fixture: 'partial', score: 0.5, findings: [{ id: 'missing-restore' }, { id: 'missing-alerts' }] },
    {
      fixture: 'empty-headings',
      name: 'headings without content are not procedures',
      score: 0,
      findings: [{ id: 'missing-deploy' }, { id: 'missing-rollback' }, { id: 'missing-restore' }, { id: 'missing-alerts' }],
    },
    { fixture: 'none', score: 0, findings: [{ id: 'missing' }] },
  ],
});
