import ora from 'ora';
import type { Severity } from '../engine/check-api.js';
import { runCheck } from './check.js';
import { interactiveOutput } from './output-mode.js';
import { NEEDS_DOCS, renderReport, type ReportFormat } from '../report/render.js';
import { withCheckDocs } from '../report/check-docs.js';
import { atomicWrite } from '../io/atomic-write.js';
import { recordRun } from '../history/record-run.js';
import { readHistory } from '../history/history-file.js';

export interface CheckFlags {
  rubric?: string;
  format: ReportFormat;
  output?: string;
  minScore?: number;
  failOn?: Severity | 'none';
  allowErrors?: boolean;
  url?: string;
  plugins?: boolean;
  color?: boolean;
  verbose?: boolean;
  offline?: boolean;
  advisoryDb?: string;
  databaseUrl?: string;
  history?: boolean;
  /** `--no-history` sets it false: do not append to `.mina/history.jsonl`. */
  recordHistory?: boolean;
}

export async function checkAction(target: string, flags: CheckFlags): Promise<number> {
  const interactive = interactiveOutput(process.stdout, flags.color) && interactiveOutput(process.stderr, flags.color);
  // A terminal that reports no width (some pseudo-terminals) makes a spinner redraw forever.
  const spinner = interactive && (process.stderr.columns ?? 0) > 0 ? ora({ text: 'collecting files', stream: process.stderr }).start() : null;
  let report;
  try {
    report = await runCheck(target, {
      rubric: flags.rubric,
      url: flags.url,
      minScore: flags.minScore,
      failOn: flags.failOn,
      allowErrors: flags.allowErrors,
      plugins: flags.plugins,
      settings: { offline: flags.offline, advisoryDb: flags.advisoryDb, databaseUrl: flags.databaseUrl, history: flags.history },
      onProgress: spinner ? (done, total, id) => (spinner.text = `checks ${done}/${total} · ${id}`) : undefined,
    });
  } finally {
    spinner?.stop();
  }
  const warnings = await recordRun(report, flags.recordHistory);
  let history;
  if (flags.format === 'html') {
    const read = await readHistory(report.target.path);
    history = read.records;
    warnings.push(...read.warnings);
  }
  for (const w of warnings) process.stderr.write(`mina: warning: ${w}\n`);
  const full = NEEDS_DOCS.has(flags.format) ? await withCheckDocs(report) : report;
  const rendered = renderReport(full, flags.format, { color: interactive && !flags.output, verbose: flags.verbose, history });
  if (flags.output) {
    await atomicWrite(flags.output, rendered);
    const verdict = report.gate.passed ? 'gate passed' : `gate failed: ${report.gate.reasons.join('; ')}`;
    process.stderr.write(`mina: score ${report.score.toFixed(1)}/100, ${verdict}; report written to ${flags.output}\n`);
  } else {
    process.stdout.write(rendered);
  }
  return report.gate.passed ? 0 : 1;
}
