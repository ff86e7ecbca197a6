/**
 * A fixed report for the format tests: every status, findings with and without a location, text
 * that must be escaped in every format (HTML, XML, Markdown tables), non-ASCII paths, READMEs for
 * two checks. Built by hand, not from a run, so the golden files only change when a format does.
 */
import type { Report } from '../../src/report/report-model.js';
import type { HistoryRecord } from '../../src/history/history-record.js';
import type { DrillResult } from '../../src/history/lifecycle-records.js';
import type { RoadmapLevel } from '../../src/report/roadmap/build-roadmap.js';
import { parseCheckReadme } from '../../src/report/check-docs.js';

const RUNBOOKS_README = `# ops.runbooks

**Category** ops · **Severity** medium · static · partial credit (one quarter per topic)

## What it checks
Runbooks exist for the service and cover deploy, rollback, restore and the common alerts.

## Why
At 3 a.m. nobody should improvise a rollback or a restore.

## How to fix
Write \`docs/runbooks/\` with \`deploy.md\`, \`rollback.md\`, \`restore.md\` and \`alerts.md\`.
`;

const CORS_README = `# cors.wildcard

## What it checks
CORS and Socket.IO origins are an explicit allow-list.

## How to fix
Set the allowed origins to the list of your front-end origins, read from configuration.
`;

export function fixtureReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'mina', version: '0.1.0' },
    target: { path: '/home/dev/shop', url: null, commit: '3f2a9c1d4e5b6a7980c1d2e3f4a5b6c7d8e9f012' },
    rubric: { name: 'default', version: 1 },
    score: 48.6,
    coverage: 0.857,
    level: { id: 'none', title: 'No level reached', next: 'phase-1' },
    gate: { passed: false, minScore: 70, failOn: 'critical', reasons: ['score 48.6 < 70', '2 critical findings (fail-on critical)', 'check errored: ops.change-management'] },
    categories: [
      { id: 'security', title: 'Security & stability', score: 25, weight: 20 },
      { id: 'ops', title: 'Operational maturity', score: 47.6, weight: 7 },
      { id: 'monitoring', title: 'Monitoring & error handling', score: null, weight: 3 },
      { id: 'testing', title: 'Testing', score: 100, weight: 5 },
    ],
    checks: [
      {
        id: 'secrets.hardcoded', title: 'No hardcoded credentials', category: 'security', severity: 'critical', weight: 10, status: 'fail', score: 0, suppressed: 1, durationMs: 41,
        findings: [{ id: 'aws-access-key', message: 'AWS access key id AKIA… assigned in settings', file: 'shop/settings.py', line: 12, column: 15, severity: 'critical', hint: 'move it to the environment and rotate the key' }],
      },
      {
        id: 'cors.wildcard', title: 'CORS origins are an allow-list', category: 'security', severity: 'critical', weight: 10, status: 'partial', score: 0.5, suppressed: 0, durationMs: 12,
        findings: [
          { id: 'socketio-any-origin', message: 'Socket.IO accepts any origin: cors_allowed_origins="*" <script>alert(1)</script> & | `x`', file: 'shop/__init__.py', line: 14, severity: 'critical', hint: 'set cors_allowed_origins to an explicit list' },
          { id: 'express-cors-default', message: 'cors() with no options allows every origin', file: 'web/ünïcode 🚀/server.js', line: 3, severity: 'high' },
        ],
      },
      {
        id: 'ops.runbooks', title: 'Runbooks for deploy, rollback, restore and alerts', category: 'ops', severity: 'medium', weight: 3, status: 'partial', score: 0.5, suppressed: 0, durationMs: 3,
        findings: [
          { id: 'missing-restore', message: 'no runbook covers restore', severity: 'medium', hint: 'add a section on how to restore the database from backup' },
          { id: 'missing-alerts', message: 'no runbook covers the common alerts', severity: 'medium', hint: 'add a section on what each common alert means' },
        ],
        notes: ['deploy: docs/runbooks/deploy.md:1', 'rollback: docs/runbooks/rollback.md:3'],
      },
      { id: 'ops.security-policy', title: 'A security policy with a reporting channel', category: 'ops', severity: 'low', weight: 2, status: 'pass', score: 1, suppressed: 0, durationMs: 1, findings: [], notes: ['SECURITY.md names security@example.com'] },
      { id: 'ops.change-management', title: 'Code owners, PR template and changelog', category: 'ops', severity: 'low', weight: 2, status: 'error', score: 0, suppressed: 0, durationMs: 60000, findings: [], reason: 'timed out after 60000 ms' },
      { id: 'monitoring.metrics', title: 'Metrics are exported', category: 'monitoring', severity: 'medium', weight: 3, status: 'not-applicable', score: 0, suppressed: 0, durationMs: 0, findings: [], reason: 'no service code found' },
      { id: 'slo.latency', title: 'p95 latency within budget', category: 'slo', severity: 'high', weight: 5, status: 'skipped', score: 0, suppressed: 0, durationMs: 0, findings: [], reason: 'live check: needs --url' },
      { id: 'tests.present', title: 'Automated tests run in CI', category: 'testing', severity: 'high', weight: 5, status: 'pass', score: 1, suppressed: 0, durationMs: 7, findings: [], notes: ['vitest: 42 test files, run by .github/workflows/ci.yml'] },
    ],
    summary: { findings: 5, suppressed: 1, bySeverity: { critical: 2, high: 1, medium: 2, low: 0 } },
    inputs: { files: 132, skipped: [{ path: 'assets/big.bin', reason: 'binary' }] },
    warnings: ['tests.coverage: no coverage report found'],
    generatedAt: '2026-03-14T09:26:53.000Z',
    durationMs: 840,
    docs: { 'ops.runbooks': parseCheckReadme(RUNBOOKS_README), 'cors.wildcard': parseCheckReadme(CORS_README) },
  };
}

