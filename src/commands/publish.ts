/**
 * `mina publish [path]`: publish a finished check to GitHub from inside Actions — the report from
 * `--report FILE` (a JSON report) or the last `mina check` of `path` (`.mina/last-report.json`).
 * `mina check --publish` calls the same code with the report it just made.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { schemaValidator } from '../config/schemas.js';
import { loadLastReport, LAST_REPORT_FILE } from '../history/last-report.js';
import type { Report } from '../report/report-model.js';
import { publishReport, type PublishOptions } from '../github/publish/publish-report.js';

export interface PublishFlags {
  report?: string;
  token?: string;
  baseUrl?: string;
  checkName?: string;
  /** `--no-check-run`, `--no-comment`, `--no-summary` set these false. */
  checkRun?: boolean;
  comment?: boolean;
  summary?: boolean;
}

const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export async function publishAction(target: string, flags: PublishFlags): Promise<number> {
  const report = flags.report ? await readReportFile(flags.report) : await loadLastReport(path.resolve(target));
  if (!report) throw new ConfigError(`no report to publish: run mina check first (it keeps ${LAST_REPORT_FILE}), or pass --report FILE from mina check --format json`);
  return publishAndSay(report, flags);
}

/** Prints what was published; 0 when nothing failed (missing permissions are warnings), else 3. */
export async function publishAndSay(report: Report, flags: PublishFlags): Promise<number> {
  const options: PublishOptions = {
    token: flags.token ?? process.env.GITHUB_TOKEN ?? null,
    baseUrl: flags.baseUrl,
    checkName: flags.checkName,
    checkRun: flags.checkRun,
    comment: flags.comment,
    summary: flags.summary,
  };
  const result = await publishReport(report, options);
  for (const d of result.done) process.stderr.write(`mina: published: ${d}\n`);
  for (const w of result.warnings) process.stderr.write(`mina: warning: ${w}\n`);
  for (const f of result.failures) process.stderr.write(`mina: error: ${f}\n`);
  return result.failures.length ? 3 : 0;
}

async function readReportFile(file: string): Promise<Report> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_REPORT_BYTES) throw new ConfigError(`${file}: larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB`);
    text = buf.toString('utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${file}: cannot read the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file}: not JSON (write it with mina check --format json --output FILE)`);
  }
  const validate = schemaValidator('report');
  if (!validate(value)) throw new ConfigError(`${file}: not a mina JSON report (${(validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')})`);
  return value as Report;
}
