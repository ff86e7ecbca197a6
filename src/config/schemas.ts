/**
 * The published JSON Schemas (`schemas/*.json`), compiled once per process. They live outside
 * `src/` so editors and CI tools can use the very files mina validates with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

// verbose: errors carry their schema, so an unknown key can be answered with the allowed ones
export const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, verbose: true });

const compiled = new Map<string, ValidateFunction>();

export function schemaValidator(name: 'rubric' | 'mina' | 'report'): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as object;
    fn = ajv.compile(schema);
    compiled.set(name, fn);
  }
  return fn;
}
