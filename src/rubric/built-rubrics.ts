/**
 * The bundled rubrics as the build resolved them (scripts/gen-validators.mjs → dist/rubrics.json):
 * every `extends` followed and merged, positions kept. A run that uses a bundled rubric then needs
 * no YAML parser at all. Each entry names the sha256 of every file of its chain and of the rubric
 * schema (whose defaults fill the result in), so an edited rubric is read as YAML until the next build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import type { EffectiveRubric, Position } from './load-rubric.js';

export const BUNDLED_RUBRICS_DIR = path.join(PACKAGE_ROOT, 'rubrics');
export const BUILT_RUBRICS_FILE = path.join(PACKAGE_ROOT, 'dist', 'rubrics.json');
const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schemas', 'rubric.schema.json');

type StoredRubric = Omit<EffectiveRubric, 'sources' | 'positions'> & { positions: [string, Position][] };

/** One bundled rubric: its chain (file names in the bundled folder, most-derived first) and result. */
export interface BuiltRubric {
  sources: { file: string; sha256: string }[];
  rubric: StoredRubric;
}

export interface BuiltRubrics {
  generated?: string;
  schema: string;
  rubrics: Record<string, BuiltRubric>;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function rubricSchemaHash(): string {
  return sha256(readFileSync(SCHEMA_FILE));
}

/**
 * What the build stores for a rubric loaded from YAML; null when its chain leaves the bundled
 * folder (its positions would then name files relative to the working directory).
 */
export function toBuilt(rubric: EffectiveRubric): BuiltRubric | null {
  const sources: BuiltRubric['sources'] = [];
  for (const file of rubric.sources) {
    if (path.dirname(file) !== BUNDLED_RUBRICS_DIR) return null;
    sources.push({ file: path.basename(file), sha256: sha256(readFileSync(file)) });
  }
  const { sources: _files, positions, ...rest } = rubric;
  return { sources, rubric: { ...rest, positions: [...positions] } };
}

/** The stored rubric as loadRubric returns it, keys in merge()'s order (JSON drops an undefined description). */
export function revive(built: BuiltRubric, file = path.join(BUNDLED_RUBRICS_DIR, built.sources[0].file)): EffectiveRubric {
  const { name, version, description, positions, ...rest } = built.rubric;
  const sources = built.sources.map((s, i) => (i === 0 ? file : path.join(BUNDLED_RUBRICS_DIR, s.file)));
  return { name, version, description, ...rest, sources, positions: new Map(positions) };
}

/** The build's copy of a bundled rubric file, or null when there is none or any of its sources changed. */
export function builtRubric(file: string, from = BUILT_RUBRICS_FILE): EffectiveRubric | null {
  if (path.dirname(file) !== BUNDLED_RUBRICS_DIR || !existsSync(from)) return null;
  try {
    const built = JSON.parse(readFileSync(from, 'utf8')) as BuiltRubrics;
    const name = path.basename(file);
    const entry = Object.hasOwn(built.rubrics, name) ? built.rubrics[name] : undefined;
    if (!entry || entry.sources[0]?.file !== name || built.schema !== rubricSchemaHash()) return null;
    for (const s of entry.sources) {
      if (sha256(readFileSync(path.join(BUNDLED_RUBRICS_DIR, s.file))) !== s.sha256) return null;
    }
    return revive(entry, file);
  } catch {
    return null; // unreadable copy or source: the YAML path answers, with its own error if any
  }
}
