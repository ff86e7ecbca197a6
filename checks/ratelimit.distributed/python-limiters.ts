/**
 * Rate limiters in Python services: Flask-Limiter and slowapi (`storage_uri`, `RATELIMIT_STORAGE_URI`
 * config, default `memory://`), fastapi-limiter (Redis only), django-ratelimit and Django REST
 * framework throttling (both count in Django's cache: `LocMemCache` unless `CACHES` says otherwise).
 */
import { findCalls, findCallsEverywhere, lineOf, optionOf, valueOf, type CodeIndex } from '../../src/facts/code/index.js';
import type { DjangoSettings } from '../../src/facts/django-settings.js';
import type { DeployEnv } from '../../src/facts/deploy-env.js';
import { flaskConfig } from '../../src/facts/flask-config.js';
import { storeOfValue, type Limiter } from './store.js';

const LIMITS_LIBS = [
  ['flask_limiter', 'Limiter', 'Flask-Limiter'],
  ['flask_limiter.extension', 'Limiter', 'Flask-Limiter'],
  ['slowapi', 'Limiter', 'slowapi'],
] as const;

export function pythonLimiters(index: CodeIndex, django: DjangoSettings, env: DeployEnv): Limiter[] {
  const out: Limiter[] = [];
  const configured = ['RATELIMIT_STORAGE_URI', 'RATELIMIT_STORAGE_URL'].flatMap((k) => flaskConfig(index, k));
  for (const file of index.files) {
    if (file.lang !== 'python') continue;
    for (const [module, name, library] of LIMITS_LIBS) {
      for (const call of findCalls(index, file, [[module, name]])) {
        const uri = optionOf(index, call, 'storage_uri');
        const fromConfig = !uri && library === 'Flask-Limiter' ? configured[0] : undefined;
        const store = storeOfValue(uri ?? fromConfig?.value, env) ?? { store: 'memory' as const, detail: 'no storage_uri: the default memory://' };
        out.push({ library, file: file.path, line: call.line, ...store });
      }
    }
  }
  for (const call of findCallsEverywhere(index, [['fastapi_limiter', 'FastAPILimiter.init']], 'python')) {
    out.push({ library: 'fastapi-limiter', file: call.file.path, line: call.line, store: 'shared', detail: 'Redis' });
  }
  out.push(...djangoLimiters(index, django));
  return out;
}

/** django-ratelimit decorators and DRF throttle classes, stored in the cache `CACHES` configures. */
function djangoLimiters(index: CodeIndex, django: DjangoSettings): Limiter[] {
  const out: Limiter[] = [];
  const cacheStore = (): Pick<Limiter, 'store' | 'detail'> => {
    for (const m of django.production) {
      const caches = django.effective(m, 'CACHES');
      if (!caches) continue;
      const v = valueOf(index, caches.module.file, caches.node);
      const def = v.kind === 'map' ? v.entries.get('default') : undefined;
      const backend = def?.kind === 'map' ? def.entries.get('BACKEND') : undefined;
      if (backend?.kind !== 'string') return { store: 'shared', detail: 'Django cache from configuration' };
      const local = /locmem|dummy|filebased/i.test(backend.value);
      return { store: local ? 'memory' : 'shared', detail: `Django cache ${backend.value}` };
    }
    return { store: 'memory', detail: "Django's default cache (LocMemCache)" };
  };
  const decorators = findCallsEverywhere(index, [['django_ratelimit.decorators', 'ratelimit'], ['ratelimit.decorators', 'ratelimit']], 'python');
  for (const call of decorators) out.push({ library: 'django-ratelimit', file: call.file.path, line: call.line, ...cacheStore() });
  for (const m of django.production) {
    const rf = django.effective(m, 'REST_FRAMEWORK');
    if (!rf) continue;
    const v = valueOf(index, rf.module.file, rf.node);
    const classes = v.kind === 'map' ? v.entries.get('DEFAULT_THROTTLE_CLASSES') : undefined;
    if (classes?.kind === 'list' && classes.items.length) out.push({ library: 'Django REST framework throttling', file: rf.file, line: lineOf(classes.node), ...cacheStore() });
  }
  return out;
}
