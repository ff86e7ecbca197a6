/**
 * Loads a rubric and its `extends` chain into one effective rubric. Positions of check ids are kept
 * so an unknown id can be reported at the line that names it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type { Severity } from '../engine/check-api.js';
import type { GateConfig } from '../config/mina-config.js';
import { ConfigError } from '../config/config-error.js';
import { schemaValidator } from '../config/schemas.js';
import { loadValidated } from '../config/validated-yaml.js';
import { yamlModule } from '../config/yaml-module.js';
import { BUNDLED_RUBRICS_DIR, builtRubric } from './built-rubrics.js';

export { BUNDLED_RUBRICS_DIR };

export interface RubricCategory {
  id: string;
  title?: string;
  description?: string;
  weight?: number;
}

export interface RubricCheckEntry {
  category?: string;
  weight?: number;
  severity?: Severity;
  options?: Record<string, unknown>;
  enabled?: boolean;
  timeoutMs?: number;
}

export interface RubricLevel {
  id: string;
  title: string;
  description?: string;
  requires?: string[];
}

export interface RubricFile {
  name?: string;
  version?: number;
  description?: string;
  extends?: string;
  gate?: GateConfig;
  defaults?: { timeoutMs?: number };
  categories?: RubricCategory[];
  checks?: Record<string, RubricCheckEntry>;
  levels?: RubricLevel[];
}

export interface Position {
  file: string;
  line: number;
  column: number;
}

export interface EffectiveRubric extends Omit<RubricFile, 'extends'> {
  name: string;
  version: number;
  categories: RubricCategory[];
  checks: Record<string, RubricCheckEntry>;
  levels: RubricLevel[];
  /** The files of the chain, most-derived first. */
  sources: string[];
  /** Where each check id and level requirement was written (last writer wins). */
  positions: Map<string, Position>;
}

/** `default` (or any bundled name) or a path, relative to `baseDir`. */
export function resolveRubricRef(ref: string, baseDir: string): string {
  if (/^[a-z][a-z0-9-]*$/.test(ref)) return path.join(BUNDLED_RUBRICS_DIR, `${ref}.yaml`);
  return path.resolve(baseDir, ref);
}

/** A rubric and its chain; a bundled one from the build's JSON when that matches its files. */
export function loadRubric(file: string, seen: string[] = []): EffectiveRubric {
  return loadChain(file, seen, true);
}

/** Always from the YAML: what the build stores, and what the JSON must equal. */
export function parseRubric(file: string): EffectiveRubric {
  return loadChain(file, [], false);
}

function loadChain(file: string, seen: string[], useBuilt: boolean): EffectiveRubric {
  if (seen.includes(file)) {
    throw new ConfigError({ file: display(file), message: `extends cycle: ${[...seen, file].map(display).join(' -> ')}` });
  }
  const built = useBuilt ? builtRubric(file) : null;
  if (built) return built;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const from = seen.length ? ` (extended by ${display(seen[seen.length - 1])})` : '';
    throw new ConfigError({ file: display(file), message: `rubric not found or unreadable${from}: ${(err as NodeJS.ErrnoException).code ?? err}` });
  }
  const loaded = loadValidated<RubricFile>(file, text, schemaValidator('rubric'), display(file));
  const own = loaded.value;
  const positions = checkPositions(loaded.doc, loaded.lineCounter, display(file));
  const base: EffectiveRubric | null = own.extends
    ? loadChain(resolveExtends(own.extends, file, loaded.doc, loaded.lineCounter), [...seen, file], useBuilt)
    : null;
  return merge(base, own, file, positions);
}

function resolveExtends(ref: string, file: string, doc: Document.Parsed, lc: LineCounter): string {
  const target = resolveRubricRef(ref, path.dirname(file));
  try {
    readFileSync(target);
  } catch {
    const node = doc.get('extends', true) as { range?: [number, number] } | undefined;
    const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    throw new ConfigError({ file: display(file), line: pos.line, column: pos.col, message: `extends target "${ref}" not found (looked for ${display(target)})` });
  }
  return target;
}

function merge(base: EffectiveRubric | null, own: RubricFile, file: string, positions: Map<string, Position>): EffectiveRubric {
  const categories = [...(base?.categories ?? [])];
  for (const c of own.categories ?? []) {
    const i = categories.findIndex((x) => x.id === c.id);
    if (i >= 0) categories[i] = { ...categories[i], ...c };
    else categories.push(c);
  }
  const checks: Record<string, RubricCheckEntry> = { ...(base?.checks ?? {}) };
  for (const [id, entry] of Object.entries(own.checks ?? {})) {
    const prev = checks[id];
    checks[id] = prev ? { ...prev, ...entry, options: { ...prev.options, ...entry.options } } : entry;
  }
  const levels = [...(base?.levels ?? [])];
  for (const l of own.levels ?? []) {
    const i = levels.findIndex((x) => x.id === l.id);
    if (i >= 0) levels[i] = { ...levels[i], ...l };
    else levels.push(l);
  }
  return {
    name: own.name ?? base?.name ?? path.basename(file, path.extname(file)),
    version: own.version ?? base?.version ?? 1,
    description: own.description ?? base?.description,
    gate: { ...base?.gate, ...own.gate },
    defaults: { ...base?.defaults, ...own.defaults },
    categories,
    checks,
    levels,
    sources: [file, ...(base?.sources ?? [])],
    positions: new Map([...(base?.positions ?? []), ...positions]),
  };
}

/** Positions of `checks.<id>` keys and of `levels[i].requires[j]` items, keyed by id. */
function checkPositions(doc: Document.Parsed, lc: LineCounter, file: string): Map<string, Position> {
  const { isMap, isPair, isScalar } = yamlModule();
  const out = new Map<string, Position>();
  const at = (node: { range?: [number, number, number] | null }, key: string) => {
    if (!node.range || out.has(key)) return;
    const p = lc.linePos(node.range[0]);
    out.set(key, { file, line: p.line, column: p.col });
  };
  const checks = doc.get('checks', true);
  if (isMap(checks)) {
    for (const pair of checks.items) if (isPair(pair) && isScalar(pair.key)) at(pair.key, String(pair.key.value));
  }
  const levels = doc.get('levels', true) as { items?: unknown[] } | undefined;
  for (const level of levels?.items ?? []) {
    const requires = isMap(level) ? level.get('requires', true) : null;
    for (const item of (requires as { items?: unknown[] } | null)?.items ?? []) {
      if (isScalar(item)) at(item, `requires:${String(item.value)}`);
    }
  }
  return out;
}

function display(file: string): string {
  if (file.startsWith(BUNDLED_RUBRICS_DIR + path.sep)) return `rubrics/${path.basename(file)} (bundled)`;
  return path.relative(process.cwd(), file) || file;
}
