/**
 * A fingerprint of the notes committed so far: the highest id, the row count and an MD5 over every
 * row's content in id order. Taken under a SHARE lock, which waits for in-flight inserts to commit
 * and holds new ones back for the few milliseconds it takes, so "every id ≤ maxId" is exactly the
 * set of committed rows. After a restore the same query over `id ≤ maxId` must give the same answer.
 */
const CHECKSUM = `COALESCE(md5(string_agg(id::text || ':' || user_id || ':' || md5(title || chr(31) || body), ',' ORDER BY id)), '')`;

/** @param {import('../db/driver.js').Database} db */
export async function fingerprint(db, maxId = null) {
  return db.transaction(async (tx) => {
    if (maxId === null) await tx.query('LOCK TABLE notes IN SHARE MODE');
    const res = await tx.query(
      `SELECT COALESCE(max(id), 0)::bigint AS max_id, count(*)::int AS rows, ${CHECKSUM} AS checksum
         FROM notes WHERE $1::bigint IS NULL OR id <= $1`,
      [maxId],
    );
    const row = res.rows[0];
    return { maxId: maxId ?? Number(row.max_id), rows: row.rows, checksum: row.checksum };
  });
}

/** Synthetic notes for drills and benchmarks, spread over `users` users, in one statement. */
export async function seed(db, rows, users = 100) {
  return db.transaction(async (tx) => {
    await tx.query(`INSERT INTO users (id) SELECT 'seed-' || g FROM generate_series(0, $1 - 1) g ON CONFLICT (id) DO NOTHING`, [users]);
    const res = await tx.query(
      `INSERT INTO notes (user_id, title, body)
       SELECT 'seed-' || (g % $2), 'seeded note ' || g, md5(g::text) FROM generate_series(1, $1) g`,
      [rows, users],
    );
    return res.rowCount;
  });
}
