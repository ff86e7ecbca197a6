/**
 * The live PostgreSQL catalog, read for index advice: foreign keys without a covering index, tables
 * without a primary key, duplicate and invalid indexes, and tables whose sequential scans dominate
 * (`pg_stat_user_tables`). Everything runs in one `READ ONLY` transaction with a statement timeout
 * and is rolled back; nothing is written. `readCatalog` takes any client with `query()` (node-postgres,
 * PGlite), `withPostgres` opens node-postgres for a URL and never lets its password into a message.
 */
import pg from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface CatalogOptions {
  /** Schemas to read; null: every schema but the system ones. */
  schemas: string[] | null;
  statementTimeoutMs: number;
  /** A table is a sequential-scan problem from this many live rows… */
  seqScanMinRows: number;
  /** …and this many sequential scans, more than its index scans. */
  seqScanMinScans: number;
}

export interface CatalogFacts {
  tables: number;
  foreignKeys: number;
  fkWithoutIndex: Array<{ schema: string; table: string; name: string; columns: string[]; refTable: string }>;
  noPrimaryKey: Array<{ schema: string; table: string }>;
  duplicateIndexes: Array<{ schema: string; table: string; indexes: string[]; definition: string }>;
  invalidIndexes: Array<{ schema: string; table: string; index: string }>;
  seqScanHeavy: Array<{ schema: string; table: string; seqScan: number; idxScan: number; liveRows: number; avgRowsPerScan: number }>;
}

const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))`;
const NOT_EXTENSION = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

const FOREIGN_KEYS = `
SELECT n.nspname::text AS schema, c.relname::text AS "table", con.conname::text AS name,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       con.confrelid::regclass::text AS "refTable",
       EXISTS (
         SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
         WHERE i.indrelid = con.conrelid AND i.indisvalid AND i.indpred IS NULL
           AND (am.amname = 'btree' OR (am.amname = 'hash' AND cardinality(con.conkey) = 1))
           AND i.indnkeyatts >= cardinality(con.conkey)
           AND (SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])[0:cardinality(con.conkey) - 1]) x)
             = (SELECT array_agg(y ORDER BY y) FROM unnest(con.conkey) y)
       ) AS covered
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND con.conparentid = 0 AND NOT c.relispartition AND ${USER_SCHEMA} AND ${NOT_EXTENSION}
ORDER BY 1, 2, 3`;

const TABLES = `
SELECT n.nspname::text AS schema, c.relname::text AS "table",
       EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = 'p') AS "hasPrimaryKey"
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA} AND ${NOT_EXTENSION}
ORDER BY 1, 2`;

const INDEXES = `
SELECT n.nspname::text AS schema, c.relname::text AS "table", ic.relname::text AS index, i.indisvalid AS valid,
       concat_ws(' ', i.indkey::text, i.indclass::text, i.indcollation::text, ic.relam::text,
                 pg_get_expr(i.indexprs, i.indrelid), 'WHERE ' || pg_get_expr(i.indpred, i.indrelid)) AS signature,
       pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION}
ORDER BY 1, 2, 3`;

const SEQ_SCANS = `
SELECT s.schemaname::text AS schema, s.relname::text AS "table", s.seq_scan::float8 AS "seqScan", s.seq_tup_read::float8 AS "seqTupRead",
       coalesce(s.idx_scan, 0)::float8 AS "idxScan", s.n_live_tup::float8 AS "liveRows"
FROM pg_stat_user_tables s JOIN pg_namespace n ON n.nspname = s.schemaname
WHERE ${USER_SCHEMA}
ORDER BY 1, 2`;

export async function readCatalog(db: Queryable, o: CatalogOptions): Promise<CatalogFacts> {
  await db.query('BEGIN');
  try {
    await db.query('SET TRANSACTION READ ONLY');
    await db.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(o.statementTimeoutMs))}`);
    const params = [o.schemas];
    const fks = (await db.query<{ schema: string; table: string; name: string; columns: string[]; refTable: string; covered: boolean }>(FOREIGN_KEYS, params)).rows;
    const tables = (await db.query<{ schema: string; table: string; hasPrimaryKey: boolean }>(TABLES, params)).rows;
    const indexes = (await db.query<{ schema: string; table: string; index: string; valid: boolean; signature: string; definition: string }>(INDEXES, params)).rows;
    const stats = (await db.query<{ schema: string; table: string; seqScan: number; seqTupRead: number; idxScan: number; liveRows: number }>(SEQ_SCANS, params)).rows;
    const groups = new Map<string, typeof indexes>();
    for (const i of indexes.filter((x) => x.valid)) {
      const key = `${i.schema}\0${i.table}\0${i.signature}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    return {
      tables: tables.length,
      foreignKeys: fks.length,
      fkWithoutIndex: fks.filter((f) => !f.covered).map(({ covered: _covered, ...f }) => f),
      noPrimaryKey: tables.filter((t) => !t.hasPrimaryKey).map(({ schema, table }) => ({ schema, table })),
      duplicateIndexes: [...groups.values()].filter((g) => g.length > 1).map((g) => ({ schema: g[0].schema, table: g[0].table, indexes: g.map((i) => i.index), definition: g[0].definition })),
      invalidIndexes: indexes.filter((i) => !i.valid).map(({ schema, table, index }) => ({ schema, table, index })),
      seqScanHeavy: stats
        .filter((s) => s.liveRows >= o.seqScanMinRows && s.seqScan >= o.seqScanMinScans && s.seqScan > s.idxScan)
        .map((s) => ({ schema: s.schema, table: s.table, seqScan: s.seqScan, idxScan: s.idxScan, liveRows: s.liveRows, avgRowsPerScan: Math.round(s.seqTupRead / Math.max(1, s.seqScan)) })),
    };
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}

/** `postgres://user@host:5432/db` — the URL without its password (or the password's placeholder). */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'the --database-url (not a valid URL)';
  }
}

/** Runs `fn` on a node-postgres connection to `url`; errors never carry the password. */
export async function withPostgres<T>(url: string, timeoutMs: number, fn: (db: Queryable) => Promise<T>): Promise<T> {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    throw new Error(`${describeDatabaseUrl(url)}: expected postgres://user@host:port/database`);
  }
  const scrub = (msg: string) => (password ? msg.split(password).join('***') : msg);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs * 2, application_name: 'mina' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } catch (err) {
    throw new Error(`PostgreSQL at ${describeDatabaseUrl(url)}: ${scrub((err as Error).message)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
