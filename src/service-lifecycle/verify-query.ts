/** The data-verification query of a user's service, run with node-postgres. */
import type { Fingerprint } from './driver.js';

/** The query returns one row with a `rows` column (count) and optionally a `checksum` column. */
export async function verifyByQuery(query: string, connectionString: string): Promise<Fingerprint> {
  if (!connectionString) throw new Error('service.verify.query needs a database URL (verify.databaseUrl or DATABASE_URL)');
  // node-postgres loads here, not at every `mina` start-up.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000, statement_timeout: 300_000 });
  await client.connect();
  try {
    const res = await client.query(query);
    const row = res.rows[0] as Record<string, unknown> | undefined;
    if (!row || row.rows === undefined) throw new Error('service.verify.query must return one row with a "rows" column');
    return { rows: Number(row.rows), checksum: row.checksum == null ? null : String(row.checksum) };
  } finally {
    await client.end();
  }
}
