/**
 * Where the service gets its database connections, and how: a pool (with or without an explicit
 * bound and a health setting), no pool at all (`NullPool`), persistent per-thread connections
 * (Django `CONN_MAX_AGE`), or a connection opened per request. Each site is read from code or
 * settings; `pools-python.ts` and `pools-node.ts` find them.
 */
import type { SgNode } from '@ast-grep/napi';
import { defineFact } from '../../context/repo-context.js';
import { codeIndexFact, findKinds, inRequestHandler, kindOf, type CodeFile, type CodeIndex } from '../code/index.js';
import { djangoSettingsFact } from '../django-settings.js';
import { deployEnvFact } from '../deploy-env.js';
import { enclosingFunction } from '../code/scope.js';
import { pythonPoolSites } from './pools-python.js';
import { nodePoolSites } from './pools-node.js';

export interface PoolSite {
  library: string;
  file: string;
  line: number;
  kind: 'pool' | 'no-pool' | 'persistent' | 'per-request';
  /** Connections one process may open, when the code says so (pool size + overflow). */
  size: number | null;
  /** The bound is set explicitly (or from configuration we cannot read); false: the library default. */
  bounded: boolean;
  /** Unbounded on purpose (`max_overflow=-1`). */
  unbounded?: boolean;
  /** Stale connections are detected or recycled; null when the library has no such setting. */
  health: boolean | null;
  /** What the finding should say about the setting. */
  detail: string;
}

export const poolSitesFact = defineFact<PoolSite[]>('db:pool-sites', async (repo) => {
  const [index, django, env] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact), repo.fact(deployEnvFact)]);
  return [...pythonPoolSites(index, django), ...nodePoolSites(index, env)];
});

/** The function's name (`def get_db`, `function getDb`, `const getDb = () => …`). */
function functionName(fn: SgNode): string | null {
  const own = fn.field('name')?.text();
  if (own) return own;
  const parent = fn.parent();
  return parent && kindOf(parent) === 'variable_declarator' ? (parent.field('name')?.text() ?? null) : null;
}

/**
 * Runs per request: inside a request handler, or inside a helper (`get_db()`) that a request
 * handler calls — the usual shape of "open a connection for this request".
 */
export function runsPerRequest(index: CodeIndex, file: CodeFile, node: SgNode): boolean {
  if (inRequestHandler(file, node)) return true;
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn) : null;
  if (!name) return false;
  // A call of `name` writes it; so do the imports that the old test also accepted.
  for (const f of index.files) {
    if (!f.text.includes(name)) continue;
    for (const call of findKinds(f, ['call', 'call_expression'])) {
      const callee = call.field('function')?.text() ?? '';
      if ((callee === name || callee.endsWith('.' + name)) && inRequestHandler(f, call)) return true;
    }
  }
  return false;
}
