/**
 * Runs the rubric's checks the way `mina check` does — same registry, rubric, config ignores and
 * limits — on the repository as it is, or as it would be after init (an overlay file system), so the
 * plan can show every answered check's status before and after and the score it moves to.
 */
import path from 'node:path';
import { findConfig, type LoadedConfig } from '../config/mina-config.js';
import { RepoContext } from '../context/repo-context.js';
import { DEFAULT_IGNORES } from '../context/walk.js';
import type { FsLike } from '../context/fs-like.js';
import { DEFAULT_SETTINGS } from '../engine/check-api.js';
import { buildPlan, type Plan } from '../engine/plan.js';
import { loadBuiltinChecks, loadPlugins, type RegisteredCheck } from '../engine/registry.js';
import { runChecks, type CheckResult } from '../engine/run-checks.js';
import { loadRubric, resolveRubricRef } from '../rubric/load-rubric.js';
import { overallScore } from '../scoring/score.js';
import { DEFAULT_MAX_FILE_SIZE } from '../commands/check.js';

export interface Evaluation {
  results: Map<string, CheckResult>;
  score: number;
}

export interface Evaluator {
  config: LoadedConfig;
  /** A context on the real tree, or on `fs` (the overlay) when given. */
  context(fs?: FsLike): Promise<RepoContext>;
  evaluate(repo: RepoContext): Promise<Evaluation>;
}

export interface EvaluatorOptions {
  rubric?: string;
  plugins?: boolean;
  /** Checks to run instead of the built-ins from dist/ (tests pass the sources). */
  registry?: RegisteredCheck[];
  /** Checks to run even when the rubric leaves them out (weight 0: they never move the score). */
  alsoRun?: ReadonlySet<string>;
}

export async function createEvaluator(target: string, options: EvaluatorOptions = {}): Promise<Evaluator> {
  const config = findConfig(target);
  const rubric = loadRubric(options.rubric ? resolveRubricRef(options.rubric, process.cwd()) : resolveRubricRef(config.config.rubric ?? 'default', config.dir));
  const registry = [...(options.registry ?? (await loadBuiltinChecks()))];
  if (options.plugins !== false && config.config.plugins?.length) {
    registry.push(...(await loadPlugins(config.config.plugins, config.dir, config.file ?? 'mina.yaml')));
  }
  const plan: Plan = buildPlan(rubric, registry, config.config, config.file, options.plugins === false);
  for (const r of registry) {
    const id = r.check.meta.id;
    if (!options.alsoRun?.has(id) || plan.checks.some((c) => c.id === id)) continue;
    plan.checks.push({ check: r.check, id, category: r.check.meta.category, weight: 0, severity: r.check.meta.severity, options: {}, timeoutMs: 60_000, skipReason: null, readmePath: r.readmePath });
  }
  const base = config.file ? path.relative(config.dir, target).split(path.sep).join('/') : '';
  return {
    config,
    context: (fs) =>
      RepoContext.create(target, {
        ignore: [...DEFAULT_IGNORES, ...(config.config.ignore ?? [])],
        ignoreBase: base,
        maxFileSize: config.config.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
        fs,
      }),
    async evaluate(repo) {
      // offline: init never reaches the network, and live checks stay skipped without --url
      const results = await runChecks(plan, repo, { url: null, settings: { ...DEFAULT_SETTINGS, offline: true }, concurrency: 4 });
      return { results: new Map(results.map((r) => [r.id, r])), score: overallScore(results) };
    },
  };
}
