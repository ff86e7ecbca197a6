import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'sqlalchemy-tuned', name: 'pool_size + max_overflow + pool_pre_ping + pool_recycle; 4 workers × 15 fit 100' },
    { fixture: 'flask-sqlalchemy-config', name: 'Flask-SQLAlchemy SQLALCHEMY_ENGINE_OPTIONS in the config class' },
    { fixture: 'node-pg-pool', name: 'node-postgres Pool with max and connectionTimeoutMillis' },
    { fixture: 'django-persistent', name: 'CONN_MAX_AGE with CONN_HEALTH_CHECKS in production settings; dev settings do not count' },
    { fixture: 'nullpool-pgbouncer', name: 'NullPool behind PgBouncer' },
    { fixture: 'single-process-defaults', name: 'default pool size with a single process' },
    { fixture: 'prisma-connection-limit', name: 'Prisma connection_limit in the deployed DATABASE_URL' },
    { fixture: 'pool-too-big', name: '12 processes × 30 connections fit a larger max_connections', options: { maxConnections: 400 } },
  ],
  invalid: [
    { fixture: 'psycopg2-per-request', name: 'psycopg2.connect() in a helper every route calls', score: 0, findings: [{ id: 'connection-per-request', file: 'app.py', line: 11 }] },
    { fixture: 'pg-client-per-request', name: 'new pg.Client() in an Express handler', score: 0, findings: [{ id: 'connection-per-request', file: 'server.ts', line: 7 }] },
    { fixture: 'django-default', name: 'Django without CONN_MAX_AGE (dj-database-url) connects per request', findings: [{ id: 'connection-per-request', file: 'config/settings.py', line: 6 }] },
    { fixture: 'nullpool', name: 'NullPool without a pooler in front', findings: [{ id: 'no-pool', file: 'db.py', line: 4 }] },
    {
      fixture: 'sqlalchemy-defaults-many-workers',
      name: 'default async engine pool behind CPU-count gunicorn workers, no pre-ping',
      score: 0.5,
      findings: [
        { id: 'pool-size-default', file: 'app/db.py', line: 5, severity: 'low' },
        { id: 'pool-no-health', file: 'app/db.py', line: 5, severity: 'low' },
      ],
    },
    { fixture: 'pool-too-big', name: '4 workers × 3 replicas × (20 + 10) > max_connections', findings: [{ id: 'pool-exceeds-max-connections', file: 'db.py', line: 3 }] },
    { fixture: 'prisma-default-replicas', name: 'Prisma default pool size behind 4 Compose replicas', findings: [{ id: 'pool-size-default', file: 'src/db.ts', line: 3 }] },
    { fixture: 'knex-pm2', name: 'Knex default pool behind pm2 -i max', findings: [{ id: 'pool-size-default', file: 'db.js', line: 3 }] },
    { fixture: 'django-persistent-no-health', name: 'CONN_MAX_AGE=None without CONN_HEALTH_CHECKS', findings: [{ id: 'pool-no-health', file: 'proj/settings.py', line: 3 }] },
    { fixture: 'overflow-unbounded', name: 'max_overflow=-1', findings: [{ id: 'pool-unbounded', file: 'db.py', line: 3 }] },
  ],
  notApplicable: [{ fixture: 'no-db' }],
});
