/**
 * SQLAlchemy schema constructs read from Python syntax trees: `Column`/`mapped_column` (and
 * SQLModel `Field`) with their `ForeignKey`s and `index=`/`unique=`/`primary_key=`, and the table
 * elements `Index`, `UniqueConstraint`, `PrimaryKeyConstraint`, `ForeignKeyConstraint`. Shared by
 * the model reader (declarative classes, `Table(...)`) and the Alembic reader (`op.create_table`).
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, lineOf, originOf, truthy, valueOf, type CodeFile, type CodeIndex } from '../code/index.js';
import type { IndexDef, TableDef } from './schema-model.js';

const SA_ROOTS = new Set(['sqlalchemy', 'flask_sqlalchemy', 'sqlmodel', 'alembic']);

/** The SQLAlchemy/Alembic name a call's callee resolves to (`Column`, `ForeignKey`, `create_index`), or null. */
export function saName(index: CodeIndex, file: CodeFile, call: SgNode, wanted: ReadonlySet<string>): string | null {
  if (call.kind() !== 'call') return null;
  const fn = call.field('function');
  if (!fn) return null;
  const last = fn.kind() === 'identifier' ? fn.text() : fn.kind() === 'attribute' ? fn.field('attribute')?.text() : undefined;
  if (!last || !wanted.has(last)) return null;
  const o = originOf(index, file, fn);
  if (!o?.python || !SA_ROOTS.has(o.module.split('.')[0])) return null;
  const tail = o.path.length ? o.path[o.path.length - 1] : o.module.split('.').pop();
  return tail === last ? last : null;
}

export interface ColumnInfo {
  /** The Python attribute it is bound to, when declared in a class. */
  attr: string | null;
  name: string;
  line: number;
  fks: Array<{ refTable: string; refColumns: string[]; line: number }>;
  index: boolean;
  unique: boolean;
  primary: boolean;
}

const COLUMN = new Set(['Column', 'mapped_column', 'Field']);
const FOREIGN_KEY = new Set(['ForeignKey']);
const ELEMENTS = new Set(['Index', 'UniqueConstraint', 'PrimaryKeyConstraint', 'ForeignKeyConstraint']);

/** `'users.id'`, `'auth.users.id'` → table and column. */
export function splitTarget(target: string): { refTable: string; refColumns: string[] } {
  const dot = target.lastIndexOf('.');
  return dot < 0 ? { refTable: target, refColumns: [] } : { refTable: target.slice(0, dot), refColumns: [target.slice(dot + 1)] };
}

function isTrue(index: CodeIndex, file: CodeFile, node: SgNode | undefined): boolean {
  return node ? truthy(valueOf(index, file, node)) === true : false;
}

function stringArg(index: CodeIndex, file: CodeFile, node: SgNode | undefined): string | null {
  if (!node) return null;
  const v = valueOf(index, file, node);
  return v.kind === 'string' ? v.value : null;
}

/** A `Column(...)`, `mapped_column(...)` or SQLModel `Field(...)` call, or null when `node` is none of them. */
export function readColumn(index: CodeIndex, file: CodeFile, node: SgNode, attr: string | null): ColumnInfo | null {
  const kind = saName(index, file, node, COLUMN);
  if (!kind) return null;
  const call = callSite(file, node, { module: 'sqlalchemy', path: [kind], python: true });
  const kw = (n: string) => call.kwargs.get(n);
  const col: ColumnInfo = { attr, name: attr ?? '', line: call.line, fks: [], index: isTrue(index, file, kw('index')), unique: isTrue(index, file, kw('unique')), primary: isTrue(index, file, kw('primary_key')) };
  if (kind === 'Field') {
    const target = stringArg(index, file, kw('foreign_key'));
    if (target) col.fks.push({ ...splitTarget(target), line: lineOf(kw('foreign_key')!) });
    return attr ? col : null;
  }
  const first = stringArg(index, file, call.args[0]);
  if (first !== null) col.name = first;
  const nameKw = stringArg(index, file, kw('name'));
  if (nameKw) col.name = nameKw;
  for (const a of call.args) {
    if (!saName(index, file, a, FOREIGN_KEY)) continue;
    const fk = callSite(file, a, call.origin);
    const target = fk.args[0];
    const text = stringArg(index, file, target);
    // `ForeignKey(User.id)`: the mapped attribute's class stands for its table
    const ref = text !== null ? splitTarget(text) : target ? { refTable: target.text().split('.').slice(0, -1).join('.') || target.text(), refColumns: [target.text().split('.').pop() ?? ''] } : null;
    if (ref) col.fks.push({ ...ref, line: lineOf(a) });
  }
  return col.name ? col : null;
}

