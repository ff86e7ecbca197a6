import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

const wf = '.github/workflows/readiness.yml';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'npx-min-score', name: 'npx --yes mina@1 check --min-score 80 on pull_request and push' },
    { fixture: 'action-inputs', name: 'the mina Action pinned by SHA with a min-score input' },
    { fixture: 'config-gate', name: 'bare mina check; the threshold comes from mina.yaml gate.minScore' },
    { fixture: 'npm-script-gate', name: 'npm run readiness resolved through package.json to mina check --fail-on high' },
    { fixture: 'gitlab-gate', name: 'GitLab job runs mina check --min-score=90 in branch pipelines' },
    { fixture: 'package-json-gate', name: 'node node_modules/mina/bin/mina.js check with a gate in package.json "mina"' },
    { fixture: 'monorepo-target', name: 'mina check services/api finds services/api/mina.yaml' },
  ],
  invalid: [
    { fixture: 'no-threshold', score: 0.5, findings: [{ id: 'no-threshold', file: wf, line: 8 }] },
    { fixture: 'min-score-zero', name: '--min-score 0 and --fail-on none gate nothing', score: 0.5, findings: [{ id: 'no-threshold', file: wf, line: 6 }] },
    { fixture: 'continue-on-error', score: 0.25, findings: [{ id: 'gate-not-enforced', file: wf, line: 8 }] },
    { fixture: 'or-true', name: '`|| true` discards the exit status', score: 0.25, findings: [{ id: 'gate-not-enforced', file: wf, line: 8 }] },
    { fixture: 'gitlab-allow-failure', score: 0.25, findings: [{ id: 'gate-not-enforced', file: '.gitlab-ci.yml', line: 5 }] },
    { fixture: 'push-only', name: 'gate only after merge', score: 0.75, findings: [{ id: 'gate-not-on-pull-request', file: wf, line: 8, severity: 'low' }] },
    { fixture: 'dispatch-only', name: 'workflow_dispatch-only gate', score: 0.4, findings: [{ id: 'gate-not-automatic', file: wf, line: 6 }] },
    { fixture: 'no-gate', name: 'CI without mina', score: 0, findings: [{ id: 'no-readiness-gate' }] },
    { fixture: 'nothing', name: 'no CI at all', score: 0, findings: [{ id: 'no-readiness-gate' }] },
  ],
});
