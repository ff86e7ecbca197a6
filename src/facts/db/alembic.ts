/**
 * Alembic migrations replayed into a schema: each versions folder's scripts in revision order
 * (the `down_revision` chain, merges included), only their `upgrade()` bodies, operation by
 * operation — `op.create_table` with its columns and constraints, `op.add_column`,
 * `op.create_index`/`drop_index`, `op.create_foreign_key`, `op.create_primary_key`,
 * `op.create_unique_constraint`, `op.drop_constraint`, `op.drop_table`/`rename_table`, the same
 * operations on `op.batch_alter_table(...)` handles, and `op.execute("…SQL…")` through the
 * PostgreSQL parser.
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, enclosingFunction, findKinds, isModuleLevel, lineOf, originOf, truthy, valueOf, type CodeFile, type CodeIndex } from '../code/index.js';
import { loadPgsql, pgsqlParser } from '../../context/parsers/pgsql.js';
import { addColumn, applyElement, listItems, readColumn } from './sqlalchemy-elements.js';
import { SqlReplay } from './sql-replay.js';
import { newTable, type Schema, type TableDef } from './schema-model.js';

interface Revision {
  file: CodeFile;
  id: string | null;
  down: string[];
}

export async function alembicSchemas(index: CodeIndex, warn: (msg: string) => void): Promise<Schema[]> {
  const folders = new Map<string, Revision[]>();
  for (const file of index.files) {
    if (file.lang !== 'python' || !file.text.includes('alembic') || !file.imports.some((b) => b.module === 'alembic' && b.name === 'op')) continue;
    const rev = revisionOf(index, file);
    if (!rev) continue;
    const dir = file.path.slice(0, Math.max(0, file.path.lastIndexOf('/')));
    folders.set(dir, [...(folders.get(dir) ?? []), rev]);
  }
  if (!folders.size) return [];
  await loadPgsql();
  const out: Schema[] = [];
  for (const [dir, revs] of folders) {
    const schema: Schema = { source: 'alembic', origin: dir || '.', dialect: 'unknown', tables: new Map() };
    const sql = new SqlReplay(schema);
    for (const rev of revisionOrder(revs)) replayUpgrade(index, rev.file, schema, sql, warn);
    if (schema.tables.size) out.push(schema);
  }
  return out;
}

function revisionOf(index: CodeIndex, file: CodeFile): Revision | null {
  let id: string | null | undefined;
  let down: string[] = [];
  for (const a of findKinds(file, ['assignment'])) {
    const name = a.field('left')?.text();
    const right = a.field('right');
    if (!right || !isModuleLevel(a) || (name !== 'revision' && name !== 'down_revision')) continue;
    const v = valueOf(index, file, right);
    const strings = v.kind === 'string' ? [v.value] : v.kind === 'list' ? v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
    if (name === 'revision') id = strings[0] ?? null;
    else down = strings;
  }
  return id === undefined ? null : { file, id, down };
}

/** Parents before children (Kahn's order, ties by file name); scripts outside the chain last. */
export function revisionOrder(revs: Revision[]): Revision[] {
  const byId = new Map(revs.filter((r) => r.id).map((r) => [r.id!, r]));
  const sorted = [...revs].sort((a, b) => a.file.path.localeCompare(b.file.path, 'en', { numeric: true }));
  const done = new Set<Revision>();
  const out: Revision[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const r of sorted) {
      if (done.has(r)) continue;
      if (r.down.every((d) => !byId.has(d) || done.has(byId.get(d)!))) {
        done.add(r);
        out.push(r);
        progress = true;
      }
    }
  }
  return [...out, ...sorted.filter((r) => !done.has(r))];
}

