/**
 * Every relational schema the repository declares, from each kind of source: SQL migration folders,
 * Alembic version folders, SQLAlchemy models, Django models and Prisma schemas. Migrations describe
 * the database as built; models describe what their tooling would build.
 */
import { defineFact } from '../../context/repo-context.js';
import { codeIndexFact, valueOf } from '../code/index.js';
import { djangoSettingsFact, type DjangoSettings } from '../django-settings.js';
import type { CodeIndex } from '../code/code-index.js';
import { sqlSchemasFact } from './sql-migrations.js';
import { alembicSchemas } from './alembic.js';
import { sqlalchemySchema } from './sqlalchemy-models.js';
import { djangoSchema } from './django-models.js';
import { prismaSchemas } from './prisma-schema.js';
import type { Schema } from './schema-model.js';

export type { Schema, TableDef, ForeignKey, IndexDef } from './schema-model.js';

export const dbSchemasFact = defineFact<Schema[]>('db:schemas', async (repo) => {
  const [index, django, sql] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact), repo.fact(sqlSchemasFact)]);
  const out: Schema[] = [...sql];
  out.push(...(await alembicSchemas(index, (m) => repo.warnings.push(m))));
  for (const s of [sqlalchemySchema(index), djangoSchema(index, djangoUsesMysql(index, django))]) if (s.tables.size) out.push(s);
  out.push(...(await prismaSchemas(repo)));
  return out;
});

/** `DATABASES['default']['ENGINE']` names MySQL in a production settings module. */
function djangoUsesMysql(index: CodeIndex, django: DjangoSettings): boolean {
  return django.inProduction('DATABASES').some((hit) => {
    const v = valueOf(index, hit.module.file, hit.node);
    const def = v.kind === 'map' ? v.entries.get('default') : undefined;
    const engine = def?.kind === 'map' ? def.entries.get('ENGINE') : undefined;
    return engine?.kind === 'string' && /mysql/.test(engine.value);
  });
}
