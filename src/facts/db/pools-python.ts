/**
 * Connection setup in Python services: SQLAlchemy engines (`pool_size`/`max_overflow`,
 * `pool_pre_ping`/`pool_recycle`, `poolclass=NullPool`), Flask-SQLAlchemy (`engine_options=` or
 * `SQLALCHEMY_ENGINE_OPTIONS` and the legacy `SQLALCHEMY_POOL_*` keys), psycopg2/psycopg/asyncpg
 * pools, Django `DATABASES` (`CONN_MAX_AGE`, `CONN_HEALTH_CHECKS`, `OPTIONS.pool`,
 * dj-database-url), and driver `connect()` calls that run per request.
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, filesReaching, findKinds, lineOf, optionOf, originOf, truthy, valueOf, type CallSite, type CodeIndex, type Value } from '../code/index.js';
import type { DjangoSettings } from '../django-settings.js';
import { flaskConfig } from '../flask-config.js';
import { runsPerRequest, type PoolSite } from './pool-sites.js';

const ENGINE = /^(sqlalchemy|sqlmodel)(\.ext\.asyncio)?\.(create_engine|create_async_engine)\.\(\)$/;
const CONNECT = /^(psycopg2|psycopg|asyncpg|pymysql|MySQLdb|mysql\.connector|aiomysql|aiopg)\.(connect|AsyncConnection\.connect|Connection\.connect)\.\(\)$/;
const POOLS: Array<[RegExp, string, string | number]> = [
  [/^psycopg2\.pool\.(SimpleConnectionPool|ThreadedConnectionPool)\.\(\)$/, 'psycopg2 pool', 1],
  [/^psycopg_pool\.(ConnectionPool|AsyncConnectionPool)\.\(\)$/, 'psycopg_pool', 'max_size'],
  [/^asyncpg\.create_pool\.\(\)$/, 'asyncpg pool', 'max_size'],
];

const chainOf = (index: CodeIndex, file: CallSite['file'], node: SgNode) => {
  const o = originOf(index, file, node);
  return o?.python ? [...o.module.split('.'), ...o.path].join('.') : '';
};
const num = (v: Value | undefined) => (v?.kind === 'number' ? v.value : null);
const isSet = (v: Value | undefined) => v !== undefined && v.kind !== 'null';

/** Top-level packages of every chain above: a call can match only in a file that may reach one. */
const DB_MODULES = ['sqlalchemy', 'sqlmodel', 'flask_sqlalchemy', 'psycopg2', 'psycopg', 'psycopg_pool', 'asyncpg', 'pymysql', 'MySQLdb', 'mysql', 'aiomysql', 'aiopg'];

export function pythonPoolSites(index: CodeIndex, django: DjangoSettings): PoolSite[] {
  const out: PoolSite[] = [];
  for (const file of filesReaching(index, DB_MODULES)) {
    if (file.lang !== 'python') continue;
    for (const node of findKinds(file, ['call'])) {
      const chain = chainOf(index, file, node);
      if (!chain) continue;
      const call = (): CallSite => callSite(file, node, { module: chain, path: [], python: true });
      if (ENGINE.test(chain)) {
        const site = engineSite(index, call(), (n) => optionOf(index, call(), n));
        if (site) out.push(site);
      } else if (chain === 'flask_sqlalchemy.SQLAlchemy.()') {
        out.push(flaskSite(index, call()));
      } else if (CONNECT.test(chain) && runsPerRequest(index, file, node)) {
        out.push({ library: chain.replace(/\.\(\)$/, ''), file: file.path, line: lineOf(node), kind: 'per-request', size: 1, bounded: true, health: null, detail: `${chain.replace(/\.\(\)$/, '')}() inside request handling` });
      } else {
        const pool = POOLS.find(([re]) => re.test(chain));
        if (!pool) continue;
        const c = call();
        const max = typeof pool[2] === 'number' ? (c.args[pool[2]] ? valueOf(index, file, c.args[pool[2]]) : c.kwargs.get('maxconn') ? valueOf(index, file, c.kwargs.get('maxconn')!) : undefined) : optionOf(index, c, pool[2]);
        const bounded = isSet(max) || c.spread;
        out.push({ library: pool[1], file: file.path, line: c.line, kind: 'pool', size: num(max), bounded, health: null, detail: bounded ? `${pool[1]} sized explicitly` : `${pool[1]} with its default size` });
      }
    }
  }
  out.push(...djangoSites(index, django));
  return out;
}

