/**
 * The schema Django models declare. Django indexes every `ForeignKey` itself (`db_index=True` is the
 * default) and `OneToOneField` is unique, so a foreign key lacks an index only with
 * `db_index=False` — unless `Meta.indexes`, `unique_together`, `index_together` or a
 * `UniqueConstraint` leads with its column. Tables are `<app>_<model>` unless `Meta.db_table`
 * says otherwise; every model has a primary key (Django adds `id`).
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, definitionOf, findKinds, lineOf, originIs, originOf, truthy, valueOf, type CodeFile, type CodeIndex } from '../code/index.js';
import { newTable, type IndexDef, type Schema, type TableDef } from './schema-model.js';

interface Field {
  attr: string;
  column: string;
  line: number;
  fk: { refTable: string; indexed: boolean } | null;
  indexed: boolean;
}

const MAX_DEPTH = 4;

export function djangoSchema(index: CodeIndex, mysql: boolean): Schema {
  const schema: Schema = { source: 'django', origin: 'models', dialect: mysql ? 'mysql' : 'unknown', tables: new Map() };
  for (const file of index.files) {
    if (file.lang !== 'python' || !file.text.includes('django') || !file.imports.some((b) => b.module === 'django.db' || b.module.startsWith('django.db.models'))) continue;
    for (const cls of findKinds(file, ['class_definition'])) {
      const model = readModel(index, file, cls, 0);
      if (!model || model.abstract) continue;
      const name = model.dbTable ?? `${model.appLabel ?? appLabelOf(file.path)}_${model.name.toLowerCase()}`;
      const table = newTable(name, { file: file.path, line: lineOf(cls) });
      table.primaryKeyKnown = false;
      const columns = new Map(model.fields.map((f) => [f.attr, f.column]));
      for (const f of model.fields) {
        const where = { file: f.file, line: f.line };
        if (f.indexed) table.indexes.push({ name: null, columns: [f.column], partial: false, method: 'btree', kind: 'index', ...where });
        if (f.fk) table.foreignKeys.push({ table: name, columns: [f.column], refTable: f.fk.refTable, refColumns: ['id'], name: null, ...where });
      }
      for (const idx of model.metaIndexes) table.indexes.push({ ...idx, columns: idx.columns.map((c) => (c === null ? null : (columns.get(c) ?? c))) });
      schema.tables.set(name, table);
    }
  }
  return schema;
}

interface Model {
  name: string;
  abstract: boolean;
  dbTable: string | null;
  appLabel: string | null;
  fields: Array<Field & { file: string }>;
  metaIndexes: IndexDef[];
}

function readModel(index: CodeIndex, file: CodeFile, cls: SgNode, depth: number): Model | null {
  const name = cls.field('name')?.text();
  const body = cls.field('body');
  if (!name || !body) return null;
  let isModel = false;
  const model: Model = { name, abstract: false, dbTable: null, appLabel: null, fields: [], metaIndexes: [] };
  for (const base of cls.field('superclasses')?.namedChildren() ?? []) {
    if (base.kind() === 'keyword_argument') continue;
    if (originIs(originOf(index, file, base), 'django.db.models', 'Model')) isModel = true;
    const def = base.kind() === 'identifier' && depth < MAX_DEPTH ? definitionOf(file, base.text(), base) : null;
    const parent = def?.kind() === 'class_definition' ? readModel(index, file, def, depth + 1) : null;
    if (!parent) continue;
    isModel = true;
    // Abstract parents lend their fields; concrete ones keep them in their own table.
    if (parent.abstract) model.fields.push(...parent.fields);
  }
  if (!isModel) return null;
  for (const stmt of body.namedChildren()) {
    if (stmt.kind() === 'class_definition' && stmt.field('name')?.text() === 'Meta') {
      readMeta(index, file, stmt, model);
      continue;
    }
    const a = stmt.kind() === 'expression_statement' ? stmt.namedChildren()[0] : null;
    const left = a?.kind() === 'assignment' ? a.field('left') : null;
    const right = a?.field('right');
    if (left?.kind() !== 'identifier' || right?.kind() !== 'call') continue;
    const field = readField(index, file, left.text(), right);
    if (field) model.fields.push({ ...field, file: file.path });
  }
  return model;
}

function readField(index: CodeIndex, file: CodeFile, attr: string, node: SgNode): Field | null {
  const o = originOf(index, file, node.field('function')!);
  const kind = ['ForeignKey', 'OneToOneField'].find((k) => originIs(o, 'django.db.models', k));
  const call = callSite(file, node, o ?? { module: '', path: [], python: true });
  const kw = (n: string) => call.kwargs.get(n);
  const flag = (n: string) => {
    const v = kw(n);
    return v ? truthy(valueOf(index, file, v)) : null;
  };
  const dbColumn = kw('db_column') ? valueOf(index, file, kw('db_column')!) : null;
  if (!kind) {
    // plain fields matter only when they carry their own index
    const indexed = flag('db_index') === true || flag('unique') === true || flag('primary_key') === true;
    return indexed ? { attr, column: dbColumn?.kind === 'string' ? dbColumn.value : attr, line: call.line, fk: null, indexed } : null;
  }
  const target = call.args[0] ?? kw('to');
  const tv = target ? valueOf(index, file, target) : null;
  const refTable = tv?.kind === 'string' ? tv.value : (target?.text() ?? '?');
  const indexed = kind === 'OneToOneField' || flag('unique') === true || flag('db_index') !== false;
  return { attr, column: dbColumn?.kind === 'string' ? dbColumn.value : `${attr}_id`, line: call.line, fk: { refTable, indexed }, indexed };
}

function readMeta(index: CodeIndex, file: CodeFile, meta: SgNode, model: Model): void {
  const fieldsOf = (v: SgNode | undefined): Array<string | null> =>
    v && ['list', 'tuple'].includes(v.kind() as string)
      ? v.namedChildren().map((c) => {
          const s = valueOf(index, file, c);
          return s.kind === 'string' ? s.value.replace(/^-/, '') : null;
        })
      : [];
  for (const stmt of meta.field('body')?.namedChildren() ?? []) {
    const a = stmt.kind() === 'expression_statement' ? stmt.namedChildren()[0] : null;
    const name = a?.kind() === 'assignment' ? a.field('left')?.text() : undefined;
    const right = a?.field('right');
    if (!name || !right) continue;
    const v = valueOf(index, file, right);
    const where = { file: file.path, line: lineOf(right) };
    if (name === 'abstract') model.abstract = truthy(v) === true;
    else if (name === 'db_table' && v.kind === 'string') model.dbTable = v.value;
    else if (name === 'app_label' && v.kind === 'string') model.appLabel = v.value;
    else if (name === 'unique_together' || name === 'index_together') {
      const items = right.namedChildren();
      // ('a', 'b') alone, or a list of such tuples
      const groups = items.every((i) => i.kind() === 'string') ? [right] : items;
      for (const g of groups) model.metaIndexes.push({ name: null, columns: fieldsOf(g), partial: false, method: 'btree', kind: name === 'unique_together' ? 'unique' : 'index', ...where });
    } else if (name === 'indexes' || name === 'constraints') {
      for (const item of right.namedChildren()) {
        if (item.kind() !== 'call') continue;
        const o = originOf(index, file, item.field('function')!);
        const isIndex = originIs(o, 'django.db.models', 'Index');
        if (!isIndex && !originIs(o, 'django.db.models', 'UniqueConstraint')) continue;
        const site = callSite(file, item, o!);
        const fields = site.kwargs.get('fields');
        model.metaIndexes.push({ name: null, columns: fieldsOf(fields), partial: site.kwargs.has('condition'), method: 'btree', kind: isIndex ? 'index' : 'unique', file: file.path, line: site.line });
      }
    }
  }
}

/** The app a models module belongs to: `shop/models.py` and `shop/models/order.py` → `shop`. */
export function appLabelOf(path: string): string {
  const parts = path.split('/');
  const i = parts.lastIndexOf('models') >= 0 && parts.lastIndexOf('models') < parts.length - 1 ? parts.lastIndexOf('models') : parts.length - 1;
  return parts[i - 1] ?? 'app';
}

export type { TableDef };
