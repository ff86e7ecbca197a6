/**
 * The published JSON Schemas (`schemas/*.json`), compiled once per process — at build time when
 * the build made a validator for them (see precompiled.ts), so ajv itself loads only as a fallback.
 * They live outside `src/` so editors and CI tools can use the very files mina validates with.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';
import { AJV_OPTIONS, precompiledValidator } from './precompiled.js';

const require = createRequire(import.meta.url);
let runtime: AjvClass | null = null;

/** The run-time compiler, created on first need: loading and starting ajv costs start-up time. */
export function runtimeAjv(): AjvClass {
  if (!runtime) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    runtime = new Ajv(AJV_OPTIONS.config);
  }
  return runtime;
}

/** The shared compiler for config-like schemas (check options, service config): precompiled first. */
export const ajv = {
  compile<T = unknown>(schema: object): ValidateFunction<T> {
    return precompiledValidator<T>('config', schemaText(schema)) ?? runtimeAjv().compile<T>(schema);
  },
  errorsText(errors?: ErrorObject[] | null): string {
    return runtimeAjv().errorsText(errors);
  },
};

// A plugin's schema may hold what JSON cannot (a BigInt, a cycle): it just has no precompiled form.
function schemaText(schema: object): string {
  try {
    return JSON.stringify(schema);
  } catch {
    return '';
  }
}

const compiled = new Map<string, ValidateFunction>();

export function schemaValidator(name: 'rubric' | 'mina' | 'report'): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const text = readFileSync(path.join(PACKAGE_ROOT, 'schemas', `${name}.schema.json`), 'utf8');
    fn = precompiledValidator('config', text) ?? runtimeAjv().compile(JSON.parse(text) as object);
    compiled.set(name, fn);
  }
  return fn;
}
