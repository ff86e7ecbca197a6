/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check (help from its README), one result per
 * finding with a physical location, and fingerprints that survive line shifts so an alert keeps its
 * identity from run to run. GitHub rejects a whole file if any result lacks a location, so findings
 * about the repository as a whole are anchored at its root.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../engine/check-api.js';
import type { CheckResult, ReportedFinding } from '../engine/run-checks.js';
import type { Report } from './report-model.js';
import { redactReport } from './redact.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT = 'SRCROOT';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's security-severity scale (0-10): critical ≥ 9, high ≥ 7, medium ≥ 4. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const SECURITY_CATEGORIES = new Set(['security', 'privacy']);

export function formatSarif(unredacted: Report): string {
  const report = redactReport(unredacted);
  const ruleIndex = new Map(report.checks.map((c, i) => [c.id, i]));
  const seen = new Map<string, number>();
  const results = report.checks.flatMap((check) => check.findings.map((f) => result(check, f, ruleIndex.get(check.id)!, seen)));
  const errored = report.checks.filter((c) => c.status === 'error');
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.checks.map((c) => rule(c, report)),
          },
        },
        originalUriBaseIds: { [ROOT]: { uri: directoryUri(report.target.path) } },
        invocations: [
          {
            executionSuccessful: errored.length === 0,
            ...(report.generatedAt ? { endTimeUtc: report.generatedAt } : {}),
            toolExecutionNotifications: errored.map((c) => ({
              level: 'error',
              message: { text: `check ${c.id} errored: ${c.reason ?? 'unknown error'}` },
              descriptor: { id: c.id, index: ruleIndex.get(c.id)! },
            })),
          },
        ],
        results,
        properties: {
          score: report.score,
          coverage: report.coverage,
          level: report.level,
          gate: report.gate,
          rubric: report.rubric,
          commit: report.target.commit,
          categories: report.categories,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function rule(check: CheckResult, report: Report) {
  const doc = report.docs?.[check.id];
  const tags = [...new Set([check.category, ...(SECURITY_CATEGORIES.has(check.category) ? ['security'] : [])])];
  return {
    id: check.id,
    name: check.id.replace(/(^|[.-])([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: doc?.summary || check.title },
    ...(doc ? { help: { text: plainText(doc.markdown), markdown: doc.markdown } } : {}),
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      category: check.category,
      severity: check.severity,
      weight: check.weight,
      status: check.status,
      score: check.score,
      tags,
      ...(SECURITY_CATEGORIES.has(check.category) ? { 'security-severity': SECURITY_SEVERITY[check.severity] } : {}),
    },
  };
}

function result(check: CheckResult, f: ReportedFinding, index: number, seen: Map<string, number>) {
  const file = f.file ?? '.';
  const region = { startLine: f.line ?? 1, ...(f.column ? { startColumn: f.column } : {}) };
  return {
    ruleId: check.id,
    ruleIndex: index,
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message}\nFix: ${f.hint}` : f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(file), uriBaseId: ROOT }, region } }],
    partialFingerprints: { 'minaFinding/v1': fingerprint(check.id, f, seen) },
    properties: { findingId: f.id, severity: f.severity, ...(f.file ? {} : { repositoryLevel: true }) },
  };
}

/**
 * Identity without the line number: check, finding kind, file and the message with digits folded
 * (messages often quote a line or a count). Identical keys get an occurrence suffix, in report order.
 */
function fingerprint(checkId: string, f: ReportedFinding, seen: Map<string, number>): string {
  const normalised = f.message.replace(/\s+/g, ' ').replace(/\d+/g, '0').trim();
  const key = createHash('sha256').update([checkId, f.id, f.file ?? '', normalised].join('\0')).digest('hex').slice(0, 32);
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  return `${key}:${n}`;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function encodePath(file: string): string {
  return file === '.' ? '.' : file.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(abs: string): string {
  const posix = abs.replace(/\\/g, '/');
  const withSlash = posix.endsWith('/') ? posix : posix + '/';
  return 'file://' + (withSlash.startsWith('/') ? '' : '/') + withSlash.split('/').map(encodeURIComponent).join('/');
}

/** The README as plain text for `help.text`: no heading marks, emphasis or code fences. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*([^*\n]{1,200})\*\*/g, '$1')
    .replace(/^```.*$/gm, '')
    .replace(/`([^`\n]{1,200})`/g, '$1')
    .trim();
}
