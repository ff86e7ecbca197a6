/**
 * One relational schema as its source declares it — SQL migrations replayed in order, Alembic
 * operations, ORM models, a Prisma schema or the live catalog — reduced to what index advice
 * needs: tables, their primary key, indexes (unique constraints are indexes) and foreign keys, each
 * with the file and line that declares it.
 */

export type SchemaSource = 'sql' | 'alembic' | 'sqlalchemy' | 'django' | 'prisma';

export interface Where {
  file: string;
  line: number;
}

export interface IndexDef extends Where {
  name: string | null;
  /** Key columns in order; null for an expression. */
  columns: Array<string | null>;
  /** `WHERE …`: only some rows are indexed, so it cannot serve every foreign-key lookup. */
  partial: boolean;
  method: string;
  kind: 'index' | 'unique' | 'primary';
}

export interface ForeignKey extends Where {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  name: string | null;
}

export interface TableDef extends Where {
  name: string;
  primaryKey: IndexDef | null;
  indexes: IndexDef[];
  foreignKeys: ForeignKey[];
  /** Whether the key is knowable: partitions, inherited and `LIKE` tables get theirs elsewhere. */
  primaryKeyKnown: boolean;
  /** Created outside this source (only altered here). */
  external: boolean;
}

export interface Schema {
  source: SchemaSource;
  /** The migration folder or the model/schema file set it was read from. */
  origin: string;
  /** MySQL's InnoDB indexes foreign-key columns itself: no foreign-key findings there. */
  dialect: 'postgresql' | 'mysql' | 'sqlite' | 'sqlserver' | 'unknown';
  tables: Map<string, TableDef>;
}

export function newTable(name: string, where: Where, external = false): TableDef {
  return { name, file: where.file, line: where.line, primaryKey: null, indexes: [], foreignKeys: [], primaryKeyKnown: !external, external };
}

/** Methods whose leading columns answer `WHERE fk = $1` (hash only for a single column). */
const LOOKUP_METHODS = new Set(['btree', 'hash', '']);

/**
 * The index that serves lookups by `fk`'s columns: not partial, and its first `n` key columns are
 * exactly the foreign key's `n` columns in any order (a primary key or unique constraint counts).
 */
export function coveringIndex(table: TableDef, fk: Pick<ForeignKey, 'columns'>): IndexDef | null {
  const want = new Set(fk.columns);
  const all = table.primaryKey ? [table.primaryKey, ...table.indexes] : table.indexes;
  for (const idx of all) {
    if (idx.partial || !LOOKUP_METHODS.has(idx.method) || idx.columns.length < want.size) continue;
    if (idx.method === 'hash' && want.size > 1) continue;
    const lead = idx.columns.slice(0, want.size);
    if (lead.every((c) => c !== null && want.has(c)) && new Set(lead).size === want.size) return idx;
  }
  return null;
}

const PG_IDENT = /^[a-z_][a-z0-9_$]*$/;

/** A PostgreSQL identifier, quoted when it needs to be (mixed case, reserved-looking characters). */
export function quoteIdent(name: string): string {
  return PG_IDENT.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `orders_user_id_idx`, the name PostgreSQL itself would pick, within its 63-byte limit. */
export function indexNameFor(table: string, columns: readonly string[]): string {
  const bare = table.slice(table.lastIndexOf('.') + 1);
  return `${bare}_${columns.join('_')}_idx`.slice(0, 63);
}

/** The statement that adds the missing index. */
export function createIndexSql(table: string, columns: readonly string[]): string {
  const qualified = table.split('.').map(quoteIdent).join('.');
  return `CREATE INDEX ${quoteIdent(indexNameFor(table, columns))} ON ${qualified} (${columns.map(quoteIdent).join(', ')});`;
}

export interface IndexProblem {
  kind: 'fk-without-index' | 'table-without-primary-key';
  table: TableDef;
  fk?: ForeignKey;
}

/** Every foreign key without a covering index and every table without a primary key. */
export function schemaProblems(schema: Schema): { problems: IndexProblem[]; foreignKeys: number; tables: number } {
  const problems: IndexProblem[] = [];
  let foreignKeys = 0;
  let tables = 0;
  for (const table of schema.tables.values()) {
    if (!table.external) tables++;
    if (!table.external && table.primaryKeyKnown && !table.primaryKey) problems.push({ kind: 'table-without-primary-key', table });
    if (schema.dialect === 'mysql') continue;
    for (const fk of table.foreignKeys) {
      foreignKeys++;
      if (!coveringIndex(table, fk)) problems.push({ kind: 'fk-without-index', table, fk });
    }
  }
  return { problems, foreignKeys, tables };
}
