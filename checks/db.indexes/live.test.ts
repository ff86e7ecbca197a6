/**
 * db.indexes against real catalogs: this machine's PostgreSQL (127.0.0.1:5432, database `test`,
 * skipped with the reason when it is not reachable) through `--database-url`, and embedded PGlite
 * through the same catalog reader. Each run builds its own schema and drops it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import { describeDatabaseUrl, readCatalog } from '../../src/live/pg-catalog.js';
import check from './index.js';

const BASE_URL = process.env.MINA_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const BAD = `mina_dbidx_bad_${suffix}`;
const GOOD = `mina_dbidx_good_${suffix}`;
const fixtures = path.join(import.meta.dirname, 'fixtures');

const badSchema = (s: string, rows = 12000) => `
CREATE SCHEMA ${s};
CREATE TABLE ${s}.users (id serial PRIMARY KEY, email text);
CREATE TABLE ${s}.orders (id serial PRIMARY KEY, user_id int REFERENCES ${s}.users (id), shop_id int REFERENCES ${s}.users (id), note text);
CREATE INDEX ON ${s}.orders (shop_id, note);
CREATE INDEX orders_note_a ON ${s}.orders (note);
CREATE INDEX orders_note_b ON ${s}.orders (note);
CREATE TABLE ${s}.events (at timestamptz, payload text);
INSERT INTO ${s}.events SELECT now(), 'e' || g FROM generate_series(1, ${rows}) g;
INSERT INTO ${s}.users (email) VALUES ('a@x'), ('a@x');
ANALYZE ${s}.events;`;

const goodSchema = (s: string) => `
CREATE SCHEMA ${s};
CREATE TABLE ${s}.users (id serial PRIMARY KEY);
CREATE TABLE ${s}.orders (id serial PRIMARY KEY, user_id int REFERENCES ${s}.users (id));
CREATE INDEX ON ${s}.orders (user_id);`;

async function reachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const unreachable = await reachable();
const title = unreachable ? `db.indexes live: PostgreSQL at ${describeDatabaseUrl(BASE_URL)} not reachable (${unreachable}) — skipped` : 'db.indexes live: PostgreSQL';

describe.skipIf(unreachable !== null)(title, () => {
  const admin = new pg.Client({ connectionString: BASE_URL });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(badSchema(BAD));
    await admin.query(goodSchema(GOOD));
    // a unique index built concurrently over duplicates fails and stays behind, invalid
    await admin.query(`CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON ${BAD}.users (email)`).catch(() => undefined);
    for (let i = 0; i < 30; i++) await admin.query(`SELECT count(*) FROM ${BAD}.events WHERE payload = 'none'`);
    await admin.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
    // statistics reach other sessions asynchronously
    for (let t = 0; t < 100; t++) {
      const { rows } = await admin.query(`SELECT seq_scan, n_live_tup FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'events'`, [BAD]);
      if (Number(rows[0]?.seq_scan ?? 0) >= 30 && Number(rows[0]?.n_live_tup ?? 0) >= 10000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${BAD} CASCADE; DROP SCHEMA IF EXISTS ${GOOD} CASCADE`);
    await admin.end();
  });

  new CheckTester(check, fixtures).run({
    valid: [{ fixture: 'live-only', name: 'a schema with every key indexed', settings: { databaseUrl: BASE_URL }, options: { schemas: [GOOD] } }],
    invalid: [
      {
        fixture: 'live-only',
        name: 'unindexed key, table without key, duplicate and invalid indexes, a scan-heavy table',
        settings: { databaseUrl: BASE_URL },
        options: { schemas: [BAD], seqScanMinRows: 10000, seqScanMinScans: 20 },
        findings: [{ id: 'fk-without-index' }, { id: 'table-without-primary-key' }, { id: 'duplicate-index' }, { id: 'invalid-index' }, { id: 'seq-scan-heavy' }],
      },
      {
        fixture: 'sql-fk-unindexed',
        name: 'live evidence adds to static evidence',
        settings: { databaseUrl: BASE_URL },
        options: { schemas: [GOOD] },
        findings: [{ id: 'fk-without-index', file: 'db/schema.sql', line: 9 }],
      },
    ],
  });

  it('never prints the password of the URL', async () => {
    const secret = 'hunter2-Very-Secret';
    const url = BASE_URL.replace('://postgres@', `://postgres:${secret}@`);
    const ok = await runCheckOn(check, path.join(fixtures, 'live-only'), { schemas: [BAD] }, null, { databaseUrl: url });
    expect(ok.status).toBe('partial');
    expect(JSON.stringify(ok)).not.toContain(secret);
    const down = await runCheckOn(check, path.join(fixtures, 'live-only'), {}, null, { databaseUrl: `postgres://postgres:${secret}@127.0.0.1:1/test` });
    expect(down.status).toBe('error');
    expect(down.reason).toMatch(/127\.0\.0\.1:1/);
    expect(JSON.stringify(down)).not.toContain(secret);
  });
});

describe('db.indexes live: embedded PGlite', () => {
  it('reads the same rules from its catalog', async () => {
    const db = new PGlite();
    try {
      await db.exec(badSchema('app', 10));
      await db.exec(goodSchema('good'));
      await db.query(`CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON app.users (email)`).catch(() => undefined);
      const sent: string[] = [];
      const recording = { query: <T,>(sql: string, params?: unknown[]) => (sent.push(sql.trim().split(/\s+/).slice(0, 3).join(' ')), db.query<T>(sql, params)) };
      const bad = await readCatalog(recording, { schemas: ['app'], statementTimeoutMs: 10_000, seqScanMinRows: 10_000, seqScanMinScans: 20 });
      expect(sent.slice(0, 3)).toEqual(['BEGIN', 'SET TRANSACTION READ', 'SET LOCAL statement_timeout']);
      expect(sent[sent.length - 1]).toBe('ROLLBACK');
      expect(sent.filter((q) => !/^(BEGIN|SET|ROLLBACK|SELECT)\b/.test(q))).toEqual([]);
      expect(bad.invalidIndexes).toEqual([{ schema: 'app', table: 'users', index: 'users_email_key' }]);
      expect(bad.fkWithoutIndex).toEqual([{ schema: 'app', table: 'orders', name: 'orders_user_id_fkey', columns: ['user_id'], refTable: 'app.users' }]);
      expect(bad.noPrimaryKey).toEqual([{ schema: 'app', table: 'events' }]);
      expect(bad.duplicateIndexes.map((d) => d.indexes)).toEqual([['orders_note_a', 'orders_note_b']]);
      expect(bad.foreignKeys).toBe(2);
      const good = await readCatalog(db, { schemas: ['good'], statementTimeoutMs: 10_000, seqScanMinRows: 10_000, seqScanMinScans: 20 });
      expect(good).toMatchObject({ tables: 2, foreignKeys: 1, fkWithoutIndex: [], noPrimaryKey: [], duplicateIndexes: [], invalidIndexes: [] });
      // the transaction was read-only and rolled back: writing still works, nothing is left open
      await db.query(`INSERT INTO good.users DEFAULT VALUES`);
    } finally {
      await db.close();
    }
  }, 120_000);
});
