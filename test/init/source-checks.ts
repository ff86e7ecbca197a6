/**
 * The built-in checks loaded from their TypeScript sources (vitest transpiles them), so the init
 * tests run the real checks without a build of dist/.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Check } from '../../src/engine/check-api.js';
import type { RegisteredCheck } from '../../src/engine/registry.js';

const CHECKS = path.resolve(import.meta.dirname, '..', '..', 'checks');

let loaded: Promise<RegisteredCheck[]> | null = null;

export function sourceChecks(): Promise<RegisteredCheck[]> {
  loaded ??= Promise.all(
    readdirSync(CHECKS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(CHECKS, d.name, 'index.ts')))
      .map(async (d) => {
        const mod = (await import(pathToFileURL(path.join(CHECKS, d.name, 'index.ts')).href)) as { default: Check };
        return { check: mod.default, source: 'builtin', readmePath: path.join(CHECKS, d.name, 'README.md') };
      }),
  );
  return loaded;
}
