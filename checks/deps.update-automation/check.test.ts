import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'dependabot-full', name: 'Dependabot entries for the npm root and the pip folder' },
    { fixture: 'dependabot-globs', name: 'directories globs cover every service' },
    { fixture: 'renovate', name: 'Renovate with its default managers' },
    { fixture: 'audit-in-ci', name: 'pip-audit on push and pull requests' },
    { fixture: 'gitlab-template', name: "GitLab's Dependency-Scanning template" },
  ],
  invalid: [
    {
      fixture: 'dependabot-partial',
      name: 'the pip folder has no update entry',
      score: 0.5,
      findings: [{ id: 'manifest-not-updated', file: '.github/dependabot.yml', line: 3 }],
    },
    { fixture: 'renovate-disabled', name: 'Renovate switched off', score: 0, findings: [{ id: 'no-update-automation' }] },
    { fixture: 'manual-audit-only', name: 'an audit nobody runs automatically', score: 0, findings: [{ id: 'no-update-automation' }] },
    { fixture: 'none', score: 0, findings: [{ id: 'no-update-automation' }] },
    {
      fixture: 'invalid-dependabot',
      name: 'an entry without a schedule does nothing',
      score: 0,
      findings: [
        { id: 'invalid-dependabot', file: '.github/dependabot.yml', line: 3 },
        { id: 'no-update-automation' },
      ],
    },
  ],
  notApplicable: [{ fixture: 'empty' }],
});
