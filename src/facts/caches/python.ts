/**
 * Caches in Python services: Flask-Caching (`CACHE_TYPE` in `Cache(config=…)`, `init_app(config=…)`
 * or the app config; the default is the null cache), Django `CACHES` (LocMemCache when unset and
 * the code uses `django.core.cache`), fastapi-cache (`FastAPICache.init(backend)`), aiocache
 * (`Cache(Cache.MEMORY|REDIS|MEMCACHED)`, `SimpleMemoryCache()`…) and dogpile.cache regions.
 */
import { findCallsEverywhere, lineOf, optionOf, valueOf, type CallSite, type CodeIndex, type Value } from '../code/index.js';
import type { DjangoSettings } from '../django-settings.js';
import { flaskConfig } from '../flask-config.js';
import { storeOfBackend, type CacheSite } from './model.js';

function fromValue(v: Value | undefined): { store: CacheSite['store']; backend: string } | null {
  if (!v) return null;
  if (v.kind === 'string') return { store: storeOfBackend(v.value), backend: v.value };
  if (v.kind === 'env') {
    const fb = v.fallback?.kind === 'string' ? v.fallback.value : null;
    return { store: 'config', backend: `${v.name ?? 'environment'}${fb ? ` (default ${fb})` : ''}` };
  }
  if (v.kind === 'null') return null;
  return { store: 'config', backend: 'from configuration' };
}

export function pythonCaches(index: CodeIndex, django: DjangoSettings): CacheSite[] {
  const out: CacheSite[] = [];
  const at = (c: CallSite) => ({ file: c.file.path, line: c.line });
  // Flask-Caching: the call's config, else the app config's CACHE_TYPE, else the null cache
  const appType = fromValue(flaskConfig(index, 'CACHE_TYPE')[0]?.value);
  const flask = findCallsEverywhere(index, [['flask_caching', 'Cache'], ['flask_cache', 'Cache']], 'python');
  const inits = findCallsEverywhere(index, [['flask_caching', 'Cache().init_app']], 'python');
  const typeIn = (c: CallSite) => {
    const cfg = optionOf(index, c, 'config');
    return fromValue(cfg?.kind === 'map' ? cfg.entries.get('CACHE_TYPE') : undefined) ?? (cfg && cfg.kind !== 'map' ? { store: 'config' as const, backend: 'config from elsewhere' } : null);
  };
  const initType = inits.map(typeIn).find((t) => t) ?? null;
  for (const c of flask) {
    const t = typeIn(c) ?? initType ?? appType ?? { store: 'none' as const, backend: 'NullCache (the default CACHE_TYPE)' };
    out.push({ library: 'Flask-Caching', ...at(c), ...t });
  }
  out.push(...djangoCaches(index, django));
  for (const c of findCallsEverywhere(index, [['fastapi_cache', 'FastAPICache.init']], 'python')) {
    const b = c.args[0] ? valueOf(index, c.file, c.args[0]) : undefined;
    const name = b?.kind === 'call' && b.origin ? [b.origin.module, ...b.origin.path].join('.') : (c.args[0]?.text() ?? '');
    out.push({ library: 'fastapi-cache', ...at(c), store: storeOfBackend(name), backend: name.replace(/\.\(\)$/, '') });
  }
  for (const c of findCallsEverywhere(index, [['aiocache', 'Cache'], ['aiocache', 'SimpleMemoryCache'], ['aiocache', 'RedisCache'], ['aiocache', 'MemcachedCache']], 'python')) {
    const ctor = c.origin.path[c.origin.path.length - 2] ?? '';
    const kind = ctor === 'Cache' ? (c.args[0]?.text() ?? c.kwargs.get('cache_class')?.text() ?? 'Cache.MEMORY') : ctor;
    out.push({ library: 'aiocache', ...at(c), store: storeOfBackend(kind), backend: kind });
  }
  for (const c of findCallsEverywhere(index, [['dogpile.cache', 'make_region().configure']], 'python')) {
    const v = c.args[0] ? valueOf(index, c.file, c.args[0]) : undefined;
    const t = fromValue(v) ?? { store: 'config' as const, backend: 'from configuration' };
    out.push({ library: 'dogpile.cache', ...at(c), ...t });
  }
  return out;
}

/** `CACHES['default']['BACKEND']` in production settings; LocMemCache when unset but the cache is used. */
function djangoCaches(index: CodeIndex, django: DjangoSettings): CacheSite[] {
  const out: CacheSite[] = [];
  const hits = django.inProduction('CACHES');
  for (const hit of hits) {
    const v = valueOf(index, hit.module.file, hit.node);
    const aliases = v.kind === 'map' ? [...v.entries] : [['default', v] as const];
    for (const [alias, def] of aliases) {
      const backend = def.kind === 'map' ? def.entries.get('BACKEND') : undefined;
      const t = fromValue(backend) ?? { store: 'config' as const, backend: 'from configuration' };
      out.push({ library: alias === 'default' ? 'Django cache' : `Django cache "${alias}"`, file: hit.file, line: v.kind === 'map' ? lineOf(def.node) : hit.line, ...t });
    }
  }
  if (hits.length || !django.production.length) return out;
  const uses = index.files.find((f) => f.lang === 'python' && f.text.includes('django') && f.imports.some((b) => b.module === 'django.core.cache' || b.module === 'django.views.decorators.cache' || b.module === 'django.core.cache.backends'));
  if (uses) {
    const imp = uses.imports.find((b) => b.module.startsWith('django.core.cache') || b.module === 'django.views.decorators.cache')!;
    out.push({ library: 'Django cache', file: uses.path, line: imp.line, store: 'process', backend: 'LocMemCache (the default: no CACHES in the production settings)' });
  }
  return out;
}
