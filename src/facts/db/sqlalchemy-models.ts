/**
 * The schema SQLAlchemy models declare: declarative classes (`__tablename__`, Flask-SQLAlchemy's
 * generated names, SQLModel `table=True`), their columns including those of mixin and abstract
 * bases, `__table_args__` (indexes, unique/primary/foreign-key constraints), module-level
 * `Index(...)` and imperative `Table(...)` objects. Mapped classes always have a primary key
 * (SQLAlchemy refuses to map one without), so only `Table(...)` objects can lack one.
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, definitionOf, filesReaching, findKinds, isModuleLevel, lineOf, originIs, originOf, truthy, valueOf, type CodeFile, type CodeIndex } from '../code/index.js';
import { exportedValue } from '../code/resolve.js';
import { addColumn, applyElement, readColumn, saName, type ColumnInfo } from './sqlalchemy-elements.js';
import { newTable, type Schema, type TableDef } from './schema-model.js';

interface ClassInfo {
  name: string;
  file: CodeFile;
  node: SgNode;
  /** undefined: not declared; null: declared but not a literal (a `declared_attr`). */
  tablename: string | null | undefined;
  tableArgs: SgNode | null;
  columns: Array<{ col: ColumnInfo; file: CodeFile }>;
  flask: boolean;
  sqlmodelTable: boolean;
  abstract: boolean;
}

const MAX_BASES = 4;
/** Where saName's and the Flask base's origins start (sqlalchemy-elements.ts). */
const SA_MODULES = ['sqlalchemy', 'flask_sqlalchemy', 'sqlmodel', 'alembic'];
const TABLE = new Set(['Table']);
const INDEX = new Set(['Index']);

