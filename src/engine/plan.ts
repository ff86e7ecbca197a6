/**
 * Joins the effective rubric, the registered checks and the repository config into the list of
 * checks to run, each with its final weight, severity, options and time limit. Every reference is
 * checked here, before anything runs: an unknown id or bad option is a config error (exit 2).
 */
import type { Check, Severity } from './check-api.js';
import type { RegisteredCheck } from './registry.js';
import type { EffectiveRubric, RubricCategory } from '../rubric/load-rubric.js';
import type { GateConfig, MinaConfig } from '../config/mina-config.js';
import { ConfigError, type ConfigProblem } from '../config/config-error.js';
import { ajv } from '../config/schemas.js';
import { formatPath } from '../config/validated-yaml.js';

export interface PlannedCheck {
  check: Check;
  id: string;
  category: string;
  /** Effective weight (after category scaling). */
  weight: number;
  severity: Severity;
  options: Record<string, unknown>;
  timeoutMs: number;
  /** Why it will not run although the rubric lists it (e.g. disabled in mina.yaml). */
  skipReason: string | null;
  readmePath: string | null;
}

export interface Plan {
  rubric: EffectiveRubric;
  categories: RubricCategory[];
  checks: PlannedCheck[];
  gate: GateConfig;
  warnings: string[];
}

export const DEFAULT_TIMEOUT_MS = 300_000;

export function buildPlan(
  rubric: EffectiveRubric,
  registry: RegisteredCheck[],
  config: MinaConfig,
  configFile: string | null,
  /** Plugins were refused (--no-plugins): mina.yaml entries for their checks are expected, not errors. */
  pluginsRefused = false,
): Plan {
  const warnings: string[] = [];
  const byId = new Map(registry.map((r) => [r.check.meta.id, r]));
  const problems: ConfigProblem[] = [];
  const unknown = (id: string, key: string, what: string) => {
    const pos = rubric.positions.get(key);
    problems.push({ file: pos?.file ?? rubric.sources[0], line: pos?.line, column: pos?.column, message: `${what} "${id}" is not a known check${suggest(id, byId)}` });
  };
  for (const id of Object.keys(rubric.checks)) if (!byId.has(id)) unknown(id, id, 'checks');
  for (const level of rubric.levels) for (const id of level.requires ?? []) if (!byId.has(id)) unknown(id, `requires:${id}`, `level ${level.id} requires`);
  const cfgFile = configFile ?? 'mina.yaml';
  for (const id of [...(config.disable ?? []), ...Object.keys(config.checks ?? {})]) {
    if (byId.has(id)) continue;
    if (pluginsRefused) warnings.push(`${cfgFile}: "${id}" is ignored: plugins were not loaded (--no-plugins)`);
    else problems.push({ file: cfgFile, message: `"${id}" is not a known check${suggest(id, byId)}` });
  }

  const categories = rubric.categories.map((c) => ({ ...c }));
  const entries = Object.entries(rubric.checks).filter(([id, e]) => e.enabled !== false && byId.has(id));
  // Plugin checks the rubric does not name still run: listing a plugin asks for its checks.
  for (const r of registry) {
    if (r.source !== 'builtin' && !(r.check.meta.id in rubric.checks)) entries.push([r.check.meta.id, {}]);
  }
  const planned: PlannedCheck[] = [];
  for (const [id, entry] of entries) {
    const reg = byId.get(id)!;
    const meta = reg.check.meta;
    const local = config.checks?.[id] ?? {};
    const category = entry.category ?? meta.category;
    if (!categories.some((c) => c.id === category)) {
      if (reg.source === 'builtin' || id in rubric.checks) {
        const pos = rubric.positions.get(id);
        problems.push({ file: pos?.file ?? rubric.sources[0], line: pos?.line, column: pos?.column, message: `check "${id}" is in category "${category}", which the rubric does not declare under categories` });
        continue;
      }
      categories.push({ id: category, title: category });
    }
    const options = structuredClone({ ...entry.options, ...local.options });
    const validate = meta.optionsSchema ? ajv.compile(meta.optionsSchema) : null;
    if (validate && !validate(options)) {
      for (const e of validate.errors ?? []) {
        const at = formatPath(['checks', id, 'options', ...e.instancePath.split('/').slice(1)]);
        problems.push({ file: local.options ? cfgFile : rubric.sources[0], message: `${at} ${e.message ?? 'is invalid'}` });
      }
    }
    planned.push({
      check: reg.check,
      id,
      category,
      weight: local.weight ?? entry.weight ?? meta.weight ?? 1,
      severity: local.severity ?? entry.severity ?? meta.severity,
      options,
      timeoutMs: entry.timeoutMs ?? rubric.defaults?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      skipReason: config.disable?.includes(id) ? `disabled in ${cfgFile}` : null,
      readmePath: reg.readmePath,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  scaleByCategory(planned, categories);
  return { rubric, categories: categories.filter((c) => planned.some((p) => p.category === c.id)), checks: planned, gate: { ...rubric.gate, ...config.gate }, warnings };
}

/** A category with a weight shares it among its checks in proportion to their own weights. */
function scaleByCategory(checks: PlannedCheck[], categories: RubricCategory[]): void {
  for (const cat of categories) {
    if (cat.weight === undefined) continue;
    const members = checks.filter((c) => c.category === cat.id);
    const total = members.reduce((s, c) => s + c.weight, 0);
    if (total === 0) continue;
    for (const c of members) c.weight = (cat.weight * c.weight) / total;
  }
}

function suggest(id: string, known: Map<string, unknown>): string {
  const close = [...known.keys()].filter((k) => k.split('.')[1] === id.split('.')[1] || k.split('.')[0] === id.split('.')[0]);
  return close.length ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
}