function replayUpgrade(index: CodeIndex, file: CodeFile, schema: Schema, sql: SqlReplay, warn: (msg: string) => void): void {
  const batches = batchHandles(index, file);
  for (const call of findKinds(file, ['call'])) {
    const fnName = enclosingFunction(call)?.field('name')?.text() ?? '';
    if (!fnName.startsWith('upgrade')) continue;
    const fn = call.field('function');
    if (fn?.kind() !== 'attribute') continue;
    const op = fn.field('attribute')?.text() ?? '';
    const receiver = fn.field('object');
    const batch = receiver?.kind() === 'identifier' ? batches.find((b) => b.alias === receiver.text() && b.body.range().start.index <= call.range().start.index && call.range().end.index <= b.body.range().end.index) : undefined;
    if (batch) {
      applyOp(index, file, call, op, schema, sql, batch.table, warn);
      continue;
    }
    const o = originOf(index, file, fn);
    const chain = o ? [...o.module.split('.'), ...o.path] : [];
    if (chain.length === 3 && chain[0] === 'alembic' && chain[1] === 'op') applyOp(index, file, call, op, schema, sql, null, warn);
  }
}

/** `with op.batch_alter_table('t') as batch_op:` → alias, table and the block it is valid in. */
function batchHandles(index: CodeIndex, file: CodeFile): Array<{ alias: string; table: string; body: SgNode }> {
  const out: Array<{ alias: string; table: string; body: SgNode }> = [];
  for (const w of findKinds(file, ['with_statement'])) {
    const body = w.field('body');
    for (const item of w.findAll({ rule: { kind: 'as_pattern' } })) {
      const call = item.namedChildren()[0];
      const alias = item.find({ rule: { kind: 'as_pattern_target' } })?.text();
      if (call?.kind() !== 'call' || !alias || !body || call.field('function')?.field('attribute')?.text() !== 'batch_alter_table') continue;
      const first = callSite(file, call, { module: 'alembic', path: [], python: true }).args[0];
      const v = first ? valueOf(index, file, first) : null;
      if (v?.kind === 'string') out.push({ alias, table: v.value, body });
    }
  }
  return out;
}