export const FIXTURE_LEVELS: RoadmapLevel[] = [
  { id: 'phase-1', title: 'Critical fixes', description: 'Security & stability first.', requires: ['secrets.hardcoded', 'cors.wildcard', 'ops.security-policy'] },
  { id: 'phase-2', title: 'Infrastructure & automation', description: 'CI/CD with a readiness gate.', requires: ['tests.present', 'ops.change-management', 'slo.latency'] },
  { id: 'phase-3', title: 'Operational excellence', requires: [] },
];

export function fixtureHistory(): HistoryRecord[] {
  const base = { v: 1 as const, rubric: 'default', coverage: 0.857, findings: 5 };
  return [
    { ...base, time: '2026-03-10T08:00:00.000Z', commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', score: 31.2, level: 'none', gate: false, checks: { 'ops.runbooks': 'fail', 'tests.present': 'fail', 'ops.security-policy': 'fail' } },
    { ...base, time: '2026-03-11T08:00:00.000Z', commit: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', score: 38.9, level: 'none', gate: false, checks: { 'ops.runbooks': 'fail', 'tests.present': 'pass', 'ops.security-policy': 'fail' } },
    { ...base, time: '2026-03-12T08:00:00.000Z', commit: null, score: 36.0, level: 'none', gate: false, checks: { 'ops.runbooks': 'fail', 'tests.present': 'pass', 'ops.security-policy': 'pass' } },
    { ...base, time: '2026-03-14T09:26:53.000Z', commit: '3f2a9c1d4e5b6a7980c1d2e3f4a5b6c7d8e9f012', score: 48.6, level: 'none', gate: false, checks: { 'ops.runbooks': 'partial', 'tests.present': 'pass', 'ops.security-policy': 'pass', 'ops.change-management': 'error' } },
  ];
}

export const FIXTURE_DRILL: DrillResult = {
  file: '.mina/drills/2026-03-13T10-00-00Z.json', startedAt: '2026-03-13T10:00:00.000Z', mode: 'embedded', rowsCommitted: 100000, rowsRestored: 100000, rowsLost: 0, rtoMs: 8400, verified: true,
};

/**
 * Whole secrets, as a careless plugin might quote them; no format may print any of them whole.
 * Token-shaped ones are split in the source so mina's own secret scan of this repository stays clean.
 */
export const PLANTED_SECRETS = [
  'AKIA' + 'Z3MX7Q2PLRT5KVWN',
  'ghp_' + 'R8mZ2kQ9vX4tL7pW1nB6cY3hJ5sD0fGa9EoU',
  'S3cr3tPassw0rdForDb',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY9x2',
  'MIIEowIBAAKCAQEAu3vZ9qT1',
  'x8fK2mQ9vL4tR7pW1nB6cY3h',
];

export function plantedReport(): Report {
  const report = fixtureReport();
  const [aws, gh, pw, secretKey, pem, django] = PLANTED_SECRETS;
  report.checks[0].findings = [
    { id: 'aws', message: `AWS key ${aws} in settings`, file: 'a.py', line: 1, severity: 'critical', hint: `rotate ${aws}` },
    { id: 'gh', message: `token = "${gh}"`, file: 'b.js', line: 2, severity: 'critical' },
    { id: 'url', message: `DATABASE_URL=postgres://app:${pw}@db.internal:5432/shop`, file: '.env', line: 3, severity: 'critical' },
    { id: 'aws-secret', message: `aws_secret_access_key ${secretKey}`, file: 'c.cfg', line: 4, severity: 'critical' },
    { id: 'pem', message: `-----BEGIN RSA PRIVATE KEY-----\n${pem}Zq8Lm2Xp\n-----END RSA PRIVATE KEY-----`, file: 'id_rsa', line: 1, severity: 'critical' },
    { id: 'django', message: `SECRET_KEY = '${django}'`, file: 'settings.py', line: 9, severity: 'critical' },
  ];
  report.checks[0].reason = `plugin said ${gh}`;
  report.warnings.push(`could not parse config near ${aws}`);
  report.gate.reasons.push(`reached postgres://app:${pw}@db.internal/shop`);
  report.checks[2].notes = [`token: ${gh}`];
  return report;
}
