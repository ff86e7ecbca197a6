/**
 * The contract between the engine and a check. Built-in checks (`checks/<id>/index.ts`) and plugin
 * checks implement the same interface: metadata, an `applies` gate and a `run` that turns collected
 * facts into a score and findings. A check never prints, never scores other checks and never exits.
 */
import type { RepoContext } from '../context/repo-context.js';
import type { GitHubTarget } from '../github/github-target.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Status = 'pass' | 'fail' | 'partial' | 'not-applicable' | 'error' | 'skipped';

export interface CheckMeta {
  /** Stable id, `area.name`; for built-ins it equals the folder name under `checks/`. */
  id: string;
  title: string;
  category: string;
  severity: Severity;
  /** One line: what passes. The long form lives in the check's README. */
  description: string;
  /** JSON Schema for the check's `options` (validated once per run with ajv; defaults applied). */
  optionsSchema?: Record<string, unknown>;
  /** Weight used when a rubric does not name the check (plugins); rubrics normally set it. */
  weight?: number;
  /** Live checks need `--url` (or another live source); without it they are skipped. */
  live?: boolean;
}

export interface Finding {
  /** Kind of finding within the check (like ESLint's messageId): tests assert on it, not on wording. */
  id: string;
  message: string;
  /** Relative to the target root, POSIX separators. */
  file?: string;
  /** 1-based. */
  line?: number;
  column?: number;
  /** Defaults to the check's severity. Relative to the check's default when a rubric re-levels it. */
  severity?: Severity;
  hint?: string;
}

export interface CheckOutcome {
  /** In [0, 1]. */
  score: number;
  findings: Finding[];
  /** Facts worth showing even on a pass (e.g. "found SECURITY.md"). */
  notes?: string[];
}

export type Applicability = boolean | { applies: false; reason: string } | { applies: true };

/** Run-wide settings from the command line, the same for every check. */
export interface RunSettings {
  /** `--offline`: no network access at all (advisory lookups, remote APIs). */
  offline: boolean;
  /** `--advisory-db PATH` or `MINA_ADVISORY_DB`: local OSV data (directory or zip). */
  advisoryDb: string | null;
  /** `--database-url`: a live PostgreSQL for catalog checks. */
  databaseUrl: string | null;
  /** `--history`: also scan git history where a check supports it. */
  history: boolean;
  /**
   * `--github OWNER/REPO`: the repository on GitHub and an API client for it. The settings checks
   * (`github.*`) apply only when it is set; absent for a local path.
   */
  github?: GitHubTarget | null;
}

export const DEFAULT_SETTINGS: RunSettings = { offline: false, advisoryDb: null, databaseUrl: null, history: false };

export interface RunContext<Options = Record<string, unknown>> {
  repo: RepoContext;
  options: Options;
  /** The running service's base URL when `--url` was given. */
  url: string | null;
  settings: RunSettings;
  signal: AbortSignal;
}

export interface Check<Options = Record<string, unknown>> {
  meta: CheckMeta;
  /**
   * Called once before the repository is walked, with the options `run` will get: slow set-up
   * that needs no file (starting threads) can overlap the walk. Must not read the repository;
   * anything it throws is ignored (`run` does without).
   */
  prepare?(options: Options): void | Promise<void>;
  applies?(ctx: RunContext<Options>): Applicability | Promise<Applicability>;
  run(ctx: RunContext<Options>): CheckOutcome | Promise<CheckOutcome>;
}

/** Identity helper so check modules get type inference without importing types by hand. */
export function defineCheck<Options = Record<string, unknown>>(check: Check<Options>): Check<Options> {
  return check;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
