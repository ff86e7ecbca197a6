/**
 * Where checks come from: built-ins discovered from `checks/<id>/` (no hand-kept list: a new folder
 * is a new check) and plugins named in `mina.yaml`, local files or npm packages, which implement the
 * same interface.
 */
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEVERITIES, type Check } from './check-api.js';
import { ConfigError } from '../config/config-error.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface RegisteredCheck {
  check: Check;
  /** `builtin` or the plugin spec that provided it. */
  source: string;
  /** The check's README (built-ins), for `mina checks <id>` and report help text. */
  readmePath: string | null;
}

export const BUILTIN_CHECKS_DIR = path.join(PACKAGE_ROOT, 'dist', 'checks');
export const CHECK_SOURCES_DIR = path.join(PACKAGE_ROOT, 'checks');

interface Manifest {
  checks: { meta: Check['meta']; hasApplies: boolean; hasPrepare?: boolean }[];
}

/**
 * Built-in checks from the manifest the build generates: metadata now, code on first use. Without
 * a manifest (running from sources) every check module is imported.
 */
export async function loadBuiltinChecks(dir = BUILTIN_CHECKS_DIR): Promise<RegisteredCheck[]> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return importBuiltinChecks(dir);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  return manifest.checks.map(({ meta, hasApplies, hasPrepare }) => {
    const readme = path.join(CHECK_SOURCES_DIR, meta.id, 'README.md');
    return { check: lazyCheck(meta, path.join(dir, meta.id, 'index.js'), hasApplies, hasPrepare === true), source: 'builtin', readmePath: existsSync(readme) ? readme : null };
  });
}

function lazyCheck(meta: Check['meta'], file: string, hasApplies: boolean, hasPrepare: boolean): Check {
  let loaded: Promise<Check> | null = null;
  const load = () =>
    (loaded ??= import(pathToFileURL(file).href).then((mod: { default?: Check }) => {
      if (!mod.default || shapeProblem(mod.default)) throw new Error(`built-in check ${meta.id}: ${shapeProblem(mod.default)}`);
      return mod.default;
    }));
  return {
    meta,
    prepare: hasPrepare ? async (options) => (await load()).prepare?.(options) : undefined,
    applies: hasApplies ? async (ctx) => (await load()).applies!(ctx) : undefined,
    run: async (ctx) => (await load()).run(ctx),
  };
}

async function importBuiltinChecks(dir: string): Promise<RegisteredCheck[]> {
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
  return Promise.all(
    ids.map(async (id) => {
      const mod = (await import(pathToFileURL(path.join(dir, id, 'index.js')).href)) as { default?: unknown };
      const check = mod.default;
      const problem = shapeProblem(check);
      if (problem) throw new Error(`built-in check ${id}: ${problem}`);
      if ((check as Check).meta.id !== id) throw new Error(`built-in check folder ${id} exports id ${(check as Check).meta.id}`);
      const readme = path.join(CHECK_SOURCES_DIR, id, 'README.md');
      return { check: check as Check, source: 'builtin', readmePath: existsSync(readme) ? readme : null };
    }),
  );
}

/** Loads `plugins:` entries, relative to the directory of the config that names them. */
export async function loadPlugins(specs: readonly string[], configDir: string, configFile: string): Promise<RegisteredCheck[]> {
  const out: RegisteredCheck[] = [];
  for (const spec of specs) {
    const resolved = resolvePlugin(spec, configDir, configFile);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError({ file: configFile, message: `plugin "${spec}" failed to load: ${(err as Error).message}` });
    }
    const exported = mod.default ?? mod.checks ?? mod;
    const list = Array.isArray(exported) ? exported : isChecksObject(exported) ? exported.checks : [exported];
    if (list.length === 0) throw new ConfigError({ file: configFile, message: `plugin "${spec}" exports no checks` });
    for (const check of list) {
      const problem = shapeProblem(check);
      if (problem) throw new ConfigError({ file: configFile, message: `plugin "${spec}": ${problem}` });
      out.push({ check: check as Check, source: spec, readmePath: null });
    }
  }
  return out;
}

function resolvePlugin(spec: string, dir: string, configFile: string): string {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const file = path.resolve(dir, spec);
    if (!existsSync(file)) throw new ConfigError({ file: configFile, message: `plugin "${spec}" not found at ${file}` });
    return file;
  }
  try {
    return createRequire(path.join(dir, 'noop.js')).resolve(spec);
  } catch {
    throw new ConfigError({ file: configFile, message: `plugin package "${spec}" is not installed (npm install --save-dev ${spec})` });
  }
}

function isChecksObject(v: unknown): v is { checks: unknown[] } {
  return !!v && typeof v === 'object' && Array.isArray((v as { checks?: unknown }).checks);
}

/** What is wrong with a would-be check, or null. */
export function shapeProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object') return 'export is not a check object';
  const c = v as Partial<Check>;
  if (!c.meta || typeof c.meta !== 'object') return 'check has no meta';
  const m = c.meta;
  if (typeof m.id !== 'string' || !/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/.test(m.id)) return `meta.id "${String(m.id)}" must look like area.name`;
  if (typeof m.title !== 'string') return `${m.id}: meta.title must be a string`;
  if (typeof m.category !== 'string') return `${m.id}: meta.category must be a string`;
  if (!SEVERITIES.includes(m.severity)) return `${m.id}: meta.severity must be one of ${SEVERITIES.join(', ')}`;
  if (typeof c.run !== 'function') return `${m.id}: run must be a function`;
  if (c.applies !== undefined && typeof c.applies !== 'function') return `${m.id}: applies must be a function`;
  return null;
}
