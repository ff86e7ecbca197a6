import { cpSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

/** lcov has no timestamp of its own: age comes from the file, set here to 2020. */
const oldLcov = mkdtempSync(path.join(tmpdir(), 'mina-cov-'));
cpSync(path.join(fixtures, 'lcov-high'), oldLcov, { recursive: true });
utimesSync(path.join(oldLcov, 'coverage', 'lcov.info'), new Date('2020-03-01'), new Date('2020-03-01'));

new CheckTester(check, fixtures).run({
  valid: [
    { fixture: 'lcov-high', name: 'lcov at 95%' },
    { fixture: 'cobertura-high', name: 'coverage.py XML (Cobertura) at 95%' },
    { fixture: 'coverage-py-json', name: 'coverage.py JSON meeting a rubric target of 80', options: { target: 80, maxAgeDays: 3650 } },
  ],
  invalid: [
    { fixture: 'istanbul-summary', name: '62% against 90', score: [0.688, 0.689], findings: [{ id: 'below-target', file: 'coverage/coverage-summary.json' }] },
    { fixture: 'coverage-py-json', name: 'coverage.py JSON at 80% against the default 90', options: { maxAgeDays: 3650 }, score: [0.888, 0.889], findings: [{ id: 'below-target', file: 'coverage.json' }] },
    { fixture: 'jacoco', score: [0.777, 0.778], findings: [{ id: 'below-target', file: 'target/site/jacoco/jacoco.xml' }] },
    { fixture: 'monorepo', name: 'backend Cobertura and frontend lcov combined by lines (75%)', score: [0.833, 0.834], findings: [{ id: 'below-target', file: 'frontend/coverage/lcov.info' }] },
    { fixture: 'istanbul-final', name: 'coverage-final.json: 2 of 3 statement lines hit', score: [0.74, 0.741], findings: [{ id: 'below-target', file: 'coverage/coverage-final.json' }] },
    { fixture: 'stale-cobertura', name: 'a 2020 Cobertura timestamp', status: 'pass', score: 1, findings: [{ id: 'stale-report', file: 'coverage.xml' }] },
    { fixture: oldLcov, name: 'an lcov file last modified in 2020', status: 'pass', score: 1, findings: [{ id: 'stale-report', file: 'coverage/lcov.info' }] },
  ],
  notApplicable: [{ fixture: 'no-report' }, { fixture: 'malformed' }],
});
