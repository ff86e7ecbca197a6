import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'complete' },
    { fixture: 'settings-reviews', name: 'required reviews in .github/settings.yml, reST changelog' },
    { fixture: 'release-automation', name: 'GitHub release-notes config instead of a changelog' },
  ],
  invalid: [
    {
      fixture: 'invalid-owner',
      name: 'one owner without @ makes its line invalid; the other rule still counts',
      score: 1,
      status: 'pass',
      findings: [{ id: 'codeowners-invalid-owner', file: '.github/CODEOWNERS', line: 3 }],
    },
    {
      fixture: 'empty-things',
      score: 0,
      findings: [
        { id: 'codeowners-empty', file: '.github/CODEOWNERS', line: 1 },
        { id: 'pr-template-empty', file: '.github/pull_request_template.md', line: 1 },
        { id: 'changelog-empty', file: 'CHANGELOG.md', line: 1 },
      ],
    },
    { fixture: 'nothing', score: 0, findings: [{ id: 'no-reviews' }, { id: 'no-pr-template' }, { id: 'no-changelog' }] },
  ],
});
