import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'github-matrix', name: 'GitHub matrix build: npm ci + npm test on push to main and pull_request' },
    { fixture: 'github-reusable', name: 'caller on push/PR runs a local reusable workflow whose composite action installs deps' },
    { fixture: 'gitlab-include-extends', name: 'GitLab job extends a hidden job from a local include; MR + branch workflow rules' },
    { fixture: 'circleci-workflow', name: 'CircleCI workflow without filters builds every branch' },
    { fixture: 'azure-dotnet', name: 'Azure Pipelines with default triggers and DotNetCoreCLI build/test tasks' },
    { fixture: 'jenkins-maven', name: 'declarative Jenkinsfile with a Test stage' },
    { fixture: 'npm-script', name: 'npm run verify resolved through package.json to vitest' },
    { fixture: 'make-ci', name: 'GitLab runs make ci, resolved through Makefile prerequisites to go test' },
  ],
  invalid: [
    { fixture: 'dispatch-only', name: 'workflow_dispatch-only workflow is not CI on push/PR', score: 0.3, findings: [{ id: 'tests-not-on-push-or-pr', file: '.github/workflows/tests.yml', line: 3 }] },
    { fixture: 'tag-only', name: 'tests only on tag pushes (a release workflow)', score: 0.3, findings: [{ id: 'tests-not-on-push-or-pr', file: '.github/workflows/release.yml', line: 3 }] },
    { fixture: 'push-main-only', score: 0.6, findings: [{ id: 'tests-not-on-pull-request', file: '.github/workflows/ci.yml', line: 3, severity: 'medium' }] },
    { fixture: 'pr-closed-only', name: 'pull_request types: [closed] does not test proposed changes', score: 0.6, findings: [{ id: 'tests-not-on-pull-request', file: '.github/workflows/ci.yml', line: 2 }] },
    { fixture: 'gitlab-default-branch-only', name: 'GitLab rules limit the test job to the default branch', score: 0.6, findings: [{ id: 'tests-not-on-pull-request', file: '.gitlab-ci.yml', line: 2 }] },
    { fixture: 'circleci-main-only', name: 'CircleCI branch filter only: main', score: 0.6, findings: [{ id: 'tests-not-on-pull-request', file: '.circleci/config.yml', line: 13 }] },
    { fixture: 'tests-allowed-to-fail', name: 'job-level continue-on-error: tests do not gate', score: 0.3, findings: [{ id: 'tests-allowed-to-fail', file: '.github/workflows/ci.yml', line: 3 }] },
    { fixture: 'lint-only', name: 'CI that lints but never tests', score: 0.2, findings: [{ id: 'no-test-step', file: '.github/workflows/lint.yml', line: 1 }] },
    { fixture: 'tox-lint-only', name: 'tox environments that only lint and type-check are not tests', score: 0.2, findings: [{ id: 'no-test-step', file: '.github/workflows/checks.yml', line: 1 }] },
    { fixture: 'jenkins-build-only', name: 'scripted Jenkinsfile without a test stage', score: 0.2, findings: [{ id: 'no-test-step', file: 'Jenkinsfile', line: 1 }] },
    { fixture: 'no-build', name: 'tests without installing or building anything', score: 0.8, findings: [{ id: 'no-build-step', file: '.github/workflows/ci.yml', line: 3, severity: 'low' }] },
    { fixture: 'malformed', name: 'the only workflow is not valid YAML', score: 0, findings: [{ id: 'ci-file-invalid', file: '.github/workflows/ci.yml', line: 8 }] },
    { fixture: 'alias-bomb', name: 'a billion-laughs workflow is reported, the good one still counts', score: 0.9, findings: [{ id: 'ci-file-invalid', file: '.github/workflows/laughs.yml', line: 1 }] },
    { fixture: 'nothing', score: 0, findings: [{ id: 'no-ci' }] },
  ],
});
