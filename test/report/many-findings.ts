/** A report with as many findings as a test asks for, long messages included: for size limits. */
import type { Report } from '../../src/report/report-model.js';
import { fixtureReport } from './fixture-report.js';

export function manyFindingsReport(n: number): Report {
  const report = fixtureReport();
  const target = report.checks[1];
  target.findings = Array.from({ length: n }, (_, i) => ({
    id: 'socketio-any-origin',
    message: `origin check ${i} in module ${'x'.repeat(i % 7 === 0 ? 3000 : 40)} | accepts "*"`,
    file: `services/svc-${i % 97}/app_${i}.py`,
    line: (i % 500) + 1,
    severity: i % 3 === 0 ? 'critical' : 'high',
    hint: 'set an explicit list of origins',
  }));
  report.summary.findings = n + 3;
  return report;
}
