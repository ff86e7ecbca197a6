/**
 * Whether a run records history in its target. Off with `--no-history`, and off for mina's own
 * package and anything inside it (check fixtures, templates, the bundled service): the test suites
 * run `mina check` on those folders — and on mina itself — by the hundred, and a run must neither
 * leave `.mina/` files in mina's source tree nor change what the next run walks.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export function historyOffReason(target: string, flag: boolean | undefined, packageRoot = PACKAGE_ROOT): string | null {
  if (flag === false) return '--no-history';
  const rel = path.relative(real(packageRoot), real(target));
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  if (!outside) return "the target is mina's own package or inside it";
  return null;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
