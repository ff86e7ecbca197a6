/**
 * The schema a Prisma schema declares, one per folder of `.prisma` files (multi-file schemas
 * share a folder). Relation fields with `fields: […]` are the foreign keys; `@@index`, `@@unique`,
 * `@@id`, `@id` and `@unique` are indexes. Names follow `@@map`/`@map`. MySQL with real foreign
 * keys indexes them itself; with `relationMode = "prisma"` nothing does. MongoDB has no tables.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { prismaParser, type PrismaAttribute, type PrismaBlock, type PrismaValue } from '../../context/parsers/prisma.js';
import { isTestPath, isVendoredPath } from '../code/sources.js';
import { isTestDataPath } from '../test-data-paths.js';
import { newTable, type IndexDef, type Schema } from './schema-model.js';

export async function prismaSchemas(repo: RepoContext): Promise<Schema[]> {
  const folders = new Map<string, string[]>();
  for (const f of repo.glob('**/*.prisma')) {
    if (isTestPath(f.path) || isVendoredPath(f.path) || isTestDataPath(f.path)) continue;
    const dir = f.path.slice(0, Math.max(0, f.path.lastIndexOf('/')));
    folders.set(dir, [...(folders.get(dir) ?? []), f.path]);
  }
  const out: Schema[] = [];
  for (const [dir, files] of folders) {
    const models: Array<{ block: PrismaBlock; file: string }> = [];
    let provider = '';
    let relationMode = '';
    for (const path of files) {
      const parsed = await repo.parse(path, prismaParser);
      if (!parsed) continue;
      for (const e of parsed.errors.slice(0, 3)) repo.warnings.push(`${path}:${e.line}: Prisma schema not parsed (${e.message}); skipped`);
      for (const b of parsed.blocks) {
        if (b.kind === 'model') models.push({ block: b, file: path });
        if (b.kind === 'datasource') {
          provider = str(b.settings.get('provider')) ?? provider;
          relationMode = str(b.settings.get('relationMode')) ?? str(b.settings.get('referentialIntegrity')) ?? relationMode;
        }
      }
    }
    if (!models.length || provider === 'mongodb') continue;
    const dialect = provider === 'mysql' && relationMode !== 'prisma' ? 'mysql' : provider === 'postgresql' || provider === 'postgres' || provider === 'cockroachdb' ? 'postgresql' : provider === 'sqlite' ? 'sqlite' : provider === 'sqlserver' ? 'sqlserver' : 'unknown';
    out.push(toSchema(dir || '.', models, dialect));
  }
  return out;
}

function toSchema(origin: string, models: Array<{ block: PrismaBlock; file: string }>, dialect: Schema['dialect']): Schema {
  const schema: Schema = { source: 'prisma', origin, dialect, tables: new Map() };
  const tableOf = new Map(models.map(({ block }) => [block.name, str(attr(block.attributes, 'map')?.args[0]?.value) ?? block.name]));
  for (const { block, file } of models) {
    const name = tableOf.get(block.name)!;
    const table = newTable(name, { file, line: block.line });
    const column = new Map(block.fields.map((f) => [f.name, str(attr(f.attributes, 'map')?.args[0]?.value) ?? f.name]));
    const cols = (v: PrismaValue | undefined) => (v?.kind === 'list' ? v.items.map((i) => (i.kind === 'ident' ? (column.get(i.name) ?? i.name) : null)) : []);
    for (const f of block.fields) {
      const where = { file, line: f.line };
      const col = column.get(f.name)!;
      if (attr(f.attributes, 'id')) table.primaryKey = { name: null, columns: [col], partial: false, method: 'btree', kind: 'primary', ...where };
      if (attr(f.attributes, 'unique')) table.indexes.push({ name: null, columns: [col], partial: false, method: 'btree', kind: 'unique', ...where });
      const rel = attr(f.attributes, 'relation');
      const fields = rel ? arg(rel, 'fields', -1) : undefined;
      if (rel && fields) {
        const columns = cols(fields).filter((c): c is string => c !== null);
        const refs = arg(rel, 'references', -1);
        const refTable = tableOf.get(f.type) ?? f.type;
        const refColumns = refs?.kind === 'list' ? refs.items.map((i) => (i.kind === 'ident' ? i.name : '')) : [];
        if (columns.length) table.foreignKeys.push({ table: name, columns, refTable, refColumns, name: null, ...where });
      }
    }
    for (const a of block.attributes) {
      if (!['index', 'unique', 'id'].includes(a.name)) continue;
      const type = arg(a, 'type', -1);
      const idx: IndexDef = {
        name: str(arg(a, 'map', -1)) ?? str(arg(a, 'name', -1)),
        columns: cols(arg(a, 'fields', 0)),
        partial: false,
        method: type?.kind === 'ident' ? type.name.toLowerCase() : 'btree',
        kind: a.name === 'id' ? 'primary' : a.name === 'unique' ? 'unique' : 'index',
        file,
        line: a.line,
      };
      if (idx.kind === 'primary') table.primaryKey = idx;
      else table.indexes.push(idx);
    }
    schema.tables.set(name, table);
  }
  return schema;
}

function attr(list: PrismaAttribute[], name: string): PrismaAttribute | undefined {
  return list.find((a) => a.name === name);
}

/** A named argument, else the positional one at `pos` (-1: named only). */
function arg(a: PrismaAttribute, name: string, pos: number): PrismaValue | undefined {
  return a.args.find((x) => x.name === name)?.value ?? (pos >= 0 ? a.args.filter((x) => x.name === null)[pos]?.value : undefined);
}

function str(v: PrismaValue | undefined): string | null {
  return v?.kind === 'string' ? v.value : null;
}
