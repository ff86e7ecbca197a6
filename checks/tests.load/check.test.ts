import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'k6', name: 'k6 script with options and a default function' },
    { fixture: 'locust', name: 'Locust HttpUser with a task, under tests/' },
    { fixture: 'artillery', name: 'Artillery config with scenarios' },
    { fixture: 'autocannon-script', name: 'autocannon called from a script' },
    { fixture: 'jmeter', name: 'JMeter test plan' },
    { fixture: 'ci-command', name: 'autocannon run by a CI workflow' },
  ],
  invalid: [
    { fixture: 'tool-only', score: 0.3, findings: [{ id: 'tool-without-tests', file: 'requirements.txt', line: 1 }] },
    { fixture: 'decoy', name: 'decoy: k6 in a README and in comments', score: 0, findings: [{ id: 'no-load-tests' }] },
    { fixture: 'none', score: 0, findings: [{ id: 'no-load-tests' }] },
  ],
  notApplicable: [{ fixture: 'library' }],
});
