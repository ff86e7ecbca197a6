/**
 * The human report: score first, then level, coverage and category bars, then findings grouped by
 * check with `file:line` and the fix hint. Colour only when the caller decided the output is a TTY.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Report } from './report-model.js';
import type { CheckResult } from '../engine/run-checks.js';
import { redactReport } from './redact.js';

export interface TerminalOptions {
  color: boolean;
  /** Also list passing and not-applicable checks. */
  verbose?: boolean;
  /** Findings shown per check before "and N more". */
  maxFindings?: number;
}

const BAR = 20;

export function formatTerminal(unredacted: Report, options: TerminalOptions): string {
  const report = redactReport(unredacted);
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const scoreColor = report.score >= 90 ? c.green : report.score >= 70 ? c.yellow : c.red;
  out.push(c.bold(`mina ${report.tool.version}`) + c.dim(` · ${report.target.path} · rubric ${report.rubric.name} v${report.rubric.version}`));
  out.push('');
  out.push(`  Score     ${scoreColor.bold(`${report.score.toFixed(1)}/100`)}   coverage ${pct(report.coverage)} of the rubric's weight evaluated`);
  const next = report.level.next ? c.dim(` → next: ${report.level.next}`) : '';
  out.push(`  Level     ${report.level.title}${report.level.id !== 'none' ? c.dim(` (${report.level.id})`) : ''}${next}`);
  out.push('');
  const width = Math.max(...report.categories.map((cat) => cat.title.length), 10);
  for (const cat of report.categories) {
    const label = cat.title.padEnd(width);
    if (cat.score === null) out.push(`  ${label}  ${c.dim('─'.repeat(BAR))}  ${c.dim('n/a')}`);
    else out.push(`  ${label}  ${bar(cat.score, c)}  ${cat.score.toFixed(1)}`);
  }
  out.push('');
  for (const check of report.checks) {
    if (!options.verbose && (check.status === 'pass' || check.status === 'not-applicable') && check.findings.length === 0) continue;
    out.push(...formatCheck(check, c, options.maxFindings ?? 20));
  }
  const hidden = report.checks.filter((k) => (k.status === 'pass' || k.status === 'not-applicable') && k.findings.length === 0).length;
  if (!options.verbose && hidden > 0) out.push(c.dim(`  ${hidden} check${hidden === 1 ? '' : 's'} passed or not applicable (--verbose lists them)`), '');
  const s = report.summary;
  out.push(`  ${s.findings} finding${s.findings === 1 ? '' : 's'}` + (s.suppressed ? `, ${s.suppressed} suppressed` : '') + c.dim(` · ${report.inputs.files} files · ${report.durationMs} ms`));
  if (report.inputs.skipped.length > 0) out.push(c.dim(`  ${report.inputs.skipped.length} input(s) skipped (see --format json for the list)`));
  for (const w of report.warnings) out.push(c.yellow(`  warning: ${w}`));
  out.push('');
  out.push(report.gate.passed ? c.green.bold('  Gate: passed') : c.red.bold(`  Gate: FAILED — ${report.gate.reasons.join('; ')}`));
  return out.join('\n') + '\n';
}

function formatCheck(check: CheckResult, c: ChalkInstance, max: number): string[] {
  const icon = { pass: c.green('✔'), fail: c.red('✖'), partial: c.yellow('◐'), error: c.red('!'), 'not-applicable': c.dim('–'), skipped: c.dim('○') }[check.status];
  const score = check.status === 'pass' || check.status === 'fail' || check.status === 'partial' ? ` ${Math.round(check.score * 100)}%` : '';
  const lines = [`${icon} ${c.bold(check.id)} ${c.dim(`${check.status}${score} · ${check.severity} · weight ${check.weight}`)}  ${check.title}`];
  if (check.reason) lines.push(`    ${check.status === 'error' ? c.red(check.reason) : c.dim(check.reason)}`);
  for (const f of check.findings.slice(0, max)) {
    const where = f.file ? c.cyan(f.line ? `${f.file}:${f.line}` : f.file) + ' ' : '';
    lines.push(`    ${where}${f.message} ${c.dim(`[${f.severity}]`)}`);
    if (f.hint) lines.push(c.dim(`      fix: ${f.hint}`));
  }
  if (check.findings.length > max) lines.push(c.dim(`    … and ${check.findings.length - max} more`));
  if (check.suppressed) lines.push(c.dim(`    ${check.suppressed} suppressed by mina-ignore`));
  // Notes carry evidence a reader needs to trust the verdict (e.g. how old the advisory data is).
  for (const note of check.notes ?? []) lines.push(c.dim(`    note: ${note}`));
  lines.push('');
  return lines;
}

function bar(score: number, c: ChalkInstance): string {
  const filled = Math.round((score / 100) * BAR);
  const color = score >= 90 ? c.green : score >= 70 ? c.yellow : c.red;
  return color('█'.repeat(filled)) + c.dim('░'.repeat(BAR - filled));
}

function pct(n: number): string {
  return `${Math.round(n * 1000) / 10}%`;
}
