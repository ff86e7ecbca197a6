/** `mina rubric validate|show|init`. */
import path from 'node:path';
import { stringify } from 'yaml';
import { loadRubric, resolveRubricRef } from '../rubric/load-rubric.js';
import { loadBuiltinChecks } from '../engine/registry.js';
import { buildPlan } from '../engine/plan.js';
import { findConfig } from '../config/mina-config.js';
import { atomicWrite } from '../io/atomic-write.js';
import { ConfigError } from '../config/config-error.js';

export async function rubricValidate(file: string): Promise<number> {
  const rubric = loadRubric(path.resolve(file));
  // Plugin checks are unknown here by design: validation must not execute repository code.
  const plan = buildPlan(rubric, await loadBuiltinChecks(), {}, null);
  process.stdout.write(`${file}: valid rubric "${rubric.name}" v${rubric.version} — ${plan.checks.length} checks in ${plan.categories.length} categories, ${rubric.levels.length} levels\n`);
  return 0;
}

export async function rubricShow(file: string | undefined): Promise<number> {
  const config = findConfig(process.cwd());
  const resolved = file ? path.resolve(file) : resolveRubricRef(config.config.rubric ?? 'default', config.dir);
  const { sources, positions: _positions, ...effective } = loadRubric(resolved);
  const header = `# effective rubric from ${sources.map((s) => path.relative(process.cwd(), s) || s).join(' <- ')}\n`;
  process.stdout.write(header + stringify(effective, { lineWidth: 0 }));
  return 0;
}

const STARTER = `# yaml-language-server: $schema=https://github.com/mina-readiness/mina/schemas/rubric.schema.json
# A custom rubric: everything from the bundled default, then your overrides.
name: our-rubric
version: 1
extends: default
gate:
  minScore: 80
  failOn: critical
# checks:
#   ops.change-management:
#     weight: 1
#     severity: low
#   ops.runbooks:
#     enabled: false
`;

export async function rubricInit(file: string, opts: { force?: boolean }): Promise<number> {
  try {
    await atomicWrite(path.resolve(file), STARTER, { overwrite: opts.force === true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ConfigError(`${file} exists; use --force to overwrite it`);
    throw err;
  }
  process.stdout.write(`wrote ${file}\n`);
  return 0;
}
