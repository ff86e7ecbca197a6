/**
 * Replays parsed PostgreSQL DDL into a schema, statement by statement, the way the server would:
 * `CREATE TABLE` (column and table constraints), `ALTER TABLE` (add/drop column and constraint,
 * `ADD PRIMARY KEY USING INDEX`), `CREATE INDEX`, `DROP INDEX`, `DROP TABLE`, renames. Names the
 * server would generate (`t_pkey`, `t_a_key`, `t_a_idx`, `t_a_fkey`) are generated the same way so
 * a later `DROP … name` finds its object.
 */
import type { PgNode, SqlFile } from '../../context/parsers/pgsql.js';
import { newTable, type IndexDef, type Schema, type TableDef, type Where } from './schema-model.js';

const obj = (v: unknown): PgNode | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as PgNode) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** `[{ String: { sval } }, …]` → names. */
const names = (v: unknown): string[] => arr(v).flatMap((n) => {
  const s = str(obj(obj(n)?.String)?.sval);
  return s === null ? [] : [s];
});

function tableKey(rangeVar: PgNode | null): string | null {
  const rel = str(rangeVar?.relname);
  if (!rel) return null;
  const schema = str(rangeVar?.schemaname);
  return schema && schema !== 'public' ? `${schema}.${rel}` : rel;
}

/** `DROP INDEX a.b` / `DROP TABLE a.b` object names. */
function qualified(parts: string[]): string {
  return parts.length > 1 && parts[parts.length - 2] !== 'public' ? parts.slice(-2).join('.') : parts[parts.length - 1];
}

export class SqlReplay {
  /** Index and constraint names → the table that holds them. */
  private readonly owners = new Map<string, string>();

  constructor(readonly schema: Schema) {}

  apply(path: string, file: SqlFile): void {
    for (const { stmt, offset } of file.statements) {
      const at = (loc: unknown): Where => ({ file: path, line: file.lineAt(offset + (typeof loc === 'number' && loc >= 0 ? loc : 0)) });
      const [kind] = Object.keys(stmt);
      const body = obj(stmt[kind]);
      if (!body) continue;
      switch (kind) {
        case 'CreateStmt':
          this.createTable(body, at);
          break;
        case 'AlterTableStmt':
          this.alterTable(body, at);
          break;
        case 'IndexStmt':
          this.createIndex(body, at);
          break;
        case 'DropStmt':
          this.drop(body);
          break;
        case 'RenameStmt':
          this.rename(body);
          break;
      }
    }
  }

  private table(key: string, where: Where): TableDef {
    let t = this.schema.tables.get(key);
    if (!t) {
      t = newTable(key, where, true);
      this.schema.tables.set(key, t);
    }
    return t;
  }

  private createTable(body: PgNode, at: (loc: unknown) => Where): void {
    const rel = obj(body.relation);
    const key = tableKey(rel);
    if (!key || str(rel?.relpersistence) === 't') return;
    if (body.if_not_exists && this.schema.tables.has(key) && !this.schema.tables.get(key)!.external) return;
    const table = newTable(key, at(rel?.location));
    // Partitions and children take keys from their parent; `LIKE` copies them: not knowable here.
    if (arr(body.inhRelations).length || body.partbound || body.ofTypename) table.primaryKeyKnown = false;
    this.schema.tables.set(key, table);
    for (const el of arr(body.tableElts)) {
      const col = obj(obj(el)?.ColumnDef);
      if (col) {
        this.column(table, col, at);
        continue;
      }
      const con = obj(obj(el)?.Constraint);
      if (con) this.constraint(table, con, at, null);
      if (obj(el)?.TableLikeClause) table.primaryKeyKnown = false;
    }
  }

  private column(table: TableDef, col: PgNode, at: (loc: unknown) => Where): void {
    const name = str(col.colname);
    if (!name) return;
    for (const c of arr(col.constraints)) {
      const con = obj(obj(c)?.Constraint);
      if (con) this.constraint(table, con, at, { name, location: col.location });
    }
  }

  private constraint(table: TableDef, con: PgNode, at: (loc: unknown) => Where, column: { name: string; location: unknown } | null): void {
    const type = str(con.contype);
    const conname = str(con.conname);
    const keys = column ? [column.name] : names(con.keys);
    const where = at(column ? column.location : con.location);
    if (type === 'CONSTR_PRIMARY' || type === 'CONSTR_UNIQUE') {
      const kind = type === 'CONSTR_PRIMARY' ? 'primary' : 'unique';
      const using = str(con.indexname);
      if (using) {
        const existing = table.indexes.find((i) => i.name === using);
        if (existing && kind === 'primary') {
          table.indexes = table.indexes.filter((i) => i !== existing);
          table.primaryKey = { ...existing, kind, name: conname ?? using };
        } else if (existing) existing.kind = 'unique';
        return;
      }
      const name = conname ?? (kind === 'primary' ? `${bare(table.name)}_pkey` : `${bare(table.name)}_${keys.join('_')}_key`);
      const idx: IndexDef = { name, columns: keys, partial: false, method: 'btree', kind, ...where };
      if (kind === 'primary') table.primaryKey = idx;
      else table.indexes.push(idx);
      this.owners.set(name, table.name);
    } else if (type === 'CONSTR_FOREIGN') {
      const pk = obj(con.pktable);
      const refTable = tableKey(pk) ?? '?';
      const columns = column ? [column.name] : names(con.fk_attrs);
      const name = conname ?? `${bare(table.name)}_${columns.join('_')}_fkey`;
      table.foreignKeys.push({ table: table.name, columns, refTable, refColumns: names(con.pk_attrs), name, ...where });
      this.owners.set(name, table.name);
    }
  }

