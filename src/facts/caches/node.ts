/**
 * Caches in Node services: node-cache and memory-cache (always in process), cache-manager
 * (`caching('memory')`, `createCache()` on an in-memory Keyv, or Redis/Memcached stores), NestJS
 * `CacheModule.register()` (in memory unless a store is given), Keyv (a Map unless given a
 * storage URL or adapter) and apicache (memory unless given a Redis client).
 */
import { findCallsEverywhere, optionOf, valueOf, type CallSite, type CodeIndex, type Value } from '../code/index.js';
import { storeOfBackend, type CacheSite } from './model.js';

const at = (c: CallSite) => ({ file: c.file.path, line: c.line });

/** Redis/Memcached store packages imported anywhere: stores given by reference to them are shared. */
const STORE_PACKAGES = /^(cache-manager-(redis|ioredis|memcached)[\w-]*|@keyv\/(redis|valkey|memcache|postgres|mysql|mongo)|redis|ioredis|@redis\/client|cache-manager-redis-yet|@tirke\/node-cache-manager-ioredis)$/;

function describe(v: Value | undefined, storesShared: boolean): { store: CacheSite['store']; backend: string } {
  if (!v) return { store: 'process', backend: 'in memory (no store given)' };
  if (v.kind === 'string') return { store: storeOfBackend(v.value), backend: v.value.replace(/\/\/[^@/]*@/, '//***@') };
  if (v.kind === 'call') {
    const name = v.origin ? `${v.origin.module}${v.origin.path.length ? '.' + v.origin.path.filter((p) => p !== '()').join('.') : ''}` : v.node.text().slice(0, 60);
    return { store: storeOfBackend(name), backend: name };
  }
  if (v.kind === 'env') return { store: 'config', backend: `from ${v.name ?? 'the environment'}` };
  // an identifier bound to an imported Redis store (`store: redisStore`)
  return { store: storesShared && /redis|memcache|valkey/i.test(v.node.text()) ? 'shared' : 'config', backend: v.node.text().slice(0, 60) };
}

export function nodeCaches(index: CodeIndex): CacheSite[] {
  const out: CacheSite[] = [];
  // every store package's name holds one of these words: files without them are not parsed
  const storesShared = index.files.some((f) => f.lang !== 'python' && /redis|memcache|@keyv\//.test(f.text) && f.imports.some((b) => STORE_PACKAGES.test(b.module)));
  for (const c of findCallsEverywhere(index, [['node-cache', ''], ['node-cache', 'default']], 'js')) out.push({ library: 'node-cache', ...at(c), store: 'process', backend: 'NodeCache (in process)' });
  for (const c of findCallsEverywhere(index, [['memory-cache', 'put'], ['memory-cache', 'default.put'], ['memory-cache', 'Cache']], 'js').slice(0, 1)) out.push({ library: 'memory-cache', ...at(c), store: 'process', backend: 'memory-cache (in process)' });
  for (const c of findCallsEverywhere(index, [['cache-manager', 'caching'], ['cache-manager', 'default.caching']], 'js')) {
    const first = c.args[0] ? valueOf(index, c.file, c.args[0]) : undefined;
    out.push({ library: 'cache-manager', ...at(c), ...describe(first, storesShared) });
  }
  for (const c of findCallsEverywhere(index, [['cache-manager', 'createCache']], 'js')) {
    const stores = optionOf(index, c, 'stores');
    const items = stores?.kind === 'list' ? stores.items : [];
    const shared = items.some((i) => i.node.text().match(/Redis|Memcache|Valkey|redis|createKeyv\w*Redis/)) || (items.length > 0 && storesShared);
    out.push({ library: 'cache-manager', ...at(c), store: !stores ? 'process' : shared ? 'shared' : items.length ? 'process' : 'config', backend: !stores ? 'in-memory Keyv (no stores given)' : items.map((i) => i.node.text().slice(0, 40)).join(', ') || 'stores from configuration' });
  }
  for (const c of findCallsEverywhere(index, [['@nestjs/cache-manager', 'CacheModule.register'], ['@nestjs/common', 'CacheModule.register']], 'js')) {
    const opts = c.args[0] ? valueOf(index, c.file, c.args[0]) : undefined;
    const store = opts?.kind === 'map' ? (opts.entries.get('store') ?? opts.entries.get('stores')) : opts ? ({ kind: 'unknown', node: opts.node } as Value) : undefined;
    out.push({ library: 'NestJS CacheModule', ...at(c), ...(store && store.kind === 'list' ? { store: store.items.some((i) => /redis|memcache|valkey/i.test(i.node.text())) ? ('shared' as const) : ('config' as const), backend: 'stores' } : describe(store, storesShared)) });
  }
  for (const c of findCallsEverywhere(index, [['keyv', 'Keyv'], ['keyv', ''], ['keyv', 'default']], 'js')) {
    const first = c.args[0] ? valueOf(index, c.file, c.args[0]) : undefined;
    const store = first?.kind === 'map' ? (first.entries.get('store') ?? first.entries.get('uri')) : first;
    out.push({ library: 'Keyv', ...at(c), ...describe(store, storesShared) });
  }
  const apicache = findCallsEverywhere(index, [['apicache', 'middleware'], ['apicache', 'default.middleware']], 'js');
  if (apicache.length) {
    const opts = findCallsEverywhere(index, [['apicache', 'options'], ['apicache', 'default.options'], ['apicache', 'newInstance']], 'js').some((c) => optionOf(index, c, 'redisClient') !== undefined);
    out.push({ library: 'apicache', ...at(apicache[0]), store: opts ? 'shared' : 'process', backend: opts ? 'redisClient' : 'in memory (no redisClient)' });
  }
  return out;
}
