/**
 * Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the score and gate verdict first,
 * then a table per category and each check's findings collapsed under <details>. GitHub refuses a
 * comment over 65,536 characters, so the output has a budget: the header and tables are kept, and
 * findings are listed until the budget runs out, with a note saying how many were left out.
 */
import type { CheckResult, ReportedFinding } from '../engine/run-checks.js';
import type { Status } from '../engine/check-api.js';
import type { Report } from './report-model.js';
import { escapeHtml, escapeMarkdown as md, markdownCode as code, truncate } from './escape.js';
import { redactReport } from './redact.js';

export interface MarkdownOptions {
  /** Character budget for the whole document (default 65,000). */
  maxLength?: number;
}

export const MARKDOWN_LIMIT = 65_000;
const TABLE_SHARE = 0.6;
const FOOTER_RESERVE = 400;

export const STATUS_ICON: Record<Status, string> = { pass: '✅', fail: '❌', partial: '🟡', error: '⚠️', 'not-applicable': '➖', skipped: '⏭️' };

export function formatMarkdown(unredacted: Report, options: MarkdownOptions = {}): string {
  const report = redactReport(unredacted);
  const limit = options.maxLength ?? MARKDOWN_LIMIT;
  const header = headerLines(report).join('\n') + '\n\n';
  const groups = groupByCategory(report);

  let tableBudget = Math.floor((limit - header.length - FOOTER_RESERVE) * TABLE_SHARE);
  const tables = groups.map((g) => {
    const t = categoryTable(g.title, g.score, g.checks, tableBudget);
    tableBudget -= t.length;
    return t;
  });
  let budget = limit - header.length - FOOTER_RESERVE - tables.reduce((n, t) => n + t.length, 0);
  let omitted = 0;
  const sections = groups.map((g, i) => {
    let text = tables[i];
    for (const check of g.checks) {
      if (check.findings.length === 0 && !check.reason) continue;
      const block = detailsBlock(check, budget);
      if (block === null) {
        omitted += check.findings.length;
        continue;
      }
      budget -= block.text.length;
      omitted += block.omitted;
      text += block.text;
    }
    return text;
  });
  const footer = [
    omitted > 0 ? `> ${omitted} finding${omitted === 1 ? '' : 's'} not listed to keep this under ${limit.toLocaleString('en-US')} characters: \`mina check --format sarif\` or \`--format json\` has them all.\n` : '',
    `<sub>mina ${md(report.tool.version)} · rubric ${md(report.rubric.name)} v${report.rubric.version} · ${report.inputs.files} files · ${report.summary.findings} findings${report.summary.suppressed ? `, ${report.summary.suppressed} suppressed` : ''} · ${report.durationMs} ms</sub>\n`,
  ].join('\n');
  return header + sections.join('') + footer;
}

function headerLines(r: Report): string[] {
  const dot = r.score >= 90 ? '🟢' : r.score >= 70 ? '🟡' : '🔴';
  const verdict = r.gate.passed ? '✅ gate passed' : '❌ gate failed';
  const level = r.level.id === 'none' ? md(r.level.title) : `${md(r.level.title)} (${code(r.level.id)})`;
  const next = r.level.next ? ` → next: ${code(r.level.next)}` : '';
  const commit = r.target.commit ? ` · commit ${code(r.target.commit.slice(0, 12))}` : '';
  const lines = [
    `## ${dot} mina readiness: ${r.score.toFixed(1)}/100 — ${verdict}`,
    '',
    `**Level:** ${level}${next} · **Coverage:** ${(r.coverage * 100).toFixed(1)}% of the rubric's weight evaluated${commit}`,
  ];
  if (!r.gate.passed) {
    const reasons = r.gate.reasons.slice(0, 10).map((x) => md(truncate(x, 300)));
    lines.push('', `> **Gate failed:** ${reasons.join('; ')}${r.gate.reasons.length > 10 ? ` (and ${r.gate.reasons.length - 10} more)` : ''}`);
  }
  const sev = r.summary.bySeverity;
  lines.push('', `**Findings:** ${r.summary.findings} (critical ${sev.critical}, high ${sev.high}, medium ${sev.medium}, low ${sev.low})`);
  for (const w of r.warnings.slice(0, 5)) lines.push('', `> ⚠️ ${md(truncate(w, 300))}`);
  lines.push('', '| Category | Score | |', '|---|---:|---|');
  for (const c of r.categories) lines.push(`| ${md(c.title, true)} | ${c.score === null ? 'n/a' : c.score.toFixed(1)} | ${c.score === null ? '' : bar(c.score)} |`);
  return lines;
}

interface Group {
  title: string;
  score: number | null;
  checks: CheckResult[];
}

function groupByCategory(r: Report): Group[] {
  const groups: Group[] = r.categories.map((c) => ({ title: c.title, score: c.score, checks: r.checks.filter((k) => k.category === c.id) }));
  const listed = new Set(r.categories.map((c) => c.id));
  const rest = r.checks.filter((k) => !listed.has(k.category));
  if (rest.length) groups.push({ title: 'Other checks', score: null, checks: rest });
  return groups.filter((g) => g.checks.length > 0);
}

function categoryTable(title: string, score: number | null, checks: CheckResult[], budget: number): string {
  let text = `### ${md(title)}${score === null ? '' : ` — ${score.toFixed(1)}`}\n\n| | Check | Status | Score | Findings |\n|---|---|---|---:|---:|\n`;
  let shown = 0;
  for (const c of checks) {
    const scored = c.status === 'pass' || c.status === 'fail' || c.status === 'partial';
    const row = `| ${STATUS_ICON[c.status]} | ${code(c.id, true)} ${md(truncate(c.title, 120), true)} | ${c.status} | ${scored ? `${Math.round(c.score * 100)}%` : '—'} | ${c.findings.length} |\n`;
    if (text.length + row.length > budget - 80) break;
    text += row;
    shown++;
  }
  if (shown < checks.length) text += `\n_… and ${checks.length - shown} more checks (see the JSON report)._\n`;
  return text + '\n';
}

/** A collapsed list of one check's findings, as many as fit; null when not even the summary fits. */
function detailsBlock(check: CheckResult, budget: number): { text: string; omitted: number } | null {
  const n = check.findings.length;
  // The summary line is raw HTML to GitHub: HTML escaping there, Markdown escaping below it.
  const head = `<details><summary>${STATUS_ICON[check.status]} <code>${escapeHtml(check.id)}</code> — ${escapeHtml(truncate(check.title, 120))} (${n} finding${n === 1 ? '' : 's'})</summary>\n\n`;
  const reason = check.reason ? `${md(truncate(check.reason, 500))}\n\n` : '';
  const tail = '\n</details>\n\n';
  let text = head + reason;
  if (text.length + tail.length + 120 > budget) return null;
  let shown = 0;
  for (const f of check.findings) {
    const line = findingLine(f);
    if (text.length + line.length + tail.length + 120 > budget) break;
    text += line;
    shown++;
  }
  const omitted = n - shown;
  if (omitted > 0) text += `- _… ${omitted} more not shown_\n`;
  if (check.suppressed) text += `- _${check.suppressed} suppressed by mina-ignore_\n`;
  return { text: text + tail, omitted };
}

function findingLine(f: ReportedFinding): string {
  const where = f.file ? `${code(f.line ? `${f.file}:${f.line}` : f.file)} ` : '';
  const hint = f.hint ? ` — fix: ${md(truncate(f.hint, 300))}` : '';
  return `- **${f.severity}** ${where}${md(truncate(f.message, 500))}${hint}\n`;
}

function bar(score: number): string {
  const filled = Math.round(score / 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}
