/**
 * An application cache and where it keeps its entries: `shared` (Redis, Memcached, a database —
 * every process and host sees the same entries), `host` (files or uWSGI's cache: the processes of
 * one machine), `process` (memory of one worker), `none` (a null cache), or `config` when the
 * backend comes from configuration we cannot read (the operator's choice: counted as shared).
 */
export type CacheStore = 'shared' | 'host' | 'process' | 'none' | 'config';

export interface CacheSite {
  library: string;
  file: string;
  line: number;
  store: CacheStore;
  /** The backend as configured (`RedisCache`, `LocMemCache (the default)`). */
  backend: string;
}

const SHARED = /redis|memcache|pylibmc|pymemcache|valkey|dynamodb|mongo|database|databasecache|\.db\.|sql|keyv\/(redis|memcache|postgres|mysql|mongo)|elasticache|couchbase/i;
const HOST = /filesystem|filebased|file_system|uwsgi|diskcache|dbm/i;
const PROCESS = /simple|locmem|memory|inmemory|lru|local/i;
const NONE = /^(null|nullcache|dummy|dummycache|flask_caching\.backends\.NullCache|django\.core\.cache\.backends\.dummy\.DummyCache)$/i;

/** A backend name or dotted path or URL → where it stores. */
export function storeOfBackend(name: string): CacheStore {
  const n = name.trim();
  if (NONE.test(n) || /\.(dummy|null)/i.test(n)) return 'none';
  if (/sqlite/i.test(n)) return 'host';
  if (SHARED.test(n)) return 'shared';
  if (HOST.test(n)) return 'host';
  if (PROCESS.test(n)) return 'process';
  return 'config';
}