/** Adds a column to a table: its foreign keys, its own index/unique, its share of the primary key. */
export function addColumn(table: TableDef, col: ColumnInfo, file: string): void {
  const where = { file, line: col.line };
  if (col.primary) {
    if (table.primaryKey) table.primaryKey.columns.push(col.name);
    else table.primaryKey = { name: null, columns: [col.name], partial: false, method: 'btree', kind: 'primary', ...where };
  }
  if (col.index || col.unique) table.indexes.push({ name: null, columns: [col.name], partial: false, method: 'btree', kind: col.unique ? 'unique' : 'index', ...where });
  for (const fk of col.fks) table.foreignKeys.push({ table: table.name, columns: [col.name], refTable: fk.refTable, refColumns: fk.refColumns, name: null, file, line: fk.line });
}

/** A column named in a table element: `'user_id'`, `User.user_id`, `t.c.user_id`; null for an expression. */
export function elementColumn(index: CodeIndex, file: CodeFile, node: SgNode, attrs: ReadonlyMap<string, string>): string | null {
  const v = valueOf(index, file, node);
  if (v.kind === 'string') return attrs.get(v.value) ?? v.value;
  if (node.kind() === 'attribute') {
    const a = node.field('attribute')?.text() ?? '';
    return attrs.get(a) ?? a;
  }
  if (node.kind() === 'identifier') return attrs.get(node.text()) ?? node.text();
  return null;
}

/**
 * `Index(...)`, `UniqueConstraint(...)`, `PrimaryKeyConstraint(...)`, `ForeignKeyConstraint(...)` in
 * a `Table(...)`, `op.create_table(...)` or `__table_args__`: applied to `table`. False when `node` is
 * none of them.
 */
export function applyElement(index: CodeIndex, file: CodeFile, node: SgNode, table: TableDef, attrs: ReadonlyMap<string, string> = new Map()): boolean {
  const kind = saName(index, file, node, ELEMENTS);
  if (!kind) return false;
  const call = callSite(file, node, { module: 'sqlalchemy', path: [kind], python: true });
  const where = { file: file.path, line: call.line };
  const cols = (nodes: SgNode[]) => nodes.map((n) => elementColumn(index, file, n, attrs));
  if (kind === 'ForeignKeyConstraint') {
    const local = listItems(call.args[0]);
    const remote = listItems(call.args[1]);
    const first = remote[0] ? stringArg(index, file, remote[0]) : null;
    const ref = first ? splitTarget(first) : { refTable: '?', refColumns: [] };
    const columns = cols(local).filter((c): c is string => c !== null);
    const refColumns = remote.map((r) => stringArg(index, file, r)?.split('.').pop() ?? '');
    if (columns.length) table.foreignKeys.push({ table: table.name, columns, refTable: ref.refTable, refColumns, name: stringArg(index, file, call.kwargs.get('name')), ...where });
    return true;
  }
  const name = kind === 'Index' ? stringArg(index, file, call.args[0]) : stringArg(index, file, call.kwargs.get('name'));
  const keyNodes = kind === 'Index' ? call.args.slice(1) : call.args;
  const partial = [...call.kwargs.keys()].some((k) => /_where$/.test(k));
  const using = stringArg(index, file, call.kwargs.get('postgresql_using'));
  const idx: IndexDef = {
    name,
    columns: cols(keyNodes),
    partial,
    method: using ?? 'btree',
    kind: kind === 'PrimaryKeyConstraint' ? 'primary' : kind === 'UniqueConstraint' || isTrue(index, file, call.kwargs.get('unique')) ? 'unique' : 'index',
    ...where,
  };
  if (idx.kind === 'primary') table.primaryKey = idx;
  else table.indexes.push(idx);
  return true;
}

/** Items of a list/tuple literal (or a single node). */
export function listItems(node: SgNode | undefined): SgNode[] {
  if (!node) return [];
  return ['list', 'tuple'].includes(node.kind() as string) ? node.namedChildren().filter((c) => c.kind() !== 'comment') : [node];
}

