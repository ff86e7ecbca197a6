/**
 * The runner's files: `$GITHUB_STEP_SUMMARY` (Markdown shown on the run page) and `$GITHUB_OUTPUT`
 * (step outputs). Both are appended to, as every step shares them.
 */
import { appendFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { Report } from '../../report/report-model.js';

/** GitHub refuses a step summary over 1 MiB. */
const STEP_SUMMARY_LIMIT = 1024 * 1024;

export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  const bytes = Buffer.from(markdown + '\n', 'utf8');
  await appendFile(file, bytes.length > STEP_SUMMARY_LIMIT ? bytes.subarray(0, STEP_SUMMARY_LIMIT - 1) : bytes);
}

export function outputLines(report: Report, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = { score: report.score.toFixed(1), level: report.level.id, passed: String(report.gate.passed), ...extra };
  return Object.entries(values)
    .map(([k, v]) => {
      if (!/[\r\n]/.test(v)) return `${k}=${v}\n`;
      // the runner's heredoc form, with a delimiter no value contains
      const eof = `mina_${randomUUID()}`;
      return `${k}<<${eof}\n${v}\n${eof}\n`;
    })
    .join('');
}

export async function appendOutputs(file: string, report: Report, extra: Record<string, string> = {}): Promise<void> {
  await appendFile(file, outputLines(report, extra));
}
