/**
 * The live half of db.indexes (`--database-url`): the same rules on the real catalog plus what only
 * a running database shows — duplicate and invalid indexes, and tables read mostly by sequential
 * scans. Read-only; the URL's password never reaches a message.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { createIndexSql } from '../../src/facts/db/schema-model.js';
import { describeDatabaseUrl, readCatalog, withPostgres, type CatalogOptions } from '../../src/live/pg-catalog.js';

export interface LiveOptions {
  schemas?: string[];
  statementTimeoutMs: number;
  seqScanMinRows: number;
  seqScanMinScans: number;
}

export interface LiveResult {
  findings: Finding[];
  units: number;
  failed: number;
  /** Index-health findings that are not per-table/per-key units. */
  health: number;
  note: string;
}

export async function liveFindings(url: string, o: LiveOptions): Promise<LiveResult> {
  const opts: CatalogOptions = { schemas: o.schemas?.length ? o.schemas : null, statementTimeoutMs: o.statementTimeoutMs, seqScanMinRows: o.seqScanMinRows, seqScanMinScans: o.seqScanMinScans };
  const cat = await withPostgres(url, Math.min(10_000, o.statementTimeoutMs), (db) => readCatalog(db, opts));
  const q = (schema: string, table: string) => (schema === 'public' ? table : `${schema}.${table}`);
  const findings: Finding[] = [];
  for (const f of cat.fkWithoutIndex) {
    const table = q(f.schema, f.table);
    findings.push({ id: 'fk-without-index', message: `${table}.${f.columns.join(', ')}: foreign key ${f.name} to ${f.refTable} has no index leading with its columns (live catalog)`, hint: `${createIndexSql(table, f.columns).replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY')}` });
  }
  for (const t of cat.noPrimaryKey) {
    findings.push({ id: 'table-without-primary-key', severity: 'medium', message: `table ${q(t.schema, t.table)} has no primary key (live catalog)`, hint: `ALTER TABLE ${q(t.schema, t.table)} ADD PRIMARY KEY (…)` });
  }
  for (const d of cat.duplicateIndexes) {
    findings.push({ id: 'duplicate-index', severity: 'medium', message: `${q(d.schema, d.table)}: indexes ${d.indexes.join(', ')} are identical (${d.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON /, '')}): every write maintains both (live catalog)`, hint: `DROP INDEX CONCURRENTLY ${d.schema === 'public' ? '' : d.schema + '.'}${d.indexes[d.indexes.length - 1]};` });
  }
  for (const i of cat.invalidIndexes) {
    findings.push({ id: 'invalid-index', severity: 'medium', message: `${q(i.schema, i.table)}: index ${i.index} is invalid (a failed CREATE INDEX CONCURRENTLY): it is maintained on writes but never used (live catalog)`, hint: `REINDEX INDEX CONCURRENTLY ${i.index}; or DROP INDEX CONCURRENTLY ${i.index}; and create it again` });
  }
  for (const s of cat.seqScanHeavy) {
    findings.push({ id: 'seq-scan-heavy', severity: 'medium', message: `${q(s.schema, s.table)}: ${s.seqScan} sequential scans vs ${s.idxScan} index scans over ~${s.liveRows} rows (≈${s.avgRowsPerScan} rows read per scan) (live catalog)`, hint: 'find the queries with pg_stat_statements / EXPLAIN and index the columns they filter or join on' });
  }
  return {
    findings,
    units: cat.foreignKeys + cat.tables,
    failed: cat.fkWithoutIndex.length + cat.noPrimaryKey.length,
    health: cat.duplicateIndexes.length + cat.invalidIndexes.length + cat.seqScanHeavy.length,
    note: `live catalog ${describeDatabaseUrl(url)}: ${cat.tables} tables, ${cat.foreignKeys} foreign keys${opts.schemas ? ` in ${opts.schemas.join(', ')}` : ''}`,
  };
}
