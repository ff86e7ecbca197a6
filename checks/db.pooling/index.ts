/**
 * db.pooling: database connections come from a pool that is bounded and checks its connections —
 * SQLAlchemy `pool_size`/`max_overflow` with `pool_pre_ping`/`pool_recycle`, node-postgres `Pool`
 * with `max`, Django persistent connections with health checks, or PgBouncer in front — and no
 * connection is opened per request. The bound is judged against how many processes run it.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { poolSitesFact, type PoolSite } from '../../src/facts/db/pool-sites.js';
import { poolerFact } from '../../src/facts/db/pgbouncer.js';
import { servingFact } from '../../src/facts/serving.js';
import { processCount } from './processes.js';

interface Options {
  maxConnections: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'db.pooling',
    title: 'Database connections are pooled, bounded and health-checked',
    category: 'performance',
    severity: 'medium',
    description: 'Connection pooling configured with bounds and health (SQLAlchemy pool_size/pool_pre_ping/pool_recycle, node-postgres Pool max, Django CONN_MAX_AGE + CONN_HEALTH_CHECKS, pgbouncer); no connection per request.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxConnections: { type: 'integer', minimum: 1, default: 100, description: "the database's max_connections the pools must fit in" } },
    },
  },
  async applies({ repo }) {
    const sites = await repo.fact(poolSitesFact);
    return sites.length > 0 || { applies: false, reason: 'no database connection setup in the code (SQLAlchemy, Django, psycopg, asyncpg, node-postgres, Knex, Sequelize, Prisma, mysql2)' };
  },
  async run({ repo, options }) {
    const [sites, pooler, serving] = await Promise.all([repo.fact(poolSitesFact), repo.fact(poolerFact), repo.fact(servingFact)]);
    const procs = processCount(serving);
    const findings: Finding[] = [];
    const notes: string[] = [];
    if (pooler) notes.push(`connection pooler: ${pooler.via} (${pooler.file}:${pooler.line})`);
    notes.push(procs.count !== null ? `${procs.count} server process${procs.count === 1 ? '' : 'es'} in total (${procs.detail})` : `process count: ${procs.detail}`);
    let total = 0;
    for (const site of sites) {
      const own = judge(site, { pooler: pooler !== null, multi: serving.multiProcess !== null, processes: procs.count, maxConnections: options.maxConnections, multiReason: serving.multiProcess?.reason ?? '' });
      findings.push(...own);
      total += own.length === 0 ? 1 : own.some((f) => f.id === 'connection-per-request' || f.id === 'no-pool') ? 0 : 0.5;
      notes.push(`${site.library} at ${site.file}:${site.line}: ${site.detail}`);
    }
    return { score: total / sites.length, findings, notes };
  },
});

function judge(site: PoolSite, ctx: { pooler: boolean; multi: boolean; processes: number | null; maxConnections: number; multiReason: string }): Finding[] {
  const at = { file: site.file, line: site.line };
  if (site.kind === 'per-request') {
    return [{ id: 'connection-per-request', ...at, message: `${site.detail}: every request pays a connection handshake (TCP, TLS, authentication, a new server process)${ctx.pooler ? ', even through the pooler' : ''}`, hint: site.library === 'Django' ? 'set CONN_MAX_AGE (e.g. 60) with CONN_HEALTH_CHECKS = True, or OPTIONS["pool"] on Django 5.1+ with psycopg 3' : 'create a pool once at start-up (SQLAlchemy engine, psycopg_pool, asyncpg.create_pool, pg.Pool) and borrow from it per request' }];
  }
  if (site.kind === 'no-pool') {
    return ctx.pooler ? [] : [{ id: 'no-pool', ...at, message: `${site.library}: ${site.detail}, and no PgBouncer in front`, hint: 'drop poolclass=NullPool (the default QueuePool pools), or put PgBouncer between the service and the database' }];
  }
  const out: Finding[] = [];
  if (site.unbounded && !ctx.pooler) out.push({ id: 'pool-unbounded', ...at, message: `${site.library}: max_overflow=-1 lets each process open connections without limit`, hint: 'set a finite max_overflow so workers × (pool_size + max_overflow) stays under max_connections' });
  else if (!site.bounded && ctx.multi && !ctx.pooler) {
    out.push({ id: 'pool-size-default', ...at, severity: 'low', message: `${site.library}: ${site.detail}, and more than one process runs it (${ctx.multiReason}): the connections the database sees are processes × the default, never planned`, hint: 'set the pool size explicitly (pool_size/max_overflow, max, connection_limit) so that processes × size fits max_connections, or add PgBouncer' });
  }
  if (site.size !== null && ctx.processes !== null && !ctx.pooler && site.size * ctx.processes > ctx.maxConnections) {
    out.push({ id: 'pool-exceeds-max-connections', ...at, message: `${site.library}: ${ctx.processes} processes × ${site.size} connections = ${site.size * ctx.processes}, more than max_connections ${ctx.maxConnections}`, hint: 'shrink the per-process pool, raise max_connections, or put PgBouncer in front' });
  }
  if (site.health === false) {
    out.push({ id: 'pool-no-health', ...at, severity: 'low', message: `${site.library}: ${site.kind === 'persistent' ? 'persistent connections are reused without CONN_HEALTH_CHECKS' : 'pooled connections are handed out unchecked'}: after a database restart or failover, requests fail on dead connections`, hint: site.library === 'Django' ? 'CONN_HEALTH_CHECKS = True' : site.library.startsWith('node-postgres') ? 'set connectionTimeoutMillis (and maxLifetimeSeconds) so a dead database fails fast and connections are recycled' : 'pool_pre_ping=True and pool_recycle=1800 (below any proxy/firewall idle timeout)' });
  }
  return out;
}
