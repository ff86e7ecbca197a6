/**
 * Where a limiter keeps its counters. `shared`: one store for every process (Redis, Memcached,
 * a database, the edge); `memory`: each process counts alone; `host`: shared by the workers of one
 * machine only (node's cluster master). A store named by config we cannot read is `shared`: the
 * operator chose it.
 */
import type { Value } from '../../src/facts/code/index.js';
import type { DeployEnv } from '../../src/facts/deploy-env.js';

export type StoreKind = 'shared' | 'memory' | 'host';

export interface Limiter {
  library: string;
  file: string;
  line: number;
  store: StoreKind;
  /** How the store was decided, for the message. */
  detail: string;
}

/** `memory://` (the `limits` library's default) counts per process; redis, memcached, mongodb, etcd… are shared. */
export function storeOfUri(uri: string): StoreKind {
  const u = uri.trim();
  return u === '' || /^(async\+)?memory:/i.test(u) ? 'memory' : 'shared';
}

/** A storage URI value: a literal, or an env read resolved through the deployment's env (else its fallback). */
export function storeOfValue(v: Value | undefined, env: DeployEnv): { store: StoreKind; detail: string } | null {
  if (!v) return null;
  if (v.kind === 'string') return { store: storeOfUri(v.value), detail: `storage ${v.value}` };
  if (v.kind === 'env') {
    const set = v.name ? env.production(v.name).find((s) => s.value !== null) : undefined;
    if (set?.value != null) return { store: storeOfUri(set.value), detail: `storage ${set.value} (${v.name} in ${set.file})` };
    if (v.fallback?.kind === 'string' && (!v.name || env.production(v.name).length === 0)) {
      return { store: storeOfUri(v.fallback.value), detail: `storage from ${v.name}, ${v.fallback.value} when unset` };
    }
  }
  return { store: 'shared', detail: 'storage from configuration' };
}