  private alterTable(body: PgNode, at: (loc: unknown) => Where): void {
    if (str(body.objtype) !== 'OBJECT_TABLE') return;
    const rel = obj(body.relation);
    const key = tableKey(rel);
    if (!key) return;
    const table = this.table(key, at(rel?.location));
    for (const c of arr(body.cmds)) {
      const cmd = obj(obj(c)?.AlterTableCmd);
      if (!cmd) continue;
      const sub = str(cmd.subtype);
      const def = obj(cmd.def);
      if (sub === 'AT_AddColumn' && obj(def?.ColumnDef)) this.column(table, obj(def!.ColumnDef)!, at);
      else if (sub === 'AT_AddConstraint' && obj(def?.Constraint)) this.constraint(table, obj(def!.Constraint)!, at, null);
      else if (sub === 'AT_DropConstraint' && str(cmd.name)) this.dropConstraint(table, str(cmd.name)!);
      else if (sub === 'AT_DropColumn' && str(cmd.name)) this.dropColumn(table, str(cmd.name)!);
    }
  }

  private createIndex(body: PgNode, at: (loc: unknown) => Where): void {
    const rel = obj(body.relation);
    const key = tableKey(rel);
    if (!key) return;
    const table = this.table(key, at(rel?.location));
    const columns = arr(body.indexParams).map((p) => str(obj(obj(p)?.IndexElem)?.name));
    const name = str(body.idxname) ?? `${bare(table.name)}_${columns.map((c) => c ?? 'expr').join('_')}_idx`;
    if (body.if_not_exists && this.owners.has(name)) return;
    const idx: IndexDef = { name, columns, partial: !!body.whereClause, method: str(body.accessMethod) ?? 'btree', kind: body.unique ? 'unique' : 'index', ...at(rel?.location) };
    if (body.primary) table.primaryKey = { ...idx, kind: 'primary' };
    else table.indexes.push(idx);
    this.owners.set(name, table.name);
  }

  private drop(body: PgNode): void {
    const type = str(body.removeType);
    for (const o of arr(body.objects)) {
      const parts = names(obj(obj(o)?.List)?.items);
      if (!parts.length) continue;
      const name = qualified(parts);
      if (type === 'OBJECT_INDEX') {
        const bareName = parts[parts.length - 1];
        // indexes named by other readers (Alembic operations) are not in `owners`
        const owner = this.schema.tables.get(this.owners.get(bareName) ?? '') ?? [...this.schema.tables.values()].find((t) => t.indexes.some((i) => i.name === bareName));
        if (owner) owner.indexes = owner.indexes.filter((i) => i.name !== bareName);
        this.owners.delete(bareName);
      } else if (type === 'OBJECT_TABLE') {
        this.schema.tables.delete(name);
      }
    }
  }

  private rename(body: PgNode): void {
    const type = str(body.renameType);
    const newname = str(body.newname);
    if (!newname) return;
    if (type === 'OBJECT_TABLE') {
      const key = tableKey(obj(body.relation));
      const t = key ? this.schema.tables.get(key) : undefined;
      if (!t || !key) return;
      this.schema.tables.delete(key);
      const schemaPrefix = key.includes('.') ? key.slice(0, key.indexOf('.') + 1) : '';
      t.name = schemaPrefix + newname;
      for (const fk of t.foreignKeys) fk.table = t.name;
      this.schema.tables.set(t.name, t);
    } else if (type === 'OBJECT_COLUMN') {
      const key = tableKey(obj(body.relation));
      const t = key ? this.schema.tables.get(key) : undefined;
      const old = str(body.subname);
      if (!t || !old) return;
      const swap = (c: string | null) => (c === old ? newname : c);
      for (const i of [t.primaryKey, ...t.indexes]) if (i) i.columns = i.columns.map(swap);
      for (const fk of t.foreignKeys) fk.columns = fk.columns.map((c) => swap(c)!);
    } else if (type === 'OBJECT_INDEX') {
      const old = str(obj(body.relation)?.relname);
      const owner = old ? this.schema.tables.get(this.owners.get(old) ?? '') : undefined;
      const idx = owner?.indexes.find((i) => i.name === old);
      if (idx && old) {
        idx.name = newname;
        this.owners.delete(old);
        this.owners.set(newname, owner!.name);
      }
    }
  }

  private dropConstraint(table: TableDef, name: string): void {
    if (table.primaryKey?.name === name) table.primaryKey = null;
    table.indexes = table.indexes.filter((i) => i.name !== name || i.kind === 'index');
    table.foreignKeys = table.foreignKeys.filter((f) => f.name !== name);
    this.owners.delete(name);
  }

  /** PostgreSQL drops the indexes and constraints that use a dropped column. */
  private dropColumn(table: TableDef, column: string): void {
    if (table.primaryKey?.columns.includes(column)) table.primaryKey = null;
    table.indexes = table.indexes.filter((i) => !i.columns.includes(column));
    table.foreignKeys = table.foreignKeys.filter((f) => !f.columns.includes(column));
  }
}

function bare(table: string): string {
  return table.slice(table.lastIndexOf('.') + 1);
}
