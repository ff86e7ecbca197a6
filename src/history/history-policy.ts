/**
 * Whether a run records history in its target. Off with `--no-history`, and off for targets inside
 * mina's own package (check fixtures, templates, the bundled service): the test suites run
 * `mina check` on those folders by the hundred, and a run must not leave `.mina/` files in mina's
 * source tree. The package root itself is an ordinary target (its `.mina/` is gitignored).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export function historyOffReason(target: string, flag: boolean | undefined, packageRoot = PACKAGE_ROOT): string | null {
  if (flag === false) return '--no-history';
  const rel = path.relative(real(packageRoot), real(target));
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return "the target is inside mina's own package";
  return null;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
