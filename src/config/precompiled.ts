/**
 * Validators compiled at build time (scripts/gen-validators.mjs, ajv standalone code): compiling a
 * JSON Schema with ajv costs more start-up than a whole `mina check` of a small repository. A
 * validator is found by a hash of its schema's text, so an edited schema never meets a stale
 * validator: it simply has none, and the caller compiles at run time (as tests from `src/` do).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Options, ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

export const VALIDATORS_DIR = path.join(PACKAGE_ROOT, 'dist', 'validators');

/** ajv options per use: a validator compiled with other options would behave differently. */
export const AJV_OPTIONS = {
  // verbose: errors carry their schema, so an unknown key can be answered with the allowed ones
  config: { allErrors: true, strict: false, useDefaults: true, verbose: true },
  rule: { allErrors: true, strict: false },
} as const satisfies Record<string, Options>;

export type AjvGroup = keyof typeof AJV_OPTIONS;

const require = createRequire(import.meta.url);

export function validatorFile(group: AjvGroup, schemaText: string, dir = VALIDATORS_DIR): string {
  return path.join(dir, `${group}-${createHash('sha256').update(schemaText).digest('hex').slice(0, 32)}.cjs`);
}

/** The build-time validator of exactly this schema text, or null when the build made none. */
export function precompiledValidator<T = unknown>(group: AjvGroup, schemaText: string, dir = VALIDATORS_DIR): ValidateFunction<T> | null {
  const file = validatorFile(group, schemaText, dir);
  if (!existsSync(file)) return null;
  try {
    return (require(file) as { default?: ValidateFunction<T> }).default ?? null;
  } catch {
    return null; // e.g. built against another ajv whose run-time helpers moved: compile instead
  }
}
