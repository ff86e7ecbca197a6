/**
 * One small interface over two engines: node-postgres (a bounded pool against a real server) and
 * PGlite (PostgreSQL compiled to WASM, data in a local folder) for the no-server default. Both
 * speak the same SQL, so migrations, queries and backups are written once.
 *
 * @typedef {{ rows: any[], rowCount: number }} Result
 * @typedef {{ query(sql: string, params?: unknown[]): Promise<Result> }} Queryable
 * @typedef {Queryable & {
 *   kind: 'postgres' | 'pglite',
 *   exec(sql: string): Promise<void>,
 *   transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>,
 *   close(): Promise<void>,
 * }} Database
 */
import { mkdirSync } from 'node:fs';

/** @returns {Promise<Database>} */
export async function openDatabase(config) {
  return config.databaseUrl ? openPostgres(config) : openPglite(config);
}

async function openPostgres(config) {
  const { default: pg } = await import('pg');
  // bigint and numeric come back as strings from pg; ids here stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: config.dbPoolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    ssl: config.databaseSsl ? { rejectUnauthorized: true } : undefined,
    options: `-c search_path=${config.dbSchema},public`,
    application_name: 'notes-service',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const normalise = (r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0 });
  return {
    kind: 'postgres',
    query: async (sql, params) => normalise(await pool.query(sql, params)),
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: async (sql, params) => normalise(await client.query(sql, params)) });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(config) {
  const { PGlite } = await import('@electric-sql/pglite');
  let db;
  if (config.dataDir === ':memory:') db = await PGlite.create();
  else {
    mkdirSync(config.dataDir, { recursive: true });
    db = await PGlite.create(config.dataDir);
  }
  return wrapPglite(db, config.dbSchema);
}

/** Adapts an open PGlite instance (tests build theirs from a pre-migrated image: initdb is slow). */
export async function wrapPglite(db, schema) {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public;`);
  const normalise = (r) => ({ rows: r.rows.map(bigintsToNumbers), rowCount: r.affectedRows ?? r.rows.length });
  return {
    kind: 'pglite',
    query: async (sql, params) => normalise(await db.query(sql, params)),
    exec: async (sql) => void (await db.exec(sql)),
    transaction: (fn) => db.transaction((tx) => fn({ query: async (sql, params) => normalise(await tx.query(sql, params)) })),
    close: () => db.close(),
  };
}

function bigintsToNumbers(row) {
  for (const key of Object.keys(row)) if (typeof row[key] === 'bigint') row[key] = Number(row[key]);
  return row;
}
