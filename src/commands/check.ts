/**
 * `mina check [path]`: collect → check → score → report, then exit by the gate.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { RunSettings, Severity } from '../engine/check-api.js';
import { ConfigError } from '../config/config-error.js';
import { RepoContext } from '../context/repo-context.js';
import { DEFAULT_IGNORES } from '../context/walk.js';
import { readHeadCommit } from '../context/git-head.js';
import { loadSetup } from '../engine/load-setup.js';
import { runChecks } from '../engine/run-checks.js';
import { prepareChecks } from '../engine/prepare-checks.js';
import { buildReport } from '../scoring/build-report.js';
import type { Report } from '../report/report-model.js';
import { VERSION } from '../package-root.js';
import { applyBaseline, recordBaseline } from '../baseline/apply-baseline.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export interface CheckOptions {
  rubric?: string;
  url?: string;
  minScore?: number;
  failOn?: Severity | 'none';
  allowErrors?: boolean;
  plugins?: boolean;
  settings?: Partial<RunSettings>;
  /** Check only these files (paths relative to the current directory), e.g. from a pre-commit hook. */
  files?: string[];
  onProgress?: (done: number, total: number, id: string) => void;
  /** `--since REF`: report only findings on lines changed since REF; scores stay whole-repository. */
  since?: string;
  /** `.mina/baseline.json`: hide the findings it lists (default), ignore it, or write it from this run. */
  baseline?: 'apply' | 'ignore' | 'write';
}

export async function runCheck(targetArg: string, options: CheckOptions): Promise<Report> {
  const started = performance.now();
  const target = path.resolve(targetArg);
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new ConfigError(`target path does not exist: ${targetArg}`);
  }
  if (!isDir) throw new ConfigError(`target path is not a directory: ${targetArg}`);
  if (options.url !== undefined && !/^https?:\/\/[^/\s]+/.test(options.url)) {
    throw new ConfigError(`--url must be an http(s) URL, got "${options.url}"`);
  }

  const { config, plan } = await loadSetup(target, { rubric: options.rubric, plugins: options.plugins });
  if (!options.files) await prepareChecks(plan);
  const base = config.file ? path.relative(config.dir, target).split(path.sep).join('/') : '';
  const repo = await RepoContext.create(target, {
    ignore: [...DEFAULT_IGNORES, ...(config.config.ignore ?? [])],
    // mina.yaml patterns are written for its own directory, which may be above the target
    ignoreBase: base,
    only: options.files ? new Set(options.files.map((f) => path.relative(target, path.resolve(f)).split(path.sep).join('/'))) : undefined,
    maxFileSize: config.config.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  });
  const settings: RunSettings = {
    offline: options.settings?.offline ?? false,
    advisoryDb: options.settings?.advisoryDb ?? process.env.MINA_ADVISORY_DB ?? null,
    databaseUrl: options.settings?.databaseUrl ?? null,
    history: options.settings?.history ?? false,
    github: options.settings?.github ?? null,
  };
  // resolved before the checks run, so a bad ref fails fast with exit 2
  const diff = options.since !== undefined ? await import('../diff/changed-lines.js') : null;
  const changed = diff ? await diff.changedLinesSince(target, options.since!) : null;
  const results = await runChecks(plan, repo, { url: options.url ?? null, settings, onProgress: options.onProgress });
  const sinceWarnings: string[] = [];
  if (options.baseline === 'write') {
    const written = await recordBaseline(results, repo);
    sinceWarnings.push(`baseline written: ${written.count} finding${written.count === 1 ? '' : 's'} in ${path.relative(process.cwd(), written.file) || written.file}`);
  }
  if (options.baseline !== 'ignore') sinceWarnings.push(...(await applyBaseline(results, repo)));
  if (changed) {
    // scores come from every finding; only the list and the severity gate are limited to the diff
    let hidden = 0;
    for (const r of results) {
      const kept = r.findings.filter((f) => diff!.isChanged(changed, f.file, f.line));
      hidden += r.findings.length - kept.length;
      r.findings = kept;
    }
    sinceWarnings.push(`--since ${changed.ref}: only findings on lines changed since ${changed.ref} are listed (${changed.files.size} changed files; ${hidden} findings elsewhere not shown); the score covers the whole repository`);
  }
  return buildReport({
    plan,
    results,
    gate: {
      minScore: options.minScore ?? plan.gate.minScore ?? null,
      failOn: options.failOn ?? plan.gate.failOn ?? 'critical',
      allowErrors: options.allowErrors ?? plan.gate.allowErrors ?? false,
    },
    version: VERSION,
    target: { path: target, url: options.url ?? null, commit: await readHeadCommit(target) },
    inputs: { files: repo.files.length, skipped: repo.skipped },
    warnings: [...sinceWarnings, ...plan.warnings, ...repo.warnings, ...repo.skipped.filter((s) => s.reason.startsWith('unreadable') || s.reason.startsWith('directory unreadable')).map((s) => `${s.path}: ${s.reason}`)],
    durationMs: Math.round(performance.now() - started),
  });
}
