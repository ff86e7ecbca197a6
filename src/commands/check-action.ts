import type { Severity } from '../engine/check-api.js';
import { runCheck, type CheckOptions } from './check.js';
import { interactiveOutput } from './output-mode.js';
import { NEEDS_DOCS, type ReportFormat } from '../report/formats.js';
import { atomicWrite } from '../io/atomic-write.js';
import type { GitHubFlags } from '../github/github-check-action.js';
import type { PublishFlags } from './publish.js';
import type { PerPackageResult } from '../workspaces/per-package.js';

export interface CheckFlags extends GitHubFlags, PublishFlags {
  /** `--publish`: also publish to GitHub (check run, step summary, PR comment) from inside Actions. */
  publish?: boolean;
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
  files?: string[];
  /** `--no-history` sets it false: do not append to `.mina/history.jsonl`. */
  recordHistory?: boolean;
  since?: string;
  /** `--no-baseline` sets it false. */
  baseline?: boolean;
  perPackage?: boolean;
}

export async function checkAction(target: string, flags: CheckFlags): Promise<number> {
  const interactive = interactiveOutput(process.stdout, flags.color) && interactiveOutput(process.stderr, flags.color);
  // The GitHub client and git bindings load only for remote runs: they cost every local run start-up.
  const gh = flags.github !== undefined || flags.githubOrg !== undefined ? await import('../github/github-check-action.js') : null;
  gh?.checkGitHubFlags(target, flags);
  const options: CheckOptions = {
    rubric: flags.rubric,
    url: flags.url,
    minScore: flags.minScore,
    failOn: flags.failOn,
    allowErrors: flags.allowErrors,
    plugins: flags.plugins,
    files: flags.files,
    since: flags.since,
    baseline: flags.baseline === false ? 'ignore' : 'apply',
    settings: { offline: flags.offline, advisoryDb: flags.advisoryDb, databaseUrl: flags.databaseUrl, history: flags.history },
  };
  if (gh && flags.githubOrg !== undefined) {
    const bar = interactive ? gh.orgProgressBar(process.stderr) : null;
    try {
      return await gh.githubOrgAction(flags, options, bar?.update);
    } catch (err) {
      if (!(err instanceof gh.GitHubRunError)) throw err;
      process.stderr.write(`mina: ${err.message}\n`);
      return 3;
    } finally {
      bar?.done();
    }
  }
  // A terminal that reports no width (some pseudo-terminals) makes a spinner redraw forever.
  // The spinner, per-package, HTML-history and renderer modules load only when this run uses them.
  const spinner = interactive && (process.stderr.columns ?? 0) > 0 ? (await import('ora')).default({ text: flags.github ? `cloning ${flags.github}` : 'collecting files', stream: process.stderr }).start() : null;
  let report;
  let perPackage: PerPackageResult | null = null;
  try {
    options.onProgress = spinner ? (done, total, id) => (spinner.text = `checks ${done}/${total} · ${id}`) : undefined;
    if (flags.perPackage && flags.github === undefined) {
      perPackage = await (await import('../workspaces/per-package.js')).checkPerPackage(target, options);
      report = perPackage.rollup;
    } else {
      report = gh && flags.github !== undefined ? await gh.remoteReport(flags, options) : await runCheck(target, options);
    }
  } catch (err) {
    if (!gh || !(err instanceof gh.GitHubRunError)) throw err;
    spinner?.stop();
    process.stderr.write(`mina: ${err.message}\n`);
    return 3;
  } finally {
    spinner?.stop();
  }
  // A remote checkout is gone by now: there is no target folder to keep history in.
  // the history code loads only when history is kept (not with --no-history)
  const warnings = flags.github !== undefined || flags.recordHistory === false ? [] : await (await import('../history/record-run.js')).recordRun(report, flags.recordHistory);
  let history;
  if (flags.format === 'html' && flags.github === undefined) {
    const read = await (await import('../history/history-file.js')).readHistory(report.target.path);
    history = read.records;
    warnings.push(...read.warnings);
  }
  for (const w of warnings) process.stderr.write(`mina: warning: ${w}\n`);
  const full = NEEDS_DOCS.has(flags.format) ? await (await import('../report/check-docs.js')).withCheckDocs(report) : report;
  const rendered = perPackage && flags.format === 'json' ? JSON.stringify({ ...full, packages: perPackage.packages }, null, 2) + '\n' : await (await import('../report/render.js')).renderReport(full, flags.format, { color: interactive && !flags.output, verbose: flags.verbose, history });
  if (flags.output) {
    await atomicWrite(flags.output, rendered);
    const verdict = report.gate.passed ? 'gate passed' : `gate failed: ${report.gate.reasons.join('; ')}`;
    process.stderr.write(`mina: score ${report.score.toFixed(1)}/100, ${verdict}; report written to ${flags.output}\n`);
  } else {
    process.stdout.write(rendered);
  }
  if (perPackage && flags.format !== 'json') {
    const { renderPackageTable } = await import('../workspaces/per-package.js');
    (flags.format === 'terminal' && !flags.output ? process.stdout : process.stderr).write('\n' + renderPackageTable(perPackage));
  }
  const gate = report.gate.passed && (perPackage?.packages.every((p) => p.gatePassed) ?? true) ? 0 : 1;
  if (flags.publish) {
    const { publishAndSay } = await import('./publish.js');
    const published = await publishAndSay(report, flags);
    if (gate === 0 && published !== 0) return published;
  }
  return gate;
}
