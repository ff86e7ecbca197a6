/**
 * JUnit XML, the format every CI renders: one test suite per category, one test case per check.
 * A failing or partial check is a <failure> listing its findings, an errored check an <error>,
 * a not-applicable or skipped check is <skipped>.
 */
import type { CheckResult } from '../engine/run-checks.js';
import type { Report } from './report-model.js';
import { escapeXml as x } from './escape.js';
import { redactReport } from './redact.js';

export function formatJunit(unredacted: Report): string {
  const report = redactReport(unredacted);
  const suites = report.categories
    .map((cat) => ({ cat, checks: report.checks.filter((c) => c.category === cat.id) }))
    .filter((s) => s.checks.length > 0);
  // Checks whose category the report does not list still get a suite of their own.
  const listed = new Set(report.categories.map((c) => c.id));
  for (const id of [...new Set(report.checks.map((c) => c.category))].filter((id) => !listed.has(id))) {
    suites.push({ cat: { id, title: id, score: null, weight: 0 }, checks: report.checks.filter((c) => c.category === id) });
  }
  const all = counts(report.checks);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mina readiness" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${secs(report.durationMs)}" timestamp="${x(report.generatedAt)}">`,
  ];
  for (const { cat, checks } of suites) {
    const n = counts(checks);
    out.push(`  <testsuite name="${x(cat.title)}" id="${x(cat.id)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="${secs(checks.reduce((t, c) => t + c.durationMs, 0))}" timestamp="${x(report.generatedAt)}">`);
    out.push('    <properties>');
    out.push(`      <property name="category.score" value="${cat.score === null ? 'n/a' : cat.score.toFixed(1)}"/>`);
    out.push(`      <property name="readiness.score" value="${report.score.toFixed(1)}"/>`);
    out.push(`      <property name="readiness.level" value="${x(report.level.id)}"/>`);
    out.push(`      <property name="gate.passed" value="${report.gate.passed}"/>`);
    out.push('    </properties>');
    for (const check of checks) out.push(...testCase(check));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function testCase(check: CheckResult): string[] {
  const open = `    <testcase classname="mina.${x(check.category)}" name="${x(`${check.id}: ${check.title}`)}" time="${secs(check.durationMs)}"`;
  if (check.status === 'pass') return [`${open}/>`];
  if (check.status === 'not-applicable' || check.status === 'skipped') {
    return [`${open}>`, `      <skipped message="${x(`${check.status}: ${check.reason ?? ''}`.trim())}"/>`, '    </testcase>'];
  }
  if (check.status === 'error') {
    return [`${open}>`, `      <error message="${x(check.reason ?? 'check errored')}" type="error"/>`, '    </testcase>'];
  }
  const n = check.findings.length;
  const message = `${check.status} ${Math.round(check.score * 100)}%: ${n} finding${n === 1 ? '' : 's'}`;
  const body = check.findings.map((f) => {
    const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''} ` : '';
    return `${where}[${f.severity}] ${f.message}${f.hint ? `\n    fix: ${f.hint}` : ''}`;
  });
  if (check.suppressed) body.push(`(${check.suppressed} suppressed by mina-ignore)`);
  return [`${open}>`, `      <failure message="${x(message)}" type="${check.severity}">${x(body.join('\n'))}</failure>`, '    </testcase>'];
}

function counts(checks: CheckResult[]) {
  return {
    tests: checks.length,
    failures: checks.filter((c) => c.status === 'fail' || c.status === 'partial').length,
    errors: checks.filter((c) => c.status === 'error').length,
    skipped: checks.filter((c) => c.status === 'not-applicable' || c.status === 'skipped').length,
  };
}

function secs(ms: number): string {
  return (ms / 1000).toFixed(3);
}
