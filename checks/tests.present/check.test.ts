import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'pytest-github', name: 'pytest run by a GitHub workflow on push and PR' },
    { fixture: 'vitest-npm', name: 'vitest through npm test' },
    { fixture: 'go-gitlab', name: 'go test in GitLab CI' },
    { fixture: 'django-tests-module', name: "Django's tests.py module run by manage.py test" },
  ],
  invalid: [
    { fixture: 'tests-no-ci', score: 0.5, findings: [{ id: 'tests-not-in-ci', file: 'tests/test_app.py', line: 4 }] },
    { fixture: 'scheduled-only', score: 0.7, findings: [{ id: 'tests-not-on-push-or-pr', file: '.github/workflows/nightly.yml', line: 5 }] },
    { fixture: 'decoy-empty-tests', name: 'decoy: a tests folder with only fixtures, CI running pytest', score: 0, findings: [{ id: 'no-tests', file: '.github/workflows/ci.yml', line: 11 }] },
  ],
  notApplicable: [{ fixture: 'no-code' }],
});
