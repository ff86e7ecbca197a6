import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The package root, found from this module upwards: compiled code runs from `dist/src/`, tests run
 * the TypeScript sources from `src/`, and both must find `schemas/`, `rubrics/` and `checks/`.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'schemas'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('mina: cannot find its package root');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();

export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
