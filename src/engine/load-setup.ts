/**
 * Everything a command needs before checks run: the config found from the target, the rubric it
 * names (or `--rubric`), the registered checks and the plan joining them. All failures here are
 * configuration errors (exit 2), raised before any file of the target is read.
 */
import path from 'node:path';
import { findConfig, type LoadedConfig } from '../config/mina-config.js';
import { loadRubric, resolveRubricRef } from '../rubric/load-rubric.js';
import { loadBuiltinChecks, loadPlugins, type RegisteredCheck } from './registry.js';
import { buildPlan, type Plan } from './plan.js';
import { ConfigError } from '../config/config-error.js';

export interface SetupOptions {
  /** `--rubric`, relative to the current directory. */
  rubric?: string;
  plugins?: boolean;
}

export interface Setup {
  config: LoadedConfig;
  registry: RegisteredCheck[];
  plan: Plan;
}

export async function loadSetup(target: string, options: SetupOptions = {}): Promise<Setup> {
  const config = findConfig(target);
  const rubricFile = options.rubric
    ? resolveRubricRef(options.rubric, process.cwd())
    : resolveRubricRef(config.config.rubric ?? 'default', config.dir);
  const rubric = loadRubric(rubricFile);
  const registry = await loadBuiltinChecks();
  if (options.plugins !== false && config.config.plugins?.length) {
    const plugins = await loadPlugins(config.config.plugins, config.dir, path.relative(process.cwd(), config.file ?? 'mina.yaml') || 'mina.yaml');
    const builtinIds = new Set(registry.map((r) => r.check.meta.id));
    for (const p of plugins) {
      if (builtinIds.has(p.check.meta.id)) {
        throw new ConfigError({ file: config.file ?? 'mina.yaml', message: `plugin "${p.source}" redefines the built-in check ${p.check.meta.id}` });
      }
    }
    registry.push(...plugins);
  }
  const configFile = config.file ? path.relative(process.cwd(), config.file) || config.file : null;
  const plan = buildPlan(rubric, registry, config.config, configFile, options.plugins === false && !!config.config.plugins?.length);
  return { config, registry, plan };
}
