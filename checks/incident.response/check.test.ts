import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'complete', name: 'SEV table, escalation section, postmortem template' },
    { fixture: 'pagerduty-text', name: 'reST priorities with PagerDuty paging, issue-template postmortem with bold labels' },
  ],
  invalid: [
    { fixture: 'no-escalation', score: 0.35, findings: [{ id: 'no-escalation', file: 'docs/incident-response.md' }, { id: 'no-postmortem-template' }] },
    {
      fixture: 'decoy-product',
      name: 'decoy: product API docs about incidents under docs/runbooks',
      score: 0,
      findings: [{ id: 'no-severity-levels', file: 'docs/runbooks/incidents.md' }, { id: 'no-escalation', file: 'docs/runbooks/incidents.md' }, { id: 'no-postmortem-template' }],
    },
    { fixture: 'postmortem-incomplete', score: 0.8, findings: [{ id: 'postmortem-incomplete', file: 'docs/postmortem.md' }] },
    { fixture: 'none', score: 0, findings: [{ id: 'no-incident-doc' }, { id: 'no-postmortem-template' }] },
  ],
  notApplicable: [{ fixture: 'library', name: 'a library: code but no service' }],
});
