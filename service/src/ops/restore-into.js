/**
 * Restores a backup into an empty schema: migrations first (so the schema is the code's), then the
 * rows in foreign-key order in one transaction, then identity sequences moved past the restored
 * ids. Restoring over live data is refused: a restore that merges is not a restore.
 */
import { migrate } from '../db/migrate.js';
import { TABLES, readBackup } from './backup-format.js';

/** @param {import('../db/driver.js').Database} db */
export async function restoreBackup(db, schema, file) {
  const started = Date.now();
  await migrate(db, schema);
  const rows = await db.transaction(async (tx) => {
    for (const t of TABLES) {
      const n = (await tx.query(`SELECT count(*)::int AS n FROM ${t.name}`)).rows[0].n;
      if (n > 0) throw new Error(`refusing to restore: ${t.name} already holds ${n} rows (wipe first)`);
    }
    const byName = new Map(TABLES.map((t) => [t.name, t]));
    let counts = null;
    const it = readBackup(file);
    for (;;) {
      const { value, done } = await it.next();
      if (done) {
        counts = value;
        break;
      }
      if (value.header) continue;
      const table = byName.get(value.table);
      if (!table) throw new Error(`unknown table in backup: ${value.table}`);
      await insertBatch(tx, table, value.rows);
    }
    for (const t of TABLES.filter((x) => x.identity)) {
      await tx.query(`SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), COALESCE((SELECT max(id) FROM ${t.name}), 0) + 1, false)`);
    }
    return counts;
  });
  return { rows, ms: Date.now() - started };
}

async function insertBatch(tx, table, rows) {
  const cols = Object.keys(table.columns);
  const defs = cols.map((c) => `${c} ${table.columns[c]}`).join(', ');
  const overriding = table.identity ? 'OVERRIDING SYSTEM VALUE' : '';
  await tx.query(`INSERT INTO ${table.name} (${cols.join(', ')}) ${overriding} SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${defs})`, [JSON.stringify(rows)]);
}
