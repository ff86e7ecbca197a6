import ora from 'ora';
import type { Severity } from '../engine/check-api.js';
import { runCheck } from './check.js';
import { interactiveOutput } from './output-mode.js';
import { formatJson } from '../report/json-reporter.js';
import { formatTerminal } from '../report/terminal-reporter.js';
import { atomicWrite } from '../io/atomic-write.js';

export interface CheckFlags {
  rubric?: string;
  format: 'terminal' | 'json';
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
}

export async function checkAction(target: string, flags: CheckFlags): Promise<number> {
  const interactive = interactiveOutput(process.stdout, flags.color) && interactiveOutput(process.stderr, flags.color);
  const spinner = interactive ? ora({ text: 'collecting files', stream: process.stderr }).start() : null;
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
  const rendered =
    flags.format === 'json' ? formatJson(report) : formatTerminal(report, { color: interactive && !flags.output, verbose: flags.verbose });
  if (flags.output) {
    await atomicWrite(flags.output, rendered);
    const verdict = report.gate.passed ? 'gate passed' : `gate failed: ${report.gate.reasons.join('; ')}`;
    process.stderr.write(`mina: score ${report.score.toFixed(1)}/100, ${verdict}; report written to ${flags.output}\n`);
  } else {
    process.stdout.write(rendered);
  }
  return report.gate.passed ? 0 : 1;
}
