/**
 * The logical backup format, the same for PGlite and PostgreSQL: gzip'd NDJSON, a header line, one
 * line per batch of rows, a trailer with row counts and a SHA-256 of every line before it (a
 * truncated or altered file is refused on restore). All tables are read in one REPEATABLE READ
 * snapshot, so a backup taken under write load is consistent: every row committed before it began
 * is in it, and no half-written transaction is.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';

export const FORMAT = 'notes-service-backup';
const BATCH = 1000;

/** Tables in foreign-key order, with their columns and the key that pages through them. */
export const TABLES = [
  { name: 'users', key: 'id', columns: { id: 'text', created_at: 'timestamptz' } },
  { name: 'notes', key: 'id', identity: true, columns: { id: 'bigint', user_id: 'text', title: 'text', body: 'text', created_at: 'timestamptz' } },
  { name: 'audit_log', key: 'id', identity: true, columns: { id: 'bigint', at: 'timestamptz', actor: 'text', action: 'text', subject_user_id: 'text', ip: 'text', detail: 'jsonb' } },
];

/** @param {import('../db/driver.js').Database} db */
export async function writeBackup(db, dir, { now = new Date() } = {}) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `notes-${now.toISOString().replace(/[:.]/g, '-')}.ndjson.gz`);
  const partial = `${file}.partial`;
  const started = Date.now();
  const gzip = createGzip({ level: 6 });
  const done = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  const hash = createHash('sha256');
  const write = async (obj) => {
    const line = `${JSON.stringify(obj)}\n`;
    hash.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  const counts = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const versions = (await tx.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    await write({ format: FORMAT, version: 1, createdAt: now.toISOString(), migrations: versions });
    const out = {};
    for (const table of TABLES) out[table.name] = await dumpTable(tx, table, write);
    return out;
  });
  gzip.end(`${JSON.stringify({ trailer: true, rows: counts, sha256: hash.digest('hex') })}\n`);
  await done;
  renameSync(partial, file);
  return { file, rows: counts, bytes: statSync(file).size, ms: Date.now() - started };
}

async function dumpTable(tx, table, write) {
  const cols = Object.keys(table.columns).join(', ');
  let last = null;
  let total = 0;
  for (;;) {
    const res = await tx.query(
      `SELECT ${cols} FROM ${table.name} WHERE ($1::${table.columns[table.key]} IS NULL OR ${table.key} > $1) ORDER BY ${table.key} LIMIT ${BATCH}`,
      [last],
    );
    if (res.rows.length === 0) return total;
    await write({ table: table.name, rows: res.rows });
    total += res.rows.length;
    last = res.rows[res.rows.length - 1][table.key];
  }
}

/** Yields the header, then `{ table, rows }` batches; throws if the trailer is missing or wrong. */
export async function* readBackup(file) {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const hash = createHash('sha256');
  let header = null;
  const seen = {};
  for await (const line of lines) {
    if (!line) continue;
    const obj = JSON.parse(line);
    if (obj.trailer) {
      if (obj.sha256 !== hash.digest('hex')) throw new Error(`${file}: checksum mismatch, the backup is corrupt`);
      for (const t of TABLES) if ((seen[t.name] ?? 0) !== obj.rows[t.name]) throw new Error(`${file}: ${t.name} has ${seen[t.name] ?? 0} rows, trailer says ${obj.rows[t.name]}`);
      return obj.rows;
    }
    hash.update(`${line}\n`);
    if (!header) {
      if (obj.format !== FORMAT) throw new Error(`${file}: not a ${FORMAT} file`);
      header = obj;
      yield { header };
      continue;
    }
    seen[obj.table] = (seen[obj.table] ?? 0) + obj.rows.length;
    yield obj;
  }
  throw new Error(`${file}: truncated (no trailer)`);
}
