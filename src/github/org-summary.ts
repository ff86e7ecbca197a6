/** The `--github-org` summary: a plain table for people, JSON for tools, Markdown for a summary page. */
import { escapeMarkdown as md } from '../report/escape.js';
import { redactSecrets as redactText } from '../report/redact.js';
import type { OrgRow } from './org-check.js';

export function formatOrgTable(org: string, rows: OrgRow[]): string {
  const head = ['repository', 'score', 'level', 'gate'];
  const body = rows.map((r) => [r.repo, r.score === null ? '—' : r.score.toFixed(1), r.level ?? '—', r.error ? `error: ${redactText(r.error)}` : r.passed ? 'passed' : 'failed']);
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((b) => (i === 3 ? 0 : b[i].length)))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 ? c : i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const failed = rows.filter((r) => !r.passed).length;
  return [`${org}: ${rows.length} repositories, ${rows.length - failed} passed the gate, ${failed} did not`, '', line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ''].join('\n');
}

export function formatOrgJson(org: string, rows: OrgRow[]): string {
  return JSON.stringify({ org, repositories: rows.map((r) => ({ ...r, error: r.error && redactText(r.error) })) }, null, 2) + '\n';
}

export function formatOrgMarkdown(org: string, rows: OrgRow[]): string {
  const lines = [`## mina readiness: ${md(org)}`, '', '| Repository | Score | Level | Gate |', '|---|---:|---|---|'];
  for (const r of rows) {
    lines.push(`| ${md(r.repo, true)} | ${r.score === null ? '—' : r.score.toFixed(1)} | ${r.level ? `\`${r.level}\`` : '—'} | ${r.error ? `⚠️ ${md(redactText(r.error), true)}` : r.passed ? '✅ passed' : '❌ failed'} |`);
  }
  return lines.join('\n') + '\n';
}
