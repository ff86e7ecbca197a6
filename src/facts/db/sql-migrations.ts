/**
 * SQL migrations and schema files, one schema per migration folder: every file of the folder is
 * read together, in the order the migration tool applies them (Flyway `V1__`, `V1.1__`, then `R__`;
 * golang-migrate/dbmate/goose numbered or timestamped names; Prisma and Diesel
 * `migrations/<stamp>/migration.sql|up.sql`), so an index a later migration adds covers the
 * foreign key an earlier one declared. Down, undo and revert scripts are not applied.
 */
import { defineFact, type RepoContext } from '../../context/repo-context.js';
import { loadPgsql, pgsqlParser } from '../../context/parsers/pgsql.js';
import { isTestPath, isVendoredPath } from '../code/sources.js';
import { isTestDataPath } from '../test-data-paths.js';
import { SqlReplay } from './sql-replay.js';
import type { Schema } from './schema-model.js';

export interface SqlMigrationFolder {
  folder: string;
  /** In apply order. */
  files: string[];
}

const DOWN = /(^|[._-])(down|undo|rollback|revert)$|^(down|undo|rollback|revert)[._-]|^U\d[\w.]*__/i;
const SKIP_DIR = /(^|\/)(revert|verify|rollbacks?|down)\//i;
const NESTED = /^(migration|up|deploy)\.sql$/i;

/** SQL files grouped by migration folder, each group in apply order. */
export function sqlMigrationFolders(repo: RepoContext): SqlMigrationFolder[] {
  const groups = new Map<string, Array<{ path: string; key: string }>>();
  for (const f of repo.glob('**/*.sql', { nocase: true })) {
    if (isTestPath(f.path) || isVendoredPath(f.path) || isTestDataPath(f.path) || SKIP_DIR.test(f.path)) continue;
    const parts = f.path.split('/');
    const base = parts[parts.length - 1];
    let folder = parts.slice(0, -1).join('/');
    let key = base;
    if (NESTED.test(base) && parts.length >= 2) {
      // migrations/20240101_init/migration.sql: the folder is migrations/, the order is the stamp
      folder = parts.slice(0, -2).join('/');
      key = parts[parts.length - 2];
    } else if (DOWN.test(base.replace(/\.sql$/i, ''))) continue;
    const list = groups.get(folder) ?? [];
    list.push({ path: f.path, key });
    groups.set(folder, list);
  }
  return [...groups.entries()].map(([folder, list]) => ({ folder, files: list.sort((a, b) => compareMigrations(a.key, b.key)).map((x) => x.path) }));
}

/** Flyway versions compare numerically segment by segment, repeatables run last; other names in natural order. */
export function compareMigrations(a: string, b: string): number {
  const va = flyway(a);
  const vb = flyway(b);
  if (va && vb) {
    if (va.rank !== vb.rank) return va.rank - vb.rank;
    for (let i = 0; i < Math.max(va.version.length, vb.version.length); i++) {
      const d = (va.version[i] ?? 0) - (vb.version[i] ?? 0);
      if (d) return d;
    }
  }
  return a.localeCompare(b, 'en', { numeric: true });
}

function flyway(name: string): { rank: number; version: number[] } | null {
  if (/^R__/.test(name)) return { rank: 1, version: [] };
  const m = /^[Vv](\d{1,18}(?:[._]\d{1,18}){0,8})__/.exec(name);
  return m ? { rank: 0, version: m[1].split(/[._]/).map(Number) } : null;
}

export const sqlSchemasFact = defineFact<Schema[]>('db:sql-schemas', async (repo) => {
  const folders = sqlMigrationFolders(repo);
  if (!folders.length) return [];
  await loadPgsql();
  const out: Schema[] = [];
  for (const { folder, files } of folders) {
    const schema: Schema = { source: 'sql', origin: folder || '.', dialect: 'postgresql', tables: new Map() };
    const replay = new SqlReplay(schema);
    const lock = await repo.text(`${folder ? folder + '/' : ''}migration_lock.toml`);
    if (lock && /provider\s*=\s*"mysql"/.test(lock)) schema.dialect = 'mysql';
    for (const path of files) {
      const sql = await repo.parse(path, pgsqlParser);
      if (!sql) continue;
      if (sql.mysql) schema.dialect = 'mysql';
      for (const e of sql.errors.slice(0, 3)) repo.warnings.push(`${path}:${e.line}: SQL statement not parsed as PostgreSQL (${e.message}); skipped`);
      if (sql.errors.length > 3) repo.warnings.push(`${path}: ${sql.errors.length - 3} more SQL statements not parsed; skipped`);
      replay.apply(path, sql);
    }
    if (schema.tables.size) out.push(schema);
  }
  return out;
});
