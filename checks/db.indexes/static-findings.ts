/**
 * Findings from declared schemas: every foreign key without a covering index (at the line that
 * declares it, with the `CREATE INDEX` that fixes it and the source's own way to say so) and every
 * table without a primary key. Migrations describe the database as built, so a table they create
 * is judged from them; models judge only the tables no migration creates.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { createIndexSql, schemaProblems, type ForeignKey, type Schema } from '../../src/facts/db/schema-model.js';

export interface StaticResult {
  findings: Finding[];
  units: number;
  failed: number;
  notes: string[];
}

const MIGRATIONS = new Set(['sql', 'alembic']);

export function staticFindings(schemas: readonly Schema[]): StaticResult {
  const migrated = new Set(schemas.filter((s) => MIGRATIONS.has(s.source)).flatMap((s) => [...s.tables.values()].filter((t) => !t.external).map((t) => t.name)));
  const out: StaticResult = { findings: [], units: 0, failed: 0, notes: [] };
  for (const schema of schemas) {
    const view: Schema = MIGRATIONS.has(schema.source) ? schema : { ...schema, tables: new Map([...schema.tables].filter(([name]) => !migrated.has(name))) };
    if (!view.tables.size) continue;
    const { problems, foreignKeys, tables } = schemaProblems(view);
    out.units += foreignKeys + tables;
    out.failed += problems.length;
    out.notes.push(`${schema.source} schema (${schema.origin}): ${tables} tables, ${foreignKeys} foreign keys${schema.dialect === 'mysql' ? ' (MySQL indexes foreign keys itself)' : ''}`);
    for (const p of problems) {
      if (p.kind === 'table-without-primary-key') {
        out.findings.push({
          id: 'table-without-primary-key',
          severity: 'medium',
          file: p.table.file,
          line: p.table.line,
          message: `table ${p.table.name} has no primary key (${schema.source})`,
          hint: `give every table a primary key: ALTER TABLE ${p.table.name} ADD PRIMARY KEY (…); without one, rows cannot be addressed reliably and logical replication cannot update or delete them`,
        });
      } else if (p.fk) {
        out.findings.push({
          id: 'fk-without-index',
          file: p.fk.file,
          line: p.fk.line,
          message: `${p.table.name}.${p.fk.columns.join(', ')}: foreign key to ${p.fk.refTable}${p.fk.refColumns.length ? `(${p.fk.refColumns.join(', ')})` : ''} has no index leading with ${p.fk.columns.length > 1 ? `(${p.fk.columns.join(', ')})` : p.fk.columns[0]} (${schema.source})`,
          hint: fixHint(schema.source, p.fk),
        });
      }
    }
  }
  return out;
}

function fixHint(source: Schema['source'], fk: ForeignKey): string {
  const sql = createIndexSql(fk.table, fk.columns);
  const cols = fk.columns.map((c) => `'${c}'`).join(', ');
  switch (source) {
    case 'sqlalchemy':
      return `${sql} — in the model: index=True on the column${fk.columns.length > 1 ? 's' : ''}, or Index(…, ${cols}) in __table_args__ (then generate a migration)`;
    case 'alembic':
      return `${sql} — in a new migration: op.create_index('${fk.table}_${fk.columns.join('_')}_idx', '${fk.table}', [${cols}])`;
    case 'django':
      return `${sql} — in the model: drop db_index=False, or add models.Index(fields=[…]) to Meta.indexes (then makemigrations)`;
    case 'prisma':
      return `${sql} — in schema.prisma: @@index([${fk.columns.join(', ')}]) on the model (then prisma migrate)`;
    default:
      return `${sql} (on a large live table: CREATE INDEX CONCURRENTLY, outside a transaction)`;
  }
}