/** SQLAlchemy engine options, from keyword arguments or an options mapping. */
function engineSite(index: CodeIndex, call: CallSite, opt: (name: string) => Value | undefined, library = 'SQLAlchemy engine', unknown = call.spread, url = call.args[0] ? valueOf(index, call.file, call.args[0]) : undefined): PoolSite | null {
  if (url?.kind === 'string' && /^sqlite/.test(url.value)) return null;
  const poolclass = call.kwargs.get('poolclass')?.text() ?? opt('poolclass')?.node.text() ?? '';
  if (/StaticPool|SingletonThreadPool/.test(poolclass)) return null;
  const where = { library, file: call.file.path, line: call.line };
  if (/NullPool/.test(poolclass)) return { ...where, kind: 'no-pool', size: null, bounded: true, health: true, detail: 'poolclass=NullPool: a new connection for every checkout' };
  const size = opt('pool_size');
  const overflow = opt('max_overflow');
  const bounded = isSet(size) || isSet(overflow) || unknown;
  // `-1` is a unary minus in the tree, not a number literal
  const unbounded = overflow?.node.text().replace(/\s/g, '') === '-1';
  const health = truthy(opt('pool_pre_ping') ?? null) === true || isSet(opt('pool_recycle')) || unknown;
  const total = unbounded ? null : (num(size) ?? 5) + (num(overflow) ?? 10);
  const detail = bounded ? `pool_size ${num(size) ?? (isSet(size) ? 'from config' : 5)} + max_overflow ${num(overflow) ?? (isSet(overflow) ? 'from config' : 10)}` : 'the default QueuePool (pool_size 5 + max_overflow 10) with no bound set';
  return { ...where, kind: 'pool', size: total, bounded, unbounded, health, detail };
}

/** `SQLAlchemy(app, engine_options={…})` plus the app's `SQLALCHEMY_ENGINE_OPTIONS` / `SQLALCHEMY_POOL_*` config. */
function flaskSite(index: CodeIndex, call: CallSite): PoolSite {
  const fromCall = optionOf(index, call, 'engine_options');
  const fromConfig = flaskConfig(index, 'SQLALCHEMY_ENGINE_OPTIONS')[0]?.value;
  const legacy = (key: string) => flaskConfig(index, key)[0]?.value;
  const maps = [fromCall, fromConfig].filter((v): v is Extract<Value, { kind: 'map' }> => v?.kind === 'map');
  const opaque = [fromCall, fromConfig].some((v) => v !== undefined && v.kind !== 'map') || maps.some((m) => m.spread);
  const opt = (name: string): Value | undefined => {
    for (const m of maps) if (m.entries.has(name)) return m.entries.get(name);
    const old = { pool_size: 'SQLALCHEMY_POOL_SIZE', max_overflow: 'SQLALCHEMY_MAX_OVERFLOW', pool_recycle: 'SQLALCHEMY_POOL_RECYCLE' }[name];
    return old ? legacy(old) : undefined;
  };
  const uri = flaskConfig(index, 'SQLALCHEMY_DATABASE_URI')[0]?.value;
  const site = engineSite(index, { ...call, kwargs: new Map(), spread: false }, opt, 'Flask-SQLAlchemy', opaque, uri);
  return site ?? { library: 'Flask-SQLAlchemy', file: call.file.path, line: call.line, kind: 'pool', size: null, bounded: true, health: true, detail: 'SQLite' };
}

/** Django closes its connection at the end of every request unless `CONN_MAX_AGE` keeps it (or a pool serves it). */
function djangoSites(index: CodeIndex, django: DjangoSettings): PoolSite[] {
  const out: PoolSite[] = [];
  for (const hit of django.inProduction('DATABASES')) {
    const v = valueOf(index, hit.module.file, hit.node);
    const def = v.kind === 'map' ? v.entries.get('default') : undefined;
    if (!def) continue;
    const line = lineOf(def.node);
    const where = { library: 'Django', file: hit.file, line };
    let maxAge: Value | undefined;
    let checks: Value | undefined;
    let pool: Value | undefined;
    if (def.kind === 'map') {
      const engine = def.entries.get('ENGINE');
      if (engine?.kind === 'string' && /sqlite3|dummy/.test(engine.value)) continue;
      maxAge = def.entries.get('CONN_MAX_AGE');
      checks = def.entries.get('CONN_HEALTH_CHECKS');
      const options = def.entries.get('OPTIONS');
      pool = options?.kind === 'map' ? options.entries.get('pool') : undefined;
      if (def.spread && !maxAge) maxAge = { kind: 'unknown', node: def.node };
    } else if (def.kind === 'call' && def.origin && /dj_database_url|environ/.test(def.origin.module)) {
      const c = callSite(hit.module.file, def.node, def.origin);
      maxAge = c.kwargs.has('conn_max_age') ? valueOf(index, hit.module.file, c.kwargs.get('conn_max_age')!) : undefined;
      checks = c.kwargs.has('conn_health_checks') ? valueOf(index, hit.module.file, c.kwargs.get('conn_health_checks')!) : undefined;
      if (c.spread) maxAge ??= { kind: 'unknown', node: def.node };
    } else continue;
    if (pool && truthy(pool) !== false) out.push({ ...where, kind: 'pool', size: null, bounded: true, health: true, detail: 'OPTIONS["pool"]: psycopg connection pool' });
    else if (!maxAge || (maxAge.kind === 'number' && maxAge.value === 0)) out.push({ ...where, kind: 'per-request', size: 1, bounded: true, health: null, detail: 'CONN_MAX_AGE is 0 (the default): Django opens and closes a connection for every request' });
    else out.push({ ...where, kind: 'persistent', size: 1, bounded: true, health: truthy(checks ?? null) === true || !['number', 'null'].includes(maxAge.kind), detail: `persistent connections (CONN_MAX_AGE ${maxAge.kind === 'number' ? maxAge.value : maxAge.kind === 'null' ? 'None' : 'from config'})` });
  }
  return out;
}