function applyOp(index: CodeIndex, file: CodeFile, node: SgNode, op: string, schema: Schema, sql: SqlReplay, batchTable: string | null, warn: (msg: string) => void): void {
  const call = callSite(file, node, { module: 'alembic', path: ['op', op], python: true });
  const where = { file: file.path, line: call.line };
  // positional index of an argument when the table is given by the batch handle instead
  const arg = (pos: number, kw: string): SgNode | undefined => call.kwargs.get(kw) ?? call.args[batchTable !== null && pos > 0 ? pos - 1 : pos];
  const str = (n: SgNode | undefined): string | null => {
    if (!n) return null;
    // op.f('ix_name') marks a name as final
    if (n.kind() === 'call' && /(^|\.)f$/.test(n.field('function')?.text() ?? '')) return str(callSite(file, n, call.origin).args[0]);
    const v = valueOf(index, file, n);
    return v.kind === 'string' ? v.value : null;
  };
  const names = (n: SgNode | undefined): Array<string | null> => listItems(n).map((i) => str(i));
  const tableArg = (pos: number, kw: string) => batchTable ?? str(arg(pos, kw));
  const table = (name: string | null): TableDef | null => {
    if (!name) return null;
    let t = schema.tables.get(name);
    if (!t) {
      t = newTable(name, where, true);
      schema.tables.set(name, t);
    }
    return t;
  };
  switch (op) {
    case 'create_table': {
      const name = str(call.kwargs.get('table_name') ?? call.args[0]);
      if (!name) return;
      const t = newTable(name, where);
      schema.tables.set(name, t);
      for (const el of call.args.slice(1)) {
        const col = readColumn(index, file, el, null);
        if (col) addColumn(t, col, file.path);
        else applyElement(index, file, el, t);
      }
      return;
    }
    case 'drop_table': {
      const name = str(arg(0, 'table_name'));
      if (name) schema.tables.delete(name);
      return;
    }
    case 'rename_table': {
      const [from, to] = [str(arg(0, 'old_table_name')), str(arg(1, 'new_table_name'))];
      const t = from ? schema.tables.get(from) : undefined;
      if (!t || !to) return;
      schema.tables.delete(from!);
      t.name = to;
      for (const fk of t.foreignKeys) fk.table = to;
      schema.tables.set(to, t);
      return;
    }
    case 'add_column': {
      const t = table(batchTable ?? str(arg(0, 'table_name')));
      const colNode = batchTable !== null ? (call.kwargs.get('column') ?? call.args[0]) : (call.kwargs.get('column') ?? call.args[1]);
      const col = colNode ? readColumn(index, file, colNode, null) : null;
      if (t && col) addColumn(t, col, file.path);
      return;
    }
    case 'drop_column': {
      const t = table(tableArg(0, 'table_name'));
      const col = str(arg(1, 'column_name'));
      if (!t || !col) return;
      if (t.primaryKey?.columns.includes(col)) t.primaryKey = null;
      t.indexes = t.indexes.filter((i) => !i.columns.includes(col));
      t.foreignKeys = t.foreignKeys.filter((f) => !f.columns.includes(col));
      return;
    }
    case 'create_index': {
      const name = str(call.kwargs.get('index_name') ?? call.args[0]);
      const t = table(batchTable ?? str(call.kwargs.get('table_name') ?? call.args[1]));
      const cols = batchTable !== null ? (call.kwargs.get('columns') ?? call.args[1]) : (call.kwargs.get('columns') ?? call.args[2]);
      if (!t) return;
      const unique = call.kwargs.get('unique');
      const partial = [...call.kwargs.keys()].some((k) => /_where$/.test(k));
      const using = str(call.kwargs.get('postgresql_using'));
      t.indexes.push({ name, columns: names(cols), partial, method: using ?? 'btree', kind: unique && truthy(valueOf(index, file, unique)) === true ? 'unique' : 'index', ...where });
      return;
    }
    case 'drop_index': {
      const name = str(call.kwargs.get('index_name') ?? call.args[0]);
      const tname = batchTable ?? str(call.kwargs.get('table_name') ?? call.args[1]);
      for (const t of schema.tables.values()) if (!tname || t.name === tname) t.indexes = t.indexes.filter((i) => i.name !== name);
      return;
    }
    case 'create_foreign_key': {
      const name = str(arg(0, 'constraint_name'));
      const t = table(batchTable ?? str(call.kwargs.get('source_table') ?? call.args[1]));
      const off = batchTable !== null ? 1 : 2;
      const ref = str(call.kwargs.get('referent_table') ?? call.args[off]);
      const local = names(call.kwargs.get('local_cols') ?? call.args[off + 1]).filter((c): c is string => c !== null);
      const remote = names(call.kwargs.get('remote_cols') ?? call.args[off + 2]).map((c) => c ?? '');
      if (t && ref && local.length) t.foreignKeys.push({ table: t.name, columns: local, refTable: ref, refColumns: remote, name, ...where });
      return;
    }
    case 'create_primary_key':
    case 'create_unique_constraint': {
      const name = str(arg(0, 'constraint_name'));
      const t = table(tableArg(1, 'table_name'));
      const cols = names(call.kwargs.get('columns') ?? call.args[batchTable !== null ? 1 : 2]);
      if (!t) return;
      const idx = { name, columns: cols, partial: false, method: 'btree', kind: op === 'create_primary_key' ? ('primary' as const) : ('unique' as const), ...where };
      if (idx.kind === 'primary') t.primaryKey = idx;
      else t.indexes.push(idx);
      return;
    }
    case 'drop_constraint': {
      const name = str(arg(0, 'constraint_name'));
      const t = table(tableArg(1, 'table_name'));
      if (!t || !name) return;
      if (t.primaryKey?.name === name) t.primaryKey = null;
      t.indexes = t.indexes.filter((i) => i.name !== name);
      t.foreignKeys = t.foreignKeys.filter((f) => f.name !== name);
      return;
    }
    case 'execute': {
      const text = str(call.kwargs.get('sqltext') ?? call.args[0]);
      if (!text) return;
      const parsed = pgsqlParser.parse(text, file.path);
      for (const e of parsed.errors.slice(0, 1)) warn(`${file.path}:${call.line}: SQL in op.execute not parsed as PostgreSQL (${e.message}); skipped`);
      sql.apply(file.path, { ...parsed, lineAt: () => lineOf(node) });
      return;
    }
  }
}