export function sqlalchemySchema(index: CodeIndex): Schema {
  const schema: Schema = { source: 'sqlalchemy', origin: 'models', dialect: 'unknown', tables: new Map() };
  for (const file of index.files) {
    // Text tests first, sparing the parse: a column or table is spelled, and the file either may
    // reach SQLAlchemy (Table, Index, Flask's db.Model) or spells table (`__tablename__`, `table=True`).
    if (file.lang !== 'python' || !/Column|mapped_column|Field\(|Table\(/.test(file.text)) continue;
    if (!file.text.includes('table') && !filesReaching(index, SA_MODULES).has(file)) continue;
    if (file.imports.some((b) => b.module === 'alembic')) continue;
    const classTables = new Map<string, { table: string; attrs: Map<string, string> }>();
    for (const cls of findKinds(file, ['class_definition'])) {
      const info = classInfo(index, file, cls, 0);
      if (!info || info.abstract) continue;
      const name = tableNameOf(info);
      if (!name) continue;
      const table = tableFor(schema, name, file.path, lineOf(cls));
      table.primaryKeyKnown = false;
      const attrs = new Map(info.columns.filter((c) => c.col.attr).map((c) => [c.col.attr!, c.col.name]));
      classTables.set(info.name, { table: name, attrs });
      for (const { col, file: owner } of info.columns) addColumn(table, col, owner.path);
      const args = info.tableArgs;
      if (args && ['tuple', 'list'].includes(args.kind() as string)) for (const el of args.namedChildren()) applyElement(index, file, el, table, attrs);
    }
    const tableVars = imperativeTables(index, file, schema);
    for (const call of findKinds(file, ['call'])) {
      if (!isModuleLevel(call) || call.parent()?.kind() === 'argument_list' || !saName(index, file, call, INDEX)) continue;
      const cols = callSite(file, call, { module: 'sqlalchemy', path: ['Index'], python: true }).args.slice(1);
      const owner = cols[0] ? ownerTable(cols[0], classTables, tableVars) : null;
      const table = owner ? schema.tables.get(owner.table) : undefined;
      if (table && owner) applyElement(index, file, call, table, owner.attrs);
    }
  }
  return schema;
}

function tableFor(schema: Schema, name: string, file: string, line: number): TableDef {
  let t = schema.tables.get(name);
  if (!t) {
    t = newTable(name, { file, line });
    schema.tables.set(name, t);
  }
  return t;
}

/** `Table('name', metadata, Column(...), Index(...), ...)`: variable name → table name. */
function imperativeTables(index: CodeIndex, file: CodeFile, schema: Schema): Map<string, string> {
  const vars = new Map<string, string>();
  for (const call of findKinds(file, ['call'])) {
    if (!saName(index, file, call, TABLE)) continue;
    const site = callSite(file, call, { module: 'sqlalchemy', path: ['Table'], python: true });
    const v = site.args[0] ? valueOf(index, file, site.args[0]) : null;
    if (v?.kind !== 'string') continue;
    const table = tableFor(schema, v.value, file.path, site.line);
    // `Table(name, metadata, *elements)`; Flask-SQLAlchemy's `db.Table(name, *elements)` has no metadata
    for (const el of site.args.slice(1)) {
      const col = readColumn(index, file, el, null);
      if (col) addColumn(table, col, file.path);
      else applyElement(index, file, el, table);
    }
    const parent = call.parent();
    if (parent?.kind() === 'assignment' && parent.field('left')?.kind() === 'identifier') vars.set(parent.field('left')!.text(), v.value);
  }
  return vars;
}

/** `User.user_id` → User's table; `orders.c.user_id` → the `orders` Table's name. */
function ownerTable(node: SgNode, classTables: Map<string, { table: string; attrs: Map<string, string> }>, tableVars: Map<string, string>): { table: string; attrs: Map<string, string> } | null {
  if (node.kind() !== 'attribute') return null;
  const obj = node.field('object');
  if (obj?.kind() === 'identifier') return classTables.get(obj.text()) ?? null;
  const t = obj?.kind() === 'attribute' && obj.field('attribute')?.text() === 'c' ? tableVars.get(obj.field('object')?.text() ?? '') : undefined;
  return t ? { table: t, attrs: new Map() } : null;
}

function classInfo(index: CodeIndex, file: CodeFile, cls: SgNode, depth: number): ClassInfo | null {
  const name = cls.field('name')?.text();
  const body = cls.field('body');
  if (!name || !body) return null;
  const info: ClassInfo = { name, file, node: cls, tablename: undefined, tableArgs: null, columns: [], flask: false, sqlmodelTable: false, abstract: false };
  for (const arg of cls.field('superclasses')?.namedChildren() ?? []) {
    if (arg.kind() === 'keyword_argument') {
      if (arg.field('name')?.text() === 'table' && truthy(valueOf(index, file, arg.field('value')!)) === true) info.sqlmodelTable = true;
      continue;
    }
    const o = originOf(index, file, arg);
    if (originIs(o, 'flask_sqlalchemy', 'SQLAlchemy().Model')) info.flask = true;
    const base = depth < MAX_BASES ? localClass(index, file, arg) : null;
    const inherited = base ? classInfo(index, base.file, base.node, depth + 1) : null;
    if (!inherited) continue;
    info.flask ||= inherited.flask;
    // A base that maps its own table: single-table inheritance when this class names none.
    if (inherited.tablename !== undefined && !inherited.abstract) info.tablename = null;
    info.columns.push(...inherited.columns);
  }
  for (const stmt of body.namedChildren()) {
    if (stmt.kind() === 'decorated_definition' && stmt.field('definition')?.field('name')?.text() === '__tablename__') info.tablename = null;
    const a = stmt.kind() === 'expression_statement' ? stmt.namedChildren()[0] : null;
    if (a?.kind() !== 'assignment') continue;
    const left = a.field('left');
    const right = a.field('right');
    if (left?.kind() !== 'identifier' || !right) continue;
    const attr = left.text();
    if (attr === '__tablename__') {
      const v = valueOf(index, file, right);
      info.tablename = v.kind === 'string' ? v.value : null;
    } else if (attr === '__table_args__') info.tableArgs = right;
    else if (attr === '__abstract__') info.abstract = truthy(valueOf(index, file, right)) === true;
    else {
      const col = readColumn(index, file, right, attr);
      if (col) info.columns.push({ col, file });
    }
  }
  return info;
}

/** A base class defined in this file or imported from a local module. */
function localClass(index: CodeIndex, file: CodeFile, node: SgNode): { file: CodeFile; node: SgNode } | null {
  if (node.kind() !== 'identifier') return null;
  const def = definitionOf(file, node.text(), node);
  if (def?.kind() === 'class_definition') return { file, node: def };
  const binding = file.imports.find((b) => b.local === node.text() && b.name);
  const target = binding ? index.resolveModule(file, binding.module) : undefined;
  const exported = target && binding?.name ? exportedValue(target, binding.name) : null;
  return exported?.kind() === 'class_definition' ? { file: target!, node: exported } : null;
}

function tableNameOf(info: ClassInfo): string | null {
  if (typeof info.tablename === 'string') return info.tablename;
  if (info.tablename === null) return null;
  if (info.sqlmodelTable) return info.name.toLowerCase();
  if (info.flask && info.columns.some((c) => c.col.primary)) return camelToSnake(info.name);
  return null;
}

/** Flask-SQLAlchemy's generated table name: `UserRole` → `user_role`, `HTTPLog` → `http_log`. */
export function camelToSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/^_+/, '');
}

